"""Members (委员) of the studio."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from studio_app.core.fields import MEMBER_FIELDS
from studio_app.services import records
from studio_app.services.coerce import clean
from studio_app.services.context import Context
from studio_app.storage.models import Member

MEMBER = records.RecordType("member", "委员", Member, MEMBER_FIELDS)


def create(ctx: Context, values: Mapping[str, Any]) -> Member:
    data = clean(MEMBER_FIELDS, values, partial=False)
    data.setdefault("active", True)
    with records.atomic():
        row = records.insert(ctx, MEMBER, data, extra={"studio": ctx.site_uuid})
    return row  # type: ignore[return-value]


def update(
    ctx: Context,
    member_id: int | str,
    changes: Mapping[str, Any],
    *,
    expected_rev: int | None = None,
) -> Member:
    data = clean(MEMBER_FIELDS, changes, partial=True)
    with records.atomic():
        row = records.load(MEMBER, member_id)
        changed = records.modify(ctx, MEMBER, row, data, expected_rev=expected_rev)
        if "name" in changed:
            records.refresh_names(Member, row.id)
    return row  # type: ignore[return-value]


def delete(ctx: Context, member_id: int | str) -> None:
    records.trash(ctx, MEMBER, member_id)


def restore(ctx: Context, member_id: int | str) -> None:
    records.restore(ctx, MEMBER, member_id)


def get(member_id: int | str) -> Member:
    return records.load(MEMBER, member_id)  # type: ignore[return-value]


def list_active(*, include_inactive: bool = False) -> list[Member]:
    """Members for pickers: live ones, standing committee first, by name."""
    query = Member.select().where(Member.deleted_at.is_null())
    if not include_inactive:
        query = query.where(Member.active == True)  # noqa: E712
    return list(query.order_by(Member.is_standing.desc(), Member.name))
