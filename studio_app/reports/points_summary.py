"""The yearly duty points summary (履职积分汇总表): every member across studios with the
total, the points by group of rules and the minimums unmet, as a PDF table or an Excel
workbook (text cells are never formulas: :mod:`studio_app.core.xlsx`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab.pdfgen.canvas import Canvas

from studio_app.core import kinds
from studio_app.core.errors import UserError
from studio_app.reports import lookup
from studio_app.reports.documents import PrintResult
from studio_app.reports.fonts import print_font
from studio_app.reports.pdfwrite import write_atomic, write_pdf
from studio_app.reports.sheet import Form, FormWriter, Grid
from studio_app.reports.text import cn_date
from studio_app.services import points
from studio_app.services.context import Context
from studio_app.services.print_settings import font_path

OTHER = "其他履职"
GROUPS = (  # a group's label and the kinds whose rules it sums; the rest go to OTHER
    ("委员活动", (kinds.ACTIVITY.name,)),
    ("提案和社情民意", (kinds.PROPOSAL.name,)),
    ("联系服务群众", (kinds.VISIT.name, kinds.CONTACT.name)),
)
SUFFIXES = (".pdf", ".xlsx")
SIGNATURES = ("制表人", "审核人")


@dataclass(frozen=True)
class Summary:
    """The table: headers, then per member its studio, name, total, groups, minimums unmet."""

    title: str
    headers: list[str]
    rows: list[list[str | int]]
    numbers: range  # the columns that hold points


def group_of() -> dict[str, str]:
    """rule code → the label of its group (the county's adjustments a group of their own)."""
    groups = {kind: name for name, names in GROUPS for kind in names}
    found = {code: groups.get(k.name, OTHER) for code, (k, _r) in points.declared().items()}
    return {**found, points.ADJUSTMENT: points.ADJUSTMENT_LABEL}


def summary(year: int) -> Summary:
    """Every member of ``year`` (live or with points), by studio, then highest total first."""
    sites, local = lookup.site_names(), lookup.local_name()
    groups = group_of()
    found = points.totals(year)
    labels = [name for name, _kinds in GROUPS] + [OTHER]
    if any(points.ADJUSTMENT in m.by_rule for m in found):
        labels.append(points.ADJUSTMENT_LABEL)

    def studio(m: points.MemberPoints) -> str:
        return sites.get(m.studio, local) if m.studio else local

    rows: list[list[str | int]] = []
    for m in sorted(found, key=lambda m: (studio(m), -m.total, m.name)):
        sums = dict.fromkeys(labels, 0)
        for code, value in m.by_rule.items():
            sums[groups.get(code, OTHER)] += value
        unmet = "、".join(r.label for r in m.unmet)
        rows.append([studio(m), m.name, m.total, *sums.values(), unmet])
    headers = ["工作室", "姓名", "合计", *labels, "未达到的基本要求"]
    title = f"{local}委员履职积分汇总表（{year}年）"
    return Summary(title, headers, rows, range(2, 3 + len(labels)))


def _two_lines(label: str) -> str:
    """A points column's header in two lines (the columns hold short numbers)."""
    if len(label) <= 3 or label.startswith("未达到"):
        return label
    half = (len(label) + 1) // 2
    return f"{label[:half]}\n{label[half:]}"


def _pdf(table: Summary, dest: Path | str, printed: str) -> PrintResult:
    """One table per studio (its caption the studio's name), members numbered in it."""
    font = print_font(font_path())
    by_studio: dict[str, list[list[str]]] = {}
    for studio, *cells in table.rows:
        listed = by_studio.setdefault(str(studio), [])
        listed.append([str(len(listed) + 1), *map(str, cells)])
    headers = ["序号", *map(_two_lines, table.headers[1:])]
    least = (2, 4, 3, *([3] * (len(table.numbers) - 1)), 12)
    form = Form(
        title=table.title,
        serial=f"共 {len(table.rows)} 名委员",
        dated=f"制表日期：{printed}",
        rows=[
            Grid(f"{studio}（{len(lines)}名委员）", headers, lines, least=least)
            for studio, lines in by_studio.items()
        ],
        signatures=SIGNATURES,
    )
    pages = 0

    def draw(canvas: Canvas) -> None:
        nonlocal pages
        pages = FormWriter(canvas, font).draw(form)

    path = write_pdf(dest, draw, title=table.title, font=font.name)
    return PrintResult(path, pages, len(table.rows))


def _write_book(fh: BinaryIO, table: Summary, work: Path) -> None:
    from studio_app.core.xlsx import PlainWorkbook, check, write_text

    book = PlainWorkbook(fh, tmpdir=work)
    try:
        sheet = book.add_worksheet("履职积分汇总")
        write_text(sheet, 0, 0, table.title)
        for j, head in enumerate(table.headers):
            write_text(sheet, 1, j, head)
        for i, row in enumerate(table.rows, start=2):
            for j, cell in enumerate(row):
                if isinstance(cell, int):
                    check(sheet.write_number(i, j, cell), sheet, i, j)
                else:
                    write_text(sheet, i, j, cell)
        sheet.set_column(0, 0, 24)
        sheet.set_column(1, 1, 10)
        sheet.set_column(2, len(table.headers) - 2, 12)
        sheet.set_column(len(table.headers) - 1, len(table.headers) - 1, 48)
        sheet.freeze_panes(2, 2)
    except BaseException:
        book.discard()
        raise
    book.close()


def _xlsx(table: Summary, dest: Path | str) -> PrintResult:
    from studio_app import scratch

    def produce(fh: BinaryIO) -> None:
        with scratch.workdir("points") as work:
            _write_book(fh, table, work)

    return PrintResult(write_atomic(dest, produce), 1, len(table.rows))


def render(ctx: Context, year: int, dest: Path | str) -> PrintResult:
    """The summary of ``year`` as a PDF or an Excel workbook, by ``dest``'s suffix."""
    suffix = Path(dest).suffix.lower()
    if suffix not in SUFFIXES:
        raise UserError("履职积分汇总表应保存为 .pdf 或 .xlsx 文件。")
    table = summary(year)
    if not table.rows:
        raise UserError(f"{year}年没有委员的履职积分可汇总。")
    if suffix == ".xlsx":
        return _xlsx(table, dest)
    return _pdf(table, dest, cn_date(ctx.today()))
