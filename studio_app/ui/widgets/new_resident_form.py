"""The "new resident" mini-form, showing likely duplicates while the user types."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QWidget,
)

from studio_app.core.identity import (
    IdentifierError,
    mask_phone,
    normalise_id_number,
    normalise_phone,
)
from studio_app.services import residents
from studio_app.ui.widgets.field_row import FieldRow

if TYPE_CHECKING:
    from studio_app.storage.models import Resident

KEYS = ("name", "phone", "village", "id_number")


def describe(resident: Resident, may_see_pii: bool) -> str:
    """One line naming a resident: name, village, phone (masked unless permitted)."""
    phone = resident.phone if may_see_pii else mask_phone(resident.phone)
    return " · ".join(p for p in (resident.name, resident.village, phone) if p)


class NewResidentForm(QGroupBox):
    """Name, phone, village and ID number of someone not yet registered."""

    existing_chosen = Signal(int, str)  # resident id, description
    new_added = Signal(dict)  # the values for residents.create

    def __init__(self, may_see_pii: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("New resident"))
        self._may_see_pii = may_see_pii
        self.edits: dict[str, QLineEdit] = {}
        self.rows: dict[str, FieldRow] = {}
        form = QFormLayout(self)
        titles = {
            "name": self.tr("Name"),
            "phone": self.tr("Phone"),
            "village": self.tr("Village"),
            "id_number": self.tr("ID number"),
        }
        for key in KEYS:
            edit = QLineEdit(self)
            edit.setObjectName(f"newResident_{key}")
            edit.textChanged.connect(self._suggest)
            self.edits[key] = edit
            self.rows[key] = FieldRow(edit, self)
            form.addRow(titles[key], self.rows[key])
        self.edits["id_number"].setPlaceholderText(self.tr("Optional"))
        self.hint = QLabel(self.tr("Possibly already registered:"), self)
        self.suggestions = QListWidget(self)
        self.suggestions.setObjectName("duplicateSuggestions")
        self.suggestions.setFixedHeight(self.fontMetrics().height() * 3 + 8)
        self.suggestions.itemActivated.connect(self._use_existing)
        form.addRow(self.hint)
        form.addRow(self.suggestions)
        buttons = QHBoxLayout()
        self.use_button = QPushButton(self.tr("Use this person"), self)
        self.use_button.setObjectName("useExistingResident")
        self.use_button.clicked.connect(self._use_existing)
        self.add_button = QPushButton(self.tr("Add new resident"), self)
        self.add_button.setObjectName("addNewResident")
        self.add_button.clicked.connect(self._add)
        buttons.addWidget(self.use_button)
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        form.addRow(buttons)
        for button in (self.use_button, self.add_button):
            button.setAutoDefault(False)
        self._show_suggestions([])

    def values(self) -> dict[str, Any]:
        return {k: e.text().strip() for k, e in self.edits.items() if e.text().strip()}

    def clear(self) -> None:
        for key, edit in self.edits.items():
            edit.clear()
            self.rows[key].set_error("")

    def _suggest(self) -> None:
        v = {k: e.text() for k, e in self.edits.items()}
        found = residents.suggest_duplicates(
            name=v["name"], phone=v["phone"], id_number=v["id_number"], village=v["village"]
        )
        self._show_suggestions(found)

    def _show_suggestions(self, found: list[residents.DuplicateSuggestion]) -> None:
        self.suggestions.clear()
        for s in found:
            text = f"{describe(s.resident, self._may_see_pii)}（{s.reason}）"
            item = QListWidgetItem(text, self.suggestions)
            item.setData(Qt.ItemDataRole.UserRole, s.resident.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, describe(s.resident, self._may_see_pii))
        if found:
            self.suggestions.setCurrentRow(0)
        for widget in (self.hint, self.suggestions, self.use_button):
            widget.setVisible(bool(found))

    def _use_existing(self) -> None:
        item = self.suggestions.currentItem()
        if item is None:
            return
        self.existing_chosen.emit(
            int(item.data(Qt.ItemDataRole.UserRole)), item.data(Qt.ItemDataRole.UserRole + 1)
        )
        self.clear()

    def _add(self) -> None:
        """Check what can be checked without the database, then hand the values on."""
        values = self.values()
        errors = {}
        if not values.get("name"):
            errors["name"] = self.tr("Enter the name")
        checks = (("phone", normalise_phone), ("id_number", normalise_id_number))
        for key, normalise in checks:
            if values.get(key):
                try:
                    values[key] = normalise(values[key])
                except IdentifierError as exc:
                    errors[key] = str(exc)
        for key, row in self.rows.items():
            row.set_error(errors.get(key, ""))
        if errors:
            self.edits[next(k for k in KEYS if k in errors)].setFocus()
            return
        self.new_added.emit(values)
        self.clear()
