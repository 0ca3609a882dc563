"""Message boxes, in one place so that tests can answer them."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def show_error(parent: QWidget | None, message: str) -> None:
    """A refusal the user can act on (a :class:`UserError` message)."""
    QMessageBox.warning(parent, QCoreApplication.translate("messages", "Studio Ledger"), message)


def ask_destructive(
    parent: QWidget | None,
    title: str,
    text: str,
    act: str,
    keep: str,
    icon: QMessageBox.Icon = QMessageBox.Icon.Question,
) -> bool:
    """A question before something that cannot be taken back lightly: the safe answer
    (``keep``) is the default button; True when the user chose ``act``."""
    box = QMessageBox(icon, title, text, parent=parent)
    act_button = box.addButton(act, QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(box.addButton(keep, QMessageBox.ButtonRole.RejectRole))
    box.exec()
    return box.clickedButton() is act_button


def confirm_discard(parent: QWidget | None) -> bool:
    """Ask before throwing away unsaved changes; True to discard."""
    return ask_destructive(
        parent,
        QCoreApplication.translate("messages", "Unsaved changes"),
        QCoreApplication.translate("messages", "Discard the changes you made?"),
        QCoreApplication.translate("messages", "Discard"),
        QCoreApplication.translate("messages", "Keep editing"),
    )


def ask_missing(parent: QWidget | None, step: str, missing: list[str]) -> bool:
    """Before workflow step ``step`` with fields it would rather have (``missing``, their
    labels) empty; True to take the step anyway."""
    names = QCoreApplication.translate("messages", ", ").join(missing)
    return ask_destructive(
        parent,
        step,
        QCoreApplication.translate("messages", "{0} is not filled in. {1} anyway?").format(
            names, step
        ),
        QCoreApplication.translate("messages", "{0} anyway").format(step),
        QCoreApplication.translate("messages", "Go back and fill it in"),
    )


def ask_reload(parent: QWidget | None, refusal: str) -> bool:
    """A save refused because someone else saved the record since it was opened
    (``refusal`` says who and when); True to reload it as saved now."""
    return ask_destructive(
        parent,
        QCoreApplication.translate("messages", "Changed by someone else"),
        refusal
        + "\n\n"
        + QCoreApplication.translate(
            "messages", "Reload the record as it is saved now? What you typed here is lost."
        ),
        QCoreApplication.translate("messages", "Reload"),
        QCoreApplication.translate("messages", "Keep what I typed"),
        QMessageBox.Icon.Warning,
    )


def show_unexpected(parent: QWidget | None, details: str) -> None:
    """A bug: say so plainly, keep the app running, offer the details to copy."""
    from studio_app.ui.error_dialog import DetailsDialog

    DetailsDialog(
        parent,
        QCoreApplication.translate("messages", "Unexpected error"),
        QCoreApplication.translate(
            "messages",
            "Something went wrong inside the program. What you saved before is safe and you "
            "can keep working. If it happens again, copy the details and send them to your "
            "support contact.",
        ),
        details,
    ).exec()


def show_crash_report(parent: QWidget | None, report: str, kept_at: str) -> None:
    """The previous run ended in a crash: show its report once."""
    from studio_app.ui.error_dialog import DetailsDialog

    DetailsDialog(
        parent,
        QCoreApplication.translate("messages", "The program closed unexpectedly"),
        QCoreApplication.translate(
            "messages",
            "Last time the program closed unexpectedly. Unsaved input may have been kept as a "
            "draft. The report below is saved in {0}.",
        ).format(kept_at),
        report,
    ).exec()


def ask_restore_draft(parent: QWidget | None, saved_at: datetime) -> bool:
    """Unsaved input was kept (after a crash): True to bring it back."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("messages", "Unsaved input found"),
        QCoreApplication.translate(
            "messages", "Input that was not saved was kept at {0}. Restore it?"
        ).format(saved_at.strftime("%Y-%m-%d %H:%M")),
        parent=parent,
    )
    restore = box.addButton(
        QCoreApplication.translate("messages", "Restore"), QMessageBox.ButtonRole.AcceptRole
    )
    box.addButton(
        QCoreApplication.translate("messages", "Discard it"),
        QMessageBox.ButtonRole.DestructiveRole,
    )
    box.setDefaultButton(restore)
    box.exec()
    return box.clickedButton() is restore
