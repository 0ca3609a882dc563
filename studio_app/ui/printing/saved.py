"""Saying where a file was saved (a PDF from the preview, a report or workbook from a page),
with a button that opens its folder.

The note does not block: it stays beside the window it was saved from until it is closed,
and the work goes on meanwhile. It is a child of that window, so that a window-modal
preview does not shut it out.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDir, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget


def open_folder(path: Path) -> bool:
    """Show the folder holding ``path`` in the system's file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


def show_saved(parent: QWidget, path: Path) -> QMessageBox:
    """A non-modal note naming the saved ``path``, with Open folder and Close."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        QCoreApplication.translate("printing", "File saved"),
        QCoreApplication.translate("printing", "Saved: {0}").format(
            QDir.toNativeSeparators(str(path))
        ),
        parent=parent,
    )
    box.setObjectName("savedNotice")
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    folder = box.addButton(
        QCoreApplication.translate("printing", "Open folder"), QMessageBox.ButtonRole.ActionRole
    )
    folder.setObjectName("openFolderButton")
    close = box.addButton(
        QCoreApplication.translate("printing", "Close"), QMessageBox.ButtonRole.RejectRole
    )
    close.setObjectName("closeNoticeButton")
    box.setDefaultButton(close)
    box.setEscapeButton(close)
    folder.clicked.connect(lambda: open_folder(path))
    box.show()
    return box
