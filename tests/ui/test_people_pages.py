"""Members and residents: create/edit with inline validation, duplicate suggestions,
each resident's visit history."""

from __future__ import annotations

from PySide6.QtCore import Qt

from studio_app.storage.models import Member, Resident
from studio_app.ui.dialogs.person_dialogs import MemberDialog, ResidentDialog
from studio_app.ui.main_window import MainWindow
from tests.ui.conftest import AddVisits, People, type_text


def test_new_member_with_inline_phone_check(qtbot, window: MainWindow, people: People) -> None:
    page = window.members
    page.model.reload()
    assert [page.model.index(r, 0).data() for r in range(3)] == ["李梅", "王建国", "陈志强"]
    dialog = page.open_record(None)
    assert isinstance(dialog, MemberDialog) and dialog.windowTitle() == "新增委员"
    type_text(dialog.edits["name"], "赵丽华")
    dialog.edits["phone"].setFocus()
    type_text(dialog.edits["phone"], "12345")
    dialog.edits["phone"].editingFinished.emit()  # focus leaves the box
    assert dialog.error_of("phone") != ""
    dialog.save()
    assert dialog.isVisible() and Member.select().count() == 3
    dialog.edits["phone"].setText("13512345678")
    dialog.is_standing.setChecked(True)
    dialog.save()
    assert not dialog.isVisible()
    row = Member.get(Member.name == "赵丽华")
    assert row.phone == "13512345678" and row.is_standing and row.active
    assert page.model.total == 4 and page.selected_id() == row.id
    type_text(page.search, "赵")
    page.apply_query()
    assert page.model.total == 1


def test_new_resident_offers_likely_duplicates(qtbot, window: MainWindow, people: People) -> None:
    page = window.residents
    dialog = page.open_record(None)
    assert isinstance(dialog, ResidentDialog)
    assert dialog.suggestions.isHidden()
    type_text(dialog.edits["phone"], "13800001111")
    assert dialog.suggestions.isVisibleTo(dialog) and dialog.suggestions.count() == 1
    assert "电话相同" in dialog.suggestions.item(0).text()
    dialog.suggestions.itemActivated.emit(dialog.suggestions.item(0))  # edit that person
    assert dialog.record_id == people.residents["张三"]
    assert dialog.edits["name"].text() == "张三" and dialog.windowTitle() == "群众 张三"
    dialog.edits["village"].setText("南村")
    dialog.save()
    assert Resident.get_by_id(people.residents["张三"]).village == "南村"
    assert Resident.select().count() == 2


def test_resident_id_number_checked_inline(qtbot, window: MainWindow) -> None:
    dialog = window.residents.open_record(None)
    type_text(dialog.edits["name"], "孙七")
    type_text(dialog.edits["id_number"], "110105194912310021")  # bad check digit
    dialog.edits["id_number"].editingFinished.emit()
    assert dialog.error_of("id_number") != ""
    dialog.save()
    assert dialog.isVisible() and Resident.select().count() == 0
    dialog.edits["id_number"].clear()
    dialog.save()
    assert Resident.get().name == "孙七"


def test_resident_page_shows_the_visit_history(
    qtbot, window: MainWindow, add_visits: AddVisits, people: People
) -> None:
    add_visits(5)  # residents alternate: 张三 0, 2, 4; 李四 1, 3
    page = window.residents
    page.model.reload()
    row = page.model.row_of(people.residents["李四"])
    page.table.setCurrentIndex(page.model.index(row, 0))
    assert page.history.total == 2
    assert {page.history.index(r, 4).data() for r in range(2)} == {"李四"}
    page.history_table.setFocus()
    page.history_table.setCurrentIndex(page.history.index(0, 0))
    qtbot.keyClick(page.history_table, Qt.Key.Key_Return)
    assert window.visits.dialog is not None
    assert window.visits.dialog.record_id == page.history.visit_id(0)
    window.visits.dialog.reject()
