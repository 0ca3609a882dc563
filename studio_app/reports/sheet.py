"""A ruled A4 form drawn straight onto a reportlab canvas.

A form is a title, a header line, rows of label/value cells (and tables of rows under a
caption: :class:`Grid`) and signature lines. Long text is wrapped here (Chinese breaks
anywhere, Latin words stay whole, closing punctuation never starts a line) and a row too
tall for the page continues on the next one, marked 续, so nothing is ever cut. Laying out
first and drawing second gives "第 1 页 共 N 页".

Drawing directly (not with platypus) keeps a form at a few milliseconds: batches print
hundreds of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from reportlab.lib.colors import HexColor, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from studio_app.reports.fonts import PrintFont

PAGE_W, PAGE_H = A4
LEFT = 20 * mm
TABLE_W = PAGE_W - 2 * LEFT
TOP = PAGE_H - 16 * mm
BOTTOM = 20 * mm
LABEL_W = 30 * mm
VALUE_W = (TABLE_W - 2 * LABEL_W) / 2
BODY = 10.5  # 五号
LEADING = 15.0
PAD_X, PAD_Y = 4.0, 5.0
KEPT = 7  # a table column whose least is this many characters or fewer keeps it
TITLE = 18.0  # 小二
SMALL = 9.0
SIGNATURE_H = 26 * mm
WARNING_RED = HexColor("#B00000")

NO_LINE_START = frozenset("，。、；：？！）》」』】〕…—,.;:?!)]}%·”’")


class Measure:
    """Character widths of one font at one size, cached (CJK forms repeat few glyphs)."""

    _cache: ClassVar[dict[tuple[str, float], Measure]] = {}

    def __init__(self, font: str, size: float) -> None:
        self.font, self.size = font, size
        self.widths: dict[str, float] = {}

    @classmethod
    def of(cls, font: str, size: float) -> Measure:
        key = (font, size)
        if key not in cls._cache:
            cls._cache[key] = cls(font, size)
        return cls._cache[key]

    def char(self, ch: str) -> float:
        w = self.widths.get(ch)
        if w is None:
            w = self.widths[ch] = pdfmetrics.stringWidth(ch, self.font, self.size)
        return w

    def text(self, text: str) -> float:
        return sum(self.char(ch) for ch in text)


def _is_word(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in "-_./@")


def wrap(text: str, width: float, measure: Measure) -> list[str]:
    """Lines of at most ``width`` points; paragraphs (newlines) start new lines."""
    lines: list[str] = []
    for para in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line: list[str] = []
        used = 0.0
        for ch in para:
            w = measure.char(ch)
            if used + w > width and line:
                if ch in NO_LINE_START:  # let it hang in the margin
                    line.append(ch)
                    lines.append("".join(line))
                    line, used = [], 0.0
                    continue
                carry: list[str] = []
                if _is_word(ch) and _is_word(line[-1]):
                    start = len(line)
                    while start > 0 and _is_word(line[start - 1]):
                        start -= 1
                    if start > 0:  # move the whole word down unless it fills the line
                        carry, line = line[start:], line[:start]
                lines.append("".join(line))
                line = carry
                used = sum(measure.char(c) for c in carry)
            line.append(ch)
            used += w
        lines.append("".join(line))
    while len(lines) > 1 and not lines[-1]:
        lines.pop()
    return lines


@dataclass(frozen=True)
class Pair:
    """Two short fields side by side: label | value | label | value."""

    left: tuple[str, str]
    right: tuple[str, str]


@dataclass(frozen=True)
class Block:
    """One field across the width; long text flows onto the next page."""

    label: str
    text: str
    min_lines: int = 1


@dataclass(frozen=True)
class Grid:
    """A table across the width: a caption (``label``), a header of column labels, then
    one ruled line of cells per row, each column as wide as its content asks within the
    page (long texts wrap). Continued on the next page under the caption (续) and header.
    ``blank_rows`` empty lines are drawn when there are no rows (to fill in by hand)."""

    label: str
    headers: Sequence[str]
    rows: Sequence[Sequence[str]]
    blank_rows: int = 0
    least: Sequence[float] = ()  # each column's width at least, in characters (body size)


Row = Pair | Block | Grid


@dataclass(frozen=True)
class Form:
    title: str  # e.g. 石桥镇政协委员工作室群众来访登记表
    serial: str  # printed left above the table and in the footer
    dated: str  # printed right above the table, e.g. 登记日期：2026年3月2日
    rows: Sequence[Row]
    signatures: Sequence[str] = ()  # e.g. 值班委员, 记录人
    note: str = ""  # small print under the signatures


@dataclass
class _Placed:
    """A row as laid out on one page: wrapped lines per cell and its height."""

    kind: str  # "pair", "block", "caption", "head" (a grid's header) or "cells" (its row)
    cells: list[list[str]]  # label, value[, label, value]; a grid's: one per column
    height: float
    widths: Sequence[float] = ()  # a grid's column widths


@dataclass
class _Page:
    rows: list[_Placed] = field(default_factory=list)
    signatures: bool = False


class FormWriter:
    """Lays out and draws forms onto one canvas, page after page."""

    def __init__(self, canvas: Canvas, font: PrintFont) -> None:
        self.c, self.font = canvas, font
        self.body = Measure.of(font.name, BODY)

    # -- layout ---------------------------------------------------------------------------

    def _lines(self, text: str, width: float) -> list[str]:
        return wrap(text, width - 2 * PAD_X, self.body) if text else [""]

    def _pair(self, row: Pair) -> _Placed:
        cells = [
            self._lines(row.left[0], LABEL_W),
            self._lines(row.left[1], VALUE_W),
            self._lines(row.right[0], LABEL_W),
            self._lines(row.right[1], VALUE_W),
        ]
        return _Placed("pair", cells, max(map(len, cells)) * LEADING + 2 * PAD_Y)

    def _block(self, label: str, lines: list[str], min_lines: int) -> _Placed:
        label_lines = self._lines(label, LABEL_W)
        n = max(len(lines), len(label_lines), min_lines)
        return _Placed("block", [label_lines, lines], n * LEADING + 2 * PAD_Y)

    def column_widths(self, grid: Grid) -> list[float]:
        """Each column as wide as its longest line (header included; ``least`` at least)
        when all fit the width, the spare shared in proportion. Else the columns narrower
        than an even share of the room left keep their width, and so do those whose
        ``least`` is short (:data:`KEPT` characters: a date, a code, a name, wrapped at most
        once) while a third of the width is left; the others share the rest, half evenly
        and half in proportion to what they would take."""
        count = len(grid.headers)
        least = list(grid.least) + [0.0] * (count - len(grid.least))
        floor = [n * BODY + 2 * PAD_X for n in least]
        natural = [
            max(
                floor[i] - 2 * PAD_X,
                *(
                    self.body.text(line)
                    for text in (grid.headers[i], *(r[i] for r in grid.rows))
                    for line in (text.splitlines() or [""])
                ),
            )
            + 2 * PAD_X
            for i in range(count)
        ]
        widths = list(natural)
        wide, room = list(range(count)), TABLE_W
        while wide:
            fits = [i for i in wide if natural[i] <= room / len(wide)]
            if not fits:
                break
            room -= sum(natural[i] for i in fits)
            wide = [i for i in wide if i not in fits]
        if not wide:  # all fit: the spare shared in proportion
            spare = TABLE_W - sum(natural)
            return [n + spare * n / sum(natural) for n in natural]
        for i in sorted(wide, key=lambda i: floor[i]):
            kept = 0 < least[i] <= KEPT and len(wide) > 1
            if kept and room - floor[i] >= TABLE_W / 3:
                widths[i] = floor[i]
                room -= floor[i]
                wide.remove(i)
        total = sum(natural[i] for i in wide)
        for i in wide:
            widths[i] = room / 2 / len(wide) + room / 2 * natural[i] / total
        return widths

    def _grid_row(self, kind: str, cells: Sequence[str], widths: Sequence[float]) -> _Placed:
        lines = [self._lines(text, w) for text, w in zip(cells, widths, strict=True)]
        return self._grid_placed(kind, lines, widths)

    def _grid_placed(self, kind: str, lines: list[list[str]], widths: Sequence[float]) -> _Placed:
        tall = max((len(c) for c in lines), default=1)
        return _Placed(kind, lines, max(1, tall) * LEADING + 2 * PAD_Y, widths)

    def _lay_grid(self, grid: Grid, pages: list[_Page], room: float) -> float:
        """Place ``grid`` from the last page on; returns the room left on the last page."""
        widths = self.column_widths(grid)
        head = self._grid_row("head", grid.headers, widths)
        body = [self._grid_row("cells", r, widths) for r in grid.rows]
        body += [self._grid_row("cells", [""] * len(widths), widths)] * (
            0 if body else grid.blank_rows
        )

        def start(label: str) -> float:
            caption = self._block_caption(label)
            pages[-1].rows += [caption, head]
            return caption.height + head.height

        caption_h = self._block_caption(grid.label).height
        first = body[0].height if body else 0.0
        if caption_h + head.height + first > room and pages[-1].rows:
            pages.append(_Page())
            room = self._table_top(first=False) - BOTTOM
        room -= start(grid.label)
        fresh = self._table_top(first=False) - BOTTOM - caption_h - head.height
        for placed in body:
            while placed.height > room:
                fit = int((room - 2 * PAD_Y) // LEADING)
                if placed.height > fresh and fit >= 3:  # taller than any page: fill this one
                    part = [c[:fit] for c in placed.cells]
                    pages[-1].rows.append(self._grid_placed("cells", part, widths))
                    placed = self._grid_placed("cells", [c[fit:] for c in placed.cells], widths)
                pages.append(_Page())
                room = self._table_top(first=False) - BOTTOM
                room -= start(f"{grid.label}（续）")
            pages[-1].rows.append(placed)
            room -= placed.height
        return room

    def _block_caption(self, label: str) -> _Placed:
        lines = self._lines(label, TABLE_W)
        return _Placed("caption", [lines], len(lines) * LEADING + 2 * PAD_Y, (TABLE_W,))

    def layout(self, form: Form) -> list[_Page]:
        pages = [_Page()]
        room = self._table_top(first=True) - BOTTOM
        for row in form.rows:
            if isinstance(row, Grid):
                room = self._lay_grid(row, pages, room)
                continue
            if isinstance(row, Pair):
                placed = self._pair(row)
                if placed.height > room:
                    pages.append(_Page())
                    room = self._table_top(first=False) - BOTTOM
                pages[-1].rows.append(placed)
                room -= placed.height
                continue
            lines = self._lines(row.text, TABLE_W - LABEL_W)
            label, min_lines = row.label, row.min_lines
            while True:
                placed = self._block(label, lines, min_lines)
                if placed.height <= room:
                    pages[-1].rows.append(placed)
                    room -= placed.height
                    break
                fit = int((room - 2 * PAD_Y) // LEADING)
                if fit >= max(len(lines), len(placed.cells[0])):  # only the minimum is too tall
                    pages[-1].rows.append(self._block(label, lines, fit))
                    room -= fit * LEADING + 2 * PAD_Y
                    break
                if fit >= 3:  # fill the page, continue on the next (marked 续)
                    pages[-1].rows.append(self._block(label, lines[:fit], fit))
                    lines = lines[fit:]
                    label, min_lines = f"{row.label}（续）", 1
                pages.append(_Page())
                room = self._table_top(first=False) - BOTTOM
        needed = SIGNATURE_H if form.signatures or form.note else 0
        if needed > room:
            pages.append(_Page())
        pages[-1].signatures = True
        return pages

    def _table_top(self, *, first: bool) -> float:
        return TOP - (TITLE + 34 if first else 14 + 30)

    # -- drawing --------------------------------------------------------------------------

    def draw(self, form: Form) -> int:
        """Draw ``form`` on as many pages as it needs; returns that number."""
        pages = self.layout(form)
        for number, page in enumerate(pages, start=1):
            self._header(form, first=number == 1)
            y = self._table_top(first=number == 1)
            bottom = self._rows(page.rows, y)
            if page.signatures:
                self._signatures(form, bottom)
            self._footer(form, number, len(pages))
            self.c.showPage()
        return len(pages)

    def _header(self, form: Form, *, first: bool) -> None:
        c, name = self.c, self.font.name
        if self.font.warning:
            c.setFillColor(WARNING_RED)
            c.setFont(name, 8)
            c.drawString(LEFT, PAGE_H - 9 * mm, self.font.warning)
            c.setFillColor(black)
        if first:
            self.title(form.title, TOP - TITLE, TITLE)
            y = TOP - TITLE - 22
        else:
            self.title(f"{form.title}（续页）", TOP - 14, 14)
            y = TOP - 14 - 22
        c.setFont(name, BODY)
        c.drawString(LEFT, y, form.serial)
        c.drawRightString(LEFT + TABLE_W, y, form.dated)

    def title(self, text: str, y: float, size: float) -> None:
        """Centred, spaced and slightly emboldened (the font has no bold face)."""
        c = self.c
        spacing = 2.0 if len(text) < 20 else 0.5
        width = pdfmetrics.stringWidth(text, self.font.name, size) + spacing * (len(text) - 1)
        t = c.beginText((PAGE_W - width) / 2, y)
        t.setFont(self.font.name, size)
        t.setCharSpace(spacing)
        t.setTextRenderMode(2)  # fill and stroke: a faux bold
        c.setLineWidth(0.35)
        t.textOut(text)
        t.setCharSpace(0)  # text state outlives BT/ET: reset it for what follows
        t.setTextRenderMode(0)
        c.drawText(t)

    def _rows(self, rows: list[_Placed], top: float) -> float:
        c = self.c
        c.setFont(self.font.name, BODY)
        y = top
        rules: list[tuple[float, float, float, float]] = []
        right = LEFT + TABLE_W
        for row in rows:
            bottom = y - row.height
            if row.kind == "pair":
                xs = (LEFT, LEFT + LABEL_W, LEFT + LABEL_W + VALUE_W, LEFT + 2 * LABEL_W + VALUE_W)
                widths = (LABEL_W, VALUE_W, LABEL_W, VALUE_W)
                for i, (x, w, lines) in enumerate(zip(xs, widths, row.cells, strict=True)):
                    self._cell(lines, x, w, y, row.height, label=i % 2 == 0, middle=True)
                rules += [(x, y, x, bottom) for x in xs[1:]]
            elif row.kind == "block":
                self._cell(row.cells[0], LEFT, LABEL_W, y, row.height, label=True, middle=True)
                self._cell(row.cells[1], LEFT + LABEL_W, TABLE_W - LABEL_W, y, row.height)
                rules.append((LEFT + LABEL_W, y, LEFT + LABEL_W, bottom))
            else:  # a grid's caption, header or row
                x = LEFT
                heading = row.kind != "cells"
                for i, (w, lines) in enumerate(zip(row.widths, row.cells, strict=True)):
                    self._cell(lines, x, w, y, row.height, label=heading, middle=heading)
                    if i:
                        rules.append((x, y, x, bottom))
                    x += w
            rules.append((LEFT, bottom, right, bottom))
            y = bottom
        c.setLineWidth(0.5)
        if rules:
            c.lines(rules[:-1])
        c.setLineWidth(1.0)
        c.rect(LEFT, y, TABLE_W, top - y)
        return y

    def _cell(
        self,
        lines: list[str],
        x: float,
        width: float,
        top: float,
        height: float,
        *,
        label: bool = False,
        middle: bool = False,
    ) -> None:
        c = self.c
        offset = (height - len(lines) * LEADING) / 2 if middle else PAD_Y
        baseline = top - offset - LEADING / 2 - 0.36 * BODY
        for line in lines:
            if line:
                if label:
                    c.drawCentredString(x + width / 2, baseline, line)
                else:
                    c.drawString(x + PAD_X, baseline, line)
            baseline -= LEADING

    def _signatures(self, form: Form, top: float) -> None:
        c, name = self.c, self.font.name
        y = top - 11 * mm
        c.setFont(name, BODY)
        c.setLineWidth(0.5)
        slot = TABLE_W / max(1, len(form.signatures))
        for i, who in enumerate(form.signatures):
            x = LEFT + i * slot
            label = f"{who}（签字）："
            c.drawString(x, y, label)
            start = x + pdfmetrics.stringWidth(label, name, BODY)
            c.line(start, y - 2, x + slot - 8 * mm, y - 2)
            c.drawRightString(x + slot - 8 * mm, y - 8 * mm, "年　　月　　日")
        if form.note:
            c.setFont(name, SMALL)
            c.drawString(LEFT, y - 14 * mm, form.note)

    def _footer(self, form: Form, number: int, total: int) -> None:
        c = self.c
        c.setFont(self.font.name, SMALL)
        c.drawCentredString(PAGE_W / 2, BOTTOM - 10 * mm, f"第 {number} 页　共 {total} 页")
        c.drawString(LEFT, BOTTOM - 10 * mm, form.serial)
