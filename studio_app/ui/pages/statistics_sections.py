"""The programmes' part of the statistics page: for each counted kind with more than a count
(activities, consultations, contacts, observations…:
:func:`studio_app.services.kind_stats.has_section`), its figures in a line and a bar chart per
breakdown, as the printed report's section five; a kind with ratings (``Tally.means``) adds
their averages, the weakest named, and their averages by quarter in a line chart."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from studio_app.core import kinds
from studio_app.core.fields import Kind
from studio_app.services import kind_stats
from studio_app.services.kind_stats import OPEN, OVERDUE, Breakdown, Figure, Section
from studio_app.ui.i18n import declared
from studio_app.ui.pages import statistics_terms as terms
from studio_app.ui.widgets.bar_chart import MARGIN, BarChart
from studio_app.ui.widgets.line_chart import LineChart, Series
from studio_app.ui.widgets.score_chart import ScoreChart


def _bars(kind: kinds.RecordKind, b: Breakdown, overdue: str) -> list[tuple[str, int]]:
    """A breakdown's bars, coded values in the UI language (``overdue``: that bar's name);
    the open items of a tracked field (``open:field.column``) as their column's values."""
    key, _, column = b.path.removeprefix(OPEN).partition(".")
    fld = kind.field(key)
    if column:
        fld = next(c for c in fld.columns if c.key == column)
    elif fld.kind is Kind.ROWS:  # a tracked field: its rows by status
        fld = next(c for c in fld.columns if c.key == "status")
    items = [c for c in b.items if c.code != OVERDUE]
    bars = terms.coded(items, fld.enum) if fld.enum is not None else terms.categories(items)
    return bars + [(overdue, c.count) for c in b.items if c.code == OVERDUE]


class SectionPanel(QWidget):
    """One kind's section: a heading with its count, its figures, its ratings (averages and
    by quarter) when it has any, its breakdowns' charts."""

    def __init__(self, kind: kinds.RecordKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setObjectName(f"{kind.name}Statistics")
        self.heading = QLabel(self)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.figures = QLabel(self)
        self.figures.setWordWrap(True)
        self.charts: dict[str, BarChart] = {}
        grid = QGridLayout()
        assert kind.tally is not None
        self.means: ScoreChart | None = None
        self.weakest = QLabel(self)
        self.weakest.setObjectName(f"{kind.name}Weakest")
        self.weakest.setIndent(MARGIN)  # under the chart's labels
        self.weakest.hide()
        self.trend: LineChart | None = None
        first = 0
        if kind.tally.means:
            self._add_ratings(grid)
            first = 1
        paths = [*kind.tally.by, *(fld.key for fld in kind_stats.tracked(kind))]
        paths += [f"{OPEN}{path}" for path in kind.tally.open_by]
        for i, path in enumerate(paths):
            chart = BarChart("", self)
            self.charts[path] = chart
            grid.addWidget(chart, first + i // 2, i % 2, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.figures)
        layout.addLayout(grid)

    def _add_ratings(self, grid: QGridLayout) -> None:
        """The ratings' averages with the weakest named under them, beside their trend."""
        self.means = ScoreChart(self.tr("Average ratings (1–5)"), self)
        self.means.setObjectName(f"{self.kind.name}Means")
        self.trend = LineChart(self.tr("Average ratings by quarter"), self)
        self.trend.setObjectName(f"{self.kind.name}Trend")
        self.weakest.show()
        column = QVBoxLayout()
        column.setSpacing(2)
        column.addWidget(self.means)
        column.addWidget(self.weakest)
        column.addStretch(1)
        grid.addLayout(column, 0, 0)
        grid.addWidget(self.trend, 0, 1, Qt.AlignmentFlag.AlignTop)

    def figure_name(self, f: Figure) -> str:
        """A figure's name in the UI language."""
        if f.what == "sum":
            return self.tr("{0} in total").format(declared(f.label))
        if f.what == "in_chain":
            return self.tr("{0} in the contact chain").format(declared(f.label, 2))
        if f.what == "coverage":
            return self.tr("{0}: share of the chain").format(declared(f.label))
        return declared(f.label)

    def breakdown_title(self, b: Breakdown) -> str:
        """A breakdown's title in the UI language: its field's label; for a column of a ROWS
        field that names its column, both; for the open items of a tracked field, what they
        are and the column counting them."""
        key, _, column = b.path.removeprefix(OPEN).partition(".")
        fld = self.kind.field(key)
        by = declared(fld.column(column).label) if column else ""
        if b.path.startswith(OPEN):
            return self.tr("{0} still open, by {1}").format(declared(fld.label), by)
        if column and b.label != fld.label:  # e.g. 发现的问题（按所属环境）
            return self.tr("{0} by {1}").format(declared(fld.label), by)
        return declared(b.label)

    def show_section(self, s: Section) -> None:
        word = declared(s.title, 2)
        self.heading.setText(self.tr("{0}: {1}").format(word, f"{s.total:,}"))
        shown = [f"{self.figure_name(f)} {f.text}" for f in s.figures]
        self.figures.setText(self.tr("; ").join(shown))
        self.figures.setVisible(bool(shown))
        self.show_ratings(s)
        for b in s.breakdowns:
            chart = self.charts[b.path]
            chart.title = self.breakdown_title(b)
            if not b.items:  # nothing open
                chart.title = self.tr("{0}: none").format(chart.title)
            chart.set_items(_bars(self.kind, b, self.tr("Overdue")))

    def show_ratings(self, s: Section) -> None:
        """The averages over the period (the weakest in bold and named), by quarter."""
        if self.means is None or self.trend is None:
            return
        labels = [declared(m.label) for m in s.means]
        weakest = s.weakest
        marked = s.means.index(weakest) if weakest is not None else None
        self.means.set_items(list(zip(labels, (m.value for m in s.means), strict=True)), marked)
        if weakest is not None and weakest.value is not None:
            lowest = self.tr("Lowest: {0} {1}")
            self.weakest.setText(lowest.format(declared(weakest.label), f"{weakest.value:.1f}"))
        else:
            self.weakest.setText(self.tr("Nothing rated in this period"))
        quarter = self.tr("Q{1}\n{0}")
        categories = [quarter.format(q.year, q.number) for q in s.trend]
        series = [Series(t, tuple(q.values[i] for q in s.trend)) for i, t in enumerate(labels)]
        self.trend.set_data(categories, series)


class SectionsPanel(QWidget):
    """Every counted kind's section, in declaration order."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("programmeStatistics")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.panels = {
            k.name: SectionPanel(k, self) for k in kinds.counted() if kind_stats.has_section(k)
        }
        for panel in self.panels.values():
            layout.addWidget(panel)

    def show_sections(self, sections: list[Section]) -> None:
        for s in sections:
            panel = self.panels.get(s.kind)
            if panel is not None:
                panel.show_section(s)
