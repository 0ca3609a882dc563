"""A date (or date and time) that may be left empty: a check box switches the edit on."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QTime, Signal
from PySide6.QtWidgets import QCheckBox, QDateEdit, QDateTimeEdit, QHBoxLayout, QWidget

DATE_FORMAT = "yyyy-MM-dd"
DATETIME_FORMAT = "yyyy-MM-dd HH:mm"


def date_edit(parent: QWidget | None = None) -> QDateEdit:
    """A date edit with a calendar popup and an unambiguous numeric format."""
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setDate(QDate.currentDate())
    return edit


def datetime_edit(parent: QWidget | None = None, now: datetime | None = None) -> QDateTimeEdit:
    """A date-and-time edit to the minute, with a calendar popup, set to ``now``."""
    edit = QDateTimeEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATETIME_FORMAT)
    edit.setDateTime(_qdatetime(now) if now else _now())
    return edit


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _qdatetime(when: datetime) -> QDateTime:
    """``when`` to the minute."""
    return QDateTime(_qdate(when), QTime(when.hour, when.minute))


def _now() -> QDateTime:
    now = QDateTime.currentDateTime()
    return now.addSecs(-now.time().second()).addMSecs(-now.time().msec())


def edit_value(edit: QDateTimeEdit) -> date | datetime:
    """The date of a date edit, or the time (to the minute) of a date-and-time edit."""
    if isinstance(edit, QDateEdit):
        return edit.date().toPython()  # type: ignore[return-value]
    when: datetime = edit.dateTime().toPython()  # type: ignore[assignment]
    return when.replace(second=0, microsecond=0)


def set_edit_value(edit: QDateTimeEdit, value: date | datetime | None) -> None:
    """Show ``value`` (now, or today, when None)."""
    if isinstance(edit, QDateEdit):
        edit.setDate(_qdate(value) if value else QDate.currentDate())
    else:
        edit.setDateTime(_qdatetime(value) if isinstance(value, datetime) else _now())


class OptionalDateEdit(QWidget):
    """``value()`` is a :class:`date` (a :class:`datetime` ``with_time``) when the box is
    checked, else ``None``."""

    changed = Signal()

    def __init__(
        self, text: str = "", parent: QWidget | None = None, *, with_time: bool = False
    ) -> None:
        super().__init__(parent)
        self.check = QCheckBox(text, self)
        self.edit: QDateTimeEdit = datetime_edit(self) if with_time else date_edit(self)
        self.edit.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.toggled.connect(self.changed)
        self.edit.dateTimeChanged.connect(self._date_changed)
        self.setFocusProxy(self.check)

    def _date_changed(self) -> None:
        if self.check.isChecked():
            self.changed.emit()

    def value(self) -> date | datetime | None:
        return edit_value(self.edit) if self.check.isChecked() else None

    def set_value(self, value: date | datetime | None) -> None:
        set_edit_value(self.edit, value)
        self.check.setChecked(value is not None)
