"""Message boxes, in one place so that tests can answer them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def show_error(parent: QWidget | None, message: str) -> None:
    """A refusal the user can act on (a :class:`UserError` message)."""
    QMessageBox.warning(parent, QCoreApplication.translate("messages", "Studio Ledger"), message)


def confirm_discard(parent: QWidget | None) -> bool:
    """Ask before throwing away unsaved changes; True to discard."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("messages", "Unsaved changes"),
        QCoreApplication.translate("messages", "Discard the changes you made?"),
        parent=parent,
    )
    discard = box.addButton(
        QCoreApplication.translate("messages", "Discard"), QMessageBox.ButtonRole.DestructiveRole
    )
    keep = box.addButton(
        QCoreApplication.translate("messages", "Keep editing"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(keep)
    box.exec()
    return box.clickedButton() is discard
