"""The demo studio's consultations (协商议事): realistic, valid by the service's rules, linked
to the visits they grew from, deterministic."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from studio_app.core import kinds
from studio_app.core.codes import (
    ConsultationFormat,
    ConsultationSource,
    ItemStatus,
    OutcomeKind,
    ParticipantKind,
)
from studio_app.core.errors import TransitionRefused
from studio_app.demo import consultation_text, generic
from studio_app.demo import studio as demo
from studio_app.demo.consultations import LEAST, PER_YEAR, consultations_for
from studio_app.services import due_items, integrity, kind_records, origins, site
from studio_app.services.lists.paging import ListQuery
from studio_app.services.lists.records import kind_lister
from studio_app.storage.database import close_database, open_database
from studio_app.storage.models import AuditEntry, database
from tests.services.demo_studio import NOW, Generated, one, q, shared_demo, studio_context

TODAY = date(2026, 6, 15)
CONSULTATION = kinds.CONSULTATION


generated, g = shared_demo(seed=11)


def test_about_ten_a_year_in_proportion_to_the_visits(g: Generated) -> None:
    assert PER_YEAR == 10 and demo.YEARS == 3
    assert g.summary.counted["consultation"] == 30 == one("SELECT count(*) FROM consultation")
    assert g.summary.audited()["consultation"] == 30
    assert [consultations_for(v, demo.YEARS) for v in (0, 100, 300, 2000, 20_000)] == [
        LEAST, LEAST, LEAST, 30, 300
    ]  # fmt: skip
    per_year = Counter(y for (y,) in q("SELECT substr(held_at, 1, 4) FROM consultation"))
    full_years = [per_year[str(y)] for y in range(NOW.year - 2, NOW.year)]
    assert all(5 <= n <= 16 for n in full_years), per_year


def test_every_consultation_passes_the_services_validation(g: Generated) -> None:
    """Saved again through the service with its own values, no consultation changes at all."""
    entries = AuditEntry.select().count()
    ids = [i for (i,) in q("SELECT id FROM consultation WHERE deleted_at IS NULL ORDER BY id")]
    revs = dict(q("SELECT id, rev FROM consultation"))
    for record_id in ids:
        values = kind_records.values(CONSULTATION, record_id)
        kind_records.update(g.ctx, CONSULTATION, record_id, values)
    assert dict(q("SELECT id, rev FROM consultation")) == revs
    assert AuditEntry.select().count() == entries  # nothing written, nothing audited
    assert len(ids) == 30 and integrity.problems() == []
    assert q("PRAGMA foreign_key_check") == []


def test_the_generic_demo_leaves_consultations_to_their_own_generator(g: Generated) -> None:
    assert CONSULTATION.name in demo.OWN_DEMOS
    made = generic.generate(g.ctx, random.Random(1), 3, skip=demo.OWN_DEMOS)
    assert CONSULTATION.name not in made and one("SELECT count(*) FROM consultation") == 30
    by_year: dict[str, list[int]] = defaultdict(list)
    for (serial,) in q("SELECT serial FROM consultation ORDER BY id"):
        prefix, year, number = serial.split("-")
        assert prefix == "XS"
        by_year[year].append(int(number))
    for year, numbers in by_year.items():
        assert numbers == list(range(1, len(numbers) + 1)), year
        last = one("SELECT last FROM serial_counter WHERE prefix = 'XS' AND year = ?", int(year))
        assert last == len(numbers)


def test_stamps_and_revisions_are_as_the_service_makes_them(g: Generated) -> None:
    """Entered after the meeting, edited when its items moved (rev 2), closed after that
    (rev 3), never after now; searchable and counted."""
    now_utc, now_local = g.ctx.now_utc(), g.ctx.now_local()
    offset = now_local - now_utc
    assert one("SELECT count(DISTINCT uuid) FROM consultation") == 30
    assert not q("SELECT id FROM consultation WHERE origin_site != ? OR county_rev != 0 OR "
                 "created_by != ? OR updated_by != ?", g.ctx.site_uuid, g.ctx.user,
                 g.ctx.user)  # fmt: skip
    rows = q("SELECT created_at, updated_at, rev, status, held_at, serial FROM consultation "
             "WHERE deleted_at IS NULL")  # fmt: skip
    for created, updated, rev, status, held, serial in rows:
        assert created <= updated <= str(now_utc) and held < str(now_local)
        entered = datetime.fromisoformat(created) + offset
        assert entered > datetime.fromisoformat(held)
        assert serial.startswith(f"XS-{entered.year}-")  # the year it was entered
        assert (rev > 1) == (updated > created), serial
        assert rev == 3 if status == "closed" else rev in (1, 2), serial
    assert one("SELECT n FROM live_count WHERE table_name = 'consultation'") == 30
    assert one("SELECT count(*) FROM consultation_fts") == 30
    assert one("SELECT count(*) FROM consultation WHERE chair = '' OR topic = ''") == 0


def test_topics_sources_formats_and_people(g: Generated) -> None:
    rows = q("SELECT id, topic, source, format, place, chair, positions, agreed_points, "
             "outcome_kind, member_names FROM consultation")  # fmt: skip
    sources = Counter(r[2] for r in rows)
    assert set(sources) == {s.value for s in ConsultationSource}
    assert sources["government"] + sources["residents"] > len(rows) // 2  # mostly these
    assert {r[3] for r in rows} <= {f.value for f in ConsultationFormat}
    assert {r[8] for r in rows} <= {o.value for o in OutcomeKind} and len({r[8] for r in rows}) > 2
    topics = [r[1] for r in rows]
    assert len(set(topics)) > 0.6 * len(topics)
    words = ("加装电梯", "人居环境", "农贸市场", "停车", "河道保洁", "养老服务站", "上下学")
    assert sum(any(w in topic for w in words) for topic in topics) > 3
    for _id, topic, _s, _f, place, chair, positions, points, _o, names in rows:
        text = topic + place + positions + points
        assert "{" not in text and "}" not in text and place and positions
        assert points.startswith("一是") and points.endswith("。")
        assert chair in names.split("、")  # the chair is one of the members
    links = q("SELECT consultation_id, count(*) FROM consultation_member GROUP BY 1")
    assert len(links) == 30 and all(3 <= n <= 8 for _, n in links)
    standing = {n for (n,) in q("SELECT name FROM member WHERE is_standing = 1")}
    assert sum(r[5] in standing for r in rows) > len(rows) // 2
    people = q("SELECT kind, name, headcount FROM consultation_participants")
    assert {p[0] for p in people} <= {k.value for k in ParticipantKind}
    assert all(p[1] and "{" not in p[1] and p[2] >= 1 for p in people)
    per = q("SELECT count(*) FROM consultation_participants GROUP BY consultation_id")
    assert len(per) == 30 and all(1 <= n <= 4 for (n,) in per)


def test_outcome_items_closed_ones_settled_a_few_overdue(g: Generated) -> None:
    today = g.ctx.today().isoformat()
    units = site.code_labels("handling_unit")
    rows = q(
        "SELECT o.consultation_id, o.item, o.unit, o.due, o.status, o.done_on, o.note, "
        "date(c.held_at), c.status FROM consultation_outcomes o "
        "JOIN consultation c ON c.id = o.consultation_id"
    )
    per = Counter(r[0] for r in rows)
    assert len(per) == 30 and all(2 <= n <= 5 for n in per.values())
    assert {r[4] for r in rows} == {s.value for s in ItemStatus}
    for _cid, item, unit, due, status, done_on, note, held, closed in rows:
        assert item and "{" not in item and unit in units and due > held
        assert (status == "done") == (done_on is not None), (status, done_on)
        assert done_on is None or held <= done_on <= today
        assert status != "not_feasible" or note  # explained
        if closed == "closed":
            assert status in ("done", "not_feasible")
    held = dict(q("SELECT id, date(held_at) FROM consultation"))
    status = dict(q("SELECT id, status FROM consultation"))
    year_ago = (TODAY - timedelta(days=365)).isoformat()
    old = [i for i, h in held.items() if h < year_ago]
    assert sum(status[i] == "closed" for i in old) >= 0.8 * len(old)
    recent = [i for i, h in held.items() if h > (TODAY - timedelta(days=120)).isoformat()]
    assert recent and sum(status[i] == "open" for i in recent) > len(recent) / 2
    assert any(r[4] == "in_progress" and r[8] == "open" for r in rows)
    overdue = [r for r in rows if r[3] < today and r[4] in ("not_started", "in_progress")]
    assert 0 < len(overdue) < 0.15 * len(rows)
    listed = [d for d in due_items.overdue(TODAY) if d.kind == CONSULTATION.name]
    assert len(listed) == len(overdue)
    assert all(d.serial.startswith("XS-") and d.title for d in listed)


def test_closing_follows_the_items(g: Generated) -> None:
    """A demo consultation is refused 办结 while one of its items is open (a rollback
    leaves the shared demo as it was)."""
    open_one = one("SELECT c.id FROM consultation c JOIN consultation_outcomes o "
                   "ON o.consultation_id = c.id WHERE c.status = 'open' "
                   "AND o.status IN ('not_started', 'in_progress') LIMIT 1")  # fmt: skip
    with pytest.raises(TransitionRefused, match="成果清单中还有"):
        kind_records.advance(g.ctx, CONSULTATION, open_one, "close")
    closed = one("SELECT id FROM consultation WHERE status = 'closed' LIMIT 1")
    with database.atomic() as transaction:
        kind_records.advance(g.ctx, CONSULTATION, closed, "reopen")
        kind_records.advance(g.ctx, CONSULTATION, closed, "close")  # every item settled
        assert kind_records.get(CONSULTATION, closed).status == "closed"
        transaction.rollback()


def test_consultations_from_visits_link_both_ways(g: Generated) -> None:
    """A 来访转入 consultation grew from visits handled as 纳入协商议题, held after them:
    linked both ways, their members among its members, their content first in its
    各方意见 as the dialog starts it (``origins.start_values``)."""
    grown = [i for (i,) in q("SELECT id FROM consultation WHERE source = 'from_visits'")]
    assert len(grown) >= 3
    linked = {i for (i,) in q("SELECT DISTINCT consultation_id FROM consultation_source")}
    assert linked == set(grown)  # every one of them, and no other
    seen: set[int] = set()
    for cid in grown:
        found = origins.of(CONSULTATION.name, cid)["visit"]
        assert 1 <= len(found) <= 3 and not seen & set(found)  # a visit grows one
        seen |= set(found)
        record = kind_records.values(CONSULTATION, cid)
        start = origins.start_values(CONSULTATION.name, "visit", found)
        assert record["positions"].startswith(start["positions"] + "\n")
        assert set(start["members"]) <= set(record["members"])
        for visit in found:
            assert origins.grown("visit", visit) == {CONSULTATION.name: [cid]}
            handling, occurred, deleted = q(
                "SELECT handling, occurred_at, deleted_at FROM visit WHERE id = ?", visit
            )[0]
            assert handling == "to_consultation" and deleted is None
            assert occurred < str(record["held_at"])
            assert str(record["held_at"]) < str(datetime.fromisoformat(occurred) + timedelta(91))
        subjects = consultation_text.SUBJECTS
        topic = next(s for s in subjects if s.topic.split("}")[-1] in record["topic"])
        contents = [one("SELECT content FROM visit WHERE id = ?", v) for v in found]
        assert all(any(w in c for w in topic.words) for c in contents), (record["topic"], contents)


def test_consultations_are_searchable_and_filtered(g: Generated) -> None:
    lister = kind_lister(CONSULTATION)
    found = lister.count(ListQuery(text="协商"), today=TODAY)
    like = one("SELECT count(*) FROM consultation WHERE deleted_at IS NULL AND ((topic || place "
               "|| chair || positions || agreed_points) LIKE '%协商%')")  # fmt: skip
    assert found == like > 0
    serial = one("SELECT serial FROM consultation ORDER BY id DESC LIMIT 1")
    assert lister.count(ListQuery(text=serial), today=TODAY) == 1
    shown = lister.page(ListQuery(filters={"source": "from_visits"}), today=TODAY).rows
    assert len(shown) == one("SELECT count(*) FROM consultation WHERE source = 'from_visits'")


def test_same_seed_same_consultations(tmp_path: Path) -> None:
    def content(name: str, seed: int) -> list[list[tuple[Any, ...]]]:
        open_database(tmp_path / name)
        try:
            demo.generate(studio_context(), visits=600, seed=seed)
            return [
                q("SELECT serial, topic, source, format, held_at, place, chair, positions, "
                  "agreed_points, outcome_kind, status, created_at, rev FROM consultation "
                  "ORDER BY id"),
                q("SELECT consultation_id, position, member_id FROM consultation_member "
                  "ORDER BY 1, 3"),
                q("SELECT consultation_id, position, kind, name, headcount "
                  "FROM consultation_participants ORDER BY 1, 2"),
                q("SELECT consultation_id, position, item, unit, due, status, done_on, note "
                  "FROM consultation_outcomes ORDER BY 1, 2"),
                q("SELECT consultation_id, visit_id FROM consultation_source ORDER BY 1, 2"),
            ]  # fmt: skip
        finally:
            close_database()

    first = content("a.sqlite3", 5)
    assert len(first[0]) == 9 and content("b.sqlite3", 5) == first
    assert content("c.sqlite3", 6)[0] != first[0]
