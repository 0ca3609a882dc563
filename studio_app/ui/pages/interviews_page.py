"""The interviews page (访谈): search, kind/status filters, the lazy list, the dialog."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QPushButton

from studio_app.core.codes import InterviewKind, InterviewStatus
from studio_app.services import interviews
from studio_app.services.record_lists import INTERVIEWS
from studio_app.ui.dialogs.interview_dialog import InterviewDialog
from studio_app.ui.lookups import enum_labels
from studio_app.ui.models.lister_table import ListColumn, plain
from studio_app.ui.pages.list_page import ListPage
from studio_app.ui.printing import launch, print_jobs
from studio_app.ui.widgets.combos import code_combo


class InterviewsPage(ListPage):
    """Interviews, newest first."""

    lister = INTERVIEWS
    noun = "interview"
    studio_records = True
    proposalRequested = Signal(int)  # interview id: write a proposal from it

    def add_filters(self) -> None:
        kinds, statuses = enum_labels(InterviewKind), enum_labels(InterviewStatus)
        self.add_filter("kind", code_combo(kinds, self, empty=self.tr("All forms")))
        self.add_filter("status", code_combo(statuses, self, empty=self.tr("All statuses")))
        self.convert_button = QPushButton(self.tr("Turn into proposal…"), self)
        self.convert_button.setObjectName("convertInterviewButton")
        self.convert_button.setToolTip(self.tr("Write a suggestion from the selected interview"))
        self.convert_button.clicked.connect(self.convert_selected)
        self.convert_button.setVisible(not self.county)  # proposals are written at studios
        self.top.insertWidget(2, self.convert_button)
        self.print_button = QPushButton(self.tr("Print…"), self)
        self.print_button.setObjectName("printInterviewButton")
        self.print_button.setToolTip(self.tr("Preview and print the selected interview record"))
        self.print_button.clicked.connect(self.print_selected)
        self.top.insertWidget(3, self.print_button)

    def convert_selected(self) -> None:
        interview_id = self.selected_id()
        if interview_id is not None:
            self.proposalRequested.emit(interview_id)

    def print_selected(self) -> None:
        """The 委员访谈记录表 of the current interview, in a preview."""
        interview_id = self.selected_id()
        if interview_id is None:
            launch.tell(self, self.tr("Select an interview to print."))
            return
        launch.preview(self, lambda: print_jobs.interview(self.ctx, interview_id))

    print_current = print_selected

    def columns(self) -> Sequence[ListColumn]:
        kinds, statuses = enum_labels(InterviewKind), enum_labels(InterviewStatus)
        return (
            ListColumn("serial", self.tr("Serial"), plain("serial")),
            ListColumn("occurred_at", self.tr("Time"), plain("occurred_at", width=16)),
            ListColumn("kind", self.tr("Form"), plain("kind", kinds)),
            ListColumn("title", self.tr("Topic"), plain("title")),
            ListColumn("member_names", self.tr("Members"), plain("member_names")),
            ListColumn("participant_count", self.tr("Participants"), plain("participant_count")),
            ListColumn("status", self.tr("Status"), plain("status", statuses)),
        )

    def stretch_column(self) -> str:
        return "title"

    def search_hint(self) -> str:
        return self.tr("Search topic, members, views…")

    def new_title(self) -> str:
        return self.tr("New interview")

    def make_dialog(self, record_id: int | None) -> QDialog:
        return InterviewDialog(self.ctx, record_id, self)

    def delete_record(self, record_id: int) -> None:
        interviews.delete(self.ctx, record_id)
