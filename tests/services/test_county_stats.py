"""County-work statistics over real county databases (tests/services/county_scenario.py)."""

from __future__ import annotations

from datetime import date, datetime

from studio_app.services import county_stats
from studio_app.services.county_stats import Tally
from studio_app.services.statistics import Period
from studio_app.storage.models import Proposal, ProposalUnit, database
from tests.services import county_scenario as scenario
from tests.services.county_scenario import AS_OF, DAZ_NAME, SQZ_NAME, Worked

studio, county, out, worked = scenario.studio, scenario.county, scenario.out, scenario.worked

YEAR = Period.year(2026)


def figures(t: Tally) -> dict[str, object]:
    return {
        "submitted": t.submitted,
        "reviews": [t.reviewed(code) for code, _ in county_stats.REVIEW_COLUMNS],
        "assigned": t.assigned,
        "replied": t.replied,
        "due": t.due,
        "on_time": t.on_time,
        "overdue": t.overdue,
        "classes": [c.count for c in t.classes],
        "adopted": [c.count for c in t.adoptions],
        "evaluations": [c.count for c in t.evaluations],
    }


#                    立案 不立案 并案 转 退回 待审查
SQZ = {"submitted": 4, "reviews": [3, 1, 0, 0, 0, 0], "assigned": 3, "replied": 2, "due": 3,
       "on_time": 1, "overdue": 1, "classes": [1, 1, 0], "adopted": [1, 1, 0, 0],
       "evaluations": [1, 0, 1]}  # fmt: skip
DAZ = {"submitted": 3, "reviews": [2, 0, 0, 0, 0, 1], "assigned": 2, "replied": 1, "due": 1,
       "on_time": 1, "overdue": 0, "classes": [0, 0, 1], "adopted": [0, 0, 1, 0],
       "evaluations": [0, 0, 0]}  # fmt: skip
TOTAL = {"submitted": 7, "reviews": [5, 1, 0, 0, 0, 1], "assigned": 5, "replied": 3, "due": 4,
         "on_time": 2, "overdue": 1, "classes": [1, 1, 1], "adopted": [1, 1, 1, 0],
         "evaluations": [1, 0, 1]}  # fmt: skip


def test_per_studio_and_county_total(worked: Worked) -> None:
    w = county_stats.work(YEAR, today=AS_OF)
    assert [t.label for t in w.studios] == [DAZ_NAME, SQZ_NAME]  # by studio code
    daz, sqz = w.studios
    assert figures(sqz) == SQZ and figures(daz) == DAZ and figures(w.total) == TOTAL
    assert w.total.label == "全县合计" and w.period_label == "2026年"
    assert sqz.on_time_rate == 1 / 3 and daz.on_time_rate == 1.0 and w.total.on_time_rate == 0.5
    assert (w.total.sqmy, w.total.adopted, w.total.adoption_rate) == (3, 3, 1.0)
    assert w.total.satisfaction_rate == 0.5


def test_by_kind_and_by_lead_unit(worked: Worked) -> None:
    w = county_stats.work(YEAR, today=AS_OF)
    kinds = {t.label: (t.submitted, t.reviewed("accepted"), t.reviewed("rejected"), t.pending)
             for t in w.kinds}  # fmt: skip
    assert kinds == {"提案": (2, 2, 0, 0), "社情民意信息": (3, 3, 0, 0),
                     "意见建议": (1, 0, 1, 0), "百字金点子": (1, 0, 0, 1)}  # fmt: skip
    units = {
        t.label: (t.assigned, t.replied, t.due, t.on_time, t.overdue, t.on_time_rate,
                  [c.count for c in t.classes])
        for t in w.units
    }  # fmt: skip
    # The assisting unit of the A reply (县交通运输局) is not credited with it.
    assert units == {
        "县住建局": (3, 1, 2, 1, 1, 0.5, [1, 0, 0]),
        "县交通运输局": (1, 1, 1, 0, 0, 0.0, [0, 1, 0]),
        "县教育局": (1, 1, 1, 1, 0, 1.0, [0, 0, 1]),
    }
    assert list(units) == ["县住建局", "县交通运输局", "县教育局"]  # code-list order


def test_period_and_deadline_day(worked: Worked) -> None:
    ever = county_stats.work(today=AS_OF)
    assert ever.period_label == "全部" and ever.total.submitted == 8  # + 2025's, no drafts
    assert {t.label: t.submitted for t in ever.studios} == {DAZ_NAME: 4, SQZ_NAME: 4}
    education = next(t for t in ever.units if t.label == "县教育局")
    assert (education.replied, education.on_time, education.due) == (2, 1, 2)  # 2025's late
    december = county_stats.work(Period.month(2025, 12), today=AS_OF)
    assert [t.label for t in december.studios] == [DAZ_NAME] and december.total.submitted == 1
    assert county_stats.work(Period.year(2024), today=AS_OF).studios == []
    # On 1 June only the SQZ 社情民意 due on 20 May is late; nothing was replied yet.
    june = county_stats.work(YEAR, today=date(2026, 6, 1)).total
    assert (june.overdue, june.due) == (1, 4)  # replies are counted as they stand now


def test_deleted_records_do_not_count(worked: Worked) -> None:
    Proposal.update(deleted_at=datetime(2026, 7, 1)).where(
        Proposal.uuid == worked.uuids["daz_idea"]
    ).execute()
    w = county_stats.work(YEAR, today=AS_OF)
    assert w.total.submitted == 6 and w.total.pending == 0


def test_plain_and_json_output(worked: Worked) -> None:
    w = county_stats.work(YEAR, today=AS_OF)
    data = county_stats.as_dict(w)
    assert data["period"] == "2026" and data["as_of"] == "2026-08-01"
    assert [(s["code"], s["submitted"]) for s in data["studios"]] == [("DAZ", 3), ("SQZ", 4)]
    total = data["total"]
    assert total["review"] == {"accepted": 5, "rejected": 1, "merged": 0, "converted": 0,
                               "returned": 0, "pending": 1}  # fmt: skip
    assert total["on_time_rate"] == 0.5 and total["adopted"]["province"] == 1
    assert data["by_lead_unit"][0]["name"] == "县住建局"
    text = "\n".join(county_stats.as_lines(w))
    assert "县政协审查办理情况（2026年报送件，截至 2026-08-01）" in text
    assert f"{SQZ_NAME}：报送 4（立案 3，不立案 1" in text
    assert "全县合计：报送 7" in text and "按期答复率 50.0%" in text


def test_a_hundred_thousand_records_in_one_scan(worked: Worked) -> None:
    columns = [c.name for c in database.get_columns("proposal") if c.name != "id"]
    made = {"uuid": "lower(hex(randomblob(16)))", "serial": "'X-' || n.i",
            "review": "CASE WHEN n.i % 4 = 0 THEN '' ELSE 'accepted' END"}  # fmt: skip
    picks = ", ".join(made.get(c, f"p.{c}") for c in columns)
    with database.atomic():
        database.execute_sql(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000) "
            f"INSERT INTO proposal ({', '.join(columns)}) SELECT {picks} "
            "FROM n JOIN proposal p ON p.uuid = ?",
            [worked.uuids["sqz_proposal"]],
        )
        database.execute_sql(
            "INSERT INTO proposal_unit (proposal_id, unit, role, position) "
            "SELECT id, '01', 'lead', 0 FROM proposal WHERE serial LIKE 'X-%'"
        )
    assert ProposalUnit.select().count() > 100_000
    w = county_stats.work(YEAR, today=AS_OF)  # its time: tests/perf/bench_county.py
    assert w.total.submitted == 100_007 and w.total.pending == 25_001
