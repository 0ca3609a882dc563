"""Opening the SQLite file with the settings every connection needs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import peewee as pw

from studio_app.core.search_text import index_text
from studio_app.storage.models import database

# WAL: readers never block the writer; synchronous=FULL: a confirmed save survives a power
# cut; foreign keys are off by default in SQLite and must be set per connection;
# secure_delete: deleted personal data is overwritten, not left in free pages.
PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": "full",
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "secure_delete": 1,
    "cache_size": -32_000,
    "temp_store": "memory",
}


# A database this process cannot write: read it, never try to change it.
READ_ONLY_PRAGMAS = {k: v for k, v in PRAGMAS.items() if k != "journal_mode"} | {"query_only": 1}


class StudioDatabase(pw.SqliteDatabase):
    """SqliteDatabase that registers the search-text function on each connection."""

    def _add_conn_hooks(self, conn: sqlite3.Connection) -> None:
        super()._add_conn_hooks(conn)  # type: ignore[misc]  # private: not in peewee's stubs
        conn.create_function("search_doc", -1, index_text, deterministic=True)

    def rollback(self) -> None:
        """Roll back, unless SQLite already did: a COMMIT that fails on a full disk ends the
        transaction itself, and a second ROLLBACK would hide that cause behind "cannot
        rollback - no transaction is active"."""
        if not self.is_closed() and not self.connection().in_transaction:  # type: ignore[no-untyped-call]
            return
        super().rollback()


def open_database(
    path: Path | str, *, migrate: bool = True, read_only: bool = False
) -> StudioDatabase:
    """Open (creating if needed) the database at ``path`` and bind the models to it.

    ``read_only``: a database this process cannot write, opened without creating anything
    beside it (:func:`studio_app.storage.faults.read_only_uri`); nothing is migrated.
    """
    if read_only:
        from studio_app.storage.faults import read_only_uri

        uri = read_only_uri(Path(path))
        db = StudioDatabase(uri, uri=True, pragmas=READ_ONLY_PRAGMAS, check_same_thread=False)
        db.connect(reuse_if_open=True)
        database.initialize(db)
        return db
    # IMMEDIATE: a write transaction takes the write lock when it begins, so two writers
    # queue on the busy timeout instead of one failing when it upgrades a read lock.
    db = StudioDatabase(str(path), pragmas=PRAGMAS, check_same_thread=False, lock_type="IMMEDIATE")
    db.connect(reuse_if_open=True)
    database.initialize(db)
    if migrate:
        from studio_app.storage.migrations import migrate as run_migrations

        run_migrations(db)
    return db


def close_database() -> None:
    """Close the bound database (safe to call when none is open)."""
    db = database.obj
    if db is not None and not db.is_closed():
        db.close()
