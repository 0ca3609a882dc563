"""The election observations' page: the generic page of the kind, with two views more —
the selected election's stages and open issues, and a term's villages by stage observed
(:mod:`studio_app.ui.dialogs.election_views`)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QPushButton

from studio_app.services import elections
from studio_app.ui.dialogs.election_views import ElectionStagesDialog, ElectionTermDialog
from studio_app.ui.pages.kind_page import KindPage
from studio_app.ui.printing import launch


class ElectionsPage(KindPage):
    """Election observations, newest election first."""

    def _add_buttons(self) -> None:
        super()._add_buttons()
        at = self.top.indexOf(self.print_button) + 1
        self.stages_button = QPushButton(self.tr("Stages…"), self)
        self.stages_button.setObjectName("electionStagesButton")
        self.stages_button.setToolTip(
            self.tr("The selected election's stages observed and its open issues")
        )
        self.stages_button.clicked.connect(self.show_stages)
        self.term_button = QPushButton(self.tr("By term…"), self)
        self.term_button.setObjectName("electionTermButton")
        self.term_button.setToolTip(self.tr("A term's villages and the stages observed in each"))
        self.term_button.clicked.connect(self.show_term)
        self.top.insertWidget(at, self.stages_button)
        self.top.insertWidget(at + 1, self.term_button)

    def show_stages(self) -> QDialog | None:
        """The current election's stages, in a dialog."""
        record_id = self.selected_id()
        if record_id is None:
            launch.tell(self, self.tr("Select an election observation first."))
            return None
        dialog = ElectionStagesDialog(self.ctx, record_id, self)
        dialog.open()
        return dialog

    def show_term(self) -> QDialog:
        """The term of the current election (else the latest) by village and stage."""
        record_id = self.selected_id()
        term = "" if record_id is None else elections.timeline(record_id).term
        dialog = ElectionTermDialog(self.ctx, self, term)
        dialog.open()
        return dialog
