"""Opening the SQLite file with the settings every connection needs (or, for a county office
with several PCs, its PostgreSQL database: :func:`open_postgres`)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

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

    def executemany(self, sql: str, rows: Any) -> None:
        """One statement for many rows (as :class:`~studio_app.storage.postgres.StudioPostgres`
        does on PostgreSQL)."""
        self.connection().executemany(sql, rows)  # type: ignore[no-untyped-call]

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


def open_postgres(
    url: str, password: str | None = None, *, migrate: bool = True, folder: Path | None = None
) -> pw.Database:
    """Open the county's PostgreSQL database named by ``url`` (a password in it, or
    ``password``, is used and never kept) and bind the models to it; ``folder``: the data
    folder of this PC (backups, logs, settings), :func:`data_folder`."""
    from studio_app.storage.postgres import StudioPostgres, parse_url

    target, given = parse_url(url)
    db = StudioPostgres(target, password or given)
    db.folder = folder
    db.connect(reuse_if_open=True)
    database.initialize(db)
    if migrate:
        from studio_app.storage.migrations import migrate as run_migrations

        run_migrations(db)
    return db


def on_postgres() -> bool:
    """Whether the open database is a county's PostgreSQL database (else SQLite)."""
    return isinstance(database.obj, pw.PostgresqlDatabase)


def estimated_rows(sql: str, params: Sequence[Any]) -> int | None:
    """How many rows PostgreSQL's planner expects ``sql`` to return (from its statistics,
    without running it); None on SQLite, which keeps no such estimate."""
    if not on_postgres():
        return None
    plan = database.obj.execute_sql(f"EXPLAIN (FORMAT JSON) {sql}", params).fetchone()[0]
    return int(plan[0]["Plan"]["Plan Rows"])


def connection() -> Any:
    """The open database's connection, for the SQL peewee does not build (staging tables,
    ``executemany``): sqlite3's own, or on PostgreSQL one taking the same SQL
    (:class:`~studio_app.storage.postgres.Statements`)."""
    db = database.obj
    if on_postgres():
        from studio_app.storage.postgres import Statements

        return Statements(db)
    return db.connection()


class Interrupted(Exception):
    """A statement stopped because the user cancelled (:func:`interruptible`)."""


@contextmanager
def interruptible(cancelled: Callable[[], bool] | None) -> Iterator[None]:
    """Long statements run inside stop soon after ``cancelled()`` turns true, raising
    :class:`Interrupted`; the transaction they were in must then be rolled back (the
    enclosing ``atomic()`` does). SQLite asks ``cancelled`` as it works; on PostgreSQL a
    watcher asks it ten times a second and cancels the running statement."""
    if cancelled is None:
        yield
        return
    if on_postgres():
        from studio_app.storage.postgres import cancelling

        with cancelling(database.obj, cancelled):
            yield
        return
    conn = database.obj.connection()
    conn.set_progress_handler(lambda: 1 if cancelled() else 0, 100_000)
    try:
        yield
    except sqlite3.OperationalError as exc:
        if "interrupt" not in str(exc):
            raise
        # An interrupted write rolls the whole transaction back at once: begin an empty one
        # for the enclosing atomic() to roll back.
        if not conn.in_transaction:
            conn.execute("BEGIN")
        raise Interrupted() from None
    finally:
        conn.set_progress_handler(None, 0)


def data_folder() -> Path | None:
    """The data folder of the open database: the SQLite file's folder, or the one a county's
    PostgreSQL database was opened for (None: not known, or an in-memory database)."""
    db = database.obj
    if db is None:
        return None
    if on_postgres():
        return Path(db.folder) if db.folder is not None else None
    name = str(db.database or "")
    if name.startswith("file:"):  # opened read-only by URI
        from urllib.parse import urlparse
        from urllib.request import url2pathname  # http and email modules: not at start

        name = url2pathname(urlparse(name).path)
    if not name or name == ":memory:":
        return None
    return Path(name).parent


def where() -> str:
    """Where the open database is, for people: the county's PostgreSQL database (server,
    port, user) or the SQLite file's path."""
    db = database.obj
    target = getattr(db, "target", None)
    if target is not None:
        return str(target.display())
    return f"本机数据库文件 {db.database}" if db is not None else ""


def close_database() -> None:
    """Close the bound database (safe to call when none is open)."""
    db = database.obj
    if db is not None and not db.is_closed():
        db.close()
