"""A line chart painted with QPainter: a few series over the same categories (quarters,
days), on a fixed value scale (ratings 1–5), a gap where a value is missing.

Looks like :class:`~studio_app.ui.widgets.bar_chart.BarChart`: the widget's font, a bold
title, the first series in the bar chart's blue; as wide as its place, as high as it needs.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from studio_app.ui.widgets.bar_chart import BAR_COLOR, MARGIN

# Told apart in colour and in print: blue (the bar charts'), orange, green, red, purple
COLORS = (BAR_COLOR, QColor("#e08a1e"), QColor("#2e9e5b"), QColor("#c23b3b"), QColor("#8356b8"))
GRID_COLOR = QColor("#d4d4d4")
DOT = 3.0  # radius of a value's dot


def color(index: int) -> QColor:
    """The colour of series ``index`` (the same in every chart, so it names a series)."""
    return COLORS[index % len(COLORS)]


@dataclass(frozen=True)
class Series:
    label: str
    values: tuple[float | None, ...]  # one per category; None: no value there
    color: QColor | None = None  # else the chart's colour of its place (:func:`color`)


def number(value: float | None) -> str:
    """A value with one decimal, or a dash."""
    return "—" if value is None else f"{value:.1f}"


class LineChart(QWidget):
    """``set_data(categories, series)`` draws each series across the categories, left to right,
    on the scale ``low``–``high`` (grid lines every ``step``). Category labels may hold a line
    break; they are thinned out, keeping the last, where they would overlap. The legend, at
    the right, shows when there is more than one series."""

    def __init__(
        self,
        title: str = "",
        parent: QWidget | None = None,
        *,
        low: float = 1.0,
        high: float = 5.0,
        step: float = 1.0,
        plot_rows: int = 6,
    ) -> None:
        super().__init__(parent)
        self.title = title
        self.low, self.high, self.step = low, high, step
        self.plot_rows = plot_rows  # the plot's height, in rows of text
        self.categories: list[str] = []
        self.series: list[Series] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self.sizeHint().height())

    def set_data(self, categories: Sequence[str], series: Sequence[Series]) -> None:
        self.categories = list(categories)
        self.series = list(series)
        self.updateGeometry()
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    # -- geometry ----------------------------------------------------------------------------

    def _row_height(self) -> int:
        return self.fontMetrics().height() + 6

    def _label_lines(self) -> int:
        return max((c.count("\n") + 1 for c in self.categories), default=1)

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        height = self._row_height() * (1 + self.plot_rows) + self._label_lines() * line + 3 * MARGIN
        return QSize(360, height)

    def _ticks(self) -> list[float]:
        count = round((self.high - self.low) / self.step)
        return [self.low + i * self.step for i in range(count + 1)]

    def _legend_width(self) -> int:
        if len(self.series) < 2:
            return 0
        metrics = self.fontMetrics()
        return max(metrics.horizontalAdvance(s.label) for s in self.series) + 28

    def _plot(self) -> QRectF:
        """The area the values are drawn in."""
        metrics = self.fontMetrics()
        axis = max(metrics.horizontalAdvance(f"{t:g}") for t in self._ticks()) + 6
        top = MARGIN + self._row_height() + metrics.height() // 2
        left = MARGIN + axis
        right = self.width() - MARGIN - self._legend_width() - (8 if self._legend_width() else 0)
        height = self._row_height() * self.plot_rows - metrics.height() // 2
        return QRectF(left, top, max(10, right - left), height)

    def _color(self, index: int) -> QColor:
        return self.series[index].color or color(index)

    def _x(self, plot: QRectF, index: int) -> float:
        return plot.left() + (index + 0.5) * plot.width() / max(1, len(self.categories))

    def _y(self, plot: QRectF, value: float) -> float:
        share = (value - self.low) / ((self.high - self.low) or 1)
        return plot.bottom() - share * plot.height()

    def _label_step(self, plot: QRectF) -> int:
        """Every how many categories a label fits."""
        if not self.categories:
            return 1
        metrics = self.fontMetrics()
        widest = max(
            metrics.horizontalAdvance(part) for c in self.categories for part in c.split("\n")
        )
        slot = plot.width() / len(self.categories)
        return max(1, math.ceil((widest + 8) / max(1.0, slot)))

    # -- painting ----------------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(MARGIN, MARGIN + metrics.ascent(), self.title)
        font.setBold(False)
        painter.setFont(font)
        plot = self._plot()
        self._paint_grid(painter, plot)
        self._paint_categories(painter, plot)
        for i, s in enumerate(self.series):
            self._paint_series(painter, plot, s, self._color(i))
        self._paint_legend(painter, plot)
        painter.end()

    def _paint_grid(self, painter: QPainter, plot: QRectF) -> None:
        metrics = self.fontMetrics()
        text = self.palette().text().color()
        for tick in self._ticks():
            y = self._y(plot, tick)
            painter.setPen(QPen(GRID_COLOR, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text)
            label = f"{tick:g}"
            x = plot.left() - 6 - metrics.horizontalAdvance(label)
            painter.drawText(QPointF(x, y + (metrics.ascent() - metrics.descent()) / 2), label)

    def _paint_categories(self, painter: QPainter, plot: QRectF) -> None:
        """Every ``step``-th category's label from the last one leftwards, kept inside the
        widget; a label that would still touch the one at its right is left out."""
        metrics = self.fontMetrics()
        painter.setPen(self.palette().text().color())
        step = self._label_step(plot)
        room = math.inf  # the left edge of the label drawn last
        for i in range(len(self.categories) - 1, -1, -step):
            parts = self.categories[i].split("\n")
            width = max(metrics.horizontalAdvance(part) for part in parts)
            left = min(max(MARGIN, self._x(plot, i) - width / 2), self.width() - MARGIN - width)
            if left + width + 6 > room:
                continue
            room = left
            for n, part in enumerate(parts):
                y = plot.bottom() + 4 + metrics.ascent() + n * metrics.height()
                indent = (width - metrics.horizontalAdvance(part)) / 2
                painter.drawText(QPointF(left + indent, y), part)

    def _paint_series(self, painter: QPainter, plot: QRectF, s: Series, pen_color: QColor) -> None:
        painter.setPen(QPen(pen_color, 2))
        previous: QPointF | None = None
        for i, value in enumerate(s.values[: len(self.categories)]):
            if value is None:
                previous = None
                continue
            point = QPointF(self._x(plot, i), self._y(plot, value))
            if previous is not None:
                painter.drawLine(previous, point)
            previous = point
        painter.setBrush(pen_color)
        for i, value in enumerate(s.values[: len(self.categories)]):
            if value is not None:
                painter.drawEllipse(QPointF(self._x(plot, i), self._y(plot, value)), DOT, DOT)
        painter.setBrush(Qt.BrushStyle.NoBrush)

    def _paint_legend(self, painter: QPainter, plot: QRectF) -> None:
        if not self._legend_width():
            return
        metrics = self.fontMetrics()
        left = self.width() - MARGIN - self._legend_width()
        for i, s in enumerate(self.series):
            y = plot.top() + i * self._row_height() + self._row_height() / 2
            painter.setPen(QPen(self._color(i), 2))
            painter.drawLine(QPointF(left, y), QPointF(left + 18, y))
            painter.setBrush(self._color(i))
            painter.drawEllipse(QPointF(left + 9, y), DOT, DOT)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(self.palette().text().color())
            baseline = y + (metrics.ascent() - metrics.descent()) / 2
            painter.drawText(QPointF(left + 24, baseline), s.label)

    # -- reading it --------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        """A tooltip over a category: its label and every series' value there."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            plot = self._plot()
            if self.categories and plot.left() <= event.pos().x() <= plot.right():
                slot = plot.width() / len(self.categories)
                index = min(len(self.categories) - 1, int((event.pos().x() - plot.left()) / slot))
                QToolTip.showText(event.globalPos(), self.category_text(index), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    def category_text(self, index: int) -> str:
        """A category's label on one line, then each series' value there."""
        lines = [self.categories[index].replace("\n", " ")]
        lines += [f"{s.label} {number(s.values[index])}" for s in self.series]
        return "\n".join(lines)

    def text_rows(self) -> list[str]:
        """What the chart shows, as text (tests, accessibility): a series a row."""
        return [f"{s.label} " + " ".join(number(v) for v in s.values) for s in self.series]
