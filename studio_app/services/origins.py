"""The records a record grew from (``RecordKind.origins``), e.g. the visits a proposal grew from.

They are kept in the owner kind's ``origin_table``: one row per origin record, the owner's id
in ``<owner>_id`` and the origin record's id in its kind's column (``Origin.column``), the
other origin columns empty. Kinds are read from the registry when asked, so an origin
declared later (a test's kind) is served like the built-in ones.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from studio_app.core import kinds
from studio_app.core.errors import NotFound
from studio_app.core.fields import Kind
from studio_app.services import records
from studio_app.storage.models import database


def owner_column(owner: kinds.RecordKind) -> str:
    """The origin table's column holding the owner's id, e.g. ``proposal_id``."""
    return f"{owner.name}_id"


def of(owner: str, owner_id: int) -> dict[str, list[int]]:
    """The ids of the records ``owner_id`` grew from, by origin kind in declaration order,
    each in the order linked (every declared origin has an entry, maybe empty)."""
    kind = kinds.kind(owner)
    found: dict[str, list[int]] = {o.kind: [] for o in kind.origins}
    if not kind.origins:
        return found
    columns = ", ".join(o.column for o in kind.origins)
    sql = f"SELECT {columns} FROM {kind.origin_table} WHERE {owner_column(kind)} = ? ORDER BY id"
    for row in database.execute_sql(sql, (owner_id,)):
        for origin, value in zip(kind.origins, row, strict=True):
            if value is not None:
                found[origin.kind].append(value)
    return found


def check(owner: str, ids: Mapping[str, Iterable[int]]) -> dict[str, list[int]]:
    """``ids`` by origin kind as lists, after checking that ``owner`` grows from each kind
    and that every record exists and is not in the trash (else ``NotFound``)."""
    kind = kinds.kind(owner)
    declared = {o.kind for o in kind.origins}
    chosen = {name: list(found) for name, found in ids.items()}
    for name, found in chosen.items():
        if name not in declared:
            raise ValueError(f"a {owner} does not grow from {name!r} records")
        model = records.record_type(kinds.kind(name)).model
        live = model.select().where(model.id.in_(found), model.deleted_at.is_null()).count()
        if live != len(set(found)):
            raise NotFound("来源记录不存在或已删除")
    return chosen


def link(owner: str, owner_id: int, ids: Mapping[str, Iterable[int]]) -> None:
    """Record that ``owner_id`` grew from ``ids`` (checked by :func:`check`), in declaration
    order of the origins; call inside the owner's transaction."""
    kind = kinds.kind(owner)
    columns = [o.column for o in kind.origins]
    sql = (
        f"INSERT INTO {kind.origin_table} ({owner_column(kind)}, {', '.join(columns)}) "
        f"VALUES (?, {', '.join('?' for _ in columns)})"
    )
    for n, origin in enumerate(kind.origins):
        for record_id in ids.get(origin.kind, ()):
            values: list[int | None] = [None] * len(columns)
            values[n] = record_id
            database.execute_sql(sql, (owner_id, *values))


def grown(origin: str, record_id: int) -> dict[str, list[int]]:
    """The live records that grew from record ``record_id`` of kind ``origin``: ids by owner
    kind, newest first (only owner kinds with such records)."""
    found: dict[str, list[int]] = {}
    for owner in kinds.all_kinds():
        for o in owner.origins:
            if o.kind != origin:
                continue
            sql = (
                f"SELECT r.id FROM {owner.name} r JOIN {owner.origin_table} s "
                f"ON s.{owner_column(owner)} = r.id WHERE s.{o.column} = ? "
                "AND r.deleted_at IS NULL ORDER BY r.created_at DESC"
            )
            ids = [r for (r,) in database.execute_sql(sql, (record_id,))]
            if ids:
                found[owner.name] = ids
    return found


def start_values(owner: str, origin: str, ids: Iterable[int]) -> dict[str, Any]:
    """What a new record of kind ``owner`` grown from records of kind ``origin`` starts
    with: their gist (``Origin.gist``, else their long texts), each dated, in the field the
    origin names (``Origin.into``), their members and residents in its first members and
    residents fields, and the values growing from them sets (``Origin.sets``)."""
    kind, source = kinds.kind(owner), kinds.kind(origin)
    declared = next(o for o in kind.origins if o.kind == origin)
    rt = records.record_type(source)
    rows = [records.snapshot(rt, records.load(rt, i)) for i in ids]
    values: dict[str, Any] = dict(declared.sets)
    gist = declared.gist or tuple(f.key for f in source.fields if f.kind is Kind.LONGTEXT)
    if declared.into:
        lines = []
        for row in rows:
            when = row.get(source.date_key) if source.date_key else None
            text = "；".join(str(row[k]).strip() for k in gist if str(row.get(k) or "").strip())
            lines.append(f"{when:%Y-%m-%d}：{text}" if when else text)
        values[declared.into] = "\n".join(line for line in lines if line)
    for many, one in ((Kind.MEMBERS, Kind.MEMBER), (Kind.RESIDENTS, Kind.RESIDENT)):
        into = next((f.key for f in kind.fields if f.kind is many), "")
        if into:
            values[into] = _people(source, rows, many, one)
    return values


def _people(
    source: kinds.RecordKind, rows: list[dict[str, Any]], many: Kind, one: Kind
) -> list[int]:
    """The people (members or residents) records name in fields of kind ``many`` or
    ``one``, each once, in the order named."""
    found: list[int] = []
    for row in rows:
        for f in source.fields:
            named = row.get(f.key)
            if f.kind is many:
                found += [p for p in named or [] if p not in found]
            elif f.kind is one and named and named not in found:
                found.append(named)
    return found
