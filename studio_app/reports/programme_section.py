"""The programmes' part of a scope in the statistics report (五、履职活动情况): for each
counted kind with a section (:mod:`studio_app.services.kind_stats`) — activities,
consultations, contacts, observations… — its sentence and a table per breakdown, two side
by side; for a kind that averages ratings, its averages by quarter as a table and a line
chart."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from studio_app.reports import charts
from studio_app.reports.sheet import TABLE_W
from studio_app.services.kind_stats import OVERDUE, Breakdown, Section

if TYPE_CHECKING:
    from studio_app.reports.monthly_report import _Styles

NUMBERS = "一二三四五六七八九十"
COLUMN_W = (TABLE_W - 6 * mm) / 2  # each of two tables side by side


def _pct(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "—"


def _rows(b: Breakdown) -> list[list[str]]:
    """Values, counts and shares; a tracked field's overdue items after its total."""
    unit = {"件": "件数", "项": "项数", "个": "个数"}.get(b.unit, b.unit)
    total = b.total
    rows = [[b.label, unit, "占比"]]
    rows += [[c.label, f"{c.count:,}", _pct(c.count, total)] for c in b.items if c.code != OVERDUE]
    rows.append(["合计", f"{total:,}", "100.0%" if total else "—"])
    rows += [[c.label, f"{c.count:,}", _pct(c.count, total)] for c in b.items if c.code == OVERDUE]
    return rows


def _average(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _trend(sec: Section, s: _Styles) -> list[Flowable]:
    """The ratings' averages by quarter (the period's own averages last) and their chart."""
    if not sec.trend:
        return []
    labels = [m.label for m in sec.means]
    rows = [["季度", *labels, "次数"]]
    rows += [[q.label, *map(_average, q.values), f"{q.count:,}"] for q in sec.trend]
    rows.append(["本期", *(_average(m.value) for m in sec.means), f"{sec.total:,}"])
    first = 30 * mm
    widths = [first, *[(TABLE_W - first - 14 * mm) / len(labels)] * len(labels), 14 * mm]
    quarters = [f"{q.year}Q{q.number}" for q in sec.trend]
    series = [(label, [q.values[i] for q in sec.trend]) for i, label in enumerate(labels)]
    chart = charts.line_chart(quarters, series, s.font, width=TABLE_W, top=5,
                              title=f"{sec.title}各季度平均分")  # fmt: skip
    return [Spacer(1, 2 * mm), KeepTogether([s.table(rows, widths), Spacer(1, 2 * mm), chart])]


def section(number: str, sections: Sequence[Section], s: _Styles) -> list[Flowable]:
    """``number``: the part's numeral in the scope's outline, e.g. 五."""
    if not sections:
        return []
    out: list[Flowable] = [CondPageBreak(60 * mm)]
    part: list[Flowable] = [Paragraph(f"{number}、履职活动情况", s.h2)]  # kept with the first
    widths = [COLUMN_W - 36 * mm, 18 * mm, 18 * mm]
    for n, sec in enumerate(sections):
        tables: list[Flowable] = [s.table(_rows(b), widths) for b in sec.breakdowns]
        pairs: list[list[Flowable]] = [tables[i : i + 2] for i in range(0, len(tables), 2)]
        if pairs and len(pairs[-1]) == 1:
            pairs[-1].append(Spacer(1, 1))
        title = Paragraph(f"（{NUMBERS[n]}）{sec.title}", s.h2)
        head: list[Flowable] = [*part, title, Paragraph(sec.sentence(), s.body)]
        part = []
        if not pairs:
            out.append(KeepTogether(head))
            out += _trend(sec, s)
            continue
        grid = Table(pairs, colWidths=[COLUMN_W + 3 * mm] * 2, hAlign="LEFT")
        grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                  ("FONT", (0, 0), (-1, -1), s.font, 9.5),
                                  ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                  ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))  # fmt: skip
        out.append(KeepTogether([*head, grid]))
        out += _trend(sec, s)
    return out
