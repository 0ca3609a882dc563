"""Period statistics on a small hand-built data set, with exact numbers."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from studio_app.core.errors import UserError
from studio_app.services import interviews, proposals, visits
from studio_app.services.context import Context
from studio_app.services.statistics import COUNTY_SCOPE, Period, by_site, report
from studio_app.storage.models import Proposal, Site
from tests.conftest import fixed_clock
from tests.services.helpers import member, resident, visit

MARCH = Period.month(2026, 3)


def counts(items) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {c.label: c.count for c in items if c.count}


@pytest.fixture
def march(ctx: Context) -> dict[str, int]:
    """Four live visits, one trashed, one interview and two proposals in March 2026; more in
    April, which must not count."""
    now = replace(ctx, clock=fixed_clock(datetime(2026, 3, 31, 10, 0)))
    later = replace(ctx, clock=fixed_clock(datetime(2026, 4, 20, 10, 0)))
    a = member(now, "王建国", sector="农业界")
    b = member(now, "陈丽", sector="教育界")
    east = resident(now, "李秀英", village="东岙村")
    west = resident(now, "张伟", village="西岙村")
    visit(now, member_ids=[a.id], residents=[east.id], satisfaction="satisfied")
    v2 = visit(
        now,
        member_ids=[a.id, b.id],
        residents=[west.id],
        channel="home_visit",
        category="教育",
        handling="referred",
        referred_unit="县教育局",
        referred_at="2026-03-03",
        due_at="2026-03-10",
        occurred_at="2026-03-03 10:00",
    )
    visits.advance(now, v2.id, "feed_back", {"result": "已修缮", "feedback_at": "2026-03-08"})
    visits.advance(now, v2.id, "close", {"satisfaction": "basic"})
    v3 = visit(
        now,
        member_ids=[b.id],
        channel="phone",
        category="医疗卫生",
        handling="referred",
        referred_unit="县卫健委",
        referred_at="2026-03-05",
        due_at="2026-03-06",
        occurred_at="2026-03-05 15:00",
    )
    visits.advance(now, v3.id, "feed_back", {"result": "已答复", "feedback_at": "2026-03-09"})
    visit(
        now,
        member_ids=[a.id],
        residents=[east.id],
        channel="letter",
        category="其他",
        handling="to_sqmy",
        confidential=True,
        occurred_at="2026-03-20 09:00",
    )
    visits.delete(now, visit(now, member_ids=[b.id]).id)
    visit(later, member_ids=[b.id], occurred_at="2026-04-02 09:00")

    base = {"members": [a.id], "kind": "offline", "title": "村道养护座谈"}
    interviews.create(now, {**base, "occurred_at": "2026-03-12 14:00"})
    interviews.create(later, {**base, "occurred_at": "2026-04-12 14:00"})

    text = {"facts": "情况", "analysis": "分析", "recommendations": "建议"}
    p1 = proposals.create(
        now,
        {"kind": "proposal", "title": "关于村道养护的建议", "lead_member": a.id,
         "co_signers": [b.id], **text},
    )  # fmt: skip
    proposals.submit(now, p1.id)
    Proposal.update(review="accepted").where(Proposal.id == p1.id).execute()
    proposals.create(now, {"kind": "sqmy", "title": "关于看病难", "lead_member": b.id, **text})
    proposals.create(later, {"kind": "sqmy", "title": "四月的", "lead_member": b.id, **text})
    return {"a": a.id, "b": b.id}


def test_month_report_has_exact_numbers(ctx: Context, march: dict[str, int]) -> None:
    r = report(MARCH)
    assert r.scope == "石桥镇政协委员工作室"
    assert r.period.label == "2026年3月"
    assert r.visits == 4
    assert counts(r.by_channel) == {"坐班接待": 1, "入户走访": 1, "电话": 1, "信件/意见箱": 1}
    assert [c.label for c in r.by_channel][-1] == "直报点"  # zero rows kept for tables
    assert counts(r.by_category) == {"交通出行": 1, "教育": 1, "医疗卫生": 1, "其他": 1}
    assert counts(r.by_handling) == {"当场答复": 1, "转有关部门": 2, "转社情民意": 1}
    assert counts(r.by_status) == {"已办结": 2, "已反馈": 1, "已登记": 1}
    assert [(c.label, c.count) for c in r.by_member] == [("王建国", 3), ("陈丽", 2)]
    assert [(c.label, c.count) for c in r.by_village] == [
        ("东岙村", 2),
        ("西岙村", 1),
        ("未注明村/社区", 1),
    ]
    assert (r.closed, r.closure_rate) == (2, 0.5)
    assert (r.referred, r.due, r.on_time, r.on_time_rate) == (2, 2, 1, 0.5)

    assert counts(r.satisfaction) == {"满意": 1, "基本满意": 1}
    assert r.satisfaction_rate == 1.0
    assert r.counted["interview"] == 1
    assert counts(r.proposals) == {"提案·已报送": 1, "社情民意信息·草稿": 1}
    assert counts(r.proposal_reviews) == {"立案": 1}
    activity = {
        m.name: (m.sector, m.visits, m.counted["interview"], m.proposals) for m in r.members
    }
    assert activity == {"王建国": ("农业界", 3, 1, 1), "陈丽": ("教育界", 2, 0, 2)}


def test_quarter_and_year_include_april(ctx: Context, march: dict[str, int]) -> None:
    assert report(Period.quarter(2026, 1)).visits == 4
    q2 = report(Period.quarter(2026, 2))
    assert (q2.visits, q2.counted["interview"], sum(c.count for c in q2.proposals)) == (1, 1, 1)
    year = report(Period.year(2026))
    year_proposals = sum(c.count for c in year.proposals)
    assert (year.visits, year.counted["interview"], year_proposals) == (5, 2, 3)


def test_empty_period_gives_zeros_and_no_rates(ctx: Context, march: dict[str, int]) -> None:
    r = report(Period.month(2025, 12))
    assert (r.visits, r.closed, r.referred, r.on_time, r.counted["interview"]) == (0, 0, 0, 0, 0)
    assert (r.closure_rate, r.on_time_rate, r.satisfaction_rate) == (None, None, None)
    assert all(c.count == 0 for c in r.by_channel + r.by_category + r.satisfaction)
    assert r.by_member == r.by_village == r.proposals == r.proposal_reviews == r.members == []


@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        ("2026-11", date(2026, 11, 1), date(2026, 12, 1), "2026年11月"),
        ("2026-12", date(2026, 12, 1), date(2027, 1, 1), "2026年12月"),
        ("2026-Q4", date(2026, 10, 1), date(2027, 1, 1), "2026年第4季度"),
        (" 2026-q1 ", date(2026, 1, 1), date(2026, 4, 1), "2026年第1季度"),
        ("2026", date(2026, 1, 1), date(2027, 1, 1), "2026年"),
    ],
)
def test_period_parse(text: str, start: date, end: date, label: str) -> None:
    period = Period.parse(text)
    assert (period.start, period.end, period.label) == (start, end, label)
    assert Period.parse(period.slug) == period


def test_a_period_knows_its_span_and_part() -> None:
    spans = [(p.span, p.part) for p in map(Period.parse, ("2026-12", "2026-Q3", "2026"))]
    assert spans == [("month", 12), ("quarter", 3), ("year", 0)]


@pytest.mark.parametrize("text", ["", "2026-13", "2026-Q5", "2026-00", "11月", "26-11", "abc"])
def test_period_parse_refuses_bad_input(text: str) -> None:
    with pytest.raises(UserError) as caught:
        Period.parse(text)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in caught.value.message)


def test_county_mode_reports_each_site_then_the_total(ctx: Context, march: dict[str, int]) -> None:
    other = Site.create(
        uuid=str(uuid.uuid4()),
        kind="studio",
        name="大岙镇政协委员工作室",
        code="DAZ",
        created_at=datetime(2026, 1, 1),
    )
    there = replace(
        ctx, site_uuid=other.uuid, site_code="DAZ", clock=fixed_clock(datetime(2026, 3, 31))
    )
    visit(there, member_ids=[march["a"]], occurred_at="2026-03-15 09:00", handling="explained")
    visit(there, member_ids=[march["b"]], occurred_at="2026-03-16 09:00")

    reports = by_site(MARCH)
    assert [(r.scope, r.visits) for r in reports] == [
        ("大岙镇政协委员工作室", 2),
        ("石桥镇政协委员工作室", 4),
        (COUNTY_SCOPE, 6),
    ]
    daz, _, total = reports
    assert (daz.closed, daz.closure_rate, daz.proposals) == (2, 1.0, [])
    assert daz.counted == {name: 0 for name in daz.counted} and "interview" in daz.counted
    assert total.closed == 4 and total.counted["interview"] == 1
    assert counts(total.by_member) == {"王建国": 4, "陈丽": 3}
    assert report(MARCH, origin_site=other.uuid).visits == 2
    empty = by_site(Period.month(2020, 1))
    assert [(r.scope, r.visits) for r in empty] == [(COUNTY_SCOPE, 0)]


def test_referrals_not_yet_due_are_not_counted_late(ctx: Context) -> None:
    """Two referrals of today, due in 15 days, not fed back: nothing is late yet."""
    today = ctx.today()
    for _ in range(2):
        visit(
            ctx,
            handling="referred",
            referred_unit="县教育局",
            occurred_at=f"{today:%Y-%m-%d} 00:00",
        )
    r = report(Period.month(today.year, today.month))
    assert (r.referred, r.due, r.on_time, r.on_time_rate) == (2, 0, 0, None)
    later = report(Period.month(today.year, today.month), today=today + timedelta(days=16))
    assert (later.due, later.on_time, later.on_time_rate) == (2, 0, 0.0)


def test_proposal_type_records_count_when_submitted_drafts_when_written(ctx: Context) -> None:
    def on(month: int, day: int) -> Context:
        return replace(ctx, clock=fixed_clock(datetime(2026, month, day, 10, 0)))

    lead = member(on(2, 1), "王建国")
    text = {"title": "村道", "facts": "情况", "recommendations": "建议", "lead_member": lead.id}
    sent = proposals.create(on(2, 20), {"kind": "proposal", **text})
    proposals.submit(on(3, 5), sent.id)  # written in February, submitted in March
    proposals.create(on(2, 25), {"kind": "sqmy", **text})  # a February draft
    later = proposals.create(on(3, 25), {"kind": "suggestion", **text})
    proposals.submit(on(4, 2), later.id)  # written in March, submitted in April

    feb, mar, apr = (report(Period.month(2026, m)) for m in (2, 3, 4))
    assert counts(feb.proposals) == {"社情民意信息·草稿": 1}
    assert counts(mar.proposals) == {"提案·已报送": 1}
    assert counts(mar.proposal_reviews) == {"待审查": 1}
    assert [(m.name, m.proposals) for m in mar.members] == [("王建国", 1)]
    assert counts(apr.proposals) == {"意见建议·已报送": 1}
    assert [r.scope for r in by_site(Period.month(2026, 3))] == [
        "石桥镇政协委员工作室", COUNTY_SCOPE,
    ]  # fmt: skip  # a studio whose only record of the month is a submitted one
