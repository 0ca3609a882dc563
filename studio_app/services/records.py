"""Generic create / update / trash / restore for synced records.

A :class:`RecordType` ties a declared record kind (:mod:`studio_app.core.kinds`) to its
peewee model and link tables (:func:`record_type`); the functions here do what every record
type shares (revision bump, stamps, audit, links), leaving each type's own rules to its
module.
"""

from __future__ import annotations

import uuid as uuidlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from typing import Any, Generic, TypeVar, overload

from studio_app.core import kinds
from studio_app.core.errors import NotFound, StaleRecord, UserError
from studio_app.core.fields import COUNTY, SINGLE_LINKS, Field, Kind
from studio_app.services import audit, contacts, permissions, record_rows
from studio_app.services import changes as announced
from studio_app.services.context import Context
from studio_app.storage import kind_tables
from studio_app.storage.models import BaseModel, Member, Resident, Site, SyncedModel


@dataclass(frozen=True)
class Link:
    """A multi-valued link stored in a link table, shown as names on the owner row."""

    table: type[BaseModel]
    owner_fk: str
    target_fk: str
    target: type[Member] | type[Resident]
    names_column: str | None = None


M = TypeVar("M", bound=SyncedModel)


@dataclass(frozen=True)
class RecordType(Generic[M]):
    name: str
    label: str
    model: type[M]
    fields: tuple[Field, ...]
    links: dict[str, Link] = field(default_factory=dict)

    def field(self, key: str) -> Field:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)


_REF_KINDS = SINGLE_LINKS


@overload
def record_type(kind: kinds.RecordKind) -> RecordType[SyncedModel]: ...
@overload
def record_type(kind: kinds.RecordKind, model: type[M]) -> RecordType[M]: ...
def record_type(kind: kinds.RecordKind, model: type[Any] | None = None) -> RecordType[Any]:
    """The record type of a declared kind: its model, fields and link tables.

    ``model``: the kind's hand-written model, for a record type whose rows are typed as it.
    """
    rt = _record_type(kind)
    if model is not None and rt.model is not model:
        raise TypeError(f"{kind.name} records are {rt.model.__name__}, not {model.__name__}")
    return rt


@cache
def _record_type(kind: kinds.RecordKind) -> RecordType[SyncedModel]:
    links = {
        link.key: Link(
            kind_tables.link_model(kind, link.key),
            link.owner.removesuffix("_id"),
            link.target.removesuffix("_id"),
            kind_tables.model(kinds.kind(link.target_kind)),  # type: ignore[arg-type]
            link.names_column,
        )
        for link in kind.links
    }
    return RecordType(kind.name, kind.label, kind_tables.model(kind), kind.fields, links)


def load(rt: RecordType[M], record_id: int | str, *, include_deleted: bool = True) -> M:
    """Fetch by id or uuid, or raise :class:`NotFound`."""
    model = rt.model
    cond = model.uuid == record_id if isinstance(record_id, str) else model.id == record_id
    row = model.get_or_none(cond)
    if row is None or (not include_deleted and row.deleted_at is not None):
        raise NotFound(f"找不到该{rt.label}（可能已被删除）")
    return row


def link_ids(rt: RecordType, key: str, owner_id: int) -> list[int]:
    link = rt.links[key]
    table = link.table
    owner_col = getattr(table, link.owner_fk)
    target_col = getattr(table, link.target_fk)
    position = table.position  # type: ignore[attr-defined]  # every link table has one
    query = table.select(target_col).where(owner_col == owner_id).order_by(position)
    return [row[0] for row in query.tuples()]


def snapshot(rt: RecordType, row: SyncedModel) -> dict[str, Any]:
    """Current values of every declared field (links as id lists)."""
    values: dict[str, Any] = {}
    for f in rt.fields:
        if f.key in rt.links:
            values[f.key] = link_ids(rt, f.key, row.id)
        elif f.kind is Kind.ROWS:
            values[f.key] = record_rows.read(kinds.kind(rt.name), f.key, row.id)
        elif f.kind in _REF_KINDS:
            values[f.key] = getattr(row, f"{f.key}_id")
        else:
            values[f.key] = getattr(row, f.key)
    return values


def _names(model: type[Member] | type[Resident], ids: list[int]) -> list[str]:
    if not ids:
        return []
    by_id = dict(model.select(model.id, model.name).where(model.id.in_(ids)).tuples())
    return [by_id[i] for i in ids if i in by_id]


def _assign(rt: RecordType, row: SyncedModel, values: Mapping[str, Any]) -> None:
    for key, value in values.items():
        f = rt.field(key)
        if key in rt.links or f.kind is Kind.ROWS:
            continue
        setattr(row, f"{key}_id" if f.kind in _REF_KINDS else key, value)


def _write_links(rt: RecordType, row: SyncedModel, values: Mapping[str, Any]) -> None:
    for key, link in rt.links.items():
        if key not in values:
            continue
        ids: list[int] = values[key]
        table = link.table
        table.delete().where(getattr(table, link.owner_fk) == row.id).execute()
        if ids:
            table.insert_many(
                [
                    {link.owner_fk: row.id, link.target_fk: t, "position": i}
                    for i, t in enumerate(ids)
                ]
            ).execute()
        if link.names_column:
            text = "、".join(_names(link.target, ids))[:300]
            setattr(row, link.names_column, text)


def _write_rows(rt: RecordType, row: SyncedModel, values: Mapping[str, Any]) -> None:
    for f in rt.fields:
        if f.kind is Kind.ROWS and f.key in values:
            record_rows.write(kinds.kind(rt.name), f.key, row.id, values[f.key])


def _audit_value(rt: RecordType, key: str, value: Any) -> Any:
    """Links are audited by name, which stays readable after the ids change; rows as lines."""
    if key in rt.links:
        return _names(rt.links[key].target, value)
    f = rt.field(key)
    if f.kind is Kind.ROWS:
        return record_rows.lines(f, value)
    return value


def insert(
    ctx: Context,
    rt: RecordType[M],
    values: Mapping[str, Any],
    *,
    serial: str | None = None,
    extra: Mapping[str, Any] | None = None,
) -> M:
    """Create a record from clean ``values``; call inside a transaction."""
    permissions.require(ctx, permissions.Permission.EDIT, rt.name)
    now = ctx.now_utc()
    row = rt.model(
        uuid=str(uuidlib.uuid4()),
        serial=serial,
        origin_site=ctx.site_uuid,
        created_at=now,
        updated_at=now,
        rev=1,
        county_rev=0,
        created_by=ctx.user,
        updated_by=ctx.user,
    )
    _assign(rt, row, values)
    for key, value in (extra or {}).items():
        setattr(row, key, value)
    row.save(force_insert=True)
    if any(k in values for k in rt.links):
        _write_links(rt, row, values)
        row.save()
    _write_rows(rt, row, values)
    logged = {
        k: (None, _audit_value(rt, k, v)) for k, v in values.items() if v not in (None, "", [])
    }
    audit.record(ctx, "create", rt.name, row.uuid, logged)
    contacts.keep(ctx, rt.name, row.id)
    announced.changed({rt.name})
    return row


def stale_message(label: str, row: SyncedModel, version: int) -> str:
    """The refusal of a save made on an older version: who changed the record and when
    (local time), and what to do."""
    who = f"{row.updated_by}" if row.updated_by else "他人"
    when = row.updated_at
    if isinstance(when, str):
        when = datetime.fromisoformat(when)
    at = f"于 {when.replace(tzinfo=UTC).astimezone():%Y-%m-%d %H:%M} " if when else ""
    return f"该{label}已被 {who} {at}修改（当前版本 {version}），未保存。请重新打开后再改。"


def modify(
    ctx: Context,
    rt: RecordType,
    row: SyncedModel,
    values: Mapping[str, Any],
    *,
    expected_rev: int | None = None,
    extra: Mapping[str, Any] | None = None,
    action: str = "update",
) -> dict[str, tuple[Any, Any]]:
    """Apply clean ``values`` (and internal ``extra`` columns) to ``row``; call in a transaction.

    Returns the field-level changes; nothing is written (and ``rev`` stays) when there are none.
    """
    permissions.require(ctx, permissions.Permission.EDIT, rt.name)
    if expected_rev is not None and row.rev != expected_rev:
        raise StaleRecord(stale_message(rt.label, row, row.rev))
    if row.deleted_at is not None:
        raise UserError(f"该{rt.label}在回收站中，请先恢复再修改。")
    before = snapshot(rt, row)
    changes = {k: (before[k], v) for k, v in values.items() if k in before and before[k] != v}
    extra_changes = {
        k: (getattr(row, k), v) for k, v in (extra or {}).items() if getattr(row, k) != v
    }
    if not changes and not extra_changes:
        return {}
    county = any(rt.field(k).owner == COUNTY for k in changes)
    studio = any(rt.field(k).owner != COUNTY for k in changes) or bool(extra_changes)
    if county and not ctx.is_county:
        raise UserError("县政协填写的字段（审查、交办、答复等）只能由县政协反馈表更新。")
    if studio:
        require_own(ctx, rt, row)
    _assign(rt, row, {k: values[k] for k in changes})
    for key, (_, value) in extra_changes.items():
        setattr(row, key, value)
    if any(k in rt.links for k in changes):
        _write_links(rt, row, {k: values[k] for k in changes if k in rt.links})
    _write_rows(rt, row, {k: values[k] for k in changes})
    row.rev += 1 if studio else 0
    row.county_rev += 1 if county else 0
    row.updated_at = ctx.now_utc()
    row.updated_by = ctx.user
    row.save()
    logged = {k: (_audit_value(rt, k, b), _audit_value(rt, k, a)) for k, (b, a) in changes.items()}
    logged.update(extra_changes)
    audit.record(ctx, action, rt.name, row.uuid, logged)
    contacts.keep(ctx, rt.name, row.id, before, changes)
    announced.changed({rt.name})
    return {**changes, **extra_changes}


STUDIO_OWNED = (
    "这是{studio}的{what}，内容由工作室填写和修改，县政协只填写审查、交办、答复、采用和批示。"
)


def require_own(ctx: Context, rt: RecordType, row: SyncedModel) -> None:
    """At the county, a studio's record is read-only but for the county-owned fields."""
    if ctx.is_county and row.origin_site != ctx.site_uuid:
        site = Site.get_or_none(Site.uuid == row.origin_site)
        studio = site.name if site is not None else "工作室"
        raise UserError(STUDIO_OWNED.format(studio=studio, what=rt.label))


def trash(ctx: Context, rt: RecordType, record_id: int | str) -> None:
    """Soft-delete into the trash; the deletion travels to the county as a tombstone."""
    permissions.require(ctx, permissions.Permission.EDIT, rt.name)
    with atomic():
        row = load(rt, record_id)
        require_own(ctx, rt, row)
        if row.deleted_at is not None:
            return
        row.deleted_at = ctx.now_utc()
        row.rev += 1
        row.updated_at = row.deleted_at
        row.updated_by = ctx.user
        row.save()
        audit.record(ctx, "delete", rt.name, row.uuid, {"deleted_at": (None, row.deleted_at)})
        contacts.keep(ctx, rt.name, row.id)
        announced.changed({rt.name})


def restore(ctx: Context, rt: RecordType, record_id: int | str) -> None:
    """Take a record back out of the trash."""
    permissions.require(ctx, permissions.Permission.EDIT, rt.name)
    with atomic():
        row = load(rt, record_id)
        require_own(ctx, rt, row)
        if row.deleted_at is None:
            return
        before = row.deleted_at
        row.deleted_at = None
        row.rev += 1
        row.updated_at = ctx.now_utc()
        row.updated_by = ctx.user
        row.save()
        audit.record(ctx, "restore", rt.name, row.uuid, {"deleted_at": (before, None)})
        contacts.keep(ctx, rt.name, row.id)
        announced.changed({rt.name})


@contextmanager
def atomic() -> Iterator[None]:
    """The transaction every service write runs in (refusals inside it are audited after);
    the kinds it wrote are announced (:mod:`.changes`) once it commits."""
    try:
        with announced.collect(), SyncedModel._meta.database.atomic():
            yield
    finally:
        permissions.flush()


def refresh_names(target: type[Member] | type[Resident], target_id: int) -> None:
    """Rewrite the names columns of every record linked to a renamed member/resident."""
    for kind in kinds.all_kinds():
        rt = record_type(kind)
        for key, link in rt.links.items():
            if link.target is not target or not link.names_column:
                continue
            table = link.table
            owners = table.select(getattr(table, link.owner_fk)).where(
                getattr(table, link.target_fk) == target_id
            )
            for row in rt.model.select().where(rt.model.id.in_(owners)):
                text = "、".join(_names(target, link_ids(rt, key, row.id)))[:300]
                rt.model.update({link.names_column: text}).where(rt.model.id == row.id).execute()
