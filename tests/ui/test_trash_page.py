"""Deleting from the lists (after a question) and restoring from the trash."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from studio_app.services import interviews, visits
from studio_app.storage.models import Visit
from studio_app.ui.main_window import MainWindow
from studio_app.ui.widgets import confirm
from tests.ui.conftest import AddVisits, People
from tests.ui.test_lister_table_model import make_interviews


def test_delete_a_visit_then_restore_it(
    qtbot, window: MainWindow, add_visits: AddVisits, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = add_visits(3)
    monkeypatch.setattr(confirm, "confirm_delete", lambda _p, _what: True)
    window.show_page(window.visits)
    window.visits.model.reload()
    window.visits.table.setFocus()
    window.visits.table.setCurrentIndex(window.visits.model.index(0, 0))
    qtbot.keyClick(window.visits.table, Qt.Key.Key_Delete)
    assert window.visits.model.total == 2
    assert Visit.get_by_id(ids[2]).deleted_at is not None

    window.show_page(window.trash)
    trash = window.trash
    assert trash.model.total == 1 and trash.count_label.text() == "已删除 1 条"
    assert trash.model.index(0, 0).data() == visits.get(ids[2]).serial
    trash.table.setFocus()
    trash.table.selectRow(0)
    qtbot.keyClick(trash.table, Qt.Key.Key_Return)
    assert Visit.get_by_id(ids[2]).deleted_at is None
    assert trash.model.total == 0 and window.visits.model.total == 3


def test_trash_lists_each_kind(
    qtbot, window: MainWindow, ctx, people: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = make_interviews(ctx, people, 2)
    interviews.delete(ctx, ids[0])
    trash = window.trash
    trash.kind.setCurrentIndex(trash.kind.findData("interview"))
    assert trash.model.total == 1 and trash.model.record_id(0) == ids[0]
    trash.table.selectRow(0)
    assert trash.restore_selected() == 1
    assert interviews.get(ids[0]).deleted_at is None
    assert window.kind_page("interview").model.total == 2
    trash.kind.setCurrentIndex(trash.kind.findData("resident"))
    trash.search.setText("张")
    trash.refresh()
    assert trash.model.total == 0
