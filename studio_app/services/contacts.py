"""A resident's 最近联系时间 (``last_contacted_at``), kept from the records that link them.

The last contact is the latest date (``RecordKind.date_key``) among the live records of every
kind that links residents (a :class:`~studio_app.core.kinds.LinkTable` to ``"resident"``:
visits, interviews, and any kind declared later), up to the end of today: an interview
planned for next week is no contact yet. :mod:`.records` keeps it in the transaction of
every write that can move it — a record created, its date or its residents changed, trashed
or restored — so the 群众 list is right as soon as the visit is saved.

The field is owned by the site that registered the resident: a change is a new revision of
the resident (stamped, audited, sent in the next package like any edit), and at the county
a studio's resident keeps the value its studio sent. An import writes the value it
receives and needs no recomputing: the studio's package carries the resident it changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta
from typing import Any

from studio_app.core import kinds
from studio_app.core.fields import Kind
from studio_app.services import audit
from studio_app.services import changes as announced
from studio_app.services.context import Context
from studio_app.storage import kind_tables
from studio_app.storage.models import Resident

RESIDENT = "resident"


def contact_links(kind: kinds.RecordKind | None = None) -> tuple[tuple[kinds.RecordKind, str], ...]:
    """(kind, link key) of every dated kind's link to residents (or only ``kind``'s)."""
    found = kinds.all_kinds() if kind is None else (kind,)
    return tuple(
        (k, link.key)
        for k in found
        if k.date_key
        for link in k.links
        if link.target_kind == RESIDENT
    )


def keep(
    ctx: Context,
    kind_name: str,
    record_id: int,
    before: Mapping[str, Any] | None = None,
    changed: Iterable[str] | None = None,
) -> None:
    """After a write of record ``record_id`` of ``kind_name``: bring its residents' last
    contact up to date. ``before``: its values before an edit (residents it linked then);
    ``changed``: the fields the edit changed (nothing to do unless its date or residents)."""
    kind = kinds.kind(kind_name)
    links = contact_links(kind)
    if not links:
        return
    if changed is not None and not set(changed) & {kind.date_key, *(key for _, key in links)}:
        return
    ids: set[int] = set()
    for _, key in links:
        table = kind_tables.link_model(kind, key)
        link = kind.link(key)
        owner = getattr(table, link.owner.removesuffix("_id"))
        target = getattr(table, link.target.removesuffix("_id"))
        ids.update(i for (i,) in table.select(target).where(owner == record_id).tuples())
        ids.update((before or {}).get(key) or ())
    if ids:
        refresh(ctx, ids)


def latest(ctx: Context, resident_ids: Iterable[int] | None = None) -> dict[int, datetime]:
    """Each resident's last contact, from the live records linking it (None: every resident)."""
    wanted = None if resident_ids is None else sorted(set(resident_ids))
    until = datetime.combine(ctx.today() + timedelta(days=1), time())
    found: dict[int, datetime] = {}
    for kind, key in contact_links():
        table = kind_tables.link_model(kind, key)
        owner_model = kind_tables.model(kind)
        link = kind.link(key)
        owner = getattr(table, link.owner.removesuffix("_id"))
        target = getattr(table, link.target.removesuffix("_id"))
        dated = getattr(owner_model, kind.date_key)
        bound: date = until.date() if kind.field(kind.date_key).kind is Kind.DATE else until
        cond = owner_model.deleted_at.is_null() & dated.is_null(False) & (dated < bound)
        if wanted is not None:
            cond &= target.in_(wanted)
        query = (
            table.select(target, dated)
            .join(owner_model, on=owner == owner_model.id)
            .where(cond)
            .tuples()
        )
        for resident_id, when in query:
            moment = _moment(when)
            if resident_id not in found or moment > found[resident_id]:
                found[resident_id] = moment
    return found


def refresh(ctx: Context, resident_ids: Iterable[int] | None = None) -> int:
    """Set the last contact of residents (None: all) this site owns; call in a transaction.

    Returns how many changed; each change is a new revision of the resident, audited."""
    wanted = None if resident_ids is None else sorted(set(resident_ids))
    values = latest(ctx, wanted)
    query = Resident.select().where(Resident.origin_site == ctx.site_uuid)
    if wanted is not None:
        query = query.where(Resident.id.in_(wanted))
    count = 0
    for row in query:
        value = values.get(row.id)
        current = row.last_contacted_at
        if (None if current is None else _moment(current)) == value:
            continue
        row.last_contacted_at = value
        row.rev += 1
        row.updated_at = ctx.now_utc()
        row.updated_by = ctx.user
        row.save()
        audit.record(ctx, "update", RESIDENT, row.uuid, {"last_contacted_at": (current, value)})
        count += 1
    if count:
        announced.changed({RESIDENT})
    return count


def _moment(value: Any) -> datetime:
    """A stored date or date and time (a row's value or SQL's text) as a date and time."""
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime.combine(value, time())
    return datetime.fromisoformat(str(value))
