"""Consultations (协商议事) end to end in the GUI: started from selected visits (各方意见 and
参加委员 filled in from them), the outcome list typed in its table, listed and linked both
ways in the detail panels; 办结 refused while an item is open, then taken once every item
is done, and reopened — by the mouse and by the keyboard, on a 1366×768 screen."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from PySide6.QtCore import QDate, QItemSelectionModel, QRect, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPlainTextEdit

from studio_app.core import kinds
from studio_app.services import kind_records, origins, visits
from studio_app.storage.models import AuditEntry
from studio_app.ui.dialogs.kind_dialog import KindDialog
from studio_app.ui.main_window import MainWindow
from studio_app.ui.pages.kind_page import KindPage
from studio_app.ui.widgets.member_picker import MemberPicker
from studio_app.ui.widgets.rows_edit import CellDate, RowsEdit
from tests.ui.conftest import CONTENTS, AddVisits, Answers, People, fields_of, type_text
from tests.ui.test_office_pc import alt, assert_fits, office_screen  # noqa: F401

CONSULTATION = kinds.CONSULTATION
ITEM, UNIT, DUE, STATUS, DONE_ON, NOTE = range(6)
KIND, NAME, HEADCOUNT = range(3)
VISITED = datetime(2026, 3, 2, 9, 0)


def select_visits(window: MainWindow, rows: list[int]) -> None:
    table, model = window.visits.table, window.visits.model
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    table.clearSelection()
    for row in rows:
        table.selectionModel().select(model.index(row, 0), flags)


def page_of(window: MainWindow) -> KindPage:
    page = window.kind_page(CONSULTATION.name)
    assert isinstance(page, KindPage)
    return page


def focused() -> Any:
    return QApplication.focusWidget()


def edit_cell(qtbot: Any, table: RowsEdit, row: int, column: int) -> Any:
    """Enter on a cell: its editor, focused."""
    if not table.window().isActiveWindow():
        table.window().activateWindow()
        qtbot.waitUntil(table.window().isActiveWindow)
    table.table.setFocus()
    table.table.setCurrentCell(row, column)
    qtbot.keyClick(table.table, Qt.Key.Key_Return)
    return focused()


def keep(qtbot: Any, table: RowsEdit) -> None:
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.delegate.editing is None)


def choose(qtbot: Any, table: RowsEdit, row: int, column: int, text: str) -> None:
    combo = edit_cell(qtbot, table, row, column)
    assert isinstance(combo, QComboBox), combo
    found = combo.findText(text)
    assert found >= 0, (text, [combo.itemText(i) for i in range(combo.count())])
    combo.setCurrentIndex(found)
    keep(qtbot, table)


def set_day(qtbot: Any, table: RowsEdit, row: int, column: int, day: date) -> None:
    edit = edit_cell(qtbot, table, row, column)
    assert isinstance(edit, CellDate)
    edit.setDate(QDate(day.year, day.month, day.day))
    keep(qtbot, table)


def add_item(qtbot: Any, table: RowsEdit, item: str, unit: str, due: date) -> int:
    """A new row of the outcome list, typed in: its item, unit and date."""
    table.add_button.click()  # adds a row and edits its first cell
    row = table.table.rowCount() - 1
    assert isinstance(focused(), QLineEdit)
    type_text(focused(), item)
    keep(qtbot, table)
    choose(qtbot, table, row, UNIT, unit)
    set_day(qtbot, table, row, DUE, due)
    return row


@pytest.fixture
def grown(
    qtbot: Any, window: MainWindow, add_visits: AddVisits, people: People, answers: Answers
) -> tuple[KindDialog, list[int]]:
    """The new-consultation dialog, started from the two older of three visits."""
    ids = add_visits(3, start=VISITED, handling="to_consultation", referred_unit="")
    window.show_page(window.visits)
    window.visits.model.reload()
    select_visits(window, [1, 2])  # newest first: visits ids[1] and ids[0]
    button = window.visits.grow_buttons[CONSULTATION.name]
    assert button.text() == "纳入协商议题……"
    button.click()
    page = page_of(window)
    assert window.stack.currentWidget() is page
    dialog = page.dialog
    assert isinstance(dialog, KindDialog) and dialog.windowTitle() == "新建协商议事"
    return dialog, ids


def test_a_consultation_grows_from_visits_and_is_carried_out(
    qtbot: Any,
    window: MainWindow,
    people: People,
    answers: Answers,
    grown: tuple[KindDialog, list[int]],
) -> None:
    dialog, ids = grown
    form = fields_of(dialog)
    # 各方意见 starts with the visits' content, each dated, in the list's order (newest
    # first, as a proposal's facts); 参加委员 with their members
    assert form.positions.toPlainText().splitlines() == [
        f"2026-03-02：{CONTENTS[1]}（1）", f"2026-03-02：{CONTENTS[0]}（0）"
    ]  # fmt: skip
    picker = form.members
    assert isinstance(picker, MemberPicker)
    assert picker.selected_ids() == [people.members["李梅"], people.members["王建国"]]

    type_text(form.topic, "村口路灯和水渠整治")
    assert form.source.currentText() == "来访转入"  # set by growing from visits
    form.format.setCurrentIndex(form.format.findText("议事会"))
    type_text(form.place, "委员工作室")
    type_text(form.chair, "王建国")
    participants, outcomes = dialog.tables()
    participants.add_button.click()
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)  # the kind is a choice: chosen below
    choose(qtbot, participants, 0, KIND, "部门")
    name = edit_cell(qtbot, participants, 0, NAME)
    type_text(name, "镇人民政府")
    keep(qtbot, participants)
    spin = edit_cell(qtbot, participants, 0, HEADCOUNT)
    spin.setValue(2)
    keep(qtbot, participants)
    type_text(form.agreed_points, "一是修复村口路灯；二是清理水渠。")
    form.outcome_kind.setCurrentIndex(form.outcome_kind.findText("纪要"))
    add_item(qtbot, outcomes, "修复村口路灯", "县供电公司", date(2026, 4, 30))
    add_item(qtbot, outcomes, "清理水渠淤泥", "县水利局", date(2026, 5, 31))
    dialog.save()
    assert not dialog.isVisible() and answers.errors == []

    page = page_of(window)
    qtbot.waitUntil(lambda: page.model.total == 1)
    record_id = page.model.record_id(0)
    record = kind_records.get(CONSULTATION, record_id)
    assert record.serial.startswith("XS-") and record.status == "open"
    assert record.topic == "村口路灯和水渠整治" and record.source == "from_visits"
    saved = kind_records.values(CONSULTATION, record_id)
    assert saved["participants"] == [{"kind": "department", "name": "镇人民政府", "headcount": 2}]
    assert [(o["item"], o["due"]) for o in saved["outcomes"]] == [
        ("修复村口路灯", date(2026, 4, 30)), ("清理水渠淤泥", date(2026, 5, 31))
    ]  # fmt: skip
    assert origins.of(CONSULTATION.name, record_id) == {"visit": [ids[1], ids[0]], "election": []}

    # its panel lists the visits it grew from; each visit's panel lists it
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: "来源" in page.detail_panel.text())
    shown = page.detail_panel.text()
    assert all(visits.get(v).serial in shown for v in ids[:2])
    assert "成果清单" in shown and "修复村口路灯" in shown
    window.show_page(window.visits)
    select_visits(window, [2])  # visit ids[0]
    window.visits.table.setCurrentIndex(window.visits.model.index(2, 0))
    qtbot.waitUntil(lambda: record.serial in window.visits.detail_panel.text())
    assert "形成的协商议事" in window.visits.detail_panel.text()

    # 办结 while an item is open: refused, said why, nothing changed
    window.show_page(page)
    opened = page.open_record(record_id)
    assert isinstance(opened, KindDialog)
    assert opened.status_label.text() == "状态：落实中"
    close, reopen = opened.steps["close"], opened.steps["reopen"]
    assert close.isVisible() and not reopen.isVisible()
    before = (kind_records.get(CONSULTATION, record_id).rev, AuditEntry.select().count())
    close.click()
    (refusal,) = answers.errors
    assert "成果清单中还有2项未完成也未说明无法落实" in refusal
    assert kind_records.get(CONSULTATION, record_id).status == "open"
    assert (kind_records.get(CONSULTATION, record_id).rev, AuditEntry.select().count()) == before
    assert opened.isVisible() and close.isVisible()

    # done needs its date: the row the refusal names becomes the current one
    _, items = opened.tables()
    choose(qtbot, items, 0, STATUS, "已完成")
    set_day(qtbot, items, 0, DONE_ON, date(2026, 4, 28))
    choose(qtbot, items, 1, STATUS, "已完成")
    opened.save_button.click()
    assert opened.isVisible() and "完成日期" in opened.error_of("outcomes")
    assert items.table.currentRow() == 1
    set_day(qtbot, items, 1, DONE_ON, date(2026, 5, 20))
    close.click()  # saves the items, then closes
    assert kind_records.get(CONSULTATION, record_id).status == "closed"
    assert opened.status_label.text() == "状态：已办结"
    assert not close.isVisible() and reopen.isVisible()
    done = kind_records.values(CONSULTATION, record_id)["outcomes"]
    assert [(o["status"], o["done_on"]) for o in done] == [
        ("done", date(2026, 4, 28)), ("done", date(2026, 5, 20))
    ]  # fmt: skip
    reopen.click()
    assert kind_records.get(CONSULTATION, record_id).status == "open"
    assert close.isVisible() and not reopen.isVisible()
    actions = [e.action for e in AuditEntry.select().where(AuditEntry.record_uuid == record.uuid)]
    assert actions == ["create", "update", "close", "reopen"]
    assert len(answers.errors) == 1
    opened.reject()


def test_the_dialog_fits_an_office_screen_and_works_by_keys(
    qtbot: Any,
    office_screen: QRect,  # noqa: F811
    window: MainWindow,
    answers: Answers,
    grown: tuple[KindDialog, list[int]],
) -> None:
    dialog, _ids = grown
    assert_fits(dialog)
    qtbot.waitExposed(dialog)
    _participants, outcomes = dialog.tables()
    # the outcome list shows every column, 完成日期 and 进展/说明 too, without scrolling
    assert outcomes.table.horizontalScrollBar().maximum() == 0
    form = fields_of(dialog)
    for key in ("topic", "positions", "agreed_points"):
        widget = dialog.editors[key].widget
        assert widget.isVisibleTo(dialog) and widget.height() > 0, key
    texts = [w for w in (form.positions, form.agreed_points) if isinstance(w, QPlainTextEdit)]
    assert all(t.height() >= 60 for t in texts)
    assert all(t.table.height() >= t.table.minimumHeight() for t in dialog.tables())
    type_text(form.topic, "停车难")
    add_item(qtbot, outcomes, "施划停车位", "镇人民政府", date(2026, 7, 31))
    dialog.save()
    page = page_of(window)
    qtbot.waitUntil(lambda: page.model.total == 1)
    record_id = page.model.record_id(0)

    opened = page.open_record(record_id)
    assert isinstance(opened, KindDialog)
    qtbot.addWidget(opened)
    assert_fits(opened)
    opened.activateWindow()
    qtbot.waitUntil(opened.isActiveWindow)
    close, reopen = opened.steps["close"], opened.steps["reopen"]
    assert close.text() == "办结(&L)" and reopen.text() == "重新打开(&E)"
    qtbot.keyClick(opened, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # refused
    qtbot.waitUntil(lambda: len(answers.errors) == 1)
    assert "施划停车位" in answers.errors[0]
    _, items = opened.tables()
    choose(qtbot, items, 0, STATUS, "无法落实")
    note = edit_cell(qtbot, items, 0, NOTE)
    type_text(note, "暂无空地，改为错时开放停车场")
    keep(qtbot, items)
    opened.activateWindow()
    alt(qtbot, opened, Qt.Key.Key_L,
        lambda: kind_records.get(CONSULTATION, record_id).status == "closed")  # fmt: skip
    alt(qtbot, opened, Qt.Key.Key_E,
        lambda: kind_records.get(CONSULTATION, record_id).status == "open")  # fmt: skip
    opened.reject()
