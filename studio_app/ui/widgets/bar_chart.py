"""A horizontal bar chart painted with QPainter: label, bar, count — one row per item.

Enough for the statistics page (a few dozen rows at most); no chart library needed.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR_COLOR = QColor("#3b6fb6")
MARGIN = 6


class BarChart(QWidget):
    """``set_items([(label, count), …])`` draws them in the given order."""

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.items: list[tuple[str, int]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_items(self, items: Sequence[tuple[str, int]]) -> None:
        self.items = list(items)
        self.updateGeometry()
        self.setFixedHeight(self.sizeHint().height())
        self.update()

    def _row_height(self) -> int:
        return self.fontMetrics().height() + 6

    def sizeHint(self) -> QSize:
        rows = len(self.items) + 1
        return QSize(360, rows * self._row_height() + 2 * MARGIN)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        row = self._row_height()
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(MARGIN, MARGIN + metrics.ascent(), self.title)
        font.setBold(False)
        painter.setFont(font)
        if not self.items:
            return
        label_width = max(metrics.horizontalAdvance(label) for label, _ in self.items) + 8
        count_width = metrics.horizontalAdvance(f"{max(c for _, c in self.items):,}") + 8
        bar_space = max(10, self.width() - label_width - count_width - 2 * MARGIN)
        top = max(c for _, c in self.items) or 1
        for i, (label, count) in enumerate(self.items):
            y = MARGIN + (i + 1) * row
            text_y = y + (row + metrics.ascent() - metrics.descent()) // 2
            painter.setPen(self.palette().text().color())
            painter.drawText(MARGIN, text_y, label)
            width = bar_space * count / top
            bar = QRectF(MARGIN + label_width, y + 3, width, row - 6)
            painter.fillRect(bar, BAR_COLOR)
            painter.drawText(int(bar.right()) + 4, text_y, f"{count:,}")
        painter.end()

    def text_rows(self) -> list[str]:
        """What the chart shows, as text (tests, accessibility)."""
        return [f"{label} {count}" for label, count in self.items]
