"""Choosing the members on duty: a list of check boxes, standing committee first."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QListWidget, QListWidgetItem, QSizePolicy, QWidget

from studio_app.services import members
from studio_app.ui.widgets.combos import code_combo


def member_combo(parent: QWidget, empty: str) -> QComboBox:
    """Active members (standing committee first), with a first "none" item."""
    return code_combo({m.id: m.name for m in members.list_active()}, parent, empty=empty)


class MemberPicker(QListWidget):
    """Active members with check boxes; ``selected_ids()`` in list order."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("memberPicker")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self.fontMetrics().height() * 7 + 8)
        self.itemChanged.connect(lambda _item: self.changed.emit())
        self._load(members.list_active())

    def _load(self, rows: list[Any]) -> None:
        for member in rows:
            self._add(member.id, member.name)

    def _add(self, member_id: int, name: str) -> QListWidgetItem:
        item = QListWidgetItem(name, self)
        item.setData(Qt.ItemDataRole.UserRole, member_id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        return item

    def _item(self, member_id: int) -> QListWidgetItem | None:
        for i in range(self.count()):
            item = self.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == member_id:
                return item
        return None

    def selected_ids(self) -> list[int]:
        return [
            int(self.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked
        ]

    def set_selected(self, member_ids: list[int]) -> None:
        """Check exactly ``member_ids``, listed first (in their order) so they are seen;
        members no longer active are added to the list."""
        self.blockSignals(True)
        for i in range(self.count()):
            self.item(i).setCheckState(Qt.CheckState.Unchecked)
        for position, member_id in enumerate(member_ids):
            item = self._item(member_id)
            if item is None:
                item = self._add(member_id, members.get(member_id).name)
            self.insertItem(position, self.takeItem(self.row(item)))
            item.setCheckState(Qt.CheckState.Checked)
        self.blockSignals(False)
        self.scrollToTop()
        self.changed.emit()

    def check(self, name: str) -> None:
        """Check the member called ``name`` (keyboard users type; tests call this)."""
        for i in range(self.count()):
            if self.item(i).text() == name:
                self.item(i).setCheckState(Qt.CheckState.Checked)
