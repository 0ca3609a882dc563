"""The desk: the day, who is on duty, overdue and soon-due referrals, what came back from
the county, today's visits (all clickable)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from studio_app.services import members
from studio_app.services.context import Context
from studio_app.ui.main_window import MainWindow
from tests.ui.conftest import AddVisits, People


def test_desk_is_the_first_page_and_lists_the_days_work(
    qtbot, window: MainWindow, add_visits: AddVisits, people: People
) -> None:
    desk = window.desk
    assert window.stack.currentWidget() is desk and window.nav.item(0).text() == "工作台"
    assert desk.duty.text() == "今天还没有登记来访。"
    assert desk.today_label.text().startswith(f"今天：{window.ctx.today().isoformat()}，星期")
    add_visits(6)  # 100 days ago: visits 1 and 4 are referred, long overdue
    now = window.ctx.now_local()
    add_visits(1, start=now, members=[people.members["李梅"]])
    add_visits(
        1, start=now, members=[people.members["王建国"]], handling="referred", referred_unit="01"
    )  # due in 15 days: neither overdue nor due this week
    add_visits(
        1, start=now, handling="referred", referred_unit="01",
        due_at=window.ctx.today() + timedelta(days=2),
    )  # fmt: skip
    desk.refresh()
    on_duty = [m.name for m in members.on_duty(window.ctx.today())]
    assert desk.duty.text() == "今日值班委员：" + "、".join(sorted(on_duty, key=on_duty.index))
    assert desk.overdue.total == 2 and desk.due_soon.total == 1  # no case in both
    assert desk.overdue_box.title() == "已超期的转办事项（2）"
    assert desk.due_box.title() == "7天内到期（1）"
    assert desk.recorded_today.total == 3 and desk.today_box.title() == "今日登记（3）"
    assert not hasattr(desk, "quick")  # new records start from the toolbar: no duplicates

    desk.overdue_table.setFocus()
    desk.overdue_table.setCurrentIndex(desk.overdue.index(0, 0))
    qtbot.keyClick(desk.overdue_table, Qt.Key.Key_Return)
    dialog = window.visits.dialog
    assert dialog is not None and dialog.record_id == desk.overdue.visit_id(0)
    assert window.stack.currentWidget() is window.visits
    dialog.reject()


def test_the_desk_shows_what_came_back_from_the_county(
    qtbot, window: MainWindow, ctx: Context, people: People
) -> None:
    from studio_app.services import proposals
    from studio_app.storage.models import Proposal

    lead = people.members["李梅"]
    answered = proposals.create(
        ctx, {"kind": "proposal", "title": "关于修路的提案", "lead_member": lead}
    )
    proposals.create(ctx, {"kind": "proposal", "title": "还在起草", "lead_member": lead})
    # as a county feedback package leaves it: county fields written, county_rev raised
    Proposal.update(review="accepted", county_rev=1).where(Proposal.id == answered.id).execute()
    desk = window.desk
    desk.refresh()
    assert desk.feedback.total == 1
    assert desk.feedback.row_values(0)["title"] == "关于修路的提案"
    assert desk.feedback_box.title() == "县政协反馈（近30天，1）"
    desk.feedback_table.setCurrentIndex(desk.feedback.index(0, 0))
    qtbot.keyClick(desk.feedback_table, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.proposals
    assert window.proposals.dialog is not None
    window.proposals.dialog.reject()


def test_new_records_start_from_the_toolbar(qtbot, window: MainWindow) -> None:
    assert window.new_actions["visit"].shortcut().toString() == "Ctrl+N"
    assert window.new_actions["interview"].shortcut().toString() == "Ctrl+Shift+I"
    assert window.new_actions["proposal"].shortcut().toString() == "Ctrl+Shift+P"
    assert window.new_actions["interview"].objectName() == "newInterviewAction"
    assert window.new_actions["visit"].toolTip() == "新建来访（Ctrl+N）"
    window.new_actions["interview"].trigger()
    interviews = window.kind_page("interview")
    assert interviews.dialog is not None
    assert interviews.dialog.windowTitle() == "新建访谈"
    interviews.dialog.reject()
    window.new_actions["visit"].trigger()
    assert window.visits.dialog is not None and window.visits.dialog.windowTitle() == "新建来访"
    window.visits.dialog.reject()


def test_the_desk_lists_overdue_items_and_opens_their_record(
    qtbot, window: MainWindow, ctx: Context, people: People
) -> None:
    """An activity's follow-up past its date and not done shows in red; Enter opens it."""
    from studio_app.core import kinds
    from studio_app.services import kind_records

    desk = window.desk
    desk.refresh()
    assert desk.items_box.isHidden()  # nothing overdue: no empty box
    past = ctx.today() - timedelta(days=3)
    values = {
        "title": "视察水库",
        "kind": "07",
        "organiser": "studio",
        "starts_at": "2026-10-09 09:00",
        "attendance": [{"member": people.members["李梅"], "attendance": "present"}],
        "follow_ups": [
            {"item": "清理溢洪道", "unit": "县水利局", "due": past, "status": "in_progress"},
            {"item": "加装护栏", "due": past, "status": "done", "done_on": past},
        ],
    }
    record = kind_records.create(ctx, kinds.ACTIVITY, values)
    desk.refresh()
    assert not desk.items_box.isHidden()
    assert desk.items_box.title() == "逾期事项（1）"
    table = desk.items_table
    row = [table.item(0, c).text() for c in range(table.columnCount())]
    assert row == [record.serial, "视察水库", "清理溢洪道（推进中）", "县水利局", past.isoformat()]
    table.setCurrentCell(0, 2)
    with qtbot.waitSignal(desk.openRecord) as opened:
        table.activated.emit(table.currentIndex())
    assert opened.args == ["activity", record.id]
