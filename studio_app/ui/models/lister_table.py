"""A lazy table model over any :class:`~studio_app.services.lists.paging.Lister`.

Keyset paging: a reset reads the first page at once, so the first paint is immediate; the
total count runs as an operation on the database worker (:mod:`studio_app.ui.operations`)
and arrives later (``total`` is ``COUNTING`` meanwhile); the view's ``fetchMore`` reads
further pages; sorting and filtering happen in SQL. Each row's display texts are computed
once when its page arrives, so ``data()`` is a tuple lookup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from studio_app.services.lists.paging import Lister, ListQuery
from studio_app.ui import operations

PAGE_SIZE = 200
COUNTING = -1  # ``total`` while the count is on its way
AnyIndex = QModelIndex | QPersistentModelIndex
Row = tuple[Any, ...]


def count_text(total: int) -> str:
    """A total for a label: "…" while it is being counted."""
    return "…" if total == COUNTING else f"{total:,}"


@dataclass(frozen=True)
class ListColumn:
    """A shown column: the lister key it sorts by, its title and how a row reads in it."""

    key: str
    title: str
    show: Callable[[dict[str, Any]], str]
    sample: str = ""  # a typical long value: the column is at least as wide as it ("": any)


def plain(key: str, labels: dict[str, str] | None = None, width: int = 0) -> Callable:
    """Display the raw value of ``key`` (through ``labels`` if given, cut to ``width``)."""

    def show(row: dict[str, Any]) -> str:
        value = row.get(key)
        if value in (None, ""):
            return ""
        text = labels.get(value, str(value)) if labels is not None else str(value)
        text = text.replace("\n", " ")
        return text[:width] if width else text

    return show


def flag(key: str, yes: str) -> Callable:
    return lambda row: yes if row.get(key) else ""


class ListerTableModel(QAbstractTableModel):
    """Rows a :class:`Lister` selects for a :class:`ListQuery`, fetched a page at a time."""

    totalChanged = Signal(int)  # COUNTING, then the count

    def __init__(
        self,
        lister: Lister,
        columns: Sequence[ListColumn],
        parent: Any = None,
        *,
        query: ListQuery | None = None,
        page_size: int = PAGE_SIZE,
    ) -> None:
        super().__init__(parent)
        self._lister = lister
        self._columns = tuple(columns)
        self._keys = tuple(c.key for c in lister.spec.columns)
        self._sortable = frozenset(c.key for c in lister.spec.columns if c.sortable)
        self._page_size = page_size
        self._query = query or ListQuery(sort=lister.spec.default_sort, descending=True)
        self._rows: list[dict[str, Any]] = []
        self._cells: list[tuple[str, ...]] = []
        self._cursor: tuple[Any, ...] | None = None
        self._total = 0
        self._count_generation = 0  # counts of older queries are dropped when they arrive

    # -- the query -------------------------------------------------------------------------

    @property
    def query(self) -> ListQuery:
        return self._query

    @property
    def total(self) -> int:
        return self._total

    @property
    def columns(self) -> tuple[ListColumn, ...]:
        return self._columns

    def column_of(self, key: str) -> int:
        return next(i for i, c in enumerate(self._columns) if c.key == key)

    def set_query(self, query: ListQuery) -> None:
        """Show what ``query`` selects (keeping the current sort when it names none)."""
        if not query.sort:
            query = replace(query, sort=self._query.sort, descending=self._query.descending)
        self._query = query
        self.reload()

    def reload(self, *, recount: bool = True) -> None:
        """Read the first page, and count unless the total cannot have changed (a new sort)."""
        page = self._lister.page(self._query, limit=self._page_size)
        self.beginResetModel()
        self._rows, self._cells = [], []
        self._clear()
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
        generation, query, lister = self._count_generation, self._query, self._lister
        self._total = COUNTING
        operations.runner().submit(
            lambda _progress: lister.count(query),
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

    def _clear(self) -> None:
        """Subclasses drop what they keep per row (called on every reset)."""

    def _append(self, rows: list[Row]) -> None:
        for raw in rows:
            row = dict(zip(self._keys, raw, strict=True))
            self._rows.append(row)
            self._cells.append(tuple(c.show(row) for c in self._columns))

    # -- lazy loading ----------------------------------------------------------------------

    def canFetchMore(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._cursor is not None

    def fetchMore(self, parent: AnyIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._cursor is None:
            return
        page = self._lister.page(self._query, after=self._cursor, limit=self._page_size)
        self._cursor = page.cursor
        if not page.rows:
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
        self._append(page.rows)
        self.endInsertRows()

    # -- sorting ---------------------------------------------------------------------------

    def is_sortable(self, column: int) -> bool:
        return 0 <= column < len(self._columns) and self._columns[column].key in self._sortable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in SQL; columns the lister cannot sort by are ignored."""
        if not self.is_sortable(column):
            return
        key = self._columns[column].key
        descending = order == Qt.SortOrder.DescendingOrder
        if self._query.sort == key and self._query.descending == descending:
            return
        self._query = replace(self._query, sort=key, descending=descending)
        self.reload(recount=False)

    def sort_column(self) -> int:
        keys = [c.key for c in self._columns]
        return keys.index(self._query.sort) if self._query.sort in keys else -1

    def sort_order(self) -> Qt.SortOrder:
        if self._query.descending:
            return Qt.SortOrder.DescendingOrder
        return Qt.SortOrder.AscendingOrder

    # -- rows ------------------------------------------------------------------------------

    def record_id(self, row: int) -> int:
        return int(self._rows[row]["id"])

    def row_values(self, row: int) -> dict[str, Any]:
        return dict(self._rows[row])

    def row_of(self, record_id: int) -> int | None:
        """The row showing ``record_id`` among the rows loaded so far."""
        for i, row in enumerate(self._rows):
            if row["id"] == record_id:
                return i
        return None

    # -- QAbstractTableModel ---------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[row][column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._cells[row][column] or None
        if role == Qt.ItemDataRole.UserRole:
            return self.record_id(row)
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].title
        if role == Qt.ItemDataRole.ToolTipRole and self.is_sortable(section):
            return self.tr("Click to sort")
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
