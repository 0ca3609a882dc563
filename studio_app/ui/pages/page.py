"""What the main window asks of its pages, typed so that it never has to guess.

:class:`RecordsPage` is a page listing one kind of record (visits, a :class:`ListPage`):
the window follows its links, shares its detail-panel divider, refreshes it when records of
its kind change elsewhere, opens its records and focuses its search. A page that prints
what it shows is :class:`Printable`.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QLineEdit, QSplitter, QWidget


@runtime_checkable
class Printable(Protocol):
    """A page with something to print (Ctrl+P)."""

    def print_current(self) -> None: ...


class RecordsPage(QWidget):
    """A searchable list of one kind of record with the current record's details beside it."""

    countChanged = Signal(int)  # the number of records the current query selects
    linkActivated = Signal(str, int)  # a link in the detail panel: record kind, id
    search: QLineEdit
    splitter: QSplitter  # the list and the detail panel

    def set_details_shown(self, shown: bool) -> None:
        """Show or hide the detail panel beside the list."""
        raise NotImplementedError

    def refresh_studios(self) -> None:
        """At the county: offer the studios heard from so far in the studio filter."""

    def reload(self) -> None:
        """Read the list again (records of its kind changed elsewhere)."""
        raise NotImplementedError

    def open_record(self, record_id: int | None) -> QDialog:
        """The dialog of a record (``None``: a new one)."""
        raise NotImplementedError


def camel(name: str) -> str:
    """A kind's name as in object names: "tea_talk" → "TeaTalk"."""
    return "".join(part.title() for part in name.split("_"))
