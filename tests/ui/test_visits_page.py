"""The visits page: main window, search-as-you-type, filters, sorting from the header."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from studio_app.services.context import Context
from studio_app.ui.app import build_main_window
from studio_app.ui.main_window import MainWindow
from studio_app.ui.models.visit_table import COLUMNS
from studio_app.ui.pages.visits_page import VisitsPage
from studio_app.workspace import Workspace
from tests.ui.conftest import AddVisits, FilterBar, People, type_text


def column(page: VisitsPage, key: str) -> list[str]:
    model = page.model
    return [model.index(r, COLUMNS.index(key)).data() for r in range(model.rowCount())]


def test_main_window_shows_the_site_the_page_and_the_total(
    window: MainWindow, add_visits: AddVisits
) -> None:
    assert window.windowTitle() == "委员工作室履职台账 — 石桥镇政协委员工作室"
    assert window.nav.item(1).text() == "接待走访"
    assert window.stack.currentWidget() is window.desk
    assert window.count_label.text() == ""  # the desk lists no one kind
    window.show_page(window.visits)
    assert window.count_label.text() == "共 0 条接待走访记录"
    add_visits(3)
    window.visits.model.reload()
    assert window.count_label.text() == "共 3 条接待走访记录"
    assert window.visits.count_label.text() == "共 3 条"


def test_ctrl_n_opens_the_new_visit_dialog(qtbot, window: MainWindow) -> None:
    assert window.new_actions["visit"].shortcut().toString() == "Ctrl+N"
    window.new_actions["visit"].trigger()
    dialog = window.visits.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "新建来访"
    dialog.reject()
    assert window.visits.dialog is None


def test_search_filters_after_a_pause(qtbot, window: MainWindow, add_visits: AddVisits) -> None:
    add_visits(30)
    page = window.visits
    window.show_page(page)
    page.model.reload()
    assert page.model.total == 30
    type_text(page.search, "水渠")
    assert page.model.total == 30  # nothing yet: the search waits for a pause in typing
    qtbot.waitUntil(lambda: page.model.total == 10)
    assert all("水渠" in text for text in column(page, "content"))
    assert window.count_label.text() == "共 10 条接待走访记录"
    page.search.clear()
    qtbot.waitUntil(lambda: page.model.total == 30)


def test_search_finds_serials(qtbot, window: MainWindow, add_visits: AddVisits) -> None:
    add_visits(12)
    page = window.visits
    page.model.reload()
    serial = column(page, "serial")[0]
    qtbot.keyClicks(page.search, serial)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)  # Enter searches at once
    assert column(page, "serial") == [serial]


def test_filters(qtbot, ctx: Context, window: MainWindow, add_visits: AddVisits) -> None:
    add_visits(30)  # every third visit is referred, due 15 days later (long overdue)
    today_start = datetime.combine(ctx.today(), time())  # today at any hour, never future
    add_visits(1, start=today_start, channel="phone")
    page, bar = window.visits, FilterBar(window.visits)
    page.model.reload()
    assert page.model.total == 31

    bar.status.setCurrentIndex(bar.status.findText("已转办"))
    assert page.model.total == 10
    assert set(column(page, "status")) == {"已转办"}
    bar.overdue.setChecked(True)
    assert page.model.total == 10
    bar.clear()
    assert page.model.total == 31

    bar.channel.setCurrentIndex(bar.channel.findText("电话"))
    assert set(column(page, "channel")) == {"电话"}
    assert page.model.total == 7
    bar.clear()

    bar.category.setCurrentIndex(bar.category.findData("02"))
    assert page.model.total == 3
    bar.clear()

    bar.date_from.set_value(ctx.today())
    assert page.model.total == 1
    bar.date_from.set_value(None)
    bar.date_to.set_value(ctx.today() - timedelta(days=99))
    assert 0 < page.model.total < 31
    assert max(column(page, "occurred_at")) < (ctx.today() - timedelta(days=98)).isoformat()


def test_header_click_sorts_in_sql(qtbot, window: MainWindow, add_visits: AddVisits) -> None:
    add_visits(40)
    page = window.visits
    page.model.reload()
    header = page.table.horizontalHeader()

    def click(key: str) -> None:
        section = COLUMNS.index(key)
        x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
        qtbot.mouseClick(
            header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
        )
        QApplication.processEvents()

    newest_first = column(page, "occurred_at")
    assert newest_first == sorted(newest_first, reverse=True)
    click("occurred_at")
    oldest_first = column(page, "occurred_at")
    assert oldest_first == sorted(oldest_first)
    assert oldest_first[0] == min(newest_first)
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder

    click("serial")
    names = column(page, "serial")
    assert names == sorted(names, reverse=True)
    assert header.sortIndicatorSection() == COLUMNS.index("serial")

    click("content")  # not sortable: order and indicator stay
    assert column(page, "serial") == names
    assert header.sortIndicatorSection() == COLUMNS.index("serial")


def test_scrolling_fetches_more(qtbot, window: MainWindow, add_visits: AddVisits) -> None:
    add_visits(250)
    page = window.visits
    page.model.reload()
    assert page.model.rowCount() == 200
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() == 250)


def test_double_click_opens_the_visit(qtbot, window: MainWindow, add_visits: AddVisits) -> None:
    ids = add_visits(3)
    page = window.visits
    page.model.reload()
    rect = page.table.visualRect(page.model.index(1, COLUMNS.index("content")))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.dialog is not None
    assert page.dialog.record_id == page.model.visit_id(1) == ids[1]
    page.dialog.reject()


def test_member_and_village_filters(
    qtbot, people: People, add_visits: AddVisits, workspace: Workspace
) -> None:
    add_visits(12)  # members and residents in turn: 4 visits per member, 6 per resident
    window = build_main_window(workspace)
    qtbot.addWidget(window)
    page, bar = window.visits, FilterBar(window.visits)
    bar.member.setCurrentIndex(bar.member.findText("李梅"))
    assert page.model.total == 4
    assert set(column(page, "member_names")) == {"李梅"}
    bar.village.setCurrentIndex(bar.village.findText("东村"))  # 张三 lives there
    assert page.model.total == 2
    assert set(column(page, "resident_names")) == {"张三"}
    assert bar.filters() == {"member": str(people.members["李梅"]), "village": "东村"}
    bar.clear()
    assert page.model.total == 12
    bar.set_filters({"village": "西村"})
    page.apply_query()
    assert page.model.total == 6 and set(column(page, "resident_names")) == {"李四"}
