"""The dialog of any declared kind: one editor per field, from the kind's declaration.

Each :class:`~studio_app.core.fields.Kind` has its editor (a line, a text box, a date or a
time, a number, a tick, a combo of codes, the member and resident pickers), and the form
reads and fills them by field key, so no key is listed by hand. It writes through the kind's
service (:func:`studio_app.services.kind_records.service`: the generic one, or a kind's own
module with its own rules); a refusal is shown at its field as the service words it
(:attr:`ValidationError.errors`), and saving an unchanged record writes nothing. A saved
record shows its status, and a button for each step of its kind's workflow that leaves that
status (``RecordKind.transitions``, run by :func:`~studio_app.services.kind_records.advance`).
The kind's ``dialog`` layout gives the first size, text heights, hints, how errors are
worded, and groups of fields side by side (a group may wait until the record is saved).
A ROWS field is a table of rows with buttons of its own (:class:`RowsEdit`); an
error about one of its rows makes that row the current one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from studio_app.core import kinds
from studio_app.core.fields import Field, Kind
from studio_app.services import kind_records
from studio_app.services.context import Context
from studio_app.storage.models import SyncedModel
from studio_app.ui import messages, mnemonics, screen_fit
from studio_app.ui.dialogs.record_dialog import RecordDialog, text_box
from studio_app.ui.i18n import declared
from studio_app.ui.lookups import enum_labels
from studio_app.ui.widgets.combos import code_combo, combo_code, entry_combo, set_combo_code
from studio_app.ui.widgets.member_picker import MemberPicker, member_combo
from studio_app.ui.widgets.optional_date import (
    OptionalDateEdit,
    date_edit,
    datetime_edit,
    edit_value,
    set_edit_value,
)
from studio_app.ui.widgets.resident_picker import ResidentPicker
from studio_app.ui.widgets.rows_edit import RowsEdit

MAX_COUNT = 100_000
W = TypeVar("W", bound=QWidget)


@dataclass(frozen=True)
class Editor:
    """A field's widget and how the form reads and fills it."""

    widget: QWidget
    get: Callable[[], Any]
    put: Callable[[Any], None]


def _line(parent: QWidget) -> Editor:
    edit = QLineEdit(parent)
    return Editor(edit, lambda: edit.text().strip(), lambda v: edit.setText(v or ""))


def _text(parent: QWidget) -> Editor:
    box = text_box(parent)
    return Editor(box, box.toPlainText, lambda v: box.setPlainText(v or ""))


def _count(fld: Field, parent: QWidget) -> Editor:
    """A number; a required count starts at one."""
    spin = QSpinBox(parent)
    least = 1 if fld.required else 0
    spin.setRange(least, MAX_COUNT)
    return Editor(spin, spin.value, lambda v: spin.setValue(v or least))


def _tick(parent: QWidget) -> Editor:
    box = QCheckBox(parent)
    return Editor(box, box.isChecked, lambda v: box.setChecked(bool(v)))


def _when(fld: Field, ctx: Context, parent: QWidget) -> Editor:
    with_time = fld.kind is Kind.DATETIME
    if not fld.required:
        optional = OptionalDateEdit(parent=parent, with_time=with_time)
        return Editor(optional, optional.value, optional.set_value)
    edit = datetime_edit(parent, ctx.now_local()) if with_time else date_edit(parent)
    return Editor(edit, lambda: edit_value(edit), lambda v: set_edit_value(edit, v))


def _codes(fld: Field, parent: QWidget) -> Editor:
    """A combo of the field's codes; an optional one starts at "(none)"; a required code
    list is chosen by the person, never by default; a required fixed set starts at its
    first code."""
    none = QCoreApplication.translate("KindDialog", "(none)")
    if fld.code_list is not None:
        choose = QCoreApplication.translate("KindDialog", "Choose…")
        if fld.required:
            combo = entry_combo(fld.code_list, parent, placeholder=choose)
            combo.setCurrentIndex(-1)
        else:
            combo = entry_combo(fld.code_list, parent, placeholder=choose, empty=none)
    else:
        assert fld.enum is not None
        combo = code_combo(enum_labels(fld.enum), parent, empty=None if fld.required else none)
    return Editor(combo, lambda: combo_code(combo), lambda v: set_combo_code(combo, v))


def _member(parent: QWidget) -> Editor:
    combo = member_combo(parent, "")
    combo.setMinimumContentsLength(8)  # a name fits even while "none" is shown
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)

    def get() -> int | None:
        code = combo_code(combo)
        return int(code) if code else None

    return Editor(combo, get, lambda v: combo.setCurrentIndex(max(0, combo.findData(v))))


def _record(fld: Field, parent: QWidget) -> Editor:
    """A combo of the records of the field's kind, by title; a required one is chosen by the
    person, never by default."""
    linked = kinds.kind(fld.target)
    none = QCoreApplication.translate("KindDialog", "(none)")
    combo = code_combo(kind_records.choices(linked), parent, empty=None if fld.required else none)
    combo.setPlaceholderText(QCoreApplication.translate("KindDialog", "Choose…"))
    if fld.required:
        combo.setCurrentIndex(-1)

    def get() -> int | None:
        code = combo_code(combo)
        return int(code) if code else None

    def put(value: int | None) -> None:
        if value and combo.findData(value) < 0:  # since trashed: still shown, not dropped
            title = kind_records.choices(linked, keep=value).get(value, f"#{value}")
            combo.addItem(title, value)
        combo.setCurrentIndex(combo.findData(value) if value else (-1 if fld.required else 0))

    return Editor(combo, get, put)


def _members(parent: QWidget) -> Editor:
    picker = MemberPicker(parent)
    return Editor(picker, picker.selected_ids, lambda v: picker.set_selected(v or []))


def _residents(ctx: Context, parent: QWidget, *, one: bool) -> Editor:
    picker = ResidentPicker(ctx.may_see_pii, parent)
    picker.new_button.hide()  # new people are registered on the residents page
    if one:

        def first() -> int | None:
            ids = picker.existing_ids()
            return ids[0] if ids else None

        return Editor(picker, first, lambda v: picker.set_residents([v] if v else []))
    return Editor(picker, picker.existing_ids, lambda v: picker.set_residents(v or []))


def _rows(fld: Field, parent: QWidget) -> Editor:
    table = RowsEdit(fld, parent)
    return Editor(table, table.value, table.set_value)


def editor(fld: Field, ctx: Context, parent: QWidget) -> Editor:
    """The editor of one field, by its kind."""
    kind = fld.kind
    if kind in (Kind.TEXT, Kind.PHONE, Kind.ID_NUMBER):
        return _line(parent)
    if kind is Kind.LONGTEXT:
        return _text(parent)
    if kind is Kind.INT:
        return _count(fld, parent)
    if kind is Kind.BOOL:
        return _tick(parent)
    if kind in (Kind.DATE, Kind.DATETIME):
        return _when(fld, ctx, parent)
    if kind in (Kind.ENUM, Kind.CODE):
        return _codes(fld, parent)
    if kind is Kind.MEMBER:
        return _member(parent)
    if kind is Kind.MEMBERS:
        return _members(parent)
    if kind is Kind.RECORD:
        return _record(fld, parent)
    if kind in (Kind.RESIDENT, Kind.RESIDENTS):
        return _residents(ctx, parent, one=kind is Kind.RESIDENT)
    if kind is Kind.ROWS:
        return _rows(fld, parent)
    raise AssertionError(kind)


def _hint(widget: QWidget, hint: str) -> str | None:
    """Put a declared hint on an editor: a tick's own text (its row then has no label), or a
    text box's placeholder. The row's label: None for such a tick, else "" (the field's)."""
    if not hint:
        return ""
    if isinstance(widget, QCheckBox):
        widget.setText(hint)
        return None
    if isinstance(widget, (QLineEdit, QPlainTextEdit)):
        widget.setPlaceholderText(hint)
    return ""


class KindDialog(RecordDialog):
    """A new record of ``kind`` (``record_id`` None) or a saved one, every field editable;
    a saved one's workflow steps as buttons (``steps``: action → button)."""

    def __init__(
        self,
        ctx: Context,
        kind: kinds.RecordKind,
        record_id: int | None = None,
        parent: QWidget | None = None,
        *,
        grew_from: dict[str, list[int]] | None = None,
    ) -> None:
        self.record_kind = kind
        self.grew_from = grew_from or {}  # a new record's origins, linked when it is saved
        self.fields = kind.fields
        self.draft_kind = kind.name  # drafts "<kind>-new", "<kind>-<id>"
        super().__init__(ctx, record_id, parent)
        self.setObjectName(f"{kind.name}Dialog")
        self.editors: dict[str, Editor] = {}
        self.edits: dict[str, QLineEdit] = {}  # one-line boxes: identifiers are masked in them
        forms = self._group_forms()
        hints = dict(kind.dialog.hints)
        for fld in kind.fields:
            if fld.key not in forms and kind.dialog.groups:
                continue  # in a group shown once the record is saved
            made = self.editors[fld.key] = self.make_editor(fld)
            if isinstance(made.widget, QLineEdit):
                self.edits[fld.key] = made.widget
            title = _hint(made.widget, declared(hints.get(fld.key, "")))
            self.add_row(fld.key, made.widget, title, forms.get(fld.key))
        for key, height in kind.dialog.text_heights:
            if key in self.editors:
                self.widget(key, QPlainTextEdit).setMinimumHeight(height)
        self._fix_later_texts()
        for later in self.tables()[1:]:
            later.drop_mnemonics()  # one set of Alt+letters per dialog
        self.steps: dict[str, QPushButton] = {}
        self.add_actions()
        self.setWindowTitle(self.new_title())
        screen_fit.fit(self, *kind.dialog.size)
        self.finish_setup()

    def _group_forms(self) -> dict[str, QFormLayout]:
        """field key → the form of its group, for a kind that lays its fields out in groups
        side by side; a group waiting for the record to be saved is left out."""
        groups = [g for g in self.record_kind.dialog.groups
                  if self.record_id is not None or not g.once_saved]  # fmt: skip
        if not groups:
            return {}
        holder = QWidget(self.form_widget)
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        forms: dict[str, QFormLayout] = {}
        for group in groups:
            box = QGroupBox(declared(group.title), holder)
            box.setObjectName(f"{group.name}Group")
            form = QFormLayout(box)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            forms.update(dict.fromkeys(group.keys, form))
            row.addWidget(box, group.stretch)
        self.form.addRow(holder)
        return forms

    def _fix_later_texts(self) -> None:
        """In a group, the first long text takes the spare height; later ones keep theirs."""
        for group in self.record_kind.dialog.groups:
            texts = [k for k in group.keys if k in self.editors
                     and isinstance(self.editors[k].widget, QPlainTextEdit)]  # fmt: skip
            for key in texts[1:]:
                box = self.widget(key, QPlainTextEdit)
                box.setFixedHeight(box.minimumHeight())
                self.rows[key].setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def make_editor(self, fld: Field) -> Editor:
        """The editor of field ``fld`` (a kind's dialog may give some fields its own)."""
        return editor(fld, self.ctx, self)

    def tables(self) -> list[RowsEdit]:
        """The editors of the ROWS fields, in order."""
        return [e.widget for e in self.editors.values() if isinstance(e.widget, RowsEdit)]

    def widget(self, key: str, cls: type[W]) -> W:
        """The editor of field ``key``, which is a ``cls``."""
        found = self.editors[key].widget
        assert isinstance(found, cls), (key, found)
        return found

    # -- the workflow ----------------------------------------------------------------------

    def add_actions(self) -> None:
        """A button per step of the kind's workflow, shown when the record is where it starts."""
        for transition in self.record_kind.transitions:
            button = QPushButton(declared(transition.label), self)
            button.setObjectName(f"action_{transition.action}")
            button.setAutoDefault(False)
            button.clicked.connect(partial(self.take_step, transition.action))
            button.hide()
            self.actions_row.addWidget(button)
            self.steps[transition.action] = button
        own = [
            self.save_button,
            self.cancel_button,
            *(b for t in self.tables() for b in t.buttons()),
        ]
        taken = [mnemonics.key_of(b.text()) for b in own]
        mnemonics.assign(self.steps.values(), taken)

    def take_step(self, action: str) -> None:
        """The workflow button ``action``: save the changes, then take the step."""
        if self.step_confirmed(action):
            self.run_action(partial(self.advance, action))

    def step_confirmed(self, action: str) -> bool:
        """Ask first when fields the step would rather have are empty (``Transition.asks``);
        True to go on."""
        step = next(t for t in self.record_kind.transitions if t.action == action)
        values = self.values()
        fields = [self.record_kind.field(k) for k in step.asks if not values.get(k)]
        missing = [declared(f.label) for f in fields]
        return not missing or messages.ask_missing(self, declared(step.label), missing)

    def advance(self, action: str) -> Any:
        """Take the saved record the workflow step ``action`` (pending changes saved first)."""
        assert self.record_id is not None
        return kind_records.advance(self.ctx, self.record_kind, self.record_id, action)

    def new_title(self) -> str:
        kind = self.record_kind
        return self.tr("New {0}").format(declared(kind.new_label or kind.short_label))

    def loaded(self, row: SyncedModel) -> None:
        """Show what the saved record says besides its fields: its serial, its status, the
        workflow steps from there."""
        name = declared(self.record_kind.short_label)
        self.setWindowTitle(f"{name} {row.serial or ''}".strip())
        if self.record_kind.status is not None:
            code = str(getattr(row, "status", ""))  # a column of kinds with status codes
            text = enum_labels(self.record_kind.status).get(code, code)
            self.show_status(self.tr("Status: {0}").format(text))
            for transition in self.record_kind.transitions:
                self.steps[transition.action].setVisible(code in transition.sources)

    # -- the form --------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        return {key: e.get() for key, e in self.editors.items()}

    def fill(self, values: dict[str, Any]) -> None:
        for key, e in self.editors.items():
            if key in values:
                e.put(values[key])

    def load(self, record_id: int) -> None:
        row = kind_records.get(self.record_kind, record_id)
        self.rev = row.rev
        self.fill(kind_records.values(self.record_kind, record_id))
        self.loaded(row)

    def write(self, values: dict[str, Any]) -> Any:
        service = kind_records.service(self.record_kind)
        if self.record_id is None and self.grew_from:
            return kind_records.create(self.ctx, self.record_kind, values, grew_from=self.grew_from)
        if self.record_id is None:
            return service.create(self.ctx, values)
        return service.update(self.ctx, self.record_id, values, expected_rev=self.rev)

    def show_errors(self, errors: dict[str, str]) -> None:
        """As every dialog does; a rows table also makes the row an error names current."""
        super().show_errors(errors)
        for key, message in errors.items():
            made = self.editors.get(key)
            if made is not None and isinstance(made.widget, RowsEdit):
                found = re.search(r"第(\d+)", message)
                if found:
                    made.widget.select_row(int(found.group(1)) - 1)

    def field_error(self, key: str, message: str) -> str:
        if self.record_kind.dialog.bare_errors:
            return super().field_error(key, message)  # without the label the row shows
        return message  # as the service words it, from the field's declaration
