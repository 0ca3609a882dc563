"""Starting print work from a page: make the PDF on the worker, then preview or save it.

The worker runs the job with the delayed progress dialog (Cancel stops a batch between
forms; the half-made file is removed). Results come back on the GUI thread; a refusal is
shown as a message, a cancel quietly.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow, QWidget

from studio_app.core.errors import UserError
from studio_app.ui import errors
from studio_app.ui.operations import Cancelled, Operation, Progress, Ticket
from studio_app.ui.printing import saved as notice
from studio_app.ui.printing.print_jobs import PrintJob
from studio_app.ui.progress import run_with_progress

if TYPE_CHECKING:  # the preview's module is loaded when a preview opens, not at start
    from studio_app.ui.printing.preview_dialog import PreviewDialog

STATUS_MS = 10_000


_FOLDERS: list[Path] = []  # the previews' folders, removed at exit if still there


def _remove_folders() -> None:
    for folder in _FOLDERS:
        shutil.rmtree(folder, ignore_errors=True)


def _temporary_folder() -> Path:
    """A folder for one preview's PDF: its dialog removes it; whatever is left (a dialog
    never closed) goes when the program ends, so no form of personal data stays behind."""
    if not _FOLDERS:
        atexit.register(_remove_folders)
    folder = Path(tempfile.mkdtemp(prefix="studio-print-"))
    _FOLDERS.append(folder)
    return folder


def preview(
    parent: QWidget,
    job: PrintJob | Callable[[], PrintJob],
    shown: Callable[[PreviewDialog], Any] | None = None,
) -> Ticket | None:
    """Make ``job``'s PDF in a temporary folder and open the preview (window-modal).

    ``job`` may be a function making the job: its refusal (nothing selected, a deleted
    record, a backwards date range) is shown and nothing runs.
    """
    if not isinstance(job, PrintJob):
        try:
            job = job()
        except UserError as exc:
            errors.report(exc, parent)
            return None
    folder = _temporary_folder()

    def done(result: Any, error: BaseException | None) -> None:
        if error is not None:
            shutil.rmtree(folder, ignore_errors=True)
            if not isinstance(error, Cancelled):
                errors.report(error, parent)
            return
        try:
            from studio_app.ui.printing.preview_dialog import PreviewDialog

            dialog = PreviewDialog(job, result.path, parent, owned=folder)
        except Exception as exc:
            shutil.rmtree(folder, ignore_errors=True)
            errors.report(exc, parent)
            return
        dialog.open()
        if shown is not None:
            shown(dialog)

    def make(progress: Progress) -> Any:
        assert isinstance(job, PrintJob)
        return job.run(folder / job.file_name, progress)

    ticket, _follower = run_with_progress(
        parent, QCoreApplication.translate("printing", "Preparing the document…"), make, done
    )
    return ticket


def write_file(
    parent: QWidget,
    label: str,
    operation: Operation,
    saved: Callable[[Path], Any] | None = None,
) -> Ticket:
    """Run ``operation`` (it returns the written path), then say where the file is: in the
    status bar and in a note that does not block, with a button to open the folder."""

    def done(result: Any, error: BaseException | None) -> None:
        if error is not None:
            if not isinstance(error, Cancelled):
                errors.report(error, parent)
            return
        path = Path(getattr(result, "path", result))
        tell(parent, QCoreApplication.translate("printing", "Saved: {0}").format(path))
        notice.show_saved(parent, path)
        if saved is not None:
            saved(path)

    ticket, _follower = run_with_progress(parent, label, operation, done)
    return ticket


def tell(widget: QWidget, text: str) -> None:
    """A short note in the main window's status bar (nothing to click away)."""
    window = widget.window()
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, STATUS_MS)
