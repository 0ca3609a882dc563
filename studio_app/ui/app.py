"""Starting the GUI: the application object, the guards around it, the main window.

``run`` claims the data directory (one instance per directory), turns on the crash log
and the error hook, starts the database worker, shows the window with its remembered
state, then offers what a crash left behind (its report, unsaved drafts).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from studio_app.core.errors import UserError
from studio_app.paths import DataDir
from studio_app.services import site
from studio_app.services.backups import DatabaseDamaged
from studio_app.storage import folder_lock
from studio_app.ui import (
    account_menu,
    drafts,
    errors,
    language,
    messages,
    operations,
    other_pcs,
)
from studio_app.ui.backup import schedule as backup_schedule
from studio_app.ui.crash import CrashLog
from studio_app.ui.dialogs import login_dialog, recovery_dialog
from studio_app.ui.i18n import (
    chosen_language,
    current_language,
    install_translation,
    resources_dir,
    switch_language,
)
from studio_app.ui.lookups import Lookups
from studio_app.ui.main_window import MainWindow
from studio_app.ui.settings import LANGUAGE, Settings
from studio_app.ui.single_instance import Outcome, SingleInstance
from studio_app.ui.window_state import WindowState
from studio_app.workspace import Installation, Workspace, open_workspace
from studio_app.workspace import set_up as set_up_workspace

APP_NAME = "StudioLedger"
EXIT_REFUSED = 1


def build_main_window(workspace: Workspace, *, show_identifiers: bool = False) -> MainWindow:
    """The main window over an open workspace (its database open and migrated), as the
    user left it (see :mod:`studio_app.ui.window_state`).

    Identifiers are masked unless the user may see them and ``show_identifiers`` asks to.
    """
    local = workspace.site or site.require_site()
    ctx = workspace.context()
    shown = replace(ctx, may_see_pii=ctx.may_see_pii and show_identifiers)
    window = MainWindow(shown, local.name, Lookups.load())
    window.data_dir = workspace.data_dir
    WindowState(window, Settings.in_data_dir(workspace.data_dir.root))
    return window


def install_icon(app: QApplication) -> bool:
    """The app's icon on the taskbar, title bars and dialogs; False when it is missing."""
    icon = resources_dir() / "icons" / "studio_app.png"
    if not icon.is_file():
        return False
    app.setWindowIcon(QIcon(str(icon)))
    return True


def application(argv: list[str] | None = None) -> QApplication:
    """The running QApplication, created (with the chosen translation) if there is none."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    args = list(argv) if argv is not None else list(sys.argv)
    if not args or args[0].startswith("-"):  # Qt expects the program name first
        args = [sys.argv[0] if sys.argv else APP_NAME, *args]
    app = QApplication(args)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    install_icon(app)
    install_font(app)
    install_translation(app, chosen_language())
    return app


# The office fonts for Chinese, in order of preference: Windows' own UI font first, then
# what Linux desktops and the CI machine have.
UI_FAMILIES = ["Microsoft YaHei UI", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei"]
UI_POINT_SIZE = 10.0  # Windows' 9 pt default is small for Chinese on a 1366×768 screen


def install_font(app: QApplication) -> QFont:
    """A readable Chinese UI font: the first installed of :data:`UI_FAMILIES`, 10 pt or
    more (the system's family stays when none is installed)."""
    font = QFont(app.font())
    installed = set(QFontDatabase.families())
    chosen = [f for f in UI_FAMILIES if f in installed]
    if chosen:
        font.setFamilies([*chosen, *font.families()])
    if font.pointSizeF() < UI_POINT_SIZE:
        font.setPointSizeF(UI_POINT_SIZE)
    app.setFont(font)
    return font


def bring_forward(window: MainWindow) -> None:
    """Show ``window`` on top (a second launch asked for it)."""
    if window.isMinimized():
        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


class Shell:
    """The running app's main window, rebuilt when the user switches the language."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.settings = Settings.in_data_dir(workspace.data_dir.root)
        self.window: MainWindow | None = None
        self.show_identifiers = False
        self.schedule: backup_schedule.BackupSchedule | None = None  # set by _run
        self.guards: list[SingleInstance] = []  # folders claimed after the start

    def open(self) -> MainWindow:
        window = build_main_window(self.workspace, show_identifiers=self.show_identifiers)
        account_menu.install(
            window,
            self.workspace.context(),
            self.show_identifiers,
            self.set_show_identifiers,
            self.switch_user,
        )
        language.add_menu(window, self.switch_language)
        window.set_up_action.triggered.connect(self.set_up_for_real)
        window.show()
        self.window = window
        return window

    def switch_language(self, chosen: str) -> None:
        """Rebuild the window in ``chosen``, keeping its state; remember the choice."""
        old = self.window
        if chosen == current_language() or old is None:
            return
        state = old.findChild(WindowState)
        if state is not None:
            state.save()  # restored by the new window
        self.settings.set(LANGUAGE, chosen)
        self.settings.sync()
        app = QCoreApplication.instance()
        if app is not None:
            switch_language(app, chosen)
        self.rebuild()

    def set_show_identifiers(self, shown: bool) -> None:
        """Rebuild the window with identifiers shown (``shown``) or masked."""
        if shown == self.show_identifiers or self.window is None:
            return
        self.show_identifiers = shown
        state = self.window.findChild(WindowState)
        if state is not None:
            state.save()
        self.rebuild()

    def switch_user(self) -> bool:
        """Another clerk logs in on this PC; the window is rebuilt for them (their rights,
        their drafts). False when the login was given up: the current user goes on."""
        from studio_app.services import audit

        old = self.window
        if old is None:
            return False
        before = self.workspace.context()
        if not login_dialog.log_in(self.workspace, old, ask=True):
            return False
        audit.record(before, "logout", "user", before.user)
        keep_drafts(self.workspace)
        self.show_identifiers = False
        state = old.findChild(WindowState)
        if state is not None:
            state.save()
        self.rebuild()
        return True

    def rebuild(self) -> None:
        """A new window (language, identifiers or user changed) on the page shown before."""
        old = self.window
        page = old.page_name() if old is not None else ""
        self.open()  # before closing the old one: closing the last window quits the app
        if self.window is not None:
            self.window.show_named(page)
        if old is not None:
            old.close()
            old.deleteLater()

    def bring_forward(self) -> None:
        if self.window is not None:
            bring_forward(self.window)

    def set_up_for_real(self) -> bool:
        """The setup wizard; on success the window reopens on the new installation."""
        from studio_app.ui.dialogs import setup_wizard

        wizard = setup_wizard.SetupWizard(
            self.workspace.data_dir.root, self.window, create=self._create
        )
        wizard.exec()
        created = wizard.workspace
        wizard.deleteLater()
        if created is None:
            return False
        self.switch_to(created)
        return True

    def _create(self, data_dir: DataDir, wanted: Installation) -> tuple[Workspace, str]:
        """Let go of the open database, set up the new one; on failure, take the old back."""
        from studio_app.storage.models import database

        worker = operations.runner()
        if isinstance(worker, operations.DbWorker):
            worker.stop()  # its connection closes; it starts again with the next operation
        if self.schedule is not None:
            self.schedule.pause()
        try:
            return set_up_workspace(data_dir, wanted)
        except BaseException:
            if database.obj is None or database.obj.is_closed():
                old = self.workspace
                self.workspace = open_workspace(old.data_dir)
                self.workspace.login = old.login
            if self.schedule is not None:
                self.schedule.resume()
            raise

    def switch_to(self, workspace: Workspace) -> None:
        """Go on with ``workspace`` (another data folder, open and logged in): claim its
        folder, move drafts, automatic backups and window settings there, rebuild."""
        from studio_app.services import audit

        guard = SingleInstance(workspace.data_dir.root)
        if guard.claim().outcome is Outcome.FIRST:
            guard.activated.connect(self.bring_forward)
            self.guards.append(guard)
        old_root = self.workspace.data_dir.root
        self.workspace = workspace
        self.settings = Settings.in_data_dir(workspace.data_dir.root)
        self.settings.set(LANGUAGE, current_language())
        self.settings.sync()
        keep_drafts(workspace)
        if self.schedule is not None:
            self.schedule.data_dir = workspace.data_dir
            self.schedule.resume()
        if workspace.login is not None:
            audit.record(workspace.context(), "login", "user", workspace.login)
        self.rebuild()
        QTimer.singleShot(0, lambda: backup_schedule.warn_about_location(self))
        if self.window is not None:
            self.window.statusBar().showMessage(
                QCoreApplication.translate(
                    "Shell", "The real ledger is open; the demo data stays in {0}."
                ).format(old_root),
                30_000,
            )


def keep_drafts(workspace: Workspace) -> None:
    """Keep the logged-in user's drafts (identifiers in them only with the user's grant)."""
    account = workspace.context()
    drafts.configure(workspace.data_dir.root, account.user, identifiers=account.may_see_pii)


def after_start(window: MainWindow, previous_crash: tuple[str, Path] | None) -> None:
    """Once the window is up: the report of a crash last time, then a draft it left."""

    def offer() -> None:
        if previous_crash is not None:
            report, kept = previous_crash
            messages.show_crash_report(window, report, str(kept))
        drafts.offer_at_start(window)

    QTimer.singleShot(0, window, offer)  # dropped if the window is gone by then


def launch(data_dir: DataDir, prepare: Callable[[], Workspace]) -> int:
    """Claim ``data_dir`` for this process first, then ``prepare`` the workspace (open and
    migrate the database, demo data on a first start) and run the app.

    Claiming first means a second launch never touches the database the first one has open.
    The app then holds the data folder's shared lock for its whole life, so a restore, purge
    or upgrade from the command line is refused while it is open (``storage.folder_lock``);
    its own restore and purge take the lock exclusive for their time.
    """
    app = application()
    data_dir.create()
    guard = SingleInstance(data_dir.root)
    refused = _claim(guard)
    if refused is not None:
        return refused
    try:
        folder_lock.hold(data_dir.root)
    except UserError as exc:  # a restore or upgrade from the command line is under way
        guard.release()
        print(exc.message, file=sys.stderr)
        messages.show_error(None, exc.message)
        return EXIT_REFUSED
    try:
        try:
            workspace: Workspace | None = prepare()
        except DatabaseDamaged as damaged:  # restore a backup, read only, or quit
            workspace = recovery_dialog.recover(damaged, prepare)
    except BaseException:
        guard.release()
        folder_lock.release()
        raise
    if workspace is None:
        guard.release()
        folder_lock.release()
        return EXIT_REFUSED
    return _run(app, guard, workspace)


def run(workspace: Workspace, argv: list[str] | None = None) -> int:
    """Run the desktop app on ``workspace``; returns the exit code (1: another instance
    holds the data directory and does not answer)."""
    app = application(argv)
    guard = SingleInstance(workspace.data_dir.root)
    refused = _claim(guard)
    if refused is not None:
        return refused
    return _run(app, guard, workspace)


def _claim(guard: SingleInstance) -> int | None:
    """None when this process may go on; else its exit code (0: the first one took over)."""
    claim = guard.claim()
    if claim.outcome is Outcome.ACTIVATED:
        return 0
    if claim.outcome is Outcome.REFUSED:
        print(claim.reason, file=sys.stderr)
        messages.show_error(None, claim.reason)
        return EXIT_REFUSED
    return None


def _run(app: QApplication, guard: SingleInstance, workspace: Workspace) -> int:
    crash_log = CrashLog(workspace.data_dir.logs)
    previous_crash = crash_log.take_previous()
    crash_log.enable()
    previous_hook = errors.install()
    worker = operations.DbWorker()
    operations.install(worker)
    schedule: backup_schedule.BackupSchedule | None = None
    shell: Shell | None = None
    try:
        shell = Shell(workspace)
        chosen = language.remembered(shell.settings, current_language())
        qt_app = QCoreApplication.instance()
        if chosen != current_language() and qt_app is not None:
            switch_language(qt_app, chosen)
        if not login_dialog.log_in(workspace):
            return 0
        keep_drafts(workspace)
        window = shell.open()
        guard.activated.connect(shell.bring_forward)
        after_start(window, previous_crash)
        schedule = backup_schedule.start(shell)
        shell.schedule = schedule
        other_pcs.start(window)  # a county on PostgreSQL: follow the other PCs' writes
        return app.exec()
    finally:
        worker.stop()
        backup_schedule.stop(schedule)
        operations.install(None)
        drafts.configure(None)
        sys.excepthook = previous_hook
        crash_log.disable()
        guard.release()
        for claimed in shell.guards if shell is not None else ():
            claimed.release()
        folder_lock.release()
