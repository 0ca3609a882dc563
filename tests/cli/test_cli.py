"""The ``studio-app`` command line: the contract scripts rely on.

Most tests call ``main()`` in-process on a real data directory; a few run the installed
module as a separate process to prove exit codes and output end to end.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from studio_app.cli import main

SETUP = ["setup", "--kind", "studio", "--name", "石桥镇政协委员工作室", "--code", "SQZ"]


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STUDIO_APP_DATA_DIR": str(data_dir), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "studio_app", *args], env=env, capture_output=True, text=True
    )


def rows(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    try:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE '%fts%'"
            )
        ]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        conn.close()


def test_setup_demo_stats_check_end_to_end(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = run(data, "demo", "--visits", "300", "--seed", "7")
    assert result.returncode == 0, result.stderr
    assert "接待走访 300" in result.stdout
    assert (
        (data / "studio.sqlite3").exists()
        and (data / "backups").is_dir()
        and (data / "logs").is_dir()
    )

    result = run(data, "stats", "--json")
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    assert stats["visits"]["total"] + stats["trash"] >= 300
    assert set(stats["visits"]["by_status"]) == {
        "registered",
        "referred",
        "in_progress",
        "fed_back",
        "closed",
    }

    result = run(data, "check")
    assert result.returncode == 0 and "完好" in result.stdout


def test_data_dir_option_overrides_the_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.environ.pop("STUDIO_APP_DATA_DIR", None)
    assert main(["--data-dir", str(tmp_path / "a"), *SETUP]) == 0
    assert main([*SETUP[:1], "--data-dir", str(tmp_path / "b"), *SETUP[1:]]) == 0
    assert (tmp_path / "a" / "studio.sqlite3").exists() and (
        tmp_path / "b" / "studio.sqlite3"
    ).exists()
    assert "SQZ" in capsys.readouterr().out


def test_setup_twice_is_refused_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(tmp_path)
    assert main(["--data-dir", data, *SETUP]) == 0
    before = rows(tmp_path / "studio.sqlite3")
    capsys.readouterr()
    assert main(["--data-dir", data, *SETUP]) == 1
    err = capsys.readouterr().err.strip()
    assert err == "本机已经设置过工作室信息，不能重复设置。"
    assert rows(tmp_path / "studio.sqlite3") == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["setup", "--kind", "studio", "--name", "X", "--code", "1"], "代码"),
        (["setup", "--kind", "studio", "--name", " ", "--code", "ABC"], "名称"),
    ],
)
def test_bad_setup_input_exits_1_with_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(["--data-dir", str(tmp_path), *args]) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert rows(tmp_path / "studio.sqlite3")["site"] == 0


@pytest.mark.parametrize(
    "args",
    [
        ["frobnicate"],
        ["setup", "--kind", "city", "--name", "X", "--code", "AB"],
        ["demo", "--visits", "0"],
        ["demo", "--visits", "x"],
        ["stats", "--colour"],
    ],
)
def test_usage_errors_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--data-dir", str(tmp_path), *args])
    assert info.value.code == 2
    assert "用法错误" in capsys.readouterr().err
    assert not (tmp_path / "studio.sqlite3").exists()


def test_reading_commands_do_not_create_a_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for command in ("stats", "check"):
        assert main(["--data-dir", str(tmp_path / "none"), command]) == 1
    assert not (tmp_path / "none").exists()
    assert "setup" in capsys.readouterr().err


def test_stats_without_setup_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from studio_app.storage.database import close_database, open_database

    open_database(tmp_path / "studio.sqlite3")
    close_database()
    assert main(["--data-dir", str(tmp_path), "stats"]) == 1
    assert "setup" in capsys.readouterr().err


def test_demo_refuses_a_database_with_records(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(tmp_path), "demo", "--visits", "50"]) == 0
    before = rows(tmp_path / "studio.sqlite3")
    assert main(["--data-dir", str(tmp_path), "demo", "--visits", "50"]) == 1
    assert "空数据库" in capsys.readouterr().err
    assert rows(tmp_path / "studio.sqlite3") == before


def test_demo_is_refused_on_a_ledger_set_up_for_real_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(tmp_path), *SETUP[:-1], "ABC"]) == 0
    before = rows(tmp_path / "studio.sqlite3")
    assert main(["--data-dir", str(tmp_path), "demo", "--visits", "20"]) == 1
    assert "正式使用的台账" in capsys.readouterr().err
    assert rows(tmp_path / "studio.sqlite3") == before


def test_check_reports_a_damaged_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(tmp_path), *SETUP]) == 0
    conn = sqlite3.connect(tmp_path / "studio.sqlite3")
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("INSERT INTO visit_member (visit_id, member_id, position) VALUES (999, 999, 0)")
    conn.commit()
    conn.close()
    capsys.readouterr()
    assert main(["--data-dir", str(tmp_path), "check"]) == 1
    assert "外键" in capsys.readouterr().err


def test_unreadable_file_as_database_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "studio.sqlite3").write_bytes(b"this is not a database" * 100)
    assert main(["--data-dir", str(tmp_path), "stats"]) == 1
    err = capsys.readouterr().err
    assert "无法打开数据库" in err and err.count("\n") == 1


def test_data_dir_that_is_a_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["--data-dir", str(blocker), *SETUP]) == 1
    assert "数据目录" in capsys.readouterr().err
