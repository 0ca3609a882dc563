"""Reporting points in the GUI: the visit dialog asks for the point only for a visit through
one (直报点), refuses to save without it and keeps it; a point's page counts its visits by
month and category for the year chosen; a visit saved with another channel names none."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt

from studio_app.core import kinds
from studio_app.services import kind_records, visits
from studio_app.services.context import Context
from studio_app.ui.dialogs.named_counts_dialog import NamedCountsDialog
from studio_app.ui.dialogs.visit_dialog import VisitDialog
from studio_app.ui.main_window import MainWindow
from studio_app.ui.pages.kind_page import KindPage
from tests.ui.conftest import AddVisits, Answers, People, fields_of, type_text
from tests.ui.test_visit_dialog import choose, fill_minimum

POINT = kinds.REPORTING_POINT


def test_the_visit_dialog_asks_for_the_point_of_a_visit_through_one(
    qtbot: Any, ctx: Context, window: MainWindow, people: People, answers: Answers
) -> None:
    kind_records.create(ctx, POINT, {"name": "东岙村社情民意直报点"})
    dialog = window.visits.open_record(None)
    assert isinstance(dialog, VisitDialog)
    form = fields_of(dialog)
    assert not dialog.rows["reporting_point"].isVisibleTo(dialog)  # 坐班接待: no point
    fill_minimum(qtbot, dialog)
    choose(form.channel, "直报点")
    assert dialog.rows["reporting_point"].isVisibleTo(dialog)
    dialog.save()
    assert dialog.isVisible() and "直报点" in dialog.error_of("reporting_point")
    choose(form.reporting_point, "东岙村社情民意直报点")
    dialog.save()
    assert not dialog.isVisible() and answers.errors == []
    saved = visits.values_of(visits.get(dialog.saved_id))
    assert saved["channel"] == "reporting_point" and saved["reporting_point"] is not None

    again = window.visits.open_record(dialog.saved_id)  # opened and saved unchanged
    assert fields_of(again).reporting_point.currentText() == "东岙村社情民意直报点"
    rev = visits.get(dialog.saved_id).rev
    again.save()
    assert visits.get(dialog.saved_id).rev == rev


def test_a_points_visits_by_month(
    qtbot: Any, ctx: Context, window: MainWindow, add_visits: AddVisits
) -> None:
    point = int(kind_records.create(ctx, POINT, {"name": "东岙村社情民意直报点"}).id)
    start = (ctx.now_local() - timedelta(days=40)).replace(hour=9, minute=0)
    add_visits(3, start=start, channel="reporting_point", reporting_point=point, category="02")
    page = window.kind_page(POINT.name)
    assert isinstance(page, KindPage)
    window.show_page(page)
    assert page.counts_button is not None and not page.counts_button.isEnabled()
    page.table.selectRow(0)
    assert page.counts_button.isEnabled()
    dialog = page.show_counts()
    assert isinstance(dialog, NamedCountsDialog)
    dialog.year.setValue(start.year)
    table = dialog.table
    month = start.month - 1  # three visits an hour apart: all in the month they started
    assert table.item(0, month).text() == "3" and table.item(0, 12).text() == "3"
    assert table.verticalHeaderItem(table.rowCount() - 1).text() == "合计"
    assert "3" in dialog.total.text()
    dialog.year.setValue(start.year - 1)  # another year: nothing
    assert dialog.table.rowCount() == 1 and "0" in dialog.total.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    type_text(page.search, "西岙")  # nothing selected: nothing to count
    qtbot.waitUntil(lambda: page.model.total == 0)
    assert not page.counts_button.isEnabled()
