"""The page of any declared kind: its list, filters and dialog, from its declaration.

The columns are the kind's ``list_columns`` (:mod:`studio_app.ui.models.kind_columns`), the
list is :func:`~studio_app.services.lists.records.kind_lister`, searched through the kind's
full-text index and sorted in SQL; its code fields and status filter it; records open in
the generic :class:`~studio_app.ui.dialogs.kind_dialog.KindDialog`, and print on the kind's
form. Its filters are the rows its kind declares (``RecordKind.list_filters``: codes, the
status, a linked member, a date range, and what a page of one kind adds through
:meth:`KindPage.own_filter`), or else a combo per code column and the status. At a studio,
a kind other kinds grow from (their ``origins``) has a button per such kind that asks the
main window to start one from the selected records (``growRequested``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QDialog, QInputDialog, QPushButton, QWidget

from studio_app.core import kinds
from studio_app.core.fields import Kind
from studio_app.services import kind_records, members, named_counts, rating_history
from studio_app.services.context import Context
from studio_app.services.lists.records import column_key, lister_of
from studio_app.ui.i18n import declared
from studio_app.ui.lookups import Lookups, enum_labels
from studio_app.ui.models import kind_columns
from studio_app.ui.models.lister_table import ListColumn
from studio_app.ui.pages.list_page import ListPage
from studio_app.ui.pages.page import camel
from studio_app.ui.printing import launch, print_jobs
from studio_app.ui.widgets.combos import code_combo
from studio_app.ui.widgets.optional_date import OptionalDateEdit

_CODED = (Kind.ENUM, Kind.CODE)


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
        self.lister = lister_of(kind)
        self.noun = kind.name
        super().__init__(ctx, lookups, parent)
        may_edit = str(ctx.role) in kind.editors
        self.new_button.setEnabled(may_edit)
        self.delete_button.setEnabled(may_edit)

    def columns(self) -> Sequence[ListColumn]:
        return kind_columns.list_columns(self.ctx, self.kind, self.lookups)

    def stretch_column(self) -> str:
        if self.kind.title_key in self.kind.list_fields:
            return column_key(self.kind, self.kind.title_key)
        return ""

    def search_hint(self) -> str:
        return declared(self.kind.search_hint) or super().search_hint()

    def new_title(self) -> str:
        return self.tr("New {0}").format(declared(self.kind.new_label or self.kind.short_label))

    def add_filters(self) -> None:
        """The declared rows of filters (a row after the first ends with "clear filters"),
        or a combo per code column and the status; then the page's buttons."""
        rows = self.kind.list_filters or (self._default_filters(),)
        for number, keys in enumerate(rows):
            for key in keys:
                for name, widget in self.filter_widgets_of(key):
                    self.add_filter(name, widget, number)
            if number:
                self.add_clear_button(number)
        self._add_buttons()

    def _default_filters(self) -> tuple[str, ...]:
        codes = [k for k in self.kind.list_fields if self.kind.field(k).kind in _CODED]
        return (*codes, *([kinds.STATUS] if self.kind.status is not None else []))

    def filter_widgets_of(self, key: str) -> list[tuple[str, QWidget]]:
        """The widgets of declared filter ``key``, each with the lister key it sets."""
        if key == kinds.STATUS and self.kind.status is not None:
            statuses = enum_labels(self.kind.status)
            return [(key, code_combo(statuses, self, empty=self.tr("All statuses")))]
        if key == kinds.DATES:
            return [
                ("date_from", OptionalDateEdit(self.tr("From"), self)),
                ("date_to", OptionalDateEdit(self.tr("To"), self)),
            ]
        linked = {link.target_kind for link in self.kind.links}  # or a MEMBER field "member"
        linked |= {f.key for f in self.kind.fields if f.kind is Kind.MEMBER}
        if key == "member" and key in linked:
            everyone = {str(m.id): m.name for m in members.list_active(include_inactive=True)}
            return [(key, code_combo(everyone, self, empty=self.tr("All members")))]
        if key in {f.key for f in self.kind.fields if f.kind is Kind.RECORD}:
            target = kinds.kind(self.kind.field(key).target)
            empty = self.tr("All: {0}").format(declared(self.kind.short_title(key)))
            return [(key, code_combo(kind_records.choices(target), self, empty=empty))]
        if key in {f.key for f in self.kind.fields if f.kind in _CODED}:
            labels = kind_columns.labels(self.kind.field(key), self.lookups) or {}
            empty = self.tr("All: {0}").format(declared(self.kind.short_title(key)))
            return [(key, code_combo(labels, self, empty=empty))]
        return [(key, self.own_filter(key))]

    def own_filter(self, key: str) -> QWidget:
        """The widget of a filter only this page's kind has (its lister knows the key)."""
        raise KeyError(f"{self.kind.name} declares filter {key!r} but its page has none")

    def _add_buttons(self) -> None:
        """Beside the search: a button per kind growing from this one, then Print…"""
        self.grow_buttons: dict[str, QPushButton] = {}
        for grown, origin in kinds.grown_from(self.kind.name):
            name = declared(grown.short_label)
            text = declared(origin.button) or self.tr("Turn into {0}…").format(name)
            button = QPushButton(text, self)
            button.setObjectName(f"grow{camel(grown.name)}Button")
            tip = self.tr("Start a {0} from the selected records").format(name)
            button.setToolTip(declared(origin.button_tip) or tip)
            if origin.shortcut:
                button.setShortcut(QKeySequence(origin.shortcut))
            button.clicked.connect(lambda _on=False, name=grown.name: self.grow_selected(name))
            button.setVisible(not self.county)  # records grow at the studios
            self.top.insertWidget(2 + len(self.grow_buttons), button)
            self.grow_buttons[grown.name] = button
        self.print_button = self.make_print_button()
        self.top.insertWidget(2 + len(self.grow_buttons), self.print_button)
        self.ratings_button: QPushButton | None = None
        self.ratings_dialog: QDialog | None = None
        if rating_history.rated_through(self.kind.name):  # e.g. observation points
            self.ratings_button = self._one_record_button(
                "ratings", self.tr("Ratings over time…"),
                self.tr("How the selected record was rated, over time"), self.show_ratings,
            )  # fmt: skip
        self.counts_button: QPushButton | None = None
        if named_counts.counted(self.kind.name):  # e.g. reporting points' visits
            name = declared(named_counts.counted(self.kind.name)[0][0].short_label)
            self.counts_button = self._one_record_button(
                "counts", self.tr("By month…"),
                self.tr("The selected record's {0} by month").format(name), self.show_counts,
            )  # fmt: skip

    def _one_record_button(
        self, name: str, text: str, tip: str, run: Callable[[], object]
    ) -> QPushButton:
        """A button beside Print… for the one selected record (disabled otherwise)."""
        button = QPushButton(text, self)
        button.setObjectName(f"{name}{camel(self.kind.name)}Button")
        button.setToolTip(tip)
        button.setEnabled(False)
        button.clicked.connect(run)
        self.top.insertWidget(3 + len(self.grow_buttons), button)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._selection_changed)
        return button

    def _selection_changed(self) -> None:
        for button in (self.ratings_button, self.counts_button):
            if button is not None:
                button.setEnabled(len(self.selected_ids()) == 1)

    def show_counts(self) -> QDialog | None:
        """The selected record's naming records by month, in a dialog of their own."""
        from studio_app.ui.dialogs.named_counts_dialog import NamedCountsDialog

        ids = self.selected_ids()
        if len(ids) != 1:
            return None
        owner, key = named_counts.counted(self.kind.name)[0]
        title = str(kind_records.values(self.kind, ids[0]).get(self.kind.title_key) or "")
        dialog = NamedCountsDialog(self.ctx, owner, key, ids[0], title, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_ratings(self) -> QDialog | None:
        """The selected record's ratings over time, in a dialog of their own."""
        from studio_app.ui.dialogs.rating_history_dialog import RatingHistoryDialog

        ids = self.selected_ids()
        if len(ids) != 1:
            return None
        rating = rating_history.rated_through(self.kind.name)[0]
        dialog = RatingHistoryDialog(self.kind, ids[0], rating, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: setattr(self, "ratings_dialog", None))
        self.ratings_dialog = dialog
        dialog.open()
        return dialog

    def make_print_button(self) -> QAbstractButton:
        """Print…: the current record's form."""
        button = QPushButton(self.tr("Print…"), self)
        button.setObjectName(f"print{camel(self.kind.name)}Button")
        name = declared(self.kind.label)
        button.setToolTip(self.tr("Preview and print the selected {0}").format(name))
        button.clicked.connect(self.print_current)
        return button

    def grow_selected(self, grown: str) -> None:
        """Ask for a new record of kind ``grown`` started from the selected records."""
        ids = self.selected_ids()
        if ids:
            self.growRequested.emit(grown, ids)

    def describe(self, row: int) -> str:
        values = self.model.row_values(row)
        return str(values.get("serial") or values.get(self.kind.title_key) or "")

    def print_current(self) -> None:
        """The current record's printed form, in a preview; a rated record's (an observation
        point's) yearly summary, for the year asked."""
        record_id = self.selected_id()
        if record_id is None:
            launch.tell(self, self.tr("Select a {0} to print.").format(declared(self.kind.label)))
            return
        if rating_history.rated_through(self.kind.name):
            year, chosen = QInputDialog.getInt(
                self, self.tr("Yearly summary"), self.tr("Print the summary of the year:"),
                self.ctx.today().year, 2000, 2100,
            )  # fmt: skip
            if chosen:
                job = print_jobs.rating_summary
                launch.preview(self, lambda: job(self.ctx, self.kind, record_id, year))
            return
        launch.preview(self, lambda: print_jobs.record(self.ctx, self.kind, record_id))

    def make_dialog(self, record_id: int | None) -> QDialog:
        from studio_app.ui.dialogs.kind_dialog import KindDialog  # with the first dialog

        return KindDialog(self.ctx, self.kind, record_id, self)

    def grow_from(self, origin_kind: str, record_ids: Sequence[int]) -> None:
        """A new record started from records of ``origin_kind`` (one of the kind's declared
        origins): their gist and members filled in, linked to them when saved."""
        from studio_app.services import origins
        from studio_app.ui.dialogs.kind_dialog import KindDialog  # with the first dialog

        if self.dialog is not None:
            self.dialog.raise_()
            return
        ids = list(record_ids)
        dialog = self.make_dialog(None)
        assert isinstance(dialog, KindDialog)  # every kind page's dialog is one
        dialog.grew_from = {origin_kind: ids}
        dialog.fill(origins.start_values(self.kind.name, origin_kind, ids))
        self.show_dialog(dialog)

    def delete_record(self, record_id: int) -> None:
        kind_records.service(self.kind).delete(self.ctx, record_id)
