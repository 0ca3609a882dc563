"""A kind declared only in the tests gets its page, list, dialog, trash and drafts in the GUI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtWidgets import QApplication, QComboBox

from studio_app.core import kinds
from studio_app.services import kind_records, members
from studio_app.services.context import Context
from studio_app.storage.models import AuditEntry, database
from studio_app.ui import drafts, messages
from studio_app.ui.app import build_main_window
from studio_app.ui.dialogs.kind_dialog import KindDialog
from studio_app.ui.drafts import DraftStore
from studio_app.ui.main_window import MainWindow
from studio_app.ui.pages.kind_page import KindPage
from studio_app.ui.widgets import confirm
from studio_app.ui.widgets.combos import set_combo_code
from studio_app.ui.widgets.rows_edit import CellDate, RowsEdit
from studio_app.workspace import Workspace
from tests.ui.conftest import (  # noqa: F401  (fixtures)
    Answers,
    answers,
    type_text,
    workspace,
    zh_translation,
)

NOTES = ("讨论乡村道路修缮", "交流养老服务的做法", "商议学校周边安全")


@pytest.fixture
def host(ctx: Context) -> dict[str, int]:
    return {n: members.create(ctx, {"name": n}).id for n in ("王建国", "李梅")}


@pytest.fixture
def windows(qtbot: Any, tea_talk: kinds.RecordKind) -> Iterator[list[MainWindow]]:
    """Main windows built while the throwaway kind is declared, gone before it is (with
    their pending timers)."""
    built: list[MainWindow] = []
    yield built
    for window in built:
        window.close()
        window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def window(windows: list[MainWindow], workspace: Workspace) -> MainWindow:  # noqa: F811
    """The main window, built after the throwaway kind is declared."""
    window = build_main_window(workspace)
    windows.append(window)
    window.show()
    return window


def add_talks(ctx: Context, kind: kinds.RecordKind, people: dict[str, int]) -> list[int]:
    """Three talks a day apart, oldest first, titled 茶叙0…2, topics 01…03."""
    ids = []
    for i, notes in enumerate(NOTES):
        values = {
            "title": f"茶叙{i}",
            "held_on": date(2026, 3, 1 + i),
            "topic": f"{i + 1:02d}",
            "members": [people["李梅"]],
            "guests": 10 - i,
            "notes": notes,
        }
        ids.append(kind_records.create(ctx, kind, values).id)
    return ids


def page_of(window: MainWindow) -> KindPage:
    page = window.kind_page("tea_talk")
    assert isinstance(page, KindPage)
    return page


def test_the_page_is_in_the_navigation(qtbot: Any, window: MainWindow) -> None:
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    # after the kinds with own pages and the generic kinds declared before it
    assert titles.index("茶叙") == titles.index("群众") + len(kinds.generic())
    assert "tea_talk" not in window._built  # built when first shown, like the others
    shortcut = window.findChild(type(window.print_action), "show_tea_talk_action")
    assert shortcut is not None and shortcut.shortcut().toString() == "Ctrl+9"
    shortcut.trigger()
    assert isinstance(window.stack.currentWidget(), KindPage)
    assert window.nav.item(window.nav.currentRow()).text() == "茶叙"
    assert window.new_actions["tea_talk"].isEnabled()


def test_the_list_shows_searches_and_sorts(
    qtbot: Any, window: MainWindow, ctx: Context, tea_talk: kinds.RecordKind, host: dict[str, int]
) -> None:
    ids = add_talks(ctx, tea_talk, host)
    page = page_of(window)
    page.reload()
    model = page.model
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert titles[1:] == ["茶叙日期", "主题", "议题类别", "参加委员", "参加人数"]  # declared labels
    qtbot.waitUntil(lambda: model.total == 3)
    assert [model.record_id(r) for r in range(3)] == ids[::-1]  # newest first
    first = model.row_values(0)
    assert first["serial"].startswith("CX") and first["member_names"] == "李梅"
    assert model.index(0, model.column_of("held_on")).data() == "2026-03-03"
    assert model.index(0, model.column_of("topic")).data() != "03"  # the code's label

    type_text(page.search, "养老")  # a word from the notes, through the full-text index
    qtbot.waitUntil(lambda: model.total == 1)
    assert model.record_id(0) == ids[1]
    page.search.clear()
    page.apply_query()
    qtbot.waitUntil(lambda: model.total == 3)

    page.table.horizontalHeader().sectionClicked.emit(model.column_of("guests"))
    assert [model.row_values(r)["guests"] for r in range(3)] == [10, 9, 8]  # largest first
    page.table.horizontalHeader().sectionClicked.emit(model.column_of("guests"))
    assert [model.row_values(r)["guests"] for r in range(3)] == [8, 9, 10]
    topic = page.filter_widgets["topic"]
    set_combo_code(topic, "02")  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: model.total == 1)


def count_rows() -> int:
    return int(database.execute_sql("SELECT count(*) FROM tea_talk").fetchone()[0])


def test_the_dialog_validates_then_creates(
    qtbot: Any, window: MainWindow, host: dict[str, int]
) -> None:
    page = page_of(window)
    dialog = page.open_record(None)
    assert isinstance(dialog, KindDialog) and "茶叙" in dialog.windowTitle()
    dialog.save()  # nothing typed: the service refuses, each field says why
    assert dialog.isVisible()
    assert dialog.error_of("title") == "主题：必填"
    assert dialog.error_of("members") == "参加委员：必填"
    assert dialog.error_of("notes") == ""
    assert count_rows() == 0
    type_text(dialog.rows["title"].editor, "春茶话发展")
    members_picker = dialog.rows["members"].editor
    members_picker.check("王建国")  # type: ignore[attr-defined]
    set_combo_code(dialog.rows["topic"].editor, "05")  # type: ignore[arg-type]
    dialog.rows["guests"].editor.setValue(12)  # type: ignore[attr-defined]
    dialog.rows["public"].editor.setChecked(True)  # type: ignore[attr-defined]
    dialog.rows["notes"].editor.setPlainText("大家谈了茶园的销路")  # type: ignore[attr-defined]
    dialog.save()
    assert not dialog.isVisible() and page.dialog is None
    (record_id,) = (r[0] for r in database.execute_sql("SELECT id FROM tea_talk"))
    values = kind_records.values(kinds.kind("tea_talk"), record_id)
    assert values["title"] == "春茶话发展" and values["members"] == [host["王建国"]]
    assert values["topic"] == "05" and values["guests"] == 12 and values["public"] is True
    assert values["notes"] == "大家谈了茶园的销路" and values["held_on"] is not None
    assert page.model.total == 1 and page.selected_id() == record_id
    page.detail_panel.show_details(None)
    page.details.load()
    assert "春茶话发展" in page.detail_panel.text()


def test_saving_unchanged_or_cancelling_writes_nothing(
    qtbot: Any,
    window: MainWindow,
    ctx: Context,
    tea_talk: kinds.RecordKind,
    host: dict[str, int],
    answers: Answers,  # noqa: F811
) -> None:
    record_id = add_talks(ctx, tea_talk, host)[0]
    audited = AuditEntry.select().count()
    page = page_of(window)
    dialog = page.open_record(record_id)
    assert isinstance(dialog, KindDialog) and dialog.windowTitle().startswith("茶叙 CX")
    assert dialog.values()["title"] == "茶叙0" and not dialog.has_changes()
    dialog.save()
    assert not dialog.isVisible()
    assert kind_records.get(tea_talk, record_id).rev == 1
    assert AuditEntry.select().count() == audited

    dialog = page.open_record(record_id)
    type_text(dialog.rows["title"].editor, "（改）")
    dialog.reject()  # asks first; the answer is "discard"
    assert answers.asked == 1 and not dialog.isVisible()
    assert kind_records.get(tea_talk, record_id).rev == 1
    assert kind_records.values(tea_talk, record_id)["title"] == "茶叙0"

    dialog = page.open_record(record_id)
    title = dialog.rows["title"].editor
    title.end(False)  # type: ignore[attr-defined]
    type_text(title, "（改）")
    dialog.save()  # only what changed is written
    row = kind_records.get(tea_talk, record_id)
    assert row.rev == 2 and row.title == "茶叙0（改）"


def test_trash_and_restore_through_the_trash_page(
    qtbot: Any,
    window: MainWindow,
    ctx: Context,
    tea_talk: kinds.RecordKind,
    host: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ids = add_talks(ctx, tea_talk, host)
    page = page_of(window)
    window.show_page(page)
    page.reload()
    monkeypatch.setattr(confirm, "confirm_delete", lambda _p, _what: True)
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: page.model.total == 2)
    assert kind_records.get(tea_talk, ids[2]).deleted_at is not None

    trash = window.trash
    trash.kind.setCurrentIndex(trash.kind.findData("tea_talk"))
    assert trash.kind.currentText() == "茶叙"
    qtbot.waitUntil(lambda: trash.model.total == 1)
    assert trash.model.record_id(0) == ids[2]
    shown = [trash.model.index(0, c).data() for c in range(trash.model.columnCount())]
    assert shown[1:] == ["2026-03-03", "茶叙2"]
    trash.search.setText("茶叙2")
    trash.refresh()
    assert trash.model.total == 1
    trash.table.selectRow(0)
    assert trash.restore_selected() == 1
    assert kind_records.get(tea_talk, ids[2]).deleted_at is None
    qtbot.waitUntil(lambda: page.model.total == 3)  # the page reads its records again


@pytest.fixture
def store(workspace: Workspace) -> Iterator[DraftStore]:  # noqa: F811
    drafts.configure(workspace.data_dir.root, "admin", identifiers=True)
    found = drafts.store()
    assert found is not None
    yield found
    drafts.configure(None)


def test_a_draft_is_kept_and_offered_back(
    qtbot: Any,
    window: MainWindow,
    store: DraftStore,
    workspace: Workspace,  # noqa: F811
    windows: list[MainWindow],
    host: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(messages, "ask_restore_draft", lambda _p, _when: True)
    dialog = window.new_record("tea_talk")
    assert isinstance(dialog, KindDialog)
    type_text(dialog.rows["title"].editor, "半截的茶叙")
    dialog.rows["members"].editor.check("李梅")  # type: ignore[attr-defined]
    table = agenda_of(dialog)
    add_item(qtbot, table, "村道修缮")
    edit_cell(qtbot, table, 0, DUE, date(2026, 12, 1))
    edit_cell(qtbot, table, 0, SPEAKER, "王建国")
    typed = dialog.values()["agenda"]
    path = store.path("tea_talk-new")
    speaker = f'"speaker": {host["王建国"]}'  # a member by id
    qtbot.waitUntil(lambda: path.exists() and speaker in path.read_text(encoding="utf-8"))
    assert '"due": {"$date": "2026-12-01"}' in path.read_text(encoding="utf-8")  # ISO
    window.desk.show_drafts()
    assert "茶叙" in window.desk.drafts.item(0).text()
    assert "半截的茶叙" in window.desk.drafts.item(0).text()

    # the "crash": the window goes away without the dialog being closed
    dialog.finished.disconnect()
    window.deleteLater()
    again = build_main_window(workspace)
    windows.append(again)
    drafts.offer_at_start(again)
    restored = page_of(again).dialog
    assert isinstance(restored, KindDialog) and restored.record_id is None
    assert restored.values()["title"] == "半截的茶叙"
    assert restored.values()["members"] == [host["李梅"]]
    assert restored.values()["agenda"] == typed  # the rows too, the date a date again
    assert agenda_of(restored).table.item(0, SPEAKER).text() == "王建国"
    restored.save()
    assert restored.saved_id is not None and store.names() == []
    assert count_rows() == 1
    assert kind_records.values(kinds.kind("tea_talk"), restored.saved_id)["agenda"] == [
        blank_row("村道修缮", speaker=host["王建国"], due=date(2026, 12, 1))
    ]


# -- the agenda: a table of rows in the dialog ---------------------------------------------

ITEM, SPEAKER, MINUTES, DUE = 0, 1, 2, 5  # columns of the agenda


def agenda_of(dialog: KindDialog) -> RowsEdit:
    table = dialog.rows["agenda"].editor
    assert isinstance(table, RowsEdit)
    return table


def kept(qtbot: Any, table: RowsEdit, editor: Any) -> None:
    """Enter in a cell's editor: kept, and the editor closes."""
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.delegate.editing is None)


def add_item(qtbot: Any, table: RowsEdit, text: str) -> int:
    """A row added with Insert and its 议题 typed; returns its index."""
    qtbot.keyClick(table.table, Qt.Key.Key_Insert)
    editor = table.delegate.editing
    assert editor is not None and editor.objectName() == "itemEditor"
    type_text(editor, text)
    kept(qtbot, table, editor)
    return table.table.rowCount() - 1


def edit_cell(qtbot: Any, table: RowsEdit, row: int, column: int, value: Any) -> None:
    """Edit a cell with its editor (Enter), give it ``value``, keep it (Enter)."""
    table.table.setCurrentCell(row, column)
    qtbot.keyClick(table.table, Qt.Key.Key_Return)
    editor = table.delegate.editing
    if isinstance(editor, QComboBox):
        editor.setCurrentIndex(editor.findText(value))
    elif isinstance(editor, CellDate):
        editor.setDate(QDate(value.year, value.month, value.day))
    elif editor is not None and hasattr(editor, "setValue"):
        editor.setValue(value)
    else:
        type_text(editor, value)  # type: ignore[arg-type]
    kept(qtbot, table, editor)


def agenda_count() -> int:
    return int(database.execute_sql("SELECT count(*) FROM tea_talk_agenda").fetchone()[0])


def new_talk(window: MainWindow, title: str) -> KindDialog:
    dialog = page_of(window).open_record(None)
    assert isinstance(dialog, KindDialog)
    type_text(dialog.rows["title"].editor, title)
    dialog.rows["members"].editor.check("王建国")  # type: ignore[attr-defined]
    return dialog


def blank_row(item: str, **values: Any) -> dict[str, Any]:
    return {"item": item, "speaker": None, "minutes": 0, "topic": "", "mood": "", "due": None,
            "settled": False, **values}  # fmt: skip


def test_the_agenda_is_saved_shown_and_saved_unchanged_writes_nothing(
    qtbot: Any, window: MainWindow, tea_talk: kinds.RecordKind, host: dict[str, int]
) -> None:
    page = page_of(window)
    dialog = new_talk(window, "春茶话发展")
    table = agenda_of(dialog)
    first = add_item(qtbot, table, "村道修缮")
    edit_cell(qtbot, table, first, SPEAKER, "李梅")
    edit_cell(qtbot, table, first, DUE, date(2026, 12, 1))
    assert dialog.isVisible() and count_rows() == 0  # Enter in a cell is not the dialog's
    add_item(qtbot, table, "采茶季用工")
    qtbot.keyClick(table.table, Qt.Key.Key_Return)  # nor Enter on the table: it edits
    assert table.delegate.editing is not None and dialog.isVisible() and count_rows() == 0
    qtbot.keyClick(table.delegate.editing, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: table.delegate.editing is None)
    dialog.save()
    assert not dialog.isVisible()
    (record_id,) = (r[0] for r in database.execute_sql("SELECT id FROM tea_talk"))
    saved = [blank_row("村道修缮", speaker=host["李梅"], due=date(2026, 12, 1)),
             blank_row("采茶季用工")]  # fmt: skip
    assert kind_records.values(tea_talk, record_id)["agenda"] == saved

    page.detail_panel.show_details(None)  # the detail panel lists the rows
    page.details.load()
    shown = page.detail_panel.text()
    assert "议程" in shown and "1. 村道修缮" in shown and "2. 采茶季用工" in shown
    assert "李梅" in shown and "2026-12-01" in shown

    audited = AuditEntry.select().count()
    dialog = page.open_record(record_id)
    assert agenda_of(dialog).value() == saved and not dialog.has_changes()
    dialog.save()  # opened and saved unchanged: nothing is written
    assert not dialog.isVisible()
    assert kind_records.get(tea_talk, record_id).rev == 1
    assert AuditEntry.select().count() == audited

    dialog = page.open_record(record_id)
    table = agenda_of(dialog)
    table.table.setCurrentCell(1, ITEM)
    qtbot.keyClick(table.table, Qt.Key.Key_F2)
    editor = table.delegate.editing
    editor.end(False)  # type: ignore[union-attr]
    type_text(editor, "（临时）")  # type: ignore[arg-type]
    kept(qtbot, table, editor)
    assert dialog.changed_values() == {
        "agenda": [saved[0], {**saved[1], "item": "采茶季用工（临时）"}]
    }
    dialog.save()
    assert kind_records.get(tea_talk, record_id).rev == 2  # one cell: one revision
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    assert entry.action == "update"
    assert json.loads(entry.changes) == {
        "agenda": [
            ["村道修缮，李梅，落实期限：2026-12-01", "采茶季用工"],
            ["村道修缮，李梅，落实期限：2026-12-01", "采茶季用工（临时）"],
        ]
    }


def test_a_row_without_its_required_item_is_refused_in_place(
    qtbot: Any, window: MainWindow, host: dict[str, int]
) -> None:
    dialog = new_talk(window, "春茶话发展")
    table = agenda_of(dialog)
    add_item(qtbot, table, "村道修缮")
    qtbot.keyClick(table.table, Qt.Key.Key_Insert)  # a second row: no 议题, a length
    editor = table.delegate.editing
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: table.delegate.editing is None)
    edit_cell(qtbot, table, 1, MINUTES, 30)
    table.table.setCurrentCell(0, ITEM)
    dialog.save()
    assert dialog.isVisible()
    assert dialog.error_of("agenda") == "议程：第2项，议题：必填"
    assert table.table.currentRow() == 1  # the row the message names
    assert count_rows() == 0 and agenda_count() == 0  # nothing written
    edit_cell(qtbot, table, 1, ITEM, "茶园道路")
    assert dialog.error_of("agenda") == ""  # the message goes as the field is fixed
    dialog.save()
    assert not dialog.isVisible() and count_rows() == 1 and agenda_count() == 2


def test_a_row_added_and_left_empty_is_dropped(
    qtbot: Any, window: MainWindow, host: dict[str, int]
) -> None:
    dialog = new_talk(window, "春茶话发展")
    table = agenda_of(dialog)
    add_item(qtbot, table, "村道修缮")
    qtbot.keyClick(table.table, Qt.Key.Key_Insert)
    qtbot.keyClick(table.delegate.editing, Qt.Key.Key_Escape)  # type: ignore[arg-type]
    dialog.save()
    assert not dialog.isVisible() and agenda_count() == 1
