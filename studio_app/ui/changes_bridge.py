"""The GUI's ear for :mod:`studio_app.services.changes`: pages refresh themselves.

A service write announces the kinds it changed once committed; the one :class:`ChangesBridge`
re-emits the announcement on the GUI thread (directly when the write ran there, queued when
it ran on the database worker), and each page that :func:`follow`\\s the kinds it shows reads
them again, keeping what the user had selected and where the list was scrolled
(:func:`reload_kept`). Nothing reloads pages by hand after an import, a restore or a merge.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import shiboken6
from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QTableView

from studio_app.core import kinds
from studio_app.core.fields import Kind
from studio_app.services import changes
from studio_app.ui.models.lister_table import ListerTableModel


class ChangesBridge(QObject):
    """Carries each announcement (a frozenset of kind names) to the GUI thread."""

    changed = Signal(object)
    _heard = Signal(object)  # from another thread: queued to :meth:`_relay`

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._heard.connect(self._relay, Qt.ConnectionType.QueuedConnection)
        self._stop = stop = changes.subscribe(self._listen)
        self.destroyed.connect(lambda *_: stop())

    def _listen(self, names: frozenset[str]) -> None:
        if QThread.currentThread() is self.thread():
            self.changed.emit(names)  # a GUI-thread write: its page is fresh when it returns
        else:
            self._heard.emit(names)

    def _relay(self, names: frozenset[str]) -> None:
        self.changed.emit(names)

    def stop(self) -> None:
        """Stop listening (the app is closing, or a test is over)."""
        self._stop()


_bridge: ChangesBridge | None = None


def bridge() -> ChangesBridge:
    """The process's bridge, made on first use (owned by the application object)."""
    global _bridge
    if _bridge is None or not shiboken6.isValid(_bridge):
        _bridge = ChangesBridge(QCoreApplication.instance())
    return _bridge


def shown_by(name: str) -> frozenset[str]:
    """What a list of kind ``name`` shows: its records, the names of the members, residents
    and records they link to, and code labels."""
    kind = kinds.kind(name)
    found = {name, changes.CODE_LISTS, *(link.target_kind for link in kind.links)}
    for f in kind.fields:
        if f.kind in (Kind.MEMBER, Kind.MEMBERS):
            found.add("member")
        elif f.kind in (Kind.RESIDENT, Kind.RESIDENTS):
            found.add("resident")
        elif f.kind is Kind.RECORD:
            found.add(f.target)
    return frozenset(found)


def reset() -> None:
    """Stop the bridge: pages following it hear nothing more (a test is over); the next
    :func:`bridge` is a new one."""
    global _bridge
    if _bridge is not None and shiboken6.isValid(_bridge):
        _bridge.stop()  # it hears no announcement, so it emits none
        _bridge.deleteLater()
    _bridge = None


class _Follower(QObject):
    """A page's subscription: a child of the page, so it ends with the page."""

    def __init__(
        self, owner: QObject, shown: Callable[[], Iterable[str]], refresh: Callable[[], None]
    ) -> None:
        super().__init__(owner)
        self._shown = shown
        self._refresh = refresh
        bridge().changed.connect(self._heard)

    def _heard(self, names: frozenset[str]) -> None:
        if any(changes.covers(names, name) for name in self._shown()):
            self._refresh()


def follow(
    owner: QObject, shown: Callable[[], Iterable[str]], refresh: Callable[[], None]
) -> QObject:
    """Call ``refresh`` whenever an announcement covers a name ``shown()`` gives (asked each
    time: kinds may be registered later), as long as ``owner`` lives."""
    return _Follower(owner, shown, refresh)


def reload_kept(table: QTableView, model: ListerTableModel) -> None:
    """Read ``model`` again, keeping the selected records, the current one and the scroll
    position (rows loaded before are loaded again, so the list can scroll back there)."""
    selection = table.selectionModel()
    loaded = model.rowCount()
    current = table.currentIndex()
    current_id = model.record_id(current.row()) if current.isValid() else None
    column = current.column() if current.isValid() else 0
    chosen = [model.record_id(i.row()) for i in selection.selectedRows()] if selection else []
    vertical, horizontal = table.verticalScrollBar().value(), table.horizontalScrollBar().value()
    model.reload()
    while model.rowCount() < loaded and model.canFetchMore():
        model.fetchMore()
    selection = table.selectionModel()
    flags = QItemSelectionModel.SelectionFlag
    if current_id is not None and (row := model.row_of(current_id)) is not None:
        selection.setCurrentIndex(model.index(row, column), flags.NoUpdate)
    for record_id in chosen:
        if (row := model.row_of(record_id)) is not None:
            selection.select(model.index(row, 0), flags.Select | flags.Rows)
    table.verticalScrollBar().setValue(vertical)
    table.horizontalScrollBar().setValue(horizontal)
