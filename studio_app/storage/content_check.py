"""A content check SQLite cannot do: the records' text against the search index.

``PRAGMA integrity_check`` proves the file's structure, not its content: bytes changed inside
a visit's text leave a valid page, and the check passes. The search index is a second copy of
the same text, written by triggers in other pages (migration 0002): each live record's text,
turned into its index document again, must still match the index as a phrase at its rowid. A
record whose text no longer matches was changed behind SQLite's back (a failing disk, a tool
writing into the file). The index documents are read from the triggers themselves, so the
check follows the schema. On PostgreSQL the index keeps each document: they are compared.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from typing import Any

from studio_app.core import kinds
from studio_app.storage.database import on_postgres


def indexed() -> tuple[tuple[str, str], ...]:
    """(record table, index table) of the full-text indexes."""
    return tuple((k.name, k.fts) for k in kinds.indexed() if k.fts)


_DOC = re.compile(r"INSERT INTO \w+\(rowid, doc\) (?:VALUES \(new\.id, |SELECT new\.id, )"
                  r"search_doc\(([^)]*)\)")  # fmt: skip


@dataclass(frozen=True)
class Mismatch:
    table: str
    record_id: int
    serial: str


def _document(conn: Any, table: str, fts: str) -> str | None:
    """The ``search_doc(...)`` arguments the insert trigger of ``fts`` indexes."""
    row = conn.execute(
        "SELECT prosrc FROM pg_proc WHERE proname = ?"
        if on_postgres()
        else "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
        (f"{fts}_insert_fn" if on_postgres() else f"{fts}_insert",),
    ).fetchone()
    found = _DOC.search(row[0]) if row else None
    if found is None:
        return None
    return ", ".join(a.strip().removeprefix("new.") for a in found.group(1).split(","))


def mismatches(conn: Any, *, sample: int | None = 100) -> tuple[list[Mismatch], int]:
    """Records whose text no longer matches the index, and how many were checked.

    ``sample``: at most that many random live records per table (None: every one). The
    connection needs ``search_doc`` (as every connection of the app has).
    """
    found: list[Mismatch] = []
    checked = 0
    for table, fts in indexed():
        args = _document(conn, table, fts)
        if args is None:
            continue
        limit = "" if sample is None else f" ORDER BY random() LIMIT {int(sample)}"
        if on_postgres():  # the index keeps its documents: compare them
            rows = conn.execute(
                f"SELECT id, serial, search_doc({args}) IS DISTINCT FROM (SELECT f.doc FROM "
                f"{fts} f WHERE f.rowid = t.id) FROM (SELECT * FROM {table} "
                f"WHERE deleted_at IS NULL{limit}) AS t"
            ).fetchall()
            found += [Mismatch(table, i, serial or "") for i, serial, differs in rows if differs]
            checked += len(rows)
            continue
        rows = conn.execute(
            f"SELECT id, serial, search_doc({args}) FROM {table} WHERE deleted_at IS NULL{limit}"
        ).fetchall()
        for record_id, serial, doc in rows:
            if not doc or not re.search(r"\w", doc):
                continue
            phrase = '"' + doc.replace('"', '""') + '"'
            try:
                hit = conn.execute(
                    f"SELECT count(*) FROM {fts} WHERE {fts} MATCH ? AND rowid = ?",
                    (phrase, record_id),
                ).fetchone()[0]
            except sqlite3.OperationalError:  # a document the query syntax cannot carry
                continue
            checked += 1
            if hit != 1:
                found.append(Mismatch(table, record_id, serial or ""))
    return found, checked
