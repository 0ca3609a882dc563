"""The main window builds its pages lazily: the desk and the visits page at once, the rest
when first shown or asked for."""

from __future__ import annotations

from studio_app.ui.main_window import MainWindow
from studio_app.ui.pages.trash_page import TrashPage


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
