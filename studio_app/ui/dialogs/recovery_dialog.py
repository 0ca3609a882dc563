"""Shown at start when the database fails its check: restore a backup, read only, or quit."""

from __future__ import annotations

import enum
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio_app.core.errors import UserError
from studio_app.services import backups
from studio_app.services.backups import DatabaseDamaged
from studio_app.storage.database import close_database
from studio_app.ui import messages
from studio_app.workspace import Workspace, open_read_only


class Choice(enum.Enum):
    RESTORE = "restore"
    READ_ONLY = "read_only"
    QUIT = "quit"


def choose_backup_file(parent: QWidget, start: str) -> str:
    """A backup file picked by the user, or "" (tests replace this)."""
    found, _ = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("RecoveryDialog", "Choose a backup"),
        start,
        QCoreApplication.translate("RecoveryDialog", "Studio Ledger databases (*.sqlite3)"),
    )
    return found


class RecoveryDialog(QDialog):
    """``choice`` and (for a restore) ``source`` say what the user decided."""

    def __init__(self, damaged: DatabaseDamaged, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryDialog")
        self.setWindowTitle(self.tr("The database is damaged"))
        self.damaged = damaged
        self.choice = Choice.QUIT
        self.source: Path | None = damaged.newest.path if damaged.newest else None

        intro = QLabel(
            self.tr(
                "The database {0} failed its check ({1}). Nothing will be written to it. "
                "Restore a backup to go on working; the damaged file is kept."
            ).format(damaged.data_dir.database, damaged.problem),
            self,
        )
        intro.setWordWrap(True)
        if damaged.newest is not None:
            found = self.tr("Newest sound backup: {0} ({1})").format(
                damaged.newest.taken_at.strftime("%Y-%m-%d %H:%M"), damaged.newest.path
            )
        else:
            found = self.tr("No sound backup was found in the backup folder.")
        self.found = QLabel(found, self)
        self.found.setObjectName("newestBackup")
        self.found.setWordWrap(True)

        self.restore_button = QPushButton(self.tr("Restore this backup"), self)
        self.restore_button.setObjectName("restoreBackup")
        self.restore_button.setEnabled(self.source is not None)
        self.restore_button.clicked.connect(lambda: self._finish(Choice.RESTORE))
        self.other_button = QPushButton(self.tr("Restore another file…"), self)
        self.other_button.setObjectName("restoreOther")
        self.other_button.clicked.connect(self._choose_other)
        self.read_only_button = QPushButton(self.tr("Open read-only"), self)
        self.read_only_button.setObjectName("openReadOnly")
        self.read_only_button.clicked.connect(lambda: self._finish(Choice.READ_ONLY))
        self.quit_button = QPushButton(self.tr("Quit"), self)
        self.quit_button.setObjectName("quit")
        self.quit_button.clicked.connect(lambda: self._finish(Choice.QUIT))
        if self.source is not None:
            self.restore_button.setDefault(True)

        buttons = QHBoxLayout()
        for button in (
            self.restore_button,
            self.other_button,
            self.read_only_button,
            self.quit_button,
        ):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.found)
        layout.addLayout(buttons)

    def _choose_other(self) -> None:
        chosen = choose_backup_file(self, str(self.damaged.data_dir.backups))
        if chosen:
            self.source = Path(chosen)
            self._finish(Choice.RESTORE)

    def _finish(self, choice: Choice) -> None:
        self.choice = choice
        if choice is Choice.QUIT:
            self.reject()
        else:
            self.accept()


def ask(damaged: DatabaseDamaged, parent: QWidget | None = None) -> tuple[Choice, Path | None]:
    """Show the dialog; the user's choice and the backup to restore (tests replace this)."""
    dialog = RecoveryDialog(damaged, parent)
    dialog.exec()
    return dialog.choice, dialog.source


def recover(damaged: DatabaseDamaged, prepare: Callable[[], Workspace]) -> Workspace | None:
    """Ask until the user has a workspace (restored, or the damaged one read-only) or quits."""
    while True:
        choice, source = ask(damaged)
        if choice is Choice.QUIT:
            return None
        try:
            if choice is Choice.READ_ONLY:
                return open_read_only(damaged.data_dir)
            assert source is not None
            backups.restore(damaged.data_dir, source)
            close_database()
            return prepare()
        except UserError as exc:
            messages.show_error(None, exc.message)
