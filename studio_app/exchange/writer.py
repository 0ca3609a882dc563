"""Writing package workbooks with xlsxwriter in constant-memory mode.

xlsxwriter rather than openpyxl: docs/QUALITY.md's floor for 100,000 visits is xlsxwriter
(~13 s) against openpyxl write_only (~18 s), and the target is 1.2× the faster one;
constant-memory mode streams each row to disk, so memory stays flat. ``core.xlsx`` writes
the cells: text is never a formula (``= + - @``, tab) nor markup (``<r>…</r>``), and every
xlsxwriter return code is checked, so no cell is ever cut or dropped silently.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

import xlsxwriter
import xlsxwriter.exceptions

from studio_app.core import codes as c
from studio_app.core.errors import UserError
from studio_app.core.fields import Kind
from studio_app.core.text import utf16_len
from studio_app.core.xlsx import (
    EXCEL_CELL_LIMIT,
    CellNotWritten,
    PlainWorkbook,
    check,
    write_text,
)
from studio_app.exchange.canonical import row_hash, sheet_hash
from studio_app.exchange.files import explain
from studio_app.exchange.hooks import list_title
from studio_app.exchange.labels import Labels, list_kind
from studio_app.exchange.schema import (
    CODES_SHEET,
    MANIFEST_SHEET,
    README_SHEET,
    Column,
    Role,
    SheetSpec,
)

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class ExportCancelled(UserError):
    def __init__(self) -> None:
        super().__init__("导出已取消，未生成文件。")


def cell_text(col_key: str, value: Any, labels: Labels, spec: SheetSpec) -> Any:
    """What a cell shows for ``value`` (labels, joined uuid lists, 是/否)."""
    col = spec.column(col_key)
    if col.side is not None:
        return col.side.cell(labels)(value or [])
    if col.role is Role.LINK:
        return " ".join(value or [])
    if col.kind is Kind.BOOL:
        return "是" if value else "否"
    if col.kind in (Kind.ENUM, Kind.CODE):
        return labels.label(col, value or "")
    return value


class PackageWriter:
    """One workbook: data sheets in order, then 说明, 代码表 and the very hidden manifest."""

    def __init__(
        self, path: Path | BinaryIO, labels: Labels, specs: Iterable[SheetSpec], *, tmpdir: Path
    ) -> None:
        """``path``: the file to write, or a binary file object (the workbook then stays in
        memory); ``tmpdir``: a private folder for xlsxwriter's temporary files."""
        self.book = PlainWorkbook(path, tmpdir=tmpdir)
        self.tmpdir = tmpdir
        self.labels = labels
        self.sheets: dict[str, dict[str, Any]] = {}
        fmt = self.book.add_format
        self.header = fmt({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
        self.text = fmt({"num_format": "@"})
        self.wrap = fmt({"num_format": "@", "text_wrap": True, "valign": "top"})
        self.date = fmt({"num_format": 'yyyy"年"m"月"d"日"'})
        self.datetime = fmt({"num_format": 'yyyy"年"m"月"d"日" hh:mm'})
        self.code_ranges: dict[str, str] = {}
        specs = list(specs)
        self.worksheets = {spec.title: self.book.add_worksheet(spec.title) for spec in specs}
        self.readme = self.book.add_worksheet(README_SHEET)
        self._codes_sheet(specs)

    def _codes_sheet(self, specs: Iterable[SheetSpec]) -> None:
        """Lists for the dropdowns (too long for an inline list of 255 characters)."""
        lists: dict[str, list[str]] = {}
        titles: dict[str, str] = {}
        for spec in specs:
            for col in spec.columns:
                if col.role is Role.DATA and col.kind in (Kind.ENUM, Kind.CODE, Kind.BOOL):
                    name = list_kind(col) or (col.enum.__name__ if col.enum else "bool")
                    lists.setdefault(name, self.labels.choices(col))
                    titles.setdefault(name, _list_title(name) or col.header)
        ws = self.book.add_worksheet(CODES_SHEET)
        ws.set_column(0, len(lists), 18)
        names = list(lists)
        for i, name in enumerate(names):
            write_text(ws, 0, i, titles[name], self.header)
        for r in range(max((len(v) for v in lists.values()), default=0)):
            for i, name in enumerate(names):
                if r < len(lists[name]):
                    write_text(ws, r + 1, i, lists[name][r])
        for i, name in enumerate(names):
            letter = xlsxwriter.utility.xl_col_to_name(i)
            self.code_ranges[name] = (
                f"='{CODES_SHEET}'!${letter}$2:${letter}${len(lists[name]) + 1}"
            )

    def write_sheet(
        self,
        spec: SheetSpec,
        rows: Iterable[Mapping[str, Any]],
        *,
        total: int,
        masked: Mapping[str, Callable[[str], str]],
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> None:
        ws = self.worksheets[spec.title]
        cols = spec.columns
        for i, col in enumerate(cols):
            wraps = col.kind is Kind.LONGTEXT or (col.kind is Kind.ROWS and not col.hidden)
            fmt = self.wrap if wraps else None
            ws.set_column(i, i, col.width, fmt, {"hidden": col.hidden})
            write_text(ws, 0, i, col.header, self.header)
        ws.freeze_panes(1, 2)
        last_row = max(total, 500) + 1
        for i, col in enumerate(cols):
            if col.role is Role.DATA and col.kind in (Kind.ENUM, Kind.CODE, Kind.BOOL):
                name = list_kind(col) or (col.enum.__name__ if col.enum else "bool")
                ws.data_validation(
                    1, i, last_row, i, {"validate": "list", "source": self.code_ranges[name]}
                )
        skip = list(masked)
        hashes: list[str] = []
        plan = [
            (i, col.key, col.role is Role.HASH, masked.get(col.key), self._converter(col, spec))
            for i, col in enumerate(cols)
        ]
        write_number, write_datetime = ws.write_number, ws.write_datetime
        fmt_dt, fmt_d, half = self.datetime, self.date, EXCEL_CELL_LIMIT // 2
        n, key = 0, ""
        values: Mapping[str, Any] = {}
        try:
            for n, values in enumerate(rows, start=1):
                h = row_hash(spec, values, skip)
                hashes.append(h)
                for i, key, is_hash, mask, convert in plan:
                    value = h if is_hash else values.get(key)
                    if value is None or value == "" or value == []:
                        continue
                    if mask is not None:
                        value = mask(value)
                    kind = type(value)
                    if kind is datetime:
                        check(write_datetime(n, i, value, fmt_dt), ws, n, i)
                    elif kind is date:
                        check(write_datetime(n, i, value, fmt_d), ws, n, i)
                    elif kind is int:
                        check(write_number(n, i, value), ws, n, i)
                    else:
                        if kind is not str or convert is not None:
                            value = convert(value) if convert is not None else str(value)
                        if len(value) > half and utf16_len(value) > EXCEL_CELL_LIMIT:
                            self._too_long(spec, key, values, utf16_len(value))
                        write_text(ws, n, i, value)
                if n % 1000 == 0:
                    if cancelled is not None and cancelled():
                        raise ExportCancelled()
                    if progress is not None:
                        progress(n, total)
        except CellNotWritten as exc:
            serial = values.get("serial") or values.get("uuid") or f"第 {n} 行"
            raise UserError(
                f"{spec.title}“{serial}”的“{spec.column(key).header}”无法写入 Excel："
                f"{exc.reason}，未导出。"
            ) from exc
        ws.autofilter(0, 0, max(len(hashes), 1), len(cols) - 1)
        self.sheets[spec.title] = {
            "record": spec.record,
            "rows": len(hashes),
            "sha256": sheet_hash(hashes),
            "columns": {col.key: col.header for col in cols},
        }

    def _converter(self, col: Column, spec: SheetSpec) -> Callable[[Any], str] | None:
        """How a value of ``col`` becomes cell text (None: it is the text already)."""
        if col.side is not None:
            return col.side.cell(self.labels)
        if col.role is Role.LINK:
            return " ".join
        if col.kind is Kind.BOOL:
            return lambda value: "是" if value else "否"
        if col.kind in (Kind.ENUM, Kind.CODE):
            shown: dict[str, str] = {}

            def label(code: str) -> str:
                if code not in shown:
                    shown[code] = self.labels.label(col, code)
                return shown[code]

            return label
        return None

    def _too_long(self, spec: SheetSpec, key: str, row: Mapping[str, Any], size: int) -> None:
        serial = row.get("serial") or row.get("uuid")
        raise UserError(
            f"{spec.title}“{serial}”的“{spec.column(key).header}”有 {size:,} 个字"
            f"（生僻字和表情符号按 2 个计），超过 Excel 单元格上限 {EXCEL_CELL_LIMIT:,} 字，"
            "未导出（请先缩短该内容）。"
        )

    def discard(self) -> None:
        """Close the sheets' temporary files after a failure (no workbook is written)."""
        self.book.discard()

    def finish(
        self,
        manifest: Mapping[str, Any],
        readme: list[str],
        sign: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
    ) -> None:
        """Write 说明 and the manifest (with the sheets' counts and hashes, then ``sign``ed)."""
        ws = self.readme
        ws.set_column(0, 0, 100, self.wrap)
        for r, line in enumerate(readme):
            write_text(ws, r, 0, line)
        ws = self.book.add_worksheet(MANIFEST_SHEET)
        data = {**manifest, "sheets": self.sheets}
        if sign is not None:
            data = sign(data)
        for r, (key, value) in enumerate(data.items()):
            write_text(ws, r, 0, key)
            write_text(ws, r, 1, json.dumps(value, ensure_ascii=False))
        ws.very_hidden()
        self.book.worksheets()[0].activate()
        try:
            self.book.close()
        except (OSError, xlsxwriter.exceptions.FileCreateError) as exc:
            cause = exc if isinstance(exc, OSError) else exc.args[0]
            if isinstance(cause, OSError):
                name = self.book.filename
                raise UserError(
                    explain(cause, self.tmpdir if hasattr(name, "write") else Path(name))
                ) from exc
            raise UserError(f"无法写入导出文件：{exc}") from exc


def _list_title(name: str) -> str | None:
    """The title of code list ``name`` (a list kind, an enum's name, "bool"), if it has one."""
    if name == "bool":
        return "是/否"
    titles = {k.value: k.label for k in c.CodeListKind}
    return titles.get(name) or list_title(name)
