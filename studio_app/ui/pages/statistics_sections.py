"""The programmes' part of the statistics page: for each counted kind with more than a count
(activities, consultations, contacts: :func:`studio_app.services.kind_stats.has_section`),
its figures in a line and a bar chart per breakdown, as the printed report's section five."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from studio_app.core import kinds
from studio_app.core.fields import Kind
from studio_app.services import kind_stats
from studio_app.services.kind_stats import OVERDUE, Breakdown, Figure, Section
from studio_app.ui.i18n import declared
from studio_app.ui.pages import statistics_terms as terms
from studio_app.ui.widgets.bar_chart import BarChart


def _bars(kind: kinds.RecordKind, b: Breakdown, overdue: str) -> list[tuple[str, int]]:
    """A breakdown's bars, coded values in the UI language (``overdue``: that bar's name)."""
    key, _, column = b.path.partition(".")
    fld = kind.field(key)
    if column:
        fld = next(c for c in fld.columns if c.key == column)
    elif fld.kind is Kind.ROWS:  # a tracked field: its rows by status
        fld = next(c for c in fld.columns if c.key == "status")
    items = [c for c in b.items if c.code != OVERDUE]
    bars = terms.coded(items, fld.enum) if fld.enum is not None else terms.categories(items)
    return bars + [(overdue, c.count) for c in b.items if c.code == OVERDUE]


class SectionPanel(QWidget):
    """One kind's section: a heading with its count, its figures, its breakdowns' charts."""

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
        paths = [*kind.tally.by, *(fld.key for fld in kind_stats.tracked(kind))]
        for i, path in enumerate(paths):
            chart = BarChart("", self)
            self.charts[path] = chart
            grid.addWidget(chart, i // 2, i % 2, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.figures)
        layout.addLayout(grid)

    def figure_name(self, f: Figure) -> str:
        """A figure's name in the UI language."""
        if f.what == "sum":
            return self.tr("{0} in total").format(declared(f.label))
        if f.what == "in_chain":
            return self.tr("{0} in the contact chain").format(declared(f.label, 2))
        if f.what == "coverage":
            return self.tr("{0}: share of the chain").format(declared(f.label))
        return declared(f.label)

    def show_section(self, s: Section) -> None:
        word = declared(s.title, 2)
        self.heading.setText(self.tr("{0}: {1}").format(word, f"{s.total:,}"))
        shown = [f"{self.figure_name(f)} {f.text}" for f in s.figures]
        self.figures.setText(self.tr("; ").join(shown))
        self.figures.setVisible(bool(shown))
        for b in s.breakdowns:
            chart = self.charts[b.path]
            chart.title = declared(b.label)
            chart.set_items(_bars(self.kind, b, self.tr("Overdue")))


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
