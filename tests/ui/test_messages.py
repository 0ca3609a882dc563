"""The questions asked before destructive actions: the safe answer is the default."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from studio_app.ui import messages


def answer_with(label: str) -> None:
    """Click the button called ``label`` of the message box about to open."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        button = next(b for b in box.buttons() if b.text() == label)
        assert box.defaultButton().text() == "留着"
        button.click()

    QTimer.singleShot(0, click)


@pytest.mark.parametrize(("label", "expected"), [("清除", True), ("留着", False)])
def test_ask_destructive(qapp: QApplication, label: str, expected: bool) -> None:
    answer_with(label)
    assert messages.ask_destructive(None, "标题", "要清除吗？", "清除", "留着") is expected
