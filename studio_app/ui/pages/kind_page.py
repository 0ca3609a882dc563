"""The page of any declared kind: its list, filters and dialog, from its declaration.

The columns are the kind's ``list_columns`` (:mod:`studio_app.ui.models.kind_columns`), the
list is :func:`~studio_app.services.lists.records.kind_lister`, searched through the kind's
full-text index and sorted in SQL; its code fields and status filter it; records open in
the generic :class:`~studio_app.ui.dialogs.kind_dialog.KindDialog`, and print on the kind's
form. At a studio, a kind other kinds grow from (their ``origins``) has a button per such
kind that asks the main window to start one from the current record (``growRequested``).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QPushButton, QWidget

from studio_app.core import kinds
from studio_app.core.fields import Kind
from studio_app.services import kind_records
from studio_app.services.context import Context
from studio_app.services.lists.records import column_key, kind_lister
from studio_app.ui.dialogs.kind_dialog import KindDialog
from studio_app.ui.lookups import Lookups, enum_labels
from studio_app.ui.models import kind_columns
from studio_app.ui.models.lister_table import ListColumn
from studio_app.ui.pages.list_page import ListPage
from studio_app.ui.printing import launch, print_jobs
from studio_app.ui.widgets.combos import code_combo


def camel(name: str) -> str:
    """A kind's name as in object names: "tea_talk" → "TeaTalk"."""
    return "".join(part.title() for part in name.split("_"))


class KindPage(ListPage):
    """Records of ``kind``, newest first by its date."""

    studio_records = True
    growRequested = Signal(str, list)  # the kind to start, the ids of the records it grows from

    def __init__(
        self,
        ctx: Context,
        lookups: Lookups,
        kind: kinds.RecordKind,
        parent: QWidget | None = None,
    ) -> None:
        self.kind = kind
        self.lister = kind_lister(kind)
        self.noun = kind.name
        super().__init__(ctx, lookups, parent)
        may_edit = str(ctx.role) in kind.editors
        self.new_button.setEnabled(may_edit)
        self.delete_button.setEnabled(may_edit)

    def columns(self) -> Sequence[ListColumn]:
        return kind_columns.list_columns(self.ctx, self.kind)

    def stretch_column(self) -> str:
        if self.kind.title_key in self.kind.list_columns:
            return column_key(self.kind, self.kind.title_key)
        return ""

    def search_hint(self) -> str:
        return self.kind.search_hint or super().search_hint()

    def new_title(self) -> str:
        return self.tr("New {0}").format(self.kind.short_label)

    def add_filters(self) -> None:
        """A combo per code column, then the status; then the page's buttons."""
        for key in self.kind.list_columns:
            fld = self.kind.field(key)
            labels = kind_columns.labels(fld)
            if fld.kind in (Kind.ENUM, Kind.CODE) and labels is not None:
                empty = self.tr("All: {0}").format(self.kind.short_title(key))
                self.add_filter(key, code_combo(labels, self, empty=empty))
        if self.kind.status is not None:
            statuses = enum_labels(self.kind.status)
            self.add_filter("status", code_combo(statuses, self, empty=self.tr("All statuses")))
        self._add_buttons()

    def _add_buttons(self) -> None:
        """Beside the search: a button per kind growing from this one, then Print…"""
        self.grow_buttons: dict[str, QPushButton] = {}
        for grown, origin in kinds.grown_from(self.kind.name):
            text = origin.button or self.tr("Turn into {0}…").format(grown.short_label)
            button = QPushButton(text, self)
            button.setObjectName(f"grow{camel(grown.name)}Button")
            tip = self.tr("Start a {0} from the selected record").format(grown.short_label)
            button.setToolTip(origin.button_tip or tip)
            button.clicked.connect(lambda _on=False, name=grown.name: self.grow_selected(name))
            button.setVisible(not self.county)  # records grow at the studios
            self.top.insertWidget(2 + len(self.grow_buttons), button)
            self.grow_buttons[grown.name] = button
        self.print_button = QPushButton(self.tr("Print…"), self)
        self.print_button.setObjectName(f"print{camel(self.kind.name)}Button")
        self.print_button.setToolTip(
            self.tr("Preview and print the selected {0}").format(self.kind.label)
        )
        self.print_button.clicked.connect(self.print_current)
        self.top.insertWidget(2 + len(self.grow_buttons), self.print_button)

    def grow_selected(self, grown: str) -> None:
        """Ask for a new record of kind ``grown`` started from the current record."""
        record_id = self.selected_id()
        if record_id is not None:
            self.growRequested.emit(grown, [record_id])

    def describe(self, row: int) -> str:
        values = self.model.row_values(row)
        return str(values.get("serial") or values.get(self.kind.title_key) or "")

    def print_current(self) -> None:
        """The current record's printed form, in a preview."""
        record_id = self.selected_id()
        if record_id is None:
            launch.tell(self, self.tr("Select a {0} to print.").format(self.kind.label))
            return
        launch.preview(self, lambda: print_jobs.record(self.ctx, self.kind, record_id))

    def make_dialog(self, record_id: int | None) -> QDialog:
        return KindDialog(self.ctx, self.kind, record_id, self)

    def delete_record(self, record_id: int) -> None:
        kind_records.service(self.kind).delete(self.ctx, record_id)
