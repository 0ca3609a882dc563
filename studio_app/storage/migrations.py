"""Numbered schema migrations, tracked in ``PRAGMA user_version`` (PostgreSQL: the table
``schema_version``).

Each step is one file in ``storage/sql`` and runs in its own transaction together with the
version bump, so a process killed mid-migration leaves the previous version intact. A step is
``NNNN_name.sql`` (SQL as written) or ``NNNN_name.kind`` (the name of a record kind: its
tables, indexes, search index and live count, generated from the kind's declaration by
:mod:`studio_app.storage.kind_tables`). Steps are never edited once released: change the
schema in a new one. A county's PostgreSQL database runs the same steps, each statement as
:func:`studio_app.storage.pg_dialect.translate` turns it.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

import peewee as pw

from studio_app.core.errors import UserError


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    source: str  # the file's text: SQL, or a kind's name
    generated: bool = False  # a kind's step: its SQL comes from the declaration

    @property
    def sql(self) -> str:
        return kind_sql(self.source.strip()) if self.generated else self.source


def available() -> list[Migration]:
    """All migrations shipped with the package, in order (SQL generated when asked)."""
    found = []
    for entry in resources.files("studio_app.storage").joinpath("sql").iterdir():
        m = re.fullmatch(r"(\d{4})_(\w+)\.(sql|kind)", entry.name)
        if m:
            text = entry.read_text("utf-8")
            found.append(Migration(int(m.group(1)), m.group(2), text, m.group(3) == "kind"))
    found.sort(key=lambda m: m.version)
    assert [m.version for m in found] == list(range(1, len(found) + 1)), "gap in migrations"
    return found


def is_postgres(db: pw.Database) -> bool:
    return isinstance(db, pw.PostgresqlDatabase)


def current_version(db: pw.Database) -> int:
    if is_postgres(db):
        found = db.execute_sql("SELECT to_regclass('schema_version') IS NOT NULL").fetchone()
        if not found[0]:
            return 0
        return int(db.execute_sql("SELECT version FROM schema_version").fetchone()[0])
    return int(db.execute_sql("PRAGMA user_version").fetchone()[0])


def pending(db: pw.Database) -> list[Migration]:
    version = current_version(db)
    return [m for m in available() if m.version > version]


def migrate(
    db: pw.Database,
    *,
    target: int | None = None,
    before_upgrade: Callable[[int], object] | None = None,
) -> int:
    """Bring the schema to ``target`` (default: latest); returns the resulting version.

    ``before_upgrade(version)`` runs first when an existing database (version > 0) is about
    to be upgraded: the place for the pre-migration backup; if it raises, nothing changes.
    """
    version = current_version(db)
    if version > LATEST:
        raise UserError(
            f"数据库版本（{version}）比本程序支持的版本（{LATEST}）新，请升级程序后再打开。"
        )
    steps = [m for m in available() if m.version > version]
    if target is not None:
        steps = [m for m in steps if m.version <= target]
    if version > 0 and steps and before_upgrade is not None:
        before_upgrade(version)
    if is_postgres(db):
        return _migrate_postgres(db, steps, version)
    for step in steps:
        conn = db.connection()
        # executescript would commit on its own; run statements inside one transaction.
        with db.atomic():
            for statement in _statements(step.sql):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {step.version:d}")
        version = step.version
    return version


def _migrate_postgres(db: pw.Database, steps: list[Migration], version: int) -> int:
    """The steps on PostgreSQL, each in its own transaction with the version; the functions
    the SQL needs first (:data:`pg_dialect.COMPAT`)."""
    from studio_app.storage.pg_dialect import (
        COMPAT,
        OLDER_SEARCH_WORDS,
        later_references,
        search_words_of,
        target_of,
        translate,
    )

    with db.atomic():
        for statement in COMPAT:
            db.execute_sql(statement)
        db.execute_sql("CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)")
        if not db.execute_sql("SELECT 1 FROM schema_version").fetchone():
            db.execute_sql("INSERT INTO schema_version VALUES (0)")

    def exists(table: str) -> bool:
        return bool(db.execute_sql("SELECT to_regclass(?) IS NOT NULL", (table,)).fetchone()[0])

    waiting: list[str] = []  # references to tables of later steps
    for step in steps:
        with db.atomic():
            for statement in _statements(step.sql):
                for translated in translate(statement):
                    translated, later = later_references(translated, exists)
                    db.execute_sql(translated)
                    waiting += later
            for alter in [a for a in waiting if exists(target_of(a))]:
                db.execute_sql(alter)
                waiting.remove(alter)
            db.execute_sql(f"UPDATE schema_version SET version = {step.version:d}")
        version = step.version
    assert not waiting, waiting
    with db.atomic():
        for (table,) in db.execute_sql(OLDER_SEARCH_WORDS).fetchall():
            db.execute_sql(f"ALTER TABLE {table} DROP COLUMN tokens")
            for statement in search_words_of(table):
                db.execute_sql(statement)
    return version


def kind_sql(name: str) -> str:
    """The SQL script that creates the tables of the declared record kind ``name``."""
    from studio_app.core import kinds
    from studio_app.storage import kind_tables

    return "".join(f"{statement};\n" for statement in kind_tables.statements(kinds.kind(name)))


def create_kind(db: pw.Database, name: str) -> None:
    """Create the tables of kind ``name`` now, as its migration would (kinds declared in tests)."""
    statements = _statements(kind_sql(name))
    if is_postgres(db):
        from studio_app.storage.pg_dialect import translate

        statements = [t for statement in statements for t in translate(statement)]
    with db.atomic():
        for statement in statements:
            db.execute_sql(statement)


def _statements(sql: str) -> list[str]:
    """Split a migration script into complete statements (triggers contain semicolons)."""
    statements: list[str] = []
    buffer = ""

    for line in sql.splitlines(keepends=True):
        if not buffer and (not line.strip() or line.lstrip().startswith("--")):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        raise ValueError("incomplete SQL statement at the end of a migration")
    return statements


LATEST = len(available())
