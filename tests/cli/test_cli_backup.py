"""``studio-app backup`` / ``restore``: files written, refusals with one sentence, exit codes."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from studio_app.cli import main
from studio_app.services import members, site
from studio_app.storage.database import close_database, open_database

HOLD_LOCK = """
import sys
from pathlib import Path
from studio_app.storage import folder_lock
folder_lock.hold(Path(sys.argv[1]))  # what the open app holds all its life (ui.app.launch)
print("locked", flush=True)
sys.stdin.readline()
"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A studio without accounts (no login needed) and a few members."""
    folder = tmp_path / "data"
    folder.mkdir()
    open_database(folder / "studio.sqlite3")
    studio = site.setup("studio", "石桥镇政协委员工作室", "SQZ", "石桥镇", "平阳县")
    ctx = site.context_for(studio)
    for i in range(30):
        members.create(ctx, {"name": f"委员{i:02d}", "unit_and_post": "某单位" * 20})
    close_database()
    return folder


def _names(db: Path) -> set[str]:
    conn = sqlite3.connect(db)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM member")}
    finally:
        conn.close()


def _add_member(data: Path, name: str) -> None:
    open_database(data / "studio.sqlite3")
    members.create(site.context_for(site.require_site()), {"name": name})
    close_database()


def test_backup_prints_the_file_it_wrote(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backup", "--data-dir", str(data)]) == 0
    written = Path(capsys.readouterr().out.strip())
    assert written.parent == data / "backups" and written.name.endswith("-manual.sqlite3")
    assert len(_names(written)) == 30

    assert main(["backup", "--list", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert str(written) in out and "手动" in out and "完好" in out


def test_backup_to_a_folder_or_a_new_file(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    assert main(["backup", str(stick), "--data-dir", str(data)]) == 0
    assert Path(capsys.readouterr().out.strip()).parent == stick
    named = tmp_path / "交接用.sqlite3"
    assert main(["backup", str(named), "--data-dir", str(data)]) == 0
    assert capsys.readouterr().out.strip() == str(named)
    assert len(_names(named)) == 30

    assert main(["backup", str(named), "--data-dir", str(data)]) == 1
    assert "已存在" in capsys.readouterr().err
    assert main(["backup", str(tmp_path / "no" / "x.sqlite3"), "--data-dir", str(data)]) == 1
    assert "不存在" in capsys.readouterr().err


def test_restore_replaces_the_database_after_a_backup_of_it(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "earlier.sqlite3"
    assert main(["backup", str(copy), "--data-dir", str(data)]) == 0
    _add_member(data, "后来添加的委员")
    capsys.readouterr()

    assert main(["restore", str(copy), "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert "恢复前的数据库已备份为" in out
    assert "后来添加的委员" not in _names(data / "studio.sqlite3")
    [before] = (data / "backups").glob("*-restore.sqlite3")
    assert "后来添加的委员" in _names(before)


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 an xlsx, not a database" * 100])
def test_restore_of_a_bad_file_is_refused_and_nothing_changes(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes
) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(content)
    before = (data / "studio.sqlite3").read_bytes()
    assert main(["restore", str(bad), "--data-dir", str(data)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "bad.sqlite3" in err
    assert (data / "studio.sqlite3").read_bytes() == before
    assert not (data / "backups").exists() or not any((data / "backups").iterdir())


def test_restore_is_refused_while_the_app_has_the_folder_open(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "earlier.sqlite3"
    assert main(["backup", str(copy), "--data-dir", str(data)]) == 0
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(data)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        capsys.readouterr()
        assert main(["restore", str(copy), "--data-dir", str(data)]) == 1
        assert "请先关闭程序" in capsys.readouterr().err
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.close()
        holder.wait()
        assert holder.stdout is not None
        holder.stdout.close()
    assert main(["restore", str(copy), "--data-dir", str(data)]) == 0


def test_damaged_database_is_refused_naming_the_newest_backup_then_restored(
    data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["backup", "--data-dir", str(data)]) == 0
    newest = Path(capsys.readouterr().out.strip())
    db = data / "studio.sqlite3"
    conn = sqlite3.connect(db)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'member'").fetchone()[0]
    page = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    raw = bytearray(db.read_bytes())
    raw[page * (root - 1) : page * root] = b"\xaa" * page
    db.write_bytes(bytes(raw))

    assert main(["stats", "--data-dir", str(data)]) == 1
    err = capsys.readouterr().err.strip()
    assert "已损坏" in err and str(newest) in err and err.count("\n") == 0

    assert main(["restore", str(newest), "--data-dir", str(data)]) == 0
    assert "损坏的数据库已原样保留为" in capsys.readouterr().out
    assert list(data.glob("damaged-*.sqlite3"))
    assert main(["stats", "--data-dir", str(data)]) == 0


def test_usage_errors_exit_2(data: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["restore", "--data-dir", str(data)])
    assert caught.value.code == 2
