"""Masking ID numbers and phones in forms for users who may not (or did not ask to) see them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLineEdit, QWidget

from studio_app.core.masking import maskers


def mask_edits(dialog: QWidget) -> list[str]:
    """Show the loaded identifiers of ``dialog.edits`` masked and read-only unless its
    ``ctx.may_see_pii``; returns the keys masked. Unchanged boxes are never saved back."""
    ctx = getattr(dialog, "ctx", None)
    edits: dict[str, QLineEdit] = getattr(dialog, "edits", {})
    if ctx is None or ctx.may_see_pii:
        return []
    masked = []
    for key, mask in maskers().items():  # declared in core.kinds
        edit = edits.get(key)
        if edit is None or not edit.text():
            continue
        edit.blockSignals(True)
        edit.setText(mask(edit.text()))
        edit.blockSignals(False)
        edit.setReadOnly(True)
        edit.setToolTip(
            QCoreApplication.translate(
                "identifiers", "Hidden. Users allowed to see identifiers can show them."
            )
        )
        masked.append(key)
    return masked
