"""A county's PostgreSQL database is backed up with pg_dump (checked before it is kept,
listed beside SQLite backups) and restored with pg_restore into a new empty database, which
then holds the same rows; a restore into a database that is not empty, a file that is not
a dump, or a damaged dump is refused in one sentence with nothing changed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from studio_app.cli import main
from studio_app.paths import DataDir
from studio_app.services import members
from studio_app.storage.database import close_database, open_postgres
from studio_app.storage.models import database
from studio_app.workspace import open_workspace
from tests import pg_server
from tests.cli.test_postgres_setup import COUNTY
from tests.conftest import POSTGRES

pytestmark = pytest.mark.parametrize("engine", [POSTGRES])
TABLES = ("site", "member", "user", "setting", "audit_entry", "code_item")


@pytest.fixture
def county(engine: str, tmp_path: Path) -> Iterator[tuple[Path, str, str]]:
    """A county set up on PostgreSQL with a member, and an empty database beside it."""
    url, empty = pg_server.new_database(migrated=False), pg_server.new_database(migrated=False)
    data = tmp_path / "pc"
    assert main(["--data-dir", str(data), *COUNTY, "--database", url]) == 0
    workspace = open_workspace(DataDir(data))
    members.create(workspace.context("admin"), {"name": "王建国", "phone": "13812345678"})
    workspace.close()
    yield data, url, empty
    close_database()
    pg_server.drop(url)
    pg_server.drop(empty)


def rows(url: str) -> dict[str, list[tuple[object, ...]]]:
    open_postgres(url, migrate=False)
    try:
        return {t: database.execute_sql(f'SELECT * FROM "{t}" ORDER BY 1').fetchall()
                for t in TABLES}  # fmt: skip
    finally:
        close_database()


def test_a_dump_is_checked_listed_and_restored_whole(
    county: tuple[Path, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    data, url, empty = county
    capsys.readouterr()
    assert main(["--data-dir", str(data), "backup"]) == 0
    dump = Path(capsys.readouterr().out.strip())
    assert dump.parent == data / "backups" and dump.name.startswith("county-")
    assert dump.suffix == ".dump" and not list(dump.parent.glob("*.partial"))
    assert main(["--data-dir", str(data), "backup", "--list"]) == 0
    assert "完好" in capsys.readouterr().out
    assert main(["restore", str(dump), "--into", empty]) == 0
    assert "平阳县政协（PYX）" in capsys.readouterr().out
    assert rows(empty) == rows(url)


def test_a_restore_refuses_what_it_cannot_use(
    county: tuple[Path, str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, url, empty = county
    assert main(["--data-dir", str(data), "backup"]) == 0
    dump = Path(capsys.readouterr().out.strip())
    before = rows(url)
    assert main(["restore", str(dump), "--into", url]) == 1  # not empty
    assert "不是空数据库" in capsys.readouterr().err
    assert rows(url) == before
    assert main(["restore", str(dump)]) == 1
    assert "--into" in capsys.readouterr().err
    other = tmp_path / "county-20260101-090000-manual.dump"
    other.write_bytes(b"not a dump")
    assert main(["restore", str(other), "--into", empty]) == 1
    assert "不是本程序的 PostgreSQL 备份" in capsys.readouterr().err
    cut = tmp_path / "cut.dump"
    cut.write_bytes(dump.read_bytes()[:400])
    assert main(["restore", str(cut), "--into", empty]) == 1
    assert "恢复没有进行" in capsys.readouterr().err
    open_postgres(empty, migrate=False)
    assert database.execute_sql(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
    ).fetchone() == (0,)
    close_database()
