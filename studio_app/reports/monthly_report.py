"""The monthly (quarterly, yearly) statistics report: tables and charts for meetings.

One section per scope: the studio itself, or in county mode each studio and then the county
total behind an overview table and the county's work on proposals (county_section.py); then
the block a form is signed in (填报单位, 审核人, 填报日期). Figures are named by
:data:`~studio_app.services.stat_terms.TERMS`, as on the statistics page.
Laid out with platypus flowables in frames on the canvas of
:func:`~studio_app.reports.pdfwrite.write_pdf`, so it is written atomically like every form.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from studio_app.reports import charts, county_section, programme_section
from studio_app.reports.documents import PrintResult
from studio_app.reports.fonts import PrintFont, print_font
from studio_app.reports.pdfwrite import CREATOR, write_atomic
from studio_app.reports.sheet import LEFT, PAGE_H, PAGE_W, TABLE_W
from studio_app.reports.text import cn_date
from studio_app.services import county_stats
from studio_app.services.context import Context
from studio_app.services.print_settings import font_path
from studio_app.services.site import local_site
from studio_app.services.stat_terms import TERMS as T
from studio_app.services.statistics import (
    COUNTY_SCOPE,
    Counted,
    Period,
    Report,
    by_site,
    report,
    summary_figures,
    tallies,
)

GRID = colors.HexColor("#404040")
HEAD_BG = colors.HexColor("#E8ECF4")
TOP_VILLAGES = 15
CELL_SIZE = 9.5  # pt, the tables' text
CELL_PAD = 12  # pt, a cell's left and right padding together
SUMMARY_COLUMNS = 8  # figures in one row of the summary table (more: another row below)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


class _Styles:
    def __init__(self, font: str) -> None:
        self.font = font
        self.title = ParagraphStyle(
            "t", fontName=font, fontSize=18, leading=26, alignment=TA_CENTER
        )
        self.sub = ParagraphStyle(
            "s", fontName=font, fontSize=10.5, leading=16, alignment=TA_CENTER
        )
        self.h1 = ParagraphStyle("h1", fontName=font, fontSize=14, leading=22, spaceBefore=6)
        self.h2 = ParagraphStyle("h2", fontName=font, fontSize=11.5, leading=18, spaceBefore=8,
                                 spaceAfter=3)  # fmt: skip
        self.body = ParagraphStyle("b", fontName=font, fontSize=10.5, leading=17, wordWrap="CJK",
                                   firstLineIndent=21)  # fmt: skip
        self.note = ParagraphStyle("n", fontName=font, fontSize=8.5, leading=12, wordWrap="CJK",
                                   textColor=colors.HexColor("#555555"))  # fmt: skip

    def fit(self, heads: Sequence[str], room: float) -> list[float]:
        """Widths of columns sharing ``room``: each what its header needs (the longest of its
        lines) plus an equal share of what is left, so no header runs into the next."""
        need = [
            max(stringWidth(line, self.font, CELL_SIZE) for line in head.split("\n")) + CELL_PAD
            for head in heads
        ]
        spare = (room - sum(need)) / len(need)
        return [n + spare for n in need]

    def table(
        self, rows: list[list[str]], widths: Sequence[float], *, align_from: int = 1
    ) -> Table:
        t = Table(rows, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
        t.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), self.font, CELL_SIZE),
                    ("GRID", (0, 0), (-1, -1), 0.5, GRID),
                    ("BOX", (0, 0), (-1, -1), 1.0, GRID),
                    ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
                    ("ALIGN", (0, 0), (-1, 0), "CENTER"),
                    ("ALIGN", (align_from, 1), (-1, -1), "RIGHT"),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("TOPPADDING", (0, 0), (-1, -1), 3),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                ]
            )
        )
        return t


def _share_rows(items: Sequence[Counted], total: int, head: str) -> list[list[str]]:
    rows = [[head, "件数", "占比"]]
    rows += [[c.label, f"{c.count:,}", _pct(c.count / total if total else None)] for c in items]
    rows.append([T.total, f"{total:,}", "100.0%" if total else "—"])
    return rows


def _summary(r: Report, s: _Styles) -> list[Flowable]:
    rated = sum(c.count for c in r.satisfaction)
    proposals = sum(c.count for c in r.proposals)
    text = (
        f"本期共{T.visits}群众{r.visits:,}件，{T.closed}{r.closed:,}件，"
        f"{T.closure_rate}{_pct(r.closure_rate)}；{T.referred}{r.referred:,}件，"
        f"其中{T.due}{r.due:,}件，{T.on_time}{r.on_time:,}件，"
        f"{T.on_time_rate}{_pct(r.on_time_rate)}；满意度评价{rated:,}件，"
        f"{T.satisfaction_rate}{_pct(r.satisfaction_rate)}。"
        + "".join(f"{t.sentence(r.counted[name])}，" for name, t in tallies())
        + f"撰写提案、社情民意等{proposals:,}件。"
    )
    if r.others:
        text += f"此外登记{'，'.join(f'{c.label}{c.count:,}件' for c in r.others)}。"
    shown = summary_figures(r)
    tables: list[Flowable] = []
    for lo in range(0, len(shown), SUMMARY_COLUMNS):  # the visits' figures, then the others
        part = shown[lo : lo + SUMMARY_COLUMNS]
        rows = [[term for term, _ in part], [value for _, value in part]]
        table = s.table(rows, s.fit(rows[0], TABLE_W), align_from=0)
        table.setStyle(TableStyle([("ALIGN", (0, 1), (-1, -1), "CENTER")]))
        tables += [table, Spacer(1, 4)]
    note = (
        f"注：{T.closure_rate}＝{T.closed}÷{T.visits}；{T.on_time_rate}＝{T.on_time}÷{T.due}"
        f"（{T.due}：已反馈或已过办理时限的{T.referred}）；{T.satisfaction_rate}＝（满意＋基本满意）"
        "÷作出满意度评价的件数。"
    )
    return [Paragraph(text, s.body), Spacer(1, 6), *tables, Paragraph(note, s.note)]


def _breakdown(
    title: str, items: Sequence[Counted], total: int, s: _Styles, *, pie: bool
) -> Flowable:
    """A table of counts and shares beside its chart, kept on one page; ``title``: a term
    of :data:`TERMS` behind its number, e.g. （一）按问题类别."""
    head = title.split("）", 1)[-1].removeprefix("按")
    table = s.table(_share_rows(items, total, head), [34 * mm, 18 * mm, 18 * mm])
    width = TABLE_W - 74 * mm
    chart = (charts.pie_chart if pie else charts.bar_chart)(items, s.font, width=width)
    pair = Table([[table, chart]], colWidths=[74 * mm, width], hAlign="LEFT")
    pair.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                              ("FONT", (0, 0), (-1, -1), s.font, 9.5),
                              ("LEFTPADDING", (0, 0), (-1, -1), 0)]))  # fmt: skip
    return KeepTogether([Paragraph(title, s.h2), pair])


def section(r: Report, s: _Styles, *, heading: bool = True) -> list[Flowable]:
    """Everything about one scope (a studio or the county total)."""
    out: list[Flowable] = []
    if heading:
        out.append(Paragraph(f"{r.scope}", s.h1))
    out += [Paragraph("一、总体情况", s.h2), *_summary(r, s)]
    out.append(Paragraph(f"二、{T.visits}情况", s.h2))
    out.append(_breakdown(f"（一）{T.by_category}", r.by_category, r.visits, s, pie=False))
    out.append(_breakdown(f"（二）{T.by_channel}", r.by_channel, r.visits, s, pie=True))
    out.append(_breakdown(f"（三）{T.by_handling}", r.by_handling, r.visits, s, pie=True))
    out.append(_breakdown(f"（四）{T.by_status}", r.by_status, r.visits, s, pie=False))
    rated = sum(c.count for c in r.satisfaction)
    out.append(_breakdown(f"（五）{T.satisfaction}", r.satisfaction, rated, s, pie=True))
    named = [c for c in r.by_village if c.code]
    villages = named[:TOP_VILLAGES]
    rest = sum(c.count for c in named[TOP_VILLAGES:])
    if rest:
        villages.append(Counted("*", "其他村（社区）", rest))
    villages += [c for c in r.by_village if not c.code]  # visits with no known village
    rows = [["村（社区）", "件数"]] + [[c.label, f"{c.count:,}"] for c in villages]
    out += [CondPageBreak(60 * mm), Paragraph(f"（六）{T.by_village}", s.h2)]
    out.append(s.table(rows, [60 * mm, 25 * mm]) if villages else Paragraph("本期无。", s.body))
    out += [CondPageBreak(60 * mm), Paragraph(f"三、{T.member_activity}", s.h2)]
    if r.members:
        counted = tallies()
        rows = [["委员", "界别", T.visits, *(t.label for _, t in counted), T.proposals, T.total]]
        rows += [[m.name, m.sector, f"{m.visits:,}",
                  *(f"{m.counted.get(name, 0):,}" for name, _ in counted), f"{m.proposals:,}",
                  f"{m.total:,}"] for m in r.members]  # fmt: skip
        # each column as wide as its longest cell needs, sharing what is left of the page
        longest = [max(column, key=lambda text: stringWidth(text, s.font, CELL_SIZE))
                   for column in zip(*rows, strict=True)]  # fmt: skip
        out.append(s.table(rows, s.fit(longest, TABLE_W), align_from=2))
        out.append(Paragraph(f"注：一件{T.visits}由多位委员参加时，每位委员各计一件。", s.note))
    else:
        out.append(Paragraph("本期无。", s.body))
    out += [CondPageBreak(50 * mm), Paragraph(f"四、{T.by_proposal_kind}", s.h2)]
    if r.proposals:
        total = sum(c.count for c in r.proposals)
        out.append(
            s.table(_share_rows(r.proposals, total, "类型·状态"), [60 * mm, 25 * mm, 25 * mm])
        )
    else:
        out.append(Paragraph("本期无。", s.body))
    if r.proposal_reviews:
        total = sum(c.count for c in r.proposal_reviews)
        out.append(Spacer(1, 6))
        rows = _share_rows(r.proposal_reviews, total, "县政协审查结果（已报送件）")
        out.append(s.table(rows, [60 * mm, 25 * mm, 25 * mm]))
    return out + programme_section.section("五", r.sections, s)


def _overview(reports: Sequence[Report], s: _Styles) -> list[Flowable]:
    counted = tallies()
    rows = [["工作室", T.visits, T.closure_rate, T.on_time_rate, T.satisfaction_rate,
             *(t.label for _, t in counted), T.proposals]]  # fmt: skip
    for r in reports:
        rows.append([r.scope, f"{r.visits:,}", _pct(r.closure_rate), _pct(r.on_time_rate),
                     _pct(r.satisfaction_rate), *(f"{r.counted[name]:,}" for name, _ in counted),
                     f"{sum(c.count for c in r.proposals):,}"])  # fmt: skip
    table = s.table(rows, [58 * mm, *s.fit(rows[0][1:], TABLE_W - 58 * mm)])
    return [Paragraph("各工作室概况", s.h1), table, PageBreak()]


def signature(unit: str, today_text: str, s: _Styles) -> Flowable:
    """The block a form ends with: who reports (填报单位), a line for the reviewer to sign
    (审核人) and the day the report was made (填报日期), kept together at the right."""
    rows = [["填报单位：", unit], ["审核人：", ""], ["填报日期：", today_text]]
    table = Table(rows, colWidths=[24 * mm, 62 * mm], rowHeights=10 * mm, hAlign="RIGHT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), s.font, 10.5),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("ALIGN", (0, 0), (0, -1), "RIGHT"),
                ("LINEBELOW", (1, 1), (1, 1), 0.5, GRID),  # the reviewer signs on the line
                ("LEFTPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return KeepTogether([Spacer(1, 12 * mm), table])


def story(
    period: Period,
    reports: Sequence[Report],
    s: _Styles,
    today_text: str,
    work: county_stats.CountyWork | None = None,
) -> list[Flowable]:
    """The whole report; ``work``: the county's own work, after the overview (county mode).
    It ends with the signature block, the reporting unit being this installation."""
    county = len(reports) > 1 or reports[0].scope == COUNTY_SCOPE
    here = local_site()
    scope = ((here.county if here else "") or "全县") if county else reports[0].scope
    last_day = period.end - timedelta(days=1)
    out: list[Flowable] = [
        Paragraph(f"{scope}委员工作室履职统计报表" if county else f"{scope}履职统计报表", s.title),
        Paragraph(
            f"统计期间：{period.label}（{cn_date(period.start)}至{cn_date(last_day)}）", s.sub
        ),
        Paragraph(f"制表日期：{today_text}", s.sub),
        Spacer(1, 8),
    ]
    if county:
        out += _overview(reports, s)
        if work is not None:
            out += [*county_section.section(work, s, today_text), PageBreak()]
        for r in reports:
            out += section(r, s)
            out.append(PageBreak())
        out.pop()
    else:
        out += section(reports[0], s, heading=False)
    out.append(signature(str(here.name) if here else reports[0].scope, today_text, s))
    return out


class _Document(BaseDocTemplate):
    """A4 pages with a running header and a centred page number."""

    def __init__(self, fh: BinaryIO, font: PrintFont, title: str) -> None:
        super().__init__(
            fh,
            pagesize=A4,
            leftMargin=LEFT,
            rightMargin=LEFT,
            topMargin=20 * mm,
            bottomMargin=20 * mm,
            title=title,
            creator=CREATOR,
            producer=CREATOR,
            pageCompression=1,
            initialFontName=font.name,
            lang="zh-CN",
        )
        self.font, self.running = font, title
        frame = Frame(LEFT, 20 * mm, TABLE_W, PAGE_H - 40 * mm, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)  # fmt: skip
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._decorate)])

    def _decorate(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(self.font.name, 9)
        canvas.drawCentredString(PAGE_W / 2, 10 * mm, f"— {doc.page} —")
        canvas.drawString(LEFT, PAGE_H - 13 * mm, self.running)
        canvas.setLineWidth(0.5)
        canvas.line(LEFT, PAGE_H - 15 * mm, LEFT + TABLE_W, PAGE_H - 15 * mm)
        if self.font.warning:
            canvas.setFillColor(colors.HexColor("#B00000"))
            canvas.setFont(self.font.name, 8)
            canvas.drawString(LEFT, PAGE_H - 8 * mm, self.font.warning)
        canvas.restoreState()


def render(
    ctx: Context, period: Period, dest: Path | str, *, county: bool | None = None
) -> PrintResult:
    """Print the statistics of ``period``: this studio, or every studio in county mode.

    ``county`` defaults to the installation's kind.
    """
    county = ctx.is_county if county is None else county
    reports = by_site(period) if county else [report(period, origin_site=ctx.site_uuid)]
    work = county_stats.work(period, today=ctx.today()) if county else None
    font = print_font(font_path())
    styles = _Styles(font.name)
    title = f"履职统计报表 · {period.label}"
    flowables = story(period, reports, styles, cn_date(ctx.today()), work)
    pages = 0

    def produce(fh: BinaryIO) -> None:
        nonlocal pages
        doc = _Document(fh, font, title)
        doc.build(flowables)
        pages = doc.page

    path = write_atomic(dest, produce)
    return PrintResult(path, pages, len(reports))
