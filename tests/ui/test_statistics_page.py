"""The statistics page: the chosen period's report as a summary, bar charts and a table,
its figures named as the printed report names them, in Chinese or in English."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QSpinBox,
    QTableWidget,
    QWidget,
)

from studio_app.core import kinds
from studio_app.core.codes import CodeListKind
from studio_app.reports import monthly_report
from studio_app.services import proposals, site
from studio_app.services.context import Context
from studio_app.services.stat_terms import TERMS
from studio_app.services.statistics import Period, tallies
from studio_app.storage.models import Member, Resident, Site
from studio_app.ui.i18n import switch_language
from studio_app.ui.pages.statistics_page import StatisticsPage
from studio_app.ui.widgets.bar_chart import BarChart
from tests.conftest import fixed_clock
from tests.reports import pdf
from tests.services import county_scenario as scenario
from tests.services.county_scenario import DAZ_NAME, SQZ_NAME, Worked
from tests.ui.conftest import AddVisits, People

studio, county, out, worked = scenario.studio, scenario.county, scenario.out, scenario.worked

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")
# Words the figures were called by before their names were declared once (stat_terms.TERMS).
FORMER_NAMES = ("按时办理", "按期办理", "转办件", "转有关部门办理", "满意和基本满意率",
                "提案/社情民意", "提案与社情民意", "采用合计")  # fmt: skip


def shown(qtbot, ctx: Context, span: str, year: int, part: int = 1) -> StatisticsPage:
    page = StatisticsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.set_period(span, year, part)
    return page


def header(table: QTableWidget) -> list[str]:
    return [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]


def page_texts(page: QWidget) -> list[str]:
    """What the page itself says: labels, buttons, choices, table headers, tooltips and the
    charts' titles and rows (table cells are data and are left out)."""
    found = []
    for w in [page, *page.findChildren(QWidget)]:
        if isinstance(w, (QLabel, QAbstractButton)):
            found.append(w.text())
        if isinstance(w, QComboBox):
            found += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QSpinBox):
            found += [w.prefix(), w.suffix()]
        if isinstance(w, QTableWidget):
            found += header(w)
            items = [w.horizontalHeaderItem(c) for c in range(w.columnCount())]
            found += [i.toolTip() for i in items if i is not None]
        if isinstance(w, BarChart):
            found += [w.title, *(text for text, _ in w.items)]
        found.append(w.toolTip())
    return [t for t in found if t]


def printed_row(text: str, *first: str) -> list[str]:
    """The words of the first line of ``text`` that begins with the words ``first``."""
    return next(ws for ws in (line.split() for line in text.splitlines()) if ws[:2] == [*first])


def test_period_choice_shows_the_report(qtbot, ctx: Context, add_visits: AddVisits) -> None:
    add_visits(6, start=datetime(2026, 3, 2, 9, 0))  # visits 1 and 4 referred
    page = StatisticsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.set_period("month", 2026, 3)
    assert page.report is not None and page.report.period.label == "2026年3月"
    assert page.county_work is None  # a studio's page has no county tab
    assert page.summary.text() == (
        "2026年3月：接待走访 6；已办结 4；办结率 66.7%；转办 2；已到期 2；按期反馈 0；"
        "按期率 0.0%；满意率 —；访谈 0 次；委员活动 0 次；协商议事 0 次；联系 0 次；"
        "营商监测 0 次；选举观察 0 个；提案等 0"
    )  # the rate is over the referrals already due
    channels = page.charts["channel"].text_rows()
    assert channels[0] == "坐班接待 2" and len(channels) == 5
    assert sum(int(r.split()[-1]) for r in page.charts["category"].text_rows()) == 6
    assert page.members.rowCount() == 3 and page.members.item(0, 2).text() == "2"
    page.part.setValue(4)  # April: nothing
    assert page.report.visits == 0 and page.members.rowCount() == 0
    page.span.setCurrentIndex(page.span.findData("quarter"))
    assert page.part.maximum() == 4 and page.report.period.label == "2026年第4季度"
    page.span.setCurrentIndex(page.span.findData("year"))
    assert page.part.isHidden() and page.report.visits == 6
    assert page.grab().width() > 0  # paints


def test_county_page_shows_the_county_work_tables(qtbot, worked: Worked) -> None:
    ctx = replace(worked.county.ctx, clock=fixed_clock(datetime(2026, 8, 1, 10, 0)))
    page = StatisticsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    page.set_period("year", 2026)
    panel = page.county_work
    assert panel is not None and page.tabs.count() == 2
    page.tabs.setCurrentWidget(panel)
    assert panel.summary.text().startswith("2026年")
    assert "7" in panel.summary.text() and "50.0%" in panel.summary.text()
    # studio, submitted, not reviewed, accepted, assigned, replied, due, on time, overdue,
    # on-time rate, A, B, C
    assert panel.text_rows("studios") == [
        [DAZ_NAME, "3", "1", "2", "2", "1", "1", "1", "0", "100.0%", "0", "0", "1"],
        [SQZ_NAME, "4", "0", "3", "3", "2", "3", "1", "1", "33.3%", "1", "1", "0"],
        [panel.tr("County total"), "7", "1", "5", "5", "3", "4", "2", "1", "50.0%", "1", "1", "1"],
    ]
    # kind, submitted, accepted, rejected, merged, converted, returned, not reviewed
    results = panel.text_rows("results")
    assert [r[1:] for r in results] == [
        ["2", "2", "0", "0", "0", "0", "0"],
        ["3", "3", "0", "0", "0", "0", "0"],
        ["1", "0", "1", "0", "0", "0", "0"],
        ["1", "0", "0", "0", "0", "0", "1"],
        ["7", "5", "1", "0", "0", "0", "1"],
    ]
    assert results[0][0] == "提案" and results[3][0] == "百字金点子"
    units = panel.text_rows("units")
    assert [r[0] for r in units] == ["县住建局", "县交通运输局", "县教育局"]
    assert units[0][1:7] == ["3", "1", "2", "1", "1", "50.0%"]
    assert units[0][-3:] == ["1", "0", "0"]  # the A reply's member was satisfied
    # studio, 社情民意, county, city, province, national, adopted, rate, evaluations, rate
    adoption = panel.text_rows("adoption")
    assert adoption[1][:8] == [SQZ_NAME, "2", "1", "1", "0", "0", "2", "100.0%"]
    assert adoption[1][8:] == ["1", "0", "1", "50.0%"]
    assert adoption[2][1:8] == ["3", "1", "1", "1", "0", "3", "100.0%"]
    page.set_period("year", 2025)
    assert [r[0] for r in panel.text_rows("studios")] == [DAZ_NAME, panel.tr("County total")]
    page.set_period("year", 2026)
    assert panel.grab().width() > 0  # paints


# -- one name per figure, on the screen as on paper ----------------------------------------


@pdf.needs_poppler
def test_the_page_and_the_printed_report_name_the_figures_alike(
    qtbot, ctx: Context, add_visits: AddVisits, tmp_path: Path
) -> None:
    add_visits(6, start=datetime(2026, 3, 2, 9, 0))
    page = shown(qtbot, ctx, "month", 2026, 3)
    assert page.terms == TERMS  # every figure's English source translates to its term
    dest = tmp_path / "report.pdf"
    monthly_report.render(ctx, Period.month(2026, 3), dest)
    printed = pdf.text(dest)

    # The summary: the same figures, by the same names, in the same order.
    _title, figures = page.summary.text().split("：", 1)
    on_screen = [item.split(" ")[0] for item in figures.split("；")]
    per_row = monthly_report.SUMMARY_COLUMNS  # on paper: rows of so many figures
    rows = [printed_row(printed, *on_screen[i : i + 2]) for i in range(0, len(on_screen), per_row)]
    assert on_screen == [word for row in rows for word in row]
    assert rows[0][:2] == [TERMS.visits, TERMS.closed]
    assert on_screen[:3] == [TERMS.visits, TERMS.closed, TERMS.closure_rate]
    # The members' activity: the same columns (paper adds the total).
    assert [*header(page.members), TERMS.total] == printed_row(printed, "委员", "界别")
    # Every term of a studio's figures either shows: the same set, but for the breakdowns
    # only one of them has.
    studio_part = list(TERMS.table())
    names = {TERMS.table()[n] for n in studio_part[: studio_part.index("submitted")]}
    screen = " ".join(page_texts(page))
    flat = pdf.flat(dest)
    on_page = {n for n in names if n in screen}
    on_paper = {n for n in names if n in flat}
    only_on_paper = {TERMS.by_handling, TERMS.by_status, TERMS.total}
    # (合计 also names a programme's sum on the page: 受益群众人数合计)
    assert on_page - {TERMS.by_member, TERMS.total} == on_paper - only_on_paper
    assert {TERMS.on_time, TERMS.on_time_rate, TERMS.by_village} <= on_page
    for former in FORMER_NAMES:
        assert former not in screen and former not in flat, former


@pdf.needs_poppler
def test_the_county_tab_and_the_printed_section_name_the_figures_alike(
    qtbot, worked: Worked, tmp_path: Path
) -> None:
    ctx = replace(worked.county.ctx, clock=fixed_clock(datetime(2026, 8, 1, 10, 0)))
    page = shown(qtbot, ctx, "year", 2026)
    panel = page.county_work
    assert panel is not None
    dest = tmp_path / "county.pdf"
    monthly_report.render(ctx, Period.year(2026), dest)
    printed = pdf.text(dest)
    section = pdf.flat(dest).split("县政协审查办理情况")[1].split(f"{DAZ_NAME}一、")[0]

    # Review and replies: the printed tables' columns, in the tab's order.
    studios = header(panel.tables["studios"])
    reviews = printed_row(printed, "工作室", TERMS.submitted)
    assert studios[1:3] == [reviews[1], reviews[-1]]  # submitted … not reviewed
    replies = printed_row(printed, "工作室", TERMS.assigned)
    assert studios[4:10] == replies[1:7]
    assert (
        header(panel.tables["units"])[1:7] == printed_row(printed, "主办单位", TERMS.assigned)[1:7]
    )
    adoption = header(panel.tables["adoption"])
    assert [adoption[1], *adoption[6:8]] == [TERMS.sqmy, TERMS.adopted, TERMS.adoption_rate]
    assert printed_row(printed, "工作室", TERMS.sqmy)[-2:] == adoption[6:8]
    assert adoption[-1] == printed_row(printed, "工作室", TERMS.replied)[-1]
    # The summaries: every figure of the county's work, by its one name.
    county_terms = list(TERMS.table().values())[list(TERMS.table()).index("submitted") :]
    screen = " ".join(page_texts(panel))
    assert [t for t in county_terms if t in screen] == county_terms
    assert [t for t in county_terms if t in section] == county_terms
    for former in FORMER_NAMES:
        assert former not in screen and former not in section, former


# -- the page in English ---------------------------------------------------------------------


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    """The UI in English for the test, its translators gone after it (as the Chinese
    fixture leaves things)."""
    translators = switch_language(qapp, "en")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


def chinese_left(texts: list[str], data: set[str]) -> list[str]:
    """The texts that still hold Chinese once the data in them is taken out."""
    left = []
    for text in texts:
        bare = text
        for value in sorted(data, key=len, reverse=True):
            bare = bare.replace(value, "")
        if HAN.search(bare):
            left.append(text)
    return left


def declared() -> set[str]:
    """Words the kinds declare in Chinese only, shown as declared in every language."""
    return {w for _, t in tallies() for w in (t.label, t.unit)} | {k.label for k in kinds.generic()}


def test_in_english_the_page_speaks_english(
    qtbot, english: None, ctx: Context, people: People, add_visits: AddVisits
) -> None:
    add_visits(6, start=datetime(2026, 12, 2, 9, 0))
    dec = replace(ctx, clock=fixed_clock(datetime(2026, 12, 20, 10, 0)))
    text = {"title": "村道", "facts": "情况", "recommendations": "建议"}
    lead = people.members["王建国"]
    proposals.create(dec, {"kind": "sqmy", "lead_member": lead, **text})
    proposals.submit(
        dec, proposals.create(dec, {"kind": "proposal", "lead_member": lead, **text}).id
    )
    page = shown(qtbot, ctx, "month", 2026, 12)
    assert page.summary.text().startswith("December 2026: Visits 6; Visits closed 4;")
    assert page.charts["channel"].text_rows()[:2] == ["Reception 2", "Home visit 1"]
    assert page.charts["satisfaction"].text_rows()[0] == "Satisfied 0"
    assert page.charts["proposals"].text_rows() == [
        "Proposal · Submitted 1", "Social-conditions report · Draft 1",
    ]  # fmt: skip
    assert page.charts["village"].title == "Visits by village (top 15)"
    data = {str(m.name) for m in Member.select()} | {str(r.village) for r in Resident.select()}
    for codes in (CodeListKind.ISSUE_CATEGORY, CodeListKind.ACTIVITY_KIND):  # data
        data |= set(site.code_labels(codes).values())
    data |= declared()
    assert chinese_left(page_texts(page), data) == []
    page.set_period("quarter", 2026, 4)
    assert page.summary.text().startswith("Q4 2026: Visits 6;")
    page.set_period("year", 2026)
    assert page.summary.text().startswith("2026: Visits 6;")


def test_in_english_the_county_tab_speaks_english(qtbot, english: None, worked: Worked) -> None:
    ctx = replace(worked.county.ctx, clock=fixed_clock(datetime(2026, 8, 1, 10, 0)))
    page = shown(qtbot, ctx, "year", 2026)
    panel = page.county_work
    assert panel is not None
    assert panel.summary.text().startswith("2026: Records submitted 7; Not reviewed 1;")
    assert [r[0] for r in panel.text_rows("results")][:2] == [
        "Proposal",
        "Social-conditions report",
    ]
    assert panel.text_rows("studios")[-1][0] == "County total"
    data = {str(s.name) for s in Site.select()} | {str(m.name) for m in Member.select()}
    data |= {str(r.village) for r in Resident.select()} | declared()
    for codes in (
        CodeListKind.HANDLING_UNIT,
        CodeListKind.ISSUE_CATEGORY,
        CodeListKind.SECTOR,
        CodeListKind.ACTIVITY_KIND,
    ):
        data |= set(site.code_labels(codes).values())
    assert chinese_left(page_texts(page), data) == []
