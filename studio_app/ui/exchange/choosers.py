"""The questions the exchange page asks in modal dialogs: where to save, what to open, a
password. The page holds them as attributes so that tests can answer instead."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QWidget


def save_path(parent: QWidget | None, suggested: Path) -> Path | None:
    """Where to write a package (``suggested`` names the usual file); None if cancelled."""
    chosen, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("choosers", "Save package"),
        str(suggested),
        QCoreApplication.translate("choosers", "Excel workbook (*.xlsx)"),
    )
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")


def open_path(parent: QWidget | None, folder: Path) -> Path | None:
    """A package to import; None if cancelled."""
    chosen, _ = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("choosers", "Import package"),
        str(folder),
        QCoreApplication.translate("choosers", "Excel workbook (*.xlsx);;All files (*)"),
    )
    return Path(chosen) if chosen else None


def password(parent: QWidget | None, file_name: str) -> str | None:
    """The password of an encrypted package; None if cancelled."""
    text, ok = QInputDialog.getText(
        parent,
        QCoreApplication.translate("choosers", "Encrypted package"),
        QCoreApplication.translate("choosers", "“{0}” is encrypted. Password:").format(file_name),
        QLineEdit.EchoMode.Password,
    )
    return text if ok and text else None
