"""The audit log (administrators): who changed what and when, with before and after.

Filter by user, record type and dates; the selected entry's fields are listed below with
their values before and after; the filtered entries export to CSV or Excel.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio_app.core.errors import UserError
from studio_app.services import audit_review
from studio_app.services.context import Context
from studio_app.ui import messages
from studio_app.ui.widgets.optional_date import OptionalDateEdit


def _item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


class AuditPage(QWidget):
    """Filters on top, the entries in the middle, the chosen entry's changes below."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditPage")
        self.ctx = ctx
        self.found: list[audit_review.Entry] = []
        self.user = QComboBox(self)
        self.user.setObjectName("auditUser")
        self.record_type = QComboBox(self)
        self.record_type.setObjectName("auditType")
        self.since = OptionalDateEdit(self.tr("From"), self)
        self.until = OptionalDateEdit(self.tr("To"), self)
        self.count_label = QLabel(self)
        self.export_button = QPushButton(self.tr("Export…"), self)
        self.export_button.setObjectName("auditExport")
        self.export_button.clicked.connect(self.export)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("auditTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Time (UTC)"), self.tr("User"), self.tr("Action"), self.tr("Type"),
             self.tr("Record")]
        )  # fmt: skip
        self.changes = QTableWidget(0, 3, self)
        self.changes.setObjectName("auditChanges")
        self.changes.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Before"), self.tr("After")]
        )
        for table in (self.table, self.changes):
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            table.verticalHeader().hide()
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            table.horizontalHeader().setStretchLastSection(True)
        self.table.currentCellChanged.connect(lambda row, *_: self.show_changes(row))
        self.choose_path = self._ask_path  # tests answer instead of the file dialog

        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("User"), self))
        filters.addWidget(self.user)
        filters.addWidget(QLabel(self.tr("Type"), self))
        filters.addWidget(self.record_type)
        filters.addWidget(self.since)
        filters.addWidget(self.until)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        filters.addWidget(self.export_button)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(self.changes)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(split, 1)
        self._fill_filters()
        self.user.currentIndexChanged.connect(self.reload)
        self.record_type.currentIndexChanged.connect(self.reload)
        self.since.changed.connect(self.reload)
        self.until.changed.connect(self.reload)
        self.reload()

    def _fill_filters(self) -> None:
        users, kinds = audit_review.users_and_types()
        self.user.addItem(self.tr("Everyone"), "")
        for user in users:
            self.user.addItem(user, user)
        self.record_type.addItem(self.tr("All"), "")
        for kind in kinds:
            self.record_type.addItem(kind, kind)

    def reload(self) -> None:
        try:
            self.found = audit_review.entries(
                self.ctx,
                since=self.since.value(),
                until=self.until.value(),
                user=self.user.currentData() or "",
                record_type=self.record_type.currentData() or "",
                show_identifiers=self.ctx.may_see_pii,
            )
        except UserError as exc:
            messages.show_error(self, exc.message)
            self.found = []
        self.table.setRowCount(len(self.found))
        for row, e in enumerate(self.found):
            values = (e.at.isoformat(sep=" "), e.user, e.action_label, e.record_type, e.record_uuid)
            for col, text in enumerate(values):
                self.table.setItem(row, col, _item(text))
        self.count_label.setText(self.tr("{0} entries").format(len(self.found)))
        self.show_changes(self.table.currentRow())

    def show_changes(self, row: int) -> None:
        """The fields of entry ``row`` with their values before and after."""
        self.changes.setRowCount(0)
        if not 0 <= row < len(self.found):
            return
        lines = [line[5:] for line in audit_review.rows([self.found[row]]) if line[5]]
        self.changes.setRowCount(len(lines))
        for r, line in enumerate(lines):
            for c, text in enumerate(line):
                self.changes.setItem(r, c, _item(text))

    def _ask_path(self) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export audit log"),
            str(Path.home() / "audit.xlsx"),
            self.tr("Excel workbook (*.xlsx);;CSV (*.csv)"),
        )
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() in (".xlsx", ".csv") else path.with_suffix(".xlsx")

    def export(self) -> Path | None:
        """Write the entries shown to a file the user picks."""
        path = self.choose_path()
        if path is None:
            return None
        try:
            audit_review.export(self.ctx, self.found, path, show_identifiers=self.ctx.may_see_pii)
        except UserError as exc:
            messages.show_error(self, exc.message)
            return None
        self.count_label.setText(self.tr("Exported to {0}").format(path.name))
        return path
