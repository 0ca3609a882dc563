"""The main window: navigation on the left, one page at a time on the right.

At a studio, records are created from the window: a new visit (Ctrl+N), a new record of
each kind declared with a shortcut for it (``RecordKind.new_shortcut``, also on the toolbar
and the desk), and of each generic kind (in the File menu). At the county the first page is
the county's desk (:class:`CountyDeskPage`), and nothing is created from the window: no
"new" actions or shortcuts, and the lists show the studios' records read-only, with a 工作室
column and filter.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, runtime_checkable

from PySide6.QtCore import QByteArray, QCoreApplication, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from studio_app.core import kinds
from studio_app.demo import marker as demo
from studio_app.paths import DataDir
from studio_app.services import changes
from studio_app.services.context import Context
from studio_app.services.lists.paging import ListQuery
from studio_app.services.lists.records import lister_of
from studio_app.services.permissions import Permission, allowed
from studio_app.ui import drafts, help_menu, screen_fit
from studio_app.ui.changes_bridge import follow
from studio_app.ui.i18n import declared
from studio_app.ui.lookups import Lookups
from studio_app.ui.models.lister_table import COUNTING
from studio_app.ui.pages import registry
from studio_app.ui.pages.page import Printable, RecordsPage, camel
from studio_app.ui.widgets.navigation import Navigation

if TYPE_CHECKING:  # the pages' modules are imported when their page is first built
    from studio_app.ui.pages.county_desk_page import CountyDeskPage
    from studio_app.ui.pages.desk_page import DeskPage
    from studio_app.ui.pages.people_pages import MembersPage, ResidentsPage
    from studio_app.ui.pages.proposals_page import ProposalsPage
    from studio_app.ui.pages.statistics_page import StatisticsPage
    from studio_app.ui.pages.trash_page import TrashPage
    from studio_app.ui.pages.visits_page import VisitsPage

P = TypeVar("P", bound=QWidget)


@runtime_checkable
class Grows(Protocol):
    """A page that starts a record of its kind from records of another (``origins``)."""

    def grow_from(self, origin_kind: str, record_ids: Sequence[int]) -> Any: ...


STANDARD_NEW = "Ctrl+N"  # the kind most often recorded: New in every program


def new_name(kind: kinds.RecordKind) -> str:
    """What a "new" action of ``kind`` names: its ``new_label``, else its short label."""
    return declared(kind.new_label or kind.short_label)


def new_text(kind: kinds.RecordKind) -> str:
    """A "new" action's tooltip; the one on the standard New key (Ctrl+N) names it."""
    name = new_name(kind)
    if kind.new_shortcut == STANDARD_NEW:
        return QCoreApplication.translate("MainWindow", "New {0} ({1})").format(name, STANDARD_NEW)
    return QCoreApplication.translate("MainWindow", "New {0}").format(name)


class MainWindow(QMainWindow):
    pageBuilt = Signal(str)  # a page built when first shown or asked for, by name
    """Holds the pages; new pages are added with :meth:`add_page`."""

    def __init__(self, ctx: Context, site_name: str, lookups: Lookups) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.ctx = ctx
        self.account_ctx = ctx  # the logged-in user's own context (``account_menu.install``)
        self.data_dir: DataDir | None = None  # set by build_main_window
        self.setWindowTitle(self.tr("Studio Ledger — {0}").format(site_name))
        self.is_demo = demo.is_demo()
        if self.is_demo:
            self.setWindowTitle(self.tr("Studio Ledger — {0} (demo data)").format(site_name))
        self.nav = Navigation(self)
        self.stack = QStackedWidget(self)
        self._lazy: dict[str, tuple[int, Callable[[], QWidget]]] = {}
        self._built: dict[str, QWidget] = {}
        self._eager: dict[str, QWidget] = {}  # record pages built with the window
        self._kind_pages: dict[str, str] = {}  # record kind → its page's name
        self.nav.currentRowChanged.connect(self._show_row)
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        # Code labels first, so that pages reading an announced change show the new ones.
        follow(self, lambda: {changes.CODE_LISTS}, lookups.reread_code_lists)
        self.county = ctx.is_county
        self.county_dialog: QDialog | None = None  # the county's work dialog, while open
        self.desk: DeskPage | CountyDeskPage
        if self.county:
            from studio_app.ui.pages.county_desk_page import CountyDeskPage

            self.desk = CountyDeskPage(ctx, self, demo=self.is_demo)
        else:
            from studio_app.ui.pages.desk_page import DeskPage

            self.desk = DeskPage(ctx, lookups, self, demo=self.is_demo)
        self.add_page(self.tr("Desk"), self.desk, "desk")
        self.lookups = lookups
        self.detail_state = b""  # the list/detail divider, shared by the list pages
        self.details_shown = True  # the detail panel beside lists (View menu, F9)
        # A page per record kind, built when first shown (or first asked for): building
        # all of them at start cost ~200 ms on a large database; the desk comes first.
        for entry in registry.entries():
            self.add_record_page(entry)
        self.add_lazy_page("chain", self.tr("Contact network"), self._build_chain)
        self.add_lazy_page("statistics", self.tr("Statistics"), self._build_statistics)
        self.add_lazy_page("points", self.tr("Duty points"), self._build_points)
        self.add_lazy_page("exchange", self.tr("Exchange"), self._build_exchange)
        self.add_lazy_page("trash", self.tr("Trash"), self._build_trash)
        self.add_lazy_page("settings", self.tr("Settings"), self._build_settings)
        if self.county:
            assert isinstance(self.desk, CountyDeskPage)
            # Through lambdas, so that the methods can be replaced on the window (tests).
            self.desk.openProposal.connect(lambda pid: self.open_county_work(pid))
            self.desk.importRequested.connect(lambda: self.import_package())
            self.desk.studioActivated.connect(lambda _uuid: self.show_page(self.exchange))
        else:
            assert isinstance(self.desk, DeskPage)
            self.desk.openVisit.connect(lambda visit_id: self.open_record("visit", visit_id))
            self.desk.openDraft.connect(lambda key: drafts.open_draft(self, key))
            self.desk.openRecord.connect(self.open_record)
        self.nav.setCurrentRow(0)

        self.count_label = QLabel(self)
        self.count_label.setObjectName("statusCount")
        self.statusBar().addPermanentWidget(self.count_label)
        self.stack.currentChanged.connect(lambda _index: self._show_count())
        self._show_count()
        watched = frozenset(k.name for k in kinds.all_kinds() if k.glances)
        follow(self, lambda: watched, self.show_glances)
        QTimer.singleShot(0, self, self.show_glances)  # after the first paint
        self._create_actions()
        screen_fit.fit(self, 1280, 800)

    def add_page(self, title: str, page: QWidget, name: str) -> None:
        self.nav.add(name, title, name)
        self.stack.addWidget(page)

    def add_record_page(self, entry: registry.PageEntry) -> None:
        """The page of a record kind, in the navigation; its shortcut shows it."""
        self._kind_pages[entry.kind.name] = entry.name
        build = partial(entry.build, self, entry.kind)
        if entry.lazy:
            self.add_lazy_page(entry.name, entry.title, build, entry.kind.icon)
        else:
            page = self._eager[entry.name] = build()
            self.add_page(entry.title, page, entry.name)
            self._connect_page(page)
        if entry.kind.shortcut:
            show = QAction(entry.title, self)
            show.setObjectName(f"show_{entry.name}_action")
            show.setShortcut(QKeySequence(entry.kind.shortcut))
            show.triggered.connect(lambda: self.show_page(self.kind_page(entry.kind.name)))
            self.addAction(show)

    def add_lazy_page(
        self, name: str, title: str, build: Callable[[], QWidget], icon: str = ""
    ) -> None:
        """A page built by ``build`` the first time it is shown or asked for by name; its
        navigation icon is ``icon`` (default: the page's name)."""
        self.nav.add(name, title, icon or name)
        self._lazy[name] = (self.stack.addWidget(QWidget(self.stack)), build)

    def lazy_page(self, name: str) -> QWidget:
        """The page called ``name``, built now if it was not yet."""
        if name in self._eager:
            return self._eager[name]
        if name not in self._built:
            index, build = self._lazy[name]
            page = build()
            placeholder = self.stack.widget(index)
            assert placeholder is not None
            current = self.stack.currentIndex()
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self.stack.setCurrentIndex(current)
            self._built[name] = page
            self._connect_page(page)
            self.pageBuilt.emit(name)
        return self._built[name]

    def is_built(self, name: str) -> bool:
        return name in self._eager or name in self._built

    def _connect_page(self, page: QWidget) -> None:
        """A record page's links open records; its detail panel follows the others'; its
        count shows in the status bar while it is shown."""
        if isinstance(page, RecordsPage):
            page.linkActivated.connect(self.open_record)
            page.countChanged.connect(lambda _total: self._show_count())
            self._watch_details(page)

    def page_name(self) -> str:
        """The name of the page shown ("" for the desk)."""
        index = self.stack.currentIndex()
        for name, page in {**self._eager, **self._built}.items():
            if self.stack.indexOf(page) == index:
                return name
        return next((name for name, (i, _b) in self._lazy.items() if i == index), "")

    def show_named(self, name: str) -> None:
        """Show the page called ``name`` (the desk for "" or a name this window lacks)."""
        known = name in self._eager or name in self._lazy
        self.show_page(self.lazy_page(name) if known else self.desk)

    def _page(self, name: str, cls: type[P]) -> P:
        """The page called ``name`` (built now if need be), which is a ``cls``."""
        page = self.lazy_page(name)
        assert isinstance(page, cls), (name, page)
        return page

    @property
    def visits(self) -> VisitsPage:
        """The visits page (built now if need be)."""
        from studio_app.ui.pages.visits_page import VisitsPage

        return self._page("visits", VisitsPage)

    def kind_page(self, kind: str) -> RecordsPage:
        """The page listing records of ``kind`` (built now if need be)."""
        return self._page(self._kind_pages[kind], RecordsPage)

    def _show_row(self, row: int) -> None:
        for name, (index, _build) in self._lazy.items():
            if index == row:
                self.lazy_page(name)
        self.stack.setCurrentIndex(row)

    def _build_chain(self) -> QWidget:
        from studio_app.ui.pages.chain_page import ChainPage  # the 一联十 chain view

        return ChainPage(self.ctx, self)

    def _build_trash(self) -> TrashPage:
        from studio_app.ui.pages.trash_page import TrashPage

        return TrashPage(self.ctx, self.lookups, self)  # restores announce themselves

    def _build_statistics(self) -> StatisticsPage:
        from studio_app.ui.pages.statistics_page import StatisticsPage

        return StatisticsPage(self.ctx, self)

    def _build_points(self) -> QWidget:
        from studio_app.ui.pages.points_page import PointsPage  # 履职积分

        return PointsPage(self.ctx, self, open_record=self.open_record)

    @property
    def proposals(self) -> ProposalsPage:
        from studio_app.ui.pages.proposals_page import ProposalsPage

        return self._page("proposals", ProposalsPage)

    @property
    def members(self) -> MembersPage:
        from studio_app.ui.pages.people_pages import MembersPage

        return self._page("members", MembersPage)

    @property
    def residents(self) -> ResidentsPage:
        from studio_app.ui.pages.people_pages import ResidentsPage

        return self._page("residents", ResidentsPage)

    @property
    def statistics(self) -> StatisticsPage:
        from studio_app.ui.pages.statistics_page import StatisticsPage

        return self._page("statistics", StatisticsPage)

    @property
    def trash(self) -> TrashPage:
        from studio_app.ui.pages.trash_page import TrashPage

        return self._page("trash", TrashPage)

    def _build_settings(self) -> QWidget:
        from studio_app.storage.database import data_folder
        from studio_app.ui.backup.panel import BackupPanel
        from studio_app.ui.pages.settings.page import SettingsPage

        data_dir = self.data_dir or DataDir(data_folder() or Path("."))
        page = SettingsPage(self.ctx, data_dir.root, self, self.lookups)
        page.add_tab(self.tr("Backups"), BackupPanel(self.ctx, data_dir, page))
        return page

    @property
    def settings_page(self) -> QWidget:
        """The settings page (a ``SettingsPage``: ``add_tab(title, widget)`` adds a tab)."""
        return self.lazy_page("settings")

    def _build_exchange(self) -> QWidget:
        from studio_app.ui.pages.exchange_page import ExchangePage  # reads Excel: load late

        page = ExchangePage(self.ctx, self)
        page.imported.connect(self._refresh_studios)  # records announce themselves
        return page

    @property
    def exchange(self) -> Any:
        """The exchange page (an ``ExchangePage``)."""
        return self.lazy_page("exchange")

    def _refresh_studios(self) -> None:
        """After an import at the county: a new studio joins the lists' studio filters."""
        if self.county:
            for page in self._list_pages():
                page.refresh_studios()

    def _create_new_actions(self) -> list[QAction]:
        """New … for each kind with a "new" shortcut (on the toolbar too)."""
        shortcut = [k for k in kinds.all_kinds() if k.new_shortcut]
        return [self._new_action(k) for k in shortcut]

    def _create_generic_new_actions(self) -> list[QAction]:
        """New … for each other generic kind, in the File menu."""
        kinds_ = [k for k in kinds.generic() if k.name not in self.new_actions]
        return [self._new_action(kind) for kind in kinds_]

    def _new_action(self, kind: kinds.RecordKind) -> QAction:
        """New … of ``kind``, with its declared shortcut if any (a studio's)."""
        action = QAction(self.tr("New {0}").format(new_name(kind)), self)
        action.setObjectName(f"new{camel(kind.name)}Action")
        if kind.new_shortcut:
            action.setShortcut(QKeySequence(kind.new_shortcut))
            action.setToolTip(new_text(kind))
        action.triggered.connect(lambda _on=False, name=kind.name: self.new_record(name))
        self.new_actions[kind.name] = action
        return action

    def new_record(self, kind: str) -> QDialog:
        """A new record of ``kind``, in its dialog on its page."""
        page = self.kind_page(kind)
        self.show_page(page)
        return page.open_record(None)

    def _create_actions(self) -> None:
        self.new_actions: dict[str, QAction] = {}  # record kind → its "new" action
        toolbar_actions: list[QAction] = []
        new_actions: list[QAction] = []
        if not self.county:
            toolbar_actions = self._create_new_actions()
            new_actions = [*toolbar_actions, *self._create_generic_new_actions()]
        self.find_action = QAction(self.tr("Search"), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self._focus_search)
        self.print_action = QAction(self.tr("Print…"), self)
        self.print_action.setObjectName("printAction")
        self.print_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_action.setToolTip(self.tr("Preview and print what the page shows (Ctrl+P)"))
        self.print_action.triggered.connect(self.print_current)
        self.purge_action = QAction(self.tr("Purge old visits…"), self)
        self.purge_action.setObjectName("purgeAction")
        self.purge_action.setEnabled(allowed(self.ctx, Permission.PURGE))
        self.purge_action.triggered.connect(self.purge_old_visits)
        self.set_up_action = QAction(self.tr("Set up for real use…"), self)
        self.set_up_action.setObjectName("setUpAction")
        self.set_up_action.setToolTip(
            self.tr("Set up your own studio or county office, with a data folder of its own")
        )
        self.desk.setUpRequested.connect(self.set_up_action.trigger)
        self.quit_action = QAction(self.tr("Quit"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        for action in new_actions:
            file_menu.addAction(action)
        if new_actions:
            file_menu.addSeparator()
        file_menu.addAction(self.print_action)
        file_menu.addSeparator()
        file_menu.addAction(self.purge_action)
        file_menu.addSeparator()
        file_menu.addAction(self.set_up_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.find_action)
        self.details_action = QAction(self.tr("Details panel"), self)
        self.details_action.setObjectName("detailsAction")
        self.details_action.setCheckable(True)
        self.details_action.setChecked(True)
        self.details_action.setShortcut(QKeySequence("F9"))
        self.details_action.setToolTip(self.tr("Show or hide the whole record beside lists (F9)"))
        self.details_action.toggled.connect(self.show_details)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        view_menu.addAction(self.details_action)
        help_menu.install(self)
        if toolbar_actions:  # at the county it would be empty
            toolbar = self.addToolBar(self.tr("Main"))
            toolbar.setObjectName("mainToolbar")
            toolbar.setMovable(False)
            for action in toolbar_actions:
                toolbar.addAction(action)

    def open_county_work(self, proposal_id: int) -> QDialog:
        """The county's work dialog on a proposal-type record (county mode); what it writes
        is announced, so the desk and the proposals list read it again."""
        from studio_app.ui.dialogs.county_dialog import CountyWorkDialog  # county only

        if self.county_dialog is not None:
            self.county_dialog.raise_()
            self.county_dialog.activateWindow()
            return self.county_dialog
        dialog = CountyWorkDialog(self.ctx, proposal_id, self)
        drafts.keep(dialog)
        dialog.finished.connect(lambda _result: self._county_dialog_closed(dialog))
        self.county_dialog = dialog
        dialog.open()
        return dialog

    def _county_dialog_closed(self, dialog: QDialog) -> None:
        self.county_dialog = None
        dialog.deleteLater()

    def import_package(self) -> None:
        """Choose a studio's package and see its plan, on the exchange page."""
        page = self.exchange
        self.show_page(page)
        page.import_file()

    def show_page(self, page: QWidget) -> None:
        self.nav.setCurrentRow(self.stack.indexOf(page))

    def grow_record(self, kind: str, origin_kind: str, record_ids: Sequence[int]) -> None:
        """A new record of ``kind`` started from records of ``origin_kind``, on its page."""
        page = self.kind_page(kind)
        assert isinstance(page, Grows), kind
        self.show_page(page)
        page.grow_from(origin_kind, record_ids)

    def open_record(self, kind: str, record_id: int) -> None:
        """Open a record of ``kind`` (a link from another page), on its own page."""
        page = self.kind_page(kind)
        self.show_page(page)
        page.open_record(record_id)

    def _list_pages(self) -> list[RecordsPage]:
        built = [*self._eager.values(), *self._built.values()]
        return [page for page in built if isinstance(page, RecordsPage)]

    def _watch_details(self, page: RecordsPage) -> None:
        """Give a list page the shared divider position and panel visibility."""
        splitter = page.splitter
        if self.detail_state:
            splitter.restoreState(QByteArray(self.detail_state))
        splitter.splitterMoved.connect(lambda *_: self._remember_details(splitter))
        page.set_details_shown(self.details_shown)

    def _remember_details(self, splitter: QSplitter) -> None:
        self.detail_state = bytes(splitter.saveState().data())
        for page in self._list_pages():
            other = page.splitter
            if other is not splitter:
                other.blockSignals(True)
                other.restoreState(QByteArray(self.detail_state))
                other.blockSignals(False)

    def set_detail_state(self, state: bytes) -> None:
        """Put the list/detail divider where ``state`` (a saved splitter state) says."""
        self.detail_state = state
        for page in self._list_pages():
            page.splitter.restoreState(QByteArray(state))

    def show_details(self, shown: bool) -> None:
        """Show or hide the detail panel beside every list."""
        self.details_shown = shown
        self.details_action.setChecked(shown)
        for page in self._list_pages():
            page.set_details_shown(shown)

    def purge_old_visits(self) -> None:
        """Administrators: preview, confirm and purge visits older than N years."""
        from studio_app.ui.dialogs.purge_dialog import PurgeDialog

        PurgeDialog(self.ctx, self).exec()  # the purge announces what it removed

    def print_current(self) -> None:
        """Print from the page shown: its selected records, or its report."""
        page = self.stack.currentWidget()
        if isinstance(page, Printable):
            page.print_current()
        else:
            self.statusBar().showMessage(self.tr("There is nothing to print on this page."), 5000)

    def _focus_search(self) -> None:
        from studio_app.ui.pages.trash_page import TrashPage

        page = self.stack.currentWidget()
        if isinstance(page, (RecordsPage, TrashPage)):
            page.search.setFocus()
            page.search.selectAll()

    def show_glances(self) -> None:
        """Under each kind's page title, the figures it declares (在办 29 · 超期 19)."""
        for kind in kinds.all_kinds():
            if not kind.glances or kind.name not in self._kind_pages:
                continue
            lister = lister_of(kind)
            counts = [(g, lister.count(ListQuery(filters={g.filter: True}))) for g in kind.glances]
            note = " · ".join(f"{declared(g.label)} {n:,}" for g, n in counts)
            alarm = any(g.alarm and n for g, n in counts)
            self.nav.set_note(self._kind_pages[kind.name], note, alarm)

    def _show_count(self) -> None:
        """The shown list's count in the status bar (nothing on other pages)."""
        page = self.stack.currentWidget()
        if not isinstance(page, RecordsPage):  # the desk, a page not built yet…
            self.count_label.clear()
            return
        from studio_app.ui.pages.list_page import ListPage  # imported with the page

        if not isinstance(page, ListPage) or page.noun not in kinds.names():
            self.count_label.clear()
            return
        kind = kinds.kind(page.noun)
        total = page.model.total
        # {0} the kind (plural in English), {1} its measure word (in Chinese only)
        if total == COUNTING:
            text = self.tr("Total … {0}").format(declared(kind.label, 2), kind.counter)
        else:
            text = self.tr("Total %Ln {0}", "", total)
            text = text.format(declared(kind.label, total), kind.counter)
        self.count_label.setText(text)
