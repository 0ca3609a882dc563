"""Purging old visits (administrators): choose the age, see what would go, then confirm.

The preview and the purge run on the database worker; the purge itself takes a backup
first, removes the records beyond recovery and is audited by the service
(:mod:`studio_app.services.retention`). Other roles see why they cannot use it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from studio_app.services import retention
from studio_app.services.context import Context
from studio_app.services.permissions import Permission, allowed
from studio_app.ui import errors, messages, operations

DEFAULT_YEARS = 5


def confirm_purge(parent: QWidget, found: retention.PurgePreview) -> bool:
    """Last question before the purge; True to go ahead."""
    return messages.ask_destructive(
        parent,
        QCoreApplication.translate("PurgePanel", "Purge old visits"),
        found.summary()
        + "\n\n"
        + QCoreApplication.translate(
            "PurgePanel",
            "This cannot be undone: the records cannot be recovered from the database. "
            "A backup is made first; it still holds them.",
        ),
        QCoreApplication.translate("PurgePanel", "Purge"),
        QCoreApplication.translate("PurgePanel", "Cancel"),
        QMessageBox.Icon.Warning,
    )


class PurgePanel(QWidget):
    """Years to keep, a preview of what would go, and the purge button."""

    purged = Signal(object)  # the PurgeResult

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("purgePanel")
        self.ctx = ctx
        self.found: retention.PurgePreview | None = None
        self.years = QSpinBox(self)
        self.years.setRange(1, retention.MAX_YEARS)
        self.years.setValue(DEFAULT_YEARS)
        self.years.setSuffix(self.tr(" years"))
        self.preview_button = QPushButton(self.tr("Preview"), self)
        self.purge_button = QPushButton(self.tr("Purge…"), self)
        self.purge_button.setEnabled(False)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.status = QLabel(self)
        self.status.setWordWrap(True)

        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Visits that took place more than"), self))
        row.addWidget(self.years)
        row.addWidget(QLabel(self.tr("ago"), self))
        row.addStretch(1)
        layout = QVBoxLayout(self)
        note = QLabel(
            self.tr(
                "Removes old visits with their links, and residents left with no other "
                "record. Visits cited by a proposal are kept. Backups made earlier still "
                "hold the removed records."
            ),
            self,
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addLayout(row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.purge_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.summary)
        layout.addWidget(self.status)
        layout.addStretch(1)

        self.years.valueChanged.connect(self._forget_preview)
        self.preview_button.clicked.connect(self.preview)
        self.purge_button.clicked.connect(self.purge)
        if not allowed(ctx, Permission.PURGE):
            for widget in (self.years, self.preview_button):
                widget.setEnabled(False)
            self.status.setText(self.tr("Only an administrator can purge old records."))

    def _forget_preview(self) -> None:
        self.found = None
        self.summary.clear()
        self.purge_button.setEnabled(False)

    def preview(self) -> None:
        ctx, years = self.ctx, self.years.value()
        self.preview_button.setEnabled(False)
        operations.runner().submit(
            lambda _p: retention.preview(ctx, years), self._previewed, owner=self
        )

    def _previewed(self, found: Any, error: BaseException | None) -> None:
        self.preview_button.setEnabled(True)
        if error is not None:
            errors.report(error, self)
            return
        self.found = found
        self.status.clear()
        self.summary.setText(
            found.summary() if not found.empty else self.tr("Nothing is old enough to purge.")
        )
        self.purge_button.setEnabled(not found.empty)

    def purge(self) -> None:
        found = self.found
        if found is None or found.empty or not confirm_purge(self, found):
            return
        ctx, years = self.ctx, found.years
        self.purge_button.setEnabled(False)
        self.preview_button.setEnabled(False)
        self.status.setText(self.tr("Backing up and purging…"))
        operations.runner().submit(lambda _p: retention.purge(ctx, years), self._purged, owner=self)

    def _purged(self, result: Any, error: BaseException | None) -> None:
        self.preview_button.setEnabled(True)
        self._forget_preview()
        if error is not None:
            self.status.clear()
            errors.report(error, self)
            return
        done = result.preview
        visits = self.tr("%n visit(s)", "", done.visits)
        residents = self.tr("%n resident(s)", "", done.residents)
        text = self.tr("Purged {0} and {1}. Backup made before: {2}").format(
            visits, residents, result.backup
        )
        if not result.scrubbed:
            text += "\n" + self.tr(
                "Another program still has the database open; the old data is wiped once it closes."
            )
        self.status.setText(text)
        self.purged.emit(result)


class PurgeDialog(QDialog):
    """:class:`PurgePanel` in a window of its own."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("PurgePanel", "Purge old visits"))
        self.panel = PurgePanel(ctx, self)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.panel)
        layout.addWidget(close)
