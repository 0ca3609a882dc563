"""Work off the GUI thread: *operations* run one at a time on one database worker thread.

An operation is a callable taking a :class:`Progress` (``progress(done, total)`` and
``cancelled()``) that calls services and returns a result. Its ``(result, error)`` comes
back to the GUI thread by a queued signal (Anki's ``CollectionOp``, Picard's
``run_task``). Peewee keeps one connection per thread, so the worker opens its own
connection to the bound database (with the same pragmas and SQL functions) and closes
it when it stops.

The runner in use is process-wide: :func:`runner` returns it, :func:`install` replaces
it. Until the app installs a :class:`DbWorker`, a :class:`SyncRunner` runs operations at
once on the calling thread — what tests use unless they test the worker itself (Picard's
fake thread pool).
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

import shiboken6
from PySide6.QtCore import QEventLoop, QObject, QThread, Signal

from studio_app.storage.models import database

log = logging.getLogger("studio_app.ui.operations")

Done = Callable[[Any, BaseException | None], None]
T = TypeVar("T")


class Cancelled(Exception):
    """Raised by an operation that saw ``cancelled()``; delivered as its error."""


class Progress:
    """What an operation may call from the worker thread."""

    def __init__(self, report: Callable[[int, int], None] | None = None) -> None:
        self._report = report
        self._cancel = threading.Event()

    def progress(self, done: int, total: int) -> None:
        if self._report is not None:
            self._report(done, total)

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        """Ask the operation to stop (from any thread); it decides when it can."""
        self._cancel.set()

    def check(self) -> None:
        """Raise :class:`Cancelled` if cancelling was asked for."""
        if self.cancelled():
            raise Cancelled


Operation = Callable[[Progress], Any]


@dataclass
class Ticket:
    """One submitted operation: cancel it, or follow its progress (``on_progress``)."""

    id: int
    progress: Progress
    on_done: Done | None
    owner: QObject | None = None
    on_progress: list[Callable[[int, int], None]] = field(default_factory=list)
    finished: bool = False

    def cancel(self) -> None:
        self.progress.cancel()


class Runner(Protocol):
    def submit(
        self, operation: Operation, on_done: Done | None = None, *, owner: QObject | None = None
    ) -> Ticket: ...


_ids = itertools.count(1)


def _deliver(ticket: Ticket, result: Any, error: BaseException | None) -> None:
    """Hand ``(result, error)`` to the caller on the GUI thread, unless its owner is gone."""
    ticket.finished = True
    if ticket.owner is not None and not shiboken6.isValid(ticket.owner):
        return
    if ticket.on_done is not None:
        ticket.on_done(result, error)
    elif error is not None and not isinstance(error, Cancelled):
        from studio_app.ui import errors

        errors.report(error)


class SyncRunner:
    """Runs each operation at once on the calling thread (tests, and before the app runs)."""

    def submit(
        self, operation: Operation, on_done: Done | None = None, *, owner: QObject | None = None
    ) -> Ticket:
        ticket = Ticket(next(_ids), Progress(), on_done, owner)
        try:
            result, error = operation(ticket.progress), None
        except Exception as exc:
            result, error = None, exc
        _deliver(ticket, result, error)
        return ticket


class DbWorker(QThread):
    """The one database worker thread: a queue of operations, run in order."""

    _delivered = Signal(int, object, object)
    _progressed = Signal(int, int, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dbWorker")
        self._queue: queue.Queue[tuple[Ticket, Operation] | None] = queue.Queue()
        self._tickets: dict[int, Ticket] = {}
        self._delivered.connect(self._on_delivered)
        self._progressed.connect(self._on_progressed)

    def submit(
        self, operation: Operation, on_done: Done | None = None, *, owner: QObject | None = None
    ) -> Ticket:
        """Queue ``operation``; ``on_done(result, error)`` runs later on the GUI thread."""
        number = next(_ids)
        report = lambda d, t: self._progressed.emit(number, d, t)  # noqa: E731
        ticket = Ticket(number, Progress(report), on_done, owner)
        self._tickets[ticket.id] = ticket
        if not self.isRunning():
            self.start()
        self._queue.put((ticket, operation))
        return ticket

    def stop(self) -> None:
        """Ask every pending operation to cancel, end the thread and wait for it."""
        for ticket in self._tickets.values():
            ticket.cancel()
        if self.isRunning():
            self._queue.put(None)
            self.wait()

    def run(self) -> None:
        """The thread: run queued operations until :meth:`stop`."""
        opened: list[Any] = []
        try:
            while (item := self._queue.get()) is not None:
                ticket, operation = item
                db = database.obj
                if db is not None and db not in opened:
                    db.connect(reuse_if_open=True)  # this thread's own connection
                    opened.append(db)
                try:
                    result, error = operation(ticket.progress), None
                except Exception as exc:
                    result, error = None, exc
                self._delivered.emit(ticket.id, result, error)
        finally:
            for db in opened:
                db.close()

    def _on_delivered(self, ticket_id: int, result: Any, error: BaseException | None) -> None:
        ticket = self._tickets.pop(ticket_id, None)
        if ticket is not None:
            _deliver(ticket, result, error)

    def _on_progressed(self, ticket_id: int, done: int, total: int) -> None:
        ticket = self._tickets.get(ticket_id)
        if ticket is not None:
            for follow in ticket.on_progress:
                follow(done, total)


_runner: Runner = SyncRunner()


def runner() -> Runner:
    """The runner in use: the app's :class:`DbWorker`, or a :class:`SyncRunner`."""
    return _runner


def install(new: Runner | None) -> Runner:
    """Use ``new`` (None: a :class:`SyncRunner`) from now on; returns the previous one."""
    global _runner
    previous, _runner = _runner, new if new is not None else SyncRunner()
    return previous


def call(work: Callable[[], T]) -> T:
    """Run one service write on the database worker and wait for it: its result is returned
    and its error raised here, on the GUI thread, so a dialog's save reads as a plain call.

    While it waits the window keeps painting but takes no input (no second click can start
    a second save); a :class:`SyncRunner` runs ``work`` at once.
    """
    current = runner()
    if isinstance(current, SyncRunner):
        return work()
    outcome: list[tuple[Any, BaseException | None]] = []
    loop = QEventLoop()

    def done(result: Any, error: BaseException | None) -> None:
        outcome.append((result, error))
        loop.quit()

    current.submit(lambda _progress: work(), done)
    if not outcome:
        loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    result, error = outcome[0]
    if error is not None:
        raise error
    return result
