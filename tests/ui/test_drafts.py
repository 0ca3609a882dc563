"""Drafts: unsaved visit input survives a crash and is offered again."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from studio_app.services import visits
from studio_app.ui import drafts, messages
from studio_app.ui.app import build_main_window
from studio_app.ui.drafts import NEW_VISIT, DraftStore
from studio_app.ui.main_window import MainWindow
from studio_app.ui.widgets.combos import set_combo_code
from studio_app.ui.widgets.member_picker import MemberPicker
from studio_app.workspace import Workspace
from tests.ui.conftest import AddVisits, People, fields_of


@pytest.fixture
def store(workspace: Workspace) -> Iterator[DraftStore]:
    drafts.configure(workspace.data_dir.root, "admin", identifiers=True)
    found = drafts.store()
    assert found is not None
    yield found
    drafts.configure(None)


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Answers "restore?" with the last value in the list (yes by default)."""
    answers = [True]
    monkeypatch.setattr(messages, "ask_restore_draft", lambda _p, _when: answers[-1])
    return answers


@pytest.fixture
def window(qtbot, workspace: Workspace, people: People) -> MainWindow:
    window = build_main_window(workspace)
    qtbot.addWidget(window)
    window.show()
    return window


def type_a_visit(window: MainWindow, people: People) -> None:
    dialog = window.visits.open_record(None)
    form = fields_of(dialog)
    set_combo_code(form.category, "03")
    form.content.setPlainText("桥面开裂，需要维修")
    form.members.set_selected([people.members["李梅"]])
    form.residents.add_existing(people.residents["张三"], "张三")
    form.residents.add_new({"name": "赵六", "village": "南村"})


def test_the_store_writes_atomically_and_round_trips_dates(tmp_path: Path) -> None:
    store = DraftStore(tmp_path, "admin", identifiers=True)
    data = {"values": {"occurred_at": datetime(2026, 11, 2, 9, 30), "due": date(2026, 11, 9)}}
    store.save("visit-new", data)
    assert store.load("visit-new").data == data  # type: ignore[union-attr]
    assert [p.name for p in store.folder.iterdir()] == ["visit-new.json"]
    store.path("visit-3").write_text("{not json", encoding="utf-8")
    assert store.load("visit-3") is None and store.names() == ["visit-new"]


def test_typing_keeps_a_draft_and_a_crash_does_not_lose_it(
    qtbot,
    window: MainWindow,
    store: DraftStore,
    people: People,
    asked: list[bool],
    workspace: Workspace,
) -> None:
    type_a_visit(window, people)
    qtbot.waitUntil(lambda: store.path(NEW_VISIT).exists())
    saved = json.loads(store.path(NEW_VISIT).read_text(encoding="utf-8"))
    assert saved["data"]["values"]["content"] == "桥面开裂，需要维修"

    # the "crash": the window goes away without the dialog being closed
    window.visits.dialog.finished.disconnect()  # type: ignore[union-attr]
    window.deleteLater()
    again = build_main_window(workspace)
    qtbot.addWidget(again)
    drafts.offer_at_start(again)
    dialog = again.visits.dialog
    assert dialog is not None and dialog.record_id is None
    form = fields_of(dialog)
    assert form.content.toPlainText() == "桥面开裂，需要维修"
    assert form.members.selected_ids() == [people.members["李梅"]]
    assert form.residents.existing_ids() == [people.residents["张三"]]
    assert [p.values["name"] for p in form.residents.new_residents()] == ["赵六"]
    dialog.save()
    assert dialog.saved_id is not None and not store.path(NEW_VISIT).exists()
    assert store.names() == []


def test_a_declined_or_discarded_draft_is_removed(
    qtbot, window: MainWindow, store: DraftStore, people: People, asked: list[bool]
) -> None:
    type_a_visit(window, people)
    dialog = window.visits.dialog
    assert dialog is not None
    keeper = dialog.findChild(drafts.DraftKeeper)  # writes when its timer fires: now
    keeper.write()
    assert store.names() == [NEW_VISIT]
    dialog.reject()  # asks, and the test's answer is "discard"
    assert store.names() == []

    store.save(NEW_VISIT, {"rev": None, "values": {}})
    asked.append(False)
    dialog = window.visits.open_record(None)
    assert store.names() == [] and fields_of(dialog).content.toPlainText() == ""
    dialog.reject()


def test_an_edit_draft_for_a_visit_changed_since_is_dropped(
    window: MainWindow, store: DraftStore, add_visits: AddVisits, asked: list[bool], ctx
) -> None:
    (visit_id,) = add_visits(1)
    store.save(f"visit-{visit_id}", {"rev": 1, "values": {"content": "旧的输入"}})
    visits.save(ctx, {"place": "村委会"}, visit_id=visit_id, expected_rev=1)
    dialog = window.visits.open_record(visit_id)
    assert fields_of(dialog).content.toPlainText() != "旧的输入" and store.names() == []
    dialog.reject()


def crash_and_restart(qtbot, window: MainWindow, workspace: Workspace, page: str) -> MainWindow:
    """The window goes away with its dialog open; a new one offers the drafts left."""
    window.lazy_page(page).dialog.finished.disconnect()
    window.deleteLater()
    again = build_main_window(workspace)
    qtbot.addWidget(again)
    drafts.offer_at_start(again)
    return again


def test_a_new_interview_survives_a_crash(
    qtbot, window: MainWindow, store: DraftStore, people: People, asked: list[bool], workspace
) -> None:
    dialog = window.kind_page("interview").open_record(None)
    dialog.widget("title", QLineEdit).setText("石桥村道路硬化座谈")
    dialog.widget("views", QPlainTextEdit).setPlainText("群众希望年内完工")
    dialog.widget("members", MemberPicker).set_selected([people.members["李梅"]])
    qtbot.waitUntil(lambda: store.path("interview-new").exists())

    again = crash_and_restart(qtbot, window, workspace, "interview")
    restored = again.kind_page("interview").dialog
    assert restored is not None and restored.record_id is None
    assert restored.widget("title", QLineEdit).text() == "石桥村道路硬化座谈"
    assert restored.widget("views", QPlainTextEdit).toPlainText() == "群众希望年内完工"
    assert restored.widget("members", MemberPicker).selected_ids() == [people.members["李梅"]]
    restored.save()
    assert restored.saved_id is not None and store.names() == []


def test_an_edited_resident_survives_a_crash_and_a_stale_one_is_dropped(
    qtbot, window: MainWindow, store: DraftStore, people: People, asked: list[bool], workspace, ctx
) -> None:
    from studio_app.services import residents

    resident_id = people.residents["张三"]
    dialog = window.residents.open_record(resident_id)
    dialog.edits["address"].setText("石桥村三组 12 号")
    qtbot.waitUntil(lambda: store.path(f"resident-{resident_id}").exists())

    again = crash_and_restart(qtbot, window, workspace, "residents")
    restored = again.residents.dialog
    assert restored is not None and restored.record_id == resident_id
    assert restored.edits["address"].text() == "石桥村三组 12 号"
    assert restored.edits["name"].text() == "张三"
    restored.reject()  # discards (the test answers yes), and the draft with it
    assert store.names() == []

    store.save(f"resident-{resident_id}", {"rev": 1, "values": {"address": "旧地址"}})
    residents.update(ctx, resident_id, {"address": "新地址"}, expected_rev=1)
    dialog = again.residents.open_record(resident_id)
    assert dialog.edits["address"].text() == "新地址" and store.names() == []
    dialog.reject()


def test_a_proposal_draft_keeps_its_text(
    qtbot, window: MainWindow, store: DraftStore, asked: list[bool], workspace
) -> None:
    dialog = window.proposals.open_record(None)
    dialog.title_edit.setText("关于加快农村道路硬化的建议")
    dialog.facts.setPlainText("多个村道路破损")
    qtbot.waitUntil(lambda: store.path("proposal-new").exists())
    again = crash_and_restart(qtbot, window, workspace, "proposals")
    restored = again.proposals.dialog
    assert restored.title_edit.text() == "关于加快农村道路硬化的建议"
    assert restored.facts.toPlainText() == "多个村道路破损"
    restored.reject()
    assert store.names() == []


def test_the_desk_lists_drafts_and_opens_them(
    qtbot, window: MainWindow, store: DraftStore, asked: list[bool]
) -> None:
    store.save("interview-new", {"rev": None, "values": {"title": "养老服务座谈"}})
    store.save("visit-999999", {"rev": 1, "values": {}})  # its visit is gone
    window.desk.refresh()
    texts = [window.desk.drafts.item(i).text() for i in range(window.desk.drafts.count())]
    assert any("访谈" in t and "养老服务座谈" in t for t in texts), texts
    assert window.desk.drafts_box.isVisibleTo(window)

    item = next(
        window.desk.drafts.item(i)
        for i in range(window.desk.drafts.count())
        if "养老服务座谈" in window.desk.drafts.item(i).text()
    )
    window.desk.drafts.itemActivated.emit(item)
    dialog = window.kind_page("interview").dialog
    assert dialog is not None and dialog.widget("title", QLineEdit).text() == "养老服务座谈"
    dialog.reject()

    assert not drafts.open_draft(window, "visit-999999")  # gone: the draft goes too
    window.desk.refresh()
    assert window.desk.drafts.count() == 0 and not window.desk.drafts_box.isVisibleTo(window)
