"""A date (or date and time) that may be left empty: a check box switches the edit on."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QEvent, QObject, Qt, QTime, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QDateEdit, QDateTimeEdit, QHBoxLayout, QWidget

DATE_FORMAT = "yyyy-MM-dd"
EMPTY_DAY = QDate(1900, 1, 1)  # an optional date's edit shows "(none)" on it
_PASSING_KEYS = frozenset({Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Escape,
                           Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Shift,
                           Qt.Key.Key_Control, Qt.Key.Key_Alt})  # fmt: skip
DATETIME_FORMAT = "yyyy-MM-dd HH:mm"


class DateEdit(QDateEdit):
    """A date edit that is one Tab stop: Tab leaves it (the arrows move between its parts)."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


class DateTimeEdit(QDateTimeEdit):
    """A date-and-time edit that is one Tab stop (not five: year, month, day, hour, minute)."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


def date_edit(parent: QWidget | None = None) -> QDateEdit:
    """A date edit with a calendar popup and an unambiguous numeric format."""
    edit = DateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(DATE_FORMAT)
    edit.setDate(QDate.currentDate())
    return edit


def datetime_edit(parent: QWidget | None = None, now: datetime | None = None) -> QDateTimeEdit:
    """A date-and-time edit to the minute, with a calendar popup, set to ``now``."""
    edit = DateTimeEdit(parent)
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
    checked, else ``None``.

    The date can be entered at once: the first key pressed in it, or a click, ticks the
    box and shows today, to change from there; unticking empties it. Tab passes through it
    without filling it.
    """

    changed = Signal()

    def __init__(
        self, text: str = "", parent: QWidget | None = None, *, with_time: bool = False
    ) -> None:
        super().__init__(parent)
        self.check = QCheckBox(text, self)
        self.edit: QDateTimeEdit = datetime_edit(self) if with_time else date_edit(self)
        self._today = self.edit.dateTime()
        self.edit.setMinimumDate(EMPTY_DAY)
        self.edit.setSpecialValueText(QCoreApplication.translate("OptionalDateEdit", "(none)"))
        self.edit.installEventFilter(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)
        self.check.toggled.connect(self._toggled)
        self.edit.dateTimeChanged.connect(self._date_changed)
        self.setFocusProxy(self.edit)
        self._show_empty()

    def _show_empty(self) -> None:
        self.edit.blockSignals(True)
        self.edit.setDateTime(self.edit.minimumDateTime())  # shown as the special text
        self.edit.blockSignals(False)

    def _toggled(self, on: bool) -> None:
        self.edit.blockSignals(True)
        if on and self.edit.date() == EMPTY_DAY:
            self.edit.setDateTime(self._today)
        elif not on:
            self.edit.setDateTime(self.edit.minimumDateTime())
        self.edit.blockSignals(False)
        self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A key that edits the date, or a click, fills an empty one with today first."""
        if watched is self.edit and not self.check.isChecked():
            typed = isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
            editing = typed and isinstance(event, QKeyEvent) and event.key() not in _PASSING_KEYS
            if editing:
                self.check.setChecked(True)
                return True  # the first key fills in today; the next ones change it
            if event.type() == QEvent.Type.MouseButtonPress:
                self.check.setChecked(True)
        return super().eventFilter(watched, event)

    def _date_changed(self) -> None:
        if self.edit.date() == EMPTY_DAY:
            self.check.setChecked(False)
        elif not self.check.isChecked():
            self.check.setChecked(True)
        else:
            self.changed.emit()

    def value(self) -> date | datetime | None:
        return edit_value(self.edit) if self.check.isChecked() else None

    def set_value(self, value: date | datetime | None) -> None:
        before = self.value()
        self.check.blockSignals(True)
        self.check.setChecked(value is not None)
        self.check.blockSignals(False)
        if value is None:
            self._show_empty()
        else:
            self.edit.blockSignals(True)
            set_edit_value(self.edit, value)
            self.edit.blockSignals(False)
        if self.value() != before:
            self.changed.emit()
