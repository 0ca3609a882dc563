"""Merging two residents from the residents page, and undoing it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelectionModel

from studio_app.services import residents
from studio_app.ui.dialogs import resident_merge_dialog
from studio_app.ui.dialogs.resident_merge_dialog import ResidentMergeDialog
from studio_app.ui.main_window import MainWindow
from tests.ui.conftest import AddVisits, Answers, People


def _select(page, ids: list[int]) -> None:  # type: ignore[no-untyped-def]
    page.table.clearSelection()
    for record_id in ids:
        index = page.model.index(page.model.row_of(record_id), 0)
        page.table.selectionModel().select(
            index,
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
        page.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.NoUpdate
        )


def test_merge_preview_merge_and_undo(
    qtbot,
    window: MainWindow,
    people: People,
    add_visits: AddVisits,
    answers: Answers,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_visits(6)
    page = window.residents
    zhang, li = people.residents["张三"], people.residents["李四"]
    dialog = ResidentMergeDialog(page.ctx, zhang, li, page)
    qtbot.addWidget(dialog)
    assert dialog.kept() == zhang and "“李四”" in dialog.preview_label.text()
    assert dialog.preview_label.text().count("JD-") == 3
    dialog.choices[1].setChecked(True)
    assert dialog.kept() == li and "“张三”" in dialog.preview_label.text()

    _select(page, [zhang])
    assert not page.merge_selected() and "两个" in answers.errors[-1]
    monkeypatch.setattr(resident_merge_dialog, "choose_kept", lambda *_a: (zhang, li))
    _select(page, [zhang, li])
    assert page.merge_selected()
    assert residents.get(li).deleted_at is not None and page.model.total == 1
    assert page.selected_id() == zhang and page.undo_merge_button.isEnabled()
    assert page.history.total == 6

    monkeypatch.setattr(resident_merge_dialog, "confirm_undo", lambda *_a: True)
    assert page.undo_merge()
    assert residents.get(li).deleted_at is None and page.model.total == 2
    assert page.history.total == 3 and not page.undo_merge_button.isEnabled()
