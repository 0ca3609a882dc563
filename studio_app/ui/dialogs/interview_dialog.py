"""Creating and editing an interview (访谈), closing and reopening it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QDateTimeEdit, QLineEdit, QSpinBox, QWidget

from studio_app.core.codes import InterviewKind, InterviewStatus
from studio_app.core.fields import INTERVIEW_FIELDS
from studio_app.services import interviews, records
from studio_app.services.context import Context
from studio_app.ui.dialogs.record_dialog import RecordDialog, text_box
from studio_app.ui.lookups import enum_labels
from studio_app.ui.widgets.combos import code_combo, combo_code, set_combo_code
from studio_app.ui.widgets.member_picker import MemberPicker
from studio_app.ui.widgets.resident_picker import ResidentPicker

DATETIME_FORMAT = "yyyy-MM-dd HH:mm"


class InterviewDialog(RecordDialog):
    """Topic, time, members and residents, views collected, follow-up; close / reopen."""

    fields = INTERVIEW_FIELDS
    draft_kind = "interview"

    def __init__(
        self, ctx: Context, interview_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, interview_id, parent)
        self.setObjectName("interviewDialog")
        self.status_labels = enum_labels(InterviewStatus)
        self.kind = code_combo(enum_labels(InterviewKind), self)
        self.title_edit = QLineEdit(self)
        self.occurred_at = QDateTimeEdit(self)
        self.occurred_at.setCalendarPopup(True)
        self.occurred_at.setDisplayFormat(DATETIME_FORMAT)
        self.occurred_at.setDateTime(QDateTime(ctx.now_local().replace(second=0)))
        self.place = QLineEdit(self)
        self.members = MemberPicker(self)
        self.residents = ResidentPicker(ctx.may_see_pii, self)
        self.residents.new_button.hide()  # new people are registered on the residents page
        self.participant_count = QSpinBox(self)
        self.participant_count.setRange(0, 100_000)
        self.participant_note = text_box(self, 50)
        self.views = text_box(self, 110)
        self.follow_up = text_box(self, 70)
        for key, editor in (
            ("kind", self.kind),
            ("title", self.title_edit),
            ("occurred_at", self.occurred_at),
            ("place_or_platform", self.place),
            ("members", self.members),
            ("residents", self.residents),
            ("participant_count", self.participant_count),
            ("participant_note", self.participant_note),
            ("views", self.views),
            ("follow_up", self.follow_up),
        ):
            self.add_row(key, editor)
        self.close_button = self.add_action("close", self.tr("Close interview"), self._close)
        self.reopen_button = self.add_action("reopen", self.tr("Reopen"), self._reopen)
        self.close_button.hide()
        self.reopen_button.hide()
        self.setWindowTitle(self.tr("New interview"))
        self.resize(820, 760)
        self.finish_setup()

    def values(self) -> dict[str, Any]:
        occurred: datetime = self.occurred_at.dateTime().toPython()  # type: ignore[assignment]
        return {
            "kind": combo_code(self.kind),
            "title": self.title_edit.text().strip(),
            "occurred_at": occurred.replace(second=0, microsecond=0),
            "place_or_platform": self.place.text().strip(),
            "members": self.members.selected_ids(),
            "residents": self.residents.existing_ids(),
            "participant_count": self.participant_count.value(),
            "participant_note": self.participant_note.toPlainText(),
            "views": self.views.toPlainText(),
            "follow_up": self.follow_up.toPlainText(),
        }

    def load(self, record_id: int) -> None:
        row = interviews.get(record_id)
        v = records.snapshot(interviews.INTERVIEW, row)
        self.rev = row.rev
        self.fill(v)
        self.setWindowTitle(self.tr("Interview {0}").format(row.serial or ""))
        self.status_label.setText(
            self.tr("Status: {0}").format(self.status_labels.get(row.status, row.status))
        )
        self.status_label.show()
        is_open = row.status == InterviewStatus.OPEN
        self.close_button.setVisible(is_open)
        self.reopen_button.setVisible(not is_open)

    def fill(self, values: dict[str, Any]) -> None:
        v = values
        set_combo_code(self.kind, v["kind"])
        self.title_edit.setText(v.get("title") or "")
        self.occurred_at.setDateTime(QDateTime(v["occurred_at"]))
        self.place.setText(v.get("place_or_platform") or "")
        self.members.set_selected(v.get("members") or [])
        self.residents.set_residents(v.get("residents") or [])
        self.participant_count.setValue(v.get("participant_count") or 0)
        self.participant_note.setPlainText(v.get("participant_note") or "")
        self.views.setPlainText(v.get("views") or "")
        self.follow_up.setPlainText(v.get("follow_up") or "")

    def write(self, values: dict[str, Any]) -> Any:
        if self.record_id is None:
            return interviews.create(self.ctx, values)
        return interviews.update(self.ctx, self.record_id, values, expected_rev=self.rev)

    def _close(self) -> Any:
        assert self.record_id is not None
        return interviews.set_status(self.ctx, self.record_id, InterviewStatus.CLOSED.value)

    def _reopen(self) -> Any:
        assert self.record_id is not None
        return interviews.set_status(self.ctx, self.record_id, InterviewStatus.OPEN.value)
