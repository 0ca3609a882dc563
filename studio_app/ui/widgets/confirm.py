"""Questions the list pages ask before destructive actions (tests answer them)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def confirm_delete(parent: QWidget | None, what: str) -> bool:
    """Ask before moving ``what`` to the trash; True to delete."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("confirm", "Delete"),
        QCoreApplication.translate(
            "confirm", "Move {0} to the trash? It can be restored from the trash."
        ).format(what),
        parent=parent,
    )
    delete = box.addButton(
        QCoreApplication.translate("confirm", "Delete"), QMessageBox.ButtonRole.DestructiveRole
    )
    keep = box.addButton(
        QCoreApplication.translate("confirm", "Cancel"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(keep)
    box.exec()
    return box.clickedButton() is delete
