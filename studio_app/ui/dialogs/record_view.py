"""A studio's record seen at the county: the whole record, read-only.

At the county the studios' records (visits, members, residents, …) are the studios' to
write (the services refuse any change); opening one shows what the detail panel shows, in
a window of its own, with a line saying whose record it is. Links in it are followed like
the detail panel's (``linkActivated``), closing the window.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from studio_app.core.errors import UserError
from studio_app.services.context import Context
from studio_app.ui import screen_fit
from studio_app.ui.widgets.detail_panel import DetailPanel, load_details

NOTE_STYLE = "color: #5f4b00; background: #fff8e1; padding: 4px;"


class RecordViewDialog(QDialog):
    """One record of ``studio`` (its name), read-only; Enter or Esc closes it."""

    linkActivated = Signal(str, int)  # a link in the record: kind, id

    def __init__(
        self, ctx: Context, kind: str, record_id: int, studio: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recordViewDialog")
        self.kind = kind
        self.record_id = record_id
        self.saved_id: int | None = None  # nothing is ever saved here
        self.note = QLabel(
            self.tr(
                "This record belongs to {0}. Only the studio changes it: its changes arrive "
                "with its next package."
            ).format(studio),
            self,
        )
        self.note.setObjectName("readOnlyNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(NOTE_STYLE)
        self.panel = DetailPanel(self)
        self.panel.linkActivated.connect(self._follow)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("closeButton")
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.panel, 1)
        layout.addWidget(buttons)
        try:
            details = load_details(ctx, kind, record_id)
        except UserError as exc:
            self.panel.show_message(exc.message)
            title = ""
        else:
            self.panel.show_details(details)
            title = details.title
        self.setWindowTitle(self.tr("{0} (read-only)").format(title or studio))
        screen_fit.fit(self, 560, 600)
        close.setFocus()

    def _follow(self, kind: str, record_id: int) -> None:
        self.reject()
        self.linkActivated.emit(kind, record_id)
