"""The observations in charts: on the statistics page, the five environments' averages with
the weakest named, their averages by quarter, the open issues by unit; on the observation
points' page, a point's ratings over time in a dialog of their own."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QScrollArea

from studio_app.core import kinds
from studio_app.core.codes import CodeListKind
from studio_app.services import kind_records, site
from studio_app.services.context import Context
from studio_app.ui.dialogs.rating_history_dialog import RatingHistoryDialog
from studio_app.ui.main_window import MainWindow
from studio_app.ui.pages.kind_page import KindPage
from studio_app.ui.pages.statistics_page import StatisticsPage
from studio_app.ui.widgets.line_chart import LineChart
from studio_app.ui.widgets.score_chart import ScoreChart
from tests.services.test_observation_stats import observation
from tests.ui.test_english import chinese_left_in, declared_texts, english  # noqa: F401
from tests.ui.test_office_pc import assert_fits, office_screen  # noqa: F401

POINT, OBSERVATION = kinds.OBSERVATION_POINT, kinds.OBSERVATION
ENVIRONMENTS = ["服务环境", "市场环境", "政务环境", "法治环境", "舆论环境"]


@dataclass
class Points:
    precision: int  # observed twice
    tea: int  # observed once
    quiet: int  # never observed
    unit: str  # the label of the unit an open issue is assigned to
    serials: dict[int, str]  # the precision works' observations, oldest first


@pytest.fixture
def points(ctx: Context) -> Points:
    """Two observations in March 2026, one in November 2025; one issue still open."""
    a = kind_records.create(ctx, POINT, {"name": "石桥精密机械有限公司"}).id
    b = kind_records.create(ctx, POINT, {"name": "绿源茶业专业合作社"}).id
    c = kind_records.create(ctx, POINT, {"name": "石桥农家乐民宿"}).id
    (open_unit, open_label), (done_unit, _) = list(
        site.code_labels(CodeListKind.HANDLING_UNIT).items()
    )[:2]
    open_issue = {"item": "用地指标紧张", "environment": "government", "unit": open_unit,
                  "due": date(2026, 3, 20), "status": "assigned"}  # fmt: skip
    done = {"item": "融资难", "environment": "market", "unit": done_unit,
            "due": date(2026, 3, 20), "status": "fed_back", "result": "已对接银行"}  # fmt: skip
    march = observation(ctx, a, "2026-03-02", {"service": "4", "market": "3", "legal": "2",
                                           "opinion": "5"}, issues=[open_issue, done])  # fmt: skip
    observation(ctx, b, "2026-03-10", {"service": "5", "market": "2", "legal": "3", "opinion": "4"})
    november = observation(ctx, a, "2025-11-15", {"service": "2", "legal": "1"})
    serials = {i: kind_records.get(OBSERVATION, i).serial for i in (november, march)}
    return Points(a, b, c, open_label, serials)


def statistics_page(qtbot: Any, ctx: Context) -> StatisticsPage:
    page = StatisticsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.set_period("month", 2026, 3)
    return page


def test_the_averages_name_the_weakest_and_follow_the_quarters(
    qtbot: Any, ctx: Context, points: Points
) -> None:
    page = statistics_page(qtbot, ctx)
    panel = page.sections.panels[OBSERVATION.name]
    assert panel.heading.text() == "监测记录：2"
    assert isinstance(panel.means, ScoreChart) and isinstance(panel.trend, LineChart)
    assert panel.means.items == list(zip(ENVIRONMENTS, [4.5, 2.5, None, 2.5, 4.5], strict=True))
    assert panel.means.marked == 1  # 市场环境, the first of the lowest
    assert "市场环境 2.5" in panel.weakest.text() and panel.weakest.isVisible()
    trend = panel.trend
    assert len(trend.categories) == 8
    assert trend.categories[0].replace("\n", " ").count("2024") == 1  # Q2 2024 …
    assert "2026" in trend.categories[-1] and "1" in trend.categories[-1]  # … to Q1 2026
    assert [s.label for s in trend.series] == ENVIRONMENTS
    none = ["—"] * 6
    assert trend.text_rows() == [
        " ".join(["服务环境", *none, "2.0", "4.5"]),
        " ".join(["市场环境", *none, "—", "2.5"]),
        " ".join(["政务环境", *none, "—", "—"]),
        " ".join(["法治环境", *none, "1.0", "2.5"]),
        " ".join(["舆论环境", *none, "—", "4.5"]),
    ]
    assert "2.0" in trend.category_text(6) and "2025" in trend.category_text(6)
    scroll = page.findChild(QScrollArea)
    assert scroll is not None and scroll.horizontalScrollBar().maximum() == 0  # fits 1366
    assert page.grab().width() > 0

    page.part.setValue(5)  # May: nothing rated, the quarters up to then still shown
    assert panel.means.items == [(e, None) for e in ENVIRONMENTS] and panel.means.marked is None
    assert "2.5" not in panel.weakest.text()
    assert trend.text_rows()[0] == " ".join(["服务环境", *none[:5], "2.0", "4.5", "—"])


def test_the_open_issues_by_unit_and_the_issues_by_environment(
    qtbot: Any, ctx: Context, points: Points
) -> None:
    page = statistics_page(qtbot, ctx)
    charts = page.sections.panels[OBSERVATION.name].charts
    opened = charts["open:issues.unit"]
    assert opened.items == [(points.unit, 1)]  # the one fed back is not open
    assert "发现的问题" in opened.title and "交办单位" in opened.title
    by_environment = dict(charts["issues.environment"].items)
    assert by_environment["市场环境"] == 1 and by_environment["政务环境"] == 1
    assert dict(charts["method"].items)["走访"] == 2
    page.part.setValue(5)
    assert charts["open:issues.unit"].items == []


def points_page(window: MainWindow) -> KindPage:
    page = window.kind_page(POINT.name)
    assert isinstance(page, KindPage)
    window.show_page(page)
    page.model.reload()
    return page


def test_a_points_ratings_over_time(
    qtbot: Any,
    office_screen: QRect,  # noqa: F811
    window: MainWindow,
    points: Points,
) -> None:
    page = points_page(window)
    button = page.ratings_button
    assert button is not None and button.text() in ("评分走势……", "Ratings over time…")
    assert not button.isEnabled()  # nothing selected
    assert page.select_record(points.precision) and button.isEnabled()
    page.table.selectAll()
    assert not button.isEnabled()  # one point at a time
    page.select_record(points.precision)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = page.ratings_dialog
    assert isinstance(dialog, RatingHistoryDialog) and dialog.isVisible()
    assert "石桥精密机械有限公司" in dialog.windowTitle()
    assert_fits(dialog)
    older, newer = points.serials.values()
    assert dialog.rows() == [
        ["2025-11-15", older, "2", "", "", "1", ""],
        ["2026-03-02", newer, "4", "3", "", "2", "5"],
    ]
    assert dialog.means.items == list(zip(ENVIRONMENTS, [3.0, 3.0, None, 1.5, 5.0], strict=True))
    assert dialog.means.marked == 3  # 法治环境
    assert [c.title for c in dialog.charts] == ENVIRONMENTS
    service = dialog.charts[0]
    assert service.categories == ["2025-11-15", "2026-03-02"]
    assert service.text_rows() == ["服务环境 2.0 4.0"]
    assert dialog.charts[2].text_rows() == ["政务环境 — —"]
    assert "2025-11-15" in dialog.summary.text() and "2026-03-02" in dialog.summary.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.ratings_dialog is None)
    assert not dialog.isVisible()


def test_a_point_never_observed_says_so(qtbot: Any, window: MainWindow, points: Points) -> None:
    page = points_page(window)
    page.select_record(points.quiet)
    dialog = page.show_ratings()
    assert isinstance(dialog, RatingHistoryDialog)
    assert "石桥农家乐民宿" in dialog.summary.text()
    assert not dialog.table.isVisible() and not dialog.content.isVisible()
    assert dialog.rows() == []
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def test_only_kinds_rated_by_others_have_the_button(window: MainWindow) -> None:
    assert points_page(window).ratings_button is not None
    observations = window.kind_page(OBSERVATION.name)
    assert isinstance(observations, KindPage) and observations.ratings_button is None


def chart_texts(*charts: LineChart | ScoreChart) -> list[str]:
    """What the charts say: titles, labels, categories, legends."""
    found: list[str] = []
    for chart in charts:
        found.append(chart.title)
        if isinstance(chart, LineChart):
            found += [*chart.categories, *(s.label for s in chart.series)]
        else:
            found += [label for label, _ in chart.items]
    return found


def test_in_english_only_data_and_declared_texts_are_chinese(
    qtbot: Any,
    english: None,  # noqa: F811
    window: MainWindow,
    ctx: Context,
    points: Points,
) -> None:
    data = [*declared_texts(OBSERVATION), *declared_texts(POINT), points.unit,
            "石桥精密机械有限公司", "石桥农家乐民宿", "发现的问题", "交办单位"]  # fmt: skip
    data.sort(key=len, reverse=True)
    page = statistics_page(qtbot, ctx)
    panel = page.sections.panels[OBSERVATION.name]
    assert panel.means is not None and panel.trend is not None
    assert panel.trend.categories[-1] == "Q1\n2026"
    assert panel.weakest.text().startswith("Lowest: ")
    texts = [*chart_texts(panel.means, panel.trend), panel.weakest.text()]
    texts += [c.title for c in panel.charts.values()]
    assert chinese_left_in(texts, data) == []
    points_list = points_page(window)
    assert points_list.ratings_button is not None
    assert points_list.ratings_button.text() == "Ratings over time…"
    for point in (points.precision, points.quiet):
        points_list.select_record(point)
        dialog = points_list.show_ratings()
        assert isinstance(dialog, RatingHistoryDialog)
        texts = [dialog.windowTitle(), dialog.summary.text(), *chart_texts(*dialog.charts)]
        texts += chart_texts(dialog.means)
        texts += [dialog.table.horizontalHeaderItem(c).text() for c in range(7)]  # type: ignore[union-attr]
        assert chinese_left_in(texts, data) == [], point
        dialog.reject()
