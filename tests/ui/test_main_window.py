"""The main window builds its pages lazily: the desk and the visits page at once, the rest
when first shown or asked for."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QToolBar, QWidget

from studio_app.ui.main_window import MainWindow
from studio_app.ui.pages.trash_page import TrashPage
from tests.ui.conftest import AddVisits


def test_pages_are_built_when_first_shown(qtbot, window: MainWindow) -> None:
    assert set(window._built) == set()
    trash_row = [window.nav.item(i).text() for i in range(window.nav.count())].index("回收站")
    placeholder = window.stack.widget(trash_row)
    window.nav.setCurrentRow(trash_row)
    assert set(window._built) == {"trash"}
    assert isinstance(window.stack.currentWidget(), TrashPage)
    assert window.stack.widget(trash_row) is window.trash is not placeholder
    assert window.stack.count() == window.nav.count()


def test_asking_for_a_page_builds_it_in_its_place(qtbot, window: MainWindow) -> None:
    current = window.stack.currentIndex()
    members = window.members  # built on access, without switching to it
    assert window.stack.currentIndex() == current
    window.show_page(members)
    assert window.stack.currentWidget() is members
    assert window.nav.item(window.nav.currentRow()).text() == "委员"


def test_a_studio_window_keeps_its_desk_actions_and_columns(qtbot, window: MainWindow) -> None:
    """County mode changes nothing at a studio: its desk, "new" actions, no 工作室 column."""
    from studio_app.ui.models.visit_table import COLUMNS
    from studio_app.ui.pages.desk_page import DeskPage

    assert isinstance(window.desk, DeskPage) and not window.county
    assert window.new_actions["visit"].shortcut().toString() == "Ctrl+N"
    assert window.findChild(QToolBar, "mainToolbar") is not None
    assert window.visits.model.columnCount() == len(COLUMNS)
    assert window.visits.findChild(QWidget, "filter_studio") is None  # no studio filter shown
    assert not window.visits.new_button.isHidden()
    for page in (window.members, window.residents, window.kind_page("interview")):
        assert "studio" not in [c.key for c in page.model.columns]
        assert "studio" not in page.filter_widgets
        assert not page.new_button.isHidden() and not page.delete_button.isHidden()
    assert all(m.columns[-1].key != "studio" for m in window.trash.models.values())


def test_the_status_bar_counts_the_list_shown(
    qtbot: Any, window: MainWindow, add_visits: AddVisits
) -> None:
    add_visits(2)
    window.visits.model.reload()
    assert window.count_label.text() == ""  # the desk
    window.show_page(window.visits)
    assert window.count_label.text() == "共 2 条接待走访记录"
    members = window.kind_page("member")
    window.show_page(members)
    qtbot.waitUntil(lambda: "…" not in window.count_label.text())
    assert window.count_label.text() == f"共 {members.model.total} 名委员"
    window.show_page(window.statistics)
    assert window.count_label.text() == ""


def test_the_help_menu_lists_the_keys(qtbot: Any, window: MainWindow) -> None:
    from studio_app.ui.help_menu import KeysDialog

    keys = KeysDialog(window)
    qtbot.addWidget(keys)
    rows = {keys.table.item(r, 0).text(): keys.table.item(r, 1).text()
            for r in range(keys.table.rowCount())}  # fmt: skip
    assert rows["Ctrl+N"] == "新建来访" and rows["F9"] == "详情面板"
    assert "Alt+字母" in rows


def test_the_navigation_has_icons_and_the_visits_figures(
    qtbot: Any, window: MainWindow, add_visits: AddVisits
) -> None:
    from studio_app.ui.widgets.navigation import NAME_ROLE

    add_visits(6)  # visits 1 and 4 are referred, long overdue
    window.show_glances()
    assert window.nav.note("visits") == "在办 2 · 超期 2"
    for row in range(window.nav.count()):
        item = window.nav.item(row)
        assert not item.icon().isNull(), item.data(NAME_ROLE)
        assert not item.icon().pixmap(20, 20).toImage().isNull()
    window.visits.open_record(None).reject()
    assert window.nav.note("interview") == ""  # a kind that declares no figures


def test_the_ui_font_is_readable_chinese(qtbot: Any) -> None:
    from PySide6.QtWidgets import QApplication

    from studio_app.ui.app import UI_FAMILIES, install_font

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.font()
    try:
        font = install_font(app)
        assert font.pointSizeF() >= 10
        assert any(f in UI_FAMILIES for f in font.families())  # the CI machine has Noto CJK
    finally:
        app.setFont(before)
