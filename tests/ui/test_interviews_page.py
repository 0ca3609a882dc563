"""The interviews page (the generic page of the kind): typing a new interview, inline errors,
close/reopen, search, delete."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit

from studio_app.core import kinds
from studio_app.services import interviews
from studio_app.storage.models import Interview
from studio_app.ui.dialogs.kind_dialog import KindDialog
from studio_app.ui.pages.kind_page import KindPage
from studio_app.ui.widgets import confirm
from studio_app.ui.widgets.member_picker import MemberPicker
from tests.ui.conftest import Answers, People, type_text
from tests.ui.test_lister_table_model import make_interviews


@pytest.fixture
def page(qtbot, ctx, lookups_) -> KindPage:
    page = KindPage(ctx, lookups_, kinds.INTERVIEW)
    qtbot.addWidget(page)
    page.show()
    return page


@pytest.fixture
def lookups_(ctx):
    from studio_app.ui.lookups import Lookups

    return Lookups.load()


def test_new_interview_typed_in_with_the_keyboard(qtbot, page: KindPage, people) -> None:
    dialog = page.open_record(None)
    assert isinstance(dialog, KindDialog) and dialog.windowTitle() == "新建访谈"
    type_text(dialog.widget("title", QLineEdit), "乡村振兴委员有话说")
    dialog.save()  # no member chosen yet
    assert dialog.isVisible() and dialog.error_of("members") == "必填"
    dialog.widget("members", MemberPicker).check("李梅")
    form = dialog.widget("kind", QComboBox)
    form.setCurrentIndex(form.findData("online"))
    type_text(dialog.widget("views", QPlainTextEdit), "群众希望修通机耕路")
    dialog.save()
    assert not dialog.isVisible() and page.dialog is None
    row = Interview.get()
    assert row.title == "乡村振兴委员有话说" and row.views == "群众希望修通机耕路"
    assert row.member_names == "李梅" and row.kind == "online" and row.status == "open"
    assert page.model.total == 1 and page.selected_id() == row.id
    assert page.model.index(0, page.model.column_of("status")).data() == "进行中"


def test_close_and_reopen(qtbot, page: KindPage, ctx, people: People) -> None:
    interview_id = make_interviews(ctx, people, 1)[0]
    page.model.reload()
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Enter opens
    dialog = page.dialog
    assert isinstance(dialog, KindDialog) and dialog.record_id == interview_id
    close_button, reopen_button = dialog.steps["close"], dialog.steps["reopen"]
    assert close_button.text() == "结束访谈(&L)" and reopen_button.text() == "重新打开(&R)"
    assert close_button.isVisible() and not reopen_button.isVisible()
    close_button.click()
    assert interviews.get(interview_id).status == "closed"
    assert dialog.status_label.text() == "状态：已结束"
    assert reopen_button.isVisible()
    reopen_button.click()
    assert interviews.get(interview_id).status == "open"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing changed: closes without asking
    assert page.dialog is None


def test_escape_asks_before_losing_typing(qtbot, page: KindPage, answers: Answers) -> None:
    dialog = page.open_record(None)
    type_text(dialog.widget("title", QLineEdit), "议题")
    answers.discard = False
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert answers.asked == 1 and dialog.isVisible()
    answers.discard = True
    dialog.reject()
    assert not dialog.isVisible() and Interview.select().count() == 0


def test_search_filter_and_delete(
    qtbot, page: KindPage, ctx, people: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_interviews(ctx, people, 6)
    page.model.reload()
    assert page.count_label.text() == "共 6 条"
    type_text(page.search, "主题03")
    qtbot.waitUntil(lambda: page.model.total == 1)
    page.search.clear()
    page.apply_query()
    kind = page.filter_widgets["kind"]
    kind.setCurrentIndex(kind.findData("offline"))
    assert page.model.total == 3
    kind.setCurrentIndex(0)
    asked: list[str] = []
    monkeypatch.setattr(confirm, "confirm_delete", lambda _p, what: asked.append(what) or False)
    page.table.setCurrentIndex(page.model.index(0, 0))
    assert not page.delete_selected() and page.model.total == 6
    monkeypatch.setattr(confirm, "confirm_delete", lambda _p, what: asked.append(what) or True)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert page.model.total == 5 and asked[0].startswith("FT-")
    assert Interview.select().where(Interview.deleted_at.is_null(False)).count() == 1
