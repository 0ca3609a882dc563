"""Starting the GUI: the application object, the translation and the main window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from studio_app.services import site
from studio_app.ui.i18n import chosen_language, install_translation
from studio_app.ui.lookups import Lookups
from studio_app.ui.main_window import MainWindow
from studio_app.workspace import Workspace

APP_NAME = "StudioLedger"


def build_main_window(workspace: Workspace) -> MainWindow:
    """The main window over an open workspace (its database open and migrated)."""
    local = workspace.site or site.require_site()
    return MainWindow(workspace.context(), local.name, Lookups.load())


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
    install_translation(app, chosen_language())
    return app


def run(workspace: Workspace, argv: list[str] | None = None) -> int:
    """Create the QApplication (if none), install the zh_CN translation by default, show
    the main window and run the event loop; returns the exit code."""
    app = application(argv)
    window = build_main_window(workspace)
    window.show()
    return app.exec()
