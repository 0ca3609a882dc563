"""The demo studio's member activities: realistic, valid by the service's rules, deterministic."""

from __future__ import annotations

import dataclasses
import random
from collections import Counter, defaultdict
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from studio_app.core import kinds
from studio_app.core.codes import Attendance, ItemStatus, Organiser, ParticipantKind
from studio_app.demo import activity_text, generic
from studio_app.demo import studio as demo
from studio_app.demo.activities import LEAST, PER_YEAR, activities_for
from studio_app.services import due_items, integrity, kind_records, site
from studio_app.services.context import Context
from studio_app.services.lists.paging import ListQuery
from studio_app.services.lists.records import kind_lister
from studio_app.storage.database import close_database, open_database
from studio_app.storage.models import AuditEntry, database
from tests.conftest import fixed_clock
from tests.services.demo_studio import NOW, Generated, one, q, shared_demo, studio_context

TODAY = date(2026, 6, 15)
ACTIVITY = kinds.ACTIVITY


generated, g = shared_demo(seed=11)


@pytest.fixture
def c(ctx: Context) -> Context:
    """A fresh studio (conftest) on the fixed clock."""
    return dataclasses.replace(ctx, clock=fixed_clock(NOW))


def test_about_forty_a_year_in_proportion_to_the_visits(g: Generated) -> None:
    assert PER_YEAR == 40 and demo.YEARS == 3
    assert g.summary.counted["activity"] == 120 == one("SELECT count(*) FROM activity")
    assert [activities_for(v, demo.YEARS, demo.BASE_VISITS) for v in (0, 100, 300, 20_000)] == [
        LEAST, LEAST, 18, 1200
    ]  # fmt: skip
    per_year = Counter(y for (y,) in q("SELECT substr(starts_at, 1, 4) FROM activity"))
    full_years = [per_year[str(y)] for y in range(NOW.year - 2, NOW.year)]
    assert all(30 <= n <= 55 for n in full_years), per_year


def test_every_activity_passes_the_services_validation(g: Generated) -> None:
    """Saved again through the service with its own values, no activity changes at all."""
    entries = AuditEntry.select().count()
    ids = [i for (i,) in q("SELECT id FROM activity WHERE deleted_at IS NULL ORDER BY id")]
    revs = dict(q("SELECT id, rev FROM activity"))
    for record_id in ids:
        values = kind_records.values(ACTIVITY, record_id)
        kind_records.update(g.ctx, ACTIVITY, record_id, values)
    assert dict(q("SELECT id, rev FROM activity")) == revs
    assert AuditEntry.select().count() == entries  # nothing written, nothing audited
    assert len(ids) == 119 and integrity.problems() == []
    assert q("PRAGMA foreign_key_check") == []


def test_the_generic_demo_leaves_activities_to_their_own_generator(g: Generated) -> None:
    assert ACTIVITY.name in demo.OWN_DEMOS
    assert all(kinds.kind(name).generic for name in demo.OWN_DEMOS)
    made = generic.generate(g.ctx, random.Random(1), 3, skip=demo.OWN_DEMOS)
    assert ACTIVITY.name not in made and one("SELECT count(*) FROM activity") == 120
    # Every activity comes from the bulk generator: one HD serial block per year, in order.
    by_year: dict[str, list[int]] = defaultdict(list)
    for (serial,) in q("SELECT serial FROM activity ORDER BY id"):
        prefix, year, number = serial.split("-")
        assert prefix == "HD"
        by_year[year].append(int(number))
    for year, numbers in by_year.items():
        assert numbers == list(range(1, len(numbers) + 1)), year
        last = one("SELECT last FROM serial_counter WHERE prefix = 'HD' AND year = ?", int(year))
        assert last == len(numbers)


def test_stamps_and_revisions_are_as_the_service_makes_them(g: Generated) -> None:
    """Entered after the activity (its serial of that year), edited once when its items
    were settled later, never after now."""
    now_utc, now_local = g.ctx.now_utc(), g.ctx.now_local()
    offset = now_local - now_utc
    assert one("SELECT count(DISTINCT uuid) FROM activity") == 120
    assert not q("SELECT id FROM activity WHERE origin_site != ? OR county_rev != 0 OR "
                 "created_by != ? OR updated_by != ?", g.ctx.site_uuid, g.ctx.user,
                 g.ctx.user)  # fmt: skip
    rows = q("SELECT created_at, updated_at, rev, deleted_at, starts_at, ends_at, serial "
             "FROM activity")  # fmt: skip
    for created, updated, rev, deleted, start, end, serial in rows:
        assert created <= updated <= str(now_utc) and start <= str(now_local)
        assert end is None or start < end <= str(now_local)
        entered = datetime.fromisoformat(created) + offset
        assert entered > datetime.fromisoformat(end or start)
        assert serial.startswith(f"HD-{entered.year}-")  # the year it was entered
        if deleted is None:
            assert rev in (1, 2) and (rev == 2) == (updated > created), serial
        else:
            assert rev in (2, 3) and deleted == updated > created
    assert sum(r[3] is not None for r in rows) == 1  # 1% in the trash
    live = one("SELECT count(*) FROM activity WHERE deleted_at IS NULL")
    assert one("SELECT n FROM live_count WHERE table_name = 'activity'") == live == 119
    assert one("SELECT count(*) FROM activity_fts") == live
    assert one("SELECT count(*) FROM activity WHERE rev = 2 AND deleted_at IS NULL") > 20


def test_kinds_organisers_and_what_goes_with_them(g: Generated) -> None:
    labels = site.code_labels("activity_kind")
    rows = q("SELECT kind, organiser, sector, committee, served_count, village, place, title, "
             "summary FROM activity")  # fmt: skip
    assert {r[0] for r in rows} == set(labels)  # every kind occurs
    assert {r[1] for r in rows} == {o.value for o in Organiser}
    assert Counter(r[1] for r in rows).most_common(1)[0][0] == "studio"
    sectors = site.code_labels("sector")
    member_sectors = {s for (s,) in q("SELECT sector FROM member")}
    for kind, organiser, sector, committee, served, village, place, title, summary in rows:
        label = labels[kind]
        assert (organiser == "sector") == (label == "界别活动") == bool(sector)
        assert not sector or (sector in sectors and sector in member_sectors)
        assert bool(committee) == (organiser == "committee")
        assert (served > 0) == label.startswith("四下乡"), (label, served)
        assert not village or village in title + place + summary  # where it was held
        assert title and place and "{" not in title + place and "}" not in title + place
    titles = [r[7] for r in rows]
    assert len(set(titles)) > 0.6 * len(titles)
    assert any(t.startswith("科技下乡：") for t in titles)
    assert any(t.startswith("“四不两直”暗访") for t in titles)
    assert any(t.startswith("民主评议县") or t.startswith("对县") for t in titles)


def test_texts_read_like_a_township_studio(g: Generated) -> None:
    rows = q("SELECT summary, problems FROM activity")
    assert all(len(s) >= 30 and "{" not in s + p and "}" not in s + p for s, p in rows)
    assert sum(bool(p) for _, p in rows) > len(rows) // 3
    assert len({s for s, _ in rows}) > 0.8 * len(rows)
    villages = {v for (v,) in q("SELECT DISTINCT village FROM resident")}
    assert {v for (v,) in q("SELECT village FROM activity WHERE village != ''")} <= villages


def test_attendance_is_of_the_studios_members(g: Generated) -> None:
    members = {i for (i,) in q("SELECT id FROM member WHERE deleted_at IS NULL")}
    rows = q("SELECT activity_id, position, member_id, attendance, reason "
             "FROM activity_attendance ORDER BY activity_id, position")  # fmt: skip
    per_activity: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for row in rows:
        per_activity[row[0]].append(row)
    assert len(per_activity) == 120  # attendance is required
    for found in per_activity.values():
        assert 3 <= len(found) <= 10
        assert [r[1] for r in found] == list(range(len(found)))
        assert len({r[2] for r in found}) == len(found) and {r[2] for r in found} <= members
        assert any(r[3] == "present" for r in found)
    counts = Counter(r[3] for r in rows)
    assert set(counts) == {a.value for a in Attendance}
    assert 0.78 < counts["present"] / len(rows) < 0.92
    assert 0.05 < counts["leave"] / len(rows) < 0.15
    assert all(bool(r[4]) == (r[3] == "leave") for r in rows)
    assert {r[4] for r in rows if r[4]} <= set(activity_text.LEAVE_REASONS)


def test_participants_name_departments_experts_and_cadres(g: Generated) -> None:
    rows = q("SELECT kind, name, headcount FROM activity_participants")
    assert {r[0] for r in rows} == {k.value for k in ParticipantKind}
    assert all(r[1] and "{" not in r[1] and r[2] >= 1 for r in rows)
    units = set(site.code_labels("handling_unit").values())
    assert any(r[1] in units for r in rows if r[0] == "department")


def test_follow_up_items_are_consistent_and_a_few_are_overdue(g: Generated) -> None:
    today = g.ctx.today().isoformat()
    assert today == TODAY.isoformat()
    units = site.code_labels("handling_unit")
    rows = q(
        "SELECT f.item, f.unit, f.due, f.status, f.done_on, date(a.starts_at), a.deleted_at "
        "FROM activity_follow_ups f JOIN activity a ON a.id = f.activity_id"
    )
    assert 60 < len(rows) < 300
    per_activity = q("SELECT count(*) FROM activity_follow_ups GROUP BY activity_id")
    assert max(n for (n,) in per_activity) <= 3
    assert {r[3] for r in rows} == {s.value for s in ItemStatus}
    for item, unit, due, status, done_on, started, _deleted in rows:
        assert item and "{" not in item and (unit == "" or unit in units)
        assert due > started
        assert (status == "done") == (done_on is not None), (status, done_on)
        assert done_on is None or started <= done_on <= today
    old = [r for r in rows if r[2] < "2026-01-01"]
    assert sum(r[3] == "done" for r in old) > 0.8 * len(old)
    overdue = [r for r in rows if r[2] < today and r[3] in ("not_started", "in_progress")]
    assert 0 < len(overdue) < 0.1 * len(rows)
    listed = [d for d in due_items.overdue(TODAY) if d.kind == ACTIVITY.name]
    assert len(listed) == sum(r[6] is None for r in overdue) > 0
    assert all(d.serial.startswith("HD-") and d.title for d in listed)


def test_activities_are_searchable_sortable_and_filtered(g: Generated) -> None:
    lister = kind_lister(ACTIVITY)
    found = lister.count(ListQuery(text="下乡"), today=TODAY)
    like = one("SELECT count(*) FROM activity WHERE deleted_at IS NULL AND ((title || place "
               "|| village || summary || problems) LIKE '%下乡%')")  # fmt: skip
    assert found == like > 0
    serial = one("SELECT serial FROM activity WHERE deleted_at IS NULL ORDER BY id DESC LIMIT 1")
    assert lister.count(ListQuery(text=serial), today=TODAY) == 1
    code = next(c for c, label in site.code_labels("activity_kind").items() if label == "视察")
    shown = lister.page(ListQuery(filters={"kind": code}), today=TODAY).rows
    assert shown and all(row[lister.spec.columns.index(lister.spec.column("kind"))] == code
                         for row in shown)  # fmt: skip


def test_same_seed_same_activities(tmp_path: Path) -> None:
    def content(name: str, seed: int) -> list[list[tuple[Any, ...]]]:
        open_database(tmp_path / name)
        try:
            demo.generate(studio_context(), visits=300, seed=seed)
            return [
                q("SELECT serial, kind, organiser, title, starts_at, ends_at, summary, problems, "
                  "served_count, created_at, rev FROM activity ORDER BY id"),
                q("SELECT activity_id, position, member_id, attendance, reason "
                  "FROM activity_attendance ORDER BY 1, 2"),
                q("SELECT activity_id, position, kind, name, headcount "
                  "FROM activity_participants ORDER BY 1, 2"),
                q("SELECT activity_id, position, item, unit, due, status, done_on, note "
                  "FROM activity_follow_ups ORDER BY 1, 2"),
            ]  # fmt: skip
        finally:
            close_database()

    first = content("a.sqlite3", 5)
    assert len(first[0]) == 18 and content("b.sqlite3", 5) == first
    assert content("c.sqlite3", 6)[0] != first[0]


def test_a_given_number_and_bad_numbers(c: Context) -> None:
    summary = demo.generate(c, visits=0, activities=40)
    assert summary.counted["activity"] == 40 == one("SELECT count(*) FROM activity")
    assert summary.audited()["activity"] == 40
    with pytest.raises(ValueError, match="must not be negative"):
        demo.generate(c, visits=10, activities=-1)
    assert one("SELECT count(*) FROM activity") == 40  # refused before anything was written
    demo.generate(c, visits=0, activities=3)  # fewer than the kinds: still valid
    assert one("SELECT count(DISTINCT serial) FROM activity") == 43
    assert integrity.problems() == [] and q("PRAGMA foreign_key_check") == []


def _plans(run: Any) -> list[str]:
    """The query plans of the statements ``run()`` sends (with their parameters bound)."""
    conn = database.connection()
    sent: list[str] = []
    conn.set_trace_callback(sent.append)
    try:
        run()
    finally:
        conn.set_trace_callback(None)
    return [
        " / ".join(str(r[-1]) for r in conn.execute(f"EXPLAIN QUERY PLAN {sql}"))
        for sql in sent
        if sql.lstrip().upper().startswith("SELECT")
    ]


def test_the_list_sorts_and_filters_along_indexes(g: Generated) -> None:
    """A first page sorted by any column, or filtered by a code and newest first, reads one
    page along an index over live rows (100,000 activities: tests/perf/bench_activities.py)."""
    lister = kind_lister(ACTIVITY)
    queries = [
        ListQuery(sort=c.key, descending=descending)
        for c in lister.spec.columns
        if c.sortable
        for descending in (True, False)
    ]
    code = next(iter(site.code_labels("activity_kind")))
    queries += [ListQuery(filters={"kind": code}), ListQuery(filters={"organiser": "county"})]
    assert len(queries) == 2 * 8 + 2
    for query in queries:
        plans = _plans(lambda query=query: lister.page(query, limit=50, today=TODAY))
        assert plans and all("TEMP B-TREE" not in p for p in plans), (query, plans)
        assert "USING INDEX activity_" in plans[0], (query, plans)
    for query in queries[-2:]:
        plans = _plans(lambda query=query: lister.count(query, today=TODAY))
        assert "INDEX activity_sort_" in plans[0], plans  # not a scan of the table
