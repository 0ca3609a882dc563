"""直通车: the flag on a proposal-type record, the county's desk and list putting those first,
and the days from submission to the county's first action (tests/services/train_scenario.py)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from studio_app.core.errors import ValidationError
from studio_app.paths import DATABASE_FILE
from studio_app.services import county_desk, county_stats, county_work, members, proposals
from studio_app.services.context import Context
from studio_app.services.lists.paging import ListQuery
from studio_app.services.lists.records import PROPOSALS
from studio_app.services.statistics import Period
from studio_app.services.through_train import first_action, first_actions
from studio_app.storage.database import close_database
from studio_app.storage.models import AuditEntry, Proposal
from tests.services import train_scenario as scenario
from tests.services.helpers import stats_json
from tests.services.train_scenario import OTHERS, TRAIN, Trains

pytestmark = pytest.mark.both_engines  # also on PostgreSQL (the county's several PCs)

studio, county, out, trains = scenario.studio, scenario.county, scenario.out, scenario.trains

MARCH = Period.month(2026, 3)


def test_the_flag_is_a_studio_field_saved_and_audited(ctx: Context) -> None:
    lead = members.create(ctx, {"name": "王建国"}).id
    row = proposals.create(ctx, {"kind": "sqmy", "title": "标题", "lead_member": lead})
    assert row.through_train is False
    proposals.update(ctx, row.id, {"through_train": True})
    assert Proposal.get_by_id(row.id).through_train is True
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    assert '"through_train": [false, true]' in entry.changes
    rev = Proposal.get_by_id(row.id).rev
    proposals.update(ctx, row.id, {"through_train": True})  # the same: nothing written
    assert Proposal.get_by_id(row.id).rev == rev
    with pytest.raises(ValidationError):
        proposals.update(ctx, row.id, {"through_train": "也许"})


def test_timing_of_the_first_action_in_exact_days(trains: Trains) -> None:
    found = first_actions(MARCH)
    train, others = found.groups
    assert (train.label, others.label) == ("直通车", "其他报送件")
    assert train.days == (2, 4) and others.days == (10, 20, 28)
    for t, expected in ((train, TRAIN), (others, OTHERS)):
        got = (t.submitted, t.acted, t.awaiting, t.median_days, t.mean_days, t.longest_days)
        assert got == tuple(expected.values())
    assert first_actions(Period.month(2026, 4)).through_train.submitted == 0
    assert first_actions() == found  # all periods: the same records


def test_the_first_action_is_the_earlier_of_the_audit_and_the_entered_days() -> None:
    assert first_action("2026-03-09 12:00:00", "2026-03-06") == date(2026, 3, 6)
    assert first_action("2026-03-04 12:00:00", "9999-12-31") == date(2026, 3, 4)
    assert first_action(None, "2026-03-06") == date(2026, 3, 6)
    assert first_action(None, "9999-12-31") is None


def test_trashed_records_and_imports_do_not_count(trains: Trains, county: object) -> None:
    with trains.county as cctx:
        county_work.review(cctx, trains.uuids["t_wait"], "accepted")  # now, long after March
        assert first_actions(MARCH).through_train.awaiting == 0
        Proposal.update(deleted_at="2026-04-01").where(
            Proposal.uuid == trains.uuids["t_wait"]
        ).execute()
        assert first_actions(MARCH).through_train.submitted == 2


def test_the_county_work_carries_the_timing_to_stats_json(
    trains: Trains, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    work = county_stats.work(MARCH, today=date(2026, 4, 1))
    assert work.first_actions == first_actions(MARCH)
    text = "\n".join(county_stats.as_lines(work))
    train = "    直通车：报送 3 件，县政协已办理 2 件，待首次办理 1 件；"
    assert f"{train}报送至首次办理用时中位数 3 天，平均 3 天，最长 4 天" in text
    assert "    其他报送件：报送 3 件，县政协已办理 3 件，待首次办理 0 件；" in text
    data = tmp_path / "data"
    data.mkdir()
    close_database()
    where = trains.county.path
    if isinstance(where, str):  # the county on PostgreSQL
        found = stats_json(data / DATABASE_FILE, capsys, where)
    else:
        shutil.copy(where, data / DATABASE_FILE)
        found = stats_json(data / DATABASE_FILE, capsys)
    assert found["county_work"]["through_train"] == {"through_train": TRAIN, "others": OTHERS}


def test_the_desk_lists_through_trains_in_hand_first(trains: Trains) -> None:
    desk = county_desk.load(scenario.on(trains.county.ctx, "2026-04-01"))
    u = trains.uuids
    by_id = {p.id: p.uuid for p in Proposal.select()}
    assert desk.train_total == 3
    assert [(by_id[i.id], i.note) for i in desk.train] == [
        (u["t_fast"], "assign"), (u["t_paper"], "in_hand"), (u["t_wait"], "review"),
    ]  # fmt: skip
    assert desk.train[0].studio == "石桥镇政协委员工作室"


def test_the_county_list_sorts_through_trains_first_and_filters_them(trains: Trains) -> None:
    u = trains.uuids
    by_id = {p.id: p.uuid for p in Proposal.select()}
    query = ListQuery(filters={"status": "submitted"}, sort="through_train")
    rows = PROPOSALS.page(query, limit=4).rows
    ids = [by_id[r[0]] for r in rows]
    assert set(ids[:3]) == {u["t_fast"], u["t_paper"], u["t_wait"]}
    page = PROPOSALS.page(query, limit=2)  # keyset paging goes on across the flag
    rest = PROPOSALS.page(query, after=page.cursor, limit=10).rows
    assert [by_id[r[0]] for r in [*page.rows, *rest]] == [by_id[r[0]] for r in
                                                          PROPOSALS.page(query).rows]  # fmt: skip
    assert len(rest) == 4
    only = ListQuery(filters={"status": "submitted", "through_train": True})
    assert PROPOSALS.count(only) == 3
