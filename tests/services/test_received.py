"""Writing a received package's staged rows in bulk (``services.received``)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from studio_app.core import kinds
from studio_app.services import received
from studio_app.services.context import Context
from studio_app.storage.models import (
    AuditEntry,
    CodeItem,
    ExchangeConflict,
    ImportHistory,
    Member,
    Site,
    VisitMember,
    database,
)
from tests.services.helpers import member, visit

X = "x_member"  # a staging table as the exchange makes one: c0 name, c1 rev, c2 a uuid list
NEW_UUID = "00000000-0000-4000-8000-00000000000{}"


def stage(*rows: tuple[Any, ...]) -> None:
    """Rows ``(uuid, action, decision, lid, lrev, edited, name, rev, uuids)``, in file order."""
    conn = database.obj.connection()
    conn.execute(f"DROP TABLE IF EXISTS temp.{X}")
    conn.execute(
        f"CREATE TEMP TABLE {X} (n, uuid, action, decision, lid, lrev, edited, xrev, g, c0, c1, c2)"
    )
    conn.executemany(
        f"INSERT INTO temp.{X} (n, uuid, action, decision, lid, lrev, edited, c0, c1, c2) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(n, *row) for n, row in enumerate(rows)],
    )


def staged(column: str) -> list[Any]:
    sql = f"SELECT {column} FROM temp.{X} ORDER BY n"
    return [v for (v,) in database.obj.connection().execute(sql)]


def row(uuid: str, action: str, decision: str = "", lid: int | None = None, **more: Any) -> tuple:
    return (
        uuid, action, decision, lid, more.get("lrev"), more.get("edited", 0),
        more.get("name", "新委员"), more.get("rev", 1), more.get("uuids", "[]"),
    )  # fmt: skip


def links_of(visit_id: int) -> list[tuple[int, int]]:
    found = VisitMember.select().where(VisitMember.visit == visit_id).order_by(VisitMember.position)
    return [(v.member_id, v.position) for v in found]


def member_columns(ctx: Context) -> tuple[list[str], list[str], list[Any]]:
    """Every column of a new member: name and rev staged, the others given as parameters."""
    staged_as = {"uuid": "s.uuid", "name": "s.c0", "rev": "s.c1"}
    now = ctx.now_utc().isoformat(sep=" ")
    given = {"origin_site": ctx.site_uuid, "created_at": now, "updated_at": now}
    columns, exprs, params = [], [], []
    for fld in Member._meta.sorted_fields:
        name = fld.column_name
        if name == "id":
            continue
        columns.append(name)
        if name in staged_as:
            exprs.append(staged_as[name])
            continue
        default = given.get(name, fld.default() if callable(fld.default) else fld.default)
        exprs.append("?")
        params.append(int(default) if isinstance(default, bool) else default)
    return columns, exprs, params


def test_rows_are_grouped_in_the_order_they_are_written(ctx: Context) -> None:
    stage(
        row("a", "new"), row("b", "conflict", "incoming"), row("c", "update", lid=1),
        row("d", "tombstone", lid=2), row("e", "conflict", "incoming", lid=3),
        row("f", "conflict", "local", lid=4), row("g", "unchanged", lid=5), row("h", "waiting"),
    )  # fmt: skip
    assert received.group(X) is True
    assert staged("g") == [1, 2, 3, 3, 4, 5, None, None]
    stage(row("f", "conflict", "local", lid=4), row("g", "unchanged", lid=5))
    assert received.group(X) is False


def test_an_accepted_hand_edit_is_a_version_of_its_own(ctx: Context) -> None:
    stage(
        row("a", "conflict", "incoming", lid=1, lrev=4, edited=1, rev=2),
        row("b", "conflict", "incoming", lid=2, lrev=4, edited=0, rev=2),
        row("c", "conflict", "local", lid=3, lrev=4, edited=1, rev=2),
    )
    received.version_hand_edits(X, "c1")
    assert staged("c1") == [5, 2, 2] and staged("xrev") == [2, None, None]


def test_new_rows_are_inserted_and_changed_rows_updated(ctx: Context) -> None:
    ours = member(ctx, "王建国")
    kept = member(ctx, "陈立")
    stage(
        row(NEW_UUID.format(2), "conflict", "incoming", name="后到"),
        row(NEW_UUID.format(1), "new", name="先到"),
        row(ours.uuid, "update", lid=ours.id, name="王建国（改）", rev=3),
        row(kept.uuid, "conflict", "local", lid=kept.id, name="不写", rev=9),
    )
    received.group(X)
    first = received.next_id("member")
    assert first == kept.id + 1
    columns, exprs, params = member_columns(ctx)
    received.insert_new("member", X, columns, exprs, params)
    received.update_changed("member", X, ["name", "rev"], ["s.c0", "s.c1"])
    new = Member.select().where(Member.id >= first).order_by(Member.id)
    assert [(m.uuid, m.name) for m in new] == [
        (NEW_UUID.format(1), "先到"), (NEW_UUID.format(2), "后到"),
    ]  # fmt: skip
    assert (Member.get_by_id(ours.id).name, Member.get_by_id(ours.id).rev) == ("王建国（改）", 3)
    assert Member.get_by_id(kept.id).name == "陈立"
    received.note_kept_ours("member", X, "c1")
    assert Member.get_by_id(kept.id).exchanged_rev == 9
    assert Member.get_by_id(ours.id).exchanged_rev == 0


def test_a_link_within_the_kind_is_set_on_the_rows_written(ctx: Context) -> None:
    parent, child, other = member(ctx, "王建国"), member(ctx, "陈立"), member(ctx, "林芳")
    stage(
        row(child.uuid, "update", lid=child.id, uuids=json.dumps([parent.uuid])),
        row(other.uuid, "unchanged", lid=other.id, uuids=json.dumps([parent.uuid])),
    )
    received.group(X)
    target = "(SELECT p.id FROM main.member p WHERE p.uuid = json_extract(s.c2, '$[0]'))"
    received.link_within("member", X, "contact_parent_id", target)
    assert Member.get_by_id(child.id).contact_parent_id == parent.id
    assert Member.get_by_id(other.id).contact_parent_id is None


def test_link_rows_are_replaced_in_list_order(ctx: Context) -> None:
    first, second = member(ctx, "王建国"), member(ctx, "陈立")
    written = visit(ctx, member_ids=[first.id])
    untouched = visit(ctx, member_ids=[first.id])
    conn = database.obj.connection()
    conn.execute("DROP TABLE IF EXISTS temp.x_visit")
    conn.execute("CREATE TEMP TABLE x_visit (uuid, action, decision, lid, g, c0)")
    conn.execute(
        "INSERT INTO temp.x_visit VALUES (?, 'update', '', ?, NULL, ?)",
        (written.uuid, written.id, json.dumps([second.uuid, first.uuid])),
    )
    received.group("x_visit")
    link = next(lt for lt in kinds.kind("visit").links if lt.target_kind == "member")
    received.clear_items("x_visit", link.table, link.owner, received.next_id("visit"))
    assert not VisitMember.select().where(VisitMember.visit == written.id).exists()
    received.insert_links("x_visit", "visit", link, "c0")
    assert links_of(written.id) == [(second.id, 0), (first.id, 1)]
    assert links_of(untouched.id) == [(first.id, 0)]


def test_items_of_a_side_table_are_inserted_as_selected(ctx: Context) -> None:
    first, second = member(ctx, "王建国"), member(ctx, "陈立")
    written = visit(ctx, member_ids=[first.id])
    columns = ["visit_id", "member_id", "position"]
    received.insert_items("visit_member", columns, f"SELECT {written.id}, {second.id}, 1")
    assert links_of(written.id) == [(first.id, 0), (second.id, 1)]


def test_one_audit_entry_per_row_written_or_decided_in_group_order(ctx: Context) -> None:
    stage(
        row("b", "conflict", "incoming", rev=2), row("a", "new", rev=1),
        row("c", "tombstone", lid=7, lrev=3, rev=4), row("d", "conflict", "local", lid=8, lrev=5),
        row("e", "unchanged", lid=9),
    )  # fmt: skip
    received.group(X)
    before = AuditEntry.select().count()
    at = datetime(2026, 3, 2, 9, 30)
    received.audit_rows(ctx, at, X, "member", "s.c1", "pkg-uuid")
    entries = list(AuditEntry.select().order_by(AuditEntry.id).offset(before))
    assert [(e.record_uuid, e.action) for e in entries] == [
        ("a", "import_create"), ("b", "import_keep_incoming"), ("c", "import_delete"),
        ("d", "import_keep_local"),
    ]  # fmt: skip
    assert {(e.user, e.record_type, str(e.at)) for e in entries} == {
        (ctx.user, "member", "2026-03-02 09:30:00")
    }
    assert json.loads(entries[2].changes) == {"package": [None, "pkg-uuid"], "rev": [3, 4]}


def test_the_sender_is_remembered_and_our_site_never_renamed(ctx: Context) -> None:
    m = {"site_uuid": "sender-uuid", "site_kind": "county", "site_name": "平阳县政协",
         "site_code": "PYX", "created_at": "2026-03-02 09:30:00.123"}  # fmt: skip
    received.remember_sender(m)
    sender = Site.get(Site.uuid == "sender-uuid")
    assert (sender.kind, sender.name, sender.code, sender.is_local) == (
        "county", "平阳县政协", "PYX", False,
    )  # fmt: skip
    received.remember_sender({**m, "site_name": "平阳县政协办公室", "site_code": "PY"})
    renamed = Site.get_by_id(sender.id)
    assert (renamed.name, renamed.code) == ("平阳县政协办公室", "PY")
    ours = Site.get(Site.is_local == True)  # noqa: E712
    received.remember_sender({"site_uuid": ours.uuid, "site_name": "改名", "site_code": "X"})
    assert Site.get_by_id(ours.id).name == ours.name


def test_the_countys_code_lists_are_added_or_brought_up_to_date(ctx: Context) -> None:
    received.county_code_lists(
        {
            "handling_unit": [["JT", "县交通运输局", 1, True], ["NY", "县农业农村局", 2, False]],
            "no_such_list": [["X", "不要", 1, True]],
        }
    )
    received.county_code_lists({"handling_unit": [["JT", "县交通局", 5, True]]})
    found = {
        (i.code, i.label, i.sort_order, i.active)
        for i in CodeItem.select().where(CodeItem.list_kind == "handling_unit")
    }
    assert {("JT", "县交通局", 5, True), ("NY", "县农业农村局", 2, False)} <= found
    assert not CodeItem.select().where(CodeItem.list_kind == "no_such_list").exists()


def test_an_applied_package_is_in_the_import_history(ctx: Context) -> None:
    m = {"site_uuid": "sender-uuid", "sequence": "3", "kind": "studio"}
    received.record_import(ctx, "pkg-uuid", "f" * 64, m, {"new": 2}, "x" * 300)
    entry = ImportHistory.get(ImportHistory.package_uuid == "pkg-uuid")
    assert (entry.site_uuid, entry.sequence, entry.kind, json.loads(entry.counts)) == (
        "sender-uuid", 3, "studio", {"new": 2}
    )  # fmt: skip
    assert entry.file_hash == "f" * 64 and entry.file_name == "x" * 260


def test_a_conflict_is_kept_once_and_applied_with_its_package(ctx: Context) -> None:
    args = ("pkg-uuid", "member", "rec-uuid")
    received.keep_conflict(ctx, *args, "两边都改了", {"name": "王建国"}, '{"name": "王健国"}')
    received.keep_conflict(ctx, *args, "又改了", {"name": "别的"}, '{"name": "别的"}')
    kept = ExchangeConflict.get(ExchangeConflict.record_uuid == "rec-uuid")
    assert ExchangeConflict.select().count() == 1
    assert (kept.reason, json.loads(kept.local), kept.incoming, kept.status) == (
        "又改了", {"name": "王建国"}, '{"name": "王健国"}', "open"
    )  # fmt: skip
    received.conflicts_applied("other-package")
    assert ExchangeConflict.get_by_id(kept.id).status == "open"
    received.conflicts_applied("pkg-uuid")
    assert ExchangeConflict.get_by_id(kept.id).status == "applied"
