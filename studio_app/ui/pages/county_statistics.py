"""The county-work tab of the statistics page (county mode): review results, lead units'
replies and their timeliness, adoption of 社情民意 and members' evaluation, per studio,
and the days to the county's first action on through-train records (直通车) and the others,
from :func:`studio_app.services.county_stats.work`. Figures are named as in the printed
report's county section (:mod:`studio_app.ui.pages.statistics_terms`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from operator import itemgetter
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio_app.core.codes import AdoptionLevel, ProposalKind, ReplyClass, Review, Satisfaction
from studio_app.services.county_stats import CountyWork, Tally
from studio_app.services.statistics import Counted
from studio_app.services.through_train import Timing
from studio_app.ui.i18n import label
from studio_app.ui.pages import statistics_terms as terms

NUMBER_WIDTH = 64  # px: figures line up in columns of at least this width
Cell = str | int
Column = tuple[str, str, Callable[[Any], Cell]]  # header, tooltip, value of a row


def rate(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


class CountyWorkPanel(QScrollArea):
    """Four tables of the county's work in the chosen period: per studio, by review result,
    by lead unit, adoption and evaluation per studio."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("countyWorkPanel")
        self.setWidgetResizable(True)
        self.terms = t = terms.terms()
        content = QWidget(self)
        layout = QVBoxLayout(content)
        self.summary = QLabel(content)
        self.summary.setObjectName("countyWorkSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tables: dict[str, QTableWidget] = {}
        for key, title in (
            ("studios", self.tr("Review, assignment and replies per studio")),
            ("results", self.tr("Review results by kind of record")),
            ("units", self.tr("Replies by lead unit")),
            ("adoption", self.tr("Adoption of social-conditions reports and members' evaluation")),
            ("train", self.tr("Through train: days from submission to the county's first action")),
        ):
            layout.addWidget(QLabel(f"<b>{title}</b>", content))
            table = QTableWidget(0, 0, content)
            table.setObjectName(f"countyWork_{key}")
            table.verticalHeader().hide()
            table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            self.tables[key] = table
            layout.addWidget(table)
        note = self.tr(
            "Records submitted in the period, as they stand now; drafts are not counted. "
            "{0} = {1} ÷ {2} (replied, or past the reply deadline); "
            "{3} = (satisfied + basically satisfied) ÷ {4}."
        ).format(t.reply_on_time_rate, t.replied_on_time, t.reply_due,
                 t.reply_satisfaction_rate, t.evaluated)  # fmt: skip
        hint = QLabel(note, content)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        layout.addStretch(1)
        self.setWidget(content)

    def show_work(self, work: CountyWork) -> None:
        """Fill the tables from ``work``."""
        t, n = work.total, self.terms
        figures = [
            (n.submitted, t.submitted),
            (n.not_reviewed, t.pending),
            (n.assigned, t.assigned),
            (n.replied, t.replied),
            (n.reply_due, t.due),
            (n.replied_on_time, t.on_time),
            (n.overdue, t.overdue),
            (n.reply_on_time_rate, rate(t.on_time_rate)),
            (n.sqmy, t.sqmy),
            (n.adopted, t.adopted),
            (n.adoption_rate, rate(t.adoption_rate)),
            (n.evaluated, t.evaluated),
            (n.reply_satisfaction_rate, rate(t.satisfaction_rate)),
        ]
        shown = self.tr("; ").join(f"{name} {value}" for name, value in figures)
        self.summary.setText(self.tr("{0}: {1}").format(terms.period_title(work.period), shown))
        everyone = [*work.studios, self._total(t)]
        self._fill("studios", self._studio_columns(), everyone)
        self._fill("results", self._result_columns(), [*work.kinds, self._total(t)])
        self._fill("units", self._unit_columns(), work.units)
        self._fill("adoption", self._adoption_columns(), everyone)
        self._fill_timing(work.first_actions.groups)

    def _fill_timing(self, groups: Sequence[Timing]) -> None:
        """直通车 and the other records: how many, acted on, awaiting, and the days."""
        heads = [
            ("", ""),
            (self.tr("Submitted"), ""),
            (self.tr("Acted on"), self.tr("The county has reviewed, assigned or answered")),
            (self.tr("Awaiting first action"), self.tr("Nothing done by the county yet")),
            (self.tr("Median days"), self.tr("Days from submission to the first action")),
            (self.tr("Mean days"), self.tr("Days from submission to the first action")),
            (self.tr("Longest days"), ""),
        ]
        names = {"through_train": self.tr("Through train"), "others": self.tr("Other records")}

        def days(value: float | None) -> str:
            return "—" if value is None else f"{value:g}"

        rows: list[Sequence[Cell]] = [
            [names.get(t.code, t.label), t.submitted, t.acted, t.awaiting,
             days(t.median_days), days(t.mean_days), days(t.longest_days)]
            for t in groups
        ]  # fmt: skip
        self._fill(
            "train", [(head, tip, itemgetter(n)) for n, (head, tip) in enumerate(heads)], rows
        )

    def _total(self, total: Tally) -> Tally:
        return Tally(total.code, self.tr("County total"), total.counts)

    def _studio_columns(self) -> list[Column]:
        n = self.terms
        return [
            (self.tr("Studio"), "", lambda t: t.label),
            (n.submitted, "", lambda t: t.submitted),
            (n.not_reviewed, "", lambda t: t.pending),
            (label(Review.ACCEPTED), "", lambda t: t.reviewed(Review.ACCEPTED)),
            *self._handling_columns(),
        ]

    def _handling_columns(self) -> list[Column]:
        n = self.terms
        columns: list[Column] = [
            (n.assigned, "", lambda t: t.assigned),
            (n.replied, "", lambda t: t.replied),
            (n.reply_due, self.tr("Replied, or past the reply deadline"), lambda t: t.due),
            (n.replied_on_time, self.tr("Replied by the deadline"), lambda t: t.on_time),
            (n.overdue, self.tr("Not replied, deadline passed"), lambda t: t.overdue),
            (n.reply_on_time_rate, "", lambda t: rate(t.on_time_rate)),
        ]
        for cls in ReplyClass:
            columns.append((cls.value, label(cls), _of(lambda t: t.classes, cls.value)))
        return columns

    def _result_columns(self) -> list[Column]:
        columns: list[Column] = [
            (self.tr("Kind"), "", lambda t: _kind_label(t)),
            (self.terms.submitted, "", lambda t: t.submitted),
        ]
        columns += [(label(r), "", partial(Tally.reviewed, result=r)) for r in Review]
        columns.append((self.terms.not_reviewed, "", lambda t: t.pending))
        return columns

    def _unit_columns(self) -> list[Column]:
        evaluations: list[Column] = [
            (label(s), self.tr("Members' evaluation of the reply"),
             _of(lambda t: t.evaluations, s.value))
            for s in Satisfaction
        ]  # fmt: skip
        unit: Column = (self.tr("Lead unit"), "", lambda t: terms.lead_unit(t.code, t.label))
        return [unit, *self._handling_columns(), *evaluations]

    def _adoption_columns(self) -> list[Column]:
        n = self.terms
        columns: list[Column] = [
            (self.tr("Studio"), "", lambda t: t.label),
            (n.sqmy, self.tr("Social-conditions reports submitted"), lambda t: t.sqmy),
        ]
        columns += [
            (label(a), self.tr("Adopted at this level"),
             _of(lambda t: t.adoptions, a.value))
            for a in AdoptionLevel
        ]  # fmt: skip
        columns += [
            (n.adopted, "", lambda t: t.adopted),
            (n.adoption_rate, "", lambda t: rate(t.adoption_rate)),
        ]
        columns += [
            (label(s), self.tr("Members' evaluation of the reply"),
             _of(lambda t: t.evaluations, s.value))
            for s in Satisfaction
        ]  # fmt: skip
        columns.append((n.reply_satisfaction_rate, "", lambda t: rate(t.satisfaction_rate)))
        return columns

    def _fill(self, key: str, columns: Sequence[Column], rows: Sequence[Any]) -> None:
        """One table: a row per tally (or per list of cells), a column each."""
        table = self.tables[key]
        table.clear()
        table.setColumnCount(len(columns))
        table.setRowCount(len(rows))
        for column, (head, tip, _value) in enumerate(columns):
            header = QTableWidgetItem(head)
            if tip:
                header.setToolTip(tip)
            table.setHorizontalHeaderItem(column, header)
        for row, tally in enumerate(rows):
            for column, (_head, _tip, value) in enumerate(columns):
                shown = value(tally)
                item = QTableWidgetItem(str(shown))
                if column:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                table.setItem(row, column, item)
        table.resizeColumnsToContents()
        for column in range(1, len(columns)):  # figures in even columns
            table.setColumnWidth(column, max(table.columnWidth(column), NUMBER_WIDTH))
        table.setFixedHeight(
            table.horizontalHeader().height() + table.verticalHeader().length() + 4
        )
        table.setMaximumWidth(table.horizontalHeader().length() + 4)

    def text_rows(self, key: str) -> list[list[str]]:
        """The cells of one table as text (tests and screen readers)."""
        table = self.tables[key]
        return [
            [_text(table.item(r, c)) for c in range(table.columnCount())]
            for r in range(table.rowCount())
        ]


def _text(item: QTableWidgetItem | None) -> str:
    return "" if item is None else item.text()


def _count(items: Sequence[Counted], code: str) -> int:
    return next((c.count for c in items if c.code == code), 0)


def _of(pick: Callable[[Tally], Sequence[Counted]], code: str) -> Callable[[Tally], Cell]:
    """A column counting ``code`` among the counts ``pick`` reads from a tally."""
    return lambda t: _count(pick(t), code)


def _kind_label(t: Tally) -> str:
    if t.code in ProposalKind._value2member_map_:
        return label(ProposalKind(t.code))
    return t.label
