"""The page of any declared kind: its list, filters and dialog, from its declaration.

The columns are the kind's ``list_columns`` (:mod:`studio_app.ui.models.kind_columns`), the
list is :func:`~studio_app.services.record_lists.kind_lister`, searched through the kind's
full-text index and sorted in SQL; its code fields and status filter it; records open in
the generic :class:`~studio_app.ui.dialogs.kind_dialog.KindDialog`.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QDialog, QWidget

from studio_app.core import kinds
from studio_app.core.fields import Kind
from studio_app.services import kind_records
from studio_app.services.context import Context
from studio_app.services.record_lists import column_key, kind_lister
from studio_app.ui.dialogs.kind_dialog import KindDialog
from studio_app.ui.lookups import Lookups, enum_labels
from studio_app.ui.models import kind_columns
from studio_app.ui.models.lister_table import ListColumn
from studio_app.ui.pages.list_page import ListPage
from studio_app.ui.printing import launch, print_jobs
from studio_app.ui.widgets.combos import code_combo


class KindPage(ListPage):
    """Records of ``kind``, newest first by its date."""

    studio_records = True

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

    def new_title(self) -> str:
        return self.tr("New {0}").format(self.kind.short_label)

    def add_filters(self) -> None:
        """A combo per code column, then the status."""
        for key in self.kind.list_columns:
            fld = self.kind.field(key)
            labels = kind_columns.labels(fld)
            if fld.kind in (Kind.ENUM, Kind.CODE) and labels is not None:
                empty = self.tr("All: {0}").format(fld.label)
                self.add_filter(key, code_combo(labels, self, empty=empty))
        if self.kind.status is not None:
            statuses = enum_labels(self.kind.status)
            self.add_filter("status", code_combo(statuses, self, empty=self.tr("All statuses")))

    def describe(self, row: int) -> str:
        values = self.model.row_values(row)
        return str(values.get("serial") or values.get(self.kind.title_key) or "")

    def print_current(self) -> None:
        """The current record's printed form, in a preview."""
        record_id = self.selected_id()
        if record_id is None:
            launch.tell(self, self.tr("Select a record to print."))
            return
        launch.preview(self, lambda: print_jobs.record(self.ctx, self.kind, record_id))

    def make_dialog(self, record_id: int | None) -> QDialog:
        return KindDialog(self.ctx, self.kind, record_id, self)

    def delete_record(self, record_id: int) -> None:
        kind_records.service(self.kind).delete(self.ctx, record_id)
