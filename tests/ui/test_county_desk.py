"""The county's window: its own desk, the studios' records with a 工作室 column and filter,
read-only, and nothing to create. Two studios' packages are imported into a real county
database; one studio's last package is long ago."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QToolBar

from studio_app.core import kinds
from studio_app.exchange.export import export_studio
from studio_app.exchange.importer import import_package
from studio_app.paths import DataDir
from studio_app.services import county_desk, county_work, kind_records, members, proposals, site
from studio_app.services.context import Context
from studio_app.storage.models import Member, Site
from studio_app.ui.dialogs.record_view import RecordViewDialog
from studio_app.ui.main_window import MainWindow
from studio_app.ui.models.visit_table import COLUMNS
from studio_app.ui.pages.county_desk_page import CountyDeskPage
from studio_app.workspace import Workspace
from tests.conftest import fixed_clock
from tests.exchange.builders import fill
from tests.exchange.conftest import Install, county, out, studio, use  # noqa: F401

RED = "#b3261e"


def at(ctx: Context, days_ago: int) -> Context:
    when = ctx.now_utc() - timedelta(days=days_ago)
    return replace(ctx, clock=fixed_clock(when))


def submitted(ctx: Context, title: str, kind: str = "proposal") -> Any:
    lead = Member.get_or_none() or members.create(ctx, {"name": "林海"})
    row = proposals.create(ctx, {"kind": kind, "title": title, "lead_member": lead.id,
                                 "facts": "事实", "recommendations": "建议"})  # fmt: skip
    return proposals.submit(ctx, row.id)


def send(inst: Install, county: Install, out: Path, days_ago: int) -> None:  # noqa: F811
    with inst as ctx:
        result = export_studio(ctx, out)
        assert result.path is not None
    with county as cctx:
        assert import_package(at(cctx, days_ago), result.path).applied


@pytest.fixture
def county_data(tmp_path: Path, studio: Install, county: Install, out: Path) -> Install:  # noqa: F811
    """SQZ (石桥镇): the builder's records, last package 50 days ago; its proposal's reply is
    overdue. DAZ (东岙镇): two proposals waiting, a 社情民意 adopted; a package 3 days ago."""
    with studio as ctx:
        made = fill(ctx)
        lead = Member.select().first()
        kind_records.create(ctx, kinds.ACTIVITY, {
            "title": "视察县城污水处理厂", "kind": "视察", "organiser": "studio",
            "starts_at": "2026-03-02 09:00",
            "attendance": [{"member": lead.id, "attendance": "present"}],
        })  # fmt: skip
    send(studio, county, out, 50)
    path = tmp_path / "studio2.sqlite3"
    use(path)
    daz = Install(path, site.context_for(site.setup("studio", "东岙镇政协委员工作室", "DAZ")))
    with daz as ctx2:
        submitted(ctx2, "关于垃圾分类的提案")
        submitted(ctx2, "关于河道保洁的提案")
        done = submitted(ctx2, "关于养老服务的社情民意", "sqmy")
    send(daz, county, out, 3)
    with county as cctx:
        late = made["proposal"].uuid
        county_work.review(cctx, late, "accepted")
        today = cctx.today()
        county_work.assign(cctx, [late], "01", on=today - timedelta(days=100),
                           due=today - timedelta(days=10))  # fmt: skip
        county_work.review(cctx, done.uuid, "accepted")
        county_work.adopt(cctx, done.uuid, "city")
    return county


@pytest.fixture
def window(qtbot: Any, county_data: Install) -> Iterator[MainWindow]:
    """The county's main window, shown (offscreen)."""
    from studio_app.ui.app import build_main_window

    with county_data:
        workspace = Workspace(DataDir(county_data.path.parent), site.local_site())
        window = build_main_window(workspace)
        qtbot.addWidget(window)
        window.show()
        yield window


def texts(window: MainWindow) -> list[str]:
    found = [b.text() for b in window.findChildren(QAbstractButton) if b.isVisibleTo(window)]
    return found + [a.text() for a in window.findChildren(QAction)]


def test_the_county_window_shows_the_county_desk(qtbot, window: MainWindow) -> None:
    desk = window.desk
    assert isinstance(desk, CountyDeskPage) and window.stack.currentWidget() is desk
    assert window.nav.item(0).text() == "工作台"
    assert not any("新建" in t or t.startswith("New") for t in texts(window))
    assert not hasattr(window, "new_visit_action") and window.new_actions == {}
    shortcuts = {a.shortcut().toString() for a in window.findChildren(QAction)}
    assert not shortcuts & {"Ctrl+N", "Ctrl+Shift+I", "Ctrl+Shift+P"}
    assert window.findChild(QToolBar, "mainToolbar") is None

    assert desk.desk is not None and desk.desk.waiting_total == 2
    titles = [desk.waiting.topLevelItem(n).text(3) for n in range(2)]
    assert titles == ["关于垃圾分类的提案", "关于河道保洁的提案"]
    assert desk.waiting_box.title().startswith("待审查（2）")
    unit = desk.overdue.topLevelItem(0)
    assert (unit.text(0), unit.text(1), unit.childCount()) == ("县住建局", "1", 1)
    assert unit.child(0).text(0).endswith("关于修缮东岙村道路的建议")
    assert unit.child(0).text(1) == "石桥镇政协委员工作室"
    assert "市 1" in desk.adopted_counts.text()
    assert desk.adopted.topLevelItem(0).text(3) == "关于养老服务的社情民意"


def test_an_overdue_studio_is_red_with_the_days(qtbot, window: MainWindow) -> None:
    studios = window.desk.studios
    rows = {studios.topLevelItem(n).text(0): studios.topLevelItem(n) for n in range(2)}
    late, recent = rows["石桥镇政协委员工作室"], rows["东岙镇政协委员工作室"]
    assert late.foreground(2).color().name() == RED
    assert "50" in late.toolTip(2)
    assert recent.foreground(2).color().name() != RED and recent.toolTip(2) == ""
    assert (late.text(1), late.text(3), recent.text(3)) == ("1", "0", "2")
    summary = window.desk.summary
    assert summary.isVisibleTo(window) and str(county_desk.OVERDUE_DAYS) in summary.text()


def test_tab_to_the_waiting_list_and_enter_opens_the_work_dialog(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[int] = []
    monkeypatch.setattr(window, "open_county_work", opened.append)
    desk = window.desk
    window.activateWindow()
    desk.import_button.setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is desk.train  # 直通车 first (none here)
    qtbot.keyClick(desk.train, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is desk.waiting
    qtbot.keyClick(desk.waiting, Qt.Key.Key_Down)
    qtbot.keyClick(desk.waiting, Qt.Key.Key_Return)
    second = desk.desk.waiting[1]  # type: ignore[union-attr]
    assert opened == [second.id]
    qtbot.keyClick(desk.waiting, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is desk.overdue  # the work in order, then the studios
    unit = desk.overdue.currentItem()
    assert unit is desk.overdue.topLevelItem(0) and not unit.isExpanded()
    qtbot.keyClick(desk.overdue, Qt.Key.Key_Return)  # a unit opens…
    assert unit.isExpanded() and opened == [second.id]
    qtbot.keyClick(desk.overdue, Qt.Key.Key_Down)
    qtbot.keyClick(desk.overdue, Qt.Key.Key_Return)  # …and its record opens the dialog
    assert opened[-1] == desk.desk.overdue[0].items[0].id  # type: ignore[union-attr]
    qtbot.keyClick(desk.overdue, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is desk.adopted
    qtbot.keyClick(desk.adopted, Qt.Key.Key_Return)
    assert opened[-1] == desk.desk.adopted.latest[0].id  # type: ignore[union-attr]
    qtbot.keyClick(desk.adopted, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is desk.studios
    qtbot.keyClick(desk.studios, Qt.Key.Key_Return)  # a studio: its packages
    assert window.stack.currentWidget() is window.exchange


def test_the_work_dialog_opens_and_refreshes_the_desk(qtbot, window: MainWindow) -> None:
    pytest.importorskip("studio_app.ui.dialogs.county_dialog")
    desk = window.desk
    first = desk.desk.waiting[0]  # type: ignore[union-attr]
    dialog = window.open_county_work(first.id)
    assert window.county_dialog is dialog and dialog.isVisible()
    assert window.open_county_work(first.id) is dialog  # one at a time
    county_work.review(window.ctx, first.id, "accepted")  # as the dialog would
    dialog.accept()
    assert window.county_dialog is None
    assert desk.desk.waiting_total == 1  # type: ignore[union-attr]
    assert desk.waiting.topLevelItemCount() == 1
    assert desk.waiting_box.title().startswith("待审查（1）")


def test_the_import_button_goes_to_the_exchange_page(qtbot, window: MainWindow) -> None:
    window.exchange.choose_open = lambda *_args: None  # the clerk cancels the file chooser
    window.desk.import_button.click()
    assert window.stack.currentWidget() is window.exchange
    county_work.review(window.ctx, window.desk.desk.waiting[0].id, "accepted")
    window.members.filter_widgets["studio"].setCurrentIndex(1)  # 东岙镇
    new_studio = {"kind": "studio", "name": "新安镇政协委员工作室", "code": "XAZ"}
    Site.create(uuid="x" * 36, created_at=datetime(2026, 1, 1), **new_studio)  # as imports do
    window.exchange.imported.emit()  # an import read the desk again
    assert window.desk.waiting.topLevelItemCount() == 1
    combo = window.visits.filter_widgets["studio"]
    assert [combo.itemText(i) for i in range(combo.count())][-1] == "新安镇政协委员工作室"
    members_filter = window.members.filter_widgets["studio"]
    assert members_filter.count() == 4 and members_filter.currentText() == "东岙镇政协委员工作室"


def test_visits_have_a_studio_column_and_filter_and_open_read_only(
    qtbot, window: MainWindow, county_data: Install
) -> None:
    page = window.visits
    window.show_page(page)
    model = page.model
    assert model.columnCount() == len(COLUMNS) + 1
    assert model.headerData(len(COLUMNS), Qt.Orientation.Horizontal) == "工作室"
    assert {model.index(r, len(COLUMNS)).data() for r in range(model.rowCount())} == {
        "石桥镇政协委员工作室"
    }
    combo = page.filter_widgets["studio"]
    assert combo.isVisibleTo(window)
    assert [combo.itemText(i) for i in range(1, combo.count())] == [
        "东岙镇政协委员工作室",
        "石桥镇政协委员工作室",
    ]
    total = model.total
    combo.setCurrentIndex(1)  # 东岙镇: no visits
    qtbot.waitUntil(lambda: model.total == 0)
    combo.setCurrentIndex(2)
    qtbot.waitUntil(lambda: model.total == total)
    assert page.new_button.isHidden() and page.grow_buttons["proposal"].isHidden()

    page.table.setFocus()
    page.table.setCurrentIndex(model.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.dialog
    assert isinstance(dialog, RecordViewDialog)
    assert "石桥镇政协委员工作室" in dialog.note.text()
    assert model.index(0, 0).data() in dialog.panel.text()
    dialog.reject()
    assert page.dialog is None
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)  # nothing to delete at the county
    assert model.total == total


@pytest.mark.parametrize("name", ["members", "residents", "interview", "activity"])
def test_list_pages_show_studios_read_only(qtbot, window: MainWindow, name: str) -> None:
    page = window.lazy_page(name)
    window.show_page(page)
    keys = [c.key for c in page.model.columns]
    assert keys[-1] == "studio"
    shown = {page.model.index(r, len(keys) - 1).data() for r in range(page.model.rowCount())}
    assert "石桥镇政协委员工作室" in shown and shown <= {
        "石桥镇政协委员工作室",
        "东岙镇政协委员工作室",
    }
    assert isinstance(page.filter_widgets["studio"], QComboBox)
    assert page.new_button.isHidden() and page.delete_button.isHidden()
    for extra in ("merge_button", "undo_merge_button", "convert_button"):
        if hasattr(page, extra):
            assert getattr(page, extra).isHidden()
    assert all(b.isHidden() for b in getattr(page, "grow_buttons", {}).values())
    dialog = page.open_record(page.model.record_id(0))
    assert isinstance(dialog, RecordViewDialog) and dialog.isVisible()
    dialog.reject()
    assert page.delete_selected() is False


def test_shortcut_to_new_visit_does_nothing_at_the_county(qtbot, window: MainWindow) -> None:
    window.show_page(window.visits)
    window.visits.table.setFocus()
    qtbot.keySequence(window, QKeySequence(QKeySequence.StandardKey.New))
    assert window.visits.dialog is None


def test_the_trash_names_the_studio(qtbot, window: MainWindow) -> None:
    window.show_page(window.trash)
    for model in window.trash.models.values():
        assert model.columns[-1].key == "studio"
