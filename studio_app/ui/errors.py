"""Errors reaching the GUI: refusals as a plain message, bugs as a dialog with details.

A :class:`UserError` is something the user can act on; it shows as a simple message box,
and so does a storage fault (disk full, database locked or damaged) with its cause.
Anything else is a bug: its traceback goes to the rotating log and a dialog in plain
language offers "copy details"; the app keeps running. :func:`install` routes uncaught
exceptions (PySide calls ``sys.excepthook`` for exceptions in slots) here.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtWidgets import QApplication, QWidget

from studio_app import __version__
from studio_app.core.errors import UserError
from studio_app.ui import messages
from studio_app.workspace import storage_fault

log = logging.getLogger("studio_app.ui.errors")

Hook = Callable[[type[BaseException], BaseException, TracebackType | None], object]

_reporting = False


def details(error: BaseException) -> str:
    """What a supporter needs: version, Python, Qt, and the traceback."""
    from PySide6 import __version__ as pyside

    lines = traceback.format_exception(type(error), error, error.__traceback__)
    head = f"studio-app {__version__}, Python {sys.version.split()[0]}, PySide6 {pyside}\n"
    return head + "".join(lines)


def report(error: BaseException, parent: QWidget | None = None) -> None:
    """Show ``error`` to the user the way its kind deserves (see the module docstring)."""
    global _reporting
    if isinstance(error, UserError):
        messages.show_error(parent or _active_window(), error.message)
        return
    fault = storage_fault(error)  # disk full, locked, damaged: the cause, not a "bug"
    if fault is not None:
        log.error("storage fault", exc_info=(type(error), error, error.__traceback__))
        messages.show_error(parent or _active_window(), fault)
        return
    log.error("unexpected error", exc_info=(type(error), error, error.__traceback__))
    if _reporting:  # an error while showing an error: the log has it, do not loop
        return
    _reporting = True
    try:
        messages.show_unexpected(parent or _active_window(), details(error))
    finally:
        _reporting = False


def excepthook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    """``sys.excepthook`` for the GUI: report and carry on (Ctrl+C still ends the app)."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, tb)
        QApplication.quit()
        return
    if error.__traceback__ is None:
        error = error.with_traceback(tb)
    report(error)


def install() -> Hook:
    """Route uncaught exceptions to :func:`excepthook`; returns the previous hook."""
    previous = sys.excepthook
    sys.excepthook = excepthook
    return previous


def _active_window() -> QWidget | None:
    return QApplication.activeWindow()
