"""The visits list: the generic lazy list model over ``visit_list``, with overdue cases
highlighted (see :mod:`studio_app.ui.models.lister_table` for paging and counting).

At the county the model has one more column, the studio (``STUDIO_COLUMN``), after
:data:`COLUMNS`, so that ``COLUMNS.index(key)`` is a column's number either way.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from studio_app.core.workflow import OPEN_STATUSES
from studio_app.services.lists import visits as visit_list
from studio_app.services.lists.paging import ListQuery
from studio_app.ui.lookups import Lookups
from studio_app.ui.models.lister_table import (
    COUNTING,
    PAGE_SIZE,
    ListColumn,
    ListerTableModel,
    Row,
    plain,
)

__all__ = ["COLUMNS", "COUNTING", "SORTABLE", "STUDIO_COLUMN", "VisitTableModel"]

EXCERPT = 80  # characters of the content the list query returns

# Shown columns, in order; each is a key of visit_list.KEYS.
COLUMNS = (
    "serial",
    "occurred_at",
    "channel",
    "member_names",
    "resident_names",
    "category",
    "content",
    "handling",
    "status",
    "referred_unit",
    "due_at",
)
STUDIO_COLUMN = "studio"  # the visit's studio (origin site), shown at the county
SORTABLE = frozenset(c.key for c in visit_list.COLUMNS if c.sortable)
_OPEN = frozenset(s.value for s in OPEN_STATUSES)
_OVERDUE_BACKGROUND = QBrush(QColor("#fdecea"))
_OVERDUE_FOREGROUND = QBrush(QColor("#b3261e"))

AnyIndex = QModelIndex | QPersistentModelIndex


def _excerpt(row: dict[str, Any]) -> str:
    content = str(row.get("content") or "").replace("\n", " ")
    return content + ("…" if len(content) >= EXCERPT else "")


class VisitTableModel(ListerTableModel):
    """Visits matching a :class:`ListQuery`, fetched a page at a time; overdue referrals
    (open, due before today) are drawn in red. ``studios``: a last column names the studio."""

    def __init__(
        self,
        lookups: Lookups,
        parent: Any = None,
        *,
        page_size: int = PAGE_SIZE,
        today: Callable[[], date] = date.today,
        studios: bool = False,
    ) -> None:
        self._today = today
        self._overdue: list[bool] = []
        lk = lookups
        shows: dict[str, Callable[[dict[str, Any]], str]] = {
            "occurred_at": plain("occurred_at", width=16),
            "channel": plain("channel", lk.channel),
            "category": plain("category", lk.category),
            "content": _excerpt,
            "handling": plain("handling", lk.handling),
            "status": plain("status", lk.status),
            "referred_unit": plain("referred_unit", lk.unit),
            "due_at": plain("due_at", width=10),
        }
        # Before QObject's init there is no self.tr; the context stays the class name.
        titles = (
            QCoreApplication.translate("VisitTableModel", "Serial"),
            QCoreApplication.translate("VisitTableModel", "Time"),
            QCoreApplication.translate("VisitTableModel", "Channel"),
            QCoreApplication.translate("VisitTableModel", "Members"),
            QCoreApplication.translate("VisitTableModel", "Residents"),
            QCoreApplication.translate("VisitTableModel", "Category"),
            QCoreApplication.translate("VisitTableModel", "Content"),
            QCoreApplication.translate("VisitTableModel", "Handling"),
            QCoreApplication.translate("VisitTableModel", "Status"),
            QCoreApplication.translate("VisitTableModel", "Referred to"),
            QCoreApplication.translate("VisitTableModel", "Due"),
        )
        columns = [
            ListColumn(key, title, shows.get(key) or plain(key))
            for key, title in zip(COLUMNS, titles, strict=True)
        ]
        if studios:
            title = QCoreApplication.translate("VisitTableModel", "Studio")
            columns.append(ListColumn(STUDIO_COLUMN, title, plain(STUDIO_COLUMN)))
        super().__init__(
            visit_list.LISTER,
            columns,
            parent,
            query=ListQuery(sort="occurred_at", descending=True),
            page_size=page_size,
        )

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
