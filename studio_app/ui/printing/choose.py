"""The system dialogs printing asks through, in one place so that tests can answer them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget


def default_folder() -> Path:
    """Where save dialogs start: the user's documents folder (home if there is none)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def save_path(
    parent: QWidget | None, caption: str, suggested: Path, filter_text: str
) -> Path | None:
    """Ask where to save; None when the user cancels."""
    chosen, _filter = QFileDialog.getSaveFileName(parent, caption, str(suggested), filter_text)
    return Path(chosen) if chosen else None


def printer_setup(parent: QWidget | None, printer: QPrinter, pages: int) -> bool:
    """The print dialog (printer, copies, page range); True to print."""
    dialog = QPrintDialog(printer, parent)
    dialog.setMinMax(1, max(pages, 1))
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, True)
    return dialog.exec() == QDialog.DialogCode.Accepted


def with_suffix(path: Path, suffix: str) -> Path:
    """``path`` ending in ``suffix`` (a name typed without it gets it added)."""
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)
