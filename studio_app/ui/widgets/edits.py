"""Noticing input: one call connects every editing signal of a form's widgets."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDateTimeEdit,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from studio_app.ui.widgets.member_picker import MemberPicker
from studio_app.ui.widgets.resident_picker import ResidentPicker
from studio_app.ui.widgets.rows_edit import RowsEdit


def _signals(widget: QWidget) -> list[Any]:
    if isinstance(widget, (QLineEdit, QPlainTextEdit)):
        return [widget.textChanged]
    if isinstance(widget, QComboBox):
        return [widget.currentIndexChanged]
    if isinstance(widget, QDateTimeEdit):
        return [widget.dateTimeChanged]
    if isinstance(widget, QSpinBox):
        return [widget.valueChanged]
    if isinstance(widget, QAbstractButton):
        return [widget.toggled]
    if isinstance(widget, (MemberPicker, ResidentPicker, RowsEdit)):
        return [widget.changed]
    return []


def on_input(root: QWidget, callback: Callable[[], Any]) -> None:
    """Call ``callback`` whenever the user changes ``root`` or any input inside it."""
    for widget in (root, *root.findChildren(QWidget)):
        for signal in _signals(widget):
            signal.connect(lambda *_args: callback())
