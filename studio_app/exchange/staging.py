"""Staging tables: the rows of a package as they are read, in temporary SQLite tables.

Each sheet's clean rows go into ``temp.x_<record>`` while the sheet is parsed (one
``executemany`` fed by the reader), so Python never holds the whole package: only rows
rejected while reading stay in memory. Planning is then done with SQL joins of the staging
tables against the live tables, and applying moves the rows with ``INSERT … SELECT`` /
``UPDATE … FROM``. Values are stored as the database stores them (ISO dates, 1/0, JSON
arrays for uuid lists) and turned back into exchange values for the rows a person is shown.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from studio_app.core import kinds
from studio_app.core.fields import Kind
from studio_app.exchange import hooks
from studio_app.exchange.columns import Role, SheetSpec
from studio_app.storage.database import connection as storage_connection
from studio_app.storage.database import on_postgres
from studio_app.storage.models import database

# Columns every staging table has besides the values (c0, c1, … in the order of ``keys``).
HEAD = ("n", "uuid", "edited", "chash")
PLAN = (
    "action", "reason", "decision", "lid", "lrev", "lcrev", "lxrev", "lxcrev", "ldel",
    "was_same", "k", "xrev", "g", "wait",
)  # fmt: skip


def table_name(record: str) -> str:
    return f"x_{record}"


def derived_columns(record: str) -> list[str]:
    """Columns of values computed while reading (``hooks.Derived``: d0, d1, …)."""
    return [f"d{i}" for i in range(len(hooks.of(record).derived))]


def names_columns(record: str) -> list[str]:
    """Columns of the names of linked people, computed while reading (n0, n1, …)."""
    return [f"n{i}" for i in range(len(kinds.kind(record).links))]


def connection() -> Any:
    return storage_connection()


def is_list(spec: SheetSpec, key: str) -> bool:
    """Does ``key`` hold a list (uuid lists of links, items of a side table)?"""
    col = spec.column(key)
    return col.side is not None or col.role is Role.LINK


def _list_json(value: list[str]) -> str:
    return json.dumps(value, ensure_ascii=False)


def _uuids_json(value: list[str]) -> str:
    """A JSON array of checked uuids (hex digits, ``-``, a tag such as ``v:``): nothing to
    escape."""
    return '["' + '","'.join(value) + '"]' if value else "[]"


def _iso_date(value: Any) -> Any:
    return value.isoformat() if value is not None else None


def _iso_datetime(value: Any) -> Any:
    return value.isoformat(sep=" ") if value is not None else None


def _bool(value: Any) -> Any:
    return 1 if value else 0


def converters(spec: SheetSpec, keys: list[str]) -> list[tuple[int, Callable[[Any], Any]]]:
    """(position, function) turning exchange values into stored ones, for the columns that
    need it (text and integers are stored as they are)."""
    found: list[tuple[int, Callable[[Any], Any]]] = []
    for i, key in enumerate(keys):
        col = spec.column(key)
        if col.role is Role.LINK and col.kind is not Kind.ROWS:  # uuids, checked: also
            found.append((i, _uuids_json))  # those of a side table
            continue
        if col.side is not None:  # items of a side table, rows of a ROWS field (objects)
            found.append((i, _list_json))
            continue
        if col.role is not Role.DATA:
            continue
        if col.kind is Kind.DATE:
            found.append((i, _iso_date))
        elif col.kind is Kind.DATETIME:
            found.append((i, _iso_datetime))
        elif col.kind is Kind.BOOL:
            found.append((i, _bool))
    return found


def decoders(spec: SheetSpec, keys: list[str]) -> list[Callable[[Any], Any] | None]:
    """The inverse of :func:`converters`, per key (``None``: as stored)."""
    found: list[Callable[[Any], Any] | None] = []
    for key in keys:
        if is_list(spec, key):
            found.append(lambda v: json.loads(v) if v else [])
            continue
        col = spec.column(key)
        kind = col.kind if col.role is Role.DATA else None
        if kind is Kind.DATE:
            found.append(lambda v: date.fromisoformat(v) if v else None)
        elif kind is Kind.DATETIME:
            found.append(lambda v: datetime.fromisoformat(v) if v else None)
        elif kind is Kind.BOOL:
            found.append(lambda v: bool(v))
        else:
            found.append(None)
    return found


# The columns' types where types are enforced (PostgreSQL; SQLite's staging is untyped):
# numbers and 0/1 flags as the record tables keep them, the plan's own flags as booleans.
_FLAGS = ("edited", "ldel", "was_same", "k")
_NUMBERS = ("n", "lid", "lrev", "lcrev", "lxrev", "lxcrev", "xrev", "g")


def _typed(spec: SheetSpec, keys: list[str], columns: list[str]) -> list[str]:
    if not on_postgres():
        return columns
    numbers = {*_NUMBERS}
    for i, key in enumerate(keys):
        if not is_list(spec, key) and spec.column(key).kind in (Kind.INT, Kind.BOOL):
            numbers.add(f"c{i}")
    return [
        f"{c} BOOLEAN" if c in _FLAGS else f"{c} BIGINT" if c in numbers else f"{c} TEXT"
        for c in columns
    ]


def create(spec: SheetSpec, keys: list[str]) -> str:
    """A fresh staging table for ``spec``'s record with value columns for ``keys`` (typed
    as the record's where the engine enforces types)."""
    record = spec.record
    name = table_name(record)
    conn = connection()
    conn.execute(f"DROP TABLE IF EXISTS temp.{name}")
    values = [f"c{i}" for i in range(len(keys))]
    extra = [*derived_columns(record), *names_columns(record)]
    columns = ", ".join(_typed(spec, keys, [*HEAD, *values, *extra, *PLAN]))
    conn.execute(f"CREATE TEMP TABLE {name} ({columns})")
    return name


def fill(record: str, width: int, rows: Iterable[list[Any]], extra: Iterable[str] = ()) -> None:
    """Insert ``rows`` (head + values + ``extra`` columns) in one transaction of temp only."""
    name = table_name(record)
    cols = [*HEAD, *(f"c{i}" for i in range(width)), *extra]
    marks = ", ".join("?" * len(cols))
    conn = connection()
    insert = f"INSERT INTO temp.{name} ({', '.join(cols)}) VALUES ({marks})"
    if on_postgres():  # a savepoint needs a transaction there
        with database.atomic():
            conn.executemany(insert, rows)
        conn.execute(f"CREATE INDEX temp.{name}_uuid ON {name} (uuid, n)")
        # autovacuum never looks at temporary tables: without statistics the planner takes
        # a staging table for a few rows and joins it row by row
        conn.execute(f"ANALYZE {name}")
        return
    conn.execute("SAVEPOINT x_stage")
    try:
        conn.executemany(insert, rows)
    except BaseException:
        conn.execute("ROLLBACK TO x_stage")
        conn.execute("RELEASE x_stage")
        raise
    conn.execute("RELEASE x_stage")
    conn.execute(f"CREATE INDEX temp.{name}_uuid ON {name} (uuid, n)")


def drop(records: Iterable[str]) -> None:
    conn = connection()
    for record in records:
        conn.execute(f"DROP TABLE IF EXISTS temp.{table_name(record)}")
    conn.execute("DROP TABLE IF EXISTS temp.x_same")
