"""The records naming one record, by month of a year and by a code: a reporting point's
visits by month and category (:mod:`studio_app.services.named_counts`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio_app.core import kinds
from studio_app.services import named_counts
from studio_app.services.context import Context
from studio_app.ui import screen_fit
from studio_app.ui.i18n import declared


class NamedCountsDialog(QDialog):
    """``owner``'s records naming record ``record_id`` (titled ``title``) through field
    ``key``, counted by month for a year chosen in the dialog (this year first)."""

    def __init__(
        self,
        ctx: Context,
        owner: kinds.RecordKind,
        key: str,
        record_id: int,
        title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("namedCountsDialog")
        self.owner, self.key, self.record_id = owner, key, record_id
        self.setWindowTitle(self.tr("{0}: {1} by month").format(title, declared(owner.short_label)))
        self.year = QSpinBox(self)
        self.year.setObjectName("year")
        self.year.setRange(2000, 2100)
        self.year.setValue(ctx.today().year)
        label = QLabel(self.tr("&Year:"), self)
        label.setBuddy(self.year)
        self.total = QLabel(self)
        self.total.setObjectName("total")
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.year)
        top.addStretch(1)
        top.addWidget(self.total)
        self.table = QTableWidget(self)
        self.table.setObjectName("monthTable")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.year.valueChanged.connect(self.refresh)
        screen_fit.fit(self, 1000, 520)
        self.refresh()

    def refresh(self) -> None:
        """The chosen year's counts: a line per code used, a column per month, totals."""
        found = named_counts.by_month(self.owner, self.key, self.record_id, self.year.value())
        months = [self.tr("Month {0}").format(m) for m in range(1, named_counts.MONTHS + 1)]
        self.table.clear()
        self.table.setColumnCount(named_counts.MONTHS + 1)
        self.table.setHorizontalHeaderLabels([*months, self.tr("Total")])
        lines = [*found.lines, (self.tr("Total"), found.totals)]
        self.table.setRowCount(len(lines))
        self.table.setVerticalHeaderLabels(
            [declared(label) if i < len(found.lines) else label for i, (label, _c) in
             enumerate(lines)]
        )  # fmt: skip
        for row, (_label, counts) in enumerate(lines):
            for column, n in enumerate([*counts, sum(counts)]):
                cell = QTableWidgetItem(str(n) if n else "")
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, cell)
        self.table.resizeColumnsToContents()
        self.total.setText(self.tr("%n record(s) in the year", "", found.total))
