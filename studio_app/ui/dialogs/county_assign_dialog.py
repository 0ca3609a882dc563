"""Assigning records to handling units (交办), at the county: the form shared by the county
work dialog and the batch "Assign…" of the proposals page, and that batch dialog.

The reply is due three months after the assignment date (``county_work.add_months``); the
due date follows the assignment date until the user changes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from studio_app.core import kinds
from studio_app.core.codes import CodeListKind
from studio_app.core.errors import UserError, ValidationError
from studio_app.core.fields import by_key
from studio_app.services import code_lists, county_work, site
from studio_app.services.context import Context
from studio_app.ui import messages, operations, screen_fit
from studio_app.ui.i18n import declared
from studio_app.ui.widgets.combos import combo_code, entry_combo, set_combo_code
from studio_app.ui.widgets.field_row import ERROR_STYLE, FieldRow
from studio_app.ui.widgets.optional_date import date_edit

LABELS = {k: f.label for k, f in by_key(kinds.PROPOSAL.fields).items()}
UNITS_ERROR = "units"  # the services' key for the units; shown under the lead unit


def stage_names() -> dict[str, str]:
    """Stage code (``county_work.STAGES``) → its name in the UI language."""
    return {
        county_work.WAITING_REVIEW.code: QCoreApplication.translate(
            "CountyWork", "Waiting for review"
        ),
        county_work.WAITING_ASSIGN.code: QCoreApplication.translate(
            "CountyWork", "Waiting for assignment"
        ),
        county_work.IN_HAND.code: QCoreApplication.translate("CountyWork", "Being handled"),
        county_work.OVERDUE.code: QCoreApplication.translate("CountyWork", "Overdue, no reply"),
        county_work.REPLIED.code: QCoreApplication.translate("CountyWork", "Replied"),
        county_work.EVALUATED.code: QCoreApplication.translate(
            "CountyWork", "Evaluated by the member"
        ),
        county_work.SETTLED.code: QCoreApplication.translate("CountyWork", "Settled at review"),
        county_work.DRAFT.code: QCoreApplication.translate("CountyWork", "Draft"),
    }


def ask_batch(parent: QWidget | None, text: str, act: str) -> bool:
    """The question before a step on several records; True to go ahead (tests answer it)."""
    return messages.ask_destructive(
        parent,
        QCoreApplication.translate("CountyWork", "Several records"),
        text,
        act,
        QCoreApplication.translate("CountyWork", "Cancel"),
    )


def units_on_lead(errors: dict[str, str]) -> dict[str, str]:
    """The services' errors about the units, moved to the lead unit's row."""
    errors = dict(errors)
    if UNITS_ERROR in errors:
        errors["lead_unit"] = errors.pop(UNITS_ERROR).partition("：")[2]
    return errors


def _to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class AssignForm(QWidget):
    """Lead unit, assisting units (check boxes), assignment date and reply due date;
    ``rows`` are its :class:`FieldRow` s by key, for inline errors."""

    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.units = site.code_labels(CodeListKind.HANDLING_UNIT.value)
        self.lead = entry_combo(CodeListKind.HANDLING_UNIT, self, empty=self.tr("(choose)"))
        self.assist = QListWidget(self)
        self.assist.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.assist.setFixedHeight(self.fontMetrics().height() * 5 + 10)
        self.assist.setToolTip(self.tr("Space checks or unchecks the current unit"))
        active = code_lists.active_labels(CodeListKind.HANDLING_UNIT)
        for code, name in self.units.items():
            if code in active:
                self._add_unit(code, name)
        self.on = date_edit(self)
        self.due = date_edit(self)
        self.due.setToolTip(self.tr("Three months after the assignment unless you change it"))
        self._due_follows = True
        self._setting = False
        self.rows: dict[str, FieldRow] = {}
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for key, editor, title in (
            ("lead_unit", self.lead, self.tr("Lead unit")),
            ("assist_units", self.assist, self.tr("Assisting units")),
            ("assigned_at", self.on, declared(LABELS["assigned_at"])),
            ("reply_due", self.due, declared(LABELS["reply_due"])),
        ):
            editor.setObjectName(key)
            self.rows[key] = FieldRow(editor, self)
            form.addRow(title, self.rows[key])
        self.set_values({"lead": "", "assist": [], "on": today, "due": None})
        self.lead.currentIndexChanged.connect(self._lead_changed)
        self.assist.itemChanged.connect(lambda _item: self.changed.emit())
        self.on.dateChanged.connect(self._on_changed)
        self.due.dateChanged.connect(self._due_changed)

    def _add_unit(self, code: str, name: str) -> QListWidgetItem:
        item = QListWidgetItem(name, self.assist)
        item.setData(Qt.ItemDataRole.UserRole, code)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        return item

    def _items(self) -> list[QListWidgetItem]:
        return [self.assist.item(i) for i in range(self.assist.count())]

    def values(self) -> dict[str, Any]:
        checked = [
            str(i.data(Qt.ItemDataRole.UserRole))
            for i in self._items()
            if i.checkState() == Qt.CheckState.Checked and not i.isHidden()
        ]
        return {
            "lead": combo_code(self.lead),
            "assist": checked,
            "on": self.on.date().toPython(),
            "due": self.due.date().toPython(),
        }

    def set_values(self, values: dict[str, Any]) -> None:
        """``due`` None: three months after ``on``, following it."""
        self._setting = True
        try:
            set_combo_code(self.lead, values.get("lead"))
            wanted = list(values.get("assist") or [])
            known = {i.data(Qt.ItemDataRole.UserRole) for i in self._items()}
            for code in wanted:  # a unit deactivated since stays shown on its record
                if code not in known:
                    self._add_unit(code, self.units.get(code, code))
            for item in self._items():
                checked = item.data(Qt.ItemDataRole.UserRole) in wanted
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            on: date = values["on"]
            follow = county_work.add_months(on, county_work.REPLY_MONTHS)
            due: date = values.get("due") or follow
            self.on.setDate(_to_qdate(on))
            self.due.setDate(_to_qdate(due))
            self._due_follows = due == follow
        finally:
            self._setting = False
        self._hide_lead()

    def check(self, name: str) -> None:
        """Check the assisting unit called ``name`` (tests; people use Space)."""
        for item in self._items():
            if item.text() == name:
                item.setCheckState(Qt.CheckState.Checked)

    def choose_lead(self, name: str) -> None:
        self.lead.setCurrentIndex(self.lead.findText(name))

    def _hide_lead(self) -> None:
        """The lead unit is not also an assisting one."""
        lead = combo_code(self.lead)
        for row, item in enumerate(self._items()):
            self.assist.setRowHidden(row, item.data(Qt.ItemDataRole.UserRole) == lead)

    def _lead_changed(self) -> None:
        self._hide_lead()
        self.changed.emit()

    def _on_changed(self) -> None:
        if self._due_follows and not self._setting:
            self._setting = True
            on: date = self.on.date().toPython()  # type: ignore[assignment]  # stubs: object
            follow = county_work.add_months(on, county_work.REPLY_MONTHS)
            self.due.setDate(_to_qdate(follow))
            self._setting = False
        self.changed.emit()

    def _due_changed(self) -> None:
        if not self._setting:
            self._due_follows = False
        self.changed.emit()

    def show_errors(self, errors: dict[str, str]) -> dict[str, str]:
        """Errors under their rows; returns those that have none."""
        errors = units_on_lead(errors)
        for key, row in self.rows.items():
            message = errors.pop(key, "")
            prefix = f"{LABELS.get(key, '')}："
            row.set_error(message.removeprefix(prefix))
        return errors


class CountyAssignDialog(QDialog):
    """Assign the records ``ids`` at once (all or nothing), after a question naming how many."""

    def __init__(self, ctx: Context, ids: Sequence[int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("countyAssignDialog")
        self.ctx = ctx
        self.ids = list(ids)
        n = len(self.ids)
        self.setWindowTitle(self.tr("Assign %n record(s)", "", n))
        text = self.tr(
            "The %n selected record(s) go to the same units, with the same dates.", "", n
        )
        intro = QLabel(text, self)
        intro.setWordWrap(True)
        self.form = AssignForm(ctx.today(), self)
        self.general_error = QLabel(self)
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.assign_button = buttons.addButton(
            self.tr("Assign"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.assign_button.setObjectName("assignButton")
        self.assign_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        screen_fit.fit(self, 520, 340)
        self.form.lead.setFocus()

    def accept(self) -> None:
        """Ask, then assign through the service; errors show in place."""
        v = self.form.values()
        if not v["lead"]:
            self._errors({"lead_unit": self.tr("Choose the lead unit.")})
            return
        self._errors({})
        question = self.tr("Assign %n record(s) to {0}?", "", len(self.ids)).format(
            self.form.lead.currentText()
        )
        if not ask_batch(self, question, self.tr("Assign")):
            return
        try:
            operations.call(
                lambda: county_work.assign(
                    self.ctx, self.ids, v["lead"], v["assist"], on=v["on"], due=v["due"]
                )
            )
        except ValidationError as exc:
            self._errors(exc.errors)
            return
        except UserError as exc:
            messages.show_error(self, exc.message)
            return
        super().accept()

    def _errors(self, errors: dict[str, str]) -> None:
        rest = self.form.show_errors(errors)
        self.general_error.setText("\n".join(rest.values()))
        self.general_error.setVisible(bool(rest))
