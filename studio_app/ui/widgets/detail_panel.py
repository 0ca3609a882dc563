"""A read-only panel beside a list showing the whole current record.

It is fed a :class:`~studio_app.services.record_details.Details` (labelled rows, long text
wrapped, linked records as links, the rows of a ROWS field as a small table), its labels
in the UI language (the service words them in Chinese); activating a link emits
``linkActivated(kind, id)``. ``DetailLoader`` keeps a list page's panel up to date
without loading every row the cursor passes over.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtWidgets import QAbstractItemView, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from studio_app.core import kinds
from studio_app.core.errors import UserError
from studio_app.services import record_details
from studio_app.services.context import Context
from studio_app.services.record_details import Details, Row
from studio_app.ui.i18n import declared, label

LOAD_DELAY_MS = 80  # holding an arrow key moves faster than this: only the last row loads
PANEL_WIDTH = 320  # first width beside the list, before the user drags the divider


class DetailPanel(QWidget):
    """Shows one record's :class:`Details`; empty with a hint when nothing is selected."""

    linkActivated = Signal(str, int)  # record kind, record id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("detailPanel")
        self.details: Details | None = None
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("detailText")
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.anchorClicked.connect(self._anchor_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        self.show_details(None)

    def text(self) -> str:
        """What the panel shows, as plain text."""
        return self.browser.toPlainText()

    def show_message(self, message: str) -> None:
        self.details = None
        self.browser.setHtml(f"<p style='color:#777'>{escape(message)}</p>")

    def show_details(self, details: Details | None) -> None:
        if details is None:
            self.show_message(self.tr("Select a row to see the whole record here."))
            return
        self.details = details
        rows = "".join(self._row_html(row) for row in details.rows)
        title = f"<h3>{escape(details.title)}</h3>" if details.title else ""
        self.browser.setHtml(
            f"{title}<table width='100%' cellspacing='0' cellpadding='3'>{rows}</table>"
        )

    def row_title(self, row: Row) -> str:
        """What the row is called in the UI language (a declared label, or the panel's)."""
        if row.key == "serial":
            return self.tr("Serial")
        if row.key == "status":
            return self.tr("Status")
        if row.key == "origins":
            return self.tr("Grew from")
        if row.key == "visits":
            return declared(kinds.VISIT.label, 2)
        grown = row.key.removeprefix("grown:")
        if grown != row.key and grown in kinds.names():
            return self.tr("Resulting {0}").format(declared(kinds.kind(grown).short_label, 2))
        return declared(row.label)

    def _row_html(self, row: Row) -> str:
        name = f"<span style='color:#666'>{escape(self.row_title(row))}</span>"
        if row.refs:
            links = [
                f"<a href='{ref.kind}:{ref.record_id}'>{escape(ref.text)}</a>"
                + (f" <span style='color:#555'>{escape(ref.note)}</span>" if ref.note else "")
                for ref in row.refs
            ]
            if row.more:
                links.append(escape(self.tr("… and {0} more").format(row.more)))
            items = "".join(f"<p style='margin:0 0 3px 0'>{link}</p>" for link in links)
            return f"<tr><td colspan='2'>{name}{items}</td></tr>"
        if row.table:
            return f"<tr><td colspan='2'>{name}{self._table_html(row)}</td></tr>"
        value = escape(row.text).replace("\n", "<br>")
        if row.long:
            return f"<tr><td colspan='2'>{name}<br>{value}</td></tr>"
        return f"<tr><td style='white-space:nowrap' width='1%'>{name}</td><td>{value}</td></tr>"

    def _table_html(self, row: Row) -> str:
        """A ROWS field's rows under its label, numbered: the first column's value, then
        the others' with their column's label (a narrow panel has no room for a table)."""
        titles = [escape(declared(c)) for c in row.columns]
        out = []
        for n, cells in enumerate(row.table, start=1):
            first, *rest = (escape(v) for v in cells)
            out.append(f"<p style='margin:3px 0 0 0'>{n}. {first}</p>")
            pairs = [f"<span style='color:#666'>{t}</span> {v}"
                     for t, v in zip(titles[1:], rest, strict=True) if v]  # fmt: skip
            if pairs:
                out.append(f"<p style='margin:0 0 0 14px'>{'　'.join(pairs)}</p>")
        return "".join(out)

    def activate(self, kind: str, record_id: int) -> None:
        """Follow a link, as a click on it does."""
        self.linkActivated.emit(kind, record_id)

    def _anchor_clicked(self, url: QUrl) -> None:
        kind, _, record_id = url.toString().partition(":")
        if kind in record_details.KINDS and record_id.isdigit():
            self.activate(kind, int(record_id))


def load_details(ctx: Context, kind: str, record_id: int) -> Details:
    """What the panel shows of a record, codes and ticks in the UI language."""
    yes_no = (
        QCoreApplication.translate("DetailPanel", "Yes"),
        QCoreApplication.translate("DetailPanel", "No"),
    )
    return record_details.details(ctx, kind, record_id, enum_label=label, yes_no=yes_no)


def detail_splitter(list_area: QWidget, panel: DetailPanel, parent: QWidget) -> QSplitter:
    """The list on the left taking the spare width, the panel on the right."""
    splitter = QSplitter(Qt.Orientation.Horizontal, parent)
    splitter.setObjectName("detailSplitter")
    splitter.addWidget(list_area)
    splitter.addWidget(panel)
    splitter.setStretchFactor(0, 1)
    splitter.setStretchFactor(1, 0)
    splitter.setCollapsible(0, False)
    splitter.setSizes([1000, PANEL_WIDTH])
    return splitter


class DetailLoader(QObject):
    """Loads the record of ``view``'s current row into ``panel`` a moment after it changes.

    ``record_id(row)`` names the record of a row; one get by id per load, never per row.
    """

    def __init__(
        self,
        ctx: Context,
        kind: str,
        view: QAbstractItemView,
        record_id: Callable[[int], int],
        panel: DetailPanel,
    ) -> None:
        super().__init__(panel)
        self.ctx = ctx
        self.kind = kind
        self.view = view
        self.record_id = record_id
        self.panel = panel
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(LOAD_DELAY_MS)
        self.timer.timeout.connect(self.load)
        view.selectionModel().currentChanged.connect(self._current_changed)
        view.model().modelReset.connect(self.timer.start)

    def _current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self.timer.start()

    def set_shown(self, shown: bool) -> None:
        """Show or hide the panel; shown again, it catches up with the current row."""
        self.panel.setVisible(shown)
        if shown:
            self.load()

    def load(self) -> None:
        """Show the current row's record now (the timer calls this after a pause)."""
        self.timer.stop()
        if self.panel.isHidden():  # shown again later: loads then
            return
        index = self.view.currentIndex()
        if not index.isValid():
            self.panel.show_details(None)
            return
        record_id = self.record_id(index.row())
        try:
            details = load_details(self.ctx, self.kind, record_id)
        except UserError as exc:
            self.panel.show_message(exc.message)
            return
        self.panel.show_details(details)
