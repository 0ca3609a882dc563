"""The Help menu: the keyboard's keys, and what this program is.

The key table lists the window's own shortcuts as its actions declare them (so a new kind's
"new" key appears by itself), then the keys every list and dialog shares.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

import studio_app
from studio_app.ui import screen_fit


def shared_keys() -> list[tuple[str, str]]:
    """The keys of every list page and dialog (not actions of the window)."""
    return [
        ("↓ / Enter", QCoreApplication.translate("help", "From the search box into the results")),
        ("Enter", QCoreApplication.translate("help", "Open the selected record")),
        ("Del", QCoreApplication.translate("help", "Move the selected record to the trash")),
        ("Ctrl+S", QCoreApplication.translate("help", "Save the dialog")),
        (
            "Esc",
            QCoreApplication.translate(
                "help", "Close the dialog (asks first when something would be lost)"
            ),
        ),
        (
            QCoreApplication.translate("help", "Alt+letter"),
            QCoreApplication.translate(
                "help", "The button with that underlined letter, e.g. Alt+S: Save"
            ),
        ),
        (
            "Tab / Shift+Tab",
            QCoreApplication.translate("help", "The next / previous field or button"),
        ),
    ]


def window_keys(window: QWidget) -> list[tuple[str, str]]:
    """The window's actions that have a key, in the order they were made."""
    found: list[tuple[str, str]] = []
    for action in window.findChildren(QAction):
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        text = action.text().replace("&", "").rstrip("…").rstrip(".")
        if keys and text and (keys, text) not in found:
            found.append((keys, text))
    return found


class KeysDialog(QDialog):
    """A table of keys and what they do."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("keysDialog")
        self.setWindowTitle(QCoreApplication.translate("help", "Keyboard"))
        rows = window_keys(window) + shared_keys()
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("help", "Keys"),
                QCoreApplication.translate("help", "What it does"),
            ]
        )
        for row, (keys, what) in enumerate(rows):
            self.table.setItem(row, 0, QTableWidgetItem(keys))
            self.table.setItem(row, 1, QTableWidgetItem(what))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.resizeColumnToContents(0)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        screen_fit.fit(self, 620, 560)


def about_text() -> str:
    return QCoreApplication.translate(
        "help",
        "<b>Studio Ledger</b> {0}<br>The duty ledger of CPPCC member studios: visits, "
        "interviews, proposals, exchange with the county office. It works without a "
        "network; the data stays in this PC's data folder.",
    ).format(studio_app.__version__)


def install(window: QMainWindow) -> list[QAction]:
    """Add the Help menu to ``window``; returns its actions (keys, about)."""
    menu = window.menuBar().addMenu(QCoreApplication.translate("help", "&Help"))
    menu.setObjectName("helpMenu")
    keys = QAction(QCoreApplication.translate("help", "Keyboard…"), menu)
    keys.setObjectName("keysAction")
    keys.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
    keys.triggered.connect(lambda: KeysDialog(window).open())
    about = QAction(QCoreApplication.translate("help", "About Studio Ledger…"), menu)
    about.setObjectName("aboutAction")
    about.triggered.connect(
        lambda: QMessageBox.about(window, QCoreApplication.translate("help", "About"), about_text())
    )
    menu.addAction(keys)
    menu.addAction(about)
    return [keys, about]


def add_menu(window: QMainWindow, title: str) -> QMenu:
    """A menu of the menu bar, placed before Help (which stays last)."""
    bar = window.menuBar()
    help_ = bar.findChild(QMenu, "helpMenu")
    if help_ is None:
        return bar.addMenu(title)
    menu = QMenu(title, bar)
    bar.insertMenu(help_.menuAction(), menu)
    return menu
