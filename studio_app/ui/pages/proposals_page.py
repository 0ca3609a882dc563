"""The proposals page (提案与社情民意): kind/status filters, the lazy list, the dialog."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QDialog, QPushButton, QWidget

from studio_app.core.codes import CodeListKind, ProposalKind, ProposalStatus, ReplyClass, Review
from studio_app.services import proposals, site
from studio_app.services.context import Context
from studio_app.services.record_lists import PROPOSALS
from studio_app.ui.dialogs.proposal_dialog import ProposalDialog
from studio_app.ui.dialogs.proposal_prefill import from_interview, from_visits
from studio_app.ui.lookups import Lookups, enum_labels
from studio_app.ui.models.lister_table import ListColumn, plain
from studio_app.ui.pages.list_page import ListPage
from studio_app.ui.printing import launch, print_jobs
from studio_app.ui.widgets.combos import code_combo


class ProposalsPage(ListPage):
    """Proposal-type records, newest first; ``open_visit`` follows a source link."""

    lister = PROPOSALS
    noun = "proposal"

    def __init__(
        self,
        ctx: Context,
        lookups: Lookups,
        parent: QWidget | None = None,
        *,
        open_visit: Callable[[int], Any] | None = None,
        open_interview: Callable[[int], Any] | None = None,
    ) -> None:
        self.open_visit = open_visit
        self.open_interview = open_interview
        super().__init__(ctx, lookups, parent)

    def columns(self) -> Sequence[ListColumn]:
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

    def stretch_column(self) -> str:
        return "title"

    def search_hint(self) -> str:
        return self.tr("Search title, facts, recommendations…")

    def new_title(self) -> str:
        return self.tr("New proposal")

    def add_filters(self) -> None:
        kinds, statuses = enum_labels(ProposalKind), enum_labels(ProposalStatus)
        self.add_filter("kind", code_combo(kinds, self, empty=self.tr("All kinds")))
        self.add_filter("status", code_combo(statuses, self, empty=self.tr("All statuses")))
        reviews = enum_labels(Review)
        self.add_filter("review", code_combo(reviews, self, empty=self.tr("All reviews")))
        self.print_button = QPushButton(self.tr("Print…"), self)
        self.print_button.setObjectName("printProposalButton")
        self.print_button.setToolTip(self.tr("Preview and print the selected record on its form"))
        self.print_button.clicked.connect(self.print_selected)
        self.top.insertWidget(2, self.print_button)

    def print_selected(self) -> None:
        """The selected proposal (or 社情民意 …) on its form, in a preview."""
        proposal_id = self.selected_id()
        if proposal_id is None:
            launch.tell(self, self.tr("Select a record to print."))
            return
        launch.preview(self, lambda: print_jobs.proposal(self.ctx, proposal_id))

    print_current = print_selected

    def make_dialog(self, record_id: int | None) -> QDialog:
        return self._connect(ProposalDialog(self.ctx, record_id, self))

    def _connect(self, dialog: ProposalDialog) -> ProposalDialog:
        if self.open_visit is not None:
            dialog.openVisit.connect(self.open_visit)
        if self.open_interview is not None:
            dialog.openInterview.connect(self.open_interview)
        return dialog

    def from_visits(self, visit_ids: Sequence[int]) -> QDialog | None:
        """The new-proposal dialog prefilled from ``visit_ids`` and linked to them."""
        if self.dialog is not None:
            self.dialog.raise_()
            return None
        dialog = ProposalDialog(
            self.ctx, None, self, prefill=from_visits(visit_ids), source_visits=visit_ids
        )
        return self.show_dialog(self._connect(dialog))

    def from_interview(self, interview_id: int) -> QDialog | None:
        """The new-proposal dialog prefilled from an interview and linked to it."""
        if self.dialog is not None:
            self.dialog.raise_()
            return None
        dialog = ProposalDialog(
            self.ctx,
            None,
            self,
            prefill=from_interview(interview_id),
            source_interviews=[interview_id],
        )
        return self.show_dialog(self._connect(dialog))

    def delete_record(self, record_id: int) -> None:
        proposals.delete(self.ctx, record_id)
