"""An office PC: a 1366×768 screen (less its taskbar) and a keyboard.

Every window fits the screen with its buttons in view, and a clerk moves a case through its
whole workflow without touching the mouse.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QPlainTextEdit, QWidget

from studio_app.core import kinds
from studio_app.services import visits
from studio_app.services.context import Context
from studio_app.ui import screen_fit
from studio_app.ui.app import build_main_window
from studio_app.ui.dialogs.kind_dialog import KindDialog
from studio_app.ui.dialogs.person_dialogs import MemberDialog, ResidentDialog
from studio_app.ui.dialogs.proposal_dialog import ProposalDialog
from studio_app.ui.dialogs.record_view import RecordViewDialog
from studio_app.ui.dialogs.resident_merge_dialog import ResidentMergeDialog
from studio_app.ui.dialogs.setup_wizard import SetupWizard
from studio_app.ui.dialogs.visit_dialog import VisitDialog
from studio_app.ui.error_dialog import DetailsDialog
from studio_app.ui.main_window import MainWindow
from studio_app.ui.widgets.optional_date import OptionalDateEdit
from studio_app.workspace import Workspace
from tests.ui.conftest import AddVisits, Answers, People, fields_of, type_text

# 1366×768 less a 40-pixel taskbar: what a maximised window may use.
OFFICE_SCREEN = QRect(0, 0, 1366, 728)
NO_MODIFIER = Qt.KeyboardModifier.NoModifier


@pytest.fixture
def office_screen(monkeypatch: pytest.MonkeyPatch) -> QRect:
    monkeypatch.setattr(screen_fit, "available", lambda _widget=None: OFFICE_SCREEN)
    return OFFICE_SCREEN


def assert_fits(window: QWidget) -> None:
    """The window, title bar included, is on the screen, and so is every button it shows."""
    assert window.width() <= OFFICE_SCREEN.width(), type(window).__name__
    assert window.height() + screen_fit.TITLE_BAR <= OFFICE_SCREEN.height(), type(window).__name__
    inside = window.rect()
    for button in window.findChildren(QAbstractButton):
        if button.isVisibleTo(window) and button.window() is window:
            corner = button.mapTo(window, button.rect().bottomRight())
            assert inside.contains(corner), (type(window).__name__, button.text())


def test_every_window_fits_a_1366_by_768_screen(
    qtbot: Any,
    office_screen: QRect,
    workspace: Workspace,
    ctx: Context,
    people: People,
    add_visits: AddVisits,
) -> None:
    (visit_id,) = add_visits(1, handling="referred", referred_unit="03")
    window = build_main_window(workspace)
    qtbot.addWidget(window)
    window.show()
    assert_fits(window)
    openers: list[Callable[[], QDialog]] = [
        lambda: VisitDialog(ctx),
        lambda: VisitDialog(ctx, visit_id),
        lambda: KindDialog(ctx, kinds.INTERVIEW),
        lambda: ProposalDialog(ctx),
        lambda: MemberDialog(ctx),
        lambda: ResidentDialog(ctx),
        lambda: RecordViewDialog(ctx, "visit", visit_id, "石桥镇政协委员工作室"),
        lambda: ResidentMergeDialog(ctx, people.residents["张三"], people.residents["李四"]),
        lambda: SetupWizard(workspace.data_dir.root),
        lambda: DetailsDialog(None, "出错了", "意外错误", "Traceback (most recent call):\n" * 80),
    ]
    for open_one in openers:
        dialog = open_one()
        qtbot.addWidget(dialog)
        dialog.show()
        assert_fits(dialog)
        dialog.done(0)


# -- the keyboard ----------------------------------------------------------------------------


def press(
    qtbot: Any, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """A key as the user presses it: to whatever has the focus."""
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, key, modifier)


def alt(qtbot: Any, dialog: QDialog, letter: Qt.Key, then: Callable[[], bool]) -> None:
    """Alt+``letter`` (a button's mnemonic: the button animates its click), until ``then``."""
    qtbot.keyClick(dialog, letter, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(then)


def status(visit_id: int) -> str:
    return str(visits.get(visit_id).status)


def tab_to(qtbot: Any, target: QWidget, limit: int = 60) -> int:
    """Press Tab until ``target`` has the focus; the number of presses."""
    for presses in range(1, limit + 1):
        press(qtbot, Qt.Key.Key_Tab)
        if QApplication.focusWidget() is target:
            return presses
    raise AssertionError(f"{target.objectName()} is never reached by Tab")


def test_a_case_moves_through_its_whole_workflow_by_keys_alone(
    qtbot: Any, window: MainWindow, ctx: Context, add_visits: AddVisits, answers: Answers
) -> None:
    (visit_id,) = add_visits(1, handling="referred", referred_unit="03")
    serial = visits.get(visit_id).serial
    page = window.visits
    window.show_page(page)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # to the search
    assert QApplication.focusWidget() is page.search
    qtbot.keyClicks(page.search, serial)
    press(qtbot, Qt.Key.Key_Return)  # searches, then goes to the results
    assert QApplication.focusWidget() is page.table and page.selected_id() == visit_id
    press(qtbot, Qt.Key.Key_Return)  # opens the case
    dialog = page.dialog
    assert isinstance(dialog, VisitDialog)
    qtbot.waitUntil(dialog.isActiveWindow)

    alt(qtbot, dialog, Qt.Key.Key_T, lambda: status(visit_id) == "in_progress")  # 开始办理(&T)
    form = fields_of(dialog)
    tab_to(qtbot, form.result)
    type_text(form.result, "已安排维修")  # (QTest types Latin keys only)
    tab_to(qtbot, form.feedback_at.edit)
    press(qtbot, Qt.Key.Key_Up)  # a key in the empty date fills it from today
    assert form.feedback_at.value() is not None
    alt(qtbot, dialog, Qt.Key.Key_F, lambda: status(visit_id) == "fed_back")  # 反馈(&F)
    # 办结(&L): 满意度 is empty, so it asks first
    alt(qtbot, dialog, Qt.Key.Key_L, lambda: status(visit_id) == "closed")
    assert answers.missing == [["满意度"]]
    assert dialog.cancel_button.text() == "关闭(&C)"  # nothing is left to cancel
    press(qtbot, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_tab_reaches_every_step_and_button_and_a_time_is_one_stop(
    qtbot: Any, window: MainWindow, add_visits: AddVisits
) -> None:
    (visit_id,) = add_visits(1, handling="referred", referred_unit="03")
    dialog = window.visits.open_record(visit_id)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    form = fields_of(dialog)
    form.occurred_at.setFocus()
    assert tab_to(qtbot, form.place) == 1  # year, month, day, hour, minute: one stop
    for button in (*dialog.steps.values(), dialog.save_button, dialog.cancel_button):
        if button.isVisibleTo(dialog):
            tab_to(qtbot, button)
    assert all("(&" in b.text() for b in (*dialog.steps.values(), dialog.save_button))
    dialog.reject()


def test_down_from_the_search_goes_into_the_results(
    qtbot: Any, window: MainWindow, add_visits: AddVisits
) -> None:
    add_visits(3)
    page = window.visits
    window.show_page(page)
    page.model.reload()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    page.search.setFocus()
    press(qtbot, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is page.table
    assert page.table.currentIndex().row() == 0
    page.search.setFocus()
    press(qtbot, Qt.Key.Key_Tab)  # Tab from the search: the results too
    assert QApplication.focusWidget() is page.table


def test_a_single_click_or_enter_takes_a_resident_match(
    qtbot: Any, window: MainWindow, people: People
) -> None:
    dialog = window.visits.open_record(None)
    picker = fields_of(dialog).residents
    type_text(picker.search, "张")
    item = picker.matches.item(0)
    rect = picker.matches.visualItemRect(item)
    qtbot.mouseClick(picker.matches.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert picker.existing_ids() == [people.residents["张三"]]
    dialog.reject()


def test_an_error_goes_as_its_field_is_fixed(qtbot: Any, window: MainWindow) -> None:
    dialog = window.visits.open_record(None)
    qtbot.waitExposed(dialog)
    dialog.save()  # nothing filled: refused
    assert dialog.error_of("content") == "必填"
    type_text(fields_of(dialog).content, "路灯不亮")
    assert dialog.error_of("content") == ""
    assert dialog.error_of("members") == "必填"  # the others stay until they are fixed
    dialog.reject()


def test_an_empty_optional_date_fills_from_today_when_typed_in(qtbot: Any) -> None:
    edit = OptionalDateEdit()
    qtbot.addWidget(edit)
    assert edit.value() is None and edit.edit.isEnabled()
    qtbot.keyClick(edit.edit, Qt.Key.Key_Tab)  # passing through leaves it empty
    assert edit.value() is None
    qtbot.keyClick(edit.edit, Qt.Key.Key_Up)
    assert edit.value() is not None and edit.check.isChecked()
    edit.check.setChecked(False)
    assert edit.value() is None


def test_closing_a_case_with_no_satisfaction_asks_and_can_go_back(
    qtbot: Any, window: MainWindow, add_visits: AddVisits, answers: Answers, ctx: Context
) -> None:
    (visit_id,) = add_visits(1, handling="referred", referred_unit="03")
    visits.advance(ctx, visit_id, "feed_back", {"result": "已修", "feedback_at": ctx.today()})
    dialog = window.visits.open_record(visit_id)
    answers.go_on = False
    dialog.steps["close"].click()
    assert answers.missing == [["满意度"]]
    assert visits.get(visit_id).status == "fed_back"  # went back to fill it in
    assert isinstance(fields_of(dialog).revisit_note, QPlainTextEdit)
    dialog.reject()
