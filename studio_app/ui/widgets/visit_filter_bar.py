"""Filters of the visits list: status, channel, category, member, village, a date range,
overdue only; at the county, the studio first."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio_app.services import members, residents
from studio_app.ui.lookups import Lookups
from studio_app.ui.widgets.combos import code_combo, combo_code, set_combo_code
from studio_app.ui.widgets.optional_date import OptionalDateEdit


class VisitFilterBar(QWidget):
    """Emits ``changed`` whenever a filter changes; ``filters()`` is for ``ListQuery``."""

    changed = Signal()

    def __init__(
        self,
        lookups: Lookups,
        parent: QWidget | None = None,
        *,
        studios: dict[str, str] | None = None,
    ) -> None:
        """``studios`` (uuid → name): offer a studio filter (the county's lists)."""
        super().__init__(parent)
        self.studio = code_combo(studios or {}, self, empty=self.tr("All studios"))
        self.studio.setVisible(studios is not None)
        self.status = code_combo(lookups.status, self, empty=self.tr("All statuses"))
        self.channel = code_combo(lookups.channel, self, empty=self.tr("All channels"))
        self.category = code_combo(lookups.category, self, empty=self.tr("All categories"))
        everyone = members.list_active(include_inactive=True)
        self.member = code_combo(
            {str(m.id): m.name for m in everyone}, self, empty=self.tr("All members")
        )
        self.village = code_combo(
            {v: v for v in residents.villages()}, self, empty=self.tr("All villages")
        )
        self.date_from = OptionalDateEdit(self.tr("From"), self)
        self.date_to = OptionalDateEdit(self.tr("To"), self)
        self.overdue = QCheckBox(self.tr("Overdue only"), self)
        self.clear_button = QPushButton(self.tr("Clear filters"), self)
        self.clear_button.clicked.connect(self.clear)
        # Two rows, so that the page fits a 1366-pixel screen beside the detail panel:
        # what to show, then when (and the saved filters, added by the page).
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(4)
        self.first_row, self.second_row = QHBoxLayout(), QHBoxLayout()
        rows.addLayout(self.first_row)
        rows.addLayout(self.second_row)
        for name in ("studio", "status", "channel", "category", "member", "village"):
            self._add(name, self.first_row)
        for name in ("date_from", "date_to", "overdue"):
            self._add(name, self.second_row)
        self.second_row.addWidget(self.clear_button)
        self.first_row.addStretch(1)
        self.second_row.addStretch(1)

    def _add(self, name: str, row: QHBoxLayout) -> None:
        widget = getattr(self, name)
        widget.setObjectName(f"filter_{name}")
        row.addWidget(widget)
        if isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(self.changed)
        elif isinstance(widget, OptionalDateEdit):
            widget.changed.connect(self.changed)
        else:
            widget.toggled.connect(self.changed)

    def set_studios(self, studios: dict[str, str]) -> None:
        """Offer these studios (uuid → name), keeping the chosen one (a package from a new
        studio was imported); silent unless the choice is gone."""
        fill_studios(self.studio, studios)

    def add_trailing(self, widget: QWidget) -> None:
        """Put ``widget`` at the end of the second row (e.g. the saved filters)."""
        self.second_row.insertWidget(self.second_row.count() - 1, widget)

    def filters(self) -> dict[str, Any]:
        """The chosen filters as ``visit_list.FILTERS`` keys (empty ones left out)."""
        found: dict[str, Any] = {
            "studio": combo_code(self.studio),
            "status": combo_code(self.status),
            "channel": combo_code(self.channel),
            "category": combo_code(self.category),
            "member": combo_code(self.member),
            "village": combo_code(self.village),
            "date_from": self.date_from.value(),
            "date_to": self.date_to.value(),
            "overdue": self.overdue.isChecked(),
        }
        return {k: v for k, v in found.items() if v}

    def set_filters(self, saved: dict[str, Any]) -> None:
        """Show ``saved`` (as ``filters()`` gives them, dates as date or ISO text) silently."""
        self.blockSignals(True)  # the caller runs one query afterwards
        try:
            for name in ("studio", "status", "channel", "category", "member", "village"):
                value = saved.get(name)
                set_combo_code(getattr(self, name), value if isinstance(value, str) else "")
            for name in ("date_from", "date_to"):
                value = saved.get(name)
                if isinstance(value, str):
                    try:
                        value = date.fromisoformat(value)
                    except ValueError:
                        value = None
                getattr(self, name).set_value(value if isinstance(value, date) else None)
            self.overdue.setChecked(bool(saved.get("overdue")))
        finally:
            self.blockSignals(False)

    def clear(self) -> None:
        """Back to everything, with one ``changed`` signal."""
        self.blockSignals(True)
        combos = (self.studio, self.status, self.channel, self.category, self.member, self.village)
        for combo in combos:
            combo.setCurrentIndex(0)
        self.date_from.set_value(None)
        self.date_to.set_value(None)
        self.overdue.setChecked(False)
        self.blockSignals(False)
        self.changed.emit()


def fill_studios(combo: QComboBox, studios: dict[str, str]) -> None:
    """Put ``studios`` (uuid → name) after the combo's first ("all") item, keeping the
    choice; ``currentIndexChanged`` fires only when the chosen studio is no longer there."""
    chosen = combo_code(combo)
    combo.blockSignals(True)
    while combo.count() > 1:
        combo.removeItem(1)
    for uuid, name in studios.items():
        combo.addItem(name, uuid)
    set_combo_code(combo, chosen)
    combo.blockSignals(False)
    if chosen and combo_code(combo) != chosen:
        combo.currentIndexChanged.emit(combo.currentIndex())
