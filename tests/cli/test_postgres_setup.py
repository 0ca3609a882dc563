"""``setup --kind county --database postgresql://…``: the first PC sets the county up on its
PostgreSQL database and the data folder remembers the address, never the password; the
commands then work on it; a second PC of the same county joins it; a studio, a wrong code,
a bad address or an unreachable server are refused in one sentence, with nothing kept."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from studio_app.cli import main
from studio_app.paths import SERVER_FILE
from tests import pg_server
from tests.conftest import POSTGRES

COUNTY = ["setup", "--kind", "county", "--name", "平阳县政协", "--code", "PYX"]
COUNTY += ["--county", "平阳县"]

pytestmark = pytest.mark.parametrize("engine", [POSTGRES])


@pytest.fixture
def server(engine: str) -> Iterator[str]:
    """An empty database on the test server, and its address with a password in it."""
    url = pg_server.new_database(migrated=False)
    yield url.replace("://studio@", "://studio:not-kept@")
    pg_server.drop(url)


def run(data: Path, *args: str) -> int:
    return main(["--data-dir", str(data), *args])


def test_the_first_pc_sets_up_and_another_joins(
    server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "pc1", tmp_path / "pc2"
    assert run(first, *COUNTY, "--database", server) == 0
    out = capsys.readouterr().out
    assert "已设置：平阳县政协（PYX）" in out and "PostgreSQL 数据库" in out
    kept = (first / SERVER_FILE).read_text(encoding="utf-8")
    assert "postgresql://studio@" in kept and "not-kept" not in kept
    assert not (first / "studio.sqlite3").exists()
    assert run(first, "stats", "--json") == 0  # the folder remembers the database
    assert json.loads(capsys.readouterr().out)["visits"]["total"] == 0
    assert run(first, "check") == 0  # names the database it checked, not a file
    assert "数据库完好：PostgreSQL 数据库" in capsys.readouterr().out
    assert run(second, *COUNTY, "--database", server) == 0
    assert "已连接：平阳县政协（PYX）" in capsys.readouterr().out
    assert (second / SERVER_FILE).read_text(encoding="utf-8") == kept
    wrong = tmp_path / "pc3"
    assert run(wrong, *COUNTY[:-4], "--code", "XYZ", "--database", server) == 1
    assert "与 --code XYZ 不符" in capsys.readouterr().err
    assert not (wrong / SERVER_FILE).exists()


def test_a_studio_a_bad_address_and_no_server_are_refused(
    server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "pc"
    studio = ["setup", "--kind", "studio", "--name", "石桥镇政协委员工作室", "--code", "SQZ"]
    assert run(data, *studio, "--database", server) == 1
    assert "只有县政协可以使用 PostgreSQL" in capsys.readouterr().err
    assert run(data, *COUNTY, "--database", "postgresql://host/db") == 1
    assert "须写明用户名" in capsys.readouterr().err
    assert run(data, *COUNTY, "--database", "postgresql://studio@127.0.0.1:9/x") == 1
    assert "服务器拒绝连接" in capsys.readouterr().err
    assert not (data / SERVER_FILE).exists()
