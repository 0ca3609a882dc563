"""At a county working on PostgreSQL, the pages follow what other PCs write: a timer and the
window coming to the front ask :class:`~studio_app.services.elsewhere.OtherPcs`."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication

from studio_app.services.elsewhere import OtherPcs
from studio_app.storage.database import on_postgres

log = logging.getLogger("studio_app.ui.other_pcs")
POLL_MS = 5000


class OtherPcsWatch(QObject):
    """Polls every :data:`POLL_MS` and whenever the application becomes active."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.source = OtherPcs()
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.poll)
        self.timer.start()
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._state)

    def _state(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self.poll()

    def poll(self) -> frozenset[str]:
        try:
            return self.source.poll()
        except Exception:  # the server away for a moment: the next poll tries again
            log.warning("could not read other PCs' changes", exc_info=True)
            return frozenset()


def start(parent: QObject) -> OtherPcsWatch | None:
    """The watch, when the open database is shared (PostgreSQL); None for a file."""
    return OtherPcsWatch(parent) if on_postgres() else None
