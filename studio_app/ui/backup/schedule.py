"""The running app's automatic backups: after changes (at most every 30 minutes) and on close.

A timer asks :class:`~studio_app.services.backups.AutoBackup` once a minute whether a backup
is due (one cheap ``PRAGMA``); the backup itself runs on the database worker. What the user
should know (the chosen folder was unavailable, a backup failed) goes to ``notify``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from studio_app.core.errors import UserError
from studio_app.paths import DataDir
from studio_app.services import backups, data_location
from studio_app.ui import messages, operations
from studio_app.ui.backup import panel as backup_panel
from studio_app.ui.settings import Option, Settings

log = logging.getLogger("studio_app.ui.backup.schedule")

CHECK_MS = 60_000


class BackupSchedule(QObject):
    def __init__(
        self,
        data_dir: DataDir,
        notify: Callable[[str], None],
        parent: QObject | None = None,
        *,
        policy: backups.AutoBackup | None = None,
    ) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.notify = notify
        self.policy = policy or backups.AutoBackup(data_dir)
        self.running = False
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        """Start a backup on the worker when one is due (and none is running)."""
        if self.running or not self.policy.due():
            return
        self.running = True
        policy = self.policy
        operations.runner().submit(lambda _p: policy.run("auto"), self._done, owner=self)

    def _done(self, written: Any, error: BaseException | None) -> None:
        self.running = False
        if error is not None:
            self._failed(error)
        elif written.note:
            self.notify(written.note)

    def _failed(self, error: BaseException) -> None:
        log.warning("automatic backup failed: %s", error)
        why = error.message if isinstance(error, UserError) else str(error)
        self.notify(
            QCoreApplication.translate("BackupSchedule", "Automatic backup failed: {0}").format(why)
        )

    def pause(self) -> None:
        """Let go of the database (before a restore); :meth:`resume` watches it again."""
        self.timer.stop()
        self.policy.close()

    def resume(self) -> None:
        self.policy = backups.AutoBackup(self.data_dir)
        self.timer.start()

    def finish(self) -> None:
        """On close (the worker stopped): the closing backup when something changed."""
        self.timer.stop()
        try:
            written = self.policy.on_close()
            if written is not None:
                log.info("backup on close: %s %s", written.path, written.note)
        except UserError as exc:
            log.warning("backup on close failed: %s", exc.message)
        finally:
            self.policy.close()


class FullCheck(QObject):
    """The whole-file check of a database too big to check at start, on a thread of its own
    (its own read-only connection: the database worker stays free); ``done`` gets the
    :class:`~studio_app.services.backups.DatabaseDamaged` found, or None."""

    done = Signal(object)

    def __init__(self, data_dir: DataDir, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.checker = threading.Thread(target=self._run, name="fullCheck", daemon=True)

    def start(self) -> None:
        self.checker.start()

    def _run(self) -> None:
        try:
            found = backups.full_check(self.data_dir)
        except Exception:  # the check itself failing is no verdict on the data
            log.exception("background database check failed")
            return
        if shiboken6.isValid(self):
            self.done.emit(found)


# -- wiring into the running app ----------------------------------------------------------------

LOCATION_WARNED = Option("backups/location_warned", "")


def start(shell: Any) -> BackupSchedule | None:
    """Automatic backups, the Backups tab's restore and the location warning for ``shell``
    (the app's :class:`~studio_app.ui.app.Shell`, its window open)."""
    workspace = shell.workspace

    def notify(message: str) -> None:
        if shell.window is not None:
            shell.window.statusBar().showMessage(message, 30_000)

    schedule: BackupSchedule | None = None
    if workspace.read_only:
        from studio_app.storage.models import database

        if database.obj is not None:  # logged in now: from here on, refuse every write
            database.obj.pragma("query_only", 1, permanent=True)
        text = QCoreApplication.translate(
            "BackupSchedule", "Opened read-only: the database is damaged. Nothing can be saved."
        )
        QTimer.singleShot(0, lambda: notify(text))
    else:
        schedule = BackupSchedule(workspace.data_dir, notify)
        if not workspace.fully_checked:
            check = FullCheck(workspace.data_dir, schedule)
            check.done.connect(lambda found: _damage_found(shell, schedule, found))
            check.start()
    backup_panel.configure(lambda path: restore_and_reopen(shell, schedule, path))
    QTimer.singleShot(0, lambda: warn_about_location(shell))
    return schedule


def _damage_found(
    shell: Any, schedule: BackupSchedule, found: backups.DatabaseDamaged | None
) -> None:
    """The background check found damage: no more automatic backups of it; tell the user."""
    if found is None:
        return
    schedule.pause()
    text = QCoreApplication.translate(
        "BackupSchedule",
        "The database failed its check ({0}). Do not enter more data: restore a backup "
        "(Settings, Backups) or close the app and ask for help.",
    ).format(found.problem)
    messages.show_error(shell.window, text)


def stop(schedule: BackupSchedule | None) -> None:
    """On close, after the worker stopped: the closing backup."""
    backup_panel.configure(None)
    if schedule is not None:
        schedule.finish()


def restore_and_reopen(shell: Any, schedule: BackupSchedule | None, path: Path) -> None:
    """Restore ``path`` while the app runs, then open the window again on the restored data."""
    from studio_app.services import accounts, site

    worker = operations.runner()
    if isinstance(worker, operations.DbWorker):
        worker.stop()  # its connection closes; it starts again with the next operation
    ctx = shell.window.ctx if shell.window is not None else None
    if schedule is not None:
        schedule.pause()
    try:
        backups.restore(shell.workspace.data_dir, path, ctx=ctx)
    finally:
        if schedule is not None:
            schedule.resume()
    workspace = shell.workspace
    workspace.site = site.local_site()
    workspace.read_only = False  # a restore out of a read-only session gives sound data

    def reopen() -> None:
        if workspace.login is not None and accounts.has_accounts():
            known = accounts.get(workspace.login)
            if known is None or not getattr(known, "active", True):
                from studio_app.ui.dialogs import login_dialog

                workspace.login = None
                if not login_dialog.log_in(workspace, shell.window):
                    QCoreApplication.quit()
                    return
        shell.rebuild()
        if shell.window is not None:
            shell.window.statusBar().showMessage(
                QCoreApplication.translate(
                    "BackupSchedule", "Restored the backup {0}; the data before it was backed up."
                ).format(path.name),
                30_000,
            )

    QTimer.singleShot(0, reopen)  # after the Backups tab (in the old window) has returned


def location_text(risk: data_location.LocationRisk, folder: Path) -> str:
    if risk.kind == "network":
        text = QCoreApplication.translate(
            "BackupSchedule",
            "The data folder {0} is on a network share. If the connection drops while the "
            "app saves, the database can be damaged. Please move the data folder to a local "
            "disk (Settings).",
        )
    elif risk.kind == "removable":
        text = QCoreApplication.translate(
            "BackupSchedule",
            "The data folder {0} is on a removable drive. Pulling it out while the app runs "
            "can damage the database. Please move the data folder to a local disk (Settings); "
            "the drive is better used as the backup folder.",
        )
    else:
        text = QCoreApplication.translate(
            "BackupSchedule",
            "The data folder {0} is inside a synced folder ({1}). Sync programs can copy the "
            "database while it is being written and damage it. Please move the data folder "
            "out of it (Settings); backups may go to the synced folder instead.",
        )
    return text.format(folder, risk.detail)


def show_location_warning(parent: QWidget | None, text: str) -> None:
    """A warning that does not block the window (tests replace this)."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("BackupSchedule", "Where the data is kept"),
        text,
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.show()


def warn_about_location(
    shell: Any,
    risk_of: Callable[[Path], data_location.LocationRisk | None] = data_location.location_risk,
) -> bool:
    """Warn once per data folder when it sits somewhere risky; True when it warned."""
    folder = shell.workspace.data_dir.root
    settings: Settings = shell.settings
    if settings.get(LOCATION_WARNED) == str(folder):
        return False
    try:
        risk = risk_of(folder)
    except OSError:
        return False
    if risk is None:
        return False
    settings.set(LOCATION_WARNED, str(folder))
    settings.sync()
    show_location_warning(shell.window, location_text(risk, folder))
    return True
