"""The fields of a visit, laid out in columns, with inline error messages.

``values()`` returns what the services take (codes, dates, id lists); ``load()`` fills the
form from :func:`studio_app.services.visits.values_of`.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from studio_app.core.codes import CodeListKind, Handling
from studio_app.core.fields import VISIT_FIELDS
from studio_app.services.context import Context
from studio_app.services.visits import DEFAULT_DUE_DAYS, REFERRAL_KEYS
from studio_app.ui.lookups import Lookups
from studio_app.ui.widgets.combos import code_combo, combo_code, entry_combo, set_combo_code
from studio_app.ui.widgets.field_row import FieldRow
from studio_app.ui.widgets.member_picker import MemberPicker
from studio_app.ui.widgets.optional_date import OptionalDateEdit, date_edit
from studio_app.ui.widgets.resident_picker import ResidentPicker

FIELD_ORDER = tuple(f.key for f in VISIT_FIELDS)
FOLLOW_UP_KEYS = (
    "result",
    "feedback_at",
    "feedback_channel",
    "revisit_at",
    "revisit_note",
    "satisfaction",
)
DATETIME_FORMAT = "yyyy-MM-dd HH:mm"


def _text_box(parent: QWidget, height: int, *, grow: bool = True) -> QPlainTextEdit:
    """A multi-line box where Tab moves on (keyboard entry); ``height`` pixels or more."""
    box = QPlainTextEdit(parent)
    box.setTabChangesFocus(True)
    if grow:
        box.setMinimumHeight(height)
    else:
        box.setFixedHeight(height)
        box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return box


class VisitForm(QWidget):
    """Every field of a visit; the follow-up column only when editing a saved visit."""

    def __init__(
        self, ctx: Context, lookups: Lookups, *, editing: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.editing = editing
        self.rows: dict[str, FieldRow] = {}
        self._forms: dict[str, QFormLayout] = {}
        lk = self._lookups = lookups
        choose = self.tr("Choose…")

        self.channel = code_combo(lk.channel, self)
        self.occurred_at = QDateTimeEdit(self)
        self.occurred_at.setCalendarPopup(True)
        self.occurred_at.setDisplayFormat(DATETIME_FORMAT)
        now = ctx.now_local().replace(second=0)
        self.occurred_at.setDateTime(QDateTime(now))  # type: ignore[call-overload]  # as datetime
        self.place = QLineEdit(self)
        self.members = MemberPicker(self)
        self.residents = ResidentPicker(ctx.may_see_pii, self)
        self.visitor_count = QSpinBox(self)
        self.visitor_count.setRange(1, 9999)
        self.category = entry_combo(CodeListKind.ISSUE_CATEGORY, self, placeholder=choose)
        self.content = _text_box(self, 110)
        self.content.setPlaceholderText(self.tr("In the resident's own words"))
        self.onsite_reply = _text_box(self, 100, grow=False)
        self.handling = code_combo(lk.handling, self)
        self.referred_unit = entry_combo(CodeListKind.HANDLING_UNIT, self, placeholder=choose)
        self.referred_at = date_edit(self)
        self.due_at = date_edit(self)
        self.confidential = QCheckBox(self.tr("Confidential: not exported in detail"), self)
        none = self.tr("(none)")
        self.result = _text_box(self, 70)
        self.feedback_at = OptionalDateEdit(parent=self)
        self.feedback_channel = code_combo(lk.feedback_channel, self, empty=none)
        self.revisit_at = OptionalDateEdit(parent=self)
        self.revisit_note = _text_box(self, 90, grow=False)
        self.satisfaction = code_combo(lk.satisfaction, self, empty=none)

        reception = self._group(
            "reception",
            self.tr("Reception"),
            [
                ("channel", self.tr("Channel")),
                ("occurred_at", self.tr("Time")),
                ("place", self.tr("Place")),
                ("members", self.tr("Members on duty")),
                ("residents", self.tr("Residents")),
                ("visitor_count", self.tr("Number of visitors")),
            ],
        )
        issue = self._group(
            "issue",
            self.tr("Issue and handling"),
            [
                ("category", self.tr("Category")),
                ("content", self.tr("Content")),
                ("onsite_reply", self.tr("On-the-spot reply")),
                ("handling", self.tr("Handling")),
                ("referred_unit", self.tr("Referred to")),
                ("referred_at", self.tr("Referred on")),
                ("due_at", self.tr("Due date")),
                ("confidential", ""),
            ],
        )
        follow_up = self._group(
            "follow_up",
            self.tr("Follow-up"),
            [
                ("result", self.tr("Result")),
                ("feedback_at", self.tr("Feedback date")),
                ("feedback_channel", self.tr("Feedback by")),
                ("revisit_at", self.tr("Revisit date")),
                ("revisit_note", self.tr("Revisit notes")),
                ("satisfaction", self.tr("Satisfaction")),
            ],
        )
        follow_up.setVisible(editing)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(reception, 5)
        layout.addWidget(issue, 5)
        layout.addWidget(follow_up, 4)

        set_combo_code(self.channel, "reception")
        set_combo_code(self.handling, Handling.ANSWERED.value)
        self._referral_loaded = False
        self.handling.currentIndexChanged.connect(self._handling_changed)
        self.occurred_at.dateChanged.connect(self._occurred_changed)
        self.residents.changed.connect(self._residents_changed)
        self._handling_changed()

    def _group(self, name: str, title: str, rows: list[tuple[str, str]]) -> QGroupBox:
        box = QGroupBox(title, self)
        box.setObjectName(f"{name}Group")
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, label in rows:
            editor: QWidget = getattr(self, key)
            editor.setObjectName(key)
            row = self.rows[key] = FieldRow(editor, box)
            form.addRow(label, row) if label else form.addRow(row)
            self._forms[key] = form
        return box

    # -- behaviour -------------------------------------------------------------------------

    def is_referred(self) -> bool:
        return combo_code(self.handling) == Handling.REFERRED.value

    def _handling_changed(self) -> None:
        """Referral fields exist only for "referred"; their dates start from the visit."""
        referred = self.is_referred()
        for key in REFERRAL_KEYS:
            self._forms[key].setRowVisible(self.rows[key], referred)
        if referred and not self._referral_loaded:
            day = self.occurred_at.date()
            self.referred_at.setDate(day)
            self.due_at.setDate(day.addDays(DEFAULT_DUE_DAYS))

    def _occurred_changed(self) -> None:
        """Keep a default referral date from falling before the visit."""
        day = self.occurred_at.date()
        if self.is_referred() and not self._referral_loaded and self.referred_at.date() < day:
            self.referred_at.setDate(day)
            self.due_at.setDate(day.addDays(DEFAULT_DUE_DAYS))

    def _residents_changed(self) -> None:
        picked = len(self.residents.picked())
        if self.visitor_count.value() < picked:
            self.visitor_count.setValue(picked)

    def set_handling_locked(self, locked: bool, reason: str = "") -> None:
        self.handling.setEnabled(not locked)
        self.handling.setToolTip(reason if locked else "")

    # -- values ----------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """The form as service values (new residents are not included: see the picker)."""
        occurred: datetime = self.occurred_at.dateTime().toPython()  # type: ignore[assignment]
        values: dict[str, Any] = {
            "channel": combo_code(self.channel),
            "occurred_at": occurred.replace(second=0, microsecond=0),
            "place": self.place.text(),
            "members": self.members.selected_ids(),
            "residents": self.residents.existing_ids(),
            "visitor_count": self.visitor_count.value(),
            "category": combo_code(self.category),
            "content": self.content.toPlainText(),
            "onsite_reply": self.onsite_reply.toPlainText(),
            "handling": combo_code(self.handling),
            "confidential": self.confidential.isChecked(),
        }
        if self.is_referred():
            values["referred_unit"] = combo_code(self.referred_unit)
            values["referred_at"] = _day(self.referred_at)
            values["due_at"] = _day(self.due_at)
        if self.editing:
            values["result"] = self.result.toPlainText()
            values["feedback_at"] = self.feedback_at.value()
            values["feedback_channel"] = combo_code(self.feedback_channel)
            values["revisit_at"] = self.revisit_at.value()
            values["revisit_note"] = self.revisit_note.toPlainText()
            values["satisfaction"] = combo_code(self.satisfaction)
        return values

    def load(self, values: dict[str, Any]) -> None:
        """Fill the form from a saved visit's values."""
        set_combo_code(self.channel, values["channel"])
        self.occurred_at.setDateTime(QDateTime(values["occurred_at"]))
        self.place.setText(values.get("place") or "")
        self.members.set_selected(values.get("members") or [])
        self.residents.set_residents(values.get("residents") or [])
        self.visitor_count.setValue(values.get("visitor_count") or 1)
        set_combo_code(self.category, values["category"])
        self.content.setPlainText(values.get("content") or "")
        self.onsite_reply.setPlainText(values.get("onsite_reply") or "")
        set_combo_code(self.referred_unit, values.get("referred_unit"))
        self._referral_loaded = values.get("referred_at") is not None
        for key in ("referred_at", "due_at"):
            if values.get(key):
                getattr(self, key).setDate(QDate(values[key]))
        set_combo_code(self.handling, values["handling"])
        self._handling_changed()
        self.confidential.setChecked(bool(values.get("confidential")))
        self.result.setPlainText(values.get("result") or "")
        self.feedback_at.set_value(values.get("feedback_at"))
        set_combo_code(self.feedback_channel, values.get("feedback_channel"))
        self.revisit_at.set_value(values.get("revisit_at"))
        self.revisit_note.setPlainText(values.get("revisit_note") or "")
        set_combo_code(self.satisfaction, values.get("satisfaction"))

    # -- errors ----------------------------------------------------------------------------

    def clear_errors(self) -> None:
        for row in self.rows.values():
            row.set_error("")

    def show_errors(self, errors: dict[str, str]) -> dict[str, str]:
        """Show each message under its field and focus the first; returns the unplaced."""
        self.clear_errors()
        unplaced = {}
        for key, message in errors.items():
            row = self.rows.get(key)
            if row is None or not row.isVisibleTo(self):
                unplaced[key] = message
            else:
                row.set_error(_without_label(key, message))
        placed = [k for k in FIELD_ORDER if k in errors and k not in unplaced]
        if placed:
            self.rows[placed[0]].editor.setFocus()
        return unplaced

    def error_of(self, key: str) -> str:
        return self.rows[key].error_text()


def _day(edit: QDateEdit) -> date:
    return edit.date().toPython()  # type: ignore[return-value]


_LABELS = {f.key: f.label for f in VISIT_FIELDS}


def _without_label(key: str, message: str) -> str:
    """ "反映内容：必填" under the 反映内容 field reads "必填"."""
    prefix = f"{_LABELS.get(key, '')}："
    return message[len(prefix) :] if message.startswith(prefix) else message
