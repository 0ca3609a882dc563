"""``run``: what the app does around its window — worker, error hook, crash report, drafts;
what start-up imports."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from studio_app.ui import app as ui_app
from studio_app.ui import drafts, errors, messages, operations
from studio_app.ui.drafts import NEW_VISIT, DraftStore
from studio_app.ui.main_window import MainWindow
from studio_app.workspace import Workspace
from tests.ui.conftest import fields_of


def test_a_crash_report_and_a_draft_are_offered_once_after_start(
    qtbot, qapp: QApplication, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    logs = workspace.data_dir.logs
    logs.mkdir(parents=True, exist_ok=True)
    (logs / "crash.log").write_text("Fatal Python error: Segmentation fault\n", encoding="utf-8")
    DraftStore(workspace.data_dir.root, "admin", identifiers=True).save(
        NEW_VISIT, {"rev": None, "values": {"content": "停电两天了"}}
    )
    reports: list[str] = []
    monkeypatch.setattr(messages, "show_crash_report", lambda _w, text, _at: reports.append(text))
    monkeypatch.setattr(messages, "ask_restore_draft", lambda _p, _when: True)
    bugs: list[str] = []
    monkeypatch.setattr(messages, "show_unexpected", lambda _p, text: bugs.append(text))
    seen: dict[str, Any] = {}

    class EventLoop:
        """Stands in for QApplication.exec: runs events until the offers are made."""

        def exec(self) -> int:
            qtbot.waitUntil(lambda: bool(reports))
            window = next(w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow))
            seen["dialog"] = window.visits.dialog
            seen["runner"] = operations.runner()
            seen["hook"] = sys.excepthook
            qtbot.waitUntil(lambda: "…" not in window.visits.count_label.text())
            return 0

    monkeypatch.setattr(ui_app, "application", lambda argv: EventLoop())
    assert ui_app.run(workspace, []) == 0
    assert bugs == []
    assert reports == ["Fatal Python error: Segmentation fault\n"]
    assert fields_of(seen["dialog"]).content.toPlainText() == "停电两天了"
    assert isinstance(seen["runner"], operations.DbWorker) and not seen["runner"].isRunning()
    assert seen["hook"] is errors.excepthook and sys.excepthook is not errors.excepthook
    assert isinstance(operations.runner(), operations.SyncRunner) and drafts.store() is None
    assert not (logs / "crash.log").exists() and list(logs.glob("crash-*.log"))
    seen["dialog"].finished.disconnect()
    for widget in qapp.topLevelWidgets():
        if isinstance(widget, MainWindow):
            widget.close()
            widget.deleteLater()


def test_the_pages_modules_are_imported_with_their_pages() -> None:
    """Start-up imports neither the heavy libraries nor the modules of pages built when
    first shown (docs/PERFORMANCE.md, Start-up): a new process, as a start is."""
    later = ["studio_app.ui.pages." + m for m in (
        "list_page", "kind_page", "visits_page", "proposals_page", "people_pages",
        "statistics_page", "trash_page", "county_desk_page", "chain_page",
        "points_page")]  # fmt: skip
    heavy = ["openpyxl", "reportlab", "python_calamine", "xlsxwriter", "cryptography"]
    heavy += ["psycopg"]  # peewee's PostgreSQL driver: a county on PostgreSQL only
    code = (
        "import sys, studio_app.ui.app;"
        f"print(sorted(m for m in {later + heavy!r} if sys.modules.get(m) is not None))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
