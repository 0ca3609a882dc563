"""The members (委员) and residents (群众) pages.

The residents page shows, under the list, the visits of the resident in the current row
(a lazy visits model filtered in SQL); activating one opens the visit.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGroupBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
)

from studio_app.core.codes import CodeListKind, Gender, ResidentKind
from studio_app.core.errors import UserError
from studio_app.core.identity import mask_id_number, mask_phone
from studio_app.services import members, resident_merge, residents, site
from studio_app.services.context import Context
from studio_app.services.lists.paging import ListQuery
from studio_app.services.lists.records import MEMBERS, RESIDENTS
from studio_app.ui import messages, operations
from studio_app.ui.dialogs import resident_merge_dialog
from studio_app.ui.lookups import Lookups, enum_labels
from studio_app.ui.models.lister_table import ListColumn, flag, plain
from studio_app.ui.models.visit_table import COLUMNS, visit_model
from studio_app.ui.pages.list_page import ListPage, fit_columns, setup_table
from studio_app.ui.widgets.combos import code_combo

HISTORY_COLUMNS = ("serial", "occurred_at", "channel", "category", "content", "status")


class MembersPage(ListPage):
    """Members by name; filters by sector, standing committee, in office."""

    lister = MEMBERS
    noun = "member"
    descending = False
    studio_records = True

    def columns(self) -> Sequence[ListColumn]:
        phone = plain("phone") if self.ctx.may_see_pii else (lambda r: mask_phone(r["phone"]))
        return (
            ListColumn("name", self.tr("Name"), plain("name")),
            ListColumn("gender", self.tr("Gender"), plain("gender", enum_labels(Gender))),
            ListColumn(
                "sector", self.tr("Sector"), plain("sector", site.code_labels(CodeListKind.SECTOR))
            ),
            ListColumn("unit_and_post", self.tr("Unit and post"), plain("unit_and_post")),
            ListColumn("phone", self.tr("Phone"), phone),
            ListColumn("is_standing", self.tr("Standing committee"), flag("is_standing", "✓")),
            ListColumn("active", self.tr("In office"), flag("active", "✓")),
        )

    def stretch_column(self) -> str:
        return "unit_and_post"

    def search_hint(self) -> str:
        return self.tr("Search by name…")

    def new_title(self) -> str:
        return self.tr("New member")

    def current_query(self) -> ListQuery:
        query = super().current_query()
        filters = dict(query.filters)
        if query.text:
            filters["name"] = query.text  # members are few: a name prefix is enough
        return ListQuery(filters=filters)

    def add_filters(self) -> None:
        sectors = site.code_labels(CodeListKind.SECTOR)
        self.add_filter("sector", code_combo(sectors, self, empty=self.tr("All sectors")))
        self.add_filter("is_standing", QCheckBox(self.tr("Standing committee only"), self))
        self.add_filter("active", QCheckBox(self.tr("In office only"), self))

    def make_dialog(self, record_id: int | None) -> QDialog:
        from studio_app.ui.dialogs.person_dialogs import MemberDialog  # with the first dialog

        return MemberDialog(self.ctx, record_id, self)

    def delete_record(self, record_id: int) -> None:
        members.delete(self.ctx, record_id)


class ResidentsPage(ListPage):
    """Residents by name, phone or ID number; the current one's visits below the list."""

    lister = RESIDENTS
    noun = "resident"
    descending = False
    studio_records = True

    def __init__(
        self,
        ctx: Context,
        lookups: Lookups,
        parent: Any = None,
        *,
        open_visit: Callable[[int], Any] | None = None,
    ) -> None:
        super().__init__(ctx, lookups, parent)
        self.open_visit = open_visit
        self.history = visit_model(ctx, lookups, self, page_size=100)
        self.history_table = QTableView(self)
        self.history_table.setObjectName("residentHistory")
        setup_table(self.history_table, self.history)
        for column, key in enumerate(COLUMNS):
            self.history_table.setColumnHidden(column, key not in HISTORY_COLUMNS)
        self.history.reload()
        fit_columns(self.history_table, COLUMNS.index("content"))
        self.history_table.activated.connect(self._open_visit)
        self.history_box = QGroupBox(self.tr("Visits of this resident"), self)
        QVBoxLayout(self.history_box).addWidget(self.history_table)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.body.removeWidget(self.table)
        splitter.addWidget(self.table)
        splitter.addWidget(self.history_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.body.addWidget(splitter, 1)
        self.table.selectionModel().currentRowChanged.connect(self._show_history)
        self.merge_button = QPushButton(self.tr("Merge…"), self)
        self.merge_button.setObjectName("mergeResidentsButton")
        self.merge_button.setToolTip(self.tr("Merge the two selected residents into one"))
        self.merge_button.clicked.connect(self.merge_selected)
        self.undo_merge_button = QPushButton(self.tr("Undo merge"), self)
        self.undo_merge_button.setObjectName("undoMergeButton")
        self.undo_merge_button.setToolTip(self.tr("Undo the last merge into the current resident"))
        self.undo_merge_button.clicked.connect(self.undo_merge)
        self.top.insertWidget(self.top.indexOf(self.delete_button), self.merge_button)
        self.top.insertWidget(self.top.indexOf(self.delete_button), self.undo_merge_button)
        self.merge_button.setEnabled(ctx.role != "viewer")
        for button in (self.merge_button, self.undo_merge_button):
            button.setVisible(not self.county)  # merging rewrites the studios' records
        self.model.modelReset.connect(lambda: self._show_history(self.table.currentIndex()))
        self._show_history(QModelIndex())

    def shown_kinds(self) -> frozenset[str]:
        return super().shown_kinds() | {"visit"}  # the current resident's visits, below

    def columns(self) -> Sequence[ListColumn]:
        pii = self.ctx.may_see_pii
        phone = plain("phone") if pii else (lambda r: mask_phone(r["phone"]))
        id_number = plain("id_number") if pii else (lambda r: mask_id_number(r["id_number"]))
        return (
            ListColumn("name", self.tr("Name"), plain("name")),
            ListColumn("gender", self.tr("Gender"), plain("gender", enum_labels(Gender))),
            ListColumn("phone", self.tr("Phone"), phone),
            ListColumn("id_number", self.tr("ID number"), id_number),
            ListColumn("village", self.tr("Village"), plain("village")),
            ListColumn("group_name", self.tr("Group"), plain("group_name")),
            ListColumn("kind", self.tr("Kind"), plain("kind", enum_labels(ResidentKind))),
            ListColumn(
                "last_contacted_at", self.tr("Last contact"), plain("last_contacted_at", width=10)
            ),
        )

    def search_hint(self) -> str:
        return self.tr("Search by name, phone or ID number…")

    def new_title(self) -> str:
        return self.tr("New resident")

    def add_filters(self) -> None:
        kinds = enum_labels(ResidentKind)
        self.add_filter("kind", code_combo(kinds, self, empty=self.tr("All kinds")))

    def make_dialog(self, record_id: int | None) -> QDialog:
        from studio_app.ui.dialogs.person_dialogs import ResidentDialog  # with the first dialog

        return ResidentDialog(self.ctx, record_id, self)

    def delete_record(self, record_id: int) -> None:
        residents.delete(self.ctx, record_id)

    def merge_selected(self) -> bool:
        """Merge the two selected residents (the dialog says which is kept and what moves)."""
        ids = self.selected_ids()
        if len(ids) != 2:
            messages.show_error(self, self.tr("Select exactly two residents to merge."))
            return False
        try:
            resident_merge.preview(self.ctx, ids[0], ids[1])  # refusals before the dialog
            chosen = resident_merge_dialog.choose_kept(self.ctx, ids[0], ids[1], self)
            if chosen is None:
                return False
            kept, merged = chosen
            operations.call(lambda: resident_merge.merge(self.ctx, kept, merged))
        except UserError as exc:
            messages.show_error(self, exc.message)
            return False
        self.select_record(chosen[0])  # the list read the merge when it was announced
        return True

    def undo_merge(self) -> bool:
        """Undo the last merge into the current resident, after asking."""
        resident = self.selected_id()
        entry = resident_merge.last_merge(resident) if resident else None
        if resident is None or entry is None:
            return False
        name = residents.get(resident).name
        question = self.tr("Undo the last merge into “{0}”? The other record comes back.")
        if not resident_merge_dialog.confirm_undo(self, question.format(name)):
            return False
        try:
            operations.call(lambda: resident_merge.undo(self.ctx, entry))
        except UserError as exc:
            messages.show_error(self, exc.message)
            return False
        self.select_record(resident)  # the list read the undo when it was announced
        return True

    def _show_history(self, index: QModelIndex) -> None:
        if not hasattr(self, "history"):
            return
        resident = self.model.record_id(index.row()) if index.isValid() else 0
        if hasattr(self, "undo_merge_button"):
            can_undo = bool(resident) and self.ctx.role != "viewer"
            self.undo_merge_button.setEnabled(
                can_undo and resident_merge.last_merge(resident) is not None
            )
        self.history.set_query(ListQuery(filters={"resident": resident}))
        self.history_box.setEnabled(bool(resident))

    def _open_visit(self, index: QModelIndex) -> None:
        if index.isValid() and self.open_visit is not None:
            self.open_visit(self.history.visit_id(index.row()))
