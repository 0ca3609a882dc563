"""A batch of visit forms in one PDF, behind a cover sheet listing them (for the 台账)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from studio_app.core import codes as c
from studio_app.core.codes import CodeListKind
from studio_app.core.errors import UserError
from studio_app.reports import lookup
from studio_app.reports.fonts import PrintFont, print_font
from studio_app.reports.pdfwrite import write_pdf
from studio_app.reports.sheet import BODY, LEFT, PAGE_H, PAGE_W, TABLE_W, TOP, FormWriter, Measure
from studio_app.reports.text import cn_date, label
from studio_app.reports.visit_form import (
    FORM_NAME,
    Cancelled,
    PrintResult,
    Progress,
    VisitForms,
    draw_visits,
)
from studio_app.services.context import Context
from studio_app.services.print_settings import font_path
from studio_app.services.site import code_labels
from studio_app.storage.models import Visit, database

COLUMNS = (  # heading, width
    ("序号", 12 * mm),
    ("编号", 27 * mm),
    ("接待时间", 31 * mm),
    ("来访群众", 26 * mm),
    ("问题类别", 30 * mm),
    ("处理方式", 30 * mm),
    ("状态", 14 * mm),
)
ROW_H = 7.2 * mm
COVER_TOP = TOP - 30 * mm
COVER_BOTTOM = 22 * mm


def select(
    date_from: date | None = None,
    date_to: date | None = None,
    *,
    ids: Sequence[int] | None = None,
    include_confidential: bool = False,
) -> tuple[list[int], int]:
    """Live visits of the date range (both days included) or of ``ids``, in time order.

    Returns (ids to print, confidential visits left out).
    """
    where: list[str] = ["deleted_at IS NULL"]
    args: list[Any] = []
    if ids is not None:
        if not ids:
            return [], 0
        where.append(f"id IN ({', '.join('?' * len(ids))})")
        args += list(ids)
    if date_from is not None:
        where.append("occurred_at >= ?")
        args.append(date_from.isoformat())
    if date_to is not None:
        where.append("occurred_at < ?")
        args.append((date_to + timedelta(days=1)).isoformat())
    sql = f"SELECT id, confidential FROM visit WHERE {' AND '.join(where)} ORDER BY occurred_at, id"
    rows = database.execute_sql(sql, args).fetchall()
    chosen = [vid for vid, secret in rows if include_confidential or not secret]
    return chosen, len(rows) - len(chosen)


def cover_pages(count: int) -> int:
    per_page = int((COVER_TOP - COVER_BOTTOM) // ROW_H) - 1
    return max(1, -(-count // per_page))


def _fit(text: str, width: float, measure: Measure) -> str:
    """Cut to one line with an ellipsis (the full text is on the form itself)."""
    if measure.text(text) <= width:
        return text
    while text and measure.text(text + "…") > width:
        text = text[:-1]
    return text + "…"


def draw_cover(
    canvas: Canvas, font: PrintFont, ids: Sequence[int], *, heading: str, span: str, left_out: int
) -> int:
    """The list of visits in the batch, as many pages as needed; returns that number."""
    writer = FormWriter(canvas, font)
    measure = Measure.of(font.name, BODY)
    categories = code_labels(CodeListKind.ISSUE_CATEGORY.value)
    rows = Visit.select(
        Visit.id,
        Visit.serial,
        Visit.occurred_at,
        Visit.resident_names,
        Visit.visitor_count,
        Visit.category,
        Visit.handling,
        Visit.status,
    )
    by_id = {}
    for lo in range(0, len(ids), 500):
        by_id.update({v.id: v for v in rows.where(Visit.id.in_(list(ids[lo : lo + 500])))})
    total = cover_pages(len(ids))
    per_page = int((COVER_TOP - COVER_BOTTOM) // ROW_H) - 1
    for page in range(total):
        writer.title(heading, TOP - 18, 18)
        canvas.setFont(font.name, BODY)
        summary = f"{span}　共 {len(ids)} 件"
        if left_out:
            summary += f"（另有保密事项 {left_out} 件未列入）"
        canvas.drawCentredString(PAGE_W / 2, TOP - 18 - 24, summary)
        chunk = ids[page * per_page : (page + 1) * per_page]
        cells = [[h for h, _ in COLUMNS]]
        for n, vid in enumerate(chunk, start=page * per_page + 1):
            v = by_id[vid]
            who = v.resident_names or f"匿名（{v.visitor_count}人）"
            cells.append(
                [
                    str(n),
                    v.serial or "",
                    f"{v.occurred_at:%Y-%m-%d %H:%M}",
                    who,
                    categories.get(v.category, v.category),
                    label(c.Handling, v.handling),
                    label(c.VisitStatus, v.status),
                ]
            )
        y = COVER_TOP
        for r, row in enumerate(cells):
            x = LEFT
            for (_, width), text in zip(COLUMNS, row, strict=True):
                text = _fit(text, width - 6, measure)
                baseline = y - ROW_H / 2 - 0.36 * BODY
                if r == 0 or width < 15 * mm:
                    canvas.drawCentredString(x + width / 2, baseline, text)
                else:
                    canvas.drawString(x + 3, baseline, text)
                x += width
            y -= ROW_H
        canvas.setLineWidth(0.5)
        xs, x = [], LEFT
        for _, width in COLUMNS[:-1]:
            x += width
            xs.append(x)
        lines = [(x, COVER_TOP, x, y) for x in xs]
        lines += [(LEFT, COVER_TOP - k * ROW_H, LEFT + TABLE_W, COVER_TOP - k * ROW_H) for k in
                  range(1, len(cells))]  # fmt: skip
        canvas.lines(lines)
        canvas.setLineWidth(1.0)
        canvas.rect(LEFT, y, TABLE_W, COVER_TOP - y)
        canvas.setFont(font.name, 9)
        canvas.drawCentredString(PAGE_W / 2, 10 * mm, f"目录 第 {page + 1} 页　共 {total} 页")
        if font.warning:
            canvas.setFont(font.name, 8)
            canvas.drawString(LEFT, PAGE_H - 9 * mm, font.warning)
        canvas.showPage()
    return total


def render(
    ctx: Context,
    dest: Path | str,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    ids: Sequence[int] | None = None,
    include_confidential: bool = False,
    unmasked: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> PrintResult:
    """All visits of a date range (or the given ids) behind a cover sheet, in one PDF.

    Confidential visits are left out unless ``include_confidential`` is asked for.
    """
    if date_from and date_to and date_to < date_from:
        raise UserError("结束日期不能早于开始日期。")
    chosen, left_out = select(
        date_from, date_to, ids=ids, include_confidential=include_confidential
    )
    if not chosen:
        extra = f"（{left_out} 件保密事项未列入，可选择包含保密事项）" if left_out else ""
        raise UserError(f"所选范围内没有可打印的接待记录{extra}。")
    uuids = [u for (u,) in Visit.select(Visit.uuid).where(Visit.id.in_(chosen)).tuples()]
    forms = VisitForms(show_pii=lookup.pii_visible(ctx, unmasked, "visit", uuids))
    font = print_font(font_path())
    if date_from or date_to:
        span = f"接待时间：{cn_date(date_from) or '最早'}至{cn_date(date_to) or '今'}"
    else:
        span = "所选接待记录"
    heading = f"{lookup.local_name()}{FORM_NAME}汇编"
    pages = 0

    def draw(canvas: Canvas) -> None:
        nonlocal pages
        pages = draw_cover(canvas, font, chosen, heading=heading, span=span, left_out=left_out)
        pages += draw_visits(canvas, forms, chosen, progress=progress, cancelled=cancelled)

    path = write_pdf(dest, draw, title=heading, font=font.name)
    return PrintResult(path, pages, len(chosen))
