"""Merging two records of the same resident, and undoing a merge.

Everything that points to the duplicate (the links and resident fields of every registered
kind: the visits it came to, the proposals it leads, …) is moved to the kept resident;
fields the kept record lacks are taken from the duplicate; the duplicate goes to the trash.
Every changed record gets ``rev + 1`` so the next studio package carries the change (the
duplicate travels as a tombstone).

One audit entry (action ``merge``) holds what is needed to undo: the moved and dropped link
rows and the previous values of every changed column. :func:`undo` works from that entry's
id, so it also works after a restart; it refuses when a record involved was changed since.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from studio_app.core import kinds
from studio_app.core.errors import NotFound, UserError
from studio_app.core.fields import Kind
from studio_app.services import audit, records
from studio_app.services import changes as announced
from studio_app.services.context import Context
from studio_app.services.residents import RESIDENT
from studio_app.storage.models import AuditEntry, BaseModel, Resident, SyncedModel, database

MERGE_ACTION = "merge"
UNDO_ACTION = "merge_undo"
# Fields filled on the kept resident when it has none and the duplicate has one.
FILLABLE = ("gender", "phone", "id_number", "township", "village", "group_name", "address")
_FILL_EXTRA = {"phone": "phone_key"}


@dataclass(frozen=True)
class _Link:
    """A link table of some kind's records to residents (read from the registry)."""

    kind: str  # the owning kind, e.g. "visit"
    key: str  # the field it stores, e.g. "residents"
    table: type[BaseModel]
    owner: str  # the owner's field on the link table, e.g. "visit"
    target: str  # the resident's field on the link table
    names: str | None  # the owner's names column


def _links() -> list[_Link]:
    """Every kind's resident link tables, in exchange order."""
    found = []
    for kind in kinds.all_kinds():
        rt = records.record_type(kind)
        for link in kind.links:
            if link.target_kind == RESIDENT.name:
                x = rt.links[link.key]
                found.append(
                    _Link(kind.name, link.key, x.table, x.owner_fk, x.target_fk, x.names_column)
                )
    return found


def _refs() -> list[tuple[str, str]]:
    """(kind, field) of every single-resident field, e.g. a proposal's lead resident."""
    return [(k.name, f.key) for k in kinds.all_kinds() for f in k.fields if f.kind is Kind.RESIDENT]


def _model(kind: str) -> type[SyncedModel]:
    return records.record_type(kinds.kind(kind)).model


@dataclass(frozen=True)
class MergePreview:
    """What a merge of ``duplicate`` into ``keep`` would do (shown before asking)."""

    keep: Resident
    duplicate: Resident
    # kind → its records' serials, for every kind that links or names residents (in exchange
    # order: linking kinds first, then naming ones)
    serials: dict[str, list[str]] = field(default_factory=dict)
    filled: dict[str, Any] = field(default_factory=dict)  # field → value taken over

    @property
    def visits(self) -> list[str]:
        return self.serials.get("visit", [])

    @property
    def proposals(self) -> list[str]:
        return self.serials.get("proposal", [])

    @property
    def others(self) -> dict[str, list[str]]:
        """Kind label → serials, for the kinds served from their declaration alone."""
        return {
            kinds.kind(name).label: found
            for name, found in self.serials.items()
            if found and kinds.kind(name).generic
        }


def _check(ctx: Context, keep_id: int | str, duplicate_id: int | str) -> tuple[Resident, Resident]:
    if ctx.role == "viewer":
        raise UserError("查阅账户不能合并群众信息。")
    keep = records.load(RESIDENT, keep_id)
    dup = records.load(RESIDENT, duplicate_id)
    if keep.id == dup.id:
        raise UserError("不能把一个群众与自己合并，请选择两个不同的人。")
    for row in (keep, dup):
        if row.deleted_at is not None:
            raise UserError(f"“{row.name}”在回收站中，请先恢复再合并。")
    return keep, dup


def _owners(link: _Link, resident_id: int) -> list[int]:
    column = getattr(link.table, link.owner)
    query = link.table.select(column).where(getattr(link.table, link.target) == resident_id)
    return [row[0] for row in query.tuples()]


def _serials(model: type[SyncedModel], ids: list[int]) -> list[str]:
    if not ids:
        return []
    query = model.select(model.serial).where(model.id.in_(ids)).order_by(model.id)
    return [s or "" for (s,) in query.tuples()]


def _fills(keep: Resident, dup: Resident) -> dict[str, Any]:
    found = {}
    for key in FILLABLE:
        if not getattr(keep, key) and getattr(dup, key):
            found[key] = getattr(dup, key)
    return found


def preview(ctx: Context, keep_id: int | str, duplicate_id: int | str) -> MergePreview:
    """What :func:`merge` would move and fill in; raises the same refusals."""
    keep, dup = _check(ctx, keep_id, duplicate_id)
    owners: dict[str, list[int]] = {}
    for link in _links():
        owners.setdefault(link.kind, []).extend(_owners(link, dup.id))
    for kind, key in _refs():
        model = _model(kind)
        query = model.select(model.id).where(getattr(model, key) == dup.id)
        owners.setdefault(kind, []).extend(i for (i,) in query.tuples())
    serials = {kind: _serials(_model(kind), sorted(set(ids))) for kind, ids in owners.items()}
    return MergePreview(keep, dup, serials, _fills(keep, dup))


def _names_of(link: _Link, owner_id: int) -> str:
    """The names column text of one owner, as records.py writes it."""
    table = link.table
    query = (
        Resident.select(Resident.name)
        .join(table, on=(getattr(table, link.target) == Resident.id))
        .where(getattr(table, link.owner) == owner_id)
        .order_by(table.position)  # type: ignore[attr-defined]
    )
    return "、".join(name for (name,) in query.tuples())[:300]


def _plain(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return audit.plain(value)
    return value


def _stamp(ctx: Context, row: SyncedModel) -> None:
    row.rev += 1
    row.updated_at = ctx.now_utc()
    row.updated_by = ctx.user


def merge(ctx: Context, keep_id: int | str, duplicate_id: int | str) -> int:
    """Merge ``duplicate_id`` into ``keep_id``; returns the audit entry id (for :func:`undo`)."""
    with announced.collect(), database.atomic():
        keep, dup = _check(ctx, keep_id, duplicate_id)
        before: dict[str, dict[str, Any]] = {}  # "type:id" → previous column values
        after_rev: dict[str, int] = {}
        links: list[dict[str, Any]] = []  # link rows moved or dropped
        relinked: dict[str, list[_Link]] = {}  # "type:id" → links whose names to rewrite
        repoint: dict[str, dict[str, int]] = {}  # "type:id" → resident fields to set

        def touched(kind: str, row: SyncedModel, columns: dict[str, Any]) -> str:
            key = f"{kind}:{row.id}"
            entry = before.setdefault(
                key, {"rev": row.rev, "updated_at": row.updated_at, "updated_by": row.updated_by}
            )
            for column, value in columns.items():
                entry.setdefault(column, value)
            return key

        for link in _links():
            table = link.table
            owner, target = getattr(table, link.owner), getattr(table, link.target)
            found = table.select(owner, table.position).where(target == dup.id)  # type: ignore[attr-defined]
            for owner_id, position in list(found.tuples()):  # read all before changing rows
                has_keep = table.select().where((owner == owner_id) & (target == keep.id)).exists()
                if has_keep:
                    table.delete().where((owner == owner_id) & (target == dup.id)).execute()
                else:
                    table.update({target: keep.id}).where(
                        (owner == owner_id) & (target == dup.id)
                    ).execute()
                links.append(
                    {"table": link.kind, "key": link.key, "owner": owner_id,
                     "position": position, "dropped": has_keep}
                )  # fmt: skip
                row = _model(link.kind).get_by_id(owner_id)
                names = {link.names: getattr(row, link.names)} if link.names else {}
                relinked.setdefault(touched(link.kind, row, names), []).append(link)
        for kind, field_key in _refs():
            model = _model(kind)
            for row in list(model.select().where(getattr(model, field_key) == dup.id)):
                key = touched(kind, row, {field_key: dup.id})
                repoint.setdefault(key, {})[field_key] = keep.id
        for key in list(before):
            kind, row_id = key.split(":")
            row = _model(kind).get_by_id(int(row_id))
            for column, value in repoint.get(key, {}).items():
                setattr(row, column, value)
            for link in relinked.get(key, []):
                if link.names:
                    setattr(row, link.names, _names_of(link, row.id))
            _stamp(ctx, row)
            row.save()
            after_rev[key] = row.rev

        fills = _fills(keep, dup)
        latest = max(
            (t for t in (keep.last_contacted_at, dup.last_contacted_at) if t), default=None
        )
        keep_changes: dict[str, Any] = dict(fills)
        if latest != keep.last_contacted_at:
            keep_changes["last_contacted_at"] = latest
        for key in fills:
            if key in _FILL_EXTRA:
                keep_changes[_FILL_EXTRA[key]] = getattr(dup, _FILL_EXTRA[key])
        touched("resident", keep, {k: getattr(keep, k) for k in keep_changes})
        for key, value in keep_changes.items():
            setattr(keep, key, value)
        _stamp(ctx, keep)
        keep.save()
        after_rev[f"resident:{keep.id}"] = keep.rev
        touched("resident", dup, {"deleted_at": None})
        dup.deleted_at = ctx.now_utc()
        _stamp(ctx, dup)
        dup.save()
        after_rev[f"resident:{dup.id}"] = dup.rev
        announced.changed(key.split(":")[0] for key in after_rev)

        undo_data = {
            "keep": keep.id,
            "duplicate": dup.id,
            "links": links,
            "before": {k: {c: _plain(v) for c, v in cols.items()} for k, cols in before.items()},
            "after_rev": after_rev,
        }
        entry = AuditEntry.create(
            at=ctx.now_utc(),
            user=ctx.user,
            action=MERGE_ACTION,
            record_type="resident",
            record_uuid=keep.uuid,
            changes=json.dumps(
                {
                    "merged": [dup.name, keep.name],
                    "duplicate_uuid": [dup.uuid, None],
                    "filled": [None, {k: _plain(v) for k, v in fills.items()}],
                    "undo": [undo_data, None],
                },
                ensure_ascii=False,
            ),
        )
        audit.record(ctx, "delete", "resident", dup.uuid, {"merged_into": (None, keep.uuid)})
    return int(entry.id)


def last_merge(resident_id: int) -> int | None:
    """The id of the latest merge into ``resident_id`` that has not been undone."""
    row = Resident.get_or_none(Resident.id == resident_id)
    if row is None:
        return None
    for entry in (
        AuditEntry.select()
        .where((AuditEntry.action == MERGE_ACTION) & (AuditEntry.record_uuid == row.uuid))
        .order_by(AuditEntry.id.desc())
    ):
        if not _undone(entry.id):
            return int(entry.id)
    return None


def _undone(entry_id: int) -> bool:
    return (
        AuditEntry.select()
        .where(
            (AuditEntry.action == UNDO_ACTION)
            & (AuditEntry.changes.contains(f'"merge_entry": [{entry_id}, null]'))
        )
        .exists()
    )


def undo(ctx: Context, entry_id: int) -> None:
    """Put everything back as it was before merge ``entry_id`` (revisions go up again)."""
    if ctx.role == "viewer":
        raise UserError("查阅账户不能撤销合并。")
    with announced.collect(), database.atomic():
        entry = AuditEntry.get_or_none(AuditEntry.id == entry_id)
        if entry is None or entry.action != MERGE_ACTION:
            raise NotFound("找不到这次合并的记录。")
        if _undone(entry_id):
            raise UserError("这次合并已经撤销过了。")
        data = json.loads(entry.changes)["undo"][0]
        rows: dict[str, SyncedModel] = {}
        for key, rev in data["after_rev"].items():
            kind, row_id = key.split(":")
            model = _model(kind)
            row = model.get_or_none(model.id == int(row_id))
            if row is None or row.rev != rev:
                what = getattr(row, "serial", None) or getattr(row, "name", "") if row else key
                raise UserError(f"合并之后“{what}”又被修改或删除过，不能自动撤销这次合并。")
            rows[key] = row
        announced.changed(key.split(":")[0] for key in rows)
        keep_id, dup_id = data["keep"], data["duplicate"]
        known = _links()
        for moved in data["links"]:
            key = moved.get("key")  # merges before every kind was read had one link per kind
            link = next(x for x in known if x.kind == moved["table"] and key in (None, x.key))
            table = link.table
            owner, target = getattr(table, link.owner), getattr(table, link.target)
            if moved["dropped"]:
                table.insert(
                    {link.owner: moved["owner"], link.target: dup_id,
                     "position": moved["position"]}
                ).execute()  # fmt: skip
            else:
                table.update({target: dup_id}).where(
                    (owner == moved["owner"]) & (target == keep_id)
                ).execute()
        for key, columns in data["before"].items():
            row = rows[key]
            for column, value in columns.items():
                if column in ("rev", "updated_at", "updated_by"):
                    continue
                row_field = row._meta.fields[column]
                setattr(row, row_field.name, row_field.python_value(value))
            _stamp(ctx, row)
            row.save()
        dup = rows[f"resident:{dup_id}"]
        AuditEntry.create(
            at=ctx.now_utc(),
            user=ctx.user,
            action=UNDO_ACTION,
            record_type="resident",
            record_uuid=entry.record_uuid,
            changes=json.dumps(
                {"merge_entry": [entry_id, None], "restored": [None, dup.uuid]},
                ensure_ascii=False,
            ),
        )
        audit.record(ctx, "restore", "resident", dup.uuid, {"deleted_at": (None, None)})
