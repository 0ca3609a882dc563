"""The visits list as a lazy table model over SQL (keyset paging, sorting in SQL).

Only the first page is read on a reset, at once, so the first paint is immediate; the total
count runs as an operation on the database worker (:mod:`studio_app.ui.operations`) and
arrives later (``total`` is ``COUNTING`` meanwhile). Further pages are read when the view
scrolls near the end (``canFetchMore``/``fetchMore``). Each row's display texts
are computed once when its page arrives, so ``data()`` is a tuple lookup.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from studio_app.core.workflow import OPEN_STATUSES
from studio_app.services import visit_list
from studio_app.services.listing import ListQuery
from studio_app.ui import operations
from studio_app.ui.lookups import Lookups

PAGE_SIZE = 200
COUNTING = -1  # ``total`` while the count is on its way
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
SORTABLE = frozenset(c.key for c in visit_list.COLUMNS if c.sortable)
_AT = {key: i for i, key in enumerate(visit_list.KEYS)}
_OPEN = frozenset(s.value for s in OPEN_STATUSES)
_OVERDUE_BACKGROUND = QBrush(QColor("#fdecea"))
_OVERDUE_FOREGROUND = QBrush(QColor("#b3261e"))

AnyIndex = QModelIndex | QPersistentModelIndex


class VisitTableModel(QAbstractTableModel):
    """Visits matching a :class:`ListQuery`, fetched a page at a time."""

    totalChanged = Signal(int)  # COUNTING, then the count

    def __init__(
        self,
        lookups: Lookups,
        parent: Any = None,
        *,
        page_size: int = PAGE_SIZE,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(parent)
        self._lookups = lookups
        self._page_size = page_size
        self._today = today
        self._query = ListQuery(sort="occurred_at", descending=True)
        self._rows: list[tuple[Any, ...]] = []  # raw rows in visit_list.KEYS order
        self._cells: list[tuple[str, ...]] = []  # display texts in COLUMNS order
        self._overdue: list[bool] = []
        self._cursor: tuple[Any, Any] | None = None
        self._total = 0
        self._count_generation = 0  # results of older queries are dropped
        self._titles = (
            self.tr("Serial"),
            self.tr("Time"),
            self.tr("Channel"),
            self.tr("Members"),
            self.tr("Residents"),
            self.tr("Category"),
            self.tr("Content"),
            self.tr("Handling"),
            self.tr("Status"),
            self.tr("Referred to"),
            self.tr("Due"),
        )

    # -- the query -------------------------------------------------------------------------

    @property
    def query(self) -> ListQuery:
        return self._query

    @property
    def total(self) -> int:
        return self._total

    def set_query(self, query: ListQuery) -> None:
        """Show what ``query`` selects (keeping the current sort when it names none)."""
        if not query.sort:
            query = replace(query, sort=self._query.sort, descending=self._query.descending)
        self._query = query
        self.reload()

    def reload(self, *, recount: bool = True) -> None:
        """Read the first page, and count unless the total cannot have changed (a new sort)."""
        page = visit_list.page(self._query, limit=self._page_size)
        self.beginResetModel()
        self._rows, self._cells, self._overdue = [], [], []
        self._append(page.rows)
        self._cursor = page.cursor
        self.endResetModel()
        if recount or self._total == COUNTING:
            self._recount()
        else:
            self.totalChanged.emit(self._total)

    def _recount(self) -> None:
        """Count on the worker; a count for an older query is dropped when it arrives."""
        self._count_generation += 1
        generation, query = self._count_generation, self._query
        self._total = COUNTING
        operations.runner().submit(
            lambda _progress: visit_list.count(query),
            lambda total, error: self._counted(generation, total, error),
            owner=self,
        )
        if generation == self._count_generation and self._total == COUNTING:
            self.totalChanged.emit(COUNTING)

    def _counted(self, generation: int, total: int | None, error: BaseException | None) -> None:
        if generation != self._count_generation:
            return
        if error is not None or total is None:
            from studio_app.ui import errors

            errors.report(error or RuntimeError("no count"))
            return
        self._total = total
        self.totalChanged.emit(total)

    def _append(self, rows: list[tuple[Any, ...]]) -> None:
        today = self._today().isoformat()
        for row in rows:
            self._rows.append(row)
            self._cells.append(self._display(row))
            due = row[_AT["due_at"]]
            self._overdue.append(bool(due) and due < today and row[_AT["status"]] in _OPEN)

    def _display(self, row: tuple[Any, ...]) -> tuple[str, ...]:
        lk = self._lookups

        def text(key: str, labels: dict[str, str] | None = None) -> str:
            value = row[_AT[key]]
            if value in (None, ""):
                return ""
            return labels.get(value, str(value)) if labels is not None else str(value)

        content = text("content").replace("\n", " ")
        return (
            text("serial"),
            text("occurred_at")[:16],
            text("channel", lk.channel),
            text("member_names"),
            text("resident_names"),
            text("category", lk.category),
            content + ("…" if len(content) >= EXCERPT else ""),
            text("handling", lk.handling),
            text("status", lk.status),
            text("referred_unit", lk.unit),
            text("due_at")[:10],
        )

    # -- lazy loading ----------------------------------------------------------------------

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._cursor is not None

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._cursor is None:
            return
        page = visit_list.page(self._query, after=self._cursor, limit=self._page_size)
        self._cursor = page.cursor
        if not page.rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
        self._append(page.rows)
        self.endInsertRows()

    # -- sorting ---------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in SQL; columns the list cannot sort by are ignored."""
        if not 0 <= column < len(COLUMNS) or COLUMNS[column] not in SORTABLE:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if self._query.sort == COLUMNS[column] and self._query.descending == descending:
            return
        self._query = replace(self._query, sort=COLUMNS[column], descending=descending)
        self.reload(recount=False)

    def sort_column(self) -> int:
        return COLUMNS.index(self._query.sort) if self._query.sort in COLUMNS else -1

    def sort_order(self) -> Qt.SortOrder:
        if self._query.descending:
            return Qt.SortOrder.DescendingOrder
        return Qt.SortOrder.AscendingOrder

    # -- rows ------------------------------------------------------------------------------

    def visit_id(self, row: int) -> int:
        return int(self._rows[row][_AT["id"]])

    def row_of(self, visit_id: int) -> int | None:
        """The row showing ``visit_id`` among the rows loaded so far."""
        for i, row in enumerate(self._rows):
            if row[_AT["id"]] == visit_id:
                return i
        return None

    def is_overdue(self, row: int) -> bool:
        return self._overdue[row]

    # -- QAbstractTableModel ---------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[row][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if COLUMNS[column] == "due_at" and self._overdue[row]:
                return self.tr("Overdue")
            text = self._cells[row][column]
            return text or None
        if role == Qt.ItemDataRole.BackgroundRole and self._overdue[row]:
            return _OVERDUE_BACKGROUND
        if role == Qt.ItemDataRole.ForegroundRole and self._overdue[row]:
            return _OVERDUE_FOREGROUND
        if role == Qt.ItemDataRole.UserRole:
            return self.visit_id(row)
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._titles[section]
        if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[section] in SORTABLE:
            return self.tr("Click to sort")
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
