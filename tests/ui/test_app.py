"""Starting the GUI through ``run``."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from studio_app.ui import app as ui_app
from studio_app.ui.main_window import MainWindow
from studio_app.workspace import Workspace


def test_application_reuses_the_running_one(qapp: QApplication) -> None:
    assert ui_app.application([]) is qapp


def test_run_shows_the_main_window_and_returns_the_exit_code(
    qapp: QApplication, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[MainWindow] = []

    class EventLoop:
        """Stands in for QApplication.exec: a real exec would end the test session's app."""

        def exec(self) -> int:
            shown.extend(
                w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
            )
            return 3

    monkeypatch.setattr(ui_app, "application", lambda argv: EventLoop())
    assert ui_app.run(workspace, []) == 3
    assert [w.windowTitle() for w in shown] == ["委员工作室履职台账 — 石桥镇政协委员工作室"]
    for window in shown:
        window.close()
        window.deleteLater()


def test_the_app_has_its_icon(qapp: QApplication) -> None:
    from studio_app.ui.app import install_icon

    assert install_icon(qapp)
    assert not qapp.windowIcon().isNull()
