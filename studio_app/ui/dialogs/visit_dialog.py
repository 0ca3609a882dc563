"""A visit in the generic dialog of its kind, plus its workflow panel.

From the declaration (:class:`~studio_app.ui.dialogs.kind_dialog.KindDialog`) it has its
editors in three groups (the follow-up once the visit is saved), hints, errors under the
fields and a button per workflow step. Only visits have:

- residents typed into the dialog, created in the same transaction as the visit: if
  anything is refused, nothing is written and every problem is shown at once;
- the referral rows only for a referred visit, dated from the visit by default;
- at least as many visitors as residents picked;
- the handling locked once the case is being handled;
- a step taken with the changes made so far, in one transaction.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QDateEdit, QDateTimeEdit, QSpinBox, QWidget

from studio_app.core import kinds
from studio_app.core.codes import Channel, Handling, VisitStatus
from studio_app.core.fields import Field
from studio_app.core.workflow import CLOSES_AT_ONCE
from studio_app.services import visits
from studio_app.services.context import Context
from studio_app.ui import screen_fit
from studio_app.ui.dialogs.kind_dialog import Editor, KindDialog
from studio_app.ui.i18n import declared
from studio_app.ui.widgets.combos import combo_code
from studio_app.ui.widgets.optional_date import date_edit
from studio_app.ui.widgets.resident_picker import ResidentPicker

NEW_RESIDENTS = "new_residents"  # residents typed in, as field values (kept in drafts too)
NEW_SIZE, SAVED_SIZE = (980, 720), (1240, 720)  # a saved visit shows its follow-up too


class VisitDialog(KindDialog):
    """A new visit (``record_id`` None) or a saved one; ``saved`` fires after each write."""

    def __init__(
        self, ctx: Context, record_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        self._referral_loaded = False
        self._action: str | None = None
        super().__init__(ctx, kinds.VISIT, record_id, parent)
        screen_fit.fit(self, *(NEW_SIZE if record_id is None else SAVED_SIZE))
        self.handling.currentIndexChanged.connect(self._handling_changed)
        self.widget("channel", QComboBox).currentIndexChanged.connect(self._channel_changed)
        self.occurred_at.dateChanged.connect(self._occurred_changed)
        self.residents.changed.connect(self._residents_changed)
        self._handling_changed()
        self._channel_changed()
        self._baseline = self.values()

    # -- the editors only visits have ------------------------------------------------------

    def make_editor(self, fld: Field) -> Editor:
        """Residents may be typed in; the referral dates are always dates (shown only for
        a referral, they are filled from the visit)."""
        if fld.key == "residents":
            picker = ResidentPicker(self.ctx.may_see_pii, self)
            return Editor(picker, picker.existing_ids, lambda v: picker.set_residents(v or []))
        if fld.key in visits.REFERRAL_KEYS and fld.key != "referred_unit":
            edit = date_edit(self)
            return Editor(edit, lambda: edit.date().toPython(), lambda v: _set_day(edit, v))
        return super().make_editor(fld)

    @property
    def handling(self) -> QComboBox:
        return self.widget("handling", QComboBox)

    @property
    def occurred_at(self) -> QDateTimeEdit:
        return self.widget("occurred_at", QDateTimeEdit)

    @property
    def residents(self) -> ResidentPicker:
        return self.widget("residents", ResidentPicker)

    def is_referred(self) -> bool:
        return combo_code(self.handling) == Handling.REFERRED.value

    def _handling_changed(self) -> None:
        """Referral fields exist only for "referred"; their dates start from the visit."""
        referred = self.is_referred()
        for key in visits.REFERRAL_KEYS:
            self.set_row_shown(key, referred)
        if referred and not self._referral_loaded:
            day = self.occurred_at.date()
            self.widget("referred_at", QDateEdit).setDate(day)
            self.widget("due_at", QDateEdit).setDate(day.addDays(visits.DEFAULT_DUE_DAYS))

    def _channel_changed(self) -> None:
        """The reporting point is asked for a visit through one (直报点) only."""
        through = combo_code(self.widget("channel", QComboBox)) == Channel.REPORTING_POINT.value
        self.set_row_shown("reporting_point", through)

    def _occurred_changed(self) -> None:
        """Keep a default referral date from falling before the visit."""
        day = self.occurred_at.date()
        referred_at = self.widget("referred_at", QDateEdit)
        if self.is_referred() and not self._referral_loaded and referred_at.date() < day:
            referred_at.setDate(day)
            self.widget("due_at", QDateEdit).setDate(day.addDays(visits.DEFAULT_DUE_DAYS))

    def _residents_changed(self) -> None:
        count = self.widget("visitor_count", QSpinBox)
        picked = len(self.residents.picked())
        if count.value() < picked:
            count.setValue(picked)

    # -- values ----------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """The form's values (referral ones only for a referral), with the residents typed
        in under :data:`NEW_RESIDENTS`."""
        values = super().values()
        if not self.is_referred():
            for key in visits.REFERRAL_KEYS:
                values.pop(key, None)
        if values.get("channel") != Channel.REPORTING_POINT.value:
            values["reporting_point"] = None  # another channel names no point
        values[NEW_RESIDENTS] = [p.values for p in self.residents.new_residents()]
        return values

    def fill(self, values: dict[str, Any]) -> None:
        """Fill the form; residents typed in (a draft's) join the picked ones."""
        self._referral_loaded = values.get("referred_at") is not None
        super().fill(values)
        for typed in values.get(NEW_RESIDENTS) or []:
            self.residents.add_new(typed)
        self._handling_changed()
        self._channel_changed()

    def has_changes(self) -> bool:
        return super().has_changes() or self.residents.has_typing()

    def loaded(self, row: Any) -> None:
        """The saved visit's status and steps; its title names the record; the handling
        is locked once the case is being handled."""
        super().loaded(row)
        self.setWindowTitle(f"{declared(self.record_kind.label)} {row.serial or ''}".strip())
        status = VisitStatus(row.status)
        fresh = status is VisitStatus.REGISTERED or (
            status is VisitStatus.CLOSED and row.handling in CLOSES_AT_ONCE and not row.result
        )
        self.handling.setEnabled(fresh)
        locked = self.tr("The case is being handled; the handling can no longer change.")
        self.handling.setToolTip("" if fresh else locked)

    # -- writing ---------------------------------------------------------------------------

    def write(self, values: dict[str, Any]) -> Any:
        """Save through :func:`studio_app.services.visits.save`: the residents typed in are
        created with the visit, and a workflow step taken with the changes, all or nothing."""
        values = dict(values)
        typed = values.pop(NEW_RESIDENTS, None)
        if typed is not None or "residents" in values:
            values["residents"] = [
                p.resident_id if p.resident_id is not None else p.values
                for p in self.residents.picked()
            ]
        return visits.save(
            self.ctx,
            values,
            visit_id=self.record_id,
            action=self._action,
            expected_rev=self.rev,
            grew_from=self.grew_from if self.record_id is None else None,
        )

    def take_step(self, action: str) -> None:
        """A workflow step with the changes made so far, in one transaction."""
        assert self.record_id is not None
        if not self.step_confirmed(action):
            return
        self._action = action
        try:
            saved = self.attempt(lambda: self.write(self.changed_values()))
        finally:
            self._action = None
        if saved:
            self.reload()
            self.stepped()


def _set_day(edit: QDateEdit, value: Any) -> None:
    if value:
        edit.setDate(value)
