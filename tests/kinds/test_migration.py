"""A ``NNNN_<kind>.kind`` migration creates a declared kind's tables from its declaration."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest

from studio_app.core import kinds
from studio_app.storage import migrations
from studio_app.storage.database import close_database, open_database
from tests.kinds.throwaway import TEA_TALK


def test_a_kind_file_migrates_the_kinds_tables(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "package"
    shutil.copytree(
        Path(str(resources.files("studio_app.storage").joinpath("sql"))), package / "sql"
    )
    step = f"{migrations.LATEST + 1:04d}_tea_talk.kind"
    (package / "sql" / step).write_text("tea_talk\n", encoding="utf-8")
    monkeypatch.setattr(migrations.resources, "files", lambda _name: package)
    with kinds.registered(TEA_TALK):
        db = open_database(tmp_path / "studio.sqlite3", migrate=False)
        try:
            assert migrations.migrate(db) == migrations.LATEST + 1
            tables = {r[0] for r in db.execute_sql("SELECT name FROM sqlite_master")}
            assert {"tea_talk", "tea_talk_member", "tea_talk_fts"} <= tables
            count = db.execute_sql("SELECT n FROM live_count WHERE table_name = 'tea_talk'")
            assert count.fetchone()[0] == 0
        finally:
            close_database()
