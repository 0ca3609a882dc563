"""The record pages of the main window: one per declared kind, in navigation order.

A kind with a page of its own (visits, proposals, members, residents) is registered here
with that page's builder; every other declared kind gets the generic
:class:`~studio_app.ui.pages.kind_page.KindPage` under its ``short_label`` (plural in
English). The records come first (the kinds dated by a field), then the people, each in the
order they were declared; then the kinds served generically. The registry of kinds is read
at call time, so a kind declared later (a test's) gets its page too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from studio_app.core import kinds
from studio_app.ui.i18n import declared
from studio_app.ui.pages.page import RecordsPage

if TYPE_CHECKING:
    from studio_app.ui.main_window import MainWindow

Build = Callable[["MainWindow", kinds.RecordKind], RecordsPage]


@dataclass(frozen=True)
class PageEntry:
    """The page of one kind: its name in the window, navigation title, builder."""

    kind: kinds.RecordKind
    name: str  # e.g. "visits"
    title: str
    build: Build
    lazy: bool = True  # built when first shown; False: with the window


# Each builder imports its page's module: pages are built when first shown, and so are
# their modules imported (not at start).


def _visits(window: MainWindow, kind: kinds.RecordKind) -> RecordsPage:
    from studio_app.ui.pages.visits_page import VisitsPage

    page = VisitsPage(window.ctx, window.lookups, window)
    page.growRequested.connect(lambda grown, ids: window.grow_record(grown, kind.name, ids))
    return page


def _proposals(window: MainWindow, _kind: kinds.RecordKind) -> RecordsPage:
    from studio_app.ui.pages.proposals_page import ProposalsPage

    return ProposalsPage(window.ctx, window.lookups, window, open_record=window.open_record)


def _members(window: MainWindow, _kind: kinds.RecordKind) -> RecordsPage:
    from studio_app.ui.pages.people_pages import MembersPage

    return MembersPage(window.ctx, window.lookups, window)


def _residents(window: MainWindow, _kind: kinds.RecordKind) -> RecordsPage:
    from studio_app.ui.pages.people_pages import ResidentsPage

    def open_visit(visit_id: int) -> None:
        window.open_record("visit", visit_id)

    return ResidentsPage(window.ctx, window.lookups, window, open_visit=open_visit)


def _generic(window: MainWindow, kind: kinds.RecordKind) -> RecordsPage:
    from studio_app.ui.pages.kind_page import KindPage

    page = KindPage(window.ctx, window.lookups, kind, window)
    page.growRequested.connect(lambda grown, ids: window.grow_record(grown, kind.name, ids))
    return page


def _elections(window: MainWindow, kind: kinds.RecordKind) -> RecordsPage:
    from studio_app.ui.pages.elections_page import ElectionsPage

    page = ElectionsPage(window.ctx, window.lookups, kind, window)
    page.growRequested.connect(lambda grown, ids: window.grow_record(grown, kind.name, ids))
    return page


# Generic kinds whose page adds to the generic one, with its builder.
_EXTENDED: dict[str, Build] = {"election": _elections}


def _own() -> dict[str, tuple[str, str, Build]]:
    """kind → page name, title, builder of the kinds with pages of their own."""
    translate = QCoreApplication.translate  # (in the main window's context, as before)
    return {
        "visit": ("visits", translate("MainWindow", "Visits"), _visits),
        "proposal": ("proposals", translate("MainWindow", "Proposals"), _proposals),
        "member": ("members", translate("MainWindow", "Members"), _members),
        "resident": ("residents", translate("MainWindow", "Residents"), _residents),
    }


def _entry(kind: kinds.RecordKind, own: dict[str, tuple[str, str, Build]]) -> PageEntry:
    if kind.name in own:
        name, title, build = own[kind.name]
        return PageEntry(kind, name, title, build)
    build = _EXTENDED.get(kind.name, _generic)
    return PageEntry(kind, kind.name, declared(kind.short_label, 2), build)


def entries() -> tuple[PageEntry, ...]:
    """The record pages in navigation order: the records (kinds with a date), then the
    people, each in declaration order, with a page of their own or the generic one; then
    the generic kinds in the order they were declared."""
    own = _own()
    served = [k for k in kinds.all_kinds() if not k.generic]
    ordered = [k for k in served if k.date_key] + [k for k in served if not k.date_key]
    ordered += kinds.generic()
    return tuple(_entry(kind, own) for kind in ordered)
