"""The yearly minimums of the duty-point rules tab (年度基本要求): each requirement as worded
for the year, its default and the year's figure. The county edits the figure in the table
(:func:`studio_app.services.points.set_requirement`; a value refused is explained and put
back); a studio sees them read-only."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QHeaderView,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from studio_app.core.duty import REQUIREMENTS
from studio_app.core.errors import UserError
from studio_app.services import points
from studio_app.services.context import Context
from studio_app.ui import messages, operations

WORDING, DEFAULT, FIGURE = range(3)
CODE_ROLE = Qt.ItemDataRole.UserRole
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class MinimumsTable(QTableWidget):
    """Every declared requirement of ``year`` (those the county set aside read "not
    required"); editable only where the rules are (``editable``)."""

    def __init__(self, ctx: Context, editable: bool, parent: QWidget | None = None) -> None:
        super().__init__(len(REQUIREMENTS), 3, parent)
        self.setObjectName("pointMinimumsTable")
        self.ctx, self.editable, self.year = ctx, editable, ctx.now_local().year
        self._filling = False
        self.verticalHeader().hide()
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        triggers = QAbstractItemView.EditTrigger
        self.setEditTriggers(
            triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed
            if editable
            else triggers.NoEditTriggers
        )
        header = self.horizontalHeader()
        for column in (WORDING, DEFAULT, FIGURE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)
        self.itemChanged.connect(self._edited)

    def show_year(self, year: int) -> None:
        """Show ``year``'s figures."""
        self.year = year
        self.setHorizontalHeaderLabels([
            self.tr("Yearly minimum"), self.tr("Default"), self.tr("In {0}").format(year),
        ])  # fmt: skip
        in_force = {r.code: r for r in points.requirements(year)}
        self._filling = True
        for row, default in enumerate(REQUIREMENTS):
            now = in_force.get(default.code)
            wording = now.label if now else self.tr("{0} (not required)").format(default.label)
            cells = (wording, str(default.figure), str(now.figure if now else 0))
            for column, text in enumerate(cells):
                item = self.item(row, column)  # in place: this may run inside an edit
                if item is None:
                    item = QTableWidgetItem()
                    self.setItem(row, column, item)
                item.setText(text)
                item.setData(CODE_ROLE, default.code)
                flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                if column == FIGURE and self.editable:
                    flags |= Qt.ItemFlag.ItemIsEditable
                item.setFlags(flags)
                if column != WORDING:
                    item.setTextAlignment(RIGHT)
            bound = self.tr("at most") if default.bounds_most else self.tr("at least")
            self._cell(row, FIGURE).setToolTip(self.tr("How many entries, {0}").format(bound))
            font = QFont(self._cell(row, FIGURE).font())
            font.setBold(cells[FIGURE] != cells[DEFAULT])  # the county's own figure
            self._cell(row, FIGURE).setFont(font)
        self._filling = False

    def _cell(self, row: int, column: int) -> QTableWidgetItem:
        item = self.item(row, column)
        assert item is not None
        return item

    def set_figure(self, code: str, text: str) -> bool:
        """Type ``text`` into requirement ``code``'s figure, as an edit; whether it stayed."""
        row = next(i for i, r in enumerate(REQUIREMENTS) if r.code == code)
        self._cell(row, FIGURE).setText(text)  # → _edited
        return self._cell(row, FIGURE).text() == text.strip()

    def _edited(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != FIGURE:
            return
        code, text = str(item.data(CODE_ROLE)), item.text().strip()
        if not text.isdigit():
            messages.show_error(self, self.tr("Enter a whole number of 0 or more."))
            self.show_year(self.year)
            return
        try:
            operations.call(lambda: points.set_requirement(self.ctx, self.year, code, int(text)))
        except UserError as exc:
            messages.show_error(self, exc.message)
        self.show_year(self.year)  # the figures as kept
