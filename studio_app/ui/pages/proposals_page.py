"""The proposals page (提案与社情民意): kind/status filters, the lazy list, the dialog.

At the county it lists the studios' submitted records (drafts stay at the studios) with
their studio and stage, through-train items (直通车) first and marked, filters by studio and
stage, opens a record in the county work dialog, and accepts or assigns several selected
records at once. No "New" there. Both sides filter on 直通车.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDialog, QPushButton, QWidget

from studio_app.core.codes import CodeListKind, ProposalKind, ProposalStatus, ReplyClass, Review
from studio_app.core.errors import UserError
from studio_app.services import county_desk, county_work, proposals, site
from studio_app.services.context import Context
from studio_app.services.lists.records import PROPOSALS
from studio_app.ui import messages, operations
from studio_app.ui.dialogs import county_assign_dialog
from studio_app.ui.dialogs.county_assign_dialog import CountyAssignDialog, stage_names
from studio_app.ui.dialogs.county_dialog import CountyWorkDialog, is_county_work
from studio_app.ui.dialogs.proposal_dialog import ProposalDialog
from studio_app.ui.dialogs.proposal_prefill import from_origin
from studio_app.ui.lookups import Lookups, enum_labels
from studio_app.ui.models.lister_table import ListColumn, flag, plain
from studio_app.ui.pages.list_page import ListPage
from studio_app.ui.printing import launch, print_jobs
from studio_app.ui.widgets.combos import code_combo


class ProposalsPage(ListPage):
    """Proposal-type records, newest first; ``open_record`` (kind name, record id) follows a
    link to a record a proposal grew from."""

    lister = PROPOSALS
    noun = "proposal"

    def __init__(
        self,
        ctx: Context,
        lookups: Lookups,
        parent: QWidget | None = None,
        *,
        open_record: Callable[[str, int], None] | None = None,
    ) -> None:
        self.follow_link = open_record
        super().__init__(ctx, lookups, parent)
        if ctx.is_county:
            self._county_buttons()
            # The first page held drafts too; the county reads 直通车 first.
            self.model.set_query(replace(self.current_query(), sort="through_train"))
            header = self.table.horizontalHeader()
            header.setSortIndicator(self.model.sort_column(), Qt.SortOrder.DescendingOrder)

    def columns(self) -> Sequence[ListColumn]:
        if self.ctx.is_county:
            return self.county_columns()
        categories = site.code_labels(CodeListKind.PROPOSAL_CATEGORY)
        return (
            ListColumn("serial", self.tr("Serial"), plain("serial")),
            ListColumn("kind", self.tr("Kind"), plain("kind", enum_labels(ProposalKind))),
            ListColumn("title", self.tr("Title"), plain("title")),
            ListColumn("lead_member", self.tr("Lead member"), plain("lead_member")),
            ListColumn("category", self.tr("Category"), plain("category", categories)),
            ListColumn("status", self.tr("Status"), plain("status", enum_labels(ProposalStatus))),
            ListColumn("submitted_at", self.tr("Submitted"), plain("submitted_at", width=10)),
            ListColumn("review", self.tr("Review"), plain("review", enum_labels(Review))),
            ListColumn(
                "reply_class", self.tr("Reply"), plain("reply_class", enum_labels(ReplyClass))
            ),
            ListColumn("created_at", self.tr("Created"), plain("created_at", width=10)),
        )

    def county_columns(self) -> Sequence[ListColumn]:
        """The studio and where each record stands in the county's work."""
        names, today = stage_names(), self.ctx.today()
        train = self.tr("Through train")

        def day(value: Any) -> date | None:
            return date.fromisoformat(str(value)[:10]) if value else None

        def stage(row: dict[str, Any]) -> str:
            dates = {k: day(row[k]) for k in ("reply_due", "assigned_at")}
            return names[county_work.stage(SimpleNamespace(**{**row, **dates}), today).code]

        return (
            ListColumn("through_train", self.tr("Through train"), flag("through_train", train)),
            ListColumn("studio", self.tr("Studio"), plain("studio")),
            ListColumn("serial", self.tr("Serial"), plain("serial")),
            ListColumn("county_no", self.tr("County No."), plain("county_no")),
            ListColumn("kind", self.tr("Kind"), plain("kind", enum_labels(ProposalKind))),
            ListColumn("title", self.tr("Title"), plain("title")),
            ListColumn("lead_member", self.tr("Lead member"), plain("lead_member")),
            ListColumn("submitted_at", self.tr("Submitted"), plain("submitted_at", width=10)),
            ListColumn("stage", self.tr("Stage"), stage),
            ListColumn("reply_due", self.tr("Reply due"), plain("reply_due", width=10)),
            ListColumn("review", self.tr("Review"), plain("review", enum_labels(Review))),
            ListColumn(
                "reply_class", self.tr("Reply"), plain("reply_class", enum_labels(ReplyClass))
            ),
        )

    def stretch_column(self) -> str:
        return "title"

    def search_hint(self) -> str:
        return self.tr("Search title, facts, recommendations…")

    def new_title(self) -> str:
        return self.tr("New proposal")

    def add_filters(self) -> None:
        kinds, statuses = enum_labels(ProposalKind), enum_labels(ProposalStatus)
        self.add_filter("kind", code_combo(kinds, self, empty=self.tr("All kinds")))
        if self.ctx.is_county:
            studios = county_desk.studio_choices()
            self.add_filter("studio", code_combo(studios, self, empty=self.tr("All studios")))
            names = stage_names()
            stages = {s.code: names[s.code] for s in county_work.STAGES}
            self.add_filter("stage", code_combo(stages, self, empty=self.tr("All stages")))
        else:
            self.add_filter("status", code_combo(statuses, self, empty=self.tr("All statuses")))
            reviews = enum_labels(Review)
            self.add_filter("review", code_combo(reviews, self, empty=self.tr("All reviews")))
        train = QCheckBox(self.tr("Through train only"), self)
        train.setToolTip(
            self.tr("Only records members sent straight to the county (through train)")
        )
        self.add_filter("through_train", train)
        self.print_button = QPushButton(self.tr("Print…"), self)
        self.print_button.setObjectName("printProposalButton")
        self.print_button.setToolTip(self.tr("Preview and print the selected record on its form"))
        self.print_button.clicked.connect(self.print_selected)
        self.top.insertWidget(2, self.print_button)

    def filters(self) -> dict[str, Any]:
        """At the county, only what the studios submitted."""
        found = super().filters()
        if self.ctx.is_county:
            found["status"] = ProposalStatus.SUBMITTED.value
        return found

    # -- the county's batch steps ----------------------------------------------------------

    def _county_buttons(self) -> None:
        self.new_button.hide()
        self.delete_button.hide()  # a studio's record is the studio's to delete
        self.accept_button = QPushButton(self.tr("Accept"), self)
        self.accept_button.setObjectName("acceptProposalsButton")
        self.accept_button.setToolTip(self.tr("Accept the selected records"))
        self.accept_button.clicked.connect(self.accept_selected)
        self.assign_button = QPushButton(self.tr("Assign…"), self)
        self.assign_button.setObjectName("assignProposalsButton")
        self.assign_button.setToolTip(self.tr("Assign the selected records to handling units"))
        self.assign_button.clicked.connect(self.assign_selected)
        self.top.insertWidget(2, self.accept_button)
        self.top.insertWidget(3, self.assign_button)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._selection_changed)
        self._selection_changed()

    def _selection_changed(self) -> None:
        chosen = bool(self.table.selectionModel().selectedRows())
        self.accept_button.setEnabled(chosen)
        self.assign_button.setEnabled(chosen)

    def accept_selected(self) -> bool:
        """立案 the selected records after a question naming how many; True when done."""
        ids = self.selected_ids()
        if not ids:
            return False
        question = self.tr("Accept the %n selected record(s)?", "", len(ids))
        if not county_assign_dialog.ask_batch(self, question, self.tr("Accept")):
            return False
        try:
            operations.call(lambda: county_work.accept_many(self.ctx, ids))
        except UserError as exc:
            messages.show_error(self, exc.message)
            return False
        return True  # the list reads the records again when their change is announced

    def assign_selected(self) -> QDialog | None:
        """The batch assignment dialog for the selected records (window-modal)."""
        ids = self.selected_ids()
        if not ids:
            return None
        dialog = CountyAssignDialog(self.ctx, ids, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def print_selected(self) -> None:
        """The selected proposal (or 社情民意 …) on its form, in a preview."""
        proposal_id = self.selected_id()
        if proposal_id is None:
            launch.tell(self, self.tr("Select a record to print."))
            return
        launch.preview(self, lambda: print_jobs.proposal(self.ctx, proposal_id))

    print_current = print_selected

    def make_dialog(self, record_id: int | None) -> QDialog:
        if record_id is not None and is_county_work(self.ctx, proposals.get(record_id).origin_site):
            return CountyWorkDialog(self.ctx, record_id, self)
        return self._connect(ProposalDialog(self.ctx, record_id, self))

    def _connect(self, dialog: ProposalDialog) -> ProposalDialog:
        if self.follow_link is not None:
            dialog.openRecord.connect(self.follow_link)
        return dialog

    def grow_from(self, origin_kind: str, record_ids: Sequence[int]) -> None:
        """Open the new-proposal dialog prefilled from records of ``origin_kind`` (one of
        ``kinds.PROPOSAL.origins``) and linked to them."""
        if self.dialog is not None:
            self.dialog.raise_()
            return
        ids = list(record_ids)
        prefill = from_origin(origin_kind, ids)
        dialog = ProposalDialog(self.ctx, None, self, prefill=prefill, grew_from={origin_kind: ids})
        self.show_dialog(self._connect(dialog))

    def delete_record(self, record_id: int) -> None:
        proposals.delete(self.ctx, record_id)
