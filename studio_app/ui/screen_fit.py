"""Windows that fit the screen: a 1366×768 office laptop less its taskbar is the smallest
the app is made for. A window asks for its comfortable size and gets at most what the
screen has room for, title bar included; its content scrolls where it is long.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# A title bar and frame that the platform may not report before the window is shown
# (Windows 10/11 at 100 %: 31 px title bar, 1 px frame; offscreen: none at all).
TITLE_BAR = 32
FRAME = 8


def available(widget: QWidget | None = None) -> QRect:
    """The screen's area without its taskbar: the widget's screen, else the primary one."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit(window: QWidget, width: int, height: int) -> None:
    """Resize ``window`` to ``width`` × ``height``, or less where the screen is smaller."""
    area = available(window)
    window.resize(min(width, area.width() - FRAME), min(height, area.height() - TITLE_BAR))
