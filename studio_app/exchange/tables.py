"""Reading records as exchange values straight from SQL (fast enough for 100,000 rows).

Values are what a sheet's columns hold once clean: codes (not labels), ``date``/``datetime``,
uuid lists for links, the rows of a ROWS field as a list of dicts (``rows_list``), stamps as
the stored text. The importer produces the same values from cells, so both sides can be
compared and hashed alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

from studio_app.core import fields, kinds
from studio_app.core.fields import SINGLE_LINKS, Field, Kind
from studio_app.core.kinds import LinkTable
from studio_app.exchange.schema import LINK_KINDS, Role, SheetSpec
from studio_app.storage.models import database

NAME_SEP = "、"


def links(record: str) -> dict[str, LinkTable]:
    """The link tables of kind ``record``, by the field they store."""
    return {link.key: link for link in kinds.kind(record).links}


def target_table(fld: Field | None) -> str:
    """The table of the people or records a linking column's field (a member, residents,
    an observation point, …) points to."""
    assert fld is not None, "a link column has its field"
    return fields.target(fld)


def title_column(table: str) -> str:
    """The column naming a record of ``table`` (a person's ``name``)."""
    return kinds.kind(table).title_key


def sql(query: str, params: tuple[Any, ...] | list[Any] = ()) -> Any:
    return database.obj.execute_sql(query, params)


def people(targets: Iterable[str]) -> dict[str, dict[int, tuple[str, str]]]:
    """id → (uuid, name) of everyone (or every record) in the ``targets`` tables (trashed
    included)."""
    found = {}
    for table in set(targets):
        rows = sql(f"SELECT id, uuid, {title_column(table)} FROM {table}")
        found[table] = {i: (u, n) for i, u, n in rows}
    return found


def ids_by_uuid(table: str) -> dict[str, int]:
    return {u: i for i, u in sql(f"SELECT id, uuid FROM {table}")}


class _Stream:
    """Values per owner id from a query ordered by owner: merged with rows ordered by id."""

    def __init__(self, query: str) -> None:
        self.rows = iter(sql(query))
        self.head: tuple[Any, ...] | None = next(self.rows, None)

    def take(self, owner: int) -> list[tuple[Any, ...]]:
        found = []
        while self.head is not None and self.head[0] <= owner:
            if self.head[0] == owner:
                found.append(self.head[1:])
            self.head = next(self.rows, None)
        return found


def _links(lt: LinkTable) -> _Stream:
    return _Stream(f"SELECT {lt.owner}, {lt.target} FROM {lt.table} ORDER BY {lt.owner}, position")


def count(table: str, where: str = "", params: tuple[Any, ...] = ()) -> int:
    clause = f"WHERE {where}" if where else ""
    return int(sql(f"SELECT count(*) FROM {table} {clause}", params).fetchone()[0])


def _convert(kind: Kind, value: Any) -> Any:
    if kind is Kind.DATETIME:
        return datetime.fromisoformat(value) if value else None
    if kind is Kind.DATE:
        return date.fromisoformat(value[:10]) if value else None
    if kind is Kind.BOOL:
        return bool(value)
    if kind is Kind.INT:
        return value
    return "" if value is None else value


def read(
    spec: SheetSpec, where: str = "", params: tuple[Any, ...] = ()
) -> Iterator[dict[str, Any]]:
    """Records of ``spec.record`` matching ``where`` as exchange values (with ``_id``)."""
    table = spec.record
    plain: list[tuple[str, str, Kind]] = []  # (key, SQL column, kind)
    refs: list[tuple[str, str, Field]] = []
    for col in spec.columns:
        if col.side is not None:
            continue
        if (col.role is Role.DATA and col.key != "deleted") or col.role is Role.META:
            plain.append((col.key, col.key, col.kind))
        elif col.role is Role.NAMES and col.field is None:  # e.g. a title shown for reading
            plain.append((col.key, col.key, Kind.TEXT))
        elif col.role is Role.LINK and col.kind in SINGLE_LINKS:
            assert col.field is not None
            refs.append((col.key, f"{col.field.key}_id", col.field))
    select = ", ".join(["id", *[p[1] for p in plain], *[r[1] for r in refs]])
    query = f"SELECT {select} FROM {table} {('WHERE ' + where) if where else ''} ORDER BY id"
    rows = sql(query, params)
    link_cols = [c for c in spec.columns if c.role is Role.LINK and c.kind in LINK_KINDS]
    names = people(target_table(c.field) for c in link_cols)
    kind_links = links(table)
    multi = [
        (
            c.key,
            c.key[: -len("__uuid")],
            names[target_table(c.field)],
            _links(kind_links[c.field.key]),  # type: ignore[union-attr]
        )
        for c in link_cols
        if c.kind in (Kind.MEMBERS, Kind.RESIDENTS)
    ]
    single = [(key, key[: -len("__uuid")], names[target_table(fld)]) for key, _, fld in refs]
    keys = {c.key for c in spec.columns}
    sides = [(c.side.fill(c.key), _Stream(c.side.query())) for c in spec.columns if c.side]
    n_plain = len(plain)
    has_deleted = "deleted" in keys
    plain_keys = [p[0] for p in plain]
    # Only these need converting; text comes out of SQLite as it goes into the cell.
    special = [
        (i, key, kind)
        for i, (key, _, kind) in enumerate(plain)
        if kind in (Kind.DATETIME, Kind.DATE, Kind.BOOL)
    ]
    nullable = [
        key for key, _, kind in plain if kind not in (Kind.INT, Kind.DATETIME, Kind.DATE, Kind.BOOL)
    ]
    for row in rows:
        rid = row[0]
        values: dict[str, Any] = dict(zip(plain_keys, row[1 : 1 + n_plain], strict=True))
        values["_id"] = rid
        for i, key, kind in special:
            values[key] = _convert(kind, row[1 + i])
        for key in nullable:
            if values[key] is None:
                values[key] = ""
        for (key, names_key, target), value in zip(single, row[1 + n_plain :], strict=True):
            if value is not None and value in target:
                uuid, name = target[value]
                values[key], values[names_key] = [uuid], name
            else:
                values[key], values[names_key] = [], ""
        for key, names_key, target, stream in multi:
            found = [target[t] for (t,) in stream.take(rid) if t in target]
            values[key] = [u for u, _ in found]
            values[names_key] = NAME_SEP.join([n for _, n in found])
        for put, side in sides:
            put(values, side.take(rid))
        if has_deleted:
            values["deleted"] = bool(values.get("deleted_at"))
        yield values
