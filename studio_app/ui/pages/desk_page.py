"""The desk (工作台), the first page: who is on duty today, referrals that are open or
overdue (by due date), unsaved drafts, the latest visits, and buttons to start new records:
a visit, and a record of each kind declared with a "new" shortcut (``RecordKind.new_shortcut``).

There is no duty roster in the data yet, so "on duty" means the members who have recorded
visits today (:func:`studio_app.services.members.on_duty`).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal, SignalInstance
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studio_app.core import kinds
from studio_app.core.workflow import OPEN_STATUSES
from studio_app.services import members
from studio_app.services.context import Context
from studio_app.services.lists.paging import ListQuery
from studio_app.ui import drafts
from studio_app.ui.changes_bridge import follow, reload_kept, shown_by
from studio_app.ui.lookups import Lookups
from studio_app.ui.models.lister_table import count_text
from studio_app.ui.models.visit_table import COLUMNS, VisitTableModel, visit_model
from studio_app.ui.pages.list_page import fit_columns, setup_table

PAGE_SIZE = 50
# What a draft's first line shows: the first of these values it has.
STANDARD_NEW = "Ctrl+N"  # the kind most often recorded: New in every program
DRAFT_SUMMARY_KEYS = ("title", "name", "content", "views", "facts")
CASE_COLUMNS = ("serial", "resident_names", "category", "content", "referred_unit", "due_at")
RECENT_COLUMNS = ("serial", "occurred_at", "member_names", "resident_names", "content", "status")


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


def new_text(kind: kinds.RecordKind) -> str:
    """A "new" button's text; the one on the standard New key (Ctrl+N) names it."""
    name = kind.new_label or kind.short_label
    if kind.new_shortcut == STANDARD_NEW:
        return QCoreApplication.translate("DeskPage", "New {0} ({1})").format(name, STANDARD_NEW)
    return QCoreApplication.translate("DeskPage", "New {0}").format(name)


class DeskPage(QWidget):
    """Emits what the user asks for; the main window opens the dialogs."""

    openVisit = Signal(int)
    openDraft = Signal(str)  # a draft's key
    newRecord = Signal(str)  # a kind's name: a new record of it
    setUpRequested = Signal()  # the demo banner's button

    def __init__(
        self, ctx: Context, lookups: Lookups, parent: QWidget | None = None, *, demo: bool = False
    ) -> None:
        super().__init__(parent)
        self.setObjectName("deskPage")
        self.ctx = ctx
        self.demo_banner = demo_banner(self, self.setUpRequested)
        self.demo_banner.setVisible(demo)
        self.duty = QLabel(self)
        self.duty.setObjectName("dutyMembers")
        self.duty.setWordWrap(True)
        buttons = QHBoxLayout()
        self.quick: dict[str, QPushButton] = {}
        for kind in kinds.all_kinds():
            if kind.new_shortcut:
                button = self._add_quick(kind.name, new_text(kind), buttons)
                button.clicked.connect(lambda _on=False, name=kind.name: self.newRecord.emit(name))
        buttons.addStretch(1)

        open_statuses = sorted(s.value for s in OPEN_STATUSES)
        self.overdue = visit_model(ctx, lookups, self, page_size=PAGE_SIZE)
        self.overdue.set_query(
            ListQuery(filters={"overdue": True}, sort="due_at", descending=False)
        )
        self.open_cases = visit_model(ctx, lookups, self, page_size=PAGE_SIZE)
        self.open_cases.set_query(
            ListQuery(filters={"status": open_statuses}, sort="due_at", descending=False)
        )
        self.recent = visit_model(ctx, lookups, self, page_size=PAGE_SIZE)
        self.overdue_box, self.overdue_table = self._section(self.overdue, CASE_COLUMNS)
        self.open_box, self.open_table = self._section(self.open_cases, CASE_COLUMNS)
        self.recent_box, self.recent_table = self._section(self.recent, RECENT_COLUMNS)
        self.overdue_table.setObjectName("overdueTable")
        self.open_table.setObjectName("openTable")
        self.recent_table.setObjectName("recentTable")

        duty_box = QGroupBox(self.tr("On duty today"), self)
        QVBoxLayout(duty_box).addWidget(self.duty)
        self.drafts_box = QGroupBox(self.tr("Unsaved drafts (Enter to continue)"), self)
        self.drafts = QListWidget(self.drafts_box)
        self.drafts.setObjectName("draftList")
        self.drafts.setMaximumHeight(self.fontMetrics().height() * 4 + 12)
        self.drafts.itemActivated.connect(
            lambda item: self.openDraft.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        QVBoxLayout(self.drafts_box).addWidget(self.drafts)
        cases = QHBoxLayout()
        cases.addWidget(self.overdue_box)
        cases.addWidget(self.open_box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.demo_banner)
        layout.addLayout(buttons)
        layout.addWidget(duty_box)
        layout.addWidget(self.drafts_box)
        layout.addLayout(cases, 1)
        layout.addWidget(self.recent_box, 1)
        for model in (self.overdue, self.open_cases, self.recent):
            model.totalChanged.connect(self._show_titles)
        self._fitted = False  # column widths are fitted to the first rows shown
        follow(self, lambda: shown_by("visit"), self.changed)

    def _add_quick(self, name: str, title: str, row: QHBoxLayout) -> QPushButton:
        button = self.quick[name] = QPushButton(title, self)
        button.setObjectName(f"quick_{name}")
        row.addWidget(button)
        return button

    def _section(
        self, model: VisitTableModel, shown: tuple[str, ...]
    ) -> tuple[QGroupBox, QTableView]:
        box = QGroupBox(self)
        table = QTableView(box)
        setup_table(table, model)
        for column, key in enumerate(COLUMNS):
            table.setColumnHidden(column, key not in shown)
        table.activated.connect(lambda index, m=model: self._open(m, index))
        QVBoxLayout(box).addWidget(table)
        return box, table

    def _open(self, model: VisitTableModel, index: QModelIndex) -> None:
        if index.isValid():
            self.openVisit.emit(model.visit_id(index.row()))

    def refresh(self) -> None:
        """Read everything again (when the page is shown)."""
        self._show_duty()
        for model in (self.overdue, self.open_cases, self.recent):
            model.reload()
        self.show_drafts()

    def changed(self) -> None:
        """Visits or members changed elsewhere: read again, keeping each list's selection."""
        self._show_duty()
        for table, model in (
            (self.overdue_table, self.overdue),
            (self.open_table, self.open_cases),
            (self.recent_table, self.recent),
        ):
            reload_kept(table, model)
        self.show_drafts()

    def _show_duty(self) -> None:
        names = [m.name for m in members.on_duty(self.ctx.today())]
        self.duty.setText(
            "、".join(names) if names else self.tr("No visits have been recorded today yet.")
        )

    def show_drafts(self) -> None:
        """The input kept from dialogs not saved (after a crash, or still open)."""
        names = {k.name: k.short_label for k in kinds.all_kinds()}
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
        def count(model: VisitTableModel) -> str:
            return count_text(model.total)

        self.overdue_box.setTitle(self.tr("Overdue referrals ({0})").format(count(self.overdue)))
        self.open_box.setTitle(
            self.tr("All open referrals, by due date ({0})").format(count(self.open_cases))
        )
        self.recent_box.setTitle(self.tr("Recent visits"))

    def showEvent(self, event: QShowEvent) -> None:
        """Fresh figures each time the desk is shown (it reads three short pages)."""
        super().showEvent(event)
        self.refresh()
        if not self._fitted:
            self._fitted = True
            for table in (self.overdue_table, self.open_table, self.recent_table):
                fit_columns(table, COLUMNS.index("content"))
