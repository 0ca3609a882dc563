"""The main window: navigation on the left, one page at a time on the right."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from studio_app.services.context import Context
from studio_app.ui.lookups import Lookups
from studio_app.ui.pages.visits_page import VisitsPage


class MainWindow(QMainWindow):
    """Holds the pages; new pages are added with :meth:`add_page`."""

    def __init__(self, ctx: Context, site_name: str, lookups: Lookups) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.ctx = ctx
        self.setWindowTitle(self.tr("Studio Ledger — {0}").format(site_name))
        self.nav = QListWidget(self)
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(112)
        self.nav.setIconSize(QSize(20, 20))
        self.stack = QStackedWidget(self)
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.visits = VisitsPage(ctx, lookups, self)
        self.add_page(self.tr("Visits"), self.visits)
        self.nav.setCurrentRow(0)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("statusCount")
        self.statusBar().addPermanentWidget(self.count_label)
        self.visits.countChanged.connect(self._show_count)
        self._show_count(self.visits.model.total)
        self._create_actions()
        self.resize(1280, 800)

    def add_page(self, title: str, page: QWidget) -> None:
        self.nav.addItem(title)
        self.stack.addWidget(page)

    def _create_actions(self) -> None:
        self.new_visit_action = QAction(self.tr("New visit"), self)
        self.new_visit_action.setObjectName("newVisitAction")
        self.new_visit_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_visit_action.setToolTip(self.tr("New visit (Ctrl+N)"))
        self.new_visit_action.triggered.connect(self.new_visit)
        self.find_action = QAction(self.tr("Search"), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self._focus_search)
        self.quit_action = QAction(self.tr("Quit"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.new_visit_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.find_action)
        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.addAction(self.new_visit_action)

    def new_visit(self) -> None:
        self.nav.setCurrentRow(self.stack.indexOf(self.visits))
        self.visits.new_visit()

    def _focus_search(self) -> None:
        page = self.stack.currentWidget()
        search = getattr(page, "search", None)
        if search is not None:
            search.setFocus()
            search.selectAll()

    def _show_count(self, total: int) -> None:
        self.count_label.setText(self.tr("{0} visits").format(f"{total:,}"))
