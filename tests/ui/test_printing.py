"""Printing from the app: the preview (QtPdf), Print… to a PDF printer, Save as PDF…,
date-range batches, proposals and interviews, the statistics workbook and PDF."""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QObject, QUrl
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox

from studio_app.services import interviews, proposals, visits
from studio_app.services.context import Context
from studio_app.ui import operations
from studio_app.ui.lookups import Lookups
from studio_app.ui.main_window import MainWindow
from studio_app.ui.operations import DbWorker, Operation, Progress, Ticket
from studio_app.ui.printing import choose, launch, print_jobs, saved
from studio_app.ui.printing.preview_dialog import PreviewDialog
from studio_app.ui.printing.range_dialog import VisitRangeDialog
from tests.reports import pdf
from tests.reports.pdf import needs_poppler
from tests.ui.conftest import AddVisits, Answers, People

pytestmark = needs_poppler


@pytest.fixture
def folders(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[Path]:
    """The temporary folders previews are made in (under the test's own folder)."""
    made: list[Path] = []
    base = tmp_path / "previews"
    base.mkdir()

    real = tempfile.mkdtemp

    def mkdtemp(prefix: str = "") -> str:
        folder = Path(real(prefix=prefix, dir=base))
        made.append(folder)
        return str(folder)

    monkeypatch.setattr(launch.tempfile, "mkdtemp", mkdtemp)
    return made


class SaveAnswers:
    """Answers the save dialog with the next path (None: the user cancelled)."""

    def __init__(self) -> None:
        self.paths: list[Path | None] = []
        self.asked: list[tuple[str, Path]] = []

    def __call__(self, _parent: Any, caption: str, suggested: Path, _filter: str) -> Path | None:
        self.asked.append((caption, suggested))
        return self.paths.pop(0)


@pytest.fixture
def save_as(monkeypatch: pytest.MonkeyPatch) -> SaveAnswers:
    answers = SaveAnswers()
    monkeypatch.setattr(choose, "save_path", answers)
    return answers


def preview_of(parent: QObject) -> PreviewDialog:
    dialogs = [d for d in parent.findChildren(PreviewDialog) if d.isVisible()]
    assert len(dialogs) == 1, dialogs
    return dialogs[0]


def saved_copy(dialog: PreviewDialog, save_as: SaveAnswers, dest: Path) -> Path:
    save_as.paths.append(dest)
    path = dialog.save_pdf()
    assert path is not None and path.is_file()
    return path


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[QUrl]:
    """The folders Open folder would have shown (no file manager starts in a test)."""
    urls: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        urls.append(url)
        return True

    monkeypatch.setattr(saved.QDesktopServices, "openUrl", open_url)
    return urls


def notices(parent: QObject) -> list[QMessageBox]:
    """The "saved" notes shown over ``parent``."""
    found = parent.findChildren(QMessageBox, "savedNotice")
    return [box for box in found if box.isVisible()]


def select_all(window: MainWindow) -> None:
    window.show_page(window.visits)
    window.visits.model.reload()
    window.visits.table.selectAll()


# -- visits ----------------------------------------------------------------------------------


def test_preview_of_a_selected_visit_shows_its_form(
    window: MainWindow,
    add_visits: AddVisits,
    save_as: SaveAnswers,
    folders: list[Path],
    tmp_path: Path,
) -> None:
    (visit_id,) = add_visits(1)
    page = window.visits
    page.model.reload()
    assert page.select_record(visit_id)
    page.print_button.click()
    dialog = preview_of(page)
    assert dialog.isVisible() and dialog.page_count() == 1
    assert dialog.windowTitle().startswith("打印预览")
    assert dialog.job.file_name.startswith("接待登记表_JD-")
    path = saved_copy(dialog, save_as, tmp_path / "登记表")  # no suffix typed: .pdf added
    assert path == tmp_path / "登记表.pdf"
    assert save_as.asked[0][1].name == dialog.job.file_name
    text = pdf.flat(path)
    assert "群众来访登记表" in text and "村口路灯不亮，晚上出行不便" in text
    assert "138****1111" in text and "13800001111" not in text  # masked unless asked
    assert visits.get(visit_id).serial in text
    (folder,) = folders
    assert folder.exists()
    dialog.close()
    assert not folder.exists()  # the temporary copy goes with the dialog


def test_a_preview_gone_without_closing_leaves_no_copy(
    qtbot, window: MainWindow, add_visits: AddVisits, folders: list[Path]
) -> None:
    """A preview deleted with its window, never closed, still removes its PDF of people's
    data; whatever is left at exit goes too (``launch._FOLDERS``)."""
    (visit_id,) = add_visits(1)
    page = window.visits
    page.model.reload()
    assert page.select_record(visit_id)
    page.print_button.click()
    dialog = preview_of(page)
    (folder,) = folders
    assert folder.exists() and folder in launch._FOLDERS
    dialog.deleteLater()  # as when its parent window is destroyed
    qtbot.waitUntil(lambda: not folder.exists())


def test_a_saved_pdf_is_confirmed_with_its_folder_one_click_away(
    window: MainWindow,
    add_visits: AddVisits,
    save_as: SaveAnswers,
    opened: list[QUrl],
    tmp_path: Path,
) -> None:
    add_visits(1)
    select_all(window)
    window.visits.print_selected()
    dialog = preview_of(window.visits)
    assert notices(dialog) == []
    path = saved_copy(dialog, save_as, tmp_path / "登记表.pdf")
    (note,) = notices(dialog)
    assert not note.isModal() and dialog.isVisible()  # nothing to answer before going on
    assert str(path) in note.text() and note.text().startswith("已保存：")
    note.findChild(type(dialog.save_button), "openFolderButton").click()
    assert [url.toLocalFile() for url in opened] == [str(tmp_path)]
    save_as.paths.append(None)  # cancelled: nothing saved, nothing said
    assert dialog.save_pdf() is None and notices(dialog) == []


def test_several_selected_visits_give_one_form_each(
    window: MainWindow, add_visits: AddVisits, save_as: SaveAnswers, tmp_path: Path
) -> None:
    add_visits(3)
    select_all(window)
    window.print_action.trigger()  # Ctrl+P on the visits page
    assert window.print_action.shortcut().toString() == "Ctrl+P"
    dialog = preview_of(window.visits)
    assert dialog.page_count() == 3
    assert "等3件" in dialog.job.file_name
    dialog.go_to(2)
    assert dialog.current_page() == 2 and not dialog.next_button.isEnabled()
    dialog.previous_button.click()
    assert dialog.current_page() == 1 and dialog.page.value() == 2
    dialog.zoom.setCurrentIndex(dialog.zoom.findData(1.5))
    assert dialog.view.zoomFactor() == 1.5
    text = pdf.flat(saved_copy(dialog, save_as, tmp_path / "three.pdf"))
    for content in ("村口路灯不亮", "水渠堵塞需要清理", "咨询低保政策"):
        assert content in text


def window_for(qtbot, ctx: Context, *, may_see_pii: bool) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(replace(ctx, may_see_pii=may_see_pii), "石桥镇", Lookups.load())
    qtbot.addWidget(window)
    return window


def test_full_numbers_when_asked_and_allowed(
    qtbot, ctx: Context, add_visits: AddVisits, save_as: SaveAnswers, tmp_path: Path
) -> None:
    add_visits(1)
    window = window_for(qtbot, ctx, may_see_pii=True)
    assert window.visits.print_button.menu().actions()[1].isEnabled()
    select_all(window)
    window.visits.print_selected(unmasked=True)
    text = pdf.flat(saved_copy(preview_of(window.visits), save_as, tmp_path / "full.pdf"))
    assert "13800001111" in text


def test_full_numbers_are_refused_without_the_grant(
    qtbot, ctx: Context, add_visits: AddVisits, answers: Answers, folders: list[Path]
) -> None:
    add_visits(1)
    window = window_for(qtbot, ctx, may_see_pii=False)
    select_all(window)
    full = window.visits.print_button.menu().actions()[1]
    assert not full.isEnabled()
    window.visits.print_selected(unmasked=True)
    assert window.visits.findChildren(PreviewDialog) == []
    assert len(answers.errors) == 1 and "无权" in answers.errors[0]
    assert all(not f.exists() for f in folders)


def test_print_sends_pages_to_the_printer(
    monkeypatch: pytest.MonkeyPatch, window: MainWindow, add_visits: AddVisits, tmp_path: Path
) -> None:
    add_visits(3)
    select_all(window)
    window.visits.print_selected()
    dialog = preview_of(window.visits)
    asked: list[int] = []

    def setup(_parent: Any, _printer: QPrinter, pages: int) -> bool:
        asked.append(pages)
        return True

    monkeypatch.setattr(choose, "printer_setup", setup)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dialog.print_pdf(printer) == 3
    assert asked == [3]
    assert pdf.pages(tmp_path / "printed.pdf") == 3

    printer.setOutputFileName(str(tmp_path / "second.pdf"))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert dialog.print_pdf(printer) == 2
    assert pdf.pages(tmp_path / "second.pdf") == 2


def test_print_dialog_cancelled_prints_nothing(
    monkeypatch: pytest.MonkeyPatch, window: MainWindow, add_visits: AddVisits, tmp_path: Path
) -> None:
    add_visits(1)
    select_all(window)
    window.visits.print_selected()
    monkeypatch.setattr(choose, "printer_setup", lambda *_args: False)
    preview_of(window.visits).print_button.click()  # the system dialog, cancelled
    printer = QPrinter()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "never.pdf"))
    assert preview_of(window.visits).print_pdf(printer) == 0
    assert not (tmp_path / "never.pdf").exists()


def test_saving_to_a_missing_folder_says_why(
    window: MainWindow,
    add_visits: AddVisits,
    save_as: SaveAnswers,
    answers: Answers,
    tmp_path: Path,
) -> None:
    add_visits(1)
    select_all(window)
    window.visits.print_selected()
    dialog = preview_of(window.visits)
    save_as.paths.append(tmp_path / "missing" / "x.pdf")
    assert dialog.save_pdf() is None
    assert answers.errors and "不存在" in answers.errors[0]
    assert notices(dialog) == []  # no "saved" note for what was not saved
    save_as.paths.append(None)  # the user cancels the save dialog: nothing happens
    assert dialog.save_pdf() is None and len(answers.errors) == 1


def test_nothing_selected_asks_for_a_date_range(window: MainWindow, add_visits: AddVisits) -> None:
    add_visits(2)
    window.print_action.trigger()  # the desk has nothing to print
    assert window.statusBar().currentMessage() == "本页没有可打印的内容。"
    window.show_page(window.visits)
    window.visits.model.reload()
    window.print_action.trigger()
    (dialog,) = window.visits.findChildren(VisitRangeDialog)
    assert dialog.isVisible()
    today = window.ctx.today()
    assert dialog.date_from.date().toPython() == today.replace(day=1)
    assert dialog.date_to.date().toPython() == today
    dialog.reject()


def test_date_range_batch_behind_a_cover(
    window: MainWindow, add_visits: AddVisits, save_as: SaveAnswers, tmp_path: Path
) -> None:
    start = datetime(2026, 3, 2, 9, 0)
    add_visits(4, start=start)
    add_visits(1, start=start + timedelta(days=1), confidential=True)
    add_visits(2, start=datetime(2026, 5, 1, 9, 0))  # outside the range
    dialog = window.visits.print_range()
    dialog.set_range(date(2026, 3, 1), date(2026, 3, 31))
    dialog.accept()
    preview = preview_of(window.visits)
    assert preview.page_count() == 1 + 4  # cover, then one form per visit
    assert preview.job.file_name == "接待登记表汇编_2026-03-01至2026-03-31.pdf"
    text = pdf.flat(saved_copy(preview, save_as, tmp_path / "march.pdf"))
    assert "共4件" in text and "另有保密事项1件未列入" in text
    preview.close()

    dialog = window.visits.print_range()
    dialog.set_range(date(2026, 3, 1), date(2026, 3, 31))
    dialog.confidential.setChecked(True)
    dialog.accept()
    assert preview_of(window.visits).page_count() == 1 + 5


def test_backwards_or_empty_range_is_refused(
    window: MainWindow, add_visits: AddVisits, answers: Answers, folders: list[Path]
) -> None:
    dialog = window.visits.print_range()
    dialog.set_range(date(2026, 3, 31), date(2026, 3, 1))
    dialog.accept()
    assert answers.errors == ["结束日期不能早于开始日期。"]
    dialog = window.visits.print_range()
    dialog.set_range(date(2020, 1, 1), date(2020, 1, 31))
    dialog.accept()
    assert "没有可打印的接待记录" in answers.errors[1]
    assert window.visits.findChildren(PreviewDialog) == []
    assert all(not f.exists() for f in folders)


class CancelAfter:
    """A runner that runs at once and cancels after ``forms`` progress reports."""

    def __init__(self, forms: int) -> None:
        self.forms = forms
        self.seen: list[tuple[int, int]] = []

    def submit(
        self, operation: Operation, on_done: Any = None, *, owner: QObject | None = None
    ) -> Ticket:
        def report(done: int, total: int) -> None:
            self.seen.append((done, total))
            if done >= self.forms:
                ticket.cancel()

        ticket = Ticket(0, Progress(report), on_done, owner)
        try:
            result, error = operation(ticket.progress), None
        except Exception as exc:
            result, error = None, exc
        operations._deliver(ticket, result, error)
        return ticket


def test_cancelled_batch_leaves_no_file(
    window: MainWindow, add_visits: AddVisits, answers: Answers, folders: list[Path]
) -> None:
    add_visits(6, start=datetime(2026, 3, 2, 9, 0))
    runner = CancelAfter(2)
    previous = operations.install(runner)  # type: ignore[arg-type]
    try:
        dialog = window.visits.print_range()
        dialog.set_range(date(2026, 3, 1), date(2026, 3, 31))
        dialog.accept()
    finally:
        operations.install(previous)
    assert runner.seen == [(1, 6), (2, 6)]
    assert window.visits.findChildren(PreviewDialog) == []
    assert answers.errors == []  # a cancel is not an error
    (folder,) = folders
    assert not folder.exists()


@pytest.fixture
def worker(db_path: Path) -> Iterator[DbWorker]:
    thread = DbWorker()
    previous = operations.install(thread)
    yield thread
    thread.stop()
    operations.install(previous)


def test_the_pdf_is_made_on_the_worker_thread(
    qtbot, worker: DbWorker, window: MainWindow, add_visits: AddVisits
) -> None:
    add_visits(5, start=datetime(2026, 3, 2, 9, 0))
    dialog = window.visits.print_range()
    dialog.set_range(date(2026, 3, 1), date(2026, 3, 31))
    dialog.accept()
    assert window.visits.findChildren(PreviewDialog) == []  # not yet: made on the worker
    qtbot.waitUntil(lambda: len(window.visits.findChildren(PreviewDialog)) == 1)
    assert preview_of(window.visits).page_count() == 6


def test_cancel_on_the_worker_removes_the_half_made_file(
    qtbot, worker: DbWorker, window: MainWindow, add_visits: AddVisits, folders: list[Path]
) -> None:
    add_visits(5, start=datetime(2026, 3, 2, 9, 0))
    gate = threading.Event()
    operations.runner().submit(lambda _progress: gate.wait(60))  # keeps the worker busy
    ticket = launch.preview(
        window.visits,
        print_jobs.visit_range(window.ctx, date(2026, 3, 1), date(2026, 3, 31)),
    )
    assert ticket is not None
    ticket.cancel()  # what the progress dialog's Cancel does
    gate.set()
    qtbot.waitUntil(lambda: ticket.finished)
    assert window.visits.findChildren(PreviewDialog) == []
    (folder,) = folders
    assert not folder.exists()


# -- proposals and interviews ----------------------------------------------------------------


def test_proposal_print(
    window: MainWindow, people: People, save_as: SaveAnswers, tmp_path: Path
) -> None:
    record = proposals.create(
        window.ctx,
        {
            "kind": "sqmy",
            "title": "关于村道照明的建议",
            "lead_member": people.members["李梅"],
            "facts": "东村村道夜间无照明，群众出行困难。",
        },
    )
    page = window.proposals
    page.model.reload()
    page.print_button.click()
    assert page.findChildren(PreviewDialog) == []  # nothing selected yet
    assert page.select_record(record.id)
    page.print_button.click()
    dialog = preview_of(page)
    assert dialog.page_count() >= 1
    assert dialog.job.file_name == f"社情民意信息_{record.serial}.pdf"
    text = pdf.flat(saved_copy(dialog, save_as, tmp_path / "sqmy.pdf"))
    assert "关于村道照明的建议" in text and "东村村道夜间无照明" in text


def test_interview_print(
    window: MainWindow, people: People, save_as: SaveAnswers, tmp_path: Path
) -> None:
    record = interviews.create(
        window.ctx,
        {
            "kind": "offline",
            "title": "村道修缮",
            "occurred_at": window.ctx.now_local(),
            "members": [people.members["陈志强"]],
            "views": "群众希望尽快修缮村道",
        },
    )
    page = window.kind_page("interview")
    window.show_page(page)
    page.model.reload()
    assert page.select_record(record.id)
    window.print_action.trigger()
    dialog = preview_of(page)
    text = pdf.flat(saved_copy(dialog, save_as, tmp_path / "ft.pdf"))
    assert "委员访谈记录表" in text and "群众希望尽快修缮村道" in text


# -- statistics ------------------------------------------------------------------------------


def test_statistics_report_preview_and_pdf_export(
    window: MainWindow,
    add_visits: AddVisits,
    save_as: SaveAnswers,
    opened: list[QUrl],
    tmp_path: Path,
) -> None:
    add_visits(6, start=datetime(2026, 3, 2, 9, 0))
    window.show_page(window.statistics)
    page = window.statistics
    page.set_period("month", 2026, 3)
    window.print_action.trigger()
    dialog = preview_of(page)
    assert dialog.page_count() >= 1 and dialog.job.file_name == "统计报表_2026-03.pdf"
    dialog.close()

    save_as.paths.append(tmp_path / "report")
    page.export_pdf()
    assert save_as.asked[-1][1].name == "统计报表_2026-03.pdf"
    out = tmp_path / "report.pdf"
    text = pdf.flat(out)
    assert "履职统计报表" in text and "2026年3月" in text
    assert str(out) in window.statusBar().currentMessage()
    (note,) = notices(page)
    assert str(out) in note.text()
    note.findChild(type(page.workbook_button), "openFolderButton").click()
    assert [url.toLocalFile() for url in opened] == [str(tmp_path)]


def test_statistics_export_to_workbook(
    window: MainWindow, add_visits: AddVisits, save_as: SaveAnswers, tmp_path: Path
) -> None:
    add_visits(3, start=datetime(2026, 3, 2, 9, 0))
    page = window.statistics
    page.set_period("month", 2026, 3)
    assert page.workbook_button.isEnabled()
    save_as.paths.append(tmp_path / "台账")
    page.workbook_button.click()
    assert save_as.asked[-1][1].name == "石桥镇政协委员工作室_履职台账_2026-03.xlsx"
    book = openpyxl.load_workbook(tmp_path / "台账.xlsx", read_only=True)
    sheet = book["接待走访台账"]
    cells = [str(c) for row in sheet.iter_rows(max_row=6, values_only=True) for c in row if c]
    assert "反映内容" in cells and "序号" in cells
    assert any("水渠堵塞需要清理" in c for c in cells) or sheet.max_row >= 5
    book.close()

    page.set_period("quarter", 2026, 1)
    assert not page.workbook_button.isEnabled()  # the ledger is made per month


def test_statistics_export_cancelled_in_the_save_dialog(
    window: MainWindow, save_as: SaveAnswers, tmp_path: Path
) -> None:
    page = window.statistics
    save_as.paths += [None, None]
    assert page.export_pdf() is None and page.export_workbook() is None
    assert list(tmp_path.glob("*.pdf")) == [] and list(tmp_path.glob("*.xlsx")) == []
