"""Creating and editing members (委员) and residents (群众).

Phone and ID numbers are checked as soon as the user leaves the box; while a new resident
is typed, residents who are probably the same person are offered (activate one to edit it
instead of registering a duplicate). Both dialogs open as tall as their form and keep room
for what appears while typing (a line under each box for its error, the suggestions), so
nothing on the form moves when it does.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextLayout
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from studio_app.core import kinds
from studio_app.core.codes import CodeListKind, Gender, ResidentKind
from studio_app.core.identity import IdentifierError, normalise_id_number, normalise_phone
from studio_app.services import members, records, residents
from studio_app.services.context import Context
from studio_app.ui import screen_fit
from studio_app.ui.dialogs.record_dialog import RecordDialog
from studio_app.ui.lookups import enum_labels
from studio_app.ui.widgets.combos import code_combo, combo_code, entry_combo, set_combo_code
from studio_app.ui.widgets.member_picker import member_combo
from studio_app.ui.widgets.new_resident_form import describe


def check_on_leave(dialog: RecordDialog, key: str, normalise: Callable[[str], str]) -> None:
    """Inline validation: when focus leaves ``key``'s box, show what is wrong with it."""
    edit = dialog.rows[key].editor
    assert isinstance(edit, QLineEdit)

    def check() -> None:
        text = edit.text().strip()
        try:
            if text:
                normalise(text)
        except IdentifierError as exc:
            dialog.rows[key].set_error(str(exc))
            return
        dialog.rows[key].set_error("")

    edit.editingFinished.connect(check)


def keep_room(widget: QWidget) -> None:
    """``widget`` takes its place in the layout even while hidden."""
    policy = widget.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    widget.setSizePolicy(policy)


def line_height(label: QLabel) -> int:
    """The height of one line of a message in ``label``'s font: Chinese text may come from a
    fallback font with taller lines than the label's own (the sample is never shown)."""
    layout = QTextLayout("必填", label.font())
    layout.beginLayout()
    line = layout.createLine()
    layout.endLayout()
    return max(label.fontMetrics().lineSpacing(), math.ceil(line.height()))


def reserve_error_lines(dialog: RecordDialog) -> None:
    """Each row keeps a line for its inline error, which then appears without moving the
    rows below; that line is the rows' spacing. The messages of these short fields fit on
    it (a wrapping label would ask for two lines, and the form would scroll)."""
    for row in dialog.rows.values():
        row.error.setWordWrap(False)
        row.error.setMinimumHeight(line_height(row.error))
        keep_room(row.error)
    dialog.form.setVerticalSpacing(2)


def fit_to_form(dialog: RecordDialog, width: int) -> None:
    """Open ``width`` wide and as tall as the form: neither an empty half nor a scroll bar
    (within the screen: :func:`screen_fit.fit`)."""
    scroll = dialog.findChild(QScrollArea)
    assert scroll is not None  # the record dialog's form is in one
    around = dialog.sizeHint().height() - scroll.sizeHint().height()  # the capped part
    screen_fit.fit(dialog, width, around + dialog.form_widget.sizeHint().height())


def _line_edits(dialog: RecordDialog, keys: tuple[str, ...]) -> dict[str, QLineEdit]:
    edits = {}
    for key in keys:
        edits[key] = QLineEdit(dialog)
        dialog.add_row(key, edits[key])
    return edits


class MemberDialog(RecordDialog):
    """A member's particulars; inactive members stay in old records but leave the pickers."""

    fields = kinds.MEMBER.fields
    draft_kind = "member"

    def __init__(self, ctx: Context, member_id: int | None = None, parent: QWidget | None = None):
        super().__init__(ctx, member_id, parent)
        self.setObjectName("memberDialog")
        self.edits = _line_edits(self, ("name",))
        self.gender = code_combo(enum_labels(Gender), self, empty="")
        self.add_row("gender", self.gender)
        self.sector = entry_combo(CodeListKind.SECTOR, self, empty="")
        self.add_row("sector", self.sector)
        self.edits.update(_line_edits(self, ("party", "unit_and_post", "phone", "term")))
        self.is_standing = QCheckBox(self)
        self.add_row("is_standing", self.is_standing)
        self.active = QCheckBox(self)
        self.active.setChecked(True)
        self.add_row("active", self.active)
        check_on_leave(self, "phone", normalise_phone)
        self.setWindowTitle(self.tr("New member"))
        reserve_error_lines(self)
        fit_to_form(self, 520)
        self.finish_setup()

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {k: e.text().strip() for k, e in self.edits.items()}
        values["gender"] = combo_code(self.gender) or None
        values["sector"] = combo_code(self.sector) or None
        values["is_standing"] = self.is_standing.isChecked()
        values["active"] = self.active.isChecked()
        return values

    def load(self, record_id: int) -> None:
        row = members.get(record_id)
        v = records.snapshot(members.MEMBER, row)
        self.rev = row.rev
        self.fill(v)
        self.setWindowTitle(self.tr("Member {0}").format(row.name))

    def fill(self, values: dict[str, Any]) -> None:
        for key, edit in self.edits.items():
            edit.setText(values.get(key) or "")
        set_combo_code(self.gender, values.get("gender"))
        set_combo_code(self.sector, values.get("sector"))
        self.is_standing.setChecked(bool(values.get("is_standing")))
        self.active.setChecked(bool(values.get("active")))

    def write(self, values: dict[str, Any]) -> Any:
        if self.record_id is None:
            return members.create(self.ctx, values)
        return members.update(self.ctx, self.record_id, values, expected_rev=self.rev)


class ResidentDialog(RecordDialog):
    """A resident's particulars, with duplicate suggestions while a new one is typed."""

    fields = kinds.RESIDENT.fields
    draft_kind = "resident"

    def __init__(self, ctx: Context, resident_id: int | None = None, parent: QWidget | None = None):
        super().__init__(ctx, resident_id, parent)
        self.setObjectName("residentDialog")
        self.edits = _line_edits(self, ("name",))
        self.gender = code_combo(enum_labels(Gender), self, empty="")
        self.add_row("gender", self.gender)
        keys = ("phone", "id_number", "township", "village", "group_name", "address")
        self.edits.update(_line_edits(self, keys))
        self.kind = code_combo(enum_labels(ResidentKind), self)
        set_combo_code(self.kind, ResidentKind.VILLAGER.value)
        self.add_row("kind", self.kind)
        self.contact_member = member_combo(self, "")
        self.add_row("contact_member", self.contact_member)
        check_on_leave(self, "phone", normalise_phone)
        check_on_leave(self, "id_number", normalise_id_number)
        self.hint = QLabel(self.tr("Possibly already registered (Enter to edit that person):"))
        self.hint.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.suggestions = QListWidget(self)
        self.suggestions.setObjectName("duplicateSuggestions")
        self.suggestions.setFixedHeight(self.fontMetrics().height() * 4 + 8)
        self.suggestions.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.suggestions.itemActivated.connect(self._use_existing)
        # In a box of their own: a form's row gives up its room while hidden, a box's need not.
        duplicates = QWidget(self.form_widget)
        box = QVBoxLayout(duplicates)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.hint)
        box.addWidget(self.suggestions)
        self.form.addRow(duplicates)
        for key in ("name", "phone", "id_number", "village"):
            self.edits[key].textChanged.connect(self._suggest)
        self.setWindowTitle(self.tr("New resident"))
        reserve_error_lines(self)
        if resident_id is None:  # suggestions are for new residents: their room waits
            keep_room(self.hint)
            keep_room(self.suggestions)
        self._show_suggestions([])
        fit_to_form(self, 560)
        self.finish_setup()

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {k: e.text().strip() for k, e in self.edits.items()}
        values["gender"] = combo_code(self.gender) or None
        values["kind"] = combo_code(self.kind)
        member = combo_code(self.contact_member)
        values["contact_member"] = int(member) if member else None
        return values

    def load(self, record_id: int) -> None:
        row = residents.get(record_id)
        v = records.snapshot(residents.RESIDENT, row)
        self.rev = row.rev
        self.fill(v)
        self.setWindowTitle(self.tr("Resident {0}").format(row.name))
        self._show_suggestions([])

    def fill(self, values: dict[str, Any]) -> None:
        for key, edit in self.edits.items():
            edit.blockSignals(True)  # no duplicate suggestions for what is being restored
            edit.setText(values.get(key) or "")
            edit.blockSignals(False)
        set_combo_code(self.gender, values.get("gender"))
        set_combo_code(self.kind, values.get("kind"))
        index = self.contact_member.findData(values.get("contact_member"))
        self.contact_member.setCurrentIndex(max(0, index))

    def write(self, values: dict[str, Any]) -> Any:
        if self.record_id is None:
            return residents.create(self.ctx, values)
        return residents.update(self.ctx, self.record_id, values, expected_rev=self.rev)

    # -- duplicates ------------------------------------------------------------------------

    def _suggest(self) -> None:
        if self.record_id is not None:
            return
        text = {k: self.edits[k].text() for k in ("name", "phone", "id_number", "village")}
        found = residents.suggest_duplicates(
            name=text["name"],
            phone=text["phone"],
            id_number=text["id_number"],
            village=text["village"],
        )
        self._show_suggestions(found)

    def _show_suggestions(self, found: list[residents.DuplicateSuggestion]) -> None:
        self.suggestions.clear()
        for s in found:
            text = f"{describe(s.resident, self.ctx.may_see_pii)}（{s.reason}）"
            item = QListWidgetItem(text, self.suggestions)
            item.setData(Qt.ItemDataRole.UserRole, s.resident.id)
        if found:
            self.suggestions.setCurrentRow(0)
        self.hint.setVisible(bool(found))
        self.suggestions.setVisible(bool(found))

    def _use_existing(self, item: QListWidgetItem) -> None:
        """Edit the registered person instead of typing them in again."""
        self.record_id = int(item.data(Qt.ItemDataRole.UserRole))
        self.reload()
