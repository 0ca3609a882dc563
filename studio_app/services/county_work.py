"""The county office's own work on proposal-type records: review, assignment, reply,
adoption, leaders' instructions and the key / excellent proposal designations (county
mode only).

Every step writes county-owned fields through :func:`records.modify`, so it bumps
``county_rev`` (and travels to the studio with the next feedback package) and is audited
with the fields' before and after. Batch steps are all or nothing.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from studio_app.core.codes import (
    AdoptionLevel,
    CodeListKind,
    ProposalKind,
    ProposalStatus,
    ReplyClass,
    Review,
    UnitRole,
)
from studio_app.core.errors import (
    NotFound,
    StaleRecord,
    TransitionRefused,
    UserError,
    ValidationError,
)
from studio_app.core.fields import COUNTY
from studio_app.services import audit, permissions, records
from studio_app.services import changes as announced
from studio_app.services.coerce import clean
from studio_app.services.context import Context
from studio_app.services.proposals import PROPOSAL
from studio_app.services.site import code_labels
from studio_app.storage.models import Proposal, ProposalUnit, Site

REPLY_MONTHS = 3  # a unit's reply is due three months after assignment unless set
COUNTY_ONLY = (
    "审查、交办、答复、采用、批示和重点/优秀提案由县政协填写，工作室只能通过县政协的反馈包收到。"
)
CONVERTIBLE = (ProposalKind.SUGGESTION, ProposalKind.SQMY)
ADOPTABLE = (ProposalKind.SQMY,)
NEEDS_REASON = (Review.REJECTED, Review.RETURNED)


def require_county(ctx: Context) -> None:
    """Refuse, in one sentence, the county's work at a studio."""
    permissions.require(ctx, permissions.Permission.EDIT, "proposal")
    if not ctx.is_county:
        raise UserError(COUNTY_ONLY)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day (31 Jan + 1 → 28/29 Feb)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def find(reference: str) -> Proposal:
    """A live proposal-type record by ``SERIAL``, ``CODE:SERIAL`` (a studio's code) or
    county number; a serial that several studios use must name the studio."""
    text = reference.strip()
    code, _, serial = text.rpartition(":")
    if not serial.strip():  # "" would match every record without a county number
        raise NotFound("请写明提案或社情民意的编号。")
    query = Proposal.select().where(Proposal.deleted_at.is_null())
    if code:
        site = Site.get_or_none(Site.code == code.strip().upper())
        if site is None:
            raise NotFound(f"没有代码为 {code} 的工作室。")
        rows = list(query.where(Proposal.origin_site == site.uuid,
                                Proposal.serial == serial.strip().upper()))  # fmt: skip
    else:
        rows = list(query.where(Proposal.serial == text.upper())) or list(
            query.where(Proposal.county_no == text)
        )
    if not rows:
        raise NotFound(f"找不到编号为 {reference} 的提案或社情民意（不存在或已删除）。")
    if len(rows) > 1:
        codes = "、".join(sorted(studio_codes().get(r.origin_site, "?") for r in rows))
        raise UserError(
            f"编号 {reference} 在 {codes} 几个工作室中都有，请写成“工作室代码:编号”，"
            f"例如 {codes.split('、')[0]}:{reference}。"
        )
    return rows[0]


def studio_codes() -> dict[str, str]:
    """origin uuid → studio code."""
    return {s.uuid: s.code for s in Site.select(Site.uuid, Site.code)}


def _load(ref: int | str | Proposal) -> Proposal:
    if isinstance(ref, Proposal):
        return ref
    row = records.load(PROPOSAL, ref, include_deleted=False)
    assert isinstance(row, Proposal)
    return row


def _refuse(row: Proposal, why: str) -> None:
    raise TransitionRefused(f"{row.serial}（{row.title[:20]}）：{why}")


def _live_submitted(row: Proposal) -> None:
    if row.deleted_at is not None:
        _refuse(row, "已删除。")
    if row.status != ProposalStatus.SUBMITTED:
        _refuse(row, "工作室尚未报送，不能办理。")


def _write(ctx: Context, row: Proposal, values: dict[str, Any], action: str) -> None:
    data = clean(PROPOSAL.fields, values, partial=True)
    assert all(PROPOSAL.field(k).owner == COUNTY for k in data)
    records.modify(ctx, PROPOSAL, row, data, action=action)


def review(
    ctx: Context,
    ref: int | str | Proposal,
    result: str,
    *,
    reason: str | None = None,
    into: str = "",
    converted_to: str = "",
    county_no: str | None = None,
) -> Proposal:
    """Enter the review result (审查): 立案, 不立案/退回 with a reason, 并案 into another
    record, 转 into a suggestion or 社情民意. Once a unit has replied the result stays (its
    number and reason may still be corrected). ``reason`` None keeps the current one when
    the result stays."""
    require_county(ctx)
    try:
        outcome = Review(result)
    except ValueError:
        raise ValidationError({"review": f"审查结果：无法识别 {result}"}) from None
    with records.atomic():
        row = _load(ref)
        _live_submitted(row)
        if row.reply_class and outcome.value != row.review:  # the number may still be set
            _refuse(row, "承办单位已答复，不能再改审查结果。")
        if reason is None:
            reason = row.review_reason if outcome.value == row.review else ""
        errors: dict[str, str] = {}
        if outcome in NEEDS_REASON and not reason.strip():
            errors["review_reason"] = f"{outcome.label}须写明理由"
        target = ""
        if outcome is Review.MERGED:
            target = _merge_target(row, into, errors)
        kind = ""
        if outcome is Review.CONVERTED:
            kind = converted_to or (
                ProposalKind.SQMY if row.kind == ProposalKind.SUGGESTION else
                ProposalKind.SUGGESTION
            )  # fmt: skip
            if kind not in CONVERTIBLE or kind == row.kind:
                errors["converted_to"] = "转为：应为意见建议或社情民意，且不同于原类型"
        if county_no and county_no.strip():
            _check_county_no(row, county_no, errors)
        if errors:
            raise ValidationError(errors)
        values: dict[str, Any] = {
            "review": outcome.value,
            "review_reason": reason.strip(),
            "merged_into": target,
            "converted_to": str(kind),
        }
        if county_no is not None:
            values["county_no"] = county_no.strip()
        if outcome is not Review.ACCEPTED:  # no units for a record not taken up
            values.update(assigned_at=None, reply_due=None)
            _replace_units(ctx, row, [])
        _write(ctx, row, values, "review")
    return row


def _merge_target(row: Proposal, into: str, errors: dict[str, str]) -> str:
    if not into.strip():
        errors["merged_into"] = "并案须写明并入哪一件（编号）"
        return ""
    try:
        target = find(into)
    except UserError as e:
        errors["merged_into"] = str(e)
        return ""
    if target.id == row.id:
        errors["merged_into"] = "不能并入自身"
    elif target.review == Review.MERGED:
        errors["merged_into"] = f"{target.serial} 本身已并入 {target.merged_into}，请并入后者"
    code = studio_codes().get(target.origin_site, "")
    serial = target.serial or ""  # found by its serial
    return f"{code}:{serial}" if target.origin_site != row.origin_site else serial


def _check_county_no(row: Proposal, number: str, errors: dict[str, str]) -> None:
    clash = Proposal.get_or_none(
        (Proposal.county_no == number.strip()) & (Proposal.id != row.id)
        & Proposal.deleted_at.is_null()
    )  # fmt: skip
    if clash is not None:
        errors["county_no"] = f"县政协编号 {number} 已用于 {clash.serial}（{clash.title[:20]}）"


def accept_many(ctx: Context, refs: Iterable[int | str | Proposal]) -> list[Proposal]:
    """立案 several records at once (all or nothing)."""
    with records.atomic():
        return [review(ctx, ref, Review.ACCEPTED.value) for ref in refs]


def units_of(row: Proposal) -> list[tuple[str, str]]:
    """(role, unit code) of a record's handling units, lead first."""
    query = (
        ProposalUnit.select(ProposalUnit.role, ProposalUnit.unit)
        .where(ProposalUnit.proposal == row.id)
        .order_by(ProposalUnit.position)
    )
    return [(u.role, u.unit) for u in query]


def _replace_units(ctx: Context, row: Proposal, units: list[tuple[str, str]]) -> bool:
    """Write the units when they differ; audited. Returns whether anything changed."""
    before = units_of(row)
    if before == units:
        return False
    ProposalUnit.delete().where(ProposalUnit.proposal == row.id).execute()
    for pos, (role, unit) in enumerate(units):
        ProposalUnit.create(proposal=row.id, unit=unit, role=role, position=pos)
    row.county_rev += 1
    row.updated_at = ctx.now_utc()
    row.updated_by = ctx.user
    row.save()
    audit.record(ctx, "assign", "proposal", row.uuid, {"units": (before, units)})
    announced.changed({PROPOSAL.name})
    return True


def set_units(ctx: Context, ref: int | str, units: Sequence[tuple[str, str]]) -> None:
    """Replace the units (role, unit code): one lead, any assisting; bumps ``county_rev``."""
    require_county(ctx)
    checked = _checked_units(units)
    with records.atomic():
        _replace_units(ctx, _load(ref), checked)


def _checked_units(units: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    known = code_labels(CodeListKind.HANDLING_UNIT.value)
    found: list[tuple[str, str]] = []
    for role, unit in units:
        if role not in {r.value for r in UnitRole}:
            raise ValidationError({"units": f"承办单位：无法识别 {role}"})
        code = unit if unit in known else _unit_code(unit, known)
        if any(code == u for _, u in found):
            raise ValidationError({"units": f"承办单位：{known[code]} 重复"})
        found.append((role, code))
    if sum(1 for role, _ in found if role == UnitRole.LEAD) != (1 if found else 0):
        raise ValidationError({"units": "承办单位：须有且只有一个主办单位"})
    found.sort(key=lambda u: u[0] != UnitRole.LEAD)
    return found


def _unit_code(text: str, known: dict[str, str]) -> str:
    """A unit typed by its name (as clerks do) → its code."""
    for code, label in known.items():
        if text.strip() == label:
            return code
    raise ValidationError({"units": f"承办单位：代码表中没有 {text}（请先在设置中添加）"})


def assign(
    ctx: Context,
    refs: Iterable[int | str | Proposal],
    lead: str,
    assist: Sequence[str] = (),
    *,
    on: date | str | None = None,
    due: date | str | None = None,
) -> list[Proposal]:
    """交办 one or several accepted records to a lead unit (and assisting ones), dated ``on``
    (today), the reply due ``due`` (three months later). All or nothing."""
    require_county(ctx)
    units = _checked_units([(UnitRole.LEAD.value, lead), *((UnitRole.ASSISTING.value, a)
                                                          for a in assist)])  # fmt: skip
    dates = clean(PROPOSAL.fields, {"assigned_at": on, "reply_due": due}, partial=True)
    assigned = dates["assigned_at"] or ctx.today()
    reply_due = dates["reply_due"] or add_months(assigned, REPLY_MONTHS)
    if reply_due < assigned:
        raise ValidationError({"reply_due": "答复期限不能早于交办日期"})
    done = []
    with records.atomic():
        for ref in refs:
            row = _load(ref)
            _live_submitted(row)
            if row.review != Review.ACCEPTED:
                _refuse(row, "尚未立案，不能交办。")
            if row.reply_class:
                _refuse(row, "承办单位已答复，不能再交办。")
            _replace_units(ctx, row, units)
            _write(ctx, row, {"assigned_at": assigned, "reply_due": reply_due}, "assign")
            done.append(row)
    return done


def reply(
    ctx: Context,
    ref: int | str | Proposal,
    reply_class: str,
    summary: str,
    *,
    on: date | str | None = None,
    text: str | None = None,
) -> Proposal:
    """Record the lead unit's reply (答复): class A/B/C, a summary, the date, the full text.
    A correction keeps what it does not give: the date (else today) and the full text."""
    require_county(ctx)
    try:
        cls = ReplyClass(reply_class.strip().upper())
    except ValueError:
        raise ValidationError(
            {"reply_class": f"答复类别：应为 A、B 或 C，而不是 {reply_class}"}
        ) from None
    if not summary.strip():
        raise ValidationError({"reply_summary": "答复摘要：必填"})
    with records.atomic():
        row = _load(ref)
        _live_submitted(row)
        if row.assigned_at is None:
            _refuse(row, "尚未交办，不能登记答复。")
        values = {"reply_class": cls.value, "reply_summary": summary,
                  "reply_text": row.reply_text if text is None else text,
                  "replied_at": on or row.replied_at or ctx.today()}  # fmt: skip
        data = clean(PROPOSAL.fields, values, partial=True)
        if data["replied_at"] < row.assigned_at:
            raise ValidationError({"replied_at": "答复日期不能早于交办日期"})
        _write(ctx, row, data, "reply")
    return row


def adopt(
    ctx: Context,
    ref: int | str | Proposal,
    level: str,
    *,
    on: date | str | None = None,
    by: str | None = None,
) -> Proposal:
    """Record that a 社情民意 was adopted (采用) at a level, when and by whom; an empty
    level takes the adoption back. A correction keeps the date (else today) and adopter it
    does not give."""
    require_county(ctx)
    if level and level not in {lv.value for lv in AdoptionLevel}:
        raise ValidationError({"adoption_level": f"采用级别：应为 县/市/省/全国，而不是 {level}"})
    with records.atomic():
        row = _load(ref)
        _live_submitted(row)
        if row.kind not in ADOPTABLE and row.converted_to not in ADOPTABLE:
            _refuse(row, "只有社情民意信息（含转为社情民意的）登记采用情况。")
        by = row.adopted_by if by is None else by
        day = on or row.adopted_at or ctx.today()
        values = {"adoption_level": level, "adopted_by": by if level else "",
                  "adopted_at": day if level else None}  # fmt: skip
        _write(ctx, row, values, "adopt")
    return row


def instruct(
    ctx: Context,
    ref: int | str | Proposal,
    leader: str,
    level: str,
    text: str,
    *,
    on: date | str | None = None,
) -> Proposal:
    """Record a leader's instruction (批示) on the record: who, at which level, what, when
    (else the date already recorded, else today)."""
    require_county(ctx)
    errors = {}
    if not leader.strip():
        errors["instruction_leader"] = "批示领导：必填"
    if not text.strip():
        errors["instruction_text"] = "批示内容：必填"
    if level not in {lv.value for lv in AdoptionLevel}:
        errors["instruction_level"] = f"批示级别：应为 县/市/省/全国，而不是 {level}"
    if errors:
        raise ValidationError(errors)
    with records.atomic():
        row = _load(ref)
        _live_submitted(row)
        values = {"instruction_leader": leader, "instruction_level": level,
                  "instruction_text": text,
                  "instruction_date": on or row.instruction_date or ctx.today()}  # fmt: skip
        _write(ctx, row, values, "instruct")
    return row


def designate(ctx: Context, ref: int | str | Proposal, *, key: bool, excellent: bool) -> Proposal:
    """Designate a proposal the county accepted (立案) a key proposal (重点提案) and / or an
    excellent one (优秀提案), or take either back (always allowed). Each earns its authors
    the duty points of its rule."""
    require_county(ctx)
    with records.atomic():
        row = _load(ref)
        _live_submitted(row)
        if key or excellent:
            if row.kind != ProposalKind.PROPOSAL:
                _refuse(row, "只有提案可以评为重点提案或优秀提案。")
            if row.review != Review.ACCEPTED:
                _refuse(row, "提案立案后才能评为重点提案或优秀提案。")
        _write(ctx, row, {"key_proposal": key, "excellent": excellent}, "designate")
    return row


@dataclass(frozen=True)
class Stage:
    code: str
    label: str


WAITING_REVIEW = Stage("review", "待审查")
WAITING_ASSIGN = Stage("assign", "待交办")
IN_HAND = Stage("in_hand", "办理中")
OVERDUE = Stage("overdue", "超期未复")
REPLIED = Stage("replied", "已答复")
EVALUATED = Stage("evaluated", "委员已评价")
SETTLED = Stage("settled", "审查办结")  # not accepted: rejected, merged, converted, returned
DRAFT = Stage("draft", "草稿")
STAGES = (WAITING_REVIEW, WAITING_ASSIGN, IN_HAND, OVERDUE, REPLIED, EVALUATED, SETTLED)


def stage(row: Any, today: date) -> Stage:
    """Where a record stands in the county's work (``row`` needs the proposal's columns)."""
    if row.status != ProposalStatus.SUBMITTED:
        return DRAFT
    if not row.review:
        return WAITING_REVIEW
    if row.review != Review.ACCEPTED:
        return SETTLED
    if row.reply_class:
        return EVALUATED if row.member_evaluation else REPLIED
    if row.assigned_at is None:
        return WAITING_ASSIGN
    return OVERDUE if row.reply_due is not None and row.reply_due < today else IN_HAND


# the order of the work
STEPS = ("review", "assign", "reply", "adopt", "instruct", "designate")


def apply(
    ctx: Context,
    ref: int | str,
    steps: dict[str, dict[str, Any]],
    *,
    expected_county_rev: int | None = None,
) -> Proposal:
    """Several steps on one record in one transaction, in the order of the work (what a
    dialog's Save changed): ``steps`` maps a step's name to its function's keyword
    arguments (``assign`` without ``refs``). All or nothing; returns the saved record.
    ``expected_county_rev``: the county's version the dialog showed; refused (nothing
    saved) when another clerk saved since."""
    unknown = set(steps) - set(STEPS)
    if unknown:
        raise ValueError(f"unknown county work steps: {sorted(unknown)}")
    require_county(ctx)
    run: dict[str, Callable[..., object]] = {
        "review": review,
        "reply": reply,
        "adopt": adopt,
        "instruct": instruct,
        "designate": designate,
    }
    with records.atomic():
        row = _load(ref)
        if expected_county_rev is not None and row.county_rev != expected_county_rev:
            raise StaleRecord(records.stale_message(PROPOSAL.label, row, row.county_rev))
        for name in (s for s in STEPS if s in steps):
            if name == "assign":
                assign(ctx, [row.id], **steps[name])
            else:
                run[name](ctx, row.id, **steps[name])
        return _load(row.id)
