"""The visits list: the generic lazy list of the visit kind's declared columns, with overdue
cases highlighted (see :mod:`studio_app.ui.models.lister_table` for paging and counting).

:data:`COLUMNS` are the declared columns' keys in order; at the county one more column, the
studio, comes after them, so that ``COLUMNS.index(key)`` is a column's number either way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from studio_app.core import kinds
from studio_app.core.workflow import OPEN_STATUSES
from studio_app.services.context import Context
from studio_app.services.lists import visits as visit_list
from studio_app.services.lists.paging import ListQuery
from studio_app.ui.lookups import Lookups
from studio_app.ui.models import kind_columns
from studio_app.ui.models.lister_table import PAGE_SIZE, ListColumn, ListerTableModel, Row

__all__ = ["COLUMNS", "VisitTableModel", "visit_model"]

COLUMNS = kind_columns.column_keys(kinds.VISIT)
_OPEN = frozenset(s.value for s in OPEN_STATUSES)
_OVERDUE_BACKGROUND = QBrush(QColor("#fdecea"))
_OVERDUE_FOREGROUND = QBrush(QColor("#b3261e"))

AnyIndex = QModelIndex | QPersistentModelIndex


class VisitTableModel(ListerTableModel):
    """Visits matching a :class:`ListQuery`, fetched a page at a time; overdue referrals
    (open, due before today) are drawn in red."""

    def __init__(
        self,
        columns: Sequence[ListColumn],
        parent: Any = None,
        *,
        query: ListQuery | None = None,
        page_size: int = PAGE_SIZE,
        today: Callable[[], date] = date.today,
    ) -> None:
        self._today = today
        self._overdue: list[bool] = []
        first = query or ListQuery(sort=kinds.VISIT.date_key, descending=True)
        super().__init__(visit_list.LISTER, columns, parent, query=first, page_size=page_size)

    def _clear(self) -> None:
        self._overdue = []

    def _append(self, rows: list[Row]) -> None:
        first = len(self._rows)
        super()._append(rows)
        today = self._today().isoformat()
        for row in self._rows[first:]:
            due = row["due_at"]
            self._overdue.append(bool(due) and due < today and row["status"] in _OPEN)

    def visit_id(self, row: int) -> int:
        return self.record_id(row)

    def is_overdue(self, row: int) -> bool:
        return self._overdue[row]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and self._overdue[index.row()]:
            if role == Qt.ItemDataRole.BackgroundRole:
                return _OVERDUE_BACKGROUND
            if role == Qt.ItemDataRole.ForegroundRole:
                return _OVERDUE_FOREGROUND
            if role == Qt.ItemDataRole.ToolTipRole and self.columns[index.column()].key == "due_at":
                return self.tr("Overdue")
        return super().data(index, role)


def visit_model(
    ctx: Context, lookups: Lookups, parent: Any = None, *, page_size: int = PAGE_SIZE
) -> VisitTableModel:
    """A list of visits with the declared columns (the desk's and a resident's lists)."""
    columns = kind_columns.list_columns(ctx, kinds.VISIT, lookups)
    return VisitTableModel(columns, parent, page_size=page_size, today=ctx.today)
