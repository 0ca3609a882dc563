"""Is this file really a package we can read safely? Decided before any parsing.

Checks, each with its own Chinese message: what the path is (only a regular file, after
links are followed, of at most :data:`MAX_FILE` bytes: a FIFO, a device such as
``/dev/zero`` or a huge file is refused before a byte is read, and the file is read once,
in a bounded way), empty or truncated files, old ``.xls`` and other OLE2 files,
password-encrypted packages, CSV/text and other formats renamed to ``.xlsx``, zip bombs,
DTDs and entities in any XML part (billion laughs, external entities), sheets of absurd
size.

Only the parts the reader needs are inflated: the workbook, its relationships, the sheets
the workbook lists, and the shared strings and styles it refers to. Anything else in the
zip (an unreferenced 1.5 GiB ``sharedStrings.xml``, media, a padding member) is never
inflated. Each part read is bounded by the zip directory (:data:`MAX_PART` each,
:data:`MAX_READ` together) and again by the bytes that actually come out while inflating
(the directory can lie). The parts are written, as inflated, into a fresh zip in the app's
working folder (``Sniffed.path``) with relationships of our own: calamine reads exactly the
bytes checked here, never the file itself again. Each sheet is streamed once: rows are
counted from the data (never from ``<dimension>``), formula cells found (calamine would
silently replace them by cached values), and the used area bounded (:data:`MAX_CELLS`):
calamine keeps a sheet as a dense rows × columns grid, so one cell at ``XFD1000000`` would
cost gigabytes.
"""

from __future__ import annotations

import errno
import hashlib
import io
import os
import posixpath
import re
import stat
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import quoteattr

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from studio_app.core.errors import UserError

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Limits (docs/EXCHANGE.md, "Limits"). The largest package the app is made for, 100,000
# visits with their people and the programmes' records (docs/QUALITY.md), is a 60 MB file
# whose sheets inflate to 322 MiB, the visits sheet 182 MiB and 3.6 million cells; importing
# it peaks at ~440 MB.
MAX_FILE = 100 << 20  # bytes of the file itself
MAX_PART = 256 << 20  # inflated bytes of any one part read
MAX_READ = 448 << 20  # inflated bytes of all the parts read
MAX_SMALL = 16 << 20  # the workbook part and its relationships, parsed whole
MAX_CELLS = 5_000_000  # rows × columns of a sheet's used area (calamine holds it dense)
MAX_STRINGS = 2_000_000  # shared strings (calamine holds them all, ~56 bytes each and text)
MAX_MEMBERS = 5_000
MAX_RATIO = 200  # XML compresses ~10–20×; hundreds means a bomb
MAX_ROWS = 1_000_000
BLOCK = 1 << 20
_ROW = re.compile(rb"<(?:\w+:)?row\b[^>]*?\sr=\"(\d+)\"")
_ROW_PLAIN = re.compile(rb"<row r=\"(\d+)\"")  # as Excel, WPS, LibreOffice and we write it
_ROW_ANY = re.compile(rb"<(?:\w+:)?row[\s>/]")
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_FORMULA_CELL = re.compile(rb"<(?:\w+:)?c\b[^>]*?\sr=\"([A-Z]+)(\d+)\"[^>]*>\s*<(?:\w+:)?f[\s>/]")
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
# Cells: any prefix and attribute order; the cell reference (letters may be lowercase).
_CELL_START = re.compile(rb"<(?:\w+:)?c[\s>/]")
_CELL_REF = re.compile(rb"<(?:\w+:)?c\s(?:[^>]*?\s)?r=\"([A-Za-z]+)(\d+)\"")
_PLAIN_REF = re.compile(rb"<c r=\"([A-Z]+)(\d+)\"")
_ODD_CELL = re.compile(rb'<c(?:[>/]|\s(?!r="[A-Z]))')  # a cell not written <c r="A…
_STRING = re.compile(rb"<(?:\w+:)?si[\s>/]")  # one shared string
_ROW_END = re.compile(rb"</(?:\w+:)?row>|<(?:\w+:)?row\b[^>]*/>")
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
SHEET_FOLDERS = ("worksheets", "chartsheets", "dialogsheets")


# What the zip module raises on damaged members: a bad CRC or header, a broken deflate
# stream, data cut short, a compression method or flag no writer of .xlsx uses, a name
# that is not valid UTF-8.
ZIP_DAMAGE = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    UnicodeDecodeError,
)


class FileDamaged(UserError):
    """The file is cut short or its content does not decode: copy it again."""


class PasswordRequired(UserError):
    """The package is encrypted: ask for the password (the GUI shows a password field)."""


@dataclass
class SheetScan:
    rows: int = 0  # the highest row number holding data
    formula_rows: set[int] = field(default_factory=set)


@dataclass
class Sniffed:
    path: Path  # the parts read, as checked, in a zip of our own (gone once read)
    sheets: dict[str, SheetScan]  # sheet name → scan
    date1904: bool = False  # the workbook counts days from 1904 (old Mac Excel)
    sha256: str = ""  # of the file as read (what the import history records)


def _not_xlsx(head: bytes, path: Path) -> UserError:
    if head.startswith(OLE2):
        return UserError(
            f"“{path.name}”是旧版 Office 文件（如 Excel 97-2003 的 .xls），"
            "请在 Excel 或 WPS 中“另存为”.xlsx 格式后再导入。"
        )
    if head.startswith(b"%PDF"):
        return UserError(f"“{path.name}”是 PDF 文件，不是 Excel 工作簿。")
    if head[:4] in (b"Rar!", b"7z\xbc\xaf") or head.startswith(b"\x1f\x8b"):
        return UserError(f"“{path.name}”是压缩包，请先解压，再导入其中的 .xlsx 文件。")
    text = head.lstrip(b"\xef\xbb\xbf")
    if text.lstrip().startswith((b"<html", b"<!DOCTYPE html", b"<?xml")):
        return UserError(f"“{path.name}”是网页或 XML 文件，不是 Excel 工作簿。")
    for enc in ("utf-8", "gb18030"):
        try:
            decoded = text.decode(enc)
        except UnicodeDecodeError:
            continue
        if "\x00" not in decoded:
            kind = "CSV（逗号分隔）" if "," in decoded or "，" in decoded else "纯文本"
            return UserError(
                f"“{path.name}”是{kind}文件，只是改了扩展名，不是本程序导出的 Excel 数据包。"
            )
    return UserError(f"“{path.name}”不是 Excel 工作簿（.xlsx）文件。")


def _decrypt(raw: bytes, password: str | None, path: Path) -> bytes:
    import msoffcrypto
    from msoffcrypto.exceptions import DecryptionError, InvalidKeyError

    try:
        office = msoffcrypto.OfficeFile(io.BytesIO(raw))
        encrypted = office.is_encrypted()
    except Exception:  # not an Office file msoffcrypto knows: an old .xls/.doc or junk
        encrypted = False
    if not encrypted:
        raise _not_xlsx(raw[:4096], path)
    if not password:
        raise PasswordRequired(f"“{path.name}”已加密，请输入密码后再导入（--password）。")
    out = io.BytesIO()
    try:
        office.load_key(password=password)
        office.decrypt(out)
    except (InvalidKeyError, DecryptionError):
        raise UserError("密码不正确，无法打开加密的数据包。") from None
    except Exception:
        raise UserError("密码不正确，无法打开加密的数据包。") from None
    return out.getvalue()


def _may_have_formula(chunk: bytes, prefixed: bool) -> bool:
    """A quick test before the regular expression (which looks at every ``<``)."""
    return b"<f" in chunk or (prefixed and b":f" in chunk)


_PREFIXED = re.compile(rb"<\w+:worksheet\b")


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


def _letters_above(n: int) -> str:
    """A pattern for column letters after column ``n`` (1-based), followed by the row."""
    cur = ""
    while n > 0:
        n, rest = divmod(n - 1, 26)
        cur = chr(65 + rest) + cur
    alts = [f"[A-Z]{{{len(cur) + 1},}}"]
    for i, ch in enumerate(cur):
        if ch < "Z":
            alts.append(f"{cur[:i]}[{chr(ord(ch) + 1)}-Z][A-Z]{{{len(cur) - i - 1}}}")
    return "(?:" + "|".join(alts) + r")\d"


def _number_above(n: int) -> str:
    """A pattern for decimal numbers greater than ``n`` (leading zeros allowed), then ``"``;
    nested on the digits of ``n``, which the regular expression engine runs faster."""
    digits = str(n)

    def after(i: int) -> str | None:  # the same length, greater from digit i on
        if i == len(digits):
            return None
        alts = []
        if digits[i] < "9":
            alts.append(f"[{int(digits[i]) + 1}-9]\\d{{{len(digits) - i - 1}}}")
        rest = after(i + 1)
        if rest is not None:
            alts.append(digits[i] + rest)
        return "(?:" + "|".join(alts) + ")" if alts else None

    same = after(0)
    longer = f"[1-9]\\d{{{len(digits)},}}"
    return f'0*(?:{longer}|{same})"' if same else f'0*{longer}"'


class _Area:
    """Bounds of the area calamine will hold for a sheet, as rows × columns of cells.

    calamine places a cell by its reference (``r="AB12"``), or after the previous one in
    its row when it has none, and keeps the whole rectangle. Here: the highest row and
    column of any reference, the number of rows when rows are not numbered, and the most
    cells without a reference in one row; together an upper bound, exact for the files
    Excel, WPS, LibreOffice and this app write. Blocks of such files (every cell written
    ``<c r="A…``) take a fast path: one search for a reference beyond the largest row and
    column seen so far, which legitimate files never have once the header row is read.
    """

    def __init__(self) -> None:
        self.rows = 0  # highest row number in a reference
        self.cols = 0  # highest column number in a reference
        self.ends = 0  # rows counted (only where rows are not numbered)
        self.free = 0  # most cells without a reference in one row
        self.carry = 0  # cells without a reference in the row still open at the block's end
        self._key = (-1, -1)
        self._beyond = re.compile(b"")

    @property
    def cells(self) -> int:
        return max(self.rows, self.ends) * (self.cols + self.free)

    def feed(self, chunk: bytes, block: bytes, prefixed: bool, rows: int | None) -> None:
        """Take in ``chunk`` (``block`` after the end of the one before) of a sheet whose
        ``<row r>`` numbers reach ``rows`` so far (``None``: some rows are not numbered)."""
        if rows is None:
            self.ends += len(_ROW_ANY.findall(block))
        end = chunk.rfind(b">") + 1  # a tag cut at the end comes whole with the next block
        if prefixed or _ODD_CELL.search(chunk, 0, end):
            self._slow(chunk[:end])
            return
        key = (self.cols, max(self.rows, rows or 0))
        if key != self._key:
            self._key = key
            above = f"{_letters_above(key[0])}|[A-Z]{{1,3}}{_number_above(key[1])}"
            self._beyond = re.compile(f'<c r="(?:{above})'.encode())
        if self._beyond.search(chunk, 0, end):
            for letters, number in _PLAIN_REF.findall(chunk, 0, end):
                self.cols = max(self.cols, _col_number(letters))
                self.rows = max(self.rows, int(number))

    def _slow(self, chunk: bytes) -> None:
        refs = _CELL_REF.findall(chunk)
        if refs:
            self.cols = max(self.cols, max(_col_number(letters) for letters, _ in refs))
            self.rows = max(self.rows, max(int(number) for _, number in refs))
        if len(_CELL_START.findall(chunk)) > len(refs):  # cells without a reference
            pieces = _ROW_END.split(chunk)
            counts = [len(_CELL_START.findall(piece)) for piece in pieces]
            counts[0] += self.carry
            self.free = max(self.free, *counts)
            self.carry = counts[-1]
        else:
            self.carry = 0


def _too_big(path: Path, what: str) -> UserError:
    return UserError(f"“{path.name}”{what}，不是正常的数据包（可能是恶意构造的文件），已拒绝导入。")


def _copy_part(
    zf: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    out: BinaryIO,
    name: str,
    scan: SheetScan | None,
    budget: list[int],
    path: Path,
    strings: list[int] | None = None,
) -> None:
    """Inflate one part into ``out`` block by block, within the limits whatever the zip
    directory said; refuse DTDs; for sheets, count rows, find formulas, bound the area;
    for the shared strings (``strings``: a counter), bound their number."""
    tail = b""
    prefixed = True  # elements written with a namespace prefix (<x:c>): decided on the root
    area = _Area() if scan is not None else None
    size = 0
    with zf.open(info) as fh:
        while True:
            block = fh.read(BLOCK)
            if not block:
                break
            size += len(block)
            budget[0] -= len(block)
            if size > MAX_PART or budget[0] < 0:
                raise _too_big(path, f"解压后过大（{info.filename} 超过 {MAX_PART >> 20} MB）")
            out.write(block)
            if strings is not None:
                strings[0] += len(_STRING.findall(block))
                if strings[0] > MAX_STRINGS:
                    raise _too_big(path, f"的共享字符串超过 {MAX_STRINGS:,} 条")
            if not tail:
                prefixed = b"<worksheet" not in block[:4096] or bool(_PREFIXED.search(block))
            chunk = tail + block
            if b"<!" in chunk and _DTD.search(chunk):
                raise UserError(
                    f"文件中的 {name} 含有 XML 实体声明（可能是恶意构造的文件），已拒绝导入。"
                )
            if scan is not None and area is not None:
                numbers = _ROW_PLAIN.findall(chunk)  # one group: the row numbers, as bytes
                numbered = len(numbers) == chunk.count(b"<row") and not prefixed
                if not numbered:
                    numbers = _ROW.findall(chunk)  # other prefixes or attribute orders
                if numbers:
                    scan.rows = max(scan.rows, max(map(int, numbers)))
                if not scan.rows:
                    scan.rows = max(scan.rows, len(_ROW_ANY.findall(block)))
                if _may_have_formula(chunk, prefixed) and _FORMULA.search(chunk):
                    for m in _FORMULA_CELL.finditer(chunk):
                        scan.formula_rows.add(int(m.group(2)))
                area.feed(chunk, block, prefixed, scan.rows if numbered else None)
                if max(scan.rows, area.rows, area.ends) > MAX_ROWS:
                    raise UserError(
                        f"工作表“{name}”超过 {MAX_ROWS:,} 行，不是正常的数据包，已拒绝导入。"
                    )
                if area.cells > MAX_CELLS:
                    rows, cols = max(area.rows, area.ends), area.cols + area.free
                    raise UserError(
                        f"工作表“{name}”的数据区域约 {rows:,} 行 × {cols:,} 列，"
                        f"超过 {MAX_CELLS:,} 个单元格，不是正常的数据包，已拒绝导入。"
                    )
            tail = chunk[-512:]


def _read_small(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A small part (workbook, relationships), read whole within :data:`MAX_SMALL`."""
    if info.file_size > MAX_SMALL:
        raise FileDamaged("文件已损坏：工作簿结构不完整。")
    with zf.open(info) as fh:
        data = fh.read(MAX_SMALL + 1)
    if len(data) > MAX_SMALL:
        raise FileDamaged("文件已损坏：工作簿结构不完整。")
    return data


def _member(zf: zipfile.ZipFile, name: str) -> zipfile.ZipInfo | None:
    """The zip entry ``name`` (matched without case, as calamine does, when not exact)."""
    try:
        return zf.getinfo(name)
    except KeyError:
        lowered = name.lower()
        return next((i for i in zf.infolist() if i.filename.lower() == lowered), None)


def _target(target: str) -> str | None:
    """A relationship target of the workbook as a zip name (``None``: outside the package)."""
    target = target.replace("\\", "/")
    name = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    name = posixpath.normpath(name)
    return None if name.startswith("..") or name.startswith("/") else name


@dataclass
class _Layout:
    """What the workbook refers to: its sheets, and the shared strings and styles parts."""

    book: bytes
    sheets: list[tuple[str, str, str]]  # name, relationship id, part
    strings: str | None
    styles: str | None
    date1904: bool


def _layout(zf: zipfile.ZipFile) -> _Layout:
    """The workbook part and its relationships (parsed with defusedxml)."""
    try:
        book_info = _member(zf, "xl/workbook.xml")
        rels_info = _member(zf, "xl/_rels/workbook.xml.rels")
        if book_info is None or rels_info is None:
            raise LookupError
        book_xml = _read_small(zf, book_info)
        book = SafeET.fromstring(book_xml)
        rels = SafeET.fromstring(_read_small(zf, rels_info))
    except DefusedXmlException:
        raise UserError(
            "工作簿结构中含有 XML 实体声明（可能是恶意构造的文件），已拒绝导入。"
        ) from None
    except (LookupError, ValueError, SafeET.ParseError):  # missing part, odd encoding, bad XML
        raise FileDamaged("文件已损坏：工作簿结构不完整。") from None
    targets: dict[str, str] = {}
    strings = styles = None
    for r in rels.iter():
        if not r.tag.endswith("Relationship"):
            continue
        kind, part = r.get("Type", ""), _target(r.get("Target", ""))
        if part is None:
            continue
        targets[r.get("Id", "")] = part
        if kind.endswith("/sharedStrings") and strings is None:
            strings = part
        elif kind.endswith("/styles") and styles is None:
            styles = part
    pr = book.find("m:workbookPr", NS)
    date1904 = pr is not None and pr.get("date1904", "").lower() in ("1", "true")
    sheets = []
    for sheet in book.iter(f"{{{NS['m']}}}sheet"):
        rid = sheet.get(f"{{{REL_NS}}}id", "")
        if rid in targets:
            sheets.append((sheet.get("name", ""), rid, targets[rid]))
    return _Layout(book_xml, sheets, strings, styles, date1904)


def _read(path: Path) -> tuple[bytes, str]:
    """The bytes of ``path`` and their SHA-256, if it is a regular file within the limit.

    Decided before reading: a FIFO, a device (``/dev/zero``, ``/dev/urandom``), a folder or
    a socket is refused, links followed; so is a file over :data:`MAX_FILE`. The file is
    opened non-blocking (a FIFO put there meanwhile cannot hang the program), checked again
    on the open descriptor and read no further than the limit.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise UserError(f"找不到文件：{path}") from None
    except PermissionError:
        raise UserError(f"没有权限读取文件：{path}") from None
    except OSError as exc:
        raise UserError(f"无法读取文件 {path}：{exc.strerror or exc}") from None
    _check_kind(path, info)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0))
    except PermissionError:
        raise UserError(f"没有权限读取文件：{path}") from None
    except OSError as exc:
        raise UserError(f"无法读取文件 {path}：{exc.strerror or exc}") from None
    try:
        _check_kind(path, os.fstat(fd))  # what was opened, whatever the path is now
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(MAX_FILE + 1)
    except OSError as exc:
        raise UserError(f"无法读取文件 {path}：{exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(data) > MAX_FILE:
        raise _over_limit(path, len(data))
    return data, hashlib.sha256(data).hexdigest()


def _check_kind(path: Path, info: os.stat_result) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise UserError(f"“{path}”是文件夹，请选择要导入的 .xlsx 数据包文件。")
    if not stat.S_ISREG(info.st_mode):
        raise UserError(
            f"“{path.name}”不是普通文件（是设备、管道或套接字），不能作为数据包导入，"
            "请选择 .xlsx 文件。"
        )
    if info.st_size > MAX_FILE:
        raise _over_limit(path, info.st_size)


def _over_limit(path: Path, size: int) -> UserError:
    return UserError(
        f"“{path.name}”有 {size / (1 << 20):,.0f} MB，超过数据包的上限 {MAX_FILE >> 20} MB，"
        "不是本程序导出的数据包，已拒绝导入。"
    )


def sniff(path: Path, password: str | None = None, work: Path | None = None) -> Sniffed:
    """Check ``path`` and copy the parts to read into ``work`` (a private folder; default:
    beside nothing, checks only); raises :class:`UserError` with the reason."""
    raw, digest = _read(path)
    if not raw:
        raise FileDamaged(f"“{path.name}”是空文件（0 字节），文件已损坏或没有复制完整。")
    if raw.startswith(OLE2):
        raw = _decrypt(raw, password, path)
    elif not raw.startswith(b"PK\x03\x04"):
        if raw.startswith(b"PK"):
            raise FileDamaged(f"“{path.name}”已损坏（不是完整的 .xlsx），请重新复制。")
        raise _not_xlsx(raw[:4096], path)
    try:
        zf = zipfile.ZipFile(io.BytesIO(raw))
    except ZIP_DAMAGE:
        raise FileDamaged(
            f"“{path.name}”已损坏（文件不完整，可能复制时U盘被拔出），请重新复制后再导入。"
        ) from None
    out = work / "package.xlsx" if work is not None else None
    try:
        with zf:
            found = _scan(zf, path, out)
    except ZIP_DAMAGE:
        raise FileDamaged(
            f"“{path.name}”已损坏（压缩数据校验失败，可能复制不完整），请重新复制后再导入。"
        ) from None
    except OSError as exc:  # writing the copy (out is set: nothing else writes)
        why = "磁盘已满" if exc.errno == errno.ENOSPC else exc.strerror or str(exc)
        raise UserError(
            f"无法在临时文件夹 {work} 写入导入用的副本：{why}，没有导入任何内容。"
        ) from exc
    found.sha256 = digest
    return found


def _scan(zf: zipfile.ZipFile, path: Path, out: Path | None) -> Sniffed:
    """Check the members of an opened package and copy the parts to read into ``out``."""
    names = set(zf.namelist())
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        if "word/document.xml" in names:
            raise UserError(f"“{path.name}”是 Word 文档，不是 Excel 工作簿。")
        if "mimetype" in names or "content.xml" in names:
            raise UserError(f"“{path.name}”是 OpenDocument 表格（.ods），请另存为 .xlsx 后再导入。")
        raise UserError(f"“{path.name}”是 zip 压缩包，不是 Excel 工作簿。")
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise UserError(f"“{path.name}”解压后过大，可能是恶意构造的文件（zip 炸弹），已拒绝。")
    for info in infos:  # the directory only: nothing is inflated for this
        if info.file_size > 10 << 20 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise UserError(
                f"“{path.name}”的压缩比异常（{info.filename}），可能是 zip 炸弹，已拒绝。"
            )
    if any(info.flag_bits & 0x1 for info in infos):  # .xlsx never encrypts zip members
        raise FileDamaged(f"“{path.name}”已损坏（压缩包结构异常），请重新复制后再导入。")
    layout = _layout(zf)
    # The parts calamine will read, under the names our own relationships give them.
    parts: list[tuple[str, zipfile.ZipInfo, str | None]] = []  # zip name, entry, sheet
    rels = []
    for i, (sheet, rid, part) in enumerate(layout.sheets, start=1):
        folder = part.split("/")[1] if part.count("/") >= 2 else ""
        name = f"xl/{folder if folder in SHEET_FOLDERS else 'worksheets'}/sheet{i}.xml"
        kind = {"chartsheets": "chartsheet", "dialogsheets": "dialogsheet"}.get(folder, "worksheet")
        rels.append((rid, kind, name[3:]))
        member = _member(zf, part)
        if member is not None:
            parts.append((name, member, sheet))
    for shared, name, kind in (
        (layout.strings, "xl/sharedStrings.xml", "sharedStrings"),
        (layout.styles, "xl/styles.xml", "styles"),
    ):
        member = _member(zf, shared) if shared is not None else None
        if member is not None:
            parts.append((name, member, None))
            rels.append((f"studio-{kind}", kind, name[3:]))
    if (
        any(info.file_size > MAX_PART for _, info, _ in parts)
        or sum(info.file_size for _, info, _ in parts) > MAX_READ
    ):
        raise UserError(f"“{path.name}”解压后过大，可能是恶意构造的文件（zip 炸弹），已拒绝。")
    sheets: dict[str, SheetScan] = {}
    budget = [MAX_READ]

    def copy_parts(open_member: Callable[[str], Any]) -> None:
        for name, info, sheet in parts:
            scan = SheetScan() if sheet is not None else None
            strings = [0] if name == "xl/sharedStrings.xml" else None
            with open_member(name) as dst:
                _copy_part(zf, info, dst, sheet or info.filename, scan, budget, path, strings)
            if sheet is not None and scan is not None:
                sheets[sheet] = scan

    if out is None:  # the checks only
        copy_parts(lambda _name: _Discard())
        return Sniffed(Path(), sheets, layout.date1904)
    with open(out, "wb") as target, zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as copy:
        copy.writestr("[Content_Types].xml", _CONTENT_TYPES)
        copy.writestr("_rels/.rels", _PACKAGE_RELS)
        copy.writestr("xl/workbook.xml", layout.book)
        copy.writestr("xl/_rels/workbook.xml.rels", _relationships(rels))
        copy_parts(lambda name: copy.open(name, "w"))
    return Sniffed(out, sheets, layout.date1904)


class _Discard(io.RawIOBase):
    """Where the parts go when only the checks are wanted."""

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        return len(data)  # type: ignore[arg-type]

    def __enter__(self) -> _Discard:
        return self


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)
_PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1" '
    f'Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)


def _relationships(rels: list[tuple[str, str, str]]) -> str:
    """The workbook's relationships as calamine is to follow them: our names only."""
    items = "".join(
        f"<Relationship Id={quoteattr(rid)} Type={quoteattr(f'{REL_NS}/{kind}')} "
        f"Target={quoteattr(target)}/>"
        for rid, kind, target in rels
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Relationships xmlns="{PKG_REL_NS}">{items}</Relationships>'
    )
