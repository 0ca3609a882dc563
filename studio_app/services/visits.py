"""Visits (接待走访记录): registration, the case workflow, trash."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from studio_app.core import kinds
from studio_app.core.codes import Channel, Handling, VisitStatus
from studio_app.core.errors import TransitionRefused, UserError, ValidationError
from studio_app.core.workflow import CLOSES_AT_ONCE, can_transition, initial_status
from studio_app.services import origins, records
from studio_app.services.coerce import clean
from studio_app.services.context import Context
from studio_app.services.serials import next_serial
from studio_app.storage.models import Visit

VISIT = records.record_type(kinds.VISIT, Visit)

DEFAULT_DUE_DAYS = 15
FUTURE_TOLERANCE = timedelta(minutes=5)
REFERRAL_KEYS = ("referred_unit", "referred_at", "due_at")


def _check(
    ctx: Context, data: dict[str, Any], merged: Mapping[str, Any], channel_was: str = ""
) -> None:
    """Rules across fields, checked on the record as it will be after the change
    (``channel_was``: a saved visit's channel until now)."""
    errors: dict[str, str] = {}
    occurred = merged.get("occurred_at")
    if occurred is not None and occurred > ctx.now_local() + FUTURE_TOLERANCE:
        errors["occurred_at"] = "接待时间：不能晚于现在"
    if "members" in merged and not merged["members"]:
        errors["members"] = "值班/走访委员：至少选择一位委员"
    count = merged.get("visitor_count")
    if count is not None and count < 1:
        errors["visitor_count"] = "来访人数：至少为 1"
    elif count is not None and count < len(merged.get("residents") or []):
        errors["visitor_count"] = "来访人数：不能少于所选来访群众的人数"
    handling = merged.get("handling")
    if handling == Handling.REFERRED:
        if not merged.get("referred_unit"):
            errors["referred_unit"] = "转办单位：转有关部门时必填"
        ref, due = merged.get("referred_at"), merged.get("due_at")
        if ref and due and due < ref:
            errors["due_at"] = "办理时限：不能早于转办日期"
        if ref and occurred and ref < occurred.date():
            errors["referred_at"] = "转办日期：不能早于接待时间"
    elif handling and any(data.get(k) for k in REFERRAL_KEYS):
        errors["referred_unit"] = "转办单位/日期/时限：只有“转有关部门”的事项才填写"
    through = merged.get("channel") == Channel.REPORTING_POINT
    if through and channel_was != Channel.REPORTING_POINT and not merged.get("reporting_point"):
        errors["reporting_point"] = "直报点：通过直报点反映时必填"  # (older visits may lack it)
    elif not through and data.get("reporting_point"):
        errors["reporting_point"] = "直报点：只有接待方式为“直报点”时才填写"
    for key in ("feedback_at", "revisit_at"):
        day = merged.get(key)
        if day and occurred and day < occurred.date():
            errors[key] = f"{VISIT.field(key).label}：不能早于接待时间"
        if day and day > ctx.today():
            errors[key] = f"{VISIT.field(key).label}：不能晚于今天"
    if errors:
        raise ValidationError(errors)


def _fill_referral(data: dict[str, Any], occurred_day: date) -> None:
    if data.get("handling") == Handling.REFERRED:
        data["referred_at"] = data.get("referred_at") or occurred_day
        data["due_at"] = data.get("due_at") or data["referred_at"] + timedelta(DEFAULT_DUE_DAYS)


def create(
    ctx: Context,
    values: Mapping[str, Any],
    *,
    grew_from: Mapping[str, Sequence[int]] | None = None,
) -> Visit:
    """Register a visit; answered ones close at once, referred ones start referred.
    ``grew_from``: the records it grew from by kind (e.g. contacts), linked to it."""
    values = dict(values)
    values.setdefault("visitor_count", max(1, len(values.get("residents") or [])))
    data = clean(kinds.VISIT.fields, values, partial=False)
    data.setdefault("residents", [])
    _fill_referral(data, data["occurred_at"].date())
    _check(ctx, data, data)
    status = initial_status(Handling(data["handling"]))
    sources = origins.check(kinds.VISIT.name, grew_from or {})
    assert kinds.VISIT.serial_prefix  # declared with one
    with records.atomic():
        serial = next_serial(ctx, kinds.VISIT.serial_prefix, ctx.today().year)
        row = records.insert(ctx, VISIT, data, serial=serial, extra={"status": status.value})
        origins.link(kinds.VISIT.name, row.id, sources)
    return row


def update(
    ctx: Context,
    visit_id: int | str,
    changes: Mapping[str, Any],
    *,
    expected_rev: int | None = None,
) -> Visit:
    """Edit fields; the status moves only through the workflow actions below.

    The handling may still change while nothing has been done with the case (status
    registered, or closed at once): the status then follows the new handling.
    """
    if "status" in changes:
        raise UserError("状态只能通过“转办、反馈、办结”等操作改变。")
    data = clean(kinds.VISIT.fields, changes, partial=True)
    with records.atomic():
        row: Visit = records.load(VISIT, visit_id)
        merged = {**records.snapshot(VISIT, row), **data}
        extra: dict[str, Any] = {}
        if "handling" in data and data["handling"] != row.handling:
            status = VisitStatus(row.status)
            fresh = status in (VisitStatus.REGISTERED, VisitStatus.REFERRED) or (
                status is VisitStatus.CLOSED and row.handling in CLOSES_AT_ONCE
            )
            if not fresh:
                raise UserError("该事项已在办理中，不能再改处理方式。")
            if data["handling"] != Handling.REFERRED:
                for key in REFERRAL_KEYS:
                    merged[key] = data[key] = "" if key == "referred_unit" else None
            else:
                _fill_referral(merged, merged["occurred_at"].date())
                data.update({k: merged[k] for k in REFERRAL_KEYS})
            extra["status"] = initial_status(Handling(data["handling"])).value
        _check(ctx, data, merged, row.channel)
        records.modify(ctx, VISIT, row, data, expected_rev=expected_rev, extra=extra)
    return row


# The workflow's steps, as the visit kind declares them: action → step.
STEPS = {step.action: step for step in kinds.VISIT.transitions}


def advance(
    ctx: Context,
    visit_id: int | str,
    action: str,
    values: Mapping[str, Any] | None = None,
    *,
    expected_rev: int | None = None,
) -> Visit:
    """Run a workflow action (refer, start, feed_back, reopen, close) with its fields."""
    step = STEPS.get(action)
    if step is None:
        raise UserError(f"未知的操作：{action}")
    data = clean(kinds.VISIT.fields, dict(values or {}), partial=True)
    with records.atomic():
        row: Visit = records.load(VISIT, visit_id)
        current, target = VisitStatus(row.status), VisitStatus(step.target)
        if action == "reopen" and current is not VisitStatus.FED_BACK:
            raise TransitionRefused("只有已反馈的事项才能重新办理。")
        if not can_transition(current, target):
            raise TransitionRefused(
                f"“{current.label}”的事项不能{step.label}（不能改为“{target.label}”）。"
            )
        merged = {**records.snapshot(VISIT, row), **data}
        if action == "refer":
            data["handling"] = merged["handling"] = Handling.REFERRED.value
            _fill_referral(merged, row.occurred_at.date())
            data.update({k: merged[k] for k in REFERRAL_KEYS})
        elif (
            action == "close"
            and current is VisitStatus.REGISTERED
            and row.handling == Handling.REFERRED
        ):
            raise TransitionRefused("转办事项须先反馈办理结果，才能办结。")
        missing = [VISIT.field(k).label for k in step.required if not merged.get(k)]
        if missing:
            raise ValidationError({"_": f"{step.label}前请填写：{'、'.join(missing)}"})
        _check(ctx, data, merged, row.channel)
        records.modify(
            ctx,
            VISIT,
            row,
            data,
            extra={"status": target.value},
            action=action,
            expected_rev=expected_rev,
        )
    return row


def save(
    ctx: Context,
    values: Mapping[str, Any],
    *,
    visit_id: int | None = None,
    action: str | None = None,
    expected_rev: int | None = None,
    grew_from: Mapping[str, Sequence[int]] | None = None,
) -> Visit:
    """Save the visit entry form in one transaction: all of it, or nothing (``grew_from``:
    a new visit's origins, see :func:`create`).

    ``values["residents"]`` may mix ids of known residents with dicts of residents typed in
    the form; those are created first. Problems with the new residents and with the visit
    are reported together, and a refusal leaves no resident behind.
    """
    values = dict(values)
    with records.atomic():
        problems: list[str] = []
        # Only a list that was given is rewritten: an edit that leaves the residents out
        # must keep them (a partial update never resets what it was not given).
        if "residents" in values:
            values["residents"] = _with_new_residents(ctx, values["residents"], problems)
        errors = {"residents": "\n".join(problems)} if problems else {}
        try:
            if visit_id is None:
                visit = create(ctx, values, grew_from=grew_from)
            elif action is not None:
                visit = advance(ctx, visit_id, action, values, expected_rev=expected_rev)
            else:
                visit = update(ctx, visit_id, values, expected_rev=expected_rev)
        except ValidationError as exc:
            raise ValidationError({**exc.errors, **errors}) from None
        if errors:
            raise ValidationError(errors)
    return visit


def _with_new_residents(ctx: Context, items: Any, problems: list[str]) -> list[Any]:
    """Resident ids with the residents typed in the form created first."""
    from studio_app.services import residents

    ids: list[Any] = []
    for item in items or []:
        if not isinstance(item, Mapping):
            ids.append(item)
            continue
        try:
            ids.append(residents.create(ctx, item).id)
        except ValidationError as exc:
            problems.append(f"新群众{item.get('name', '')}：{exc.message}")
    return ids


def delete(ctx: Context, visit_id: int | str) -> None:
    records.trash(ctx, VISIT, visit_id)


def restore(ctx: Context, visit_id: int | str) -> None:
    records.restore(ctx, VISIT, visit_id)


def get(visit_id: int | str) -> Visit:
    return records.load(VISIT, visit_id)


def values_of(visit: Visit) -> dict[str, Any]:
    """Every field of a visit as plain values (links as id lists), e.g. to fill a dialog."""
    return records.snapshot(VISIT, visit)
