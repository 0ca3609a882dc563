"""Election observations (换届选举观察): a village's election with its flags, observers and
the entries by stage, validated from the declaration; one election's stages and open issues,
one term's villages by stage observed; counted by ``stats --json``; grown into a
consultation."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from studio_app.core import kinds
from studio_app.core.codes import ElectionRating, ElectionStage
from studio_app.core.errors import ValidationError
from studio_app.reports import monthly_report
from studio_app.services import elections, kind_records, origins
from studio_app.services.context import Context
from studio_app.services.statistics import Period, report
from studio_app.storage.models import database
from tests.reports import pdf
from tests.services.helpers import member, stats_json

ELECTION = kinds.ELECTION
TERM = "2026年村（社区）“两委”换届"
UNIT = "14"  # 镇人民政府 in the default code list


def election(ctx: Context, **more: Any) -> Any:
    """东岙村's election: three stages observed, one issue answered, one still open."""
    lee, wang = member(ctx, "李梅"), member(ctx, "王建国")
    return kind_records.create(ctx, ELECTION, {
        "village": "东岙村", "term": TERM, "election_on": "2026-03-08", "complex": True,
        "observers": [lee.id, wang.id],
        "entries": [
            {"stage": "voting", "observed_on": "2026-03-08", "observer": lee.id,
             "seen": "唱票计票公开", "rating": "规范"},
            {"stage": "选民登记", "observed_on": "2026-02-16", "observer": wang.id,
             "seen": "登记榜已张贴", "issues": "外出人员未核实", "rating": "mostly",
             "reported_to": UNIT, "reply": "已补登"},
            {"stage": "nomination", "observed_on": "2026-02-26", "observer": lee.id,
             "seen": "资格联审公示", "issues": "个别材料不全", "rating": "基本规范",
             "reported_to": UNIT},
        ],
        "summary": "总体平稳有序", **more,
    })  # fmt: skip


def test_an_election_is_kept_with_its_entries(ctx: Context) -> None:
    record = election(ctx)
    assert record.serial.startswith("HJ-")
    kept = kind_records.values(ELECTION, record.id)
    assert kept["complex"] and not kept["hard_to_staff"] and len(kept["observers"]) == 2
    assert kept["election_on"] == date(2026, 3, 8)
    assert [e["stage"] for e in kept["entries"]] == ["voting", "registration", "nomination"]
    assert [e["rating"] for e in kept["entries"]] == ["compliant", "mostly", "mostly"]
    rev = kind_records.get(ELECTION, record.id).rev
    kind_records.update(ctx, ELECTION, record.id, kept)  # saved unchanged: nothing changes
    assert kind_records.get(ELECTION, record.id).rev == rev
    kind_records.update(ctx, ELECTION, record.id, {"legacy_issues": True})
    assert kind_records.get(ELECTION, record.id).rev == rev + 1


@pytest.mark.parametrize(
    ("change", "key"),
    [({"village": ""}, "village"), ({"term": " "}, "term"), ({"election_on": ""}, "election_on"),
     ({"observers": []}, "observers"),
     ({"entries": [{"stage": "", "seen": "无环节"}]}, "entries"),
     ({"entries": [{"stage": "voting", "rating": "优秀"}]}, "entries")],
)  # fmt: skip
def test_what_is_required_or_unknown_is_refused(
    ctx: Context, change: dict[str, Any], key: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        election(ctx, **change)
    assert key in refused.value.errors
    assert database.execute_sql("SELECT count(*) FROM election").fetchone() == (0,)


def test_the_stage_timeline_and_the_open_issues(ctx: Context) -> None:
    record = election(ctx)
    line = elections.timeline(record.id)
    assert (line.village, line.term, line.election_on) == ("东岙村", TERM, date(2026, 3, 8))
    assert [s for s, _found in line.stages] == list(ElectionStage)
    observed = [(e.stage, e.observed_on) for e in line.entries]
    assert observed == [(ElectionStage.REGISTRATION, date(2026, 2, 16)),
                        (ElectionStage.NOMINATION, date(2026, 2, 26)),
                        (ElectionStage.VOTING, date(2026, 3, 8))]  # fmt: skip
    assert line.unobserved == (ElectionStage.COMMITTEE,)
    (issue,) = line.open_issues
    assert issue.issues == "个别材料不全" and issue.observer == "李梅"
    assert issue.reported_to == "镇人民政府" and issue.rating is ElectionRating.MOSTLY
    assert elections.is_open({"rating": "non_compliant", "issues": "", "reply": ""})
    assert not elections.is_open({"rating": "non_compliant", "reply": "已整改"})
    assert not elections.is_open({"rating": "compliant", "issues": " "})


def test_a_term_lists_its_villages_by_stage(ctx: Context) -> None:
    election(ctx)
    kind_records.create(ctx, ELECTION, {
        "village": "溪口村", "term": TERM, "election_on": "2026-03-15", "hard_to_staff": True,
        "observers": [member(ctx, "陈芳").id],
        "entries": [{"stage": "committee", "issues": "通知张贴时间不足", "rating": "不规范"},
                    {"stage": "voting"}],
    })  # fmt: skip
    gone = election(ctx, village="前垟村")
    kind_records.trash(ctx, ELECTION, gone.id)
    kind_records.create(ctx, ELECTION, {
        "village": "东岙村", "term": "2021年村（社区）“两委”换届", "election_on": "2021-03-01",
        "observers": [member(ctx, "周平").id],
    })  # fmt: skip
    assert elections.terms() == [TERM, "2021年村（社区）“两委”换届"]
    view = elections.term(TERM)
    assert [v.village for v in view.villages] == ["东岙村", "溪口村"]
    east, river = view.villages
    assert east.flags == ("选情复杂村",) and river.flags == ("选人难村",)
    assert east.observed == {"voting": 1, "registration": 1, "nomination": 1}
    assert not east.has(ElectionStage.COMMITTEE) and river.has(ElectionStage.COMMITTEE)
    assert (east.open_issues, river.open_issues) == (1, 1)
    assert view.observed_in(ElectionStage.VOTING) == 2
    assert view.observed_in(ElectionStage.OTHER) == 0
    assert elections.term("没有的届次").villages == ()


def test_trash_and_restore(ctx: Context) -> None:
    record = election(ctx)
    kind_records.trash(ctx, ELECTION, record.id)
    assert elections.terms() == []
    kind_records.restore(ctx, ELECTION, record.id)
    assert [v.village for v in elections.term(TERM).villages] == ["东岙村"]


def test_stats_json_counts_the_observations(ctx: Context, db_path: Path, capsys: Any) -> None:
    election(ctx)
    gone = election(ctx, village="溪口村")
    kind_records.trash(ctx, ELECTION, gone.id)
    found = stats_json(db_path, capsys)
    assert found["election_observations"]["total"] == 1
    assert found["election_observations"]["label"] == "换届选举观察记录"


def test_a_consultation_grows_from_an_election(ctx: Context) -> None:
    record = election(ctx)
    start = origins.start_values("consultation", "election", [record.id])
    assert start["positions"] == "2026-03-08：总体平稳有序"
    assert start["source"] == "member" and len(start["members"]) == 2
    grown = kind_records.create(ctx, kinds.CONSULTATION, {
        **start, "topic": "换届选举中候选人资格审查材料规范", "format": "meeting",
        "held_at": "2026-03-20 14:30",
    }, grew_from={"election": [record.id]})  # fmt: skip
    assert origins.of("consultation", grown.id) == {"visit": [], "election": [record.id]}
    assert origins.grown("election", record.id) == {"consultation": [grown.id]}


def test_the_statistics_and_the_monthly_report_count_the_stages(
    ctx: Context, tmp_path: Path
) -> None:
    election(ctx)
    march = Period.month(2026, 3)
    sections = {s.kind: s for s in report(march, today=date(2026, 4, 2)).sections}
    section = sections[ELECTION.name]
    assert section.total == 1 and section.title == "换届选举观察"
    said = section.sentence()
    assert said.startswith("观察村（社区）换届选举1个，")
    assert "3项（选民登记1，候选人提名1，投票选举与计票1）" in said
    assert "3项（规范1，基本规范2）" in said
    out = tmp_path / "r.pdf"
    monthly_report.render(ctx, march, out)
    text = pdf.flat(out)
    assert "换届选举观察" in text and "观察村（社区）换届选举1个" in text
