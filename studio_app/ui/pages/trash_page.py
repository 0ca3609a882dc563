"""The trash (回收站): the deleted records of every declared kind; restore.

Each kind is listed by its own lister with ``ListQuery(trash=True)`` (the trash is small and
searched with LIKE by the lister), in the order of the navigation. Visits, proposals,
members and residents show the columns chosen for them; any other kind its serial, date and
title, from its declaration.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studio_app.core import kinds
from studio_app.core.codes import ProposalKind
from studio_app.core.errors import UserError
from studio_app.services import changes, kind_records
from studio_app.services.context import Context
from studio_app.services.lists import visits as visit_list
from studio_app.services.lists.paging import Lister, ListQuery
from studio_app.services.lists.records import MEMBERS, PROPOSALS, RESIDENTS, kind_lister
from studio_app.ui import messages, operations
from studio_app.ui.changes_bridge import follow, reload_kept
from studio_app.ui.i18n import declared
from studio_app.ui.lookups import Lookups, enum_labels
from studio_app.ui.models import kind_columns
from studio_app.ui.models.lister_table import ListColumn, ListerTableModel, count_text, plain
from studio_app.ui.pages import registry
from studio_app.ui.pages.list_page import SEARCH_DELAY_MS, setup_table


@dataclass(frozen=True)
class TrashKind:
    key: str
    title: str
    lister: Lister
    columns: tuple[ListColumn, ...]

    def restore(self, ctx: Context, record_id: int) -> None:
        """Take the record back out of the trash, through its kind's service."""
        kind_records.service(kinds.kind(self.key)).restore(ctx, record_id)


class TrashPage(QWidget):
    """Pick a kind of record, see the deleted ones, restore the selected."""

    restored = Signal(str, int)  # kind key, record id

    def __init__(self, ctx: Context, lookups: Lookups, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trashPage")
        self.ctx = ctx
        self.kinds = self._kinds(lookups)
        if ctx.is_county:  # whose record it was (only that studio restores it)
            studio = ListColumn("studio", self.tr("Studio"), plain("studio"))
            self.kinds = tuple(replace(k, columns=(*k.columns, studio)) for k in self.kinds)
        self.kind = QComboBox(self)
        self.kind.setObjectName("trashKind")
        for kind in self.kinds:
            self.kind.addItem(kind.title, kind.key)
        self.search = QLineEdit(self)
        self.search.setObjectName("trashSearch")
        self.search.setPlaceholderText(self.tr("Search deleted records…"))
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel(self)
        self.restore_button = QPushButton(self.tr("Restore"), self)
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setToolTip(self.tr("Restore the selected records (Enter)"))
        self.restore_button.clicked.connect(self.restore_selected)
        self.table = QTableView(self)
        self.table.setObjectName("trashTable")
        self.table.activated.connect(lambda _index: self.restore_selected())
        self.models = {
            k.key: ListerTableModel(k.lister, k.columns, self, query=self._query(k, ""))
            for k in self.kinds
        }
        for model in self.models.values():
            model.totalChanged.connect(self._show_total)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.kind.currentIndexChanged.connect(self._kind_changed)

        top = QHBoxLayout()
        top.addWidget(self.kind)
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        top.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self._kind_changed()
        # The kind shown (others are read when chosen); code labels for the visits' category.
        shown = lambda: (self.current().key, changes.CODE_LISTS)  # noqa: E731
        follow(self, shown, lambda: reload_kept(self.table, self.model))

    def _kinds(self, lookups: Lookups) -> tuple[TrashKind, ...]:
        """Every declared kind, in the order of the navigation."""
        own = {k.key: k for k in self._own_kinds(lookups)}
        return tuple(
            own.get(entry.kind.name) or self._declared(entry.kind) for entry in registry.entries()
        )

    def _declared(self, kind: kinds.RecordKind) -> TrashKind:
        """A kind without columns of its own here: serial, date and title."""
        return TrashKind(
            kind.name,
            declared(kind.short_label, 2),
            kind_lister(kind),
            kind_columns.trash_columns(self.ctx, kind),
        )

    def _own_kinds(self, lookups: Lookups) -> tuple[TrashKind, ...]:
        proposal_kinds = enum_labels(ProposalKind)
        return (
            TrashKind(
                "visit",
                self.tr("Visits"),
                visit_list.LISTER,
                (
                    ListColumn("serial", self.tr("Serial"), plain("serial")),
                    ListColumn("occurred_at", self.tr("Time"), plain("occurred_at", width=16)),
                    ListColumn("resident_names", self.tr("Residents"), plain("resident_names")),
                    ListColumn(
                        "category", self.tr("Category"), plain("category", lookups.category)
                    ),
                    ListColumn("content", self.tr("Content"), plain("content")),
                ),
            ),
            TrashKind(
                "proposal",
                self.tr("Proposals"),
                PROPOSALS,
                (
                    ListColumn("serial", self.tr("Serial"), plain("serial")),
                    ListColumn("kind", self.tr("Kind"), plain("kind", proposal_kinds)),
                    ListColumn("title", self.tr("Title"), plain("title")),
                ),
            ),
            TrashKind(
                "member",
                self.tr("Members"),
                MEMBERS,
                (ListColumn("name", self.tr("Name"), plain("name")),),
            ),
            TrashKind(
                "resident",
                self.tr("Residents"),
                RESIDENTS,
                (
                    ListColumn("name", self.tr("Name"), plain("name")),
                    ListColumn("village", self.tr("Village"), plain("village")),
                ),
            ),
        )

    def _query(self, kind: TrashKind, text: str) -> ListQuery:
        text_ok = bool(kind.lister.spec.like_columns) or kind.key == "resident"
        return ListQuery(text=text if text_ok else "", trash=True)

    def current(self) -> TrashKind:
        return self.kinds[max(0, self.kind.currentIndex())]

    @property
    def model(self) -> ListerTableModel:
        return self.models[self.current().key]

    def _kind_changed(self) -> None:
        setup_table(self.table, self.model)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.refresh()

    def refresh(self) -> None:
        self._timer.stop()
        kind = self.current()
        self.model.set_query(self._query(kind, self.search.text().strip()))

    def _show_total(self, _total: int) -> None:
        self.count_label.setText(self.tr("{0} deleted").format(count_text(self.model.total)))

    def restore_selected(self) -> int:
        """Restore every selected record; returns how many were restored."""
        kind = self.current()
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        ids = [self.model.record_id(r) for r in rows]
        ctx = self.ctx

        def work() -> tuple[list[int], str | None]:
            restored: list[int] = []
            with changes.collect():  # one announcement: the pages read the restored once
                for record_id in ids:
                    try:
                        kind.restore(ctx, record_id)
                    except UserError as exc:
                        return restored, exc.message
                    restored.append(record_id)
            return restored, None

        restored, refused = operations.call(work)
        for record_id in restored:
            self.restored.emit(kind.key, record_id)
        if refused is not None:
            messages.show_error(self, refused)
        return len(restored)

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.refresh()
