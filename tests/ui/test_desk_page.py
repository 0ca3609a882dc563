"""The desk: duty members, overdue and open referrals (clickable), quick buttons."""

from __future__ import annotations

from PySide6.QtCore import Qt

from studio_app.services import members
from studio_app.ui.main_window import MainWindow
from tests.ui.conftest import AddVisits, People


def test_desk_is_the_first_page_and_lists_cases(
    qtbot, window: MainWindow, add_visits: AddVisits, people: People
) -> None:
    desk = window.desk
    assert window.stack.currentWidget() is desk and window.nav.item(0).text() == "工作台"
    assert desk.duty.text() == "今天还没有登记来访。"
    add_visits(6)  # 100 days ago: visits 1 and 4 are referred, long overdue
    now = window.ctx.now_local()
    add_visits(1, start=now, members=[people.members["李梅"]])
    add_visits(
        1, start=now, members=[people.members["王建国"]], handling="referred", referred_unit="01"
    )
    desk.refresh()
    on_duty = [m.name for m in members.on_duty(window.ctx.today())]
    assert desk.duty.text() == "、".join(on_duty) and set(on_duty) == {"李梅", "王建国"}
    assert desk.overdue.total == 2 and desk.open_cases.total == 3
    assert desk.overdue_box.title() == "已超期的转办事项（2）"
    due = [desk.open_cases.index(r, 10).data() for r in range(3)]
    assert due == sorted(due)  # by due date, soonest first
    assert desk.recent.total == 8

    desk.overdue_table.setFocus()
    desk.overdue_table.setCurrentIndex(desk.overdue.index(0, 0))
    qtbot.keyClick(desk.overdue_table, Qt.Key.Key_Return)
    dialog = window.visits.dialog
    assert dialog is not None and dialog.record_id == desk.overdue.visit_id(0)
    assert window.stack.currentWidget() is window.visits
    dialog.reject()


def test_quick_buttons_and_shortcuts(qtbot, window: MainWindow) -> None:
    assert window.new_actions["interview"].shortcut().toString() == "Ctrl+Shift+I"
    assert window.new_actions["proposal"].shortcut().toString() == "Ctrl+Shift+P"
    assert window.new_actions["interview"].objectName() == "newInterviewAction"
    assert [window.desk.quick[k].text() for k in window.desk.quick] == [
        "新建来访（Ctrl+N）",
        "新建访谈",
        "新建提案/社情民意",
    ]
    window.desk.quick["interview"].click()
    interviews = window.kind_page("interview")
    assert interviews.dialog is not None
    assert interviews.dialog.windowTitle() == "新建访谈"
    interviews.dialog.reject()
    window.show_page(window.desk)
    window.desk.quick["proposal"].click()
    assert window.proposals.dialog is not None
    window.proposals.dialog.reject()
    window.show_page(window.desk)
    window.desk.quick["visit"].click()
    assert window.visits.dialog is not None and window.visits.dialog.windowTitle() == "新建来访"
    window.visits.dialog.reject()
