"""Conflicts of the exchange side by side: this computer's version and the file's, field by
field; a decision per conflict (audited by the service), applied by importing again."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from studio_app.core.errors import UserError
from studio_app.services import exchange_conflicts
from studio_app.services.context import Context
from studio_app.ui import messages, operations
from studio_app.ui.exchange import rows
from studio_app.ui.exchange.table_model import TextRow, TextTableModel
from studio_app.ui.exchange.widgets import note, table


class ConflictsPanel(QWidget):
    """The pending conflicts (left) and the selected one's differing fields (right)."""

    waitingChanged = Signal(int)  # conflicts not decided yet
    reimportRequested = Signal()
    decided = Signal()  # a decision was recorded (rows kept waiting may apply now)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictsPanel")
        self.ctx = ctx
        self.can_reimport = False  # the page knows the file whose conflicts wait
        self.idle = True  # the page is not reading or writing a package
        intro = note(
            self,
            self.tr(
                "These records differ between this computer and a package. Compare them and "
                "choose the version to keep, then import the same file again."
            ),
        )
        self.conflict_model = TextTableModel(
            [self.tr("Sheet"), self.tr("Record"), self.tr("Reason"), self.tr("Decision")],
            parent=self,
        )
        self.conflict_table = table(self, "conflictTable", self.conflict_model, stretch=2)
        self.conflict_table.selectionModel().selectionChanged.connect(self._show_selected)
        self.diff_model = TextTableModel(
            [self.tr("Field"), self.tr("This computer"), self.tr("The file")], parent=self
        )
        self.diff_table = table(self, "diffTable", self.diff_model)
        self.diff_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.diff_table.setWordWrap(True)
        header = self.diff_table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.diff_table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.keep_ours = QPushButton(self.tr("Keep this computer's version"), self)
        self.keep_ours.setObjectName("keepOursButton")
        self.keep_ours.clicked.connect(lambda: self.resolve("local"))
        self.keep_theirs = QPushButton(self.tr("Use the file's version"), self)
        self.keep_theirs.setObjectName("keepTheirsButton")
        self.keep_theirs.clicked.connect(lambda: self.resolve("incoming"))
        self.reimport_button = QPushButton(self.tr("Import the file again"), self)
        self.reimport_button.setObjectName("reimportButton")
        self.reimport_button.clicked.connect(self.reimportRequested)
        self.status = note(self, name="conflictsNote")

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.conflict_table)
        splitter.addWidget(self.diff_table)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_ours)
        buttons.addWidget(self.keep_theirs)
        buttons.addStretch(1)
        buttons.addWidget(self.status)
        buttons.addWidget(self.reimport_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)

    @property
    def waiting(self) -> int:
        return sum(1 for r in self.conflict_model.rows if not r.key[1])

    def refresh(self) -> None:
        """Reload the pending conflicts, keeping the selection."""
        chosen = self.selected_conflict()
        decided = {
            "local": self.tr("Keep this computer's"),
            "incoming": self.tr("Use the file's"),
        }
        shown = [
            TextRow(
                (
                    rows.sheet_title(c.record_type),
                    rows.row_title(c.incoming) or rows.row_title(c.local or {}),
                    c.reason,
                    decided.get(c.decision, self.tr("Not decided")),
                ),
                key=(c.id, c.decision),
                warn=not c.decision,
            )
            for c in exchange_conflicts.listing(self.ctx)
        ]
        self.conflict_model.set_rows(shown)
        for row, r in enumerate(shown):
            if r.key[0] == chosen:
                self.conflict_table.selectRow(row)
        if not shown:
            self.diff_model.set_rows([])
            self.status.setText(self.tr("No conflicts wait."))
        elif self.waiting:
            self.status.setText(self.tr("{0} not decided yet").format(self.waiting))
        else:
            self.status.setText(self.tr("All decided: import the file again."))
        self.update_buttons()
        self.waitingChanged.emit(self.waiting)

    def select_first(self) -> None:
        if self.conflict_model.rows:
            self.conflict_table.selectRow(0)

    def selected_conflict(self) -> int | None:
        found = self.conflict_table.selectionModel().selectedRows()
        key = self.conflict_model.key(found[0].row()) if found else None
        return key[0] if key else None

    def _show_selected(self, *_args: Any) -> None:
        conflict_id = self.selected_conflict()
        found = [c for c in exchange_conflicts.listing(self.ctx) if c.id == conflict_id]
        if not found:
            self.diff_model.set_rows([])
        else:
            diffs = rows.conflict_fields(found[0], self.ctx.may_see_pii)
            self.diff_model.set_rows(
                [TextRow((d.label, d.ours, d.theirs), key=d.key) for d in diffs]
            )
        self.update_buttons()

    def update_buttons(self) -> None:
        chosen = self.selected_conflict() is not None
        self.keep_ours.setEnabled(self.idle and chosen)
        self.keep_theirs.setEnabled(self.idle and chosen)
        self.reimport_button.setEnabled(self.idle and self.can_reimport and not self.waiting)

    def resolve(self, keep: str) -> None:
        """Record the decision on the selected conflict (audited by the service)."""
        conflict_id = self.selected_conflict()
        if conflict_id is None:
            return
        try:
            operations.call(lambda: exchange_conflicts.resolve(self.ctx, conflict_id, keep))
        except UserError as exc:
            messages.show_error(self, exc.message)
            return
        self.refresh()
        for row, r in enumerate(self.conflict_model.rows):  # on to the next undecided
            if not r.key[1]:
                self.conflict_table.selectRow(row)
                break
        self.decided.emit()
