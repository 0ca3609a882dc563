"""The audit log (administrators): who changed what and when, with before and after.

Filter by user, record type and dates (local days); every entry reads in words
(``services.audit_words``): local time, the user's name, the step as its kind declares it,
the record's serial or name and a one-line summary of its changes. The selected entry's
fields are listed below with their values before and after; the filtered entries export to
CSV or Excel with the same texts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
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

RESIZE_PRECISION = 200  # rows measured for the column widths
Index = QModelIndex | QPersistentModelIndex


def _item(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    return item


class EntriesModel(QAbstractTableModel):
    """The entries found, a row each, their texts read when a row is drawn (thousands of
    entries cost no more than the rows on screen)."""

    def __init__(self, headers: list[str], parent: QWidget) -> None:
        super().__init__(parent)
        self.headers = headers
        self.found: list[audit_review.Entry] = []

    def set_entries(self, found: list[audit_review.Entry]) -> None:
        self.beginResetModel()
        self.found = found
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.found)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def text(self, row: int, column: int) -> str:
        e = self.found[row]
        cells = (e.time_text, e.user_label, e.action_label, e.type_label, e.record_label)
        return cells[column] if column < len(cells) else e.summary

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.found):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(index.row(), index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == len(self.headers) - 1:
            return "\n".join(line.text for line in self.found[index.row()].lines) or None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None


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
        self.model = EntriesModel(
            [self.tr("Time"), self.tr("User"), self.tr("Action"), self.tr("Type"),
             self.tr("Record"), self.tr("Changes")],
            self,
        )  # fmt: skip
        self.table = QTableView(self)
        self.table.setObjectName("auditTable")
        self.table.setModel(self.model)
        self.table.setWordWrap(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.changes = QTableWidget(0, 3, self)
        self.changes.setObjectName("auditChanges")
        self.changes.setHorizontalHeaderLabels(
            [self.tr("Field"), self.tr("Before"), self.tr("After")]
        )
        for table in (self.table, self.changes):
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            table.verticalHeader().hide()
            table.horizontalHeader().setStretchLastSection(True)
        # Column widths from the first rows only: a page of thousands of entries stays quick.
        self.table.horizontalHeader().setResizeContentsPrecision(RESIZE_PRECISION)
        changes_header = self.changes.horizontalHeader()
        changes_header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)  # long texts wrap
        changes_header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.changes.setWordWrap(True)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.show_changes(current.row())
        )
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
        users, types = audit_review.filter_choices()
        self.user.addItem(self.tr("Everyone"), "")
        for login, label in users:
            self.user.addItem(label, login)
        self.record_type.addItem(self.tr("All"), "")
        for record_type, label in types:
            self.record_type.addItem(label, record_type)

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
        self.model.set_entries(self.found)
        for col in range(self.model.columnCount() - 1):  # the changes take the rest
            self.table.resizeColumnToContents(col)
        self.count_label.setText(self.tr("%n entries", "", len(self.found)))
        self.show_changes(self.table.currentIndex().row())

    def select(self, row: int) -> None:
        """Make entry ``row`` the current one (its changes show below)."""
        self.table.setCurrentIndex(self.model.index(row, 0))

    def show_changes(self, row: int) -> None:
        """The fields of entry ``row`` with their values before and after."""
        self.changes.setRowCount(0)
        if not 0 <= row < len(self.found):
            return
        lines = self.found[row].lines
        self.changes.setRowCount(len(lines))
        for r, line in enumerate(lines):
            for c, text in enumerate((line.label, line.before, line.after)):
                self.changes.setItem(r, c, _item(text))
        self.changes.resizeRowsToContents()

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
