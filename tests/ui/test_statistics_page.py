"""The statistics page: the chosen period's report as a summary, bar charts and a table."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from studio_app.services.context import Context
from studio_app.ui.pages.statistics_page import StatisticsPage
from tests.conftest import fixed_clock
from tests.services import county_scenario as scenario
from tests.services.county_scenario import DAZ_NAME, SQZ_NAME, Worked
from tests.ui.conftest import AddVisits

studio, county, out, worked = scenario.studio, scenario.county, scenario.out, scenario.worked


def test_period_choice_shows_the_report(qtbot, ctx: Context, add_visits: AddVisits) -> None:
    add_visits(6, start=datetime(2026, 3, 2, 9, 0))  # visits 1 and 4 referred
    page = StatisticsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.set_period("month", 2026, 3)
    assert page.report is not None and page.report.period.label == "2026年3月"
    assert page.county_work is None  # a studio's page has no county tab
    assert page.summary.text().startswith("2026年3月：接待走访 6 件，办结 4 件")
    # The same terms as the printed report: the rate is over referrals already due.
    due = "转有关部门办理 2 件，其中已到期 2 件，按期反馈 0 件（按期率 0.0%）"
    assert due in page.summary.text()
    channels = page.charts["channel"].text_rows()
    assert channels[0] == "坐班接待 2" and len(channels) == 5
    assert sum(int(r.split()[-1]) for r in page.charts["category"].text_rows()) == 6
    assert page.members.rowCount() == 3 and page.members.item(0, 2).text() == "2"
    page.part.setValue(4)  # April: nothing
    assert page.report.visits == 0 and page.members.rowCount() == 0
    page.span.setCurrentIndex(page.span.findData("quarter"))
    assert page.part.maximum() == 4 and page.report.period.label == "2026年第4季度"
    page.span.setCurrentIndex(page.span.findData("year"))
    assert page.part.isHidden() and page.report.visits == 6
    assert page.grab().width() > 0  # paints


def test_county_page_shows_the_county_work_tables(qtbot, worked: Worked) -> None:
    ctx = replace(worked.county.ctx, clock=fixed_clock(datetime(2026, 8, 1, 10, 0)))
    page = StatisticsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.set_period("year", 2026)
    panel = page.county_work
    assert panel is not None and page.tabs.count() == 2
    page.tabs.setCurrentWidget(panel)
    assert panel.summary.text().startswith("2026年")
    assert "7" in panel.summary.text() and "50.0%" in panel.summary.text()
    # studio, submitted, not reviewed, accepted, assigned, replied, due, on time, overdue,
    # on-time rate, A, B, C
    assert panel.text_rows("studios") == [
        [DAZ_NAME, "3", "1", "2", "2", "1", "1", "1", "0", "100.0%", "0", "0", "1"],
        [SQZ_NAME, "4", "0", "3", "3", "2", "3", "1", "1", "33.3%", "1", "1", "0"],
        [panel.tr("County total"), "7", "1", "5", "5", "3", "4", "2", "1", "50.0%", "1", "1", "1"],
    ]
    # kind, submitted, accepted, rejected, merged, converted, returned, not reviewed
    results = panel.text_rows("results")
    assert [r[1:] for r in results] == [
        ["2", "2", "0", "0", "0", "0", "0"],
        ["3", "3", "0", "0", "0", "0", "0"],
        ["1", "0", "1", "0", "0", "0", "0"],
        ["1", "0", "0", "0", "0", "0", "1"],
        ["7", "5", "1", "0", "0", "0", "1"],
    ]
    assert results[0][0] == "提案" and results[3][0] == "百字金点子"
    units = panel.text_rows("units")
    assert [r[0] for r in units] == ["县住建局", "县交通运输局", "县教育局"]
    assert units[0][1:7] == ["3", "1", "2", "1", "1", "50.0%"]
    assert units[0][-3:] == ["1", "0", "0"]  # the A reply's member was satisfied
    # studio, 社情民意, county, city, province, national, adopted, rate, evaluations, rate
    adoption = panel.text_rows("adoption")
    assert adoption[1][:8] == [SQZ_NAME, "2", "1", "1", "0", "0", "2", "100.0%"]
    assert adoption[1][8:] == ["1", "0", "1", "50.0%"]
    assert adoption[2][1:8] == ["3", "1", "1", "1", "0", "3", "100.0%"]
    page.set_period("year", 2025)
    assert [r[0] for r in panel.text_rows("studios")] == [DAZ_NAME, panel.tr("County total")]
    page.set_period("year", 2026)
    assert panel.grab().width() > 0  # paints
