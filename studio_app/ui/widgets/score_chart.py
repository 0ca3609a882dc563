"""Averages as horizontal bars on a fixed scale (ratings 0–5): label, bar, value with one
decimal — like :class:`~studio_app.ui.widgets.bar_chart.BarChart`, whose counts scale to
their largest. Each bar has its series' colour of :mod:`~studio_app.ui.widgets.line_chart`,
so the chart names the lines of a trend beside it; one label may be bold (the weakest)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QWidget

from studio_app.ui.widgets.bar_chart import MARGIN, RowChart
from studio_app.ui.widgets.line_chart import color, number


class ScoreChart(RowChart[float | None]):
    """``set_items([(label, average or None), …], marked=index)`` draws them in order."""

    width_hint = 300

    def __init__(
        self, title: str = "", parent: QWidget | None = None, *, high: float = 5.0
    ) -> None:
        super().__init__(title, parent)
        self.high = high
        self.marked: int | None = None

    def set_items(
        self, items: Sequence[tuple[str, float | None]], marked: int | None = None
    ) -> None:
        self.marked = marked
        super().set_items(items)

    def paint_rows(self, painter: QPainter) -> None:
        label_width = max(painter.fontMetrics().horizontalAdvance(t) for t, _ in self.items) + 8
        font = painter.font()
        font.setBold(False)
        painter.setFont(font)
        metrics = self.fontMetrics()
        row = self.row_height()
        value_width = metrics.horizontalAdvance(f"{self.high:.1f}") + 8
        bar_space = max(10, self.width() - label_width - value_width - 2 * MARGIN)
        for i, (label, value) in enumerate(self.items):
            y, text_y = self.text_y(i, metrics)
            font.setBold(i == self.marked)
            painter.setFont(font)
            painter.setPen(self.palette().text().color())
            painter.drawText(MARGIN, text_y, label)
            width = bar_space * (value or 0) / self.high
            bar = QRectF(MARGIN + label_width, y + 3, width, row - 6)
            painter.fillRect(bar, color(i))
            painter.drawText(int(bar.right()) + 4, text_y, number(value))

    def text_rows(self) -> list[str]:
        """What the chart shows, as text (tests, accessibility)."""
        return [f"{label} {number(value)}" for label, value in self.items]
