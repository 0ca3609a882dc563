"""The statistics report: numbers from statistics.report(), tables, charts, county mode."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from studio_app.reports import monthly_report
from studio_app.services.context import Context
from studio_app.services.statistics import Period, report
from studio_app.storage.models import Site, Visit
from tests.conftest import fixed_clock
from tests.reports import pdf
from tests.services.helpers import visit

pytestmark = pdf.needs_poppler

MARCH = Period.month(2026, 3)


def test_studio_report_shows_the_statistics_of_the_period(
    march: Context, referred_visit: Visit, tmp_path: Path
) -> None:
    visit(march, occurred_at="2026-03-10 09:00", handling="explained")
    out = tmp_path / "r.pdf"
    result = monthly_report.render(march, MARCH, out)
    assert result.pages == pdf.pages(out) >= 2
    text = pdf.flat(out)
    stats = report(MARCH)
    assert stats.visits == 2
    for value in (
        "石桥镇政协委员工作室履职统计报表",
        "统计期间：2026年3月（2026年3月1日至2026年3月31日）",
        "本期共接待走访群众2件，已办结2件，办结率100.0%",
        "其中已到期1件，按期反馈1件，按期率100.0%",
        "按问题类别", "按接待方式", "按处理方式", "按办理状态", "满意度", "按村（社区）",
        "委员履职情况", "王建国", "农业界", "提案与社情民意",
        "入户走访", "解释疏导", "东岙村",
    ):  # fmt: skip
        assert value in text, value
    assert [f["emb"] for f in pdf.fonts(out)] == ["yes"] * len(pdf.fonts(out))


def test_empty_period_prints_zeros(march: Context, tmp_path: Path) -> None:
    out = tmp_path / "empty.pdf"
    monthly_report.render(march, Period.month(2025, 1), out)
    text = pdf.flat(out)
    assert "接待走访群众0件" in text and "本期无数据" in text and "—" in text


def test_county_mode_has_one_section_per_studio_and_the_total(
    march: Context, referred_visit: Visit, tmp_path: Path
) -> None:
    other = Site.create(
        uuid=str(uuid.uuid4()), kind="studio", name="大岙镇政协委员工作室", code="DAZ",
        created_at=datetime(2026, 1, 1),
    )  # fmt: skip
    there = replace(
        march, site_uuid=other.uuid, site_code="DAZ", clock=fixed_clock(datetime(2026, 3, 31))
    )
    visit(there, occurred_at="2026-03-15 09:00")
    out = tmp_path / "county.pdf"
    result = monthly_report.render(march, MARCH, out, county=True)
    assert result.records == 3
    text = pdf.flat(out)
    assert "平阳县委员工作室履职统计报表" in text and "各工作室概况" in text
    first, second, total = (
        text.index("大岙镇政协委员工作室一、"),
        text.index("石桥镇政协委员工作室一、"),
        text.index("全县合计一、"),
    )
    assert first < second < total


def test_chart_axis_steps_are_whole_numbers() -> None:
    from studio_app.reports.charts import nice_step

    assert [nice_step(n) for n in (1, 2, 4, 9, 23, 160, 36_000)] == [1, 1, 1, 2, 5, 50, 10_000]
