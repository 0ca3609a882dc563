"""Putting the main window back as the user left it: geometry, the visits list's columns,
sort, filters and search text, the detail panel's width and visibility. Restored when the
window is built, saved when it closes.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, Qt

from studio_app.ui import settings as opt
from studio_app.ui.main_window import MainWindow
from studio_app.ui.models.visit_table import COLUMNS
from studio_app.ui.settings import Settings

if TYPE_CHECKING:  # imported with the visits page, when it is first shown
    from studio_app.ui.pages.visits_page import VisitsPage


class WindowState(QObject):
    """Restores ``window`` from ``settings`` now, and saves it when the window closes."""

    def __init__(self, window: MainWindow, settings: Settings) -> None:
        super().__init__(window)
        self.setObjectName("windowState")
        self.window = window
        self.settings = settings
        self.restore()
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.save()
        return False

    def restore(self) -> None:
        geometry = self.settings.get(opt.MAIN_GEOMETRY)
        if geometry:
            self.window.restoreGeometry(QByteArray(geometry))
        # The visits page is built when first shown; its state is put back then.
        self.window.pageBuilt.connect(self._page_built)
        self.window.set_detail_state(self.settings.get(opt.DETAIL_SPLITTER))
        self.window.show_details(self.settings.get(opt.DETAIL_SHOWN))

    def _page_built(self, name: str) -> None:
        if name == "visits":
            restore_visits_page(self.window.visits, self.settings)

    def save(self) -> None:
        self.settings.set(opt.MAIN_GEOMETRY, bytes(self.window.saveGeometry().data()))
        if self.window.is_built("visits"):  # else what was saved stays
            save_visits_page(self.window.visits, self.settings)
        self.settings.set(opt.DETAIL_SPLITTER, self.window.detail_state)
        self.settings.set(opt.DETAIL_SHOWN, self.window.details_shown)
        self.settings.sync()


def save_visits_page(page: VisitsPage, settings: Settings) -> None:
    header = page.table.horizontalHeader()
    settings.set(opt.VISITS_HEADER, bytes(header.saveState().data()))
    query = page.model.query
    settings.set(opt.VISITS_SORT, query.sort or "")
    settings.set(opt.VISITS_DESCENDING, bool(query.descending))
    settings.set(opt.VISITS_SEARCH, page.search.text())
    found = page.filters()
    settings.set(
        opt.VISITS_FILTERS,
        {k: v.isoformat() if isinstance(v, date) else v for k, v in found.items()},
    )


def restore_visits_page(page: VisitsPage, settings: Settings) -> None:
    """Columns, then sort, filters and search, applied as one query."""
    header = page.table.horizontalHeader()
    state = settings.get(opt.VISITS_HEADER)
    if state:
        header.restoreState(QByteArray(state))
    sort = settings.get(opt.VISITS_SORT)
    if sort in COLUMNS:
        order = (
            Qt.SortOrder.DescendingOrder
            if settings.get(opt.VISITS_DESCENDING)
            else Qt.SortOrder.AscendingOrder
        )
        page.model.sort(COLUMNS.index(sort), order)
    header.setSortIndicator(page.model.sort_column(), page.model.sort_order())
    saved = settings.get(opt.VISITS_FILTERS)
    page.set_filters(saved if isinstance(saved, dict) else {})  # one query at the end
    page.search.blockSignals(True)
    page.search.setText(settings.get(opt.VISITS_SEARCH))
    page.search.blockSignals(False)
    page.apply_query()
