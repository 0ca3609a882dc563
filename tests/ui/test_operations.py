"""Operations on the database worker thread, the delayed progress dialog, the async count."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from studio_app.services.lists import visits as visit_list
from studio_app.services.lists.paging import ListQuery
from studio_app.storage.models import database
from studio_app.ui import messages, operations
from studio_app.ui.app import build_main_window
from studio_app.ui.lookups import Lookups
from studio_app.ui.models.lister_table import COUNTING
from studio_app.ui.models.visit_table import visit_model
from studio_app.ui.operations import Cancelled, DbWorker, Progress, SyncRunner
from studio_app.ui.progress import SHOW_AFTER_MS, run_with_progress
from studio_app.workspace import Workspace
from tests.ui.conftest import AddVisits


@pytest.fixture
def worker(db_path: Path) -> Iterator[DbWorker]:
    """The real worker thread, stopped (and its connection closed) after the test."""
    thread = DbWorker()
    previous = operations.install(thread)
    yield thread
    thread.stop()
    operations.install(previous)
    assert not thread.isRunning()


class Results(list[tuple[Any, BaseException | None]]):
    def __call__(self, result: Any, error: BaseException | None) -> None:
        self.append((result, error))


def test_the_worker_runs_operations_on_its_own_thread_and_connection(
    qtbot, worker: DbWorker, add_visits: AddVisits
) -> None:
    add_visits(4)
    gui_connection = database.obj.connection()

    def count(_progress: Progress) -> tuple[int, bool, int]:
        same = database.obj.connection() is gui_connection
        return threading.get_ident(), same, visit_list.count(ListQuery())

    results = Results()
    operations.runner().submit(count, results)
    assert results == []  # delivered later, by a queued signal
    qtbot.waitUntil(lambda: len(results) == 1)
    (thread_id, same_connection, total), error = results[0]
    assert error is None and total == 4
    assert thread_id != threading.get_ident() and not same_connection


def test_errors_come_back_as_the_second_value(qtbot, worker: DbWorker) -> None:
    def fail(_progress: Progress) -> None:
        raise ValueError("boom")

    results = Results()
    worker.submit(fail, results)
    worker.submit(lambda _p: "after", results)
    qtbot.waitUntil(lambda: len(results) == 2)
    assert isinstance(results[0][1], ValueError) and results[0][0] is None
    assert results[1] == ("after", None)  # the worker survives a failing operation


def test_a_result_for_a_deleted_owner_is_dropped(qtbot, worker: DbWorker) -> None:
    owner = QWidget()
    results = Results()
    ticket = worker.submit(lambda _p: 1, results, owner=owner)
    owner.deleteLater()
    qtbot.waitUntil(lambda: ticket.finished)
    assert results == []


def test_sync_runner_runs_at_once() -> None:
    results = Results()
    ticket = SyncRunner().submit(lambda p: p.cancelled(), results)
    assert ticket.finished and results == [(False, None)]


def test_quick_work_shows_no_progress_dialog(qtbot, worker: DbWorker) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    results = Results()
    _ticket, shown = run_with_progress(parent, "Counting", lambda _p: 7, results)
    assert shown is not None and shown.timer.interval() == SHOW_AFTER_MS
    qtbot.waitUntil(lambda: len(results) == 1)
    assert results == [(7, None)]
    assert not parent.findChildren(QProgressDialog)  # finished before the delay


def test_long_work_shows_progress_and_can_be_cancelled(qtbot, worker: DbWorker) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    gate = threading.Event()

    def long_work(progress: Progress) -> None:
        progress.progress(3, 10)
        for _ in range(2000):  # bounded: a lost cancel fails the test instead of hanging it
            if progress.cancelled():
                raise Cancelled
            gate.wait(0.01)
        raise TimeoutError("the cancel never reached the operation")

    results = Results()
    ticket, shown = run_with_progress(parent, "Exporting", long_work, results)
    assert shown is not None and shown.dialog is None
    shown.timer.timeout.emit()  # the work outlasted the delay
    dialog = shown.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.labelText() == "Exporting" and dialog.windowTitle() == "请稍候"
    qtbot.waitUntil(lambda: (dialog.value(), dialog.maximum()) == (3, 10))
    dialog.findChild(QPushButton).click()  # Cancel
    qtbot.waitUntil(lambda: len(results) == 1)
    assert isinstance(results[0][1], Cancelled) and ticket.progress.cancelled()
    assert not [d for d in parent.findChildren(QProgressDialog) if d.isVisible()]


def test_an_unhandled_operation_error_is_reported(
    qtbot, worker: DbWorker, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(messages, "show_unexpected", lambda _parent, text: shown.append(text))
    worker.submit(lambda _p: 1 / 0)
    qtbot.waitUntil(lambda: len(shown) == 1)
    assert "ZeroDivisionError" in shown[0]


# -- the visits count ----------------------------------------------------------------------


def test_the_visit_count_arrives_from_the_worker(
    qtbot, worker: DbWorker, workspace: Workspace, add_visits: AddVisits
) -> None:
    add_visits(3)
    window = build_main_window(workspace)
    qtbot.addWidget(window)
    window.show_page(window.visits)
    assert window.visits.model.rowCount() == 3  # the first page is there at once
    assert window.visits.count_label.text() == "共 … 条"
    assert window.count_label.text() == "共 … 条接待走访记录"
    qtbot.waitUntil(lambda: window.visits.count_label.text() == "共 3 条")
    assert window.count_label.text() == "共 3 条接待走访记录"


class HeldRunner:
    """Keeps operations until the test runs them, in any order."""

    def __init__(self) -> None:
        self.held: list[tuple[Any, Any]] = []

    def submit(self, operation: Any, on_done: Any = None, *, owner: Any = None) -> Any:
        self.held.append((operation, on_done))
        return None

    def finish(self, index: int) -> None:
        operation, on_done = self.held[index]
        on_done(operation(Progress()), None)


def test_a_count_for_an_older_query_is_dropped(
    qtbot, ctx: Any, add_visits: AddVisits, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_visits(6)
    held = HeldRunner()
    monkeypatch.setattr(operations, "_runner", held)
    model = visit_model(ctx, Lookups.load())
    totals: list[int] = []
    model.totalChanged.connect(totals.append)
    model.set_query(ListQuery(text="水渠"))
    model.set_query(ListQuery())
    assert model.total == COUNTING and totals == [COUNTING, COUNTING]
    held.finish(1)  # the newest query's count
    held.finish(0)  # the search's count comes late: dropped
    assert model.total == 6 and totals == [COUNTING, COUNTING, 6]


def test_call_runs_on_the_worker_and_returns_or_raises_here(qtbot, worker: DbWorker) -> None:
    assert operations.call(threading.get_ident) != threading.get_ident()

    def fail() -> None:
        raise ValueError("refused")

    with pytest.raises(ValueError, match="refused"):
        operations.call(fail)
    assert operations.call(lambda: "still working") == "still working"


def test_dialog_saves_and_list_deletes_run_on_the_worker(
    qtbot,
    worker: DbWorker,
    workspace: Workspace,
    people: Any,
    answers: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A save writes on the database worker while the window waits; its result (the new
    record) and its refusals come back to the dialog as before."""
    from studio_app.services import changes
    from studio_app.storage.models import Member
    from studio_app.ui.widgets import confirm
    from tests.ui.conftest import type_text

    monkeypatch.setattr(confirm, "confirm_delete", lambda _parent, _what: True)
    writers: list[int] = []
    stop = changes.subscribe(lambda _kinds: writers.append(threading.get_ident()))
    try:
        window = build_main_window(workspace)
        qtbot.addWidget(window)
        page = window.members
        dialog = page.open_record(None)
        dialog.save()  # no name: refused, shown in place, nothing written
        assert dialog.isVisible() and dialog.error_of("name") and writers == []
        type_text(dialog.edits["name"], "赵丽华")
        dialog.save()
        assert not dialog.isVisible()
        row = Member.get(Member.name == "赵丽华")
        assert dialog.saved_id == row.id
        qtbot.waitUntil(lambda: page.model.total == 4)
        page.select_record(row.id)
        assert page.delete_selected()
        assert Member.get_by_id(row.id).deleted_at is not None
    finally:
        stop()
    assert len(writers) == 2 and threading.get_ident() not in writers
