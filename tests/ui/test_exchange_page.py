"""The exchange page: export, import (plan → apply), conflicts side by side, county sync health.

Packages are made by the real exporter from a studio database; the county database is a
second SQLite file, and the models are bound to one of them at a time (see
tests/exchange/conftest.py): each page is built after switching to its database.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from studio_app.demo import studio as demo
from studio_app.exchange.export import export_studio
from studio_app.exchange.importer import import_package
from studio_app.services import residents, site, visits
from studio_app.storage.database import close_database, open_database
from studio_app.storage.models import AuditEntry, ExchangeConflict, ImportHistory, Visit
from studio_app.ui import operations
from studio_app.ui.app import build_main_window
from studio_app.ui.operations import DbWorker, Progress, Ticket
from studio_app.ui.pages.exchange_page import ExchangePage
from studio_app.workspace import Workspace
from tests.exchange.builders import fill
from tests.exchange.conftest import Install, use
from tests.ui.conftest import Answers
from tests.ui.test_translations import english


@dataclasses.dataclass
class Studio(Install):
    made: dict[str, Any] = dataclasses.field(default_factory=dict)


@pytest.fixture
def studio(tmp_path: Path) -> Iterator[Studio]:
    path = tmp_path / "studio.sqlite3"
    open_database(path)
    s = site.setup("studio", "石桥镇政协委员工作室", "SQZ", "石桥镇", "平阳县")
    ctx = site.context_for(s)
    yield Studio(path, ctx, made=fill(ctx))
    close_database()


@pytest.fixture
def county(tmp_path: Path, studio: Studio) -> Install:
    path = tmp_path / "county.sqlite3"
    use(path)
    s = site.setup("county", "平阳县政协", "PYX", "", "平阳县")
    inst = Install(path, site.context_for(s))
    use(studio.path)
    return inst


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


MakePage = Callable[..., ExchangePage]


@pytest.fixture
def make_page(qtbot: Any, out: Path) -> MakePage:
    """A page on the bound database whose file and password questions are answered."""

    def make(ctx: Any, *, open_file: Path | None = None, password: str = "") -> ExchangePage:
        page = ExchangePage(ctx)
        qtbot.addWidget(page)
        page.resize(1100, 700)
        page.show()
        page.saved_to = []  # type: ignore[attr-defined]

        def save(_parent: Any, suggested: Path) -> Path:
            page.saved_to.append(suggested.name)  # type: ignore[attr-defined]
            return out / suggested.name

        page.choose_save = save
        page.choose_open = lambda _parent, _folder: open_file
        page.asked = []  # type: ignore[attr-defined]

        def ask(_parent: Any, name: str) -> str | None:
            page.asked.append(name)  # type: ignore[attr-defined]
            return password or None

        page.ask_password = ask
        return page

    return make


def untranslated(page: ExchangePage) -> list[tuple[str, str]]:
    """English left on the page, leaving out file names and paths (they are data)."""
    return [(w, t) for w, t in english(page) if ".xlsx" not in t]


def cells(model: Any) -> list[list[str]]:
    return [list(r.cells) for r in model.rows]


def plan_row(page: ExchangePage, sheet: str) -> dict[str, str]:
    headers = page.plan_model.headers
    row = next(r for r in cells(page.plan_model) if r[0] == sheet)
    return dict(zip(headers, row, strict=True))


def edit_cell(path: Path, sheet: str, header: str, find: str, value: Any) -> None:
    """Change, as a person in Excel would, the cell under ``header`` in the row holding ``find``."""
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    column = [c.value for c in ws[1]].index(header) + 1
    for row in ws.iter_rows(min_row=2):
        if any(str(c.value or "").startswith(find) for c in row):
            row[column - 1].value = value
            break
    else:
        raise AssertionError(f"{find} not in {sheet}")
    wb.save(path)


def test_export_writes_the_package_chosen_in_the_save_dialog(
    make_page: MakePage, studio: Studio, out: Path, qtmodeltester: Any
) -> None:
    page = make_page(studio.ctx)
    assert page.identifiers.isVisibleTo(page)
    assert untranslated(page) == []
    page.export_button.click()
    [name] = page.saved_to  # type: ignore[attr-defined]
    day = f"{studio.ctx.today():%Y-%m-%d}"
    assert name == f"石桥镇政协委员工作室_数据包_{day}_第1号.xlsx"  # readable on the stick
    assert (out / name).is_file()
    assert "第 1 号" in page.export_result.text() and str(out / name) in page.export_result.text()
    assert "接待走访：2" in page.export_result.text()
    page.export_button.click()  # nothing changed since
    assert "没有" in page.export_result.text()
    assert len(list(out.iterdir())) == 1

    masked = make_page(dataclasses.replace(studio.ctx, may_see_pii=False))
    assert not masked.identifiers.isVisibleTo(masked)
    qtmodeltester.check(page.history_model)


def test_import_shows_the_plan_then_applies(
    make_page: MakePage, studio: Studio, county: Install, out: Path, qtmodeltester: Any
) -> None:
    package = export_studio(studio.ctx, out).path
    assert package is not None
    edit_cell(package, "接待走访", "反映内容", "+86", None)  # a required cell emptied

    with county as ctx:
        page = make_page(ctx, open_file=package)
        assert page.tabs.tabText(0) == "各工作室"
        page.import_button.click()
        assert page.plan is not None
        visits_row = plan_row(page, "接待走访")
        assert visits_row["新增"] == "1" and visits_row["拒收"] == "1"
        assert plan_row(page, "委员")["新增"] == "2"
        total = cells(page.plan_model)[-1]
        assert total[0] == "合计" and total[1:] == ["7", "0", "0", "0", "0", "0", "1", "0"]
        [rejected] = cells(page.attention_model)
        assert rejected[0] == "接待走访" and rejected[3] == "拒收" and "必填" in rejected[4]
        assert page.apply_button.isEnabled()
        assert Visit.select().count() == 0  # a dry run so far
        assert untranslated(page) == []
        qtmodeltester.check(page.plan_model)
        qtmodeltester.check(page.attention_model)

        page.apply_button.click()
        assert Visit.select().count() == 1
        assert page.plan is None and not page.apply_button.isEnabled()
        assert "已导入" in page.status.text()
        [history] = cells(page.history_model)
        assert history[:3] == ["石桥镇政协委员工作室", "工作室数据包", "1"]
        assert history[-1] == package.name
        [uuid] = [h.package_uuid for h in ImportHistory.select()]
        assert uuid not in history  # a uuid says nothing to a clerk: it is in the tooltip
        assert uuid in page.history_model.rows[0].tooltip
        [health] = cells(page.sync_model)
        assert health[:4] == ["石桥镇政协委员工作室", "SQZ", "1", "1"] and health[5] == ""
        qtmodeltester.check(page.sync_model)

        page.import_file(package)  # the same file again: refused, nothing changes
        assert "导入过" in page.status.text()
        assert Visit.select().count() == 1 and ImportHistory.select().count() == 1


def test_encrypted_package_asks_for_its_password(
    make_page: MakePage, studio: Studio, county: Install, out: Path
) -> None:
    page = make_page(studio.ctx)
    page.password.setText("山路2026")
    page.export_button.click()
    [package] = out.iterdir()
    assert page.password.text() == ""  # not kept on screen
    with county as ctx:
        refused = make_page(ctx, open_file=package)  # the question is cancelled
        refused.import_button.click()
        assert refused.asked == [package.name] and refused.plan is None  # type: ignore[attr-defined]
        page = make_page(ctx, open_file=package, password="山路2026")
        page.import_button.click()
        assert page.plan is not None and plan_row(page, "接待走访")["新增"] == "2"
        page.apply_button.click()
        assert Visit.select().count() == 2


def test_conflict_is_decided_side_by_side_then_the_reimport_applies_it(
    make_page: MakePage,
    studio: Studio,
    county: Install,
    out: Path,
    answers: Answers,
    qtmodeltester: Any,
) -> None:
    first = export_studio(studio.ctx, out).path
    with county as ctx:
        import_package(ctx, first)
    with studio as ctx:
        visit = studio.made["visits"][1]
        visits.update(ctx, visit.id, {"content": "孩子上学路远，希望开通校车"})
        second = export_studio(ctx, out).path
    edit_cell(second, "接待走访", "反映内容", "孩子上学路远", "手工改过的内容")

    with county as ctx:
        page = make_page(ctx, open_file=second)
        page.import_button.click()
        assert plan_row(page, "接待走访")["冲突"] == "1"
        assert plan_row(page, "接待走访")["手工修改"] == "1"
        [row] = cells(page.attention_model)
        assert row[2] == visit.serial and row[3] == "冲突" and "手工修改" in row[4]
        page.apply_button.click()
        assert page.tabs.currentWidget() is page.conflicts
        assert page.tabs.tabText(page.tabs.currentIndex()) == "冲突（1）"
        assert "没有导入" in page.status.text()
        [listed] = cells(page.conflicts.conflict_model)
        assert listed[:2] == ["接待走访", visit.serial] and listed[3] == "未决定"
        diff = {r[0]: r[1:] for r in cells(page.conflicts.diff_model)}
        assert diff["反映内容"] == ["+86 孩子上学远", "手工改过的内容"]
        assert not page.conflicts.reimport_button.isEnabled()
        assert untranslated(page) == []
        qtmodeltester.check(page.conflicts.conflict_model)
        qtmodeltester.check(page.conflicts.diff_model)

        page.conflicts.keep_theirs.click()
        assert cells(page.conflicts.conflict_model)[0][3] == "采用文件中的版本"
        assert AuditEntry.get(AuditEntry.action == "resolve_conflict").record_uuid == visit.uuid
        assert page.conflicts.reimport_button.isEnabled()
        page.conflicts.reimport_button.click()
        assert answers.errors == []
        assert Visit.get(Visit.uuid == visit.uuid).content == "手工改过的内容"
        assert cells(page.conflicts.conflict_model) == [] and page.tabs.tabText(2) == "冲突"
        assert ExchangeConflict.get().status == "applied"
        assert len(cells(page.history_model)) == 2


class CancelsAfterFirstProgress:
    """Runs at once, and asks to cancel as soon as the work reports progress."""

    def submit(self, operation: Any, on_done: Any = None, *, owner: Any = None) -> Ticket:
        ticket = Ticket(0, Progress(lambda _done, _total: ticket.cancel()), on_done, owner)
        try:
            result, error = operation(ticket.progress), None
        except Exception as exc:
            result, error = None, exc
        ticket.finished = True
        on_done(result, error)
        return ticket


def test_cancelling_the_import_changes_nothing(
    make_page: MakePage, studio: Studio, county: Install, out: Path, answers: Answers
) -> None:
    demo.generate(studio.ctx, visits=2000, seed=1)  # reading reports every 1,000 rows
    package = export_studio(studio.ctx, out).path
    with county as ctx:
        page = make_page(ctx, open_file=package)
        page.import_button.click()
        assert page.plan is not None
        previous = operations.install(CancelsAfterFirstProgress())
        try:
            page.apply_button.click()
            assert page.status.text() == "已取消，没有做任何更改。"
            assert Visit.select().count() == 0 and ImportHistory.select().count() == 0
            assert page.plan is not None and page.apply_button.isEnabled()  # still there
            page.discard_button.click()
            page.import_button.click()  # cancelling the dry run
            assert page.plan is None and page.status.text() == "已取消，没有做任何更改。"
        finally:
            operations.install(previous)
        assert answers.errors == []
        assert Visit.select().count() == 0


def test_a_file_that_is_not_a_workbook_gets_a_clear_message(
    make_page: MakePage, county: Install, out: Path, answers: Answers
) -> None:
    bogus = out / "数据包.xlsx"
    bogus.write_text("姓名,电话\n张三,13800001111\n", "utf-8")
    with county as ctx:
        page = make_page(ctx, open_file=bogus)
        page.import_button.click()
        [message] = answers.errors
        assert "CSV" in message and page.status.text() == message
        assert page.plan is None and not page.apply_button.isEnabled()
        assert cells(page.plan_model) == []


def test_county_sees_sync_health_and_exports_feedback(
    make_page: MakePage, studio: Studio, county: Install, out: Path
) -> None:
    packages = [export_studio(studio.ctx, out, full=True).path for _ in range(3)]
    with county as ctx:
        import_package(ctx, packages[0])
        import_package(ctx, packages[2])  # No. 2 lost on the way
        page = make_page(ctx)
        [health] = cells(page.sync_model)
        assert health[:4] == ["石桥镇政协委员工作室", "SQZ", "2", "3"] and health[5] == "2"
        assert page.sync_model.rows[0].warn and "2" in page.sync_model.rows[0].tooltip
        assert page.selected_studio() == "SQZ" and page.feedback_button.isEnabled()
        page.full_feedback.setChecked(True)
        page.feedback_button.click()
        [name] = page.saved_to  # type: ignore[attr-defined]
        day = f"{ctx.today():%Y-%m-%d}"
        assert name == f"平阳县政协_反馈包_致石桥镇政协委员工作室_{day}_第1号.xlsx"
        assert (out / name).is_file() and str(out / name) in page.feedback_result.text()
        assert untranslated(page) == []

    with studio as ctx:
        page = make_page(ctx, open_file=out / name)
        page.import_button.click()
        assert plan_row(page, "提案与社情民意")["更新"] == "0"
        page.apply_button.click()
        assert "已导入" in page.status.text()
        assert cells(page.history_model)[0][:3] == ["平阳县政协", "县政协反馈包", "1"]


def test_rows_waiting_for_a_record_are_planned_kept_and_shown_per_studio(
    make_page: MakePage, studio: Studio, county: Install, out: Path, qtmodeltester: Any
) -> None:
    first = export_studio(studio.ctx, out).path
    with county as ctx:
        import_package(ctx, first)
    with studio as ctx:
        resident = residents.create(ctx, {"name": "赵新来", "village": "南岙村"})
        visit = visits.create(ctx, {
            "channel": "reception", "occurred_at": "2026-04-02 09:00", "residents": [resident.id],
            "members": [studio.made["members"][0].id], "category": "交通出行",
            "content": "南岙村路灯不亮", "handling": "referred", "referred_unit": "县住建局",
        })  # fmt: skip
        export_studio(ctx, out)  # package 2 (the new resident): not at the county yet
        visits.advance(ctx, visit.id, "start")
        third = export_studio(ctx, out).path

    with county as ctx:
        page = make_page(ctx, open_file=third)
        page.import_button.click()
        visits_row = plan_row(page, "接待走访")
        assert visits_row["等待"] == "1" and visits_row["拒收"] == "0"
        [row] = cells(page.attention_model)
        assert row[3] == "等待引用的记录" and "群众" in row[4] and "自动导入" in row[4]
        assert "1 行引用了尚未收到的记录" in page.status.text()

        page.apply_button.click()
        assert "1 行在等待尚未收到的记录" in page.status.text()
        assert Visit.get_or_none(Visit.uuid == visit.uuid) is None  # kept aside, waiting
        [health] = cells(page.sync_model)
        assert health[5] == "2" and health[6] == "第 3 号：1 行"
        assert page.sync_model.rows[0].warn
        tip = page.sync_model.rows[0].tooltip
        assert "第 3 号数据包：1 行在等待尚未收到的记录（群众 1 条）" in tip
        assert "2" in tip.splitlines()[0]  # the missing package first
        # (the gap warning names the command "export --full": not English left on screen)
        assert [w for w, _ in untranslated(page) if w != "QLabel importWarnings"] == []
        qtmodeltester.check(page.sync_model)


def test_deciding_the_conflict_of_a_waiting_row_applies_it_without_a_file(
    make_page: MakePage, studio: Studio, county: Install, out: Path, answers: Answers
) -> None:
    first = export_studio(studio.ctx, out).path
    with county as ctx:
        import_package(ctx, first)
    with studio as ctx:
        resident = residents.create(ctx, {"name": "赵新来", "village": "南岙村"})
        visit = visits.create(ctx, {
            "channel": "reception", "occurred_at": "2026-04-02 09:00", "residents": [resident.id],
            "members": [studio.made["members"][0].id], "category": "交通出行",
            "content": "南岙村路灯不亮", "handling": "referred", "referred_unit": "县住建局",
        })  # fmt: skip
        second = export_studio(ctx, out).path
        visits.advance(ctx, visit.id, "start")
        third = export_studio(ctx, out).path
    assert second is not None and third is not None
    edit_cell(third, "接待走访", "反映内容", "南岙村路灯不亮", "南岙村路灯不亮（补记）")

    with county as ctx:
        import_package(ctx, third)  # the visit waits for its resident
        import_package(ctx, second)  # …which arrives: the hand-edited row is a conflict now
        page = make_page(ctx)
        assert "冲突" in page.sync_model.rows[0].tooltip
        page.tabs.setCurrentWidget(page.conflicts)
        page.conflicts.select_first()
        page.conflicts.keep_theirs.click()
        assert answers.errors == []
        applied = Visit.get(Visit.uuid == visit.uuid)
        assert (applied.status, applied.content) == ("in_progress", "南岙村路灯不亮（补记）")
        assert "已导入" in page.status.text()
        assert cells(page.conflicts.conflict_model) == [] and cells(page.sync_model)[0][6] == ""


def test_the_main_window_has_the_exchange_page(qtbot: Any, workspace: Workspace) -> None:
    window = build_main_window(workspace)
    qtbot.addWidget(window)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert "数据交换" in titles
    assert isinstance(window.exchange, ExchangePage)
    window.exchange.imported.emit()  # the lists reload after an import
    assert window.visits.model.total == 0


def test_import_runs_on_the_database_worker(
    qtbot: Any, make_page: MakePage, studio: Studio, county: Install, out: Path
) -> None:
    package = export_studio(studio.ctx, out).path
    with county as ctx:
        page = make_page(ctx, open_file=package)
        worker = DbWorker()
        previous = operations.install(worker)
        try:
            page.import_button.click()
            assert not page.import_button.isEnabled()  # one piece of work at a time
            qtbot.waitUntil(lambda: page.plan is not None)
            assert plan_row(page, "接待走访")["新增"] == "2"
            page.apply_button.click()
            qtbot.waitUntil(lambda: page.plan is None and not page.busy)
            assert "已导入" in page.status.text()
        finally:
            worker.stop()
            operations.install(previous)
        assert Visit.select().count() == 2 and len(cells(page.history_model)) == 1


def test_rows_beyond_those_listed_are_counted_in_the_heading(
    make_page: MakePage, studio: Studio, county: Install, out: Path
) -> None:
    """A package of junk rows lists the first ones and says how many more were counted."""
    from tests.exchange.test_limits import _junk_rows

    package = export_studio(studio.ctx, out).path
    assert package is not None
    _junk_rows(package, "接待走访", 450)
    with county as ctx:
        page = make_page(ctx, open_file=package)
        page.import_button.click()
        assert page.plan is not None and page.plan.counts["rejected"] == 450
        assert len(page.attention_model.rows) == 200
        assert page.attention_label.text() == (
            "需要查看的行：200（另有 250 行被拒收或等待，已计数但未列出）"
        )
        assert untranslated(page) == []
