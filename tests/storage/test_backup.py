"""Backup files: a checked copy under a final name or nothing; rotation keeps the right set."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from studio_app.storage import backup
from studio_app.storage.backup import BackupError, BackupFile

WHEN = datetime(2026, 11, 27, 1, 30)


@pytest.fixture
def database(tmp_path: Path) -> Path:
    """A WAL database with a few hundred rows, still open elsewhere (as in the app)."""
    path = tmp_path / "studio.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=wal")
    conn.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT)")
    conn.executemany("INSERT INTO note (text) VALUES (?)", [(f"第{i}条记录",) for i in range(500)])
    conn.commit()
    yield path
    conn.close()


def _rows(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT count(*) FROM note").fetchone()[0])
    finally:
        conn.close()


def test_backup_is_a_checked_complete_copy_under_a_timestamped_name(
    database: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    written = backup.write_backup(database, folder, "manual", WHEN)
    assert written.name == "studio-20261127-013000-manual.sqlite3"
    assert backup.quick_check(written) is None
    assert backup.header_intact(written)
    assert _rows(written) == 500
    assert [p.name for p in folder.iterdir()] == [written.name]  # no temp file left
    again = backup.write_backup(database, folder, "manual", WHEN)
    assert again.name == "studio-20261127-013000-manual-2.sqlite3"
    listed = backup.list_folder(folder)
    assert [b.path for b in listed] == [again, written]
    assert all(b.intact and b.reason == "manual" for b in listed)


def test_a_copy_that_fails_its_check_leaves_nothing(
    database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backup, "quick_check", lambda _p: "*** in database main ***")
    with pytest.raises(BackupError, match="未通过检查"):
        backup.write_backup(database, tmp_path, "auto", WHEN)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "studio.sqlite3",
        "studio.sqlite3-shm",
        "studio.sqlite3-wal",
    ]


KILLED_DURING_BACKUP = """
import os, signal, sys
from datetime import datetime
from pathlib import Path
from studio_app.storage import backup
# die the moment the copy is written, before it is checked and renamed
backup.quick_check = lambda _p: os.kill(os.getpid(), signal.SIGKILL)
backup.write_backup(Path(sys.argv[1]), Path(sys.argv[2]), "auto", datetime(2026, 11, 27, 1, 0))
"""


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL")
def test_a_backup_killed_half_way_leaves_only_a_temp_file_removed_next_time(
    database: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    previous = backup.write_backup(database, folder, "auto", WHEN - timedelta(hours=1))
    run = subprocess.run(
        [sys.executable, "-c", KILLED_DURING_BACKUP, str(database), str(folder)],
        capture_output=True,
    )
    assert run.returncode == -9
    names = sorted(p.name for p in folder.iterdir())
    partial = [n for n in names if n.endswith(".partial")]
    assert len(partial) == 1 and partial[0].startswith(".studio-20261127-010000-auto")
    assert [n for n in names if not n.endswith(".partial")] == [previous.name]
    assert backup.quick_check(previous) is None  # the previous backup is intact
    assert [b.path for b in backup.list_folder(folder)] == [previous]  # never listed

    written = backup.write_backup(database, folder, "auto", WHEN)
    assert sorted(p.name for p in folder.iterdir()) == sorted([previous.name, written.name])


def test_a_truncated_file_is_not_intact(database: Path, tmp_path: Path) -> None:
    written = backup.write_backup(database, tmp_path, "manual", WHEN)
    data = written.read_bytes()
    written.write_bytes(data[: len(data) // 2])
    assert not backup.header_intact(written)
    assert backup.list_folder(tmp_path)[0].intact is False
    other = tmp_path / "studio-20261127-020000-manual.sqlite3"
    other.write_text("not a database", encoding="utf-8")
    assert not backup.header_intact(other)
    assert backup.quick_check(other) is not None


# -- rotation ---------------------------------------------------------------------------------


def _file(taken_at: datetime, reason: str = "auto") -> BackupFile:
    return BackupFile(Path(backup.file_name(taken_at, reason)), taken_at, reason, 1, True)


def test_rotation_keeps_recent_daily_weekly_and_monthly_backups() -> None:
    now = datetime(2026, 11, 27, 18, 0)
    files = [_file(now - timedelta(days=d, hours=h)) for d in range(400) for h in (1, 4, 8)]
    keep = backup.to_keep(files, now)
    kept = sorted((f for f in files if f.path in keep), key=lambda f: f.taken_at, reverse=True)
    newest = sorted(files, key=lambda f: f.taken_at, reverse=True)
    assert newest[:6] == kept[:6]  # the latest few, even on the same day
    days = {f.taken_at.date() for f in kept}
    for d in range(12):
        assert (now - timedelta(days=d)).date() in days
    weeks = {f.taken_at.isocalendar()[:2] for f in kept}
    assert len([w for w in weeks if w >= (now - timedelta(weeks=9)).isocalendar()[:2]]) >= 10
    months = {(f.taken_at.year, f.taken_at.month) for f in kept}
    assert {(2026, m) for m in range(3, 12)} <= months
    assert len(kept) <= 6 + 12 + 10 + 9
    assert (now - timedelta(days=399, hours=8)).date() not in days  # the oldest went


def test_rotation_keeps_operation_backups_for_30_days_and_the_newest_few() -> None:
    now = datetime(2026, 11, 27, 18, 0)
    imports = [_file(now - timedelta(days=d), "import") for d in range(0, 90, 3)]
    keep = backup.to_keep(imports, now)
    assert {f.path for f in imports if (now - f.taken_at).days <= 30} <= keep
    assert all(f.path not in keep for f in imports if (now - f.taken_at).days > 31)
    old = [_file(now - timedelta(days=200 + d), "migration") for d in range(8)]
    keep = backup.to_keep(old, now)
    assert keep == {f.path for f in old[:5]}


def test_rotation_with_the_clock_set_back_keeps_the_newest(tmp_path: Path, database: Path) -> None:
    for d in range(20):
        backup.write_backup(database, tmp_path, "auto", WHEN - timedelta(days=d))
    newest = tmp_path / backup.file_name(WHEN, "auto")
    right_clock = backup.to_keep(backup.list_folder(tmp_path), now=WHEN)
    removed = backup.rotate(tmp_path, now=WHEN - timedelta(days=3000))
    left = {b.path for b in backup.list_folder(tmp_path)}
    assert newest in left
    assert left == right_clock  # regular backups rotate the same whatever the clock says
    assert {
        tmp_path / backup.file_name(WHEN - timedelta(days=d), "auto") for d in range(12)
    } <= left
    assert removed and all(not p.exists() for p in removed)


def test_rotation_never_removes_other_files(tmp_path: Path) -> None:
    mine = tmp_path / "my-own-copy.sqlite3"
    mine.write_text("x", encoding="utf-8")
    assert backup.rotate(tmp_path, now=WHEN) == []
    assert mine.exists()
