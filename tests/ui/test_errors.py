"""Unexpected errors: the dialog with "copy details", the log, the hook; the crash log."""

from __future__ import annotations

import logging
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from studio_app.core.errors import UserError
from studio_app.logs import LOG_NAME, configure
from studio_app.ui import errors, messages
from studio_app.ui.crash import CrashLog
from studio_app.ui.error_dialog import DetailsDialog
from tests.ui.conftest import Answers


@pytest.fixture
def unexpected(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(messages, "show_unexpected", lambda _parent, text: shown.append(text))
    return shown


def raised(error: Exception) -> Exception:
    try:
        raise error
    except Exception as exc:
        return exc


def test_a_user_error_is_a_simple_message(answers: Answers, unexpected: list[str]) -> None:
    errors.report(UserError("数据库正被其他程序使用，请稍后重试。"))
    assert answers.errors == ["数据库正被其他程序使用，请稍后重试。"] and unexpected == []


def test_a_storage_fault_says_its_cause_plainly(answers: Answers, unexpected: list[str]) -> None:
    import sqlite3

    errors.report(raised(sqlite3.OperationalError("database or disk is full")))
    assert answers.errors == ["操作未能完成：磁盘已满。未完成的更改已撤销。"] and unexpected == []


@pytest.fixture
def log_dir(tmp_path: Path) -> Iterator[Path]:
    """The app's rotating log in ``tmp_path`` (other tests' handlers set aside meanwhile)."""
    logger = logging.getLogger("studio_app")
    kept, level = list(logger.handlers), logger.level
    logger.handlers = []
    configure(tmp_path)
    yield tmp_path
    for handler in logger.handlers:
        handler.close()
    logger.handlers, logger.level = kept, level


def test_a_bug_is_logged_and_shown_with_details(
    log_dir: Path, unexpected: list[str], answers: Answers
) -> None:
    errors.report(raised(KeyError("visit 7")))
    for handler in logging.getLogger("studio_app").handlers:
        handler.flush()
    assert answers.errors == [] and len(unexpected) == 1
    assert "studio-app " in unexpected[0] and "KeyError: 'visit 7'" in unexpected[0]
    assert "Traceback" in unexpected[0]
    logged = (log_dir / LOG_NAME).read_text(encoding="utf-8")
    assert "unexpected error" in logged and "KeyError: 'visit 7'" in logged


def test_the_hook_reports_and_the_app_keeps_running(unexpected: list[str]) -> None:
    previous = errors.install()
    try:
        assert sys.excepthook is errors.excepthook
        error = raised(ValueError("bad"))
        sys.excepthook(ValueError, error, error.__traceback__)
    finally:
        sys.excepthook = previous
    assert len(unexpected) == 1 and "ValueError: bad" in unexpected[0]


def test_the_dialog_is_plain_chinese_and_copies_the_details(qtbot) -> None:
    dialog = DetailsDialog(None, "意外错误", "程序内部出错。", "Traceback …\nKeyError")
    qtbot.addWidget(dialog)
    assert dialog.copy_button.text() == "复制详情"
    dialog.copy_button.click()
    assert QApplication.clipboard().text() == "Traceback …\nKeyError"
    assert dialog.copy_button.text() == "已复制"


# -- crashes -------------------------------------------------------------------------------


def test_a_hard_crash_is_written_and_shown_once_at_the_next_start(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    script = textwrap.dedent(
        f"""
        import faulthandler
        from pathlib import Path
        from studio_app.ui.crash import CrashLog
        CrashLog(Path({str(logs)!r})).enable()
        faulthandler._sigsegv()
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True)
    assert done.returncode != 0
    crash_log = CrashLog(logs)
    found = crash_log.take_previous()
    assert found is not None
    report, kept = found
    assert "Fatal Python error" in report and kept.parent == logs and kept.exists()
    assert crash_log.take_previous() is None  # shown once


def test_a_clean_exit_leaves_no_crash_log(tmp_path: Path) -> None:
    crash_log = CrashLog(tmp_path)
    crash_log.enable()
    crash_log.disable()
    assert not crash_log.path.exists() and crash_log.take_previous() is None
