"""Is this file really a package we can read safely? Decided before any parsing.

Checks, each with its own Chinese message: empty or truncated files, old ``.xls`` and other
OLE2 files, password-encrypted packages, CSV/text and other formats renamed to ``.xlsx``,
zip bombs (declared sizes and compression ratios), DTDs and entities in any XML part
(billion laughs, external entities), sheets of absurd row counts. The sheet XML is streamed
once to count rows from the data (never from ``<dimension>``) and to find formula cells,
which calamine would silently replace by their cached values.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from studio_app.core.errors import UserError

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_MEMBERS = 5_000
MAX_UNCOMPRESSED = 2 << 30  # 2 GiB of XML: far beyond any real package
MAX_RATIO = 200  # XML compresses ~10–20×; hundreds means a bomb
MAX_ROWS = 1_000_000
_ROW = re.compile(rb"<(?:\w+:)?row\b[^>]*?\sr=\"(\d+)\"")
_ROW_PLAIN = re.compile(rb"<row r=\"(\d+)\"")  # as Excel, WPS, LibreOffice and we write it
_ROW_ANY = re.compile(rb"<(?:\w+:)?row[\s>/]")
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_FORMULA_CELL = re.compile(rb"<(?:\w+:)?c\b[^>]*?\sr=\"([A-Z]+)(\d+)\"[^>]*>\s*<(?:\w+:)?f[\s>/]")
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


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
    data: bytes | None  # decrypted content, or None to read the file itself
    sheets: dict[str, SheetScan]  # sheet name → scan
    date1904: bool = False  # the workbook counts days from 1904 (old Mac Excel)


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


def _stream(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, scan: SheetScan | None) -> None:
    """Read one part in blocks: refuse DTDs; for sheets, count rows and find formulas."""
    tail = b""
    prefixed = True  # elements written with a namespace prefix (<x:c>): decided on the root
    with zf.open(info) as fh:
        while True:
            block = fh.read(1 << 20)
            if not block:
                break
            if not tail:
                prefixed = b"<worksheet" not in block[:4096] or bool(_PREFIXED.search(block))
            chunk = tail + block
            if b"<!" in chunk and _DTD.search(chunk):
                raise UserError(
                    f"文件中的 {name} 含有 XML 实体声明（可能是恶意构造的文件），已拒绝导入。"
                )
            if scan is not None:
                numbers = _ROW_PLAIN.findall(chunk)  # one group: the row numbers, as bytes
                if len(numbers) != chunk.count(b"<row ") or b":row" in chunk:
                    numbers = _ROW.findall(chunk)  # other prefixes or attribute orders
                if numbers:
                    scan.rows = max(scan.rows, max(map(int, numbers)))
                if not scan.rows:
                    scan.rows = max(scan.rows, len(_ROW_ANY.findall(block)))
                if _may_have_formula(chunk, prefixed) and _FORMULA.search(chunk):
                    for m in _FORMULA_CELL.finditer(chunk):
                        scan.formula_rows.add(int(m.group(2)))
                if scan.rows > MAX_ROWS:
                    raise UserError(
                        f"工作表“{name}”超过 {MAX_ROWS:,} 行，不是正常的数据包，已拒绝导入。"
                    )
            tail = chunk[-512:]


def _sheet_parts(zf: zipfile.ZipFile) -> tuple[dict[str, str], bool]:
    """Sheet name → part name, from workbook.xml (parsed with defusedxml) and its rels."""
    try:
        book = SafeET.fromstring(zf.read("xl/workbook.xml"))
        rels = SafeET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except DefusedXmlException:
        raise UserError(
            "工作簿结构中含有 XML 实体声明（可能是恶意构造的文件），已拒绝导入。"
        ) from None
    except (LookupError, ValueError, SafeET.ParseError):  # missing part, odd encoding, bad XML
        raise FileDamaged("文件已损坏：工作簿结构不完整。") from None
    targets = {
        r.get("Id"): r.get("Target", "") for r in rels.iter() if r.tag.endswith("Relationship")
    }
    pr = book.find("m:workbookPr", NS)
    date1904 = pr is not None and pr.get("date1904", "").lower() in ("1", "true")
    parts = {}
    for sheet in book.iter(f"{{{NS['m']}}}sheet"):
        target = targets.get(sheet.get(f"{{{REL_NS}}}id"), "")
        target = target.lstrip("/")
        parts[sheet.get("name", "")] = target if target.startswith("xl/") else f"xl/{target}"
    return parts, date1904


def sniff(path: Path, password: str | None = None) -> Sniffed:
    """Check ``path`` and scan its sheets; raises :class:`UserError` with the reason."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"找不到文件：{path}") from None
    except IsADirectoryError:
        raise UserError(f"“{path}”是文件夹，请选择要导入的 .xlsx 数据包文件。") from None
    except PermissionError:
        raise UserError(f"没有权限读取文件：{path}") from None
    except OSError as exc:
        raise UserError(f"无法读取文件 {path}：{exc.strerror or exc}") from None
    if not raw:
        raise FileDamaged(f"“{path.name}”是空文件（0 字节），文件已损坏或没有复制完整。")
    data: bytes | None = None
    if raw.startswith(OLE2):
        data = _decrypt(raw, password, path)
        raw = data
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
    try:
        with zf:
            return _scan(zf, path, data)
    except ZIP_DAMAGE:
        raise FileDamaged(
            f"“{path.name}”已损坏（压缩数据校验失败，可能复制不完整），请重新复制后再导入。"
        ) from None


def _scan(zf: zipfile.ZipFile, path: Path, data: bytes | None) -> Sniffed:
    """Check the members of an opened package and stream its XML parts."""
    names = set(zf.namelist())
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        if "word/document.xml" in names:
            raise UserError(f"“{path.name}”是 Word 文档，不是 Excel 工作簿。")
        if "mimetype" in names or "content.xml" in names:
            raise UserError(f"“{path.name}”是 OpenDocument 表格（.ods），请另存为 .xlsx 后再导入。")
        raise UserError(f"“{path.name}”是 zip 压缩包，不是 Excel 工作簿。")
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS or sum(i.file_size for i in infos) > MAX_UNCOMPRESSED:
        raise UserError(f"“{path.name}”解压后过大，可能是恶意构造的文件（zip 炸弹），已拒绝。")
    for info in infos:
        if info.file_size > 10 << 20 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise UserError(
                f"“{path.name}”的压缩比异常（{info.filename}），可能是 zip 炸弹，已拒绝。"
            )
    if any(info.flag_bits & 0x1 for info in infos):  # .xlsx never encrypts zip members
        raise FileDamaged(f"“{path.name}”已损坏（压缩包结构异常），请重新复制后再导入。")
    parts, date1904 = _sheet_parts(zf)
    by_part = {part: name for name, part in parts.items()}
    sheets: dict[str, SheetScan] = {}
    for info in infos:
        if not info.filename.endswith((".xml", ".rels", ".vml")):
            continue
        sheet = by_part.get(info.filename)
        scan = SheetScan() if sheet is not None else None
        _stream(zf, info, sheet or info.filename, scan)
        if sheet is not None and scan is not None:
            sheets[sheet] = scan
    return Sniffed(data, sheets, date1904)
