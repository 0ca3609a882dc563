"""The visits page (接待走访): the generic page of the visit kind, plus what only visits have.

From the declaration (:class:`~studio_app.ui.pages.kind_page.KindPage`) it has its search,
columns, filters, the details beside the list, the 转为提案/社情民意 button and, at the
county, the 工作室 column and filter with a studio's visits read-only. Only visits have:
overdue cases drawn in red, the filters by the residents' village and by "overdue only",
their own dialog with its workflow panel, and printing several forms, with full numbers or
a date range.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QCheckBox, QDialog, QMenu, QToolButton, QWidget

from studio_app.core import kinds
from studio_app.services import residents
from studio_app.services.context import Context
from studio_app.services.lists.paging import ListQuery
from studio_app.ui.lookups import Lookups
from studio_app.ui.models.lister_table import ListColumn, ListerTableModel
from studio_app.ui.models.visit_table import VisitTableModel
from studio_app.ui.pages.kind_page import KindPage
from studio_app.ui.printing import launch, print_jobs
from studio_app.ui.printing.range_dialog import VisitRangeDialog
from studio_app.ui.widgets.combos import code_combo


class VisitsPage(KindPage):
    """Lists visits; ``countChanged`` carries the number the current query selects."""

    def __init__(self, ctx: Context, lookups: Lookups, parent: QWidget | None = None) -> None:
        super().__init__(ctx, lookups, kinds.VISIT, parent)

    def make_model(self, columns: Sequence[ListColumn], first: ListQuery) -> ListerTableModel:
        return VisitTableModel(columns, self, query=first, today=self.ctx.today)

    def own_filter(self, key: str) -> QWidget:
        """The residents' village, and overdue cases only."""
        if key == "village":
            villages = {v: v for v in residents.villages()}
            return code_combo(villages, self, empty=self.tr("All villages"))
        if key == "overdue":
            return QCheckBox(self.tr("Overdue only"), self)
        return super().own_filter(key)

    def make_dialog(self, record_id: int | None) -> QDialog:
        from studio_app.ui.dialogs.visit_dialog import VisitDialog  # with the first dialog

        return VisitDialog(self.ctx, record_id, self)

    # -- printing --------------------------------------------------------------------------

    def make_print_button(self) -> QAbstractButton:
        """Print…: the selected visits' forms; its menu also prints them with full numbers,
        or a date range."""
        button = QToolButton(self)
        button.setObjectName("printVisitsButton")
        button.setText(self.tr("Print…"))
        button.setToolTip(self.tr("Preview and print the selected visits' forms"))
        button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        menu = QMenu(button)
        menu.addAction(self.tr("Print selected visits…"), self.print_selected)
        full = menu.addAction(
            self.tr("Print selected visits with full numbers…"),
            lambda: self.print_selected(unmasked=True),
        )
        full.setEnabled(self.ctx.may_see_pii)
        menu.addAction(self.tr("Print a date range…"), self.print_range)
        button.setMenu(menu)
        button.clicked.connect(self.print_current)
        return button

    def print_current(self) -> None:
        """The selected visits' forms; with nothing selected, ask for a date range."""
        if self.selected_ids():
            self.print_selected()
        else:
            self.print_range()

    def print_selected(self, unmasked: bool = False) -> None:
        """One form per selected visit, in a preview (identifiers masked unless asked)."""
        ids = self.selected_ids()
        launch.preview(self, lambda: print_jobs.visits(self.ctx, ids, unmasked=unmasked))

    def print_range(self) -> VisitRangeDialog:
        """Ask for a date range (and options), then preview that batch."""
        dialog = VisitRangeDialog(self.ctx, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: launch.preview(self, dialog.job))
        dialog.open()
        return dialog
