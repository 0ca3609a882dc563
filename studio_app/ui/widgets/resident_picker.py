"""Choosing the residents of a visit: find registered ones, or enter new ones.

New residents are only collected here; the dialog creates them when the visit is saved,
in the same transaction, so a refused visit leaves no stray residents behind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from studio_app.services import residents
from studio_app.ui.widgets.new_resident_form import NewResidentForm, describe

MATCH_LIMIT = 8


@dataclass
class PickedResident:
    """A registered resident (``resident_id``) or a new one (``values`` to create)."""

    text: str
    resident_id: int | None = None
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def is_new(self) -> bool:
        return self.resident_id is None


class ResidentPicker(QWidget):
    """Search box with matches, the chosen residents, and the new-resident form."""

    changed = Signal()

    def __init__(self, may_see_pii: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._may_see_pii = may_see_pii
        self.search = QLineEdit(self)
        self.search.setObjectName("residentSearch")
        self.search.setPlaceholderText(self.tr("Type a name or phone number to find a resident"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._find)
        self.search.installEventFilter(self)
        self.new_button = QPushButton(self.tr("New resident…"), self)
        self.new_button.setObjectName("newResidentButton")
        self.new_button.setCheckable(True)
        self.matches = QListWidget(self)
        self.matches.setObjectName("residentMatches")
        rows = self.fontMetrics().height()
        self.matches.setFixedHeight(rows * 5 + 8)
        self.matches.itemActivated.connect(self._add_match)  # Enter
        self.matches.itemClicked.connect(self._add_match)  # a single click takes it too
        self.chosen = QListWidget(self)
        self.chosen.setObjectName("chosenResidents")
        self.chosen.setFixedHeight(rows * 3 + 8)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setObjectName("removeResident")
        self.remove_button.clicked.connect(self._remove_current)
        self.form = NewResidentForm(may_see_pii, self)
        self.form.hide()
        self.form.existing_chosen.connect(self.add_existing)
        self.form.new_added.connect(self.add_new)
        self.new_button.toggled.connect(self._toggle_form)
        for button in (self.new_button, self.remove_button):
            button.setAutoDefault(False)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.new_button)
        chosen_row = QHBoxLayout()
        chosen_row.addWidget(self.chosen, 1)
        chosen_row.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.matches)
        self.chosen_label = QLabel(self.tr("Chosen:"), self)
        layout.addWidget(self.chosen_label)
        layout.addLayout(chosen_row)
        layout.addWidget(self.form)
        for lst in (self.matches, self.chosen):
            lst.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self._show_matches([])
        self._update_chosen()

    # -- finding registered residents ------------------------------------------------------

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Focus given to the picker (e.g. to show an error) goes to its search box. (Not a
        focus proxy: Tab would then cycle inside the picker.)"""
        super().focusInEvent(event)
        self.search.setFocus()

    def _find(self, text: str) -> None:
        self._show_matches(residents.find(text, limit=MATCH_LIMIT) if text.strip() else [])

    def _show_matches(self, found: list[Any]) -> None:
        self.matches.clear()
        for resident in found:
            item = QListWidgetItem(describe(resident, self._may_see_pii), self.matches)
            item.setData(Qt.ItemDataRole.UserRole, resident.id)
        if found:
            self.matches.setCurrentRow(0)
        self.matches.setVisible(bool(found))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the search box adds the highlighted match (it must not save the dialog)."""
        if watched is self.search and isinstance(event, QKeyEvent):
            key = event.key()
            if event.type() != QEvent.Type.KeyPress:
                return super().eventFilter(watched, event)
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.search.text().strip():
                if self.matches.count():
                    self._add_match(self.matches.currentItem())
                else:  # nobody found: enter the person as new
                    self.new_button.setChecked(True)
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.matches.count():
                step = 1 if key == Qt.Key.Key_Down else -1
                row = max(0, min(self.matches.count() - 1, self.matches.currentRow() + step))
                self.matches.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

    def _add_match(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        self.add_existing(int(item.data(Qt.ItemDataRole.UserRole)), item.text())
        self.search.clear()

    # -- the chosen list -------------------------------------------------------------------

    def add_existing(self, resident_id: int, text: str) -> None:
        if resident_id in self.existing_ids():
            return
        self._append(PickedResident(text, resident_id=resident_id))

    def add_new(self, values: dict[str, Any]) -> None:
        text = " · ".join(values[k] for k in ("name", "village", "phone") if values.get(k))
        self._append(PickedResident(self.tr("{0} (new)").format(text), values=values))
        self.new_button.setChecked(False)

    def _append(self, picked: PickedResident) -> None:
        item = QListWidgetItem(picked.text, self.chosen)
        item.setData(Qt.ItemDataRole.UserRole, picked)
        self._update_chosen()
        self.changed.emit()

    def _remove_current(self) -> None:
        row = self.chosen.currentRow()
        if row >= 0:
            self.chosen.takeItem(row)
            self._update_chosen()
            self.changed.emit()

    def _update_chosen(self) -> None:
        has = self.chosen.count() > 0
        for widget in (self.chosen_label, self.chosen, self.remove_button):
            widget.setVisible(has)

    def _toggle_form(self, shown: bool) -> None:
        self.form.setVisible(shown)
        if shown:
            name = self.search.text().strip()
            if name and not self.form.edits["name"].text():
                self.form.edits["name"].setText(name)
            self.form.edits["name"].setFocus()
        else:
            self.form.clear()

    def picked(self) -> list[PickedResident]:
        return [
            self.chosen.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.chosen.count())
        ]

    def existing_ids(self) -> list[int]:
        return [p.resident_id for p in self.picked() if p.resident_id is not None]

    def new_residents(self) -> list[PickedResident]:
        return [p for p in self.picked() if p.is_new]

    def set_residents(self, resident_ids: list[int]) -> None:
        """Show the residents of a saved visit."""
        self.chosen.clear()
        for resident_id in resident_ids:
            resident = residents.get(resident_id)
            item = QListWidgetItem(describe(resident, self._may_see_pii), self.chosen)
            item.setData(Qt.ItemDataRole.UserRole, PickedResident(item.text(), resident_id))
        self._update_chosen()

    def has_typing(self) -> bool:
        """True while something is typed that has not been added to the list yet."""
        return bool(self.search.text().strip() or self.form.values())
