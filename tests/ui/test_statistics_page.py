"""The statistics page: the chosen period's report as a summary, bar charts and a table."""

from __future__ import annotations

from datetime import datetime

from studio_app.services.context import Context
from studio_app.ui.pages.statistics_page import StatisticsPage
from tests.ui.conftest import AddVisits


def test_period_choice_shows_the_report(qtbot, ctx: Context, add_visits: AddVisits) -> None:
    add_visits(6, start=datetime(2026, 3, 2, 9, 0))  # visits 1 and 4 referred
    page = StatisticsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.set_period("month", 2026, 3)
    assert page.report is not None and page.report.period.label == "2026年3月"
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
