"""A progress dialog for long operations that appears only when the work lasts.

Most operations end well within the delay (~600 ms, Anki's choice) and show nothing;
longer ones get a window-modal dialog with a bar and a Cancel button that asks the
operation to stop (it polls ``cancelled()``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from studio_app.ui import operations
from studio_app.ui.operations import Done, Operation, Ticket

SHOW_AFTER_MS = 600


class DelayedProgress(QObject):
    """Follows one ticket; shows a dialog after ``delay_ms`` unless the work has ended."""

    def __init__(
        self, parent: QWidget | None, label: str, ticket: Ticket, delay_ms: int = SHOW_AFTER_MS
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._label = label
        self.ticket = ticket
        self.dialog: QProgressDialog | None = None
        self._last = (0, 0)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(delay_ms)
        self.timer.timeout.connect(self.show_dialog)
        ticket.on_progress.append(self.update)
        if not ticket.finished:
            self.timer.start()

    def show_dialog(self) -> None:
        if self.ticket.finished or self.dialog is not None:
            return
        dialog = QProgressDialog(self._label, self.tr("Cancel"), 0, 0, self._parent)
        dialog.setObjectName("progressDialog")
        dialog.setWindowTitle(self.tr("Please wait"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        dialog.canceled.connect(self._cancel)
        self.dialog = dialog
        self.update(*self._last)
        dialog.show()

    def update(self, done: int, total: int) -> None:
        self._last = (done, total)
        if self.dialog is not None:
            self.dialog.setMaximum(max(total, 0))  # 0: a busy bar until a total is known
            self.dialog.setValue(min(done, total) if total > 0 else 0)

    def _cancel(self) -> None:
        self.ticket.cancel()
        if self.dialog is not None:
            self.dialog.setLabelText(self.tr("Cancelling…"))
            self.dialog.setCancelButtonText("")  # no second cancel while it winds down

    def finish(self) -> None:
        self.timer.stop()
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self._cancel)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        self.deleteLater()


def run_with_progress(
    parent: QWidget | None,
    label: str,
    operation: Operation,
    on_done: Done | None = None,
    *,
    delay_ms: int = SHOW_AFTER_MS,
) -> tuple[Ticket, DelayedProgress | None]:
    """Run ``operation`` on the worker with a delayed progress dialog titled ``label``."""
    follower: list[DelayedProgress] = []

    def done(result: Any, error: BaseException | None) -> None:
        for shown in follower:
            shown.finish()
        if on_done is not None:
            on_done(result, error)
        elif error is not None and not isinstance(error, operations.Cancelled):
            from studio_app.ui import errors

            errors.report(error, parent)

    ticket = operations.runner().submit(operation, done, owner=parent)
    if ticket.finished:
        return ticket, None
    follower.append(DelayedProgress(parent, label, ticket, delay_ms))
    return ticket, follower[0]
