"""The audit page: filter by user and record type, before/after of an entry, export."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from openpyxl import load_workbook

from studio_app.services import residents
from studio_app.services.context import Context
from studio_app.ui.pages.audit_page import AuditPage
from tests.ui.conftest import People


def test_filter_by_user_and_type_shows_before_and_after(
    qtbot, ctx: Context, people: People, tmp_path: Path
) -> None:
    li = replace(ctx, user="li")
    residents.update(li, people.residents["张三"], {"village": "北村"})
    page = AuditPage(ctx)
    qtbot.addWidget(page)
    assert page.table.rowCount() == len(page.found) > 3

    page.user.setCurrentIndex(page.user.findData("li"))
    assert page.table.rowCount() == 1
    assert page.table.item(0, 1).text() == "li" and page.table.item(0, 2).text() == "修改"
    page.table.setCurrentCell(0, 0)
    before_after = [
        [page.changes.item(r, c).text() for c in range(3)] for r in range(page.changes.rowCount())
    ]
    assert before_after == [["village", "东村", "北村"]]

    page.user.setCurrentIndex(0)  # everyone
    page.record_type.setCurrentIndex(page.record_type.findData("member"))
    assert {page.table.item(r, 3).text() for r in range(page.table.rowCount())} == {"member"}
    assert page.table.rowCount() == 3

    today = ctx.now_utc().date()
    page.since.set_value(today + timedelta(days=1))
    assert page.table.rowCount() == 0 and page.changes.rowCount() == 0
    page.since.set_value(today)
    page.until.set_value(today)
    assert page.table.rowCount() == 3

    page.choose_path = lambda: tmp_path / "audit.xlsx"
    assert page.export() == tmp_path / "audit.xlsx"
    sheet = load_workbook(tmp_path / "audit.xlsx").active
    assert sheet is not None and sheet.cell(1, 1).value == "时间（UTC）"
    assert {sheet.cell(r, 4).value for r in range(2, sheet.max_row + 1)} == {"member"}


def test_a_staff_user_gets_a_refusal_not_the_log(qtbot, ctx: Context, answers) -> None:
    page = AuditPage(replace(ctx, user="li", role="staff"))
    qtbot.addWidget(page)
    assert page.table.rowCount() == 0 and "无权查看操作日志" in answers.errors[0]


def test_identifiers_in_the_log_are_masked_unless_shown(
    qtbot, ctx: Context, people: People
) -> None:
    residents.update(ctx, people.residents["张三"], {"phone": "13911112222"})

    def phone_change(page: AuditPage) -> list[str]:
        page.record_type.setCurrentIndex(page.record_type.findData("resident"))
        page.table.setCurrentCell(0, 0)
        return [page.changes.item(0, c).text() for c in range(3)]

    masked = AuditPage(replace(ctx, may_see_pii=False))
    qtbot.addWidget(masked)
    assert phone_change(masked) == ["phone", "138****1111", "139****2222"]
    shown = AuditPage(ctx)
    qtbot.addWidget(shown)
    assert phone_change(shown) == ["phone", "13800001111", "13911112222"]
