"""The Backups tab of Settings: back up now, the list of backups, restore one, the folder.

Restoring replaces the whole database, so the running app must let go of it: the panel
hands the chosen file to the restore handler the app installs with :func:`configure`
(it closes the database, restores, and reopens the window). Without one (tests, or the
panel shown on its own) the service is called directly.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio_app.core.errors import UserError
from studio_app.paths import DataDir
from studio_app.services import backups
from studio_app.services.context import Context
from studio_app.services.permissions import Permission, allowed
from studio_app.storage.backup import BackupFile
from studio_app.ui import messages, operations

RestoreHandler = Callable[[Path], None]
_restore_handler: RestoreHandler | None = None


def configure(handler: RestoreHandler | None) -> None:
    """Install (None: remove) the app's way of restoring while it runs."""
    global _restore_handler
    _restore_handler = handler


def choose_backup_folder(parent: QWidget, start: str) -> str:
    """A folder picked by the user, or "" (tests replace this)."""
    return QFileDialog.getExistingDirectory(
        parent, QCoreApplication.translate("BackupPanel", "Choose the backup folder"), start
    )


def confirm_restore(parent: QWidget, chosen: BackupFile) -> bool:
    """Ask before replacing the data (tests replace this)."""
    text = QCoreApplication.translate(
        "BackupPanel",
        "Replace all current data by the backup of {0}?\n\nThe current data is backed up "
        "first, and the window opens again on the restored data.",
    ).format(chosen.taken_at.strftime("%Y-%m-%d %H:%M"))
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("BackupPanel", "Restore a backup"),
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


class BackupPanel(QWidget):
    """Backups of one data directory; ``restored`` fires after a restore done here."""

    restored = Signal()

    COLUMNS = 5

    def __init__(self, ctx: Context, data_dir: DataDir, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backupPanel")
        self.ctx = ctx
        self.data_dir = data_dir
        self.entries: list[BackupFile] = []
        admin = allowed(ctx, Permission.RESTORE)
        may_choose = allowed(ctx, Permission.BACKUP_SETTINGS)

        self.folder_label = QLabel(self)
        self.folder_label.setObjectName("backupFolder")
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_label.setWordWrap(True)
        self.choose_button = QPushButton(self.tr("Choose folder…"), self)
        self.choose_button.clicked.connect(self.choose_folder)
        self.default_button = QPushButton(self.tr("Use the default folder"), self)
        self.default_button.clicked.connect(self.use_default_folder)
        for button in (self.choose_button, self.default_button):
            button.setEnabled(may_choose)

        self.backup_button = QPushButton(self.tr("Back up now"), self)
        self.backup_button.setObjectName("backupNow")
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton(self.tr("Restore selected…"), self)
        self.restore_button.setObjectName("restoreSelected")
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_button.setEnabled(False)
        self.restore_button.setVisible(admin)

        self.table = QTableWidget(0, self.COLUMNS, self)
        self.table.setObjectName("backupList")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Date"), self.tr("Reason"), self.tr("Size"), self.tr("Check"), self.tr("File")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection_changed)

        self.status = QLabel(self)
        self.status.setObjectName("backupStatus")
        self.status.setWordWrap(True)

        folder_row = QHBoxLayout()
        folder_row.addWidget(QLabel(self.tr("Backup folder:"), self))
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(self.choose_button)
        folder_row.addWidget(self.default_button)
        actions = QHBoxLayout()
        actions.addWidget(self.backup_button)
        actions.addWidget(self.restore_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(folder_row)
        layout.addWidget(
            QLabel(
                self.tr(
                    "Backups are made automatically after changes (at most every 30 minutes), "
                    "when the app closes, and before every import, upgrade, restore or purge."
                ),
                self,
            )
        )
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.refresh()

    # -- showing --------------------------------------------------------------------------

    def refresh(self) -> None:
        folder, note = backups.target_folder(self.data_dir)
        self.folder_label.setText(str(folder))
        if note:
            self.status.setText(note)
        self.entries = backups.list_backups(self.data_dir)
        self.table.setRowCount(len(self.entries))
        for row, b in enumerate(self.entries):
            check = self.tr("OK") if b.intact else self.tr("Damaged")
            cells = [
                b.taken_at.strftime("%Y-%m-%d %H:%M:%S"),
                self._reason(b.reason),
                _size(b.size),
                check,
                str(b.path),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        self._selection_changed()

    def _reason(self, reason: str) -> str:
        labels = {
            "auto": self.tr("Automatic"),
            "close": self.tr("On closing"),
            "manual": self.tr("By hand"),
            "import": self.tr("Before an import"),
            "migration": self.tr("Before an upgrade"),
            "restore": self.tr("Before a restore"),
            "purge": self.tr("Before a purge"),
        }
        return labels.get(reason, reason)

    def selected(self) -> BackupFile | None:
        rows = self.table.selectionModel().selectedRows()
        return self.entries[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        chosen = self.selected()
        self.restore_button.setEnabled(chosen is not None and chosen.intact)

    # -- acting ---------------------------------------------------------------------------

    def back_up_now(self) -> None:
        self.backup_button.setEnabled(False)
        self.status.setText(self.tr("Backing up…"))
        ctx = self.ctx
        operations.runner().submit(
            lambda _p: backups.back_up(ctx, "manual"), self._backed_up, owner=self
        )

    def _backed_up(self, written: Any, error: BaseException | None) -> None:
        self.backup_button.setEnabled(True)
        if error is not None:
            self.status.setText("")
            self._refused(error)
            return
        text = self.tr("Backup written: {0}").format(written.path)
        self.status.setText(f"{written.note}\n{text}" if written.note else text)
        self.refresh()

    def restore_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or not confirm_restore(self, chosen):
            return
        try:
            if _restore_handler is not None:
                _restore_handler(chosen.path)
                return  # the app reopens its window; this panel goes with the old one
            backups.restore(self.data_dir, chosen.path, ctx=self.ctx)
        except UserError as exc:
            messages.show_error(self, exc.message)
            return
        self.status.setText(
            self.tr("Restored the backup of {0}.").format(
                chosen.taken_at.strftime("%Y-%m-%d %H:%M")
            )
        )
        self.refresh()
        self.restored.emit()

    def choose_folder(self) -> None:
        start = str(backups.target_folder(self.data_dir)[0])
        chosen = choose_backup_folder(self, start)
        if chosen:
            self._set_folder(chosen)

    def use_default_folder(self) -> None:
        self._set_folder(None)

    def _set_folder(self, folder: str | None) -> None:
        try:
            operations.call(lambda: backups.set_folder(self.ctx, folder))
        except UserError as exc:
            messages.show_error(self, exc.message)
            return
        self.status.setText("")
        self.refresh()

    def _refused(self, error: BaseException) -> None:
        if isinstance(error, UserError):
            messages.show_error(self, error.message)
        else:
            from studio_app.ui import errors

            errors.report(error)


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f} MB"
    return f"{max(n, 1024) // 1024} KB"
