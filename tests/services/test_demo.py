"""The demo data generator: realistic, consistent with the services, deterministic."""

from __future__ import annotations

import dataclasses
import json
import re
import time
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from studio_app.core import kinds
from studio_app.core.codes import (
    Channel,
    Handling,
    InterviewKind,
    InterviewStatus,
    ProposalKind,
    ProposalStatus,
    VisitStatus,
)
from studio_app.core.errors import UserError
from studio_app.core.fields import COUNTY, Kind
from studio_app.core.identity import normalise_id_number, normalise_phone
from studio_app.core.workflow import ALLOWED, OPEN_STATUSES, initial_status
from studio_app.demo import studio as demo
from studio_app.demo.activities import activities_for
from studio_app.demo.consultations import consultations_for
from studio_app.demo.contacts import contacts_for
from studio_app.demo.elections import ELECTIONS
from studio_app.demo.observation_points import OBSERVATIONS
from studio_app.demo.text import SEARCH_WORD
from studio_app.services import integrity, proposals, record_counts, site, visits
from studio_app.services.context import Context
from studio_app.services.lists import visits as visit_list
from studio_app.services.lists.paging import ListQuery
from studio_app.storage.database import close_database, open_database
from studio_app.storage.models import Interview, Member, Proposal, Resident, Visit
from tests.conftest import fixed_clock
from tests.services.demo_studio import NOW, VISITS, Generated, one, q, shared_demo, studio_context

ACTIVITIES = 120  # about 40 a year over the demo's three years
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


generated, g = shared_demo(seed=7)  # read-only by the tests of this module


@pytest.fixture
def c(ctx: Context) -> Context:
    """A fresh studio (conftest) on the fixed clock, for tests that write."""
    return dataclasses.replace(ctx, clock=fixed_clock(NOW))


def test_counts_match_the_summary(g: Generated) -> None:
    s = g.summary
    counted = {"interview": VISITS // 100, "activity": ACTIVITIES,
               "consultation": consultations_for(VISITS, demo.YEARS),
               "contact": contacts_for(VISITS),
               "observation": OBSERVATIONS, "election": ELECTIONS}  # fmt: skip
    assert s == demo.DemoSummary(30, VISITS // 5, VISITS, VISITS // 50, counted)
    assert activities_for(VISITS, demo.YEARS, demo.BASE_VISITS) == ACTIVITIES
    for model, expected in ((Member, s.members), (Resident, s.residents), (Visit, s.visits),
                            (Interview, s.counted["interview"]),
                            (Proposal, s.proposals)):  # fmt: skip
        assert model.select().count() == expected, model
    assert one("SELECT count(*) FROM activity") == ACTIVITIES


def test_the_audit_entry_lists_every_kind_made(g: Generated) -> None:
    entry = json.loads(one("SELECT changes FROM audit_entry WHERE action = 'demo'"))
    made = {key: after for key, (_before, after) in entry.items()}
    assert made == g.summary.audited() | {"seed": 7}
    assert made["activity"] == ACTIVITIES and made["interviews"] == VISITS // 100
    assert set(made) == {"members", "residents", "visits", "interviews", "proposals",
                         "activity", "consultation", "contact", "observation", "election",
                         "seed"}  # fmt: skip


def test_stats_agree(g: Generated) -> None:
    counts = record_counts.counts()
    trashed = Visit.select().where(Visit.deleted_at.is_null(False)).count()
    assert counts["visits"]["total"] == g.summary.visits - trashed
    trashed_activities = one("SELECT count(*) FROM activity WHERE deleted_at IS NOT NULL")
    assert counts["activities"]["total"] == ACTIVITIES - trashed_activities == ACTIVITIES - 1
    others = sum(one(f"SELECT count(*) FROM {k} WHERE deleted_at IS NOT NULL")
                 for k in ("consultation", "contact"))  # fmt: skip
    assert counts["trash"] == trashed + trashed_activities + others
    assert counts["members"] == g.summary.members
    assert counts["interviews"]["total"] == g.summary.counted["interview"]
    assert counts["proposals"]["total"] == g.summary.proposals


def test_every_code_occurs(g: Generated) -> None:
    def values(sql: str) -> set[Any]:
        return {row[0] for row in q(sql)}

    assert values("SELECT channel FROM visit") == {m.value for m in Channel}
    assert values("SELECT handling FROM visit") == {m.value for m in Handling}
    assert values("SELECT status FROM visit") == {m.value for m in VisitStatus}
    assert values("SELECT category FROM visit") == set(site.code_labels("issue_category"))
    assert values("SELECT feedback_channel FROM visit WHERE feedback_channel != ''") == {
        "phone", "in_person", "written"
    }  # fmt: skip
    assert values("SELECT satisfaction FROM visit WHERE satisfaction != ''") == {
        "satisfied", "basic", "unsatisfied"
    }  # fmt: skip
    assert values("SELECT kind FROM interview") == {m.value for m in InterviewKind}
    assert values("SELECT status FROM interview") == {m.value for m in InterviewStatus}
    assert set(q("SELECT DISTINCT kind, status FROM proposal")) == {
        (k.value, s.value) for k in ProposalKind for s in ProposalStatus
    }
    assert one("SELECT count(*) FROM visit WHERE confidential = 1") > 0
    assert one("SELECT count(*) FROM visit WHERE deleted_at IS NOT NULL") == 6


def test_visits_follow_the_workflow(g: Generated) -> None:
    reachable: dict[str, set[str]] = {}
    for handling in Handling:
        seen, todo = set(), [initial_status(handling)]
        while todo:
            status = todo.pop()
            if status not in seen:
                seen.add(status)
                todo += ALLOWED[status]
        reachable[handling.value] = {s.value for s in seen}
    today = g.ctx.today().isoformat()
    for handling, status, unit, ref, due, result, fb, revisit, occurred in q(
        "SELECT handling, status, referred_unit, referred_at, due_at, result, feedback_at, "
        "revisit_at, date(occurred_at) FROM visit"
    ):
        assert status in reachable[handling], (handling, status)
        if handling in ("answered", "explained"):
            assert status == "closed"
        if handling == "referred":
            assert status != "registered"
            assert unit and occurred <= ref <= due, (unit, occurred, ref, due)
            if status in ("fed_back", "closed"):
                assert result and occurred <= fb <= today
        else:
            assert not unit and ref is None and due is None
        if revisit is not None:
            assert status == "closed" and fb <= revisit <= today
    assert {row[0] for row in q("SELECT handling FROM visit WHERE status = 'registered'")} == {
        "to_sqmy", "to_proposal", "to_consultation"
    }  # fmt: skip
    overdue = visit_list.LISTER.count(ListQuery(filters={"overdue": True}), today=g.ctx.today())
    assert overdue == one(
        "SELECT count(*) FROM visit WHERE deleted_at IS NULL AND due_at < ? AND status IN (?, ?)",
        today, *sorted(s.value for s in OPEN_STATUSES),
    )  # fmt: skip
    assert overdue > 0


def test_nothing_is_in_the_future_and_stamps_are_complete(g: Generated) -> None:
    now_local, now_utc = g.ctx.now_local(), g.ctx.now_utc()
    three_years_ago = now_local - timedelta(days=3 * 366)
    first, last = q("SELECT min(occurred_at), max(occurred_at) FROM visit")[0]
    assert str(three_years_ago) < first and last <= str(now_local)
    assert one("SELECT max(occurred_at) FROM interview") <= str(now_local)
    assert one("SELECT max(starts_at) FROM activity") <= str(now_local)
    for table in ("member", "resident", "visit", "interview", "proposal", "activity"):
        rows = q(f"SELECT uuid, origin_site, created_at, updated_at, rev, county_rev, "
                 f"created_by, updated_by FROM {table}")  # fmt: skip
        assert len({r[0] for r in rows}) == len(rows)
        for uuid, origin, created, updated, rev, county_rev, by, by2 in rows:
            assert UUID.fullmatch(uuid) and origin == g.ctx.site_uuid
            assert created <= updated <= str(now_utc), (table, created, updated)
            assert rev >= 1 and county_rev >= 0 and by == by2 == g.ctx.user
    assert not q("SELECT id FROM proposal WHERE review != '' AND county_rev < 1")
    assert not q("SELECT id FROM proposal WHERE review = '' AND county_rev != 0")
    assert not q(
        "SELECT id FROM visit WHERE deleted_at IS NOT NULL AND deleted_at > ?", str(now_utc)
    )


def test_proposals_are_complete(g: Generated) -> None:
    ideas = q("SELECT facts, lead_resident_id, co_signer_names FROM proposal WHERE kind = 'idea'")
    assert all(len(facts) <= 100 and lead and not co for facts, lead, co in ideas)
    assert not q("SELECT id FROM proposal WHERE kind != 'idea' AND lead_member_id IS NULL")
    assert not q("SELECT id FROM proposal WHERE status = 'draft' AND "
                 "(submitted_at IS NOT NULL OR review != '')")  # fmt: skip
    assert not q("SELECT id FROM proposal WHERE status = 'submitted' AND submitted_at IS NULL")
    assert one("SELECT count(*) FROM proposal_source WHERE visit_id IS NOT NULL") > 0
    assert one("SELECT count(*) FROM proposal_source WHERE interview_id IS NOT NULL") > 0
    # A source is older than the record and not in the trash.
    assert not q("SELECT p.id FROM proposal_source s JOIN proposal p ON p.id = s.proposal_id "
                 "JOIN visit v ON v.id = s.visit_id "
                 "WHERE v.deleted_at IS NOT NULL OR v.created_at > p.created_at")  # fmt: skip


def test_a_studio_has_no_county_part(g: Generated) -> None:
    """Review, units, replies and ratings of replies come only from the county (issue 11)."""
    county = [f for f in kinds.PROPOSAL.fields if f.owner == COUNTY]
    filled = " OR ".join(
        f"{f.key} != 0" if f.kind is Kind.BOOL else f"coalesce({f.key}, '') != ''" for f in county
    )
    assert not q(f"SELECT id FROM proposal WHERE {filled} OR member_evaluation != ''")
    assert one("SELECT count(*) FROM proposal WHERE county_rev != 0") == 0
    assert one("SELECT count(*) FROM proposal_unit") == 0
    assert one("SELECT count(*) FROM proposal WHERE status = 'submitted'") > 0


def test_a_county_site_is_refused_and_pointed_to_the_county_demo(tmp_path: Path) -> None:
    """At the county, records come from studios' packages (``demo --county``), never made."""
    open_database(tmp_path / "county.sqlite3")
    try:
        county = site.setup("county", "平阳县政协", "PYX", "", "平阳县")
        c = dataclasses.replace(site.context_for(county), clock=fixed_clock(NOW))
        with pytest.raises(UserError, match="demo --county"):
            demo.generate(c, visits=300, seed=3)
        assert not Proposal.select().exists() and not Visit.select().exists()
        assert not demo.is_demo()
    finally:
        close_database()


def test_names_columns_match_the_links(g: Generated) -> None:
    for owner, table, target, column in (
        ("visit", "visit_member", "member", "member_names"),
        ("visit", "visit_resident", "resident", "resident_names"),
        ("interview", "interview_member", "member", "member_names"),
        ("interview", "interview_resident", "resident", "resident_names"),
        ("proposal", "proposal_co_signer", "member", "co_signer_names"),
    ):
        names: dict[int, list[str]] = defaultdict(list)
        sql = (f"SELECT l.{owner}_id, t.name FROM {table} l JOIN {target} t "
               f"ON t.id = l.{target}_id ORDER BY l.{owner}_id, l.position")  # fmt: skip
        for owner_id, name in q(sql):
            names[owner_id].append(name)
        for owner_id, text in q(f"SELECT id, {column} FROM {owner}"):
            assert text == "、".join(names[owner_id]), (table, owner_id)
    assert not q("SELECT id FROM visit WHERE member_names = ''")
    anonymous = q("SELECT visitor_count FROM visit WHERE resident_names = ''")
    assert anonymous and all(n >= 1 for (n,) in anonymous)
    assert not q("SELECT v.id FROM visit v WHERE v.visitor_count < "
                 "(SELECT count(*) FROM visit_resident r WHERE r.visit_id = v.id)")  # fmt: skip


def test_members_and_residents_are_realistic(g: Generated) -> None:
    members = q("SELECT id, name, sector, phone, is_standing, contact_parent_id FROM member")
    standing = {m[0] for m in members if m[4]}
    assert 1 <= len(standing) < len(members)
    assert all(m[5] in standing for m in members if not m[4])
    assert len({m[1] for m in members}) == len(members)
    assert len({m[2] for m in members}) >= 15
    assert all(2 <= len(m[1]) <= 3 and normalise_phone(m[3]) == m[3] for m in members)
    residents = q("SELECT name, phone, id_number, village, contact_member_id, kind FROM resident")
    assert 10 <= len({r[3] for r in residents}) <= 15
    phones = [r[1] for r in residents if r[1]]
    assert len(phones) > 0.8 * len(residents) and len(set(phones)) == len(phones)
    assert all(normalise_phone(p) == p for p in phones)
    assert sum(len(p) == 11 for p in phones) > 0.9 * len(phones)
    ids = [r[2] for r in residents if r[2]]
    assert len(ids) > 0.2 * len(residents)
    assert all(normalise_id_number(i) == i for i in ids)
    assert sum(r[4] is not None for r in residents) > 0.7 * len(residents)
    assert {"villager", "resident"} <= {r[5] for r in residents}
    assert one("SELECT count(*) FROM resident WHERE last_contacted_at IS NOT NULL") > 0


def test_texts_vary(g: Generated) -> None:
    contents = [row[0] for row in q("SELECT content FROM visit")]
    assert len(set(contents)) > 0.9 * len(contents)
    lengths = sorted(len(text) for text in contents)
    assert 25 <= lengths[len(lengths) // 2] <= 150
    assert lengths[-1] > 200  # a few long ones
    assert all("{" not in text and "}" not in text for text in contents)
    assert one("SELECT count(*) FROM visit WHERE onsite_reply != ''") > VISITS // 2


def test_database_is_sound_and_searchable(g: Generated) -> None:
    assert q("PRAGMA foreign_key_check") == []
    assert q("PRAGMA integrity_check") == [("ok",)]
    assert integrity.problems() == []
    found = visit_list.count(ListQuery(text=SEARCH_WORD))
    live_like = one(  # what the index covers: serial, place, people, content
        "SELECT count(*) FROM visit WHERE deleted_at IS NULL AND (content LIKE ? OR "
        "place LIKE ? OR member_names LIKE ? OR resident_names LIKE ?)", *[f"%{SEARCH_WORD}%"] * 4,
    )  # fmt: skip
    assert found == live_like > 0
    serial = one("SELECT serial FROM visit WHERE deleted_at IS NULL ORDER BY id DESC LIMIT 1")
    assert visit_list.count(ListQuery(text=serial)) == 1


def test_serials_are_consecutive_and_counters_updated(g: Generated) -> None:
    numbers: dict[tuple[str, str], list[int]] = defaultdict(list)
    for table in ("visit", "interview", "proposal", "activity"):
        for (serial,) in q(f"SELECT serial FROM {table} ORDER BY id"):
            prefix, year, number = serial.split("-")
            numbers[(prefix, year)].append(int(number))
    for (prefix, year), issued in numbers.items():
        assert issued == list(range(1, len(issued) + 1)), (prefix, year)
        last = one("SELECT last FROM serial_counter WHERE site = ? AND prefix = ? AND year = ?",
                   g.ctx.site_uuid, prefix, int(year))  # fmt: skip
        assert last == len(issued)
    years = {int(y) for p, y in numbers if p == "JD"}
    assert years == set(range(NOW.year - 3, NOW.year + 1))
    visit_years = q("SELECT substr(serial, 4, 4), substr(occurred_at, 1, 4) FROM visit")
    assert all(a == b for a, b in visit_years)


def test_services_continue_after_the_demo(c: Context) -> None:
    demo.generate(c, visits=300, seed=3)
    used = {row[0] for row in q("SELECT serial FROM visit")}
    member_id = one("SELECT id FROM member LIMIT 1")
    values = {"channel": "phone", "occurred_at": c.now_local(), "members": [member_id],
              "category": "09", "content": "村口道路又坏了。", "handling": "answered"}  # fmt: skip
    v = visits.create(c, values)
    assert v.serial not in used and v.serial.startswith(f"JD-{c.today().year}-")
    p = proposals.create(
        c, {"kind": "proposal", "title": "关于修路的建议", "lead_member": member_id}
    )
    assert p.serial not in {row[0] for row in q("SELECT serial FROM proposal WHERE id != ?", p.id)}
    # The demo rows go through the workflow and keep the search index sound.
    open_id = one("SELECT id FROM visit WHERE status = 'referred' AND deleted_at IS NULL")
    rev = one("SELECT rev FROM visit WHERE id = ?", open_id)
    moved = visits.advance(c, open_id, "start")
    assert moved.status == "in_progress" and moved.rev == rev + 1
    visits.update(c, open_id, {"content": "桥头的排水沟堵塞，雨天积水倒灌进屋。"})
    assert visit_list.count(ListQuery(text="倒灌进屋")) == 1
    assert integrity.problems() == []


def test_same_seed_same_content(tmp_path: Path) -> None:
    columns = {
        "member": "name, sector, unit_and_post, phone, contact_parent_id",
        "resident": "name, phone, id_number, village, address, contact_member_id",
        "visit": "serial, occurred_at, channel, category, content, onsite_reply, handling, "
        "status, due_at, result, member_names, resident_names, created_at, updated_at",
        "interview": "serial, title, views, member_names",
        "proposal": "serial, kind, title, facts, status, review, county_no, co_signer_names",
        "visit_member": "visit_id, member_id",
        "proposal_source": "proposal_id, visit_id, interview_id",
        "activity": "serial, kind, title, starts_at, summary, problems, served_count",
        "activity_attendance": "activity_id, member_id, attendance, reason",
        "activity_follow_ups": "activity_id, item, unit, due, status, done_on",
    }

    def content(name: str, seed: int) -> dict[str, list[tuple[Any, ...]]]:
        open_database(tmp_path / name)
        try:
            demo.generate(studio_context(), visits=300, seed=seed)
            return {t: q(f"SELECT {cols} FROM {t} ORDER BY {cols}") for t, cols in columns.items()}
        finally:
            close_database()

    first = content("a.sqlite3", 5)
    assert content("b.sqlite3", 5) == first
    assert content("c.sqlite3", 6)["visit"] != first["visit"]


def test_progress_is_reported_per_chunk(c: Context) -> None:
    calls: list[tuple[int, int]] = []
    summary = demo.generate(c, visits=20_000, progress=lambda d, t: calls.append((d, t)))
    total = sum(summary.audited().values())
    assert calls[-1] == (total, total)
    assert all(t == total for _, t in calls)
    assert [d for d, _ in calls] == sorted({d for d, _ in calls}) and len(calls) >= 4
    counted = {"interview": 200, "activity": 1200, "consultation": 300, "contact": 15_000,
               "observation": OBSERVATIONS, "election": ELECTIONS}  # fmt: skip
    assert summary == demo.DemoSummary(30, 4000, 20_000, 400, counted)
    live = one("SELECT count(*) FROM visit WHERE deleted_at IS NULL")
    assert live == 20_000 - 60 and one("SELECT count(*) FROM visit_fts") == live  # live indexed


def test_small_and_repeated_runs_add_up(c: Context) -> None:
    first = demo.generate(c, visits=0)
    made = {"interview": 10, "activity": 6, "consultation": 4, "contact": 30,
            "observation": OBSERVATIONS, "election": ELECTIONS}  # fmt: skip
    assert first == demo.DemoSummary(30, 50, 0, 20, made)
    second = demo.generate(c, visits=150, seed=2)
    assert Member.select().count() == 60 and Visit.select().count() == 150
    assert Proposal.select().count() == first.proposals + second.proposals
    assert q("PRAGMA foreign_key_check") == [] and integrity.problems() == []
    for table in ("visit", "interview", "proposal", "activity"):
        assert one(f"SELECT count(DISTINCT serial) = count(*) FROM {table}") == 1


@pytest.fixture
def shanghai_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("shanghai_time")
def test_stamps_are_utc_and_times_local(c: Context) -> None:
    demo.generate(c, visits=200)
    rows = q("SELECT occurred_at, created_at FROM visit WHERE channel = 'reception'")
    for occurred, created in rows:
        delay = (
            datetime.fromisoformat(created) + timedelta(hours=8) - datetime.fromisoformat(occurred)
        )
        assert timedelta(0) < delay <= timedelta(hours=2)
    assert one("SELECT max(occurred_at) FROM visit") <= str(c.now_local())
    assert c.now_local().date() == date(2026, 6, 15)
