"""``studio-app demo --county``: the county office's demo on an empty data directory."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from studio_app.cli import main


def counts(db: Path) -> tuple[int, ...]:
    conn = sqlite3.connect(db)
    try:
        return tuple(
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("site", "visit", "proposal", "import_history", "audit_entry")
        )
    finally:
        conn.close()


def test_demo_county_sets_up_the_county_with_studios_packages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data-dir", str(tmp_path)]
    assert main([*data, "demo", "--county", "--studios", "2", "--visits", "60"]) == 0
    out = capsys.readouterr().out
    assert "平阳县政协" in out and "SQZ、WQZ" in out and "接待走访 120" in out
    assert "用户名 admin，密码 demo" in out
    assert main([*data, "check"]) == 0
    assert main([*data, "peers"]) == 0  # the studios' signing keys, pinned on import
    assert "SQZ" in capsys.readouterr().out

    before = counts(tmp_path / "studio.sqlite3")
    assert before[0] == 3 and before[3] == 4  # the county and two studios; two packages each
    assert main([*data, "demo", "--county"]) == 1
    assert "空的数据目录" in capsys.readouterr().err
    assert main([*data, "demo", "--visits", "20"]) == 1  # no studio demo at the county
    assert counts(tmp_path / "studio.sqlite3") == before


def test_demo_county_refuses_a_studio_ledger(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(tmp_path), "demo", "--visits", "20"]) == 0
    before = counts(tmp_path / "studio.sqlite3")
    assert main(["--data-dir", str(tmp_path), "demo", "--county"]) == 1
    assert "空的数据目录" in capsys.readouterr().err
    assert counts(tmp_path / "studio.sqlite3") == before


def test_studios_only_with_county(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path), "demo", "--studios", "2"]) == 2
    assert "--county" in capsys.readouterr().err
    assert not (tmp_path / "studio.sqlite3").exists()
    with pytest.raises(SystemExit) as info:
        main(["--data-dir", str(tmp_path), "demo", "--county", "--studios", "0"])
    assert info.value.code == 2
    assert main(["--data-dir", str(tmp_path), "demo", "--county", "--studios", "13"]) == 1
    assert "1 到 12" in capsys.readouterr().err
    assert counts(tmp_path / "studio.sqlite3")[:2] == (0, 0)
