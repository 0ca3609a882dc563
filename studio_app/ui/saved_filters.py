"""Named filters of a list page: save the current filters and search, pick them again later.

Kept per list in the data folder's ``settings.ini`` (key ``saved_filters/<list>``, a JSON
object name → {"text": …, "filters": {…}}), so they travel with the data; dates are ISO text.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QWidget,
)

from studio_app.ui.settings import Settings

log = logging.getLogger("studio_app.ui.saved_filters")
MAX_NAME = 40

Current = Callable[[], tuple[str, dict[str, Any]]]  # (search text, filters)
Apply = Callable[[str, dict[str, Any]], None]


def settings_of_open_database() -> Settings | None:
    """The ``settings.ini`` of the open database's data folder (None when it has none)."""
    from studio_app.storage.database import data_folder

    folder = data_folder()
    return Settings.in_data_dir(folder) if folder is not None else None


def saved_store(list_name: str) -> SavedFilterStore | None:
    """The saved filters of ``list_name`` for the open data folder (None: nowhere to keep them)."""
    settings = settings_of_open_database()
    return SavedFilterStore(settings, list_name) if settings is not None else None


def ask_name(parent: QWidget, suggestion: str) -> str | None:
    """The name to save under, or None when cancelled (tests replace this)."""
    value, ok = QInputDialog.getText(
        parent,
        QCoreApplication.translate("SavedFilters", "Save filter"),
        QCoreApplication.translate("SavedFilters", "Name of this filter:"),
        QLineEdit.EchoMode.Normal,
        suggestion,
    )
    return value if ok else None


def _plain(filters: dict[str, Any]) -> dict[str, Any]:
    return {k: v.isoformat() if isinstance(v, date) else v for k, v in filters.items()}


class SavedFilterStore:
    """The saved filters of one list, in a :class:`Settings` file."""

    def __init__(self, settings: Settings, list_name: str) -> None:
        self.settings = settings
        self.key = f"saved_filters/{list_name}"

    def all(self) -> dict[str, dict[str, Any]]:
        raw = self.settings.raw.value(self.key)
        if not raw:
            return {}
        try:
            found = json.loads(str(raw))
        except ValueError:
            log.warning("ignoring damaged saved filters %s", self.key)
            return {}
        if not isinstance(found, dict):
            return {}
        return {
            str(name): {"text": str(v.get("text", "")), "filters": dict(v.get("filters", {}))}
            for name, v in found.items()
            if isinstance(v, dict) and isinstance(v.get("filters", {}), dict)
        }

    def _write(self, found: dict[str, dict[str, Any]]) -> None:
        self.settings.raw.setValue(self.key, json.dumps(found, ensure_ascii=False))
        self.settings.sync()

    def save(self, name: str, text: str, filters: dict[str, Any]) -> None:
        found = self.all()
        found[name] = {"text": text, "filters": _plain(filters)}
        self._write(found)

    def delete(self, name: str) -> None:
        found = self.all()
        if found.pop(name, None) is not None:
            self._write(found)


class SavedFilterBox(QWidget):
    """A combo of saved filters with "Save…" and "Delete"; choosing one applies it."""

    def __init__(
        self,
        store: SavedFilterStore | None,
        current: Current,
        apply: Apply,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("savedFilters")
        self.store = store
        self.current = current
        self.apply = apply
        self.combo = QComboBox(self)
        self.combo.setObjectName("savedFilterCombo")
        self.combo.setMinimumContentsLength(8)
        self.combo.setToolTip(self.tr("Filters saved earlier"))
        self.combo.activated.connect(self._chosen)
        self.save_button = QPushButton(self.tr("Save filter…"), self)
        self.save_button.setObjectName("saveFilterButton")
        self.save_button.setToolTip(self.tr("Save the current filters and search under a name"))
        self.save_button.clicked.connect(self.save_current)
        self.delete_button = QPushButton(self.tr("Delete filter"), self)
        self.delete_button.setObjectName("deleteFilterButton")
        self.delete_button.clicked.connect(self.delete_chosen)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addWidget(self.save_button)
        layout.addWidget(self.delete_button)
        self.setEnabled(store is not None)
        self.reload()

    def names(self) -> list[str]:
        return list(self.store.all()) if self.store else []

    def reload(self, select: str = "") -> None:
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(self.tr("Saved filters"), "")
        for name in self.names():
            self.combo.addItem(name, name)
        self.combo.setCurrentIndex(max(self.combo.findData(select), 0) if select else 0)
        self.combo.blockSignals(False)
        self.delete_button.setEnabled(bool(select))

    def chosen(self) -> str:
        return str(self.combo.currentData() or "")

    def choose(self, name: str) -> bool:
        """Apply the filter saved as ``name``."""
        index = self.combo.findData(name)
        if not name or index < 0:
            return False
        self.combo.setCurrentIndex(index)
        return self._chosen(index)

    def _chosen(self, index: int) -> bool:
        name = str(self.combo.itemData(index) or "")
        self.delete_button.setEnabled(bool(name))
        saved = self.store.all().get(name) if self.store and name else None
        if saved is None:
            return False
        self.apply(saved["text"], saved["filters"])
        return True

    def save_current(self) -> bool:
        if self.store is None:
            return False
        name = ask_name(self, self.chosen())
        name = " ".join((name or "").split())[:MAX_NAME]
        if not name:
            return False
        text, filters = self.current()
        self.store.save(name, text, filters)
        self.reload(name)
        return True

    def delete_chosen(self) -> bool:
        name = self.chosen()
        if self.store is None or not name:
            return False
        self.store.delete(name)
        self.reload()
        return True
