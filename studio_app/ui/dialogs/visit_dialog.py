"""Creating and editing a visit, and moving a case along its workflow.

New residents typed into the dialog are created in the same transaction as the visit:
if anything is refused, nothing is written and every problem is shown at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from studio_app.core.codes import VisitStatus
from studio_app.core.errors import UserError, ValidationError
from studio_app.core.workflow import CLOSES_AT_ONCE
from studio_app.services import visits
from studio_app.services.context import Context
from studio_app.ui import messages
from studio_app.ui.dialogs.visit_form import VisitForm
from studio_app.ui.lookups import Lookups
from studio_app.ui.widgets.field_row import ERROR_STYLE

if TYPE_CHECKING:
    pass

S = VisitStatus
# The workflow actions offered for each status (see services.visits.STEPS).
ACTIONS: dict[VisitStatus, tuple[str, ...]] = {
    S.REGISTERED: ("refer", "close"),
    S.REFERRED: ("start", "feed_back"),
    S.IN_PROGRESS: ("feed_back",),
    S.FED_BACK: ("reopen", "close"),
    S.CLOSED: (),
}


class VisitDialog(QDialog):
    """A new visit (``visit_id`` None) or a saved one; ``saved`` fires after each write."""

    saved = Signal(int)

    def __init__(
        self,
        ctx: Context,
        lookups: Lookups,
        visit_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("visitDialog")
        self.ctx = ctx
        self.visit_id = visit_id
        self.saved_id: int | None = None
        self.rev: int | None = None
        self.status: VisitStatus | None = None
        self._lookups = lookups
        self._baseline: Any = None
        self.form = VisitForm(ctx, lookups, editing=visit_id is not None, parent=self)

        self.status_label = QLabel(self)
        self.status_label.setObjectName("statusLabel")
        self.status_label.setStyleSheet("font-weight: bold;")
        self.general_error = QLabel(self)
        self.general_error.setObjectName("generalError")
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.form)

        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(True)
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        self.action_buttons = self._action_buttons()
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)

        buttons = QHBoxLayout()
        for button in self.action_buttons.values():
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.general_error)
        layout.addLayout(buttons)

        if visit_id is None:
            self.setWindowTitle(self.tr("New visit"))
            self.status_label.hide()
            self.resize(980, 720)
        else:
            self._load()
            self.resize(1240, 720)
        self._baseline = self._snapshot()
        self.form.channel.setFocus()

    def _action_buttons(self) -> dict[str, QPushButton]:
        titles = {
            "refer": self.tr("Refer"),
            "start": self.tr("Start handling"),
            "feed_back": self.tr("Record feedback"),
            "reopen": self.tr("Reopen"),
            "close": self.tr("Close case"),
        }
        buttons = {}
        for action, title in titles.items():
            button = QPushButton(title, self)
            button.setObjectName(f"action_{action}")
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, a=action: self.run_action(a))
            button.hide()
            buttons[action] = button
        return buttons

    # -- loading ---------------------------------------------------------------------------

    def _load(self) -> None:
        assert self.visit_id is not None
        visit = visits.get(self.visit_id)
        values = visits.values_of(visit)
        self.rev = visit.rev
        self.status = VisitStatus(visit.status)
        self.form.load(values)
        self.setWindowTitle(self.tr("Visit {0}").format(visit.serial or ""))
        self.status_label.setText(
            self.tr("Status: {0}").format(self._lookups.status.get(visit.status, visit.status))
        )
        fresh = self.status is S.REGISTERED or (
            self.status is S.CLOSED and visit.handling in CLOSES_AT_ONCE and not visit.result
        )
        self.form.set_handling_locked(
            not fresh, self.tr("The case is being handled; the handling can no longer change.")
        )
        offered = ACTIONS[self.status]
        for action, button in self.action_buttons.items():
            button.setVisible(action in offered)

    def _snapshot(self) -> Any:
        new = [p.values for p in self.form.residents.new_residents()]
        return self.form.values(), new

    def has_changes(self) -> bool:
        return self._snapshot() != self._baseline or self.form.residents.has_typing()

    # -- writing ---------------------------------------------------------------------------

    def save(self) -> None:
        """Create or update the visit; close the dialog when it was written."""
        if self.visit_id is not None and not self.has_changes():
            self.accept()
            return
        if self._commit(None):
            self.accept()

    def run_action(self, action: str) -> None:
        """Run a workflow action with the changes made so far, then show the new state."""
        if self._commit(action):
            self._load()
            self._baseline = self._snapshot()

    def _commit(self, action: str | None) -> bool:
        values = self.form.values()
        values["residents"] = [
            p.resident_id if p.resident_id is not None else p.values
            for p in self.form.residents.picked()
        ]
        if self.visit_id is not None:
            before = self._baseline[0]
            values = {k: v for k, v in values.items() if before.get(k) != v}
        try:
            visit = visits.save(
                self.ctx, values, visit_id=self.visit_id, action=action, expected_rev=self.rev
            )
        except ValidationError as exc:
            self._show_errors(exc.errors)
            return False
        except UserError as exc:
            self._show_errors({})
            messages.show_error(self, exc.message)
            return False
        self._show_errors({})
        saved = visits.values_of(visit)
        self.form.residents.set_residents(saved["residents"])
        self.visit_id = self.saved_id = visit.id
        self.saved.emit(visit.id)
        return True

    def _show_errors(self, errors: dict[str, str]) -> None:
        unplaced = self.form.show_errors(errors)
        self.general_error.setText("\n".join(unplaced.values()))
        self.general_error.setVisible(bool(unplaced))

    # -- closing ---------------------------------------------------------------------------

    def reject(self) -> None:
        """Esc, Cancel or the close button: ask first when something would be lost."""
        if self.has_changes() and not messages.confirm_discard(self):
            return
        super().reject()
