"""Combo boxes over code → label maps: they show labels and hand back codes."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget


def code_combo(
    labels: dict[str, str],
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
