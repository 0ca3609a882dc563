"""Members (委员) of the studio."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from studio_app.core import kinds
from studio_app.services import records
from studio_app.services.coerce import clean
from studio_app.services.context import Context
from studio_app.storage.models import Member, Visit, VisitMember

MEMBER = records.record_type(kinds.MEMBER, Member)


def create(ctx: Context, values: Mapping[str, Any]) -> Member:
    data = clean(kinds.MEMBER.fields, values, partial=False)
    data.setdefault("active", True)
    with records.atomic():
        row = records.insert(ctx, MEMBER, data, extra={"studio": ctx.site_uuid})
    return row


def update(
    ctx: Context,
    member_id: int | str,
    changes: Mapping[str, Any],
    *,
    expected_rev: int | None = None,
) -> Member:
    data = clean(kinds.MEMBER.fields, changes, partial=True)
    with records.atomic():
        row = records.load(MEMBER, member_id)
        changed = records.modify(ctx, MEMBER, row, data, expected_rev=expected_rev)
        if "name" in changed:
            records.refresh_names(Member, row.id)
    return row


def delete(ctx: Context, member_id: int | str) -> None:
    records.trash(ctx, MEMBER, member_id)


def restore(ctx: Context, member_id: int | str) -> None:
    records.restore(ctx, MEMBER, member_id)


def get(member_id: int | str) -> Member:
    return records.load(MEMBER, member_id)


def list_active(*, include_inactive: bool = False) -> list[Member]:
    """Members for pickers: live ones, standing committee first, by name."""
    query = Member.select().where(Member.deleted_at.is_null())
    if not include_inactive:
        query = query.where(Member.active == True)  # noqa: E712
    return list(query.order_by(Member.is_standing.desc(), Member.name))


def on_duty(day: date) -> list[Member]:
    """Members who received or visited residents on ``day`` (local time), by name.

    There is no duty roster in the data yet: the desk shows who has recorded visits today.
    """
    start = datetime(day.year, day.month, day.day)
    in_day = (Visit.occurred_at >= start) & (Visit.occurred_at < start + timedelta(days=1))
    query = (
        Member.select()
        .join(VisitMember, on=VisitMember.member == Member.id)
        .join(Visit, on=VisitMember.visit == Visit.id)
        .where(in_day & Visit.deleted_at.is_null() & Member.deleted_at.is_null())
        .distinct()
        .order_by(Member.is_standing.desc(), Member.name)
    )
    return list(query)
