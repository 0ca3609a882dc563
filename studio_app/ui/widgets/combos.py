"""Combo boxes over code → label maps: they show labels and hand back codes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox, QListView, QWidget

from studio_app.core.codes import CodeListKind
from studio_app.services import code_lists, site


def code_combo(
    labels: Mapping[Any, str],
    parent: QWidget | None = None,
    *,
    placeholder: str = "",
    empty: str | None = None,
) -> QComboBox:
    """A combo of ``labels``; ``empty`` adds a first item meaning "none" (code "")."""
    combo = QComboBox(parent)
    if empty is not None:
        combo.addItem(empty, "")
    for code, label in labels.items():
        combo.addItem(label, code)
    if placeholder:
        combo.setPlaceholderText(placeholder)
        combo.setCurrentIndex(-1)
    return combo


def combo_code(combo: QComboBox) -> str:
    """The chosen code, or "" when nothing is chosen."""
    if combo.currentIndex() < 0:
        return ""
    return str(combo.currentData() or "")


def set_combo_code(combo: QComboBox, code: str | None) -> None:
    """Choose ``code`` (nothing, or the "none" item, for an empty or unknown code)."""
    combo.setCurrentIndex(combo.findData(code or ""))


def entry_combo(
    kind: CodeListKind,
    parent: QWidget | None = None,
    *,
    placeholder: str = "",
    empty: str | None = None,
) -> QComboBox:
    """A combo of one code list for data entry: codes the county has deactivated are not
    offered, but a saved record that has one still shows it."""
    combo = code_combo(site.code_labels(kind), parent, placeholder=placeholder, empty=empty)
    active = code_lists.active_labels(kind)
    model, view = combo.model(), combo.view()
    if not isinstance(model, QStandardItemModel) or not isinstance(view, QListView):
        return combo
    for row in range(combo.count()):
        code = combo.itemData(row)
        if code and code not in active:
            item = model.item(row)
            item.setEnabled(False)  # skipped by the arrow keys too
            view.setRowHidden(row, True)
    return combo
