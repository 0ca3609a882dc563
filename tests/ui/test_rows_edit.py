"""The editor of a ROWS field (the tea talk's 议程): a table worked from the keyboard — Insert
adds a row and edits it, typing fills a cell, Tab leaves the table, Delete removes rows,
Ctrl+Up/Down move them — whose value is the rows as the service takes them."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from studio_app.core.fields import Field, Kind
from studio_app.services import members
from studio_app.services.context import Context
from studio_app.ui.widgets.rows_edit import CellDate, RowsEdit, is_blank, plain
from tests.kinds.throwaway import TEA_TALK
from tests.ui.conftest import type_text

AGENDA = TEA_TALK.field("agenda")
ITEM, SPEAKER, MINUTES, TOPIC, MOOD, DUE, SETTLED = range(7)


def row(item: str = "", **values: Any) -> dict[str, Any]:
    blank = {"item": "", "speaker": None, "minutes": 0, "topic": "", "mood": "", "due": None,
             "settled": False}  # fmt: skip
    return {**blank, "item": item, **values}


class Form(QWidget):
    """The editor between two line edits, as in a dialog."""

    def __init__(self, fld: Field = AGENDA) -> None:
        super().__init__()
        self.before = QLineEdit(self)
        self.rows = RowsEdit(fld, self)
        self.after = QLineEdit(self)
        layout = QVBoxLayout(self)
        for widget in (self.before, self.rows, self.after):
            layout.addWidget(widget)


@pytest.fixture
def speakers(ctx: Context) -> dict[str, int]:
    return {n: members.create(ctx, {"name": n}).id for n in ("王建国", "李梅")}


@pytest.fixture
def form(qtbot: Any, ctx: Context, speakers: dict[str, int]) -> Form:
    """The form, the members who may speak there already registered."""
    made = Form()
    qtbot.addWidget(made)
    made.resize(800, 400)
    made.show()
    made.activateWindow()
    qtbot.waitExposed(made)
    return made


def focused() -> Any:
    return QApplication.focusWidget()


def key(qtbot: Any, k: Qt.Key, mod: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), k, mod)


def keep(qtbot: Any, edit: RowsEdit, k: Qt.Key = Qt.Key.Key_Return) -> None:
    """Enter in a cell's editor: the edit is kept and the editor closes (a moment later)."""
    key(qtbot, k)
    qtbot.waitUntil(lambda: edit.delegate.editing is None)


def test_insert_adds_a_row_typing_fills_it_and_tab_leaves_the_table(qtbot: Any, form: Form) -> None:
    edit, changes = form.rows, []
    edit.changed.connect(lambda: changes.append(1))
    form.before.setFocus()
    key(qtbot, Qt.Key.Key_Tab)  # one Tab into the table
    assert focused() is edit.table
    key(qtbot, Qt.Key.Key_Insert)
    assert edit.table.rowCount() == 1 and isinstance(focused(), QLineEdit)  # editing 议题
    type_text(focused(), "茶园道路")
    key(qtbot, Qt.Key.Key_Tab)  # keeps the cell and leaves the table, past every cell
    assert focused() is form.after
    assert edit.value() == [row("茶园道路", minutes=None)]  # a number never typed: None
    assert changes

    key(qtbot, Qt.Key.Key_Backtab)  # back into the table, on the cell left
    assert focused() is edit.table and edit.table.currentRow() == 0
    key(qtbot, Qt.Key.Key_Backtab)
    assert focused() is form.before


def test_enter_edits_a_cell_and_keeps_it_without_reaching_the_dialog(
    qtbot: Any, form: Form, speakers: dict[str, int]
) -> None:
    edit = form.rows
    edit.set_value([row("茶园道路")])
    edit.table.setFocus()
    edit.table.setCurrentCell(0, SPEAKER)
    key(qtbot, Qt.Key.Key_Return)  # edits (a dialog's default button is not pressed)
    combo = focused()
    assert isinstance(combo, QComboBox) and combo.currentText() == "（无）"
    combo.setCurrentIndex(combo.findText("李梅"))
    keep(qtbot, edit)
    assert focused() is edit.table
    assert edit.value()[0]["speaker"] == speakers["李梅"]
    assert edit.table.item(0, SPEAKER).text() == "李梅"

    edit.table.setCurrentCell(0, MINUTES)
    key(qtbot, Qt.Key.Key_F2)
    spin = focused()
    assert isinstance(spin, QSpinBox)
    spin.setValue(25)
    keep(qtbot, edit, Qt.Key.Key_Escape)  # Esc drops the edit
    assert edit.value()[0]["minutes"] == 0
    key(qtbot, Qt.Key.Key_F2)
    focused().setValue(25)
    keep(qtbot, edit, Qt.Key.Key_Enter)
    assert edit.value()[0]["minutes"] == 25

    edit.table.setCurrentCell(0, MOOD)
    key(qtbot, Qt.Key.Key_Return)
    mood = focused()
    assert isinstance(mood, QComboBox)
    mood.setCurrentIndex(mood.findText("基本满意"))
    keep(qtbot, edit)
    edit.table.setCurrentCell(0, SETTLED)
    key(qtbot, Qt.Key.Key_Space)  # a tick is ticked in place
    assert edit.value()[0] == row("茶园道路", speaker=speakers["李梅"], minutes=25, mood="basic",
                                  settled=True)  # fmt: skip
    key(qtbot, Qt.Key.Key_Return)
    assert edit.value()[0]["settled"] is False


def test_a_date_cell_may_be_left_empty(qtbot: Any, form: Form) -> None:
    edit = form.rows
    edit.set_value([row("茶园道路")])
    edit.table.setFocus()
    edit.table.setCurrentCell(0, DUE)
    key(qtbot, Qt.Key.Key_F2)
    day = focused()
    assert isinstance(day, CellDate) and day.value() is None and day.text() == "（无）"
    key(qtbot, Qt.Key.Key_Up)  # the first key fills in today
    assert day.value() == date.today()
    day.setDate(QDate(2026, 12, 1))
    keep(qtbot, edit)
    assert edit.value()[0]["due"] == date(2026, 12, 1)
    assert edit.table.item(0, DUE).text() == "2026-12-01"
    key(qtbot, Qt.Key.Key_F2)
    key(qtbot, Qt.Key.Key_Delete)  # empties it
    keep(qtbot, edit)
    assert edit.value()[0]["due"] is None


def test_backspace_empties_a_cell(qtbot: Any, form: Form) -> None:
    edit = form.rows
    edit.set_value([row("茶园道路", minutes=20, due=date(2026, 1, 2))])
    edit.table.setFocus()
    edit.table.setCurrentCell(0, DUE)
    key(qtbot, Qt.Key.Key_Backspace)
    assert edit.value() == [row("茶园道路", minutes=20)]


def test_delete_removes_the_selected_rows(qtbot: Any, form: Form) -> None:
    edit = form.rows
    edit.set_value([row(t) for t in ("一", "二", "三", "四")])
    edit.table.setFocus()
    edit.table.setCurrentCell(1, ITEM)
    key(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)  # 二 and 三
    key(qtbot, Qt.Key.Key_Delete)
    assert [r["item"] for r in edit.value()] == ["一", "四"]
    assert edit.table.currentRow() == 1  # the row after them
    edit.remove_button.click()
    assert [r["item"] for r in edit.value()] == ["一"]


def test_rows_move_up_and_down(qtbot: Any, form: Form) -> None:
    edit = form.rows
    edit.set_value([row(t) for t in ("一", "二", "三")])
    edit.table.setFocus()
    edit.table.setCurrentCell(2, ITEM)
    assert edit.down_button.isEnabled() is False and edit.up_button.isEnabled()
    key(qtbot, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert [r["item"] for r in edit.value()] == ["一", "三", "二"]
    assert edit.table.currentRow() == 1  # it goes on with the row moved
    key(qtbot, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    key(qtbot, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)  # at the top: stays
    assert [r["item"] for r in edit.value()] == ["三", "一", "二"]
    edit.down_button.click()
    assert [r["item"] for r in edit.value()] == ["一", "三", "二"]


def test_the_buttons_have_alt_keys_and_take_no_tab_stop(qtbot: Any, form: Form) -> None:
    edit = form.rows
    texts = [b.text() for b in edit.buttons()]
    assert all("&" in t for t in texts), texts
    assert all(b.focusPolicy() == Qt.FocusPolicy.NoFocus for b in edit.buttons())
    form.after.setFocus()
    key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # 添加一行(&A): an animated click
    qtbot.waitUntil(lambda: edit.table.rowCount() == 1)
    assert isinstance(focused(), QLineEdit) and focused() is edit.delegate.editing
    edit.drop_mnemonics()
    assert not any("&" in b.text() for b in edit.buttons())
    assert plain("添加一行(&A)") == "添加一行" and plain("Move dow&n") == "Move down"


def test_loaded_rows_read_back_exactly(qtbot: Any, form: Form, speakers: dict[str, int]) -> None:
    """What the service gave is what the editor gives back: no change to save."""
    saved = [
        row("茶园道路", speaker=speakers["王建国"], minutes=15, topic="09", mood="satisfied",
            due=date(2026, 12, 1), settled=True),
        row("用工"),
    ]  # fmt: skip
    changes: list[int] = []
    form.rows.changed.connect(lambda: changes.append(1))
    form.rows.set_value(saved)
    assert form.rows.value() == saved and changes == [1]
    form.rows.set_value(saved)
    assert changes == [1]  # the same rows again: no change
    assert form.rows.table.item(0, TOPIC).text() == "交通出行"  # codes as labels
    assert form.rows.table.item(0, MOOD).text() == "满意"
    form.rows.set_value([])
    assert form.rows.value() == []


def test_a_member_no_longer_active_is_still_shown(
    qtbot: Any, ctx: Context, form: Form, speakers: dict[str, int]
) -> None:
    members.update(ctx, speakers["李梅"], {"active": False})
    fresh = Form()
    qtbot.addWidget(fresh)
    fresh.show()
    fresh.rows.set_value([row("茶园道路", speaker=speakers["李梅"])])
    assert fresh.rows.table.item(0, SPEAKER).text() == "李梅"
    fresh.rows.table.setFocus()
    fresh.rows.table.setCurrentCell(0, SPEAKER)
    fresh.rows.edit_current()
    combo = fresh.rows.delegate.editing
    assert isinstance(combo, QComboBox) and combo.currentText() == "李梅"
    assert fresh.rows.value()[0]["speaker"] == speakers["李梅"]


def test_a_row_added_and_left_empty_is_blank(qtbot: Any, form: Form) -> None:
    form.rows.add_row()
    (added,) = form.rows.value()
    assert is_blank(added)


def test_the_table_is_at_least_five_rows_tall(qtbot: Any, form: Form) -> None:
    table = form.rows.table
    assert table.minimumHeight() >= 5 * table.verticalHeader().defaultSectionSize()


def test_a_long_text_column_edits_in_a_taller_box(qtbot: Any, ctx: Context) -> None:
    columns = (Field("text", "内容", Kind.LONGTEXT), Field("n", "数", Kind.INT))
    notes = Field("notes", "笔记", Kind.ROWS, columns=columns)
    made = Form(notes)
    qtbot.addWidget(made)
    made.show()
    made.activateWindow()
    made.rows.set_value([{"text": "第一行\n第二行", "n": 3}])
    assert made.rows.table.item(0, 0).text() == "第一行 第二行"  # shown on one line
    made.rows.table.setFocus()
    made.rows.table.setCurrentCell(0, 0)
    made.rows.edit_current()
    box = made.rows.delegate.editing
    assert box is not None and box.height() > made.rows.table.rowHeight(0)
    box.appendPlainText("第三行")  # type: ignore[attr-defined]
    qtbot.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # keeps it
    assert made.rows.value() == [{"text": "第一行\n第二行\n第三行", "n": 3}]


def test_a_cell_being_edited_is_kept_when_the_value_is_read(qtbot: Any, form: Form) -> None:
    """Ctrl+S saves while a cell is still open: what it holds is saved."""
    edit = form.rows
    edit.add_row()
    type_text(edit.delegate.editing, "茶园道路")  # type: ignore[arg-type]
    assert edit.value()[0]["item"] == "茶园道路"
    assert edit.delegate.editing is not None  # still open, to go on typing
