"""Writing xlsx files with xlsxwriter so that text stays plain text, whole, or is refused.

Two traps of xlsxwriter, closed here for every workbook the app writes:

- It reports problems by return code, not by exception (-1 outside the sheet or a row
  already flushed, -2 text cut at Excel's 32,767 UTF-16 units, …). :func:`write_text` and
  :func:`check` turn any non-zero code into :class:`CellNotWritten`.
- It copies a string that starts with ``<r>`` and ends with ``</r>`` into the XML unescaped,
  as rich-text markup: such a text could carry ``</is><f>…</f>`` (a live formula) or lose
  its tags. :class:`PlainWorkbook` writes inline strings (constant-memory mode) through
  :class:`PlainTextWorksheet`, which escapes those like any other text. The app never
  writes rich strings, so nothing legitimate goes that way.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, BinaryIO

from xlsxwriter import Workbook
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from studio_app.core.errors import UserError

EXCEL_CELL_LIMIT = 32_767  # UTF-16 code units
EXCEL_ROWS = 1_048_576

_REASONS = {
    -1: f"超出 Excel 工作表的范围（最多 {EXCEL_ROWS:,} 行）或行的写入顺序有误",
    -2: f"文字超过 Excel 单元格上限 {EXCEL_CELL_LIMIT:,} 个字（生僻字和表情符号按 2 个计）",
}
_EDGE_SPACE = re.compile(r"^\s|\s$")


class CellNotWritten(UserError):
    """xlsxwriter refused a cell (its return code); the workbook must not be delivered."""

    def __init__(self, sheet: str, row: int, col: int, code: int) -> None:
        self.sheet, self.row, self.col, self.code = sheet, row, col, code
        self.reason = _REASONS.get(code, f"写入失败（代码 {code}）")
        super().__init__(
            f"工作表“{sheet}”第 {row + 1} 行第 {col + 1} 列无法写入：{self.reason}，未生成文件。"
        )


class PlainTextWorksheet(Worksheet):  # type: ignore[misc]  # xlsxwriter is untyped
    """A worksheet whose ``<r>…</r>``-shaped text is written escaped, as plain text."""

    def _xml_rich_inline_string(self, string: str, attributes: Any = ()) -> None:
        # Called by Worksheet._write_cell (constant-memory mode) for strings shaped like
        # rich-text XML; control characters are already escaped, as for any other string.
        self._xml_inline_string(string, bool(_EDGE_SPACE.search(string)), list(attributes))


class PlainWorkbook(Workbook):  # type: ignore[misc]  # xlsxwriter is untyped
    """An xlsxwriter workbook in constant-memory mode whose cells are never markup.

    Strings are never guessed into formulas, numbers or links, even by ``write``. Every
    temporary file (constant-memory mode keeps each sheet's rows in one: plain text of every
    cell) goes to ``tmpdir``, a folder the app owns and sweeps (``studio_app.scratch``),
    never to the system temp folder, where a killed export would leave it behind. ``path``
    may be a binary file object (``io.BytesIO``): the workbook then never reaches the disk.
    """

    worksheet_class = PlainTextWorksheet

    def __init__(
        self,
        path: str | Path | BinaryIO,
        options: dict[str, Any] | None = None,
        *,
        tmpdir: str | Path,
    ) -> None:
        options = {
            **(options or {}),
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
            "tmpdir": str(tmpdir),
        }
        options.pop("in_memory", None)  # would turn constant-memory (inline strings) off
        super().__init__(path if hasattr(path, "write") else str(path), options)
        if not self.constant_memory:  # shared strings would bypass PlainTextWorksheet
            raise RuntimeError("PlainWorkbook needs xlsxwriter's constant-memory mode")

    def discard(self) -> None:
        """Close the sheets' temporary files after a failure (no workbook is written)."""
        for ws in self.worksheets():
            fh = getattr(ws, "row_data_fh", None)
            if fh is not None and not fh.closed:
                fh.close()


def check(code: int, ws: Worksheet, row: int, col: int) -> None:
    """Raise :class:`CellNotWritten` for a non-zero xlsxwriter return code."""
    if code:
        raise CellNotWritten(ws.name, row, col, code)


def write_text(
    ws: Worksheet, row: int, col: int, text: str, cell_format: Format | None = None
) -> None:
    """Write ``text`` as a text cell (never a formula), or raise :class:`CellNotWritten`."""
    code = ws.write_string(row, col, text, cell_format)
    if code:
        raise CellNotWritten(ws.name, row, col, code)
