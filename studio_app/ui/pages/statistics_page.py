"""The statistics page (统计): a month, quarter or year → the tables and bar charts of
docs/PRODUCT.md workflow 7, from :func:`studio_app.services.statistics.report`.

Figures are named as in the printed report (:mod:`studio_app.ui.pages.statistics_terms`),
the period and the coded values in the UI language."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from studio_app.core import kinds
from studio_app.core.codes import Channel, Satisfaction
from studio_app.core.errors import UserError
from studio_app.services import changes, county_stats, statistics
from studio_app.services.context import Context
from studio_app.services.site import require_site
from studio_app.services.statistics import Counted, Period, Report
from studio_app.ui import messages
from studio_app.ui.changes_bridge import follow
from studio_app.ui.i18n import declared
from studio_app.ui.operations import Progress, Ticket
from studio_app.ui.pages import statistics_terms as terms
from studio_app.ui.pages.county_statistics import CountyWorkPanel
from studio_app.ui.pages.statistics_sections import SectionsPanel
from studio_app.ui.printing import choose, launch, print_jobs
from studio_app.ui.widgets.bar_chart import BarChart

TOP_VILLAGES = 15


def _bars(items: list[Counted]) -> list[tuple[str, int]]:
    return [(c.label, c.count) for c in items]


def _figure(name: str, value: str) -> str:
    """A figure of the summary; a counted kind's in the words it declares, with its unit
    while they are Chinese ("访谈 3 次"), without in English ("Interviews 3")."""
    tally = next((t for _, t in statistics.tallies() if t.label == name), None)
    if tally is None:
        return f"{name} {value}"
    word = declared(tally.label, 2)
    return f"{word} {value} {tally.unit}" if word == tally.label else f"{word} {value}"


class StatisticsPage(QWidget):
    """Choose the period; the report is read when the choice changes."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statisticsPage")
        self.ctx = ctx
        self.report: Report | None = None
        self._stale = True  # the report is read when the page is shown, not at start
        today = ctx.today()
        self.span = QComboBox(self)
        self.span.setObjectName("periodSpan")
        for key, title in (
            ("month", self.tr("Month")),
            ("quarter", self.tr("Quarter")),
            ("year", self.tr("Year")),
        ):
            self.span.addItem(title, key)
        self.year = QSpinBox(self)
        self.year.setObjectName("periodYear")
        self.year.setRange(2000, 2999)
        self.year.setValue(today.year)
        self.year.setSuffix(self.tr(" (year)"))
        self.part = QSpinBox(self)
        self.part.setObjectName("periodPart")
        self.part.setRange(1, 12)
        self.part.setValue(today.month)
        self.summary = QLabel(self)
        self.summary.setObjectName("statisticsSummary")
        self.summary.setWordWrap(True)
        self.terms = t = terms.terms()
        self.charts = {
            "category": BarChart(t.by_category, self),
            "channel": BarChart(t.by_channel, self),
            "village": BarChart(self.tr("{0} (top {1})").format(t.by_village, TOP_VILLAGES), self),
            "member": BarChart(t.by_member, self),
            "satisfaction": BarChart(t.satisfaction, self),
            "proposals": BarChart(t.by_proposal_kind, self),
        }
        self.members = QTableWidget(0, 0, self)
        self.members.setObjectName("memberActivity")
        self._member_columns()
        self.members.verticalHeader().hide()
        self.members.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.members.horizontalHeader().setStretchLastSection(True)

        picker = QHBoxLayout()
        picker.addWidget(QLabel(self.tr("Period:"), self))
        for widget in (self.span, self.year, self.part):
            picker.addWidget(widget)
        picker.addStretch(1)
        self._add_output_buttons(picker)
        content = QWidget(self)
        grid = QGridLayout(content)
        grid.addWidget(self.summary, 0, 0, 1, 2)
        for i, chart in enumerate(self.charts.values()):
            grid.addWidget(chart, 1 + i // 2, i % 2, Qt.AlignmentFlag.AlignTop)
        self.sections = SectionsPanel(content)
        grid.addWidget(self.sections, 4, 0, 1, 2)
        grid.addWidget(QLabel(t.member_activity, content), 5, 0, 1, 2)
        grid.addWidget(self.members, 6, 0, 1, 2)
        grid.setRowStretch(7, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.addLayout(picker)
        self.county_work: CountyWorkPanel | None = None
        if ctx.is_county:  # the county's own work on proposals beside the studios' activity
            self.county_work = CountyWorkPanel(self)
            self.tabs = QTabWidget(self)
            self.tabs.setObjectName("statisticsTabs")
            self.tabs.addTab(scroll, self.tr("Studios' activity"))
            self.tabs.addTab(self.county_work, self.tr("County work on proposals"))
            layout.addWidget(self.tabs, 1)
        else:
            layout.addWidget(scroll, 1)
        self.span.currentIndexChanged.connect(self._span_changed)
        self.year.valueChanged.connect(self.refresh)
        self.part.valueChanged.connect(self.refresh)
        self._span_changed()
        # Any record counts; read now if the page is seen, else when it is shown next.
        follow(self, lambda: (*kinds.names(), changes.CODE_LISTS), self.refresh)

    def _member_columns(self) -> None:
        """Visits, each counted kind (by its tally's label) and proposals, per member: the
        columns of the printed report's table, but for its total."""
        counted = [declared(t.label, 2) for _, t in statistics.tallies()]
        self.members.setColumnCount(4 + len(counted))
        self.members.setHorizontalHeaderLabels(
            [self.tr("Member"), self.tr("Sector"), self.terms.visits, *counted,
             self.terms.proposals]
        )  # fmt: skip

    def _add_output_buttons(self, row: QHBoxLayout) -> None:
        self.print_button = QPushButton(self.tr("Print report…"), self)
        self.print_button.setObjectName("printReportButton")
        self.print_button.setToolTip(self.tr("Preview and print the statistics report"))
        self.print_button.clicked.connect(self.print_report)
        self.workbook_button = QPushButton(self.tr("Export to workbook…"), self)
        self.workbook_button.setObjectName("exportWorkbookButton")
        self.workbook_button.setToolTip(self.tr("The month's ledger and statistics as Excel"))
        self.workbook_button.clicked.connect(self.export_workbook)
        self.pdf_button = QPushButton(self.tr("Export to PDF…"), self)
        self.pdf_button.setObjectName("exportPdfButton")
        self.pdf_button.setToolTip(self.tr("Save the statistics report as a PDF file"))
        self.pdf_button.clicked.connect(self.export_pdf)
        for button in (self.print_button, self.workbook_button, self.pdf_button):
            row.addWidget(button)

    # -- printing and export ---------------------------------------------------------------

    def print_report(self) -> None:
        """The statistics report of the chosen period, in a preview."""
        period = self.period()
        launch.preview(self, lambda: print_jobs.statistics_report(self.ctx, period))

    print_current = print_report

    def export_workbook(self) -> Ticket | None:
        """The month's ledger workbook (台账 and statistics) where the user says."""
        from studio_app.exchange.ledger import export_ledger, file_name

        period = self.period()
        if self.span.currentData() != "month":
            messages.show_error(self, self.tr("The workbook is made per month: choose a month."))
            return None
        try:
            name = file_name(require_site(), period.slug)
        except UserError as exc:
            messages.show_error(self, exc.message)
            return None
        chosen = choose.save_path(
            self,
            self.tr("Export to workbook"),
            choose.default_folder() / name,
            self.tr("Excel workbooks (*.xlsx)"),
        )
        if chosen is None:
            return None
        dest = choose.with_suffix(chosen, ".xlsx")

        def write(_progress: Progress) -> object:
            return export_ledger(self.ctx, dest, period.slug)

        return launch.write_file(self, self.tr("Exporting the workbook…"), write)

    def export_pdf(self) -> Ticket | None:
        """The statistics report of the chosen period saved as a PDF file."""
        job = print_jobs.statistics_report(self.ctx, self.period())
        chosen = choose.save_path(
            self,
            self.tr("Export to PDF"),
            choose.default_folder() / job.file_name,
            self.tr("PDF documents (*.pdf)"),
        )
        if chosen is None:
            return None
        dest = choose.with_suffix(chosen, ".pdf")
        return launch.write_file(
            self, self.tr("Making the report…"), lambda progress: job.run(dest, progress)
        )

    def period(self) -> Period:
        span, year, part = self.span.currentData(), self.year.value(), self.part.value()
        if span == "month":
            return Period.month(year, part)
        if span == "quarter":
            return Period.quarter(year, part)
        return Period.year(year)

    def set_period(self, span: str, year: int, part: int = 1) -> None:
        self.blockSignals(True)
        self.span.setCurrentIndex(self.span.findData(span))
        self.year.setValue(year)
        self.part.setValue(part)
        self.blockSignals(False)
        self.refresh()

    def _span_changed(self) -> None:
        span = self.span.currentData()
        self.part.blockSignals(True)
        if span == "month":
            self.part.setRange(1, 12)
            self.part.setSuffix(self.tr(" (month)"))
        elif span == "quarter":
            self.part.setRange(1, 4)
            self.part.setSuffix(self.tr(" (quarter)"))
        self.part.blockSignals(False)
        self.part.setVisible(span != "year")
        self.workbook_button.setEnabled(span == "month")
        self.refresh()

    def refresh(self) -> None:
        """Read the report of the chosen period and show it (when the page is seen)."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        try:
            report = statistics.report(self.period(), today=self.ctx.today())
            work = None
            if self.county_work is not None:
                work = county_stats.work(self.period(), today=self.ctx.today())
        except UserError as exc:
            messages.show_error(self, exc.message)
            return
        self.report = report
        if self.county_work is not None and work is not None:
            self.county_work.show_work(work)
        shown = statistics.summary_figures(report, self.terms)
        figures = [_figure(name, value) for name, value in shown]
        figures += [f"{declared(c.label, 2)} {c.count}" for c in report.others]
        self.summary.setText(
            self.tr("{0}: {1}").format(terms.period_title(report.period),
                                       self.tr("; ").join(figures))
        )  # fmt: skip
        self.charts["category"].set_items(terms.categories(report.by_category))
        self.charts["channel"].set_items(terms.coded(report.by_channel, Channel))
        self.charts["village"].set_items(terms.villages(report.by_village[:TOP_VILLAGES]))
        self.charts["member"].set_items(_bars(report.by_member))
        self.charts["satisfaction"].set_items(terms.coded(report.satisfaction, Satisfaction))
        self.charts["proposals"].set_items(terms.proposal_kinds(report.proposals))
        self.sections.show_sections(report.sections)
        self._show_members(report)

    def _show_members(self, report: Report) -> None:
        self._member_columns()  # the counted kinds as declared now
        names = [name for name, _ in statistics.tallies()]
        self.members.setRowCount(len(report.members))
        for row, m in enumerate(report.members):
            values = (m.name, m.sector, m.visits, *(m.counted.get(n, 0) for n in names),
                      m.proposals)  # fmt: skip
            for column, value in enumerate(values):
                self.members.setItem(row, column, QTableWidgetItem(str(value)))
        self.members.setFixedHeight(
            self.members.horizontalHeader().height() + self.members.verticalHeader().length() + 4
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()
