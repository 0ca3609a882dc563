"""Bar, pie and line charts of statistics (reportlab.graphics), labelled in the print font."""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib.colors import Color, HexColor, white

from studio_app.services.statistics import Counted

PALETTE: tuple[Color, ...] = tuple(
    HexColor(x)
    for x in (
        "#2F5597", "#C00000", "#548235", "#BF8F00", "#7030A0", "#2E75B6", "#C55A11",
        "#7F7F7F", "#0E6E6E", "#8C2D52", "#5B9BD5", "#A9D18E", "#F4B183",
    )
)  # fmt: skip
BAR = HexColor("#2F5597")


def nice_step(top: int, ticks: int = 5) -> int:
    """A whole-number axis step (1, 2, 5 × 10ⁿ) giving about ``ticks`` ticks up to ``top``."""
    raw = max(1.0, top / ticks)
    magnitude = 10 ** math.floor(math.log10(raw))
    return int(next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw))


def _drawing(width: float, height: float, font: str) -> Drawing:
    drawing = Drawing(width, height)
    # Else the renderer selects (and lists) Helvetica; the stubs omit the attribute.
    drawing.initialFontName = font  # type: ignore[attr-defined]
    return drawing


def bar_chart(items: Sequence[Counted], font: str, *, width: float, title: str = "") -> Drawing:
    """Horizontal bars, largest first, one per non-zero item (zeros are in the table)."""
    data = sorted((c for c in items if c.count), key=lambda c: -c.count)[:15]
    height = 34 + 17 * max(1, len(data))
    drawing = _drawing(width, height, font)
    if title:
        drawing.add(String(0, height - 11, title, fontName=font, fontSize=10))
    if not data:
        drawing.add(String(width / 2, height / 2 - 12, "本期无数据", fontName=font,
                           fontSize=9, textAnchor="middle"))  # fmt: skip
        return drawing
    chart = HorizontalBarChart()
    chart.x, chart.y = 96, 14
    chart.width, chart.height = width - 130, height - 34  # type: ignore[assignment]  # stubs: int
    chart.data = [[c.count for c in reversed(data)]]
    chart.categoryAxis.categoryNames = [c.label for c in reversed(data)]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 8.5
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    step = nice_step(data[0].count)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueStep = step
    chart.valueAxis.valueMax = step * math.ceil(data[0].count / step)
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = HexColor("#D9D9D9")
    chart.valueAxis.labelTextFormat = lambda v: f"{v:,.0f}"
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = lambda v: f"{v:,.0f}"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 8
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    return drawing


def pie_chart(items: Sequence[Counted], font: str, *, width: float, title: str = "") -> Drawing:
    """A pie of the non-zero items with a legend giving counts and shares."""
    data = [c for c in items if c.count]
    height = 150.0
    drawing = _drawing(width, height, font)
    if title:
        drawing.add(String(0, height - 11, title, fontName=font, fontSize=10))
    total = sum(c.count for c in data)
    if not total:
        drawing.add(String(width / 2, height / 2, "本期无数据", fontName=font, fontSize=9,
                           textAnchor="middle"))  # fmt: skip
        return drawing
    pie = Pie()
    pie.x, pie.y, pie.width, pie.height = 6, 10, 112, 112
    pie.data = [c.count for c in data]
    pie.labels = None
    pie.startAngle, pie.direction = 90, "clockwise"
    pie.slices.strokeColor = white
    pie.slices.strokeWidth = 0.8
    for i in range(len(data)):
        pie.slices[i].fillColor = PALETTE[i % len(PALETTE)]
    drawing.add(pie)
    legend = Legend()
    legend.x, legend.y = 134, height - 26  # type: ignore[assignment]  # stubs: int
    legend.fontName, legend.fontSize = font, 8.5
    legend.alignment = "right"
    legend.columnMaximum = 9
    legend.dxTextSpace = 4
    legend.deltay = 12
    legend.colorNamePairs = [
        (PALETTE[i % len(PALETTE)], f"{c.label}  {c.count:,}（{c.count / total:.1%}）")
        for i, c in enumerate(data)
    ]
    drawing.add(legend)
    return drawing


def line_chart(
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    font: str,
    *,
    width: float,
    top: float,
    title: str = "",
) -> Drawing:
    """One line per series over the categories (e.g. quarters), from 1 to ``top``; a gap
    where a value is missing; a legend of the series' names underneath."""
    height = 190.0
    drawing = _drawing(width, height, font)
    if title:
        drawing.add(String(0, height - 11, title, fontName=font, fontSize=10))
    chart = HorizontalLineChart()
    chart.x, chart.y = 30, 52
    chart.width, chart.height = width - 44, height - 80  # type: ignore[assignment]  # stubs: int
    chart.data = [list(values) for _name, values in series]  # None: a gap
    chart.categoryAxis.categoryNames = list(categories)
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7.5
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 1, top, 1
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = HexColor("#D9D9D9")
    chart.joinedLines = True
    for i, (_name, values) in enumerate(series):
        drawn = sum(v is not None for v in values) >= 2  # a line needs two points
        color = PALETTE[i % len(PALETTE)]
        chart.lines[i].strokeColor = color if drawn else None
        chart.lines[i].strokeWidth = 1.4
        marker = makeMarker("FilledCircle", size=3.5)
        marker.fillColor = marker.strokeColor = color
        chart.lines[i].symbol = marker
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = 30, 18
    legend.fontName, legend.fontSize = font, 8
    legend.alignment, legend.columnMaximum, legend.dx, legend.deltax = "right", 1, 8, 80
    legend.colorNamePairs = [(PALETTE[i % len(PALETTE)], name) for i, (name, _v) in
                             enumerate(series)]  # fmt: skip
    drawing.add(legend)
    return drawing
