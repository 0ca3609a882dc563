"""Horizontal bar charts painted with QPainter: label, bar, value — one row per item.

Enough for the statistics page (a few dozen rows at most); no chart library needed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR_COLOR = QColor("#3b6fb6")
MARGIN = 6
V = TypeVar("V")


class RowChart(QWidget, Generic[V]):
    """A title, then a row per item ``(label, value)``, in the given order; a subclass
    paints the rows (:meth:`paint_rows`)."""

    width_hint = 360

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.items: list[tuple[str, V]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_items(self, items: Sequence[tuple[str, V]]) -> None:
        self.items = list(items)
        self.updateGeometry()
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def row_height(self) -> int:
        return self.fontMetrics().height() + 6

    def sizeHint(self) -> QSize:
        rows = len(self.items) + 1
        return QSize(self.width_hint, rows * self.row_height() + 2 * MARGIN)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(MARGIN, MARGIN + self.fontMetrics().ascent(), self.title)
        if self.items:
            self.paint_rows(painter)
        painter.end()

    def paint_rows(self, painter: QPainter) -> None:
        raise NotImplementedError

    def text_y(self, i: int, metrics: QFontMetrics) -> tuple[int, int]:
        """Row ``i``'s top and its text's baseline."""
        row = self.row_height()
        y = MARGIN + (i + 1) * row
        return y, y + (row + metrics.ascent() - metrics.descent()) // 2


class BarChart(RowChart[int]):
    """Counts, each bar scaled to the largest."""

    def paint_rows(self, painter: QPainter) -> None:
        font = painter.font()
        font.setBold(False)
        painter.setFont(font)
        metrics = self.fontMetrics()
        row = self.row_height()
        label_width = max(metrics.horizontalAdvance(label) for label, _ in self.items) + 8
        count_width = metrics.horizontalAdvance(f"{max(c for _, c in self.items):,}") + 8
        bar_space = max(10, self.width() - label_width - count_width - 2 * MARGIN)
        top = max(c for _, c in self.items) or 1
        for i, (label, count) in enumerate(self.items):
            y, text_y = self.text_y(i, metrics)
            painter.setPen(self.palette().text().color())
            painter.drawText(MARGIN, text_y, label)
            width = bar_space * count / top
            bar = QRectF(MARGIN + label_width, y + 3, width, row - 6)
            painter.fillRect(bar, BAR_COLOR)
            painter.drawText(int(bar.right()) + 4, text_y, f"{count:,}")

    def text_rows(self) -> list[str]:
        """What the chart shows, as text (tests, accessibility)."""
        return [f"{label} {count}" for label, count in self.items]
