"""docs/QUALITY.md row 24: another program holds the database's write lock.

A writer elsewhere (a second program, an antivirus scan holding the file) is waited for up
to the busy timeout; a lock held longer ends in one plain sentence ("请稍后重试") and no
change. The single-instance guard of the desktop app is tested in tests/ui.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from tests.faults.conftest import World
from tests.faults.helpers import fingerprint, integrity, run


def _hold_write_lock(db: Path) -> sqlite3.Connection:
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    return holder


def test_row_24_a_lock_held_too_long_says_busy_and_changes_nothing(
    world: World, tmp_path: Path
) -> None:
    db = world.copy(world.county, tmp_path / "county")
    before = fingerprint(db)
    holder = _hold_write_lock(db)
    try:
        done = run(["--data-dir", str(db.parent), "import", str(world.package)])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert done.returncode == 1
    assert "请稍后重试" in done.stderr and "程序内部错误" not in done.stderr, done.stderr
    assert integrity(db) == [] and fingerprint(db) == before


def test_row_24_a_short_lock_is_waited_for(world: World, tmp_path: Path) -> None:
    db = world.copy(world.county, tmp_path / "county")
    before = fingerprint(db)
    holder = _hold_write_lock(db)

    def release() -> None:
        holder.execute("ROLLBACK")
        holder.close()

    timer = threading.Timer(2.0, release)  # well inside the 5 s busy timeout
    timer.start()
    try:
        done = run(["--data-dir", str(db.parent), "import", str(world.package)])
    finally:
        timer.join()
    assert done.returncode == 0, done.stderr
    assert fingerprint(db) != before and integrity(db) == []
