"""The audit page: filter by user and record type, before/after of an entry, export — all in
words (labels, serials and names, local time), as an administrator reads them."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from studio_app.services import accounts, residents, visits
from studio_app.services.context import Context
from studio_app.ui.pages.audit_page import AuditPage
from tests.conftest import fixed_clock
from tests.ui.conftest import People

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-")


@pytest.fixture
def shanghai(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's clock in China (UTC+8), as at the studios."""
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def table(page: AuditPage) -> list[list[str]]:
    model = page.model
    return [[model.text(r, c) for c in range(model.columnCount())] for r in range(model.rowCount())]


def changes(page: AuditPage, row: int) -> list[list[str]]:
    page.select(row)
    return [
        [page.changes.item(r, c).text() for c in range(3)] for r in range(page.changes.rowCount())
    ]


def test_filter_by_user_and_type_shows_before_and_after(
    qtbot, ctx: Context, people: People, tmp_path: Path
) -> None:
    li = replace(ctx, user="li")
    residents.update(li, people.residents["张三"], {"village": "北村"})
    page = AuditPage(ctx)
    qtbot.addWidget(page)
    assert page.model.rowCount() == len(page.found) > 3

    page.user.setCurrentIndex(page.user.findData("li"))
    assert table(page) == [
        [page.found[0].time_text, "li", "修改", "群众", "张三", "村/社区：东村 → 北村"]
    ]
    assert changes(page, 0) == [["村/社区", "东村", "北村"]]

    page.user.setCurrentIndex(0)  # everyone
    page.record_type.setCurrentIndex(page.record_type.findData("member"))
    assert page.record_type.currentText() == "委员"
    assert {row[3] for row in table(page)} == {"委员"}
    assert {row[4] for row in table(page)} == {"王建国", "李梅", "陈志强"}

    today = ctx.today()
    page.since.set_value(today + timedelta(days=1))
    assert page.model.rowCount() == 0 and page.changes.rowCount() == 0
    page.since.set_value(today)
    page.until.set_value(today)
    assert page.model.rowCount() == 3

    page.choose_path = lambda: tmp_path / "audit.xlsx"
    assert page.export() == tmp_path / "audit.xlsx"
    sheet = load_workbook(tmp_path / "audit.xlsx").active
    assert sheet is not None and sheet.cell(1, 1).value == "时间"
    assert {sheet.cell(r, 4).value for r in range(2, sheet.max_row + 1)} == {"委员"}


def test_a_clerk_reads_a_visits_steps_in_words_and_local_time(
    qtbot, ctx: Context, people: People, tmp_path: Path, shanghai: None
) -> None:
    """The clerk's complaint: ``start``, ``visit``, a uuid, ``residents`` and UTC times."""
    at = datetime(2026, 3, 2, 17, 5, 9, tzinfo=UTC)  # 3 March, 01:05 in Shanghai
    clerk = replace(ctx, clock=fixed_clock(at))
    accounts.reset_password(ctx, "admin", "admin password")  # accounts on: others can be added
    accounts.add(ctx, "wang", "wang password", name="王芳", role="staff")
    wang = replace(clerk, user="wang")
    visit = visits.create(
        wang,
        {
            "channel": "reception", "occurred_at": datetime(2026, 3, 2, 16, 30),
            "members": [people.members["李梅"]], "residents": [people.residents["张三"]],
            "category": "03", "content": "路灯不亮", "handling": "referred",
            "referred_unit": "02",
        },
    )  # fmt: skip
    visits.advance(wang, visit.id, "start")
    visits.update(
        wang, visit.id, {"residents": list(people.residents.values()), "visitor_count": 2}
    )

    page = AuditPage(ctx)
    qtbot.addWidget(page)
    page.user.setCurrentIndex(page.user.findData("wang"))
    assert page.user.currentText() == "王芳（wang）"
    page.record_type.setCurrentIndex(page.record_type.findData("visit"))
    assert page.record_type.currentText() == "接待走访记录"
    rows = table(page)
    assert [r[:5] for r in rows] == [
        ["2026-03-03 01:05:09", "王芳（wang）", action, "接待走访记录", visit.serial]
        for action in ("修改", "开始办理", "新建")
    ]
    assert visit.serial.startswith("JD-2026-")
    assert rows[0][5] == "来访群众：张三 → 张三、李四；来访人数：1 → 2"
    assert rows[1][5] == "状态：已转办 → 办理中"
    assert rows[2][5].startswith("接待方式：坐班接待；接待时间：2026-03-02 16:30；")
    assert "处理方式：转有关部门" in rows[2][5] and "转办单位：县交通运输局" in rows[2][5]
    assert changes(page, 1) == [["状态", "已转办", "办理中"]]
    assert ["问题类别", "（空）", "城乡建设与管理"] in changes(page, 2)
    assert not UUID.search(str(rows))

    page.since.set_value(date(2026, 3, 3))  # the local day, not the UTC one (2 March)
    page.until.set_value(date(2026, 3, 3))
    assert page.model.rowCount() == 3
    page.since.set_value(date(2026, 3, 2))
    page.until.set_value(date(2026, 3, 2))
    assert page.model.rowCount() == 0

    page.until.set_value(date(2026, 3, 3))
    page.choose_path = lambda: tmp_path / "audit.xlsx"
    assert page.export() == tmp_path / "audit.xlsx"
    sheet = load_workbook(tmp_path / "audit.xlsx").active
    assert sheet is not None
    cells = [[c.value or "" for c in row] for row in sheet.iter_rows()]
    assert cells[0][0] == "时间"
    assert ["2026-03-03 01:05:09", "王芳（wang）", "开始办理", "接待走访记录", visit.serial,
            "状态", "已转办", "办理中"] in cells  # fmt: skip
    assert not UUID.search(str(cells))


def test_a_staff_user_gets_a_refusal_not_the_log(qtbot, ctx: Context, answers) -> None:
    page = AuditPage(replace(ctx, user="li", role="staff"))
    qtbot.addWidget(page)
    assert page.model.rowCount() == 0 and "无权查看操作日志" in answers.errors[0]


def test_identifiers_in_the_log_are_masked_unless_shown(
    qtbot, ctx: Context, people: People
) -> None:
    residents.update(ctx, people.residents["张三"], {"phone": "13911112222"})

    def phone_change(page: AuditPage) -> list[str]:
        page.record_type.setCurrentIndex(page.record_type.findData("resident"))
        return changes(page, 0)[0]

    masked = AuditPage(replace(ctx, may_see_pii=False))
    qtbot.addWidget(masked)
    assert phone_change(masked) == ["联系电话", "138****1111", "139****2222"]
    assert "13800001111" not in masked.model.text(0, 5)
    shown = AuditPage(ctx)
    qtbot.addWidget(shown)
    assert phone_change(shown) == ["联系电话", "13800001111", "13911112222"]
