"""The rows a record keeps in a ROWS field (an activity's attendance, a consultation's
outcome list): read, written whole, and told in words for the audit log and exchange.

Rows are values of the record: they are cleaned with it (``coerce``), written in the same
transaction, bump its revision, and travel with it. A row is a dict of its columns' keys; a
member column holds the member's id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import peewee as pw

from studio_app.core import kinds
from studio_app.core.fields import Field, Kind
from studio_app.storage import kind_tables
from studio_app.storage.models import Member

Row = dict[str, Any]


def read(kind: kinds.RecordKind, key: str, owner_id: int) -> list[Row]:
    """The rows of field ``key`` of one record, in order."""
    fld = kind.field(key)
    table = kind_tables.rows_model(kind, key)
    owner: pw.Field = getattr(table, kind.name)
    query = (
        table.select(*(getattr(table, c.key) for c in fld.columns))
        .where(owner == owner_id)
        .order_by(table.position)  # type: ignore[attr-defined]
    )
    return [dict(zip((c.key for c in fld.columns), row, strict=True)) for row in query.tuples()]


def write(
    kind: kinds.RecordKind, key: str, owner_id: int, rows: Iterable[Mapping[str, Any]]
) -> None:
    """Replace the rows of field ``key`` of one record by ``rows`` (clean values)."""
    fld = kind.field(key)
    table = kind_tables.rows_model(kind, key)
    table.delete().where(getattr(table, kind.name) == owner_id).execute()
    items = [
        {
            kind.name: owner_id,
            "position": i,
            **{c.key: row.get(c.key, _blank(c)) for c in fld.columns},
        }
        for i, row in enumerate(rows)
    ]
    if items:
        table.insert_many(items).execute()


def _blank(col: Field) -> Any:
    if col.kind is Kind.INT:
        return 0
    if col.kind in (Kind.DATE, Kind.MEMBER):
        return None
    return False if col.kind is Kind.BOOL else ""


def member_names(rows: Iterable[Mapping[str, Any]], fld: Field) -> dict[int, str]:
    """The names of the members the rows name (by id)."""
    ids = {
        row[c.key] for row in rows for c in fld.columns if c.kind is Kind.MEMBER and row.get(c.key)
    }
    if not ids:
        return {}
    return dict(Member.select(Member.id, Member.name).where(Member.id.in_(ids)).tuples())


def cell_text(col: Field, value: Any, names: Mapping[int, str]) -> str:
    """One value of a row as people read it (code labels, member names, dates)."""
    if value in (None, ""):
        return ""
    if col.kind is Kind.MEMBER:
        return names.get(int(value), "")
    if col.kind is Kind.ENUM and col.enum is not None:
        return dict(col.enum.choices()).get(str(value), str(value))
    if col.kind is Kind.CODE and col.code_list is not None:
        from studio_app.services import site

        return site.code_labels(col.code_list).get(str(value), str(value))
    if col.kind is Kind.BOOL:
        return col.label if value else ""
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


_LABELLED = (Kind.INT, Kind.DATE)  # a bare number or date says little: its label goes first


def lines(fld: Field, rows: list[Row]) -> list[str]:
    """Each row as one line: its values joined by "，", a number or date after its label,
    blanks and zeros left out (the audit log's and the exchange sheet's words)."""
    names = member_names(rows, fld)
    out = []
    for row in rows:
        parts = []
        for col in fld.columns:
            text = cell_text(col, row.get(col.key), names)
            if text and text != "0":
                parts.append(f"{col.label}：{text}" if col.kind in _LABELLED else text)
        out.append("，".join(parts))
    return out
