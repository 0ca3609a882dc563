"""The observations' statistics: the five environments' averages over the period (the weakest
named), by quarter over the last two years, the issues found by environment and how far they
went, the open ones by unit; one point's ratings over time. Only live records count, of the
studio asked for (the county: every studio)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from studio_app.core import kinds
from studio_app.services import kind_records, members, rating_history
from studio_app.services.context import Context
from studio_app.services.kind_stats import Section, trend_window
from studio_app.services.statistics import Period, report
from tests.services.helpers import stats_json

POINT, OBSERVATION = kinds.OBSERVATION_POINT, kinds.OBSERVATION
TODAY = date(2026, 4, 1)


def observation(ctx: Context, point: int, day: str, ratings: dict[str, str], **more: Any) -> int:
    lee = members.create(ctx, {"name": "李梅"}).id
    values = {
        "point": point,
        "observed_on": day,
        "members": [lee],
        "method": "visit",
        "summary": "走访企业",
        **{f"{k}_rating": v for k, v in ratings.items()},
        **more,
    }
    return int(kind_records.create(ctx, OBSERVATION, values).id)


@pytest.fixture
def points(ctx: Context) -> tuple[int, int]:
    """Two points observed in March 2026 and earlier quarters; one more in the trash."""
    a = kind_records.create(ctx, POINT, {"name": "石桥精密机械有限公司"}).id
    b = kind_records.create(ctx, POINT, {"name": "绿源茶业专业合作社"}).id
    assigned = {"item": "用地指标紧张", "environment": "government", "unit": "县自然资源局",
                "due": date(2026, 3, 20), "status": "assigned"}  # fmt: skip
    fed_back = {
        "item": "融资难",
        "environment": "market",
        "unit": "县人社局",
        "due": date(2026, 3, 20),
        "status": "fed_back",
        "result": "已对接银行",
    }
    observation(
        ctx,
        a,
        "2026-03-02",
        {"service": "4", "market": "3", "legal": "2"},
        issues=[assigned, fed_back],
    )
    observation(ctx, b, "2026-03-10", {"service": "5", "market": "2", "legal": "3",
                                       "opinion": "4"})  # fmt: skip
    observation(ctx, a, "2025-11-15", {"service": "2", "legal": "1"})
    observation(ctx, a, "2024-05-15", {"service": "1"})  # before the two years shown
    gone = observation(ctx, b, "2026-03-11", {"service": "1", "market": "1"})
    kind_records.trash(ctx, OBSERVATION, gone)
    return a, b


def section(found: list[Section]) -> Section:
    (s,) = [s for s in found if s.kind == OBSERVATION.name]
    return s


def test_the_period_averages_each_environment_and_names_the_weakest(
    ctx: Context, points: tuple[int, int]
) -> None:
    s = section(report(Period.month(2026, 3), today=TODAY).sections)
    assert s.total == 2
    means = {m.label: (m.value, m.count) for m in s.means}
    assert means == {"服务环境": (4.5, 2), "市场环境": (2.5, 2), "政务环境": (None, 0),
                     "法治环境": (2.5, 2), "舆论环境": (4.0, 1)}  # fmt: skip
    assert s.weakest is not None and s.weakest.label == "市场环境"  # the first of the lowest
    assert (
        "平均评分服务环境4.5、市场环境2.5、法治环境2.5、舆论环境4.0，最低为市场环境" in s.sentence()
    )


def test_the_quarters_of_two_years_up_to_the_period(ctx: Context, points: tuple[int, int]) -> None:
    assert trend_window(date(2026, 4, 1)) == (date(2024, 4, 1), date(2026, 4, 1))
    s = section(report(Period.month(2026, 3), today=TODAY).sections)
    assert s.trend[0].label == "2024年第2季度"
    by_quarter = {q.label: (q.count, q.values[0]) for q in s.trend}
    assert len(s.trend) == 8 and by_quarter["2026年第1季度"] == (2, 4.5)
    assert by_quarter["2025年第4季度"] == (1, 2.0) and by_quarter["2024年第2季度"] == (1, 1.0)
    assert by_quarter["2025年第1季度"] == (0, None)


def test_issues_by_environment_by_workflow_and_open_by_unit(
    ctx: Context, points: tuple[int, int]
) -> None:
    s = section(report(Period.month(2026, 3), today=TODAY).sections)
    found = {b.path: {c.label: c.count for c in b.items if c.count} for b in s.breakdowns}
    assert found["issues.environment"] == {"市场环境": 1, "政务环境": 1}
    assert found["issues"] == {"已交办": 1, "已反馈": 1, "逾期未落实": 1}
    assert found["open:issues.unit"] == {"县自然资源局": 1}
    assert found["method"] == {"走访": 2}


def test_stats_json_counts_the_observations(
    ctx: Context, points: tuple[int, int], db_path: Path, capsys: Any
) -> None:
    found = stats_json(db_path, capsys)
    assert found["observations"]["total"] == 4  # live ones, of every period
    assert found["observations"]["label"] == "营商环境监测记录"


def test_a_points_ratings_over_time(ctx: Context, points: tuple[int, int]) -> None:
    a, _b = points
    ((kind, link),) = rating_history.rated_through(POINT.name)
    history = rating_history.history(kind, link, a)
    assert [r.day for r in history.records] == [date(2024, 5, 15), date(2025, 11, 15),
                                                date(2026, 3, 2)]  # fmt: skip
    assert history.series(0) == [(date(2024, 5, 15), 1), (date(2025, 11, 15), 2),
                                 (date(2026, 3, 2), 4)]  # fmt: skip
    assert history.labels[3] == "法治环境" and history.series(3)[-1] == (date(2026, 3, 2), 2)
    year = rating_history.history(kind, link, a, start=date(2026, 1, 1), end=date(2027, 1, 1))
    assert year.means()[:2] == (4.0, 3.0) and year.means()[2] is None
