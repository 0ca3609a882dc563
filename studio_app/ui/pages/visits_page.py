"""The visits page (接待走访): search, filters, the lazy list with the current visit's details
beside it; opens the visit dialog.

At the county the list has a 工作室 column and filter, nothing is created here, and a
studio's visit opens read-only (:class:`RecordViewDialog`): only the studio changes it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio_app.services import county_desk
from studio_app.services.context import Context
from studio_app.services.lists.paging import ListQuery
from studio_app.ui import drafts
from studio_app.ui.changes_bridge import follow, reload_kept, shown_by
from studio_app.ui.dialogs.record_view import RecordViewDialog
from studio_app.ui.dialogs.visit_dialog import VisitDialog
from studio_app.ui.lookups import Lookups
from studio_app.ui.models.lister_table import count_text
from studio_app.ui.models.visit_table import COLUMNS, STUDIO_COLUMN, VisitTableModel
from studio_app.ui.pages.list_page import select_row
from studio_app.ui.pages.page import RecordsPage
from studio_app.ui.printing import launch, print_jobs
from studio_app.ui.printing.range_dialog import VisitRangeDialog
from studio_app.ui.saved_filters import SavedFilterBox, saved_store
from studio_app.ui.widgets.detail_panel import DetailLoader, DetailPanel, detail_splitter
from studio_app.ui.widgets.visit_filter_bar import VisitFilterBar

SEARCH_DELAY_MS = 250
# Shown in the detail panel, these columns make room for the content beside it.
PANEL_HIDES = ("member_names", "handling", "referred_unit")
# Column widths fit these samples; the content column takes what is left.
WIDTH_SAMPLES = {
    "serial": "JD-2026-00000",
    "occurred_at": "2026-11-26 14:120",
    "channel": "信件/意见箱",
    "member_names": "王建国、李梅",
    "resident_names": "张三、李四",
    "category": "城乡建设与管理",
    "handling": "纳入协商议题",
    "status": "已反馈",
    "referred_unit": "县交通运输局",
    "due_at": "2026-12-030",
    STUDIO_COLUMN: "石桥镇委员工作室",
}


class VisitsPage(RecordsPage):
    """Lists visits; ``countChanged`` carries the number the current query selects."""

    convertRequested = Signal(list)  # ids of the selected visits, for a new proposal

    def __init__(self, ctx: Context, lookups: Lookups, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("visitsPage")
        self.ctx = ctx
        self.lookups = lookups
        self.county = ctx.is_county  # the studios' visits: read here, written there
        self.dialog: QDialog | None = None

        self.search = QLineEdit(self)
        self.search.setObjectName("visitSearch")
        self.search.setPlaceholderText(self.tr("Search serial, names, content…"))
        self.search.setClearButtonEnabled(True)
        self.new_button = QPushButton(self.tr("New visit"), self)
        self.new_button.setObjectName("newVisitButton")
        self.new_button.clicked.connect(self.new_visit)
        self.convert_button = QPushButton(self.tr("Turn into proposal / 社情民意…"), self)
        self.convert_button.setObjectName("convertButton")
        self.convert_button.setToolTip(
            self.tr("Write a proposal or 社情民意 from the selected visits")
        )
        self.convert_button.setShortcut(QKeySequence("Ctrl+Shift+T"))
        self.convert_button.clicked.connect(self.convert_selected)
        self._create_print_button()
        self.count_label = QLabel(self)
        self.count_label.setObjectName("visitCount")
        studios = county_desk.studio_choices() if self.county else None
        self.filters = VisitFilterBar(lookups, self, studios=studios)
        self.saved_filters = SavedFilterBox(
            saved_store("visit"), self.saved_query, self.apply_saved, self.filters
        )
        self.filters.add_trailing(self.saved_filters)

        self.model = VisitTableModel(lookups, self, today=ctx.today, studios=self.county)
        self.table = QTableView(self)
        self.table.setObjectName("visitTable")
        self._setup_table()

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_query)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_query)
        self.filters.changed.connect(self.apply_query)
        self.model.totalChanged.connect(self._show_total)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        top.addWidget(self.convert_button)
        top.addWidget(self.print_button)
        top.addWidget(self.new_button)
        self.new_button.setVisible(not self.county)
        self.convert_button.setVisible(not self.county)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.filters)
        self.detail_panel = DetailPanel(self)
        self.detail_panel.linkActivated.connect(self.linkActivated)
        self.splitter = detail_splitter(self.table, self.detail_panel, self)
        self.details = DetailLoader(
            ctx, "visit", self.table, self.model.visit_id, self.detail_panel
        )
        layout.addWidget(self.splitter, 1)
        self.set_details_shown(True)
        self.model.reload()
        follow(self, lambda: shown_by("visit"), self.reload)

    def set_details_shown(self, shown: bool) -> None:
        """Show or hide the detail panel; while shown, :data:`PANEL_HIDES` columns give way."""
        for key in PANEL_HIDES:
            self.table.setColumnHidden(COLUMNS.index(key), shown)
        self.details.set_shown(shown)

    def refresh_studios(self) -> None:
        """At the county: offer the studios heard from so far in the studio filter."""
        if self.county:
            self.filters.set_studios(county_desk.studio_choices())

    def _create_print_button(self) -> None:
        self.print_button = QToolButton(self)
        self.print_button.setObjectName("printVisitsButton")
        self.print_button.setText(self.tr("Print…"))
        self.print_button.setToolTip(self.tr("Preview and print the selected visits' forms"))
        self.print_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        menu = QMenu(self.print_button)
        menu.addAction(self.tr("Print selected visits…"), self.print_selected)
        full = menu.addAction(
            self.tr("Print selected visits with full numbers…"),
            lambda: self.print_selected(unmasked=True),
        )
        full.setEnabled(self.ctx.may_see_pii)
        menu.addAction(self.tr("Print a date range…"), self.print_range)
        self.print_button.setMenu(menu)
        self.print_button.clicked.connect(self.print_current)

    def _setup_table(self) -> None:
        table = self.table
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        metrics = table.fontMetrics()
        for column, key in enumerate(c.key for c in self.model.columns):
            if key in WIDTH_SAMPLES:
                header.resizeSection(column, metrics.horizontalAdvance(WIDTH_SAMPLES[key]) + 12)
        header.setSectionResizeMode(COLUMNS.index("content"), QHeaderView.ResizeMode.Stretch)
        header.setSortIndicator(self.model.sort_column(), self.model.sort_order())
        header.setSortIndicatorShown(True)
        header.sectionClicked.connect(self._header_clicked)
        table.activated.connect(self._open_index)

    # -- querying --------------------------------------------------------------------------

    def current_query(self) -> ListQuery:
        return ListQuery(text=self.search.text().strip(), filters=self.filters.filters())

    def apply_query(self) -> None:
        """Run the search text and filters now (the search box waits for a pause)."""
        self._search_timer.stop()
        query = self.current_query()
        if query.text == self.model.query.text and query.filters == self.model.query.filters:
            return
        self.model.set_query(query)

    def saved_query(self) -> tuple[str, dict[str, Any]]:
        return self.search.text().strip(), self.filters.filters()

    def apply_saved(self, text: str, filters: dict[str, Any]) -> None:
        """Show a saved filter and search, then run them as one query."""
        self.filters.set_filters(filters)
        self.search.blockSignals(True)
        self.search.setText(text)
        self.search.blockSignals(False)
        self.apply_query()

    def _header_clicked(self, column: int) -> None:
        """Sort by a column in SQL: first click newest/largest first, then toggle."""
        if self.model.sort_column() == column:
            order = (
                Qt.SortOrder.AscendingOrder
                if self.model.sort_order() == Qt.SortOrder.DescendingOrder
                else Qt.SortOrder.DescendingOrder
            )
        else:
            order = Qt.SortOrder.DescendingOrder
        self.model.sort(column, order)
        header = self.table.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(self.model.sort_column(), self.model.sort_order())
        header.blockSignals(False)

    def _show_total(self, total: int) -> None:
        shown = count_text(total)
        self.count_label.setText(self.tr("{0} visits").format(shown))
        self.countChanged.emit(total)

    # -- the dialog ------------------------------------------------------------------------

    def new_visit(self) -> QDialog:
        return self._open_dialog(None)

    def edit_visit(self, visit_id: int) -> QDialog:
        """The visit's dialog; at the county, a studio's visit read-only."""
        return self._open_dialog(visit_id)

    def open_record(self, record_id: int | None) -> QDialog:
        return self._open_dialog(record_id)

    def reload(self) -> None:
        """Read the list again, keeping the selection and the scroll position."""
        reload_kept(self.table, self.model)

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.edit_visit(self.model.visit_id(index.row()))

    def _open_dialog(self, visit_id: int | None) -> QDialog:
        """Open the dialog window-modal (not ``exec``), so the event loop keeps running."""
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        studio = ""
        if self.county and visit_id is not None:
            studio = county_desk.studio_of(self.ctx, "visit", visit_id)
        dialog: QDialog
        if studio:
            dialog = RecordViewDialog(self.ctx, "visit", visit_id or 0, studio, self)
            dialog.linkActivated.connect(self.linkActivated)
        else:
            dialog = VisitDialog(self.ctx, self.lookups, visit_id, self)
        drafts.keep(dialog)  # offers leftover input, keeps new input until saved
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _dialog_closed(self, dialog: QDialog) -> None:
        self.dialog = None
        saved = getattr(dialog, "saved_id", None)
        if saved is not None:  # the list read it when the save was announced
            self.select_visit(saved)
        dialog.deleteLater()
        self.table.setFocus()

    def select_visit(self, visit_id: int) -> bool:
        """Select and show the row of ``visit_id`` if it is among the loaded rows."""
        return select_row(self.table, self.model, visit_id)

    def selected_visit_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.visit_id(index.row()) if index.isValid() else None

    def selected_visit_ids(self) -> list[int]:
        """The selected visits, in list order."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.visit_id(r) for r in rows]

    def convert_selected(self) -> None:
        """Ask for a proposal / 社情民意 made from the selected visits."""
        ids = self.selected_visit_ids()
        if ids:
            self.convertRequested.emit(ids)

    # -- printing --------------------------------------------------------------------------

    def print_current(self) -> None:
        """The selected visits' forms; with nothing selected, ask for a date range."""
        if self.selected_visit_ids():
            self.print_selected()
        else:
            self.print_range()

    def print_selected(self, unmasked: bool = False) -> None:
        """One form per selected visit, in a preview (identifiers masked unless asked)."""
        ids = self.selected_visit_ids()
        launch.preview(self, lambda: print_jobs.visits(self.ctx, ids, unmasked=unmasked))

    def print_range(self) -> VisitRangeDialog:
        """Ask for a date range (and options), then preview that batch."""
        dialog = VisitRangeDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: launch.preview(self, dialog.job))
        dialog.open()
        return dialog
