"""The member and resident dialogs open as tall as their form, and nothing on it moves when an
inline error or the duplicate suggestions appear."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QScrollArea, QWidget

from studio_app.services.context import Context
from studio_app.ui.dialogs.person_dialogs import MemberDialog, ResidentDialog
from studio_app.ui.dialogs.record_dialog import RecordDialog
from tests.ui.conftest import People, type_text


def opened(qtbot: Any, dialog: RecordDialog) -> RecordDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def places(dialog: RecordDialog) -> dict[str, int]:
    """Where each row's editor is, in the dialog."""
    return {k: row.editor.mapTo(dialog, row.editor.rect().topLeft()).y() for k, row in
            dialog.rows.items()}  # fmt: skip


def scroll_of(dialog: RecordDialog) -> QScrollArea:
    scroll = dialog.findChild(QScrollArea)
    assert scroll is not None
    return scroll


def slack(dialog: RecordDialog) -> int:
    """Height of the form's area left empty below its content."""
    return scroll_of(dialog).viewport().height() - dialog.form_widget.sizeHint().height()


def scrolls(dialog: RecordDialog) -> bool:
    return scroll_of(dialog).verticalScrollBar().isVisible()


def bottom_of(widget: QWidget, dialog: RecordDialog) -> int:
    return widget.mapTo(dialog, widget.rect().bottomLeft()).y()


def test_a_new_resident_dialog_is_as_tall_as_its_form(qtbot: Any, ctx: Context) -> None:
    dialog = opened(qtbot, ResidentDialog(ctx))
    assert 0 <= slack(dialog) <= 4 and not scrolls(dialog)
    # What is empty below the last row is the room kept for the duplicate suggestions.
    last = bottom_of(dialog.rows["contact_member"], dialog)
    room = bottom_of(dialog.suggestions, dialog) - last
    assert room < dialog.height() // 4  # not half empty any more
    assert dialog.suggestions.isHidden()


def test_errors_and_suggestions_appear_without_moving_the_rows(
    qtbot: Any, ctx: Context, people: People
) -> None:
    dialog = opened(qtbot, ResidentDialog(ctx))
    before, size = places(dialog), dialog.size()
    type_text(dialog.edits["phone"], "12345")
    dialog.edits["phone"].editingFinished.emit()  # focus leaves the box
    assert dialog.error_of("phone") != ""
    dialog.save()  # no name: refused, its message under the box
    assert dialog.error_of("name") != "" and dialog.isVisible()
    assert places(dialog) == before and dialog.size() == size and not scrolls(dialog)
    type_text(dialog.edits["name"], "张三")  # a resident of that name is registered
    assert dialog.suggestions.isVisibleTo(dialog) and dialog.suggestions.count() == 1
    assert places(dialog) == before and dialog.size() == size and not scrolls(dialog)
    assert bottom_of(dialog.suggestions, dialog) <= scroll_of(dialog).geometry().bottom()


def test_a_registered_resident_keeps_no_room_for_suggestions(
    qtbot: Any, ctx: Context, people: People
) -> None:
    new = opened(qtbot, ResidentDialog(ctx))
    edit = opened(qtbot, ResidentDialog(ctx, people.residents["张三"]))
    assert edit.edits["name"].text() == "张三"
    assert edit.height() < new.height() and 0 <= slack(edit) <= 4 and not scrolls(edit)


def test_the_member_dialog_fits_its_form_and_keeps_still(qtbot: Any, ctx: Context) -> None:
    dialog = opened(qtbot, MemberDialog(ctx))
    assert 0 <= slack(dialog) <= 4 and not scrolls(dialog)
    before, size = places(dialog), dialog.size()
    dialog.save()
    assert dialog.error_of("name") != ""
    assert places(dialog) == before and dialog.size() == size and not scrolls(dialog)
