"""A read-only table of prepared text rows (plan summary, conflicts, history, sync health)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

Index = QModelIndex | QPersistentModelIndex

WARN = QColor("#b3261e")


@dataclass(frozen=True)
class TextRow:
    """One row: its cells, what it stands for (``key``), and how it should stand out."""

    cells: tuple[str, ...]
    key: Any = None
    warn: bool = False  # drawn in red: needs a person's attention
    bold: bool = False  # a total
    tooltip: str = ""


class TextTableModel(QAbstractTableModel):
    """Rows of text under fixed headers; ``numeric`` columns are right-aligned."""

    def __init__(
        self, headers: Sequence[str], numeric: Sequence[int] = (), parent: Any = None
    ) -> None:
        super().__init__(parent)
        self.headers = list(headers)
        self.numeric = set(numeric)
        self.rows: list[TextRow] = []

    def set_rows(self, rows: Sequence[TextRow]) -> None:
        self.beginResetModel()
        self.rows = [
            r if len(r.cells) == len(self.headers) else _fit(r, len(self.headers)) for r in rows
        ]
        self.endResetModel()

    def key(self, row: int) -> Any:
        return self.rows[row].key if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip or row.cells[index.column()] or None
        if role == Qt.ItemDataRole.ForegroundRole and row.warn:
            return QBrush(WARN)
        if role == Qt.ItemDataRole.FontRole and row.bold:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return None


def _fit(row: TextRow, width: int) -> TextRow:
    cells = (*row.cells, *("" for _ in range(width)))[:width]
    return TextRow(cells, row.key, row.warn, row.bold, row.tooltip)
