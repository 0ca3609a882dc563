"""The desk (工作台), the first page: the day's work. Today's date and who is on duty,
unsaved drafts, referrals that are overdue and those due within a week (two lists that
never share a case), what came back from the county office this month (proposal-type
records it reviewed, answered or adopted), the visits recorded today, and the items past
their date and not carried out (an activity's follow-ups, a consultation's outcome list:
``services.due_items``). New records
start from the toolbar (Ctrl+N and the kinds' own keys), not from here.

There is no duty roster in the data yet, so "on duty" means the members who have recorded
visits today (:func:`studio_app.services.members.on_duty`).
"""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QModelIndex,
    Qt,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio_app.core import kinds
from studio_app.core.codes import CodeListKind
from studio_app.services import due_items, members, site
from studio_app.services.context import Context
from studio_app.services.lists.paging import ListQuery
from studio_app.services.lists.records import PROPOSALS
from studio_app.ui import drafts
from studio_app.ui.changes_bridge import follow, reload_kept, shown_by
from studio_app.ui.i18n import declared
from studio_app.ui.lookups import Lookups
from studio_app.ui.models import kind_columns
from studio_app.ui.models.lister_table import ListColumn, ListerTableModel, count_text
from studio_app.ui.models.visit_table import COLUMNS, VisitTableModel, visit_model
from studio_app.ui.widgets.table_setup import fit_columns, setup_table

PAGE_SIZE = 50
# What a draft's first line shows: the first of these values it has.
DRAFT_SUMMARY_KEYS = ("title", "name", "content", "views", "facts")
CASE_COLUMNS = ("serial", "resident_names", "content", "referred_unit", "due_at")
TODAY_COLUMNS = ("serial", "occurred_at", "resident_names", "content", "status")
FEEDBACK_COLUMNS = ("title", "review", "reply_class")
DUE_SOON_DAYS = 7  # "due soon": from today to a week later
FEEDBACK_DAYS = 30  # "back from the county": written by the county in the last month
# Translated in the desk's context (listed here so that the catalogue has them).
WEEKDAYS = (
    QT_TRANSLATE_NOOP("DeskPage", "Monday"),
    QT_TRANSLATE_NOOP("DeskPage", "Tuesday"),
    QT_TRANSLATE_NOOP("DeskPage", "Wednesday"),
    QT_TRANSLATE_NOOP("DeskPage", "Thursday"),
    QT_TRANSLATE_NOOP("DeskPage", "Friday"),
    QT_TRANSLATE_NOOP("DeskPage", "Saturday"),
    QT_TRANSLATE_NOOP("DeskPage", "Sunday"),
)


def demo_banner(parent: QWidget, set_up: Signal | SignalInstance) -> QFrame:
    """The yellow "this is demo data" strip, its button emitting ``set_up``."""
    banner = QFrame(parent)
    banner.setObjectName("demoBanner")
    banner.setStyleSheet(
        "#demoBanner { background: #fff4ce; border: 1px solid #e0c060; border-radius: 3px; }"
    )
    row = QHBoxLayout(banner)
    row.setContentsMargins(8, 4, 8, 4)
    row.addWidget(QLabel(QCoreApplication.translate("DeskPage", "This is demo data."), banner))
    button = QPushButton(QCoreApplication.translate("DeskPage", "Set up for real use…"), banner)
    button.setObjectName("demoSetUpButton")
    button.clicked.connect(set_up)
    row.addWidget(button)
    row.addStretch(1)
    return banner


def _stretch(model: ListerTableModel) -> str:
    """The column that takes a desk table's spare width: the text of the record."""
    return "content" if isinstance(model, VisitTableModel) else "title"


class DeskPage(QWidget):
    """Emits what the user asks for; the main window opens the dialogs."""

    openVisit = Signal(int)
    openRecord = Signal(str, int)  # a kind's name, a record's id
    openDraft = Signal(str)  # a draft's key
    setUpRequested = Signal()  # the demo banner's button

    def __init__(
        self, ctx: Context, lookups: Lookups, parent: QWidget | None = None, *, demo: bool = False
    ) -> None:
        super().__init__(parent)
        self.setObjectName("deskPage")
        self.ctx = ctx
        self.lookups_ = lookups
        self.demo_banner = demo_banner(self, self.setUpRequested)
        self.demo_banner.setVisible(demo)
        self.today_label = QLabel(self)
        self.today_label.setObjectName("deskToday")
        self.today_label.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.duty = QLabel(self)
        self.duty.setObjectName("dutyMembers")
        self.duty.setWordWrap(True)

        today = ctx.today()
        self.overdue = self._visits(ListQuery(filters={"overdue": True}, sort="due_at",
                                              descending=False))  # fmt: skip
        self.due_soon = self._visits(ListQuery(filters={"due_within": DUE_SOON_DAYS},
                                               sort="due_at", descending=False))  # fmt: skip
        self.recorded_today = self._visits(ListQuery(filters={"date_from": today}))
        self.feedback = ListerTableModel(
            PROPOSALS,
            self._feedback_columns(lookups),
            self,
            query=ListQuery(filters={"county_feedback": FEEDBACK_DAYS}, sort="created_at"),
            page_size=PAGE_SIZE,
        )
        self.overdue_box, self.overdue_table = self._section(self.overdue, CASE_COLUMNS)
        self.due_box, self.due_table = self._section(self.due_soon, CASE_COLUMNS)
        self.today_box, self.today_table = self._section(self.recorded_today, TODAY_COLUMNS)
        self.feedback_box, self.feedback_table = self._section(self.feedback, ())
        for name, table in (("overdueTable", self.overdue_table), ("dueTable", self.due_table),
                            ("todayTable", self.today_table),
                            ("feedbackTable", self.feedback_table)):  # fmt: skip
            table.setObjectName(name)

        self.drafts_box = QGroupBox(self.tr("Unsaved drafts (Enter to continue)"), self)
        self.drafts = QListWidget(self.drafts_box)
        self.drafts.setObjectName("draftList")
        self.drafts.setMaximumHeight(self.fontMetrics().height() * 4 + 12)
        self.drafts.itemActivated.connect(
            lambda item: self.openDraft.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        QVBoxLayout(self.drafts_box).addWidget(self.drafts)
        self.items_box, self.items_table = self._items_section()
        # The day's work: what is late, what falls due this week; what came back from the
        # county, what was recorded today. New records start from the toolbar (Ctrl+N …).
        grid = QGridLayout()
        grid.addWidget(self.overdue_box, 0, 0)
        grid.addWidget(self.feedback_box, 0, 1)
        grid.addWidget(self.due_box, 1, 0)
        grid.addWidget(self.today_box, 1, 1)
        grid.addWidget(self.items_box, 2, 0, 1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.demo_banner)
        layout.addWidget(self.today_label)
        layout.addWidget(self.duty)
        layout.addWidget(self.drafts_box)
        layout.addLayout(grid, 1)
        for model in self._models():
            model.totalChanged.connect(self._show_titles)
        self._fitted = False  # column widths are fitted to the first rows shown
        tracked = {k.name for k, _ in kinds.tracked_rows()}
        shown = lambda: shown_by("visit") | shown_by("proposal") | tracked  # noqa: E731
        follow(self, shown, self.changed)

    def _visits(self, query: ListQuery) -> VisitTableModel:
        model = visit_model(self.ctx, self.lookups_, self, page_size=PAGE_SIZE)
        model.set_query(query)
        return model

    def _feedback_columns(self, lookups: Lookups) -> list[ListColumn]:
        proposal = kinds.PROPOSAL
        return [
            kind_columns.serial_column(),
            *(
                kind_columns.field_column(self.ctx, proposal, key, lookups=lookups)
                for key in FEEDBACK_COLUMNS
            ),
        ]

    def _models(self) -> tuple[ListerTableModel, ...]:
        return (self.overdue, self.due_soon, self.recorded_today, self.feedback)

    def _tables(self) -> tuple[QTableView, ...]:
        return (self.overdue_table, self.due_table, self.today_table, self.feedback_table)

    def _section(
        self, model: ListerTableModel, shown: tuple[str, ...]
    ) -> tuple[QGroupBox, QTableView]:
        """A titled table of ``model``; of a visits list, only the ``shown`` columns."""
        box = QGroupBox(self)
        table = QTableView(box)
        setup_table(table, model, _stretch(model))
        if isinstance(model, VisitTableModel):
            for column, key in enumerate(COLUMNS):
                table.setColumnHidden(column, key not in shown)
        table.activated.connect(lambda index, m=model: self._open(m, index))
        QVBoxLayout(box).addWidget(table)
        return box, table

    def _items_section(self) -> tuple[QGroupBox, QTableWidget]:
        """Items past their date and not carried out (an activity's follow-ups, a
        consultation's outcome list); shown only when there are some."""
        box = QGroupBox(self)
        table = QTableWidget(0, 5, box)
        table.setObjectName("dueItemsTable")
        table.setHorizontalHeaderLabels(
            [self.tr("Serial"), self.tr("Record"), self.tr("Item"), self.tr("Responsible unit"),
             self.tr("Deadline")]
        )  # fmt: skip
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        table.verticalHeader().hide()
        table.horizontalHeader().setStretchLastSection(False)
        table.setMaximumHeight(table.fontMetrics().height() * 8)
        table.activated.connect(self._open_item)
        QVBoxLayout(box).addWidget(table)
        box.hide()
        return box, table

    def show_due_items(self) -> None:
        found = due_items.overdue(self.ctx.today())
        units = site.code_labels(CodeListKind.HANDLING_UNIT)
        late = QColor("#b3261e")
        self.items_table.setRowCount(len(found))
        for row, item in enumerate(found):
            rows = kinds.kind(item.kind).field(item.rows)
            status = kinds.item_status(rows)(item.status).label if item.status else ""
            what = f"{item.item}（{status}）" if status else item.item
            texts = (item.serial, item.title, what, units.get(item.unit, item.unit),
                     item.due.isoformat())  # fmt: skip
            for column, text in enumerate(texts):
                cell = QTableWidgetItem(text)
                cell.setForeground(late)
                cell.setData(Qt.ItemDataRole.UserRole, (item.kind, item.record_id))
                self.items_table.setItem(row, column, cell)
        self.items_table.resizeColumnsToContents()
        self.items_box.setTitle(self.tr("Overdue items ({0})").format(count_text(len(found))))
        self.items_box.setVisible(bool(found))

    def _open_item(self, index: QModelIndex) -> None:
        cell = self.items_table.item(index.row(), 0)
        if cell is not None:
            kind, record_id = cell.data(Qt.ItemDataRole.UserRole)
            self.openRecord.emit(kind, record_id)

    def _open(self, model: ListerTableModel, index: QModelIndex) -> None:
        if not index.isValid():
            return
        record_id = model.record_id(index.row())
        if model is self.feedback:
            self.openRecord.emit(kinds.PROPOSAL.name, record_id)
        else:
            self.openVisit.emit(record_id)

    def refresh(self) -> None:
        """Read everything again (when the page is shown)."""
        self._show_day()
        for model in self._models():
            model.reload()
        self.show_drafts()
        self.show_due_items()

    def changed(self) -> None:
        """Records changed elsewhere: read again, keeping each list's selection."""
        self._show_day()
        for table, model in zip(self._tables(), self._models(), strict=True):
            reload_kept(table, model)
        self.show_drafts()
        self.show_due_items()

    def _show_day(self) -> None:
        day = self.ctx.today()
        weekday = WEEKDAYS[day.weekday()]
        self.today_label.setText(
            self.tr("Today: {0}, {1}").format(day.isoformat(), self.tr(str(weekday)))
        )
        names = [m.name for m in members.on_duty(day)]
        self.duty.setText(
            self.tr("On duty today: {0}").format("、".join(names))
            if names
            else self.tr("No visits have been recorded today yet.")
        )

    def show_drafts(self) -> None:
        """The input kept from dialogs not saved (after a crash, or still open)."""
        names = {k.name: declared(k.short_label) for k in kinds.all_kinds()}
        names |= {
            "visit": self.tr("Visit"),
            "proposal": self.tr("Proposal"),
            "member": self.tr("Member"),
            "resident": self.tr("Resident"),
        }
        self.drafts.clear()
        for key, draft in drafts.listed():
            kind, _, number = key.partition("-")
            if kind not in names:
                continue
            values = draft.data.get("values", {})
            keys = (*DRAFT_SUMMARY_KEYS, kinds.kind(kind).title_key)
            summary = next((str(values[k]) for k in keys if k and values.get(k)), "")
            which = self.tr("new") if number == "new" else f"#{number}"
            text = f"{draft.saved_at:%Y-%m-%d %H:%M}  {names[kind]} {which}  {summary[:40]}"
            item = QListWidgetItem(text.strip(), self.drafts)
            item.setData(Qt.ItemDataRole.UserRole, key)
        self.drafts_box.setVisible(self.drafts.count() > 0)

    def _show_titles(self) -> None:
        def count(model: ListerTableModel) -> str:
            return count_text(model.total)

        self.overdue_box.setTitle(self.tr("Overdue referrals ({0})").format(count(self.overdue)))
        self.due_box.setTitle(
            self.tr("Due within {0} days ({1})").format(DUE_SOON_DAYS, count(self.due_soon))
        )
        self.today_box.setTitle(self.tr("Recorded today ({0})").format(count(self.recorded_today)))
        self.feedback_box.setTitle(
            self.tr("Back from the county, last {0} days ({1})").format(
                FEEDBACK_DAYS, count(self.feedback)
            )
        )

    def showEvent(self, event: QShowEvent) -> None:
        """Fresh figures each time the desk is shown (it reads four short pages)."""
        super().showEvent(event)
        self.refresh()
        if not self._fitted:
            self._fitted = True
            for table, model in zip(self._tables(), self._models(), strict=True):
                fit_columns(table, model.column_of(_stretch(model)))
