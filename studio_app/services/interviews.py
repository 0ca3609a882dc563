"""Interviews (访谈记录): online and offline, "委员有话说"."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from studio_app.core import kinds
from studio_app.core.codes import InterviewStatus
from studio_app.core.errors import TransitionRefused, ValidationError
from studio_app.services import records
from studio_app.services.coerce import clean
from studio_app.services.context import Context
from studio_app.services.serials import next_serial
from studio_app.storage.models import (
    Interview,
)

INTERVIEW = records.record_type(kinds.INTERVIEW, Interview)


def _check(ctx: Context, merged: Mapping[str, Any]) -> None:
    occurred = merged.get("occurred_at")
    if occurred is not None and occurred > ctx.now_local() + timedelta(days=60):
        # Interviews may be planned ahead, but not absurdly far.
        raise ValidationError({"occurred_at": "访谈时间：不能晚于两个月以后"})
    if "members" in merged and not merged["members"]:
        raise ValidationError({"members": "参加委员：至少选择一位委员"})
    if (merged.get("participant_count") or 0) < 0:
        raise ValidationError({"participant_count": "参加人数：不能为负数"})


def create(ctx: Context, values: Mapping[str, Any]) -> Interview:
    data = clean(kinds.INTERVIEW.fields, values, partial=False)
    _check(ctx, data)
    assert kinds.INTERVIEW.serial_prefix  # declared with one
    with records.atomic():
        serial = next_serial(ctx, kinds.INTERVIEW.serial_prefix, ctx.today().year)
        row = records.insert(
            ctx, INTERVIEW, data, serial=serial, extra={"status": InterviewStatus.OPEN.value}
        )
    return row


def update(
    ctx: Context,
    interview_id: int | str,
    changes: Mapping[str, Any],
    *,
    expected_rev: int | None = None,
) -> Interview:
    data = clean(kinds.INTERVIEW.fields, changes, partial=True)
    with records.atomic():
        row = records.load(INTERVIEW, interview_id)
        _check(ctx, {**records.snapshot(INTERVIEW, row), **data})
        records.modify(ctx, INTERVIEW, row, data, expected_rev=expected_rev)
    return row


def set_status(ctx: Context, interview_id: int | str, status: str) -> Interview:
    """Close an interview, or reopen it for more follow-up."""
    target = InterviewStatus(status)
    with records.atomic():
        row = records.load(INTERVIEW, interview_id)
        if row.status == target:
            raise TransitionRefused(f"该访谈已经是“{target.label}”状态。")
        records.modify(ctx, INTERVIEW, row, {}, extra={"status": target.value}, action=status)
    return row


def delete(ctx: Context, interview_id: int | str) -> None:
    records.trash(ctx, INTERVIEW, interview_id)


def restore(ctx: Context, interview_id: int | str) -> None:
    records.restore(ctx, INTERVIEW, interview_id)


def get(interview_id: int | str) -> Interview:
    return records.load(INTERVIEW, interview_id)
