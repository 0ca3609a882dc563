"""Print the visits of a date range: from/to dates and the options of ``print visits``."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QWidget,
)

from studio_app.services.context import Context
from studio_app.ui.printing import print_jobs
from studio_app.ui.printing.print_jobs import PrintJob


def _date_edit(value: date, parent: QWidget) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _day(edit: QDateEdit) -> date:
    chosen = edit.date()
    return date(chosen.year(), chosen.month(), chosen.day())


class VisitRangeDialog(QDialog):
    """From the first of this month to today by default; :meth:`job` is what to print."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("visitRangeDialog")
        self.setWindowTitle(self.tr("Print visits of a date range"))
        self.ctx = ctx
        today = ctx.today()
        self.date_from = _date_edit(today.replace(day=1), self)
        self.date_from.setObjectName("rangeFrom")
        self.date_to = _date_edit(today, self)
        self.date_to.setObjectName("rangeTo")
        self.confidential = QCheckBox(self.tr("Include confidential visits"), self)
        self.confidential.setObjectName("includeConfidential")
        self.unmasked = QCheckBox(self.tr("Full ID card and phone numbers"), self)
        self.unmasked.setObjectName("unmasked")
        self.unmasked.setEnabled(ctx.may_see_pii)
        if not ctx.may_see_pii:
            self.unmasked.setToolTip(self.tr("Your account may not see full numbers."))
        note = QLabel(
            self.tr("The visits are printed in time order behind a cover sheet listing them."),
            self,
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Preview…"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("From:"), self.date_from)
        form.addRow(self.tr("To:"), self.date_to)
        form.addRow(self.confidential)
        form.addRow(self.unmasked)
        form.addRow(note)
        form.addRow(buttons)

    def set_range(self, first: date, last: date) -> None:
        self.date_from.setDate(QDate(first.year, first.month, first.day))
        self.date_to.setDate(QDate(last.year, last.month, last.day))

    def job(self) -> PrintJob:
        """The batch the dialog describes (a Chinese UserError if the range is backwards)."""
        return print_jobs.visit_range(
            self.ctx,
            _day(self.date_from),
            _day(self.date_to),
            include_confidential=self.confidential.isChecked(),
            unmasked=self.unmasked.isChecked() and self.ctx.may_see_pii,
        )
