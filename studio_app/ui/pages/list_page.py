"""What every record list page shares: search-as-you-type, filters, a lazy table sorted in
SQL, a "new" button, Enter to open the dialog, Delete (with a question) to the trash, and
the current record's details beside the list.

Subclasses give the lister, the columns, the filter widgets and the dialog. At the county,
a page of studios' records (``studio_records``) adds a 工作室 column and filter, offers no
"new" or "delete", and opens a studio's record read-only (:class:`RecordViewDialog`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studio_app.core import kinds
from studio_app.core.errors import UserError
from studio_app.services import county_desk
from studio_app.services.context import Context
from studio_app.services.lists.paging import Lister, ListQuery
from studio_app.services.lists.records import column_key
from studio_app.ui import drafts, messages, operations
from studio_app.ui.changes_bridge import follow, reload_kept, shown_by
from studio_app.ui.lookups import Lookups
from studio_app.ui.models.lister_table import COUNTING, ListColumn, ListerTableModel, plain
from studio_app.ui.pages.page import RecordsPage
from studio_app.ui.saved_filters import SavedFilterBox, saved_store
from studio_app.ui.widgets import confirm
from studio_app.ui.widgets.combos import code_combo, combo_code, set_combo_code
from studio_app.ui.widgets.detail_panel import DetailLoader, DetailPanel, detail_splitter
from studio_app.ui.widgets.optional_date import OptionalDateEdit
from studio_app.ui.widgets.table_setup import fit_columns, setup_table

SEARCH_DELAY_MS = 250
STUDIO_SAMPLE = "石桥镇委员工作室"  # the width of the county's 工作室 column


def select_row(table: QTableView, model: ListerTableModel, record_id: int) -> bool:
    """Select and show the row of ``record_id`` if it is among the loaded rows."""
    row = model.row_of(record_id)
    if row is None:
        return False
    index = model.index(row, 0)
    table.selectionModel().setCurrentIndex(
        index,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    table.scrollTo(index)
    return True


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


def _day(value: Any) -> date | None:
    """A saved filter's date (a date, or ISO text as settings keep it)."""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return None
    return value if isinstance(value, date) else None


class ListCount(QObject):
    """A list's count, singular or plural. Not in :class:`ListPage`: PySide's ``self.tr``
    looks a plural (%n) up under the instance's own class first and takes the source, %n
    filled in, for a translation, so a subclass (the visits page…) would never reach
    ListPage's entry."""

    def text(self, total: int) -> str:
        return self.tr("%Ln record(s)", "", total)


class ListPage(RecordsPage):
    """A searchable, filterable list of one record type; ``countChanged`` carries the total.

    ``lister`` and ``noun`` are class attributes of a page of one kind, or set before
    ``__init__`` by a page serving any kind (:class:`~studio_app.ui.pages.kind_page.KindPage`).
    """

    lister: Lister
    descending = True  # first sort: newest first; people pages list by name, A first
    noun = ""  # e.g. "proposal", for object names
    studio_records = False  # at the county: the studios' records, with a 工作室 column

    def __init__(self, ctx: Context, lookups: Lookups, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{self.noun}sPage")
        self.ctx = ctx
        self.county = ctx.is_county and self.studio_records
        self.lookups = lookups
        self.dialog: QDialog | None = None
        self.filter_widgets: dict[str, QWidget] = {}

        self.search = QLineEdit(self)
        self.search.setObjectName(f"{self.noun}Search")
        self.search.setPlaceholderText(self.search_hint())
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel(self)
        self.count_label.setObjectName(f"{self.noun}Count")
        self.new_button = QPushButton(self.new_title(), self)
        self.new_button.setObjectName(f"new_{self.noun}_button")
        self.new_button.clicked.connect(lambda: self.open_record(None))
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.delete_button.setObjectName(f"delete_{self.noun}_button")
        self.delete_button.setToolTip(self.tr("Move the selected record to the trash"))
        self.delete_button.clicked.connect(self.delete_selected)

        first = ListQuery(sort=self.lister.spec.default_sort, descending=self.descending)
        columns = list(self.columns())
        if self.county:
            columns.append(ListColumn("studio", self.tr("Studio"), plain("studio")))
        self.model = self.make_model(columns, first)
        self.table = QTableView(self)
        self.table.setObjectName(f"{self.noun}Table")
        setup_table(self.table, self.model, self.stretch_column())
        header = self.table.horizontalHeader()
        header.setSortIndicator(self.model.sort_column(), self.model.sort_order())
        header.setSortIndicatorShown(True)
        header.sectionClicked.connect(self._header_clicked)
        self.table.activated.connect(self._open_index)
        delete = QShortcut(QKeySequence.StandardKey.Delete, self.table, self.delete_selected)
        delete.setContext(Qt.ShortcutContext.WidgetShortcut)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_query)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self.enter_results)
        self.search.installEventFilter(self)
        self.model.totalChanged.connect(self._show_total)

        self.top = QHBoxLayout()
        self.top.addWidget(self.search, 1)
        self.top.addWidget(self.count_label)
        self.top.addWidget(self.new_button)
        self.top.addWidget(self.delete_button)
        # Filters in one row, or more where a page has many (a 1366-pixel screen)
        self.filter_rows: list[QHBoxLayout] = []
        filter_box = QVBoxLayout()
        filter_box.setSpacing(4)
        # ``body`` holds the list (subclasses may add under it); the detail panel is beside it
        list_area = QWidget(self)
        self.body = QVBoxLayout(list_area)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.addWidget(self.table, 1)
        self.detail_panel = DetailPanel(self)
        self.detail_panel.linkActivated.connect(self.linkActivated)
        self.splitter = detail_splitter(list_area, self.detail_panel, self)
        self.details = DetailLoader(
            ctx, self.noun, self.table, self.model.record_id, self.detail_panel
        )
        outer = QVBoxLayout(self)
        outer.addLayout(self.top)
        outer.addLayout(filter_box)
        outer.addWidget(self.splitter, 1)
        if self.county:
            studios = county_desk.studio_choices()
            self.add_filter("studio", code_combo(studios, self, empty=self.tr("All studios")))
            self.new_button.hide()
            self.delete_button.hide()
        self.add_filters()
        self.saved_filters = SavedFilterBox(
            saved_store(self.noun), self.saved_query, self.apply_saved, self
        )
        self._finish_filter_rows(filter_box)
        self.model.reload()
        stretch = self.stretch_column()
        fit_columns(self.table, self.model.column_of(stretch) if stretch else -1)
        if self.county:  # long names give way to the stretching column
            studio, header = self.model.column_of("studio"), self.table.horizontalHeader()
            width = self.table.fontMetrics().horizontalAdvance(STUDIO_SAMPLE) + 12
            header.resizeSection(studio, min(header.sectionSize(studio), width))
        self.set_details_shown(True)
        QWidget.setTabOrder(self.search, self.table)  # Tab from the search: the results
        follow(self, self.shown_kinds, self.reload)

    def _finish_filter_rows(self, box: QVBoxLayout) -> None:
        """The saved filters end the filters: at the right of a single row, else after the
        last row's filters."""
        rows = self.filter_rows or [self.filter_row(0)]
        for row in rows:
            box.addLayout(row)
        for row in rows[:-1]:
            row.addStretch(1)
        last = rows[-1]
        if len(rows) == 1:
            last.addStretch(1)
            last.addWidget(self.saved_filters)
        else:
            last.addWidget(self.saved_filters)
            last.addStretch(1)

    # -- what subclasses say ---------------------------------------------------------------

    def columns(self) -> Sequence[ListColumn]:
        raise NotImplementedError

    def make_model(self, columns: Sequence[ListColumn], first: ListQuery) -> ListerTableModel:
        """The list's model (a page may show more than the rows, e.g. overdue cases)."""
        return ListerTableModel(self.lister, columns, self, query=first)

    def stretch_column(self) -> str:
        return ""

    def search_hint(self) -> str:
        return self.tr("Search…")

    def new_title(self) -> str:
        return self.tr("New")

    def add_filters(self) -> None:
        """Add filter widgets with :meth:`add_filter` (none by default)."""

    def make_dialog(self, record_id: int | None) -> QDialog:
        raise NotImplementedError

    def delete_record(self, record_id: int) -> None:
        raise NotImplementedError

    def describe(self, row: int) -> str:
        """How the record in ``row`` is named in the delete question."""
        values = self.model.row_values(row)
        return str(values.get("serial") or values.get("title") or values.get("name") or "")

    def shown_kinds(self) -> frozenset[str]:
        """The kinds whose announced changes this page reads again (:mod:`.changes_bridge`)."""
        return shown_by(self.noun)

    def reload(self) -> None:
        """Read the list again, keeping the selection and the scroll position."""
        reload_kept(self.table, self.model)

    def set_details_shown(self, shown: bool) -> None:
        """Show or hide the detail panel beside the list; the columns its kind declares
        (``RecordKind.details_hide``) give way to it, so the stretching column keeps room
        for its text on a 1366-pixel screen."""
        if self.noun in kinds.names():
            kind = kinds.kind(self.noun)
            for key in kind.details_hide:
                column = self.model.column_of(column_key(kind, key))
                self.table.setColumnHidden(column, shown)
        self.details.set_shown(shown)

    def refresh_studios(self) -> None:
        """At the county: offer the studios heard from so far in the studio filter."""
        combo = self.filter_widgets.get("studio")
        if self.county and isinstance(combo, QComboBox):
            fill_studios(combo, county_desk.studio_choices())

    # -- filters and query -----------------------------------------------------------------

    def filter_row(self, row: int) -> QHBoxLayout:
        """The ``row``-th row of filters (made when first asked for)."""
        while len(self.filter_rows) <= row:
            layout = QHBoxLayout()
            layout.setContentsMargins(0, 0, 0, 0)
            self.filter_rows.append(layout)
        return self.filter_rows[row]

    def add_filter(self, key: str, widget: QWidget, row: int = 0) -> None:
        """A combo (its code), a check box (its state) or an optional date filtering on
        lister key ``key``, in filter row ``row``."""
        widget.setObjectName(f"filter_{key}")
        self.filter_widgets[key] = widget
        if isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(self.apply_query)
        elif isinstance(widget, QCheckBox):
            widget.toggled.connect(self.apply_query)
        elif isinstance(widget, OptionalDateEdit):
            widget.changed.connect(self.apply_query)
        self.filter_row(row).addWidget(widget)

    def add_clear_button(self, row: int) -> QPushButton:
        """A button in filter row ``row`` that clears every filter (one query)."""
        button = QPushButton(self.tr("Clear filters"), self)
        button.setObjectName("clearFilters")
        button.clicked.connect(self.clear_filters)
        self.filter_row(row).addWidget(button)
        return button

    def filters(self) -> dict[str, Any]:
        """The chosen filters as lister keys (empty ones left out)."""
        found: dict[str, Any] = {}
        for key, widget in self.filter_widgets.items():
            if isinstance(widget, QComboBox):
                value: Any = combo_code(widget)
            elif isinstance(widget, QCheckBox):
                value = widget.isChecked()
            elif isinstance(widget, OptionalDateEdit):
                value = widget.value()
            else:
                continue
            if value:
                found[key] = value
        return found

    def clear_filters(self) -> None:
        """Back to everything, in one query (the search text stays)."""
        self.set_filters({})
        self.apply_query()

    def current_query(self) -> ListQuery:
        return ListQuery(text=self.search.text().strip(), filters=self.filters())

    def set_filters(self, saved: dict[str, Any]) -> None:
        """Show ``saved`` filters (as :meth:`filters` gives them) without running a query."""
        for key, widget in self.filter_widgets.items():
            widget.blockSignals(True)
            try:
                value = saved.get(key)
                if isinstance(widget, QComboBox):
                    set_combo_code(widget, value if isinstance(value, str) else "")
                elif isinstance(widget, QCheckBox):
                    widget.setChecked(bool(value))
                elif isinstance(widget, OptionalDateEdit):
                    widget.set_value(_day(value))
            finally:
                widget.blockSignals(False)

    def saved_query(self) -> tuple[str, dict[str, Any]]:
        return self.search.text().strip(), self.filters()

    def apply_saved(self, text: str, filters: dict[str, Any]) -> None:
        """Show a saved filter and search, then run them as one query."""
        self.set_filters(filters)
        self.search.blockSignals(True)
        self.search.setText(text)
        self.search.blockSignals(False)
        self.apply_query()

    def apply_query(self) -> None:
        """Run the search text and filters now (the search box waits for a pause)."""
        self._search_timer.stop()
        query = self.current_query()
        if query.text == self.model.query.text and query.filters == self.model.query.filters:
            return
        self.model.set_query(query)

    def enter_results(self) -> None:
        """Enter in the search box: search now, then go to the results (Enter again opens
        the first)."""
        self.apply_query()
        self.focus_results()

    def focus_results(self) -> None:
        """Move into the list, on its current row (the first when none is)."""
        if self.model.rowCount() == 0:
            return
        if not self.table.currentIndex().isValid():
            select_row(self.table, self.model, self.model.record_id(0))
        self.table.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """↓ in the search box moves into the results."""
        if (
            watched is self.search
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
        ):
            self.focus_results()
            return True
        return super().eventFilter(watched, event)

    def _header_clicked(self, column: int) -> None:
        """Sort in SQL: first click newest/largest first, then toggle."""
        order = Qt.SortOrder.DescendingOrder
        same = self.model.sort_column() == column
        if same and self.model.sort_order() == Qt.SortOrder.DescendingOrder:
            order = Qt.SortOrder.AscendingOrder
        self.model.sort(column, order)
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(self.model.sort_column(), self.model.sort_order())
        header.blockSignals(False)

    def _show_total(self, total: int) -> None:
        if total == COUNTING:
            self.count_label.setText(self.tr("… records"))
        else:
            self.count_label.setText(ListCount().text(total))
        self.countChanged.emit(total)

    # -- rows and dialogs ------------------------------------------------------------------

    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.record_id(index.row()) if index.isValid() else None

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.record_id(r) for r in rows]

    def select_record(self, record_id: int) -> bool:
        return select_row(self.table, self.model, record_id)

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_record(self.model.record_id(index.row()))

    def open_record(self, record_id: int | None) -> QDialog:
        """Open the dialog window-modal (not ``exec``), so the event loop keeps running."""
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        if self.county and record_id is not None:
            studio = county_desk.studio_of(self.ctx, self.noun, record_id)
            if studio:  # a studio's record: the county reads it
                from studio_app.ui.dialogs.record_view import RecordViewDialog

                view = RecordViewDialog(self.ctx, self.noun, record_id, studio, self)
                view.linkActivated.connect(self.linkActivated)
                return self.show_dialog(view)
        dialog = self.make_dialog(record_id)
        return self.show_dialog(dialog)

    def show_dialog(self, dialog: QDialog) -> QDialog:
        drafts.keep(dialog)  # offers leftover input, keeps new input until saved
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _dialog_closed(self, dialog: QDialog) -> None:
        self.dialog = None
        saved = getattr(dialog, "saved_id", None)
        if saved is not None:  # the list read it when the save was announced
            self.select_record(saved)
        dialog.deleteLater()
        self.table.setFocus()

    def delete_selected(self) -> bool:
        """Move the current record to the trash after asking; True when deleted."""
        index = self.table.currentIndex()
        if not index.isValid() or self.county:  # the studios' records are theirs to delete
            return False
        if not confirm.confirm_delete(self, self.describe(index.row())):
            return False
        try:
            record_id = self.model.record_id(index.row())
            operations.call(lambda: self.delete_record(record_id))
        except UserError as exc:
            messages.show_error(self, exc.message)
            return False
        return True  # the list reads itself when the service announces the change
