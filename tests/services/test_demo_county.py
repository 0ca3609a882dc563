"""The county office's demo: demo studios' real packages imported, the county's work on them."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from studio_app import scratch
from studio_app.core.codes import AdoptionLevel, CodeListKind, ReplyClass, Review
from studio_app.core.errors import UserError
from studio_app.demo import county as county_demo
from studio_app.demo import studio as demo
from studio_app.demo.activities import activities_for
from studio_app.demo.county_work import STUDIOS, CountyDemoSummary, studio_name
from studio_app.exchange.feedback import sync_status
from studio_app.services import county_work, integrity, site
from studio_app.storage.database import close_database, open_database
from studio_app.storage.models import (
    AuditEntry,
    ExchangeConflict,
    ExchangeWaiting,
    ImportHistory,
    Interview,
    Member,
    Peer,
    Proposal,
    ProposalUnit,
    Site,
    Visit,
    database,
)
from tests.conftest import POSTGRES, fixed_clock

NOW = datetime(2026, 6, 15, 12, 0)  # UTC
TODAY = date(2026, 6, 15)
STUDIO_COUNT, VISITS, SEED = 2, 100, 5


@dataclasses.dataclass(frozen=True)
class Made:
    path: Path
    summary: CountyDemoSummary


def make(path: Path, **kw: Any) -> CountyDemoSummary:
    path.parent.mkdir(parents=True, exist_ok=True)
    open_database(path)
    try:
        args = {"studios": STUDIO_COUNT, "visits": VISITS, "seed": SEED} | kw
        return county_demo.generate(clock=fixed_clock(NOW), **args)
    finally:
        close_database()


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Made:
    path = tmp_path_factory.mktemp("county") / "studio.sqlite3"
    return Made(path, make(path))


@pytest.fixture
def m(made: Made) -> Iterator[Made]:
    open_database(made.path)
    yield made
    close_database()


def q(sql: str, *args: Any) -> list[tuple[Any, ...]]:
    return database.connection().execute(sql, args).fetchall()


def fingerprint() -> list[tuple[Any, ...]]:
    """The county's work per record, by studio code and serial (uuids aside)."""
    codes = county_work.studio_codes()
    found = []
    for p in Proposal.select().order_by(Proposal.id):
        units = tuple(county_work.units_of(p))
        found.append((codes[p.origin_site], p.serial, p.kind, p.status, p.submitted_at,
                      p.review, p.county_no, p.merged_into, p.converted_to, p.assigned_at,
                      p.reply_due, p.reply_class, p.replied_at, p.adoption_level,
                      p.adopted_at, p.instruction_level, p.instruction_date,
                      p.member_evaluation, units))  # fmt: skip
    return sorted(found, key=repr)


def test_the_county_is_a_demo_of_the_county_office(m: Made) -> None:
    here = site.require_site()
    assert (here.kind, here.code, here.name) == ("county", "PYX", "平阳县政协")
    assert demo.is_demo() and not demo.in_real_use()
    demo.check_allowed(site.context_for(here))  # a demo: not a ledger in real use
    assert m.summary.studios == ("SQZ", "WQZ")
    studios = {s.code: s for s in Site.select().where(~Site.is_local)}
    assert {c: s.name for c, s in studios.items()} == {
        code: studio_name(town) for code, town in STUDIOS[:STUDIO_COUNT]
    }
    assert {p.code for p in Peer.select()} == set(studios)


def test_every_studio_synced_by_real_packages(m: Made) -> None:
    status = sync_status()
    assert [s.code for s in status] == sorted(m.summary.studios)
    assert all(s.packages == 2 and s.missing == [] and not s.waiting for s in status)
    assert ImportHistory.select().count() == 2 * STUDIO_COUNT
    assert not ExchangeConflict.select().exists()
    assert not ExchangeWaiting.select().exists()


def test_records_of_each_origin(m: Made) -> None:
    county = site.require_site().uuid
    for studio in Site.select().where(~Site.is_local):
        for model in (Member, Visit, Interview, Proposal):
            assert model.select().where(model.origin_site == studio.uuid).exists(), model
    for model in (Member, Visit, Interview, Proposal):
        assert not model.select().where(model.origin_site == county).exists()
    assert Visit.select().count() == m.summary.visits == STUDIO_COUNT * VISITS
    assert Proposal.select().count() == m.summary.proposals


def test_the_studios_activities_reach_the_county_with_their_rows(m: Made) -> None:
    """Each studio demo's member activities travel in its packages, rows and all."""
    per_studio = activities_for(VISITS, demo.YEARS, demo.BASE_VISITS)
    assert m.summary.counted["activity"] == STUDIO_COUNT * per_studio
    origins = q("SELECT origin_site, count(*) FROM activity GROUP BY origin_site")
    studios = {s.uuid for s in Site.select().where(~Site.is_local)}
    assert {o for o, _ in origins} == studios and {n for _, n in origins} == {per_studio}
    # Every activity came with its attendance; rows name members of its own studio.
    assert not q("SELECT a.id FROM activity a WHERE NOT EXISTS (SELECT 1 FROM "
                 "activity_attendance r WHERE r.activity_id = a.id)")  # fmt: skip
    assert not q(
        "SELECT r.id FROM activity_attendance r JOIN activity a ON a.id = r.activity_id "
        "JOIN member mb ON mb.id = r.member_id WHERE mb.origin_site != a.origin_site"
    )
    assert q("SELECT count(*) FROM activity_follow_ups")[0][0] > 0
    assert q("SELECT count(*) FROM activity_participants")[0][0] > 0


def test_the_county_did_its_work(m: Made) -> None:
    s = m.summary
    assert min(s.waiting, s.reviewed, s.assigned, s.replied, s.late, s.overdue) > 0
    assert min(s.adopted, s.instructed, s.designated, s.evaluated, s.unsent) > 0
    assert not q("SELECT id FROM proposal WHERE (key_proposal OR excellent) "
                 "AND (kind != 'proposal' OR review != 'accepted')")  # fmt: skip
    reviews = {r for (r,) in q("SELECT review FROM proposal WHERE review != ''")}
    assert reviews == {r.value for r in Review}
    assert {c for (c,) in q("SELECT reply_class FROM proposal WHERE reply_class != ''")} == {
        c.value for c in ReplyClass
    }
    adopted = {lv for (lv,) in q("SELECT adoption_level FROM proposal WHERE adoption_level != ''")}
    assert len(adopted) > 1 and adopted <= {lv.value for lv in AdoptionLevel}  # "various"
    assert not q("SELECT id FROM proposal WHERE adoption_level != '' AND kind != 'sqmy'")
    stages = {county_work.stage(p, TODAY) for p in Proposal.select()}
    assert set(county_work.STAGES) <= stages
    # Units from the handling-unit code list, one lead each, on assigned records only.
    units = site.code_labels(CodeListKind.HANDLING_UNIT.value)
    assigned = {p.id for p in Proposal.select().where(Proposal.assigned_at.is_null(False))}
    leads: dict[int, int] = {}
    for u in ProposalUnit.select():
        assert u.unit in units
        leads[u.proposal_id] = leads.get(u.proposal_id, 0) + (u.role == "lead")
    assert set(leads) == assigned and set(leads.values()) == {1}
    # Rejected and returned ones say why; merged ones name a record that exists.
    assert not q("SELECT id FROM proposal WHERE review IN ('rejected', 'returned') "
                 "AND review_reason = ''")  # fmt: skip
    codes = county_work.studio_codes()  # a serial without a code: of the record's studio
    for into, origin in q("SELECT merged_into, origin_site FROM proposal WHERE review = 'merged'"):
        found = county_work.find(into if ":" in into else f"{codes[origin]}:{into}")
        assert found.review == Review.ACCEPTED


def test_dates_follow_the_submission_and_nothing_is_ahead(m: Made) -> None:
    for p in Proposal.select().where(Proposal.review != ""):
        assert p.status == "submitted" and p.submitted_at < TODAY
        if p.assigned_at:
            assert p.submitted_at < p.assigned_at < TODAY
            assert p.reply_due == county_work.add_months(p.assigned_at, 3)
        if p.replied_at:
            assert p.assigned_at <= p.replied_at < TODAY
        if p.adopted_at:
            assert p.submitted_at < p.adopted_at < TODAY and p.adopted_by
        if p.instruction_date:
            assert p.submitted_at < p.instruction_date < TODAY and p.instruction_leader
    recent = q("SELECT count(*) FROM proposal WHERE status = 'submitted' AND review = '' "
               "AND submitted_at >= ?", "2026-05-01")  # fmt: skip
    assert recent[0][0] > 0  # the newest submissions wait for review


def test_the_work_is_audited(m: Made) -> None:
    def audited(action: str) -> set[str]:
        query = AuditEntry.select(AuditEntry.record_uuid).where(AuditEntry.action == action)
        return {a.record_uuid for a in query}

    def having(condition: str) -> set[str]:
        return {u for (u,) in q(f"SELECT uuid FROM proposal WHERE {condition}")}

    assert having("review != ''") == audited("review")
    assert having("assigned_at IS NOT NULL") == audited("assign")
    assert having("reply_class != ''") == audited("reply")
    assert having("adoption_level != ''") == audited("adopt")
    assert having("instruction_text != ''") == audited("instruct")
    assert having("county_rev > 0") == having("review != ''")
    assert AuditEntry.select().where(AuditEntry.action == "demo").count() == 1
    assert integrity.problems() == []


def test_same_seed_same_county(made: Made, tmp_path: Path) -> None:
    open_database(made.path)
    try:
        first = fingerprint()
    finally:
        close_database()
    again = tmp_path / "again" / "studio.sqlite3"
    assert make(again) == made.summary
    open_database(again)
    try:
        assert fingerprint() == first
    finally:
        close_database()


def test_refused_unless_the_database_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "studio.sqlite3"
    open_database(path)
    try:
        site.setup("studio", "石桥镇政协委员工作室", "SQZ", "石桥镇", "平阳县")
        with pytest.raises(UserError, match="空的数据目录"):
            county_demo.generate(studios=1, visits=10)
        assert Site.select().count() == 1 and not Visit.select().exists()
        with pytest.raises(UserError, match="1 到 12"):
            county_demo.generate(studios=13, visits=10)
    finally:
        close_database()


@pytest.mark.parametrize("engine", [POSTGRES])
def test_refused_on_a_postgres_database(db_path: Path, engine: str) -> None:
    with pytest.raises(UserError, match="PostgreSQL"):
        county_demo.generate(studios=1, visits=10)
    assert not Site.select().exists() and not Visit.select().exists()


def test_all_or_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(county_demo.CountyWork, "run", broken)
    path = tmp_path / "studio.sqlite3"
    open_database(path)
    try:
        with pytest.raises(RuntimeError, match="disk on fire"):
            county_demo.generate(studios=1, visits=20, clock=fixed_clock(NOW))
        assert database.obj.database == str(path)  # the target is open again, untouched
        assert site.local_site() is None and not Site.select().exists()
        assert not Visit.select().exists() and not AuditEntry.select().exists()
    finally:
        close_database()
    assert list((tmp_path / scratch.FOLDER).iterdir()) == []  # the working folder is gone
