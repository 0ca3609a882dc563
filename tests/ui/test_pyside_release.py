"""The PySide6 in use must not eat references to True on emit (the 6.12.0 bug).

PySide6 6.12.0 returns ``True`` from ``SignalInstance.emit()`` without a reference, so a
process aborts ("bool_dealloc") after a few thousand emits. pyproject.toml excludes that
release; this test fails on any release with the same fault.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class Sender(QObject):
    changed = Signal()
    count = Signal(int)


def test_emitting_keeps_true_alive() -> None:
    sender = Sender()
    received: list[int] = []
    sender.count.connect(received.append)
    before = sys.getrefcount(True)
    for i in range(200):
        sender.changed.emit()
        sender.count.emit(i)
    assert sys.getrefcount(True) >= before
    assert len(received) == 200
