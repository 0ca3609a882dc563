"""Remembered state: typed settings in the data directory, window, columns, filters."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from studio_app.ui import settings as opt
from studio_app.ui.app import build_main_window
from studio_app.ui.models.visit_table import COLUMNS
from studio_app.ui.settings import Settings
from studio_app.ui.widgets.combos import combo_code
from studio_app.workspace import Workspace
from tests.ui.conftest import AddVisits


def test_typed_options_round_trip_through_the_ini_file(tmp_path: Path) -> None:
    first = Settings.in_data_dir(tmp_path)
    assert first.get(opt.VISITS_DESCENDING) is True and first.get(opt.MAIN_GEOMETRY) == b""
    first.set(opt.VISITS_DESCENDING, False)
    first.set(opt.MAIN_GEOMETRY, b"\x00\x01geometry")
    first.set(opt.VISITS_FILTERS, {"status": "referred", "overdue": True})
    first.set(opt.VISITS_SEARCH, "路灯")
    first.sync()
    again = Settings(tmp_path / "settings.ini")
    assert again.get(opt.VISITS_DESCENDING) is False
    assert again.get(opt.MAIN_GEOMETRY) == b"\x00\x01geometry"
    assert again.get(opt.VISITS_FILTERS) == {"status": "referred", "overdue": True}
    assert again.get(opt.VISITS_SEARCH) == "路灯"
    assert "[visits]" in (tmp_path / "settings.ini").read_text(encoding="utf-8")


def test_a_damaged_value_reads_as_the_default(tmp_path: Path) -> None:
    (tmp_path / "settings.ini").write_text("[visits]\nfilters=not json{\n", encoding="utf-8")
    assert Settings.in_data_dir(tmp_path).get(opt.VISITS_FILTERS) == {}


def test_settings_of_an_older_version_are_upgraded_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    Settings.in_data_dir(tmp_path).sync()  # written as version 1
    ran: list[int] = []

    def to_2(raw: QSettings) -> None:
        ran.append(2)
        raw.setValue("visits/search", "upgraded")

    monkeypatch.setitem(opt.UPGRADES, 2, to_2)
    upgraded = Settings.in_data_dir(tmp_path)
    assert ran == [2] and upgraded.get(opt.VISITS_SEARCH) == "upgraded"
    assert upgraded.raw.value(opt.VERSION_KEY) in (2, "2")
    Settings.in_data_dir(tmp_path)
    assert ran == [2]


def test_the_window_comes_back_as_it_was_left(
    qtbot, workspace: Workspace, add_visits: AddVisits
) -> None:
    add_visits(12)
    window = build_main_window(workspace)
    qtbot.addWidget(window)
    window.show()
    window.resize(window.minimumSizeHint().width(), 640)  # the offscreen screen is small
    page = window.visits
    header = page.table.horizontalHeader()
    header.resizeSection(COLUMNS.index("channel"), 171)
    header.moveSection(COLUMNS.index("status"), 1)
    page.model.sort(COLUMNS.index("serial"), Qt.SortOrder.AscendingOrder)
    page.filter_widgets["overdue"].setChecked(True)
    page.filter_widgets["date_from"].set_value(date(2020, 1, 2))
    page.filter_widgets["channel"].setCurrentIndex(2)
    channel = combo_code(page.filter_widgets["channel"])
    page.search.setText("水渠")
    page.apply_query()
    query = page.model.query
    window.close()

    again = build_main_window(workspace)
    qtbot.addWidget(again)
    again.show()
    page = again.visits
    header = page.table.horizontalHeader()
    assert again.height() == 640
    assert header.sectionSize(COLUMNS.index("channel")) == 171
    assert header.visualIndex(COLUMNS.index("status")) == 1
    assert page.search.text() == "水渠"
    assert (
        combo_code(page.filter_widgets["channel"]) == channel
        and page.filter_widgets["overdue"].isChecked()
    )
    assert page.filter_widgets["date_from"].value() == date(2020, 1, 2)
    assert page.model.query == query
    assert header.sortIndicatorSection() == COLUMNS.index("serial")
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    assert (workspace.data_dir.root / "settings.ini").exists()
