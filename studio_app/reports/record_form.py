"""Any record kind on a ruled A4 form, built from its declaration alone.

The title is the studio's name and the kind's label; then every declared field with its
Chinese label: short values two to a row, people and long text across the width (long text
in a tall box), a field of rows as a ruled table headed by its columns' labels (two empty
lines to fill in when it has none), the serials of the records it grew from (来源记录), the
status last. Dates read as on the other forms, codes as their labels, people by name, yes/no
as 是/否, identifiers masked unless asked for and allowed (audited, as for visits). Kinds
with a layout of their own are printed by it (:mod:`.layouts`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from studio_app.core import kinds
from studio_app.core.errors import UserError
from studio_app.core.fields import SINGLE_LINKS, Field, Kind, target
from studio_app.core.identity import mask_id_number, mask_phone
from studio_app.reports import lookup
from studio_app.reports.documents import PrintResult
from studio_app.reports.fonts import print_font
from studio_app.reports.pdfwrite import write_pdf
from studio_app.reports.sheet import Block, Form, FormWriter, Grid, Pair, Row
from studio_app.reports.text import cn_date, cn_datetime, label, local_day, yes_no
from studio_app.services import origins, record_rows, records
from studio_app.services.context import Context
from studio_app.services.print_settings import font_path
from studio_app.services.site import code_labels
from studio_app.storage.models import SyncedModel

SHORT_TEXT = 50  # a one-line text field this long at most shares its row
TALL = 8  # lines a long-text box has at least (longer text makes it taller)
SIGNATURES = ("记录人", "工作室负责人")
CHUNK = 200
BLANK_ROWS = 2  # empty lines of a table with no rows, to fill in by hand
# A table's columns are at least this many characters wide (room to write by hand).
_LEAST = {Kind.TEXT: 10, Kind.LONGTEXT: 12, Kind.DATE: 7, Kind.MEMBER: 3, Kind.ENUM: 4,
          Kind.CODE: 5}  # fmt: skip
# Values that fit half a row (one person's name included).
_SHORT = frozenset({Kind.INT, Kind.BOOL, Kind.DATE, Kind.DATETIME, Kind.ENUM, Kind.CODE,
                    Kind.PHONE, Kind.ID_NUMBER, *SINGLE_LINKS})  # fmt: skip

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


def _short(fld: Field) -> bool:
    if fld.kind is Kind.TEXT:
        return fld.max_len is not None and fld.max_len <= SHORT_TEXT
    return fld.kind in _SHORT


def _names(model: Any, ids: Sequence[int]) -> str:
    """The names (titles) of members, residents or other records ``ids``, in that order."""
    if not ids:
        return ""
    title = getattr(model, kinds.kind(model._meta.table_name).title_key)
    found = dict(model.select(model.id, title).where(model.id.in_(list(ids))).tuples())
    return "、".join(found[i] for i in ids if i in found)


def least_widths(columns: Sequence[Field]) -> list[float]:
    """The least width of a table's column per field, in characters (room to write)."""
    return [_LEAST.get(c.kind, 0) for c in columns]


class RecordForms:
    """Builds the forms of one kind's records, code lists and studio names read once."""

    def __init__(self, kind: kinds.RecordKind, *, show_pii: bool) -> None:
        self.kind = kind
        self.rt = records.record_type(kind)
        self.show_pii = show_pii
        self.sites = lookup.site_names()
        self.fallback_site = lookup.local_name()
        self._codes: dict[str, dict[str, str]] = {}

    def value(self, fld: Field, row: SyncedModel) -> str:
        """What a field of ``row`` reads on paper."""
        if fld.key in self.rt.links:
            link = self.rt.links[fld.key]
            return _names(link.target, records.link_ids(self.rt, fld.key, row.id))
        if fld.kind in SINGLE_LINKS:
            ref = getattr(row, f"{fld.key}_id")
            return _names(records.record_type(kinds.kind(target(fld))).model, [ref] if ref else [])
        return self.text(fld, getattr(row, fld.key))

    def text(self, fld: Field, value: Any) -> str:
        kind = fld.kind
        if kind is Kind.BOOL:
            return yes_no(value)
        if value is None or value == "":
            return ""
        if kind is Kind.DATE and isinstance(value, (date, str)):
            return cn_date(value)
        if kind is Kind.DATETIME and isinstance(value, (datetime, str)):
            return cn_datetime(value)
        if kind is Kind.INT:
            return str(value) if value else ""
        if kind is Kind.ENUM and fld.enum is not None:
            return label(fld.enum, value)
        if kind is Kind.CODE and fld.code_list is not None:
            key = fld.code_list.value
            if key not in self._codes:
                self._codes[key] = code_labels(key)
            return self._codes[key].get(value, str(value))
        if kind is Kind.PHONE and not self.show_pii:
            return mask_phone(value)
        if kind is Kind.ID_NUMBER and not self.show_pii:
            return mask_id_number(value)
        return str(value)

    def grid(self, fld: Field, row: SyncedModel) -> Grid:
        """A ROWS field of ``row`` as a table: its columns' labels, a line per row."""
        found = record_rows.read(self.kind, fld.key, row.id)
        names = record_rows.member_names(found, fld)

        def cell(col: Field, value: Any) -> str:
            if col.kind is Kind.MEMBER:
                return record_rows.cell_text(col, value, names)
            return self.text(col, value)

        lines = [[cell(c, r.get(c.key)) for c in fld.columns] for r in found]
        headers = [c.label for c in fld.columns]
        least = least_widths(fld.columns)
        return Grid(fld.label, headers, lines, blank_rows=BLANK_ROWS, least=least)

    def rows(self, row: SyncedModel) -> list[Row]:
        """Fields in declaration order; two short ones side by side, the rest across."""
        rows: list[Row] = []
        waiting: tuple[str, str] | None = None
        grids = {f.key: self.grid(f, row) for f in self.kind.fields if f.kind is Kind.ROWS}
        cells = [
            (fld, "" if fld.key in grids else self.value(fld, row)) for fld in self.kind.fields
        ]
        sources = self.sources(row)
        if sources:  # the records it grew from (its kind's origins)
            cells.append((Field("origins", "来源记录"), sources))  # across the width
        if self.kind.status is not None:
            status = Field("status", "状态", Kind.ENUM, enum=self.kind.status)
            cells.append((status, self.text(status, row.status)))  # type: ignore[attr-defined]
        tables = {key: table for table in self.kind.print_tables for key in table.keys}
        texts = dict((fld.key, text) for fld, text in cells)
        for fld, text in cells:
            table = tables.get(fld.key)
            if table is not None:
                if fld.key != table.keys[0]:
                    continue  # printed in the table, where its first field stands
                if waiting is not None:
                    rows.append(Block(*waiting))
                    waiting = None
                lines = [[name, *(texts[k] for k in keys)] for name, *keys in table.lines]
                rows.append(Grid(table.title, table.headers, lines))
                continue
            if _short(fld):
                if waiting is None:
                    waiting = (fld.label, text)
                else:
                    rows.append(Pair(waiting, (fld.label, text)))
                    waiting = None
                continue
            if waiting is not None:
                rows.append(Block(*waiting))
                waiting = None
            if fld.key in grids:
                rows.append(grids[fld.key])
                continue
            rows.append(Block(fld.label, text, min_lines=TALL if fld.kind is Kind.LONGTEXT else 1))
        if waiting is not None:
            rows.append(Block(*waiting))
        return rows

    def sources(self, row: SyncedModel) -> str:
        """The serials of the records ``row`` grew from, of every origin kind, in order."""
        serials: list[str] = []
        for name, ids in origins.of(self.kind.name, row.id).items():
            model = records.record_type(kinds.kind(name)).model
            serials += [s for (s,) in model.select(model.serial).where(model.id.in_(ids)).tuples()]
        return "、".join(sorted(s for s in serials if s))

    def note(self) -> str:
        hidden = [f.label for f in self.kind.fields if f.identifier]
        if not hidden:
            return ""
        if self.show_pii:
            return f"注：本表含完整{'、'.join(hidden)}，注意保密。"
        return f"注：{'、'.join(hidden)}按规定遮蔽显示。"

    def form(self, row: SyncedModel) -> Form:
        site = self.sites.get(row.origin_site, self.fallback_site)
        return Form(
            title=f"{site}{self.kind.label}",
            serial=f"编号：{row.serial or ''}",
            dated=f"登记日期：{cn_date(local_day(row.created_at))}",
            rows=self.rows(row),
            signatures=SIGNATURES,
            note=self.note(),
        )


def load(kind: kinds.RecordKind, ids: Sequence[int]) -> list[SyncedModel]:
    """Records of ``kind`` in the order of ``ids``, read in chunks."""
    model = records.record_type(kind).model
    found: dict[int, SyncedModel] = {}
    for lo in range(0, len(ids), CHUNK):
        chunk = list(ids[lo : lo + CHUNK])
        found.update({r.id: r for r in model.select().where(model.id.in_(chunk))})
    return [found[i] for i in ids if i in found]


def render(
    ctx: Context,
    kind: kinds.RecordKind,
    ids: Sequence[int],
    dest: Path | str,
    *,
    unmasked: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> PrintResult:
    """Print the records ``ids`` of ``kind``, one form each, into one PDF."""
    if not ids:
        raise UserError(f"没有要打印的{kind.label}。")
    rows = load(kind, ids)
    uuids = [r.uuid for r in rows]
    forms = RecordForms(kind, show_pii=lookup.pii_visible(ctx, unmasked, kind.name, uuids))
    font = print_font(font_path())
    pages = 0

    def draw(canvas: Canvas) -> None:
        nonlocal pages
        writer = FormWriter(canvas, font)
        for done, row in enumerate(rows, start=1):
            if cancelled is not None and cancelled():
                raise UserError("已取消打印。")
            pages += writer.draw(forms.form(row))
            if progress is not None:
                progress(done, len(rows))

    one = f"{kind.label} {rows[0].serial or ''}".strip()
    title = one if len(rows) == 1 else f"{kind.label}（{len(rows)} 件）"
    path = write_pdf(dest, draw, title=title, font=font.name)
    return PrintResult(path, pages, len(rows))
