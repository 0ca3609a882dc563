"""The statistics page shows each programme's section (activities, consultations, contacts):
its count, its figures and a chart per breakdown, on an office screen."""

from __future__ import annotations

from typing import Any

import pytest

from studio_app.services.context import Context
from studio_app.ui.pages.statistics_page import StatisticsPage
from tests.services.test_programme_stats import month  # noqa: F401


@pytest.mark.usefixtures("month")
def test_the_page_shows_each_programmes_section(qtbot: Any, ctx: Context) -> None:
    page = StatisticsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.set_period("month", 2026, 3)
    panels = page.sections.panels
    assert list(panels) == ["activity", "consultation", "contact", "observation", "election"]
    activity = panels["activity"]
    assert activity.heading.text() == "委员活动：2"
    assert activity.figures.text() == "受益群众人数合计 80"
    assert activity.charts["kind"].title == "活动类型"
    attended = dict(activity.charts["attendance.attendance"].items)
    assert attended == {"出席": 2, "请假": 2, "缺席": 2}
    follow_ups = dict(activity.charts["follow_ups"].items)
    assert follow_ups["逾期"] == 2 and follow_ups["已完成"] == 1  # overdue as of today
    contact = panels["contact"]
    assert "联系的群众覆盖率 50.0%" in contact.figures.text()
    assert dict(contact.charts["channel"].items)["电话"] == 2
    page.part.setValue(5)  # May: nothing
    assert activity.heading.text() == "委员活动：0"
    assert page.grab().width() > 0
