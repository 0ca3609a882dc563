"""The county's PostgreSQL mode, its storage: a ``postgresql://`` address is read (and a bad one
refused in one sentence), the SQL's SQLite placeholders and planner hints are rewritten, the
migration chain builds on PostgreSQL the tables and columns it builds in SQLite, and the
search index sees the same words as SQLite's."""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from studio_app.core.errors import UserError
from studio_app.core.search_text import index_text
from studio_app.storage import migrations
from studio_app.storage.database import close_database, open_database, open_postgres
from studio_app.storage.models import database
from studio_app.storage.postgres import _as_postgres, parse_url, placeholders
from tests import pg_server
from tests.conftest import POSTGRES


def test_an_address_is_read_without_keeping_its_password() -> None:
    target, password = parse_url("postgresql://county:s3cret@10.0.0.5/county_db")
    assert (target.user, target.host, target.port, target.dbname) == (
        "county", "10.0.0.5", 5432, "county_db"
    )  # fmt: skip
    assert password == "s3cret" and "s3cret" not in target.url
    assert target.url == "postgresql://county@10.0.0.5:5432/county_db"
    assert parse_url(target.url) == (target, None)
    socket, _ = parse_url("postgresql://studio@%2Ftmp%2Fpg:54329/x")
    assert socket.host == "/tmp/pg" and parse_url(socket.url)[0] == socket
    assert "10.0.0.5:5432" in target.display() and "county_db" in target.display()


@pytest.mark.parametrize(
    "text",
    [
        "mysql://county@host/db",
        "postgresql://host/db",  # no user
        "postgresql://county@host/",  # no database
        "postgresql://county@host:port/db",
        "postgresql://county@host/db?sslmode=disable",
    ],
)
def test_a_bad_address_is_refused_in_one_sentence(text: str) -> None:
    with pytest.raises(UserError) as refused:
        parse_url(text)
    assert "postgresql://" in refused.value.message


def test_sqlite_sql_is_rewritten_for_psycopg() -> None:
    assert placeholders("SELECT ? WHERE a LIKE '%?%' AND b = %s") == (
        "SELECT %s WHERE a LIKE '%%?%%' AND b = %s"
    )
    assert (
        placeholders('SELECT "we?ird" FROM t WHERE x = ?') == 'SELECT "we?ird" FROM t WHERE x = %s'
    )
    hinted = "SELECT 1 FROM visit v INDEXED BY visit_live_occurred CROSS JOIN t x ON x.id = v.id"
    assert _as_postgres(hinted) == "SELECT 1 FROM visit v JOIN t x ON x.id = v.id"
    staged = (
        "SELECT j.value FROM temp.x_visit s CROSS JOIN json_each(s.c3) j "
        "CROSS JOIN main.resident AS p ON p.uuid = j.value"
    )
    assert _as_postgres(staged) == (
        "SELECT j.value FROM pg_temp.x_visit s CROSS JOIN json_items(s.c3) j "
        "JOIN resident AS p ON p.uuid = j.value"
    )
    assert _as_postgres("CREATE INDEX temp.x_visit_uuid ON x_visit (uuid, n)") == (
        "CREATE INDEX x_visit_uuid ON x_visit (uuid, n)"
    )


@pytest.mark.parametrize("engine", [POSTGRES])
def test_sqlites_json_functions_answer_the_same(engine: str, db_path: Path) -> None:
    items = '["a", 2, {"k": "v", "n": 3, "b": true}]'
    assert database.execute_sql("SELECT key, value FROM json_items(?)", (items,)).fetchall() == [
        (0, "a"),
        (1, "2"),
        (2, '{"b": true, "k": "v", "n": 3}'),
    ]
    got = database.execute_sql(
        "SELECT json_extract(?, '$[0]'), json_extract(?, '$[2].n'), json_extract(?, '$[2].b'), "
        "json_extract(?, '$[5]'), json_quote(?)",
        (items, items, items, items, 'say "hi"'),
    ).fetchone()
    assert got == ("a", "3", "1", None, '"say \\"hi\\""')


@pytest.mark.parametrize("engine", [POSTGRES])
def test_a_cancel_stops_the_running_statement(engine: str, db_path: Path) -> None:
    """What stops an import half-way on PostgreSQL: the statement is cancelled, the
    transaction is rolled back, the connection goes on."""
    from studio_app.storage.database import Interrupted, interruptible

    started = time.monotonic()
    with pytest.raises(Interrupted), database.atomic():
        database.execute_sql("CREATE TABLE half_done (n integer)")
        with interruptible(lambda: time.monotonic() - started > 0.3):
            database.execute_sql("SELECT pg_sleep(30)")
    assert time.monotonic() - started < 5
    assert database.execute_sql("SELECT to_regclass('half_done')").fetchone() == (None,)
    with interruptible(lambda: False):
        assert database.execute_sql("SELECT 1").fetchone() == (1,)


@pytest.fixture
def both(tmp_path: Path) -> Iterator[tuple[sqlite3.Connection, str]]:
    """A migrated SQLite file (open) and a migrated PostgreSQL database (its address)."""
    path = tmp_path / "studio.sqlite3"
    open_database(path).close()
    url = pg_server.new_database(migrated=False)
    try:
        yield sqlite3.connect(path), url
    finally:
        close_database()
        pg_server.drop(url)


@pytest.mark.parametrize("engine", [POSTGRES])
def test_the_migrations_build_the_same_tables_and_columns(
    engine: str, both: tuple[sqlite3.Connection, str]
) -> None:
    lite, url = both
    db = open_postgres(url)
    assert migrations.current_version(db) == migrations.LATEST
    shadow = re.compile(r".*_fts_(data|idx|content|docsize|config)$")
    tables = {
        name: [c[1] for c in lite.execute(f'PRAGMA table_info("{name}")')]
        for (name,) in lite.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not shadow.match(name) and not name.startswith("sqlite_")
    }
    found: dict[str, list[str]] = {}
    for table, column in db.execute_sql(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = 'public' ORDER BY table_name, ordinal_position"
    ):
        found.setdefault(table, []).append(column)
    found.pop("schema_version")
    for fts in (t for t in tables if t.endswith("_fts")):
        assert found[fts] == ["rowid", "doc", "tokens"]  # SQLite's: one hidden doc column
        found[fts] = tables[fts]
    assert found == tables
    indexes = {r[0] for r in lite.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    pg_indexes = {r[0] for r in db.execute_sql("SELECT indexname FROM pg_indexes")}
    assert {i for i in indexes if not i.startswith("sqlite_")} <= pg_indexes
    triggers = {r[0] for r in lite.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    pg_triggers = {r[0] for r in db.execute_sql("SELECT tgname FROM pg_trigger")}
    assert triggers <= pg_triggers
    assert migrations.migrate(db) == migrations.LATEST  # again: nothing to do


TEXTS = [
    "石桥镇东岙村 王建国反映：道路破损，JD-2026-0042 号",
    "ＡＢＣ１２３　全角字符和 Mixed Case",
    "a＿b＃c（全角标点）！x－y　z",
    "カタカナ 한국어 𠀀 extension B",
    "",
]


@pytest.mark.parametrize("engine", [POSTGRES])
def test_the_search_index_sees_the_words_sqlite_sees(engine: str, db_path: Path) -> None:
    for text in TEXTS:
        words = re.findall(r"[^\W_]+", index_text(text, "第二段").lower())
        (doc,) = database.execute_sql("SELECT search_doc(?, ?)", (text, "第二段")).fetchone()
        assert doc.split() == words and doc.startswith(" ") and doc.endswith(" ")


@pytest.mark.parametrize("engine", [POSTGRES])
def test_the_index_keeps_each_word_and_each_pair_of_neighbours(engine: str, db_path: Path) -> None:
    (words,) = database.execute_sql("SELECT search_words(' 道 路 ab ')").fetchone()
    assert words == ["道", "路", "ab", "道_路", "路_ab"]
    assert database.execute_sql("SELECT search_words(' ')").fetchone() == ([],)


@pytest.mark.parametrize("engine", ["sqlite", POSTGRES])
def test_a_phrase_is_found_only_where_its_characters_are_neighbours(engine: str, ctx: Any) -> None:
    from studio_app.services.lists import visits as visit_list
    from studio_app.services.lists.paging import ListQuery
    from tests.services.helpers import visit

    made = {
        text: visit(ctx, content=text).id
        for text in ("村口道路破损", "路道两旁", "道旁的路", "修路道口", "小道路灯坏了", "ABC道路")
    }

    def found(text: str) -> set[int]:
        return {row[0] for row in visit_list.page(ListQuery(text=text), limit=50).rows}

    assert found("道路") == {made["村口道路破损"], made["小道路灯坏了"], made["ABC道路"]}
    assert found("路道") == {made["路道两旁"], made["修路道口"]}
    assert found("道路灯") == {made["小道路灯坏了"]}
    assert found("道") == set(made.values())
    assert found("路 ab") == {made["ABC道路"]}  # the last word may continue
    assert found("ab 路") == set()
    assert visit_list.count(ListQuery(text="道路")) == 3


@pytest.mark.parametrize("engine", [POSTGRES])
def test_an_older_index_gets_its_pairs_at_the_next_migration(engine: str, ctx: Any) -> None:
    from studio_app.services.lists import visits as visit_list
    from studio_app.services.lists.paging import ListQuery
    from tests.services.helpers import visit

    visit(ctx, content="村口道路破损")
    database.execute_sql("ALTER TABLE visit_fts DROP COLUMN tokens")
    database.execute_sql(
        "ALTER TABLE visit_fts ADD COLUMN tokens TEXT[] "
        "GENERATED ALWAYS AS (string_to_array(btrim(doc), ' ')) STORED"
    )
    migrations.migrate(database.obj)
    (tokens,) = database.execute_sql("SELECT tokens FROM visit_fts").fetchone()
    assert "道_路" in tokens
    assert visit_list.count(ListQuery(text="道路")) == 1


@pytest.mark.parametrize("engine", [POSTGRES])
def test_the_apps_role_needs_only_its_own_database(engine: str) -> None:
    """README's role: LOGIN and the owner of an empty database, nothing more."""
    name = f"app_{pg_server.uuid.uuid4().hex[:8]}"
    pg_server.admin(f"CREATE ROLE {name} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE")
    pg_server.admin(f"CREATE DATABASE {name} OWNER {name} ENCODING 'UTF8' TEMPLATE template0")
    url = pg_server.server().replace(f"://{pg_server.USER}@", f"://{name}@").rsplit("/", 1)[0]
    try:
        db = open_postgres(f"{url}/{name}")
        assert migrations.current_version(db) == migrations.LATEST
        assert db.execute_sql(
            "SELECT rolsuper FROM pg_roles WHERE rolname = ?", (name,)
        ).fetchone() == (False,)
    finally:
        close_database()
        pg_server.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        pg_server.admin(f"DROP ROLE IF EXISTS {name}")


@pytest.mark.parametrize("engine", [POSTGRES])
def test_the_live_counts_follow_every_kind_of_write(engine: str, ctx: Any) -> None:
    """Kept once per statement on PostgreSQL: rows inserted, trashed, restored, deleted,
    one at a time or many in one statement."""
    from tests.services.helpers import visit

    def counted() -> tuple[int, int]:
        (kept,) = database.execute_sql("SELECT n FROM live_count WHERE table_name = 'visit'")
        (live,) = database.execute_sql("SELECT count(*) FROM visit WHERE deleted_at IS NULL")
        return kept[0], live[0]

    from studio_app.services import visits

    ids = [visit(ctx).id for _ in range(3)]
    assert counted() == (3, 3)
    visits.delete(ctx, ids[0])
    assert counted() == (2, 2)
    visits.restore(ctx, ids[0])
    assert counted() == (3, 3)
    columns = [
        c
        for (c,) in database.execute_sql(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'visit' "
            "AND column_name NOT IN ('id', 'uuid', 'serial', 'deleted_at')"
        )
    ]
    listed = ", ".join(f'"{c}"' for c in columns)
    database.execute_sql(  # 100 copies in one statement, a quarter of them trashed
        f"INSERT INTO visit (uuid, deleted_at, {listed}) SELECT md5(g::text || v.id), "
        f"CASE WHEN g % 4 = 0 THEN '2026-02-01' END, {listed} FROM visit v "
        "CROSS JOIN generate_series(1, 100) g WHERE v.id = ?",
        (ids[1],),
    )
    assert counted() == (78, 78)
    database.execute_sql("UPDATE visit SET deleted_at = '2026-03-01' WHERE id > ?", (ids[2],))
    assert counted() == (3, 3)
    database.execute_sql("UPDATE visit SET deleted_at = NULL WHERE id > ?", (ids[2],))
    assert counted() == (103, 103)
    database.execute_sql("DELETE FROM visit WHERE id > ?", (ids[2],))
    assert counted() == (3, 3)
