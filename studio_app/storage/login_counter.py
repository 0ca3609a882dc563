"""Failed-login counts, in a small SQLite file of their own beside the database.

Each attempt is counted *before* its password is checked, in one write transaction
(``BEGIN IMMEDIATE``: parallel attempts queue, none is lost), and the wait it earns is set
at the same time; a success clears the count afterwards. Keeping the counts out of the
ledger's database means logging in never writes there: a read-only command logs in while
an import holds the database's write lock, and restoring a backup does not reset them.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path
from typing import TypeVar

log = logging.getLogger("studio_app.login_counter")

FILE_NAME = "logins.sqlite3"
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS failure ("
    "login TEXT PRIMARY KEY, count INTEGER NOT NULL, until TEXT NOT NULL)"
)
_memory: sqlite3.Connection | None = None  # no file (tests) or a folder that cannot be written

T = TypeVar("T")


def path() -> Path | None:
    """The counts' file: in the open database's data folder (None: not a file's)."""
    from studio_app.storage.database import data_folder

    folder = data_folder()
    return folder / FILE_NAME if folder is not None else None


def _in_memory() -> sqlite3.Connection:
    global _memory
    if _memory is None:
        _memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        _memory.execute(_SCHEMA)
    return _memory


def _unwritable(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "readonly" in text or "read-only" in text or "unable to open" in text


def _with_counts(work: Callable[[sqlite3.Connection], T]) -> T:
    """Run ``work`` on the counts' file; where it cannot be written (a read-only folder or
    disk), on counts kept by this process only."""
    where = path()
    if where is not None:
        try:
            with closing(sqlite3.connect(where, timeout=30, isolation_level=None)) as conn:
                conn.execute(_SCHEMA)
                return work(conn)
        except sqlite3.OperationalError as exc:
            if not _unwritable(exc):
                raise
            log.warning("login failures counted in memory: %s cannot be written", where)
    return work(_in_memory())


def state(login: str) -> tuple[int, datetime | None]:
    """Failures in a row of ``login`` and the time before which it must not try again."""

    def read(conn: sqlite3.Connection) -> tuple[int, datetime | None]:
        row = conn.execute("SELECT count, until FROM failure WHERE login = ?", (login,)).fetchone()
        return (0, None) if row is None else (int(row[0]), datetime.fromisoformat(row[1]))

    return _with_counts(read)


def count_attempt(login: str, now: datetime, delay: Callable[[int], timedelta]) -> int:
    """Count an attempt of ``login`` as a failure until it proves right; returns 0, or the
    seconds still to wait (then nothing is counted and the password must not be checked).

    ``delay(n)``: the wait after ``n`` failures in a row.
    """

    def count(conn: sqlite3.Connection) -> int:
        conn.execute("BEGIN IMMEDIATE")
        try:
            row = conn.execute(
                "SELECT count, until FROM failure WHERE login = ?", (login,)
            ).fetchone()
            n = int(row[0]) if row else 0
            # never longer than the count earns: a clock set back does not lock anyone out
            until = min(datetime.fromisoformat(row[1]), now + delay(n)) if row else now
            if until > now:
                conn.execute("COMMIT")
                return int((until - now).total_seconds() + 0.999)
            n += 1
            conn.execute(
                "INSERT INTO failure (login, count, until) VALUES (?, ?, ?) "
                "ON CONFLICT (login) DO UPDATE SET count = excluded.count, until = excluded.until",
                (login, n, (now + delay(n)).isoformat()),
            )
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        return 0

    return _with_counts(count)


def clear(login: str) -> None:
    """Forget ``login``'s failures (after a success or a new password)."""
    _with_counts(lambda conn: conn.execute("DELETE FROM failure WHERE login = ?", (login,)))
