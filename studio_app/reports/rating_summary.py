"""A rated record's yearly summary on A4: an observation point's register, its year's
observations with their ratings, each rating's average (the lowest named) and the issues
found with how far each went. Built from the declarations: the rated kind's form rows, the
rating kind's ``Tally.means`` and tracked rows (``services.rating_history.rated_through``)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from studio_app.core import kinds
from studio_app.core.errors import NotFound, UserError
from studio_app.reports import lookup
from studio_app.reports.documents import PrintResult
from studio_app.reports.fonts import print_font
from studio_app.reports.pdfwrite import write_pdf
from studio_app.reports.record_form import RecordForms, least_widths
from studio_app.reports.sheet import Block, Form, FormWriter, Grid, Row
from studio_app.reports.text import cn_date
from studio_app.services import kind_records, rating_history, record_rows
from studio_app.services.context import Context
from studio_app.services.kind_stats import tracked
from studio_app.services.print_settings import font_path

NONE_RATED = "—"


def _average(value: float | None) -> str:
    return NONE_RATED if value is None else f"{value:.1f}"


def rows(
    ctx: Context, target: kinds.RecordKind, record_id: int, year: int, *, unmasked: bool = False
) -> tuple[str, list[Row]]:
    """The record's title and the summary's rows for ``year``."""
    found = rating_history.rated_through(target.name)
    if not found:
        raise UserError(f"{target.label}没有评分记录可汇总。")
    (kind, link), *_ = found
    try:
        row = kind_records.get(target, record_id)
    except NotFound:
        raise UserError(f"找不到该{target.short_label}。") from None
    show_pii = lookup.pii_visible(ctx, unmasked, target.name, [row.uuid])
    out: list[Row] = list(RecordForms(target, show_pii=show_pii).rows(row))
    history = rating_history.history(
        kind, link, record_id, start=date(year, 1, 1), end=date(year + 1, 1, 1)
    )
    forms = RecordForms(kind, show_pii=False)
    method = next((f for f in kind.fields if f.key == "method"), None)
    headers = ["编号", kind.field(kind.date_key).label, *([method.label] if method else []),
               *history.labels]  # fmt: skip
    lines = []
    for one in history.records:
        record = kind_records.get(kind, one.record_id)
        how = [forms.value(method, record)] if method else []
        scores = [str(v) if v is not None else "" for v in one.values]
        lines.append([one.serial, cn_date(one.day), *how, *scores])
    out.append(Grid(f"{year}年{kind.short_label}（{len(lines)}次）", headers, lines, blank_rows=1))
    means = history.means()
    pairs = list(zip(history.labels, means, strict=True))
    averages = [[label, _average(m), str(len(history.series(i)))]
                for i, (label, m) in enumerate(pairs)]  # fmt: skip
    out.append(Grid("全年平均分", ["项目", "平均分", "评分次数"], averages))
    averaged = [(m, label) for label, m in pairs if m is not None]
    if averaged:
        low, lowest = min(averaged)
        out.append(Block("评价最低", f"{lowest}（平均{low:.1f}分）"))
    for fld in tracked(kind):
        items = []
        for one in history.records:
            for item in record_rows.read(kind, fld.key, one.record_id):
                cells = [forms.text(col, item.get(col.key)) for col in fld.columns]
                items.append([f"{one.day.month}月{one.day.day}日", *cells])
        headers = ["监测日期", *(col.label for col in fld.columns)]
        least = [5, *least_widths(fld.columns)]
        title = f"{fld.label}（{len(items)}{fld.row_label or '项'}）"
        out.append(Grid(title, headers, items, least=least))
    title = str(getattr(row, target.title_key, "") or "")
    return title, out


def render(
    ctx: Context,
    target: kinds.RecordKind,
    record_id: int,
    year: int,
    dest: Path | str,
    *,
    unmasked: bool = False,
) -> PrintResult:
    """Print the yearly summary of record ``record_id`` of ``target`` into one PDF."""
    title, summary = rows(ctx, target, record_id, year, unmasked=unmasked)
    font = print_font(font_path())
    form = Form(
        title=f"{lookup.local_name()}{target.short_label}年度监测汇总",
        serial=title,
        dated=f"年度：{year}年",
        rows=summary,
    )
    pages = 0

    def draw(canvas: Canvas) -> None:
        nonlocal pages
        pages = FormWriter(canvas, font).draw(form)

    path = write_pdf(dest, draw, title=f"{title}{year}年度监测汇总", font=font.name)
    return PrintResult(path, pages, 1)
