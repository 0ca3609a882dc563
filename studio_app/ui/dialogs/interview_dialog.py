"""Creating and editing an interview (访谈), closing and reopening it.

The form is the generic one of its declared kind (:class:`KindDialog`); what only
interviews have is their workflow: the status line and the close / reopen buttons.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from studio_app.core import kinds
from studio_app.core.codes import InterviewStatus
from studio_app.services import interviews
from studio_app.services.context import Context
from studio_app.storage.models import SyncedModel
from studio_app.ui.dialogs.kind_dialog import KindDialog
from studio_app.ui.dialogs.record_dialog import RecordDialog
from studio_app.ui.lookups import enum_labels
from studio_app.ui.widgets.member_picker import MemberPicker

TEXT_HEIGHTS = {"participant_note": 50, "views": 110, "follow_up": 70}


class InterviewDialog(KindDialog):
    """Topic, time, members and residents, views collected, follow-up; close / reopen."""

    first_size = (820, 760)

    def __init__(
        self, ctx: Context, interview_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, kinds.INTERVIEW, interview_id, parent)
        self.kind = self.widget("kind", QComboBox)
        self.title_edit = self.widget("title", QLineEdit)
        self.place = self.widget("place_or_platform", QLineEdit)
        self.members = self.widget("members", MemberPicker)
        self.views = self.widget("views", QPlainTextEdit)

    def add_actions(self) -> None:
        for key, height in TEXT_HEIGHTS.items():
            self.widget(key, QPlainTextEdit).setMinimumHeight(height)
        self.close_button = self.add_action("close", self.tr("Close interview"), self._close)
        self.reopen_button = self.add_action("reopen", self.tr("Reopen"), self._reopen)
        self.close_button.hide()
        self.reopen_button.hide()

    def new_title(self) -> str:
        return self.tr("New interview")

    def loaded(self, row: SyncedModel) -> None:
        status = str(getattr(row, "status", ""))
        self.setWindowTitle(self.tr("Interview {0}").format(row.serial or ""))
        label = enum_labels(InterviewStatus).get(status, status)
        self.show_status(self.tr("Status: {0}").format(label))
        is_open = status == InterviewStatus.OPEN
        self.close_button.setVisible(is_open)
        self.reopen_button.setVisible(not is_open)

    def field_error(self, key: str, message: str) -> str:
        return RecordDialog.field_error(self, key, message)  # as interviews always showed

    def _close(self) -> Any:
        assert self.record_id is not None
        return interviews.set_status(self.ctx, self.record_id, InterviewStatus.CLOSED.value)

    def _reopen(self) -> Any:
        assert self.record_id is not None
        return interviews.set_status(self.ctx, self.record_id, InterviewStatus.OPEN.value)
