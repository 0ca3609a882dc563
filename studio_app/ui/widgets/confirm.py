"""Questions the list pages ask before destructive actions (tests answer them)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from studio_app.ui import messages


def confirm_delete(parent: QWidget | None, what: str) -> bool:
    """Ask before moving ``what`` to the trash; True to delete."""
    return messages.ask_destructive(
        parent,
        QCoreApplication.translate("confirm", "Delete"),
        QCoreApplication.translate(
            "confirm", "Move {0} to the trash? It can be restored from the trash."
        ).format(what),
        QCoreApplication.translate("confirm", "Delete"),
        QCoreApplication.translate("confirm", "Cancel"),
    )
