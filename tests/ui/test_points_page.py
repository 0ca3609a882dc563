"""履职积分 in the window: the page's totals, groups and minimums not met, sorted and
filtered; a member's year with its entries, each opening its record; the county's rules in
the settings (edited, a refused value put back) and a studio's read-only; the county's
adjustment with a reason; a 1366×768 screen; the keyboard."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtTest import QTest

from studio_app.core import kinds
from studio_app.services import kind_records, members, points, proposals
from studio_app.services.context import Context
from studio_app.storage.models import database
from studio_app.ui.app import build_main_window
from studio_app.ui.dialogs import member_points_dialog as mpd
from studio_app.ui.models import points_table as pt
from studio_app.ui.pages.points_page import PointsPage
from studio_app.ui.pages.settings.point_rules import CAP, POINTS, PointRulesTab
from studio_app.workspace import Workspace
from tests.conftest import fixed_clock
from tests.services.test_points import activity
from tests.ui.conftest import Answers
from tests.ui.test_office_pc import assert_fits, office_screen  # noqa: F401

YEAR = 2026


@pytest.fixture
def year(ctx: Context) -> dict[str, Any]:
    """王建国 attends three activities, leads an accepted proposal and a 社情民意: 30 points,
    every minimum met; 陈芳 contacts residents 12 times: 12; 李梅 co-signs the proposal and
    misses the first activity without leave: −2, every minimum missed."""
    june = dataclasses.replace(ctx, clock=fixed_clock(datetime(YEAR, 6, 1, 10)))
    wang = members.create(ctx, {"name": "王建国"}).id
    lee = members.create(ctx, {"name": "李梅"}).id
    chen = members.create(ctx, {"name": "陈芳"}).id
    first = activity(ctx, f"{YEAR}-03-02", [{"member": wang, "attendance": "present"},
                                            {"member": lee, "attendance": "absent"}])  # fmt: skip
    activity(ctx, f"{YEAR}-04-02", [{"member": wang, "attendance": "present"}])
    activity(ctx, f"{YEAR}-05-02", [{"member": wang, "attendance": "present"}])
    text = {"facts": "部分村供水管网老化", "recommendations": "分批改造"}
    lead = proposals.create(june, {"kind": "proposal", "title": "关于农村供水改造的提案",
                                   "lead_member": wang, "co_signers": [lee], **text})  # fmt: skip
    proposals.submit(june, lead.id)
    database.execute_sql("UPDATE proposal SET review = 'accepted' WHERE id = ?", (lead.id,))
    sqmy = proposals.create(june, {"kind": "sqmy", "title": "村道", "lead_member": wang, **text})
    proposals.submit(june, sqmy.id)
    for n in range(12):
        kind_records.create(ctx, kinds.CONTACT, {
            "member": chen, "contacted_at": f"{YEAR}-06-{n + 1:02d} 10:00",
            "channel": "phone", "contacted_member": wang, "content": f"电话沟通{n}",
        })  # fmt: skip
    return {"wang": wang, "lee": lee, "chen": chen, "first": first}


def county_of(ctx: Context) -> Context:
    return dataclasses.replace(ctx, site_kind="county")


def page_of(qtbot: Any, ctx: Context, **kw: Any) -> PointsPage:
    page = PointsPage(ctx, None, **kw)
    qtbot.addWidget(page)
    page.year.setValue(YEAR)
    return page


def cell(page: PointsPage, member_id: int, key: str, role: int = 0) -> Any:
    row = page.row_of(member_id)
    assert row is not None
    return page.proxy.index(row, page.model.column_of(key)).data(role)


def test_the_page_shows_the_totals_and_the_minimums_not_met(
    qtbot: Any, ctx: Context, year: dict[str, Any]
) -> None:
    page = page_of(qtbot, ctx)
    assert page.shown_members() == [year["wang"], year["chen"], year["lee"]]  # highest first
    assert [cell(page, year[m], pt.TOTAL) for m in ("wang", "chen", "lee")] == ["30", "12", "-2"]
    assert cell(page, year["wang"], "activity") == "15"
    assert cell(page, year["wang"], "proposal") == "15"
    assert cell(page, year["lee"], "activity") == "-5"
    assert cell(page, year["chen"], "activity") == ""  # no entries: blank
    tip = cell(page, year["wang"], "proposal", Qt.ItemDataRole.ToolTipRole)
    assert "提案立案（第一提案人）: 15 (1×)" in tip and "报送社情民意信息: 0 (1×)" in tip
    assert cell(page, year["wang"], pt.UNMET) == ""
    unmet = cell(page, year["lee"], pt.UNMET)
    assert unmet.startswith(page.model.tr("Not met: {0}").format("")[:3])
    assert "至少提交1件提案" in unmet and "无无故缺席" in unmet
    assert cell(page, year["lee"], pt.UNMET, Qt.ItemDataRole.ForegroundRole) == pt.RED
    assert cell(page, year["lee"], pt.TOTAL, Qt.ItemDataRole.ForegroundRole) == pt.RED  # < 0
    titles = [c.key for c in page.model.columns]
    assert titles == [pt.NAME, pt.TOTAL, pt.UNMET, "proposal", "activity", "contact"]
    assert page.model.column_of(pt.STUDIO) == -1  # a studio's own members
    activity(ctx, f"{YEAR}-07-01", [{"member": year["chen"], "attendance": "present"}])
    assert cell(page, year["chen"], pt.TOTAL) == "17"  # the page follows the records
    assert cell(page, year["chen"], "activity") == "5"
    page.year.setValue(YEAR - 1)
    assert cell(page, year["wang"], pt.TOTAL) == "0"


def test_sorting_and_only_members_missing_a_minimum(
    qtbot: Any, ctx: Context, year: dict[str, Any]
) -> None:
    page = page_of(qtbot, ctx)
    total = page.model.column_of(pt.TOTAL)
    page.table.sortByColumn(total, Qt.SortOrder.AscendingOrder)
    assert page.shown_members() == [year["lee"], year["chen"], year["wang"]]
    page.table.sortByColumn(page.model.column_of("contact"), Qt.SortOrder.DescendingOrder)
    assert page.shown_members()[0] == year["chen"]
    page.table.sortByColumn(page.model.column_of(pt.UNMET), Qt.SortOrder.DescendingOrder)
    assert page.shown_members()[0] == year["lee"]  # four minimums missed
    page.table.selectRow(page.row_of(year["chen"]) or 0)
    page.missing_only.setChecked(True)
    assert set(page.shown_members()) == {year["lee"], year["chen"]}
    assert page.current_member() == year["chen"]  # kept through the reload
    assert page.summary.text() == (
        page.tr("%n member(s)", "", 3) + page.tr(", ") + page.tr("%n missing a minimum", "", 2)
    )


def test_the_members_year_lists_its_entries_and_opens_their_records(
    qtbot: Any, ctx: Context, workspace: Workspace, year: dict[str, Any]
) -> None:
    window = build_main_window(workspace)
    qtbot.addWidget(window)
    window.show()
    page = window.lazy_page("points")
    assert isinstance(page, PointsPage)
    window.show_page(page)
    page.year.setValue(YEAR)
    page.table.setFocus()
    page.table.setCurrentIndex(page.proxy.index(page.row_of(year["lee"]) or 0, 0))
    QTest.keyClick(page.table, Qt.Key.Key_Return)  # Enter opens the member's year
    dialog = page.dialog
    assert isinstance(dialog, mpd.MemberPointsDialog) and dialog.isVisible()
    rows = [[dialog.entries.item(r, c).text() for c in range(4)]
            for r in range(dialog.entries.rowCount())]  # fmt: skip
    assert rows == [
        [f"{YEAR}-03-02", year["first"].serial, "无故缺席委员活动", "-5"],
        [f"{YEAR}-06-01", rows[1][1], "提案立案（联名人）", "+3"],
    ]
    rules = {dialog.rules.item(r, 0).text(): dialog.rules.item(r, 2).text()
             for r in range(dialog.rules.rowCount())}  # fmt: skip
    assert rules == {"提案立案（联名人）": "3", "无故缺席委员活动": "-5", dialog.tr("Total"): "-2"}
    has = dialog.tr("✗ {0} (has {1})").format("至少参加3次委员活动", 0)
    assert has in dialog.minimums.text()
    assert not dialog.adjust_button.isVisibleTo(dialog)  # a studio does not adjust
    assert not dialog.adjustments_box.isVisibleTo(dialog)
    QTest.keyClick(dialog, Qt.Key.Key_Escape)  # Esc closes
    assert page.dialog is None and not dialog.isVisible()

    dialog = page.open_member(year["lee"])
    assert isinstance(dialog, mpd.MemberPointsDialog)
    dialog.entries.setCurrentCell(0, 0)
    QTest.keyClick(dialog.entries, Qt.Key.Key_Return)  # the activity it was missed at
    activities = window.kind_page("activity")
    assert window.stack.currentWidget() is activities and page.dialog is None
    opened = activities.dialog
    assert opened is not None and opened.isVisible()
    assert opened.record_id == year["first"].id
    opened.reject()


def test_the_county_edits_a_rule_and_the_page_follows(
    qtbot: Any, ctx: Context, year: dict[str, Any], answers: Answers
) -> None:
    county = county_of(ctx)
    page = page_of(qtbot, county)
    assert page.studio is not None and page.model.column_of(pt.STUDIO) == 1
    tab = PointRulesTab(county)
    qtbot.addWidget(tab)
    tab.year.setValue(YEAR)
    assert not tab.notice.isVisibleTo(tab)
    assert tab.set_figure("activity.present", POINTS, "8")
    assert points.rules(YEAR)["activity.present"].points == 8
    assert points.rules(YEAR - 1)["activity.present"].points == 5  # that year only
    assert cell(page, year["wang"], pt.TOTAL) == "39"  # 3 × 8 + 15, read again
    assert tab.set_figure("contact.member", CAP, "10")
    assert cell(page, year["chen"], pt.TOTAL) == "10"
    assert not tab.set_figure("contact.member", CAP, "-3")  # refused: put back
    assert answers.errors[-1].startswith("分值应在")
    assert points.rules(YEAR)["contact.member"].cap == 10
    assert not tab.set_figure("activity.present", POINTS, "八")
    assert len(answers.errors) == 2 and points.rules(YEAR)["activity.present"].points == 8
    assert tab.set_figure("contact.member", CAP, "")  # blank: no cap
    assert points.rules(YEAR)["contact.member"].cap is None
    assert tab.set_figure("activity.present", POINTS, "5")  # the default again
    assert database.execute_sql("SELECT code, cap FROM point_rule").fetchall() == [
        ("contact.member", None)
    ]
    assert cell(page, year["wang"], pt.TOTAL) == "30"


def test_the_county_edits_a_minimum_and_the_page_follows(
    qtbot: Any, ctx: Context, year: dict[str, Any], answers: Answers
) -> None:
    county = county_of(ctx)
    page = page_of(qtbot, county)
    tab = PointRulesTab(county)
    qtbot.addWidget(tab)
    tab.year.setValue(YEAR)
    table = tab.minimums
    assert table.item(2, 0).text() == "至少参加3次委员活动"
    assert table.item(2, 2).flags() & Qt.ItemFlag.ItemIsEditable
    assert table.set_figure("activities", "4")  # 王建国 attended three
    assert table.item(2, 0).text() == "至少参加4次委员活动" and table.item(2, 2).font().bold()
    assert "至少参加4次委员活动" in cell(page, year["wang"], pt.UNMET)
    assert table.set_figure("activities", "0")  # not required that year
    assert "not required" in table.item(2, 0).text() or "不作要求" in table.item(2, 0).text()
    assert "委员活动" not in cell(page, year["lee"], pt.UNMET)
    assert not table.set_figure("absence", "-1")  # refused: put back
    assert answers.errors and table.item(3, 2).text() == "0"
    assert table.set_figure("activities", "3")  # the default: the year's own figure goes
    assert points.county_figures()["point_requirements"] == []


def test_a_studio_sees_the_rules_read_only(qtbot: Any, ctx: Context) -> None:
    tab = PointRulesTab(ctx)
    qtbot.addWidget(tab)
    reason = points.read_only_reason(ctx)
    assert reason and tab.notice.isVisibleTo(tab) and reason in tab.notice.text()
    row = tab.row_of("visit.member")
    assert [tab.table.item(row, c).text() for c in range(4)] == ["接待走访群众", "2", "2", "40"]
    for column in range(4):
        assert not tab.table.item(row, column).flags() & Qt.ItemFlag.ItemIsEditable
    assert tab.table.editTriggers() == tab.table.EditTrigger.NoEditTriggers
    assert tab.minimums.editTriggers() == tab.table.EditTrigger.NoEditTriggers
    assert not tab.minimums.item(0, 2).flags() & Qt.ItemFlag.ItemIsEditable


def test_the_county_adjusts_a_year_with_a_reason(
    qtbot: Any,
    ctx: Context,
    year: dict[str, Any],
    answers: Answers,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    county = county_of(ctx)
    page = page_of(qtbot, county)
    dialog = page.open_member(year["chen"])
    assert isinstance(dialog, mpd.MemberPointsDialog)
    assert dialog.adjust_button.isVisibleTo(dialog) and dialog.adjustments_box.isVisibleTo(dialog)
    said: list[tuple[int, str]] = [(5, "  "), (5, "全会大会发言")]
    monkeypatch.setattr(mpd, "ask_adjustment", lambda _parent, _name: said.pop(0))
    assert not dialog.adjust()  # no reason: refused
    assert "调整原因" in answers.errors[-1] and points.adjustments(YEAR) == []
    assert dialog.adjust()
    (made,) = points.adjustments(YEAR)
    assert (made.member_id, made.points, made.reason) == (year["chen"], 5, "全会大会发言")
    assert [dialog.adjustments.item(0, c).text() for c in (1, 2)] == ["+5", "全会大会发言"]
    last = dialog.entries.rowCount() - 1
    assert "全会大会发言" in dialog.entries.item(last, 2).text()
    assert dialog.source_of(last) is None and not dialog.open_entry(last)  # no record
    assert cell(page, year["chen"], pt.TOTAL) == "17"
    assert cell(page, year["chen"], points.ADJUSTMENT) == "5"
    dialog.reject()


def test_the_adjustment_asks_points_and_a_reason(qtbot: Any) -> None:
    asked = mpd.AdjustmentDialog("王建国")
    qtbot.addWidget(asked)
    assert not asked.ok.isEnabled()
    asked.points.setValue(-3)
    assert not asked.ok.isEnabled()
    asked.reason.setText("  无故缺席全会  ")
    assert asked.ok.isEnabled() and asked.answer() == (-3, "无故缺席全会")
    asked.points.setValue(0)
    assert not asked.ok.isEnabled()


def test_the_page_and_the_dialog_fit_an_office_screen(
    qtbot: Any,
    office_screen: QRect,  # noqa: F811
    ctx: Context,
    workspace: Workspace,
    year: dict[str, Any],
) -> None:
    window = build_main_window(workspace)
    qtbot.addWidget(window)
    window.show()
    page = window.lazy_page("points")
    assert isinstance(page, PointsPage)
    window.show_page(page)
    assert_fits(window)
    dialog = page.open_member(year["wang"])
    assert_fits(dialog)
    dialog.reject()
    window.show_page(window.settings_page)
    assert_fits(window)
