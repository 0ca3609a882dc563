"""Bytes changed inside a record's text leave a valid file: `check` finds them all the same.

SQLite's own checks prove the structure only; `check` also compares each record's text with
the search index, a second copy written by triggers elsewhere in the file (docs/RELIABILITY.md
row 40). The damage is done to the file's bytes, as a failing disk or another program would.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.cli.test_cli import run


def _make(tmp_path: Path) -> tuple[Path, str, str]:
    data = tmp_path / "data"
    assert run(data, "demo", "--visits", "300").returncode == 0
    db = data / "studio.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    serial, content = conn.execute(
        "SELECT serial, content FROM visit WHERE deleted_at IS NULL AND length(content) > 40 "
        "ORDER BY id DESC LIMIT 1"
    ).fetchone()
    conn.close()
    return db, serial, content


def _flip_a_character(db: Path, content: str) -> None:
    """One Chinese character of the text becomes another of the same byte length."""
    raw = bytearray(db.read_bytes())
    old = content.encode()
    at = raw.find(old)
    assert at >= 0 and raw.find(old, at + 1) < 0
    char = next(c for c in content[5:] if len(c.encode()) == 3 and c != "甲")
    offset = at + old.index(char.encode())
    raw[offset : offset + 3] = "甲".encode()
    db.write_bytes(bytes(raw))


def test_text_changed_in_the_file_is_found_by_check(tmp_path: Path) -> None:
    db, serial, content = _make(tmp_path)
    assert run(db.parent, "check").returncode == 0
    _flip_a_character(db, content)
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"  # SQLite sees nothing
    conn.close()
    done = run(db.parent, "check", "--all-text")
    assert done.returncode == 1, done.stdout
    assert f"内容检查：接待走访 {serial} 的文字与搜索索引不一致" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_sound_database_passes_the_whole_text_check(tmp_path: Path) -> None:
    db, _, _ = _make(tmp_path)
    done = run(db.parent, "check", "--all-text")
    assert done.returncode == 0, done.stderr
