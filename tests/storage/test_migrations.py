"""Schema migrations: versions, upgrades that keep every row, failures that change nothing."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from studio_app.core import defaults
from studio_app.core.codes import CodeListKind
from studio_app.core.errors import UserError
from studio_app.services import site
from studio_app.storage import migrations
from studio_app.storage.database import close_database, open_database
from studio_app.storage.models import ALL_MODELS, database

V1_ROWS = """
INSERT INTO site VALUES (1, 's-1', 'studio', '石桥镇政协委员工作室', 'SQZ', '石桥镇', '平阳县', '', '', 1, 1, '2024-01-01 00:00:00');
INSERT INTO member (id, uuid, serial, origin_site, created_at, updated_at, rev, county_rev, created_by, updated_by, name, gender, sector, party, unit_and_post, phone, is_standing, studio, active, term)
  VALUES (1, 'm-1', NULL, 's-1', '2024-01-01', '2024-01-01', 1, 0, 'admin', 'admin', '王建国', 'male', '22', '', '', '', 0, 's-1', 1, '');
INSERT INTO resident (id, uuid, origin_site, created_at, updated_at, rev, county_rev, created_by, updated_by, name, name_key, gender, phone, phone_key, id_number, township, village, group_name, address, kind)
  VALUES (1, 'r-1', 's-1', '2024-01-01', '2024-01-01', 1, 0, 'admin', 'admin', '李秀英', '李秀英', '', '13800001111', '13800001111', '', '', '东岙村', '', '', 'villager');
INSERT INTO visit (id, uuid, serial, origin_site, created_at, updated_at, rev, county_rev, created_by, updated_by, channel, occurred_at, place, visitor_count, category, content, onsite_reply, handling, referred_unit, result, feedback_channel, revisit_note, satisfaction, confidential, status, reporting_point, member_names, resident_names)
  VALUES (1, 'v-1', 'JD-2024-0001', 's-1', '2024-01-02', '2024-01-02', 1, 0, 'admin', 'admin', 'reception', '2024-01-02 09:00:00', '', 1, '09', '村口道路破损', '', 'answered', '', '', '', '', '', 0, 'closed', '', '王建国', '李秀英'),
         (2, 'v-2', 'JD-2024-0002', 's-1', '2024-01-03', '2024-01-03', 2, 0, 'admin', 'admin', 'phone', '2024-01-03 10:00:00', '', 1, '07', '低保申请咨询', '', 'answered', '', '', '', '', '', 0, 'closed', '', '王建国', '');
INSERT INTO visit_member (visit_id, member_id, position) VALUES (1, 1, 0), (2, 1, 0);
INSERT INTO visit_resident (visit_id, resident_id, position) VALUES (1, 1, 0);
INSERT INTO audit_entry (at, user, action, record_type, record_uuid, changes) VALUES ('2024-01-02', 'admin', 'create', 'visit', 'v-1', '{}');
"""


def _counts() -> dict[str, int]:
    return {
        m._meta.table_name: m.select().count()  # type: ignore[attr-defined]
        for m in ALL_MODELS
    }


def test_fresh_database_is_at_the_latest_version_with_pragmas(tmp_path: Path) -> None:
    db = open_database(tmp_path / "a.sqlite3")
    try:
        assert migrations.current_version(db) == migrations.LATEST >= 2
        pragmas = {
            name: db.execute_sql(f"PRAGMA {name}").fetchone()[0]
            for name in (
                "journal_mode",
                "foreign_keys",
                "synchronous",
                "busy_timeout",
                "secure_delete",
            )
        }
        assert pragmas == {
            "journal_mode": "wal",
            "foreign_keys": 1,
            "synchronous": 2,
            "busy_timeout": 5000,
            "secure_delete": 1,
        }
        seen = {}

        def other_thread() -> None:  # each thread gets its own connection, same settings
            seen["fk"] = db.execute_sql("PRAGMA foreign_keys").fetchone()[0]
            seen["sync"] = db.execute_sql("PRAGMA synchronous").fetchone()[0]
            db.close()

        t = threading.Thread(target=other_thread)
        t.start()
        t.join()
        assert seen == {"fk": 1, "sync": 2}
    finally:
        close_database()


def test_schema_matches_the_models(tmp_path: Path) -> None:
    db = open_database(tmp_path / "a.sqlite3")
    try:
        for model in ALL_MODELS:
            table = model._meta.table_name  # type: ignore[attr-defined]
            columns = {row[1] for row in db.execute_sql(f'PRAGMA table_info("{table}")')}
            expected = {f.column_name for f in model._meta.sorted_fields}  # type: ignore[attr-defined]
            assert columns == expected, table
    finally:
        close_database()


def test_upgrade_from_version_1_keeps_every_row_and_indexes_old_text(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = open_database(path, migrate=False)
    migrations.migrate(db, target=1)
    assert migrations.current_version(db) == 1
    db.connection().executescript(V1_ROWS)
    before = _counts()
    close_database()

    db = open_database(path)  # opening migrates to the latest version
    try:
        assert migrations.current_version(db) == migrations.LATEST
        seeded = {"code_item": before["code_item"] + len(defaults.ACTIVITY_KINDS)}
        assert _counts() == {**before, **seeded}  # a list added since: its defaults
        kinds_now = site.code_labels(CodeListKind.ACTIVITY_KIND)
        assert list(kinds_now.values()) == list(defaults.ACTIVITY_KINDS)
        from studio_app.services.lists import visits as visit_list
        from studio_app.services.lists.paging import ListQuery

        assert visit_list.count(ListQuery()) == 2  # the live tally starts from the old rows
        assert visit_list.count(ListQuery(text="道路")) == 1
        assert visit_list.count(ListQuery(text="王建国")) == 2
        assert db.execute_sql("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        close_database()


def test_upgrade_from_version_12_links_contacts_and_activities_to_what_grew_from_them(
    tmp_path: Path,
) -> None:
    path = tmp_path / "v12.sqlite3"
    db = open_database(path, migrate=False)
    migrations.migrate(db, target=12)
    db.connection().executescript(V1_ROWS)  # the rows of every version since still fit
    before = _counts()
    close_database()

    db = open_database(path)
    try:
        columns = [r[1] for r in db.execute_sql("PRAGMA table_info(proposal_source)")]
        assert columns[-2:] == ["contact_id", "activity_id"]
        columns = [r[1] for r in db.execute_sql("PRAGMA table_info(visit_source)")]
        assert columns == ["id", "visit_id", "contact_id", "activity_id"]
        assert _counts() == before
        assert db.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    finally:
        close_database()


# consultation_source as released with step 11, before consultations grew from elections
V16_SOURCES = """
DROP TABLE consultation_source;
CREATE TABLE "consultation_source" ("id" INTEGER NOT NULL PRIMARY KEY, "consultation_id" INTEGER NOT NULL REFERENCES "consultation" ("id") ON DELETE CASCADE, "visit_id" INTEGER REFERENCES "visit" ("id") ON DELETE RESTRICT);
CREATE INDEX "consultation_source_consultation_id" ON "consultation_source" ("consultation_id");
CREATE INDEX "consultation_source_visit_id" ON "consultation_source" ("visit_id");
INSERT INTO consultation (id, uuid, serial, origin_site, created_at, updated_at, rev, county_rev, created_by, updated_by, exchanged_rev, exchanged_county_rev, topic, source, format, held_at, place, chair, positions, agreed_points, outcome_kind, status, member_names)
  VALUES (1, 'x-1', 'XS-2024-0001', 's-1', '2024-01-05', '2024-01-05', 1, 0, 'admin', 'admin', 0, 0, '村口道路修缮', 'from_visits', 'meeting', '2024-01-05 14:00:00', '', '', '', '', '', 'open', '');
INSERT INTO consultation_source (id, consultation_id, visit_id) VALUES (1, 1, 1);
"""


def test_upgrade_from_version_16_lets_consultations_grow_from_elections(tmp_path: Path) -> None:
    path = tmp_path / "v16.sqlite3"
    db = open_database(path, migrate=False)
    migrations.migrate(db, target=16)
    db.connection().executescript(V1_ROWS + V16_SOURCES)
    before = _counts()
    close_database()

    db = open_database(path)
    try:
        columns = [r[1] for r in db.execute_sql("PRAGMA table_info(consultation_source)")]
        assert columns == ["id", "consultation_id", "visit_id", "election_id"]
        rows = db.execute_sql("SELECT * FROM consultation_source").fetchall()
        assert rows == [(1, 1, 1, None)]
        indexes = {r[1] for r in db.execute_sql("PRAGMA index_list(consultation_source)")}
        assert "consultation_source_election_id" in indexes
        assert _counts() == before
        assert db.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    finally:
        close_database()


def test_upgrade_from_version_17_adds_through_train_as_no(tmp_path: Path) -> None:
    path = tmp_path / "v17.sqlite3"
    db = open_database(path, migrate=False)
    migrations.migrate(db, target=17)
    db.connection().executescript(V1_ROWS)
    db.execute_sql(
        "INSERT INTO proposal (id, uuid, serial, origin_site, created_at, updated_at, rev, "
        "county_rev, created_by, updated_by, kind, title, lead_member_id, sector, category, "
        "facts, analysis, recommendations, submitted_at, status, member_evaluation, county_no, "
        "review, review_reason, merged_into, converted_to, reply_class, reply_summary, "
        "reply_text, adoption_level, adopted_by, instruction_leader, instruction_text, "
        "instruction_level, co_signer_names) VALUES (1, 'p-1', 'SQ-2024-0001', 's-1', "
        "'2024-01-05', '2024-01-05', 1, 0, 'admin', 'admin', 'sqmy', '村道积水', 1, '', '', "
        "'', '', '', '2024-01-05', 'submitted', '', '', '', '', '', '', '', '', '', '', '', '', "
        "'', '', '')"
    )
    close_database()

    db = open_database(path)
    try:
        assert db.execute_sql("SELECT through_train FROM proposal").fetchall() == [(0,)]
        plan = db.execute_sql(
            "EXPLAIN QUERY PLAN SELECT id FROM proposal t WHERE t.deleted_at IS NULL "
            "ORDER BY t.through_train DESC, COALESCE(t.submitted_at, '') DESC, t.id DESC LIMIT 5"
        ).fetchall()
        assert "proposal_sort_through_train" in str(plan) and "TEMP B-TREE" not in str(plan)
    finally:
        close_database()


def test_upgrade_from_version_19_links_visits_to_reporting_points(tmp_path: Path) -> None:
    path = tmp_path / "v19.sqlite3"
    db = open_database(path, migrate=False)
    migrations.migrate(db, target=19)
    db.connection().executescript(V1_ROWS)
    before = _counts()
    close_database()

    db = open_database(path)
    try:
        assert _counts() == before
        columns = [r[1] for r in db.execute_sql("PRAGMA table_info(visit)")]
        assert "reporting_point" not in columns and columns[-1] == "reporting_point_id"
        assert db.execute_sql("SELECT id, reporting_point_id FROM visit").fetchall() == [
            (1, None), (2, None)
        ]  # fmt: skip
        assert db.execute_sql("PRAGMA foreign_key_check").fetchall() == []
        plan = db.execute_sql(
            "EXPLAIN QUERY PLAN SELECT count(*) FROM visit WHERE deleted_at IS NULL "
            "AND reporting_point_id = 1 AND occurred_at >= '2026-01-01'"
        ).fetchall()
        assert "visit_live_reporting_point" in str(plan)
    finally:
        close_database()


def test_a_failing_migration_leaves_the_previous_version_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.sqlite3"
    db = open_database(path, migrate=False)
    migrations.migrate(db, target=1)
    db.connection().executescript(V1_ROWS)
    migrations.migrate(db)
    before = _counts()
    broken = migrations.Migration(
        migrations.LATEST + 1,
        "broken",
        "CREATE TABLE half_done (x);\nINSERT INTO no_such_table VALUES (1);\n",
    )
    real = migrations.available()
    monkeypatch.setattr(migrations, "available", lambda: [*real, broken])
    monkeypatch.setattr(migrations, "LATEST", broken.version)
    with pytest.raises(sqlite3.OperationalError):
        migrations.migrate(db)
    assert migrations.current_version(db) == broken.version - 1
    tables = {r[0] for r in db.execute_sql("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "half_done" not in tables
    assert _counts() == before
    close_database()


def test_a_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {migrations.LATEST + 5}")
    conn.close()
    with pytest.raises(UserError, match="升级程序"):
        open_database(path)
    close_database()
    assert database.obj is not None


def test_statements_split_triggers_whole() -> None:
    sql = "CREATE TABLE a (x);\n-- note\nCREATE TRIGGER t AFTER INSERT ON a BEGIN\n  SELECT 1;\nEND;\n"
    assert len(migrations._statements(sql)) == 2
    with pytest.raises(ValueError):
        migrations._statements("CREATE TABLE b (x")


def test_write_transactions_take_the_write_lock_when_they_begin(tmp_path: Path) -> None:
    """Two writers queue on the busy timeout instead of one failing on a lock upgrade."""
    path = tmp_path / "a.sqlite3"
    db = open_database(path)
    other = sqlite3.connect(path, timeout=0)
    try:
        with db.atomic():
            db.execute_sql("SELECT count(*) FROM visit").fetchone()  # reads only, so far
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        other.execute("BEGIN IMMEDIATE")  # free again once the transaction ended
        other.rollback()
    finally:
        other.close()
        close_database()
