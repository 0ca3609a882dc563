"""One record's ratings over time (评分走势), e.g. an observation point's five environments as
its observations rated them (:mod:`studio_app.services.rating_history`): a small line chart
per rating over the rating records' days, the averages, and the records in a table."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio_app.core import kinds
from studio_app.services import kind_records, rating_history
from studio_app.services.rating_history import History
from studio_app.ui import screen_fit
from studio_app.ui.i18n import declared
from studio_app.ui.models.kind_columns import serial_column
from studio_app.ui.widgets.line_chart import LineChart, Series, color
from studio_app.ui.widgets.score_chart import ScoreChart

CHARTS_PER_ROW = 3


def _title_of(kind: kinds.RecordKind, record_id: int) -> str:
    values = kind_records.values(kind, record_id)
    return str(values.get(kind.title_key) or values.get("serial") or record_id)


def _headers(kind: kinds.RecordKind) -> list[str]:
    """The table's column titles: the day, the serial, the ratings as the list shows them."""
    assert kind.tally is not None
    day = declared(kind.short_title(kind.date_key))
    return [
        day,
        serial_column(kind).title,
        *(declared(kind.list_title(k)) for k in kind.tally.means),
    ]


class RatingHistoryDialog(QDialog):
    """The ratings of record ``record_id`` of ``kind`` by the records of ``rating`` whose
    field ``link`` points to it, oldest first. Read only: Close or Esc."""

    def __init__(
        self,
        kind: kinds.RecordKind,
        record_id: int,
        rating: tuple[kinds.RecordKind, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ratingHistoryDialog")
        rating_kind, link = rating
        self.history = rating_history.history(rating_kind, link, record_id)
        self.name = _title_of(kind, record_id)
        self.setWindowTitle(self.tr("Ratings over time: {0}").format(self.name))
        labels = [declared(t) for t in self.history.labels]
        self.heading = QLabel(self.name, self)
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.summary = QLabel(self)
        self.summary.setObjectName("ratingSummary")
        self.summary.setWordWrap(True)
        self.charts = [LineChart(t, self, plot_rows=4) for t in labels]
        self.means = ScoreChart(self.tr("Averages"), self)
        self.means.setObjectName("ratingMeans")
        self.table = QTableWidget(0, 2 + len(labels), self)
        self.table.setObjectName("ratingTable")
        self.table.setHorizontalHeaderLabels(_headers(rating_kind))
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)

        self.content = QWidget(self)
        grid = QGridLayout(self.content)
        grid.setContentsMargins(0, 0, 0, 0)
        for i, chart in enumerate([*self.charts, self.means]):
            row, column = divmod(i, CHARTS_PER_ROW)
            grid.addWidget(chart, row, column, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.content)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self._show(self.history, labels, declared(rating_kind.label, 2))
        screen_fit.fit(self, 1100, 700)
        self.close_button.setFocus()

    def _show(self, history: History, labels: list[str], records: str) -> None:
        found = history.records
        if not found:
            self.summary.setText(self.tr("{0} has no {1} yet.").format(self.name, records))
            self.content.hide()
            self.table.hide()
            return
        first, last = found[0].day.isoformat(), found[-1].day.isoformat()
        text = self.tr("{0}: {1}, from {2} to {3}").format(records, len(found), first, last)
        self.summary.setText(text)
        days = [r.day.isoformat() for r in found]
        for i, chart in enumerate(self.charts):
            values = tuple(None if (v := r.values[i]) is None else float(v) for r in found)
            chart.set_data(days, [Series(labels[i], values, color(i))])  # as in the averages
        means = history.means()
        rated = [(m, i) for i, m in enumerate(means) if m is not None]
        self.means.set_items(
            list(zip(labels, means, strict=True)), min(rated)[1] if rated else None
        )
        self.table.setRowCount(len(found))
        for row, r in enumerate(found):
            cells = [r.day.isoformat(), r.serial, *("" if v is None else str(v) for v in r.values)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.table.setItem(row, column, item)

    def rows(self) -> list[list[str]]:
        """The table's cells, row by row (tests)."""
        return [
            [
                (item.text() if (item := self.table.item(r, c)) else "")
                for c in range(self.table.columnCount())
            ]
            for r in range(self.table.rowCount())
        ]
