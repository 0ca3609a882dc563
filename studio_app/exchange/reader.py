"""Reading a sniffed package with python-calamine: manifest, headers, clean rows.

calamine (Rust) parses a 100,000-row sheet several times faster than openpyxl's read-only
mode and never evaluates formulas; the formulas it hides behind cached values were found by
the sniffer from the sheet XML and reject their rows here.
"""

from __future__ import annotations

import hashlib
import heapq
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any

import python_calamine as calamine

from studio_app import scratch
from studio_app.core.errors import UserError
from studio_app.core.fields import Kind
from studio_app.core.text import too_long
from studio_app.exchange import hooks, signature, staging, tables
from studio_app.exchange.canonical import content_hash, hashed_keys
from studio_app.exchange.labels import Labels
from studio_app.exchange.normalise import UUID_PATTERN as UUID
from studio_app.exchange.normalise import CellError, compile_column, plain_text
from studio_app.exchange.schema import (
    CODES_SHEET,
    FORMAT_VERSION,
    KIND_LABELS,
    MANIFEST_SHEET,
    OLDEST_READABLE,
    README_SHEET,
    SHEET_TITLES,
    PackageKind,
    Role,
    SheetSpec,
    added_columns,
    maskable,
    sheets_for,
)
from studio_app.exchange.sniff import FileDamaged, Sniffed, sniff
from studio_app.exchange.tables import NAME_SEP
from studio_app.services.context import Context

SHOWN_REJECTED = 200  # rejected rows of a package kept to show; all of them are counted


@dataclass(slots=True)
class Row:
    """A row refused while reading, kept with its values to show a person why."""

    number: int  # 1-based row number in the sheet, as Excel shows it
    values: dict[str, Any]
    errors: list[str] = field(default_factory=list)
    hash_in_file: str = ""


@dataclass
class SheetData:
    """One sheet as read: its clean rows are in the staging table, refusals in ``rejected``."""

    spec: SheetSpec
    masked: list[str]  # not carried: masked identifiers, columns added since (added_columns)
    declared_rows: int
    declared_hash: str
    keys: list[str] = field(default_factory=list)  # staged value columns c0, c1, …
    count: int = 0  # rows read (blank rows left out)
    rejected: list[Row] = field(default_factory=list)  # the first ones, to show
    rejected_count: int = 0  # all rows refused while reading
    names: list[str] = field(default_factory=list)  # link keys whose names are in n0, n1
    # Row-hash cells of the rows not staged as they were exported (edited or rejected).
    other_hashes: list[str] = field(default_factory=list)

    @property
    def table(self) -> str:
        return staging.table_name(self.spec.record)

    def col(self, key: str) -> str | None:
        """The staging column holding ``key``, or ``None`` when the sheet has no such column."""
        try:
            return f"c{self.keys.index(key)}"
        except ValueError:
            return None

    def staged(self, key: str) -> str:
        """``s.<column>`` of ``key`` for SQL over the staging row ``s``. A sheet without the
        column is refused (the reader makes sure the machine columns are there): a missing
        column never becomes ``s.None`` in SQL."""
        col = self.col(key)
        if col is None:
            header = self.spec.column(key).header
            raise UserError(f"数据包的工作表“{self.spec.title}”缺少“{header}”列，无法导入。")
        return f"s.{col}"


@dataclass
class Package:
    manifest: dict[str, Any]
    kind: PackageKind
    sheets: list[SheetData]
    warnings: list[str]

    @property
    def uuid(self) -> str:
        return str(self.manifest["package_uuid"])


def _manifest(book: Any) -> dict[str, Any]:
    if MANIFEST_SHEET not in book.sheet_names:
        raise UserError(
            "文件中没有数据包清单（隐藏的 _manifest 工作表），不是本程序导出的数据包，"
            "或清单被删除，无法安全导入。"
        )
    manifest: dict[str, Any] = {}
    for row in book.get_sheet_by_name(MANIFEST_SHEET).to_python(skip_empty_area=False):
        if len(row) >= 2 and isinstance(row[0], str) and row[0]:
            try:
                manifest[row[0]] = json.loads(str(row[1]))
            except ValueError:
                raise UserError("数据包清单已损坏，无法导入。") from None
    version = manifest.get("format_version")
    if not isinstance(version, int):
        raise UserError("数据包清单缺少格式版本，无法导入。")
    if version > FORMAT_VERSION:
        raise UserError(
            f"该数据包由较新版本的程序生成（格式版本 {version}，本程序支持到 {FORMAT_VERSION}），"
            "请先升级本程序再导入。"
        )
    if version < OLDEST_READABLE:
        raise UserError(f"该数据包的格式版本（{version}）太旧，本程序无法读取。")
    try:
        PackageKind(manifest.get("kind", ""))
    except ValueError:
        raise UserError(f"未知的数据包类型：{manifest.get('kind')}") from None
    for key in ("package_uuid", "site_uuid", "sequence", "sheets"):
        if key not in manifest:
            raise UserError(f"数据包清单缺少“{key}”，无法导入。")
    if not _well_formed(manifest):
        raise UserError("数据包清单已损坏，无法导入。")
    signature.verify(manifest)  # the sender's pin is checked when planning (services.peers)
    return manifest


def _is(kind: type) -> Callable[[Any], bool]:
    if kind is int:  # not a bool, and small enough for SQLite
        return lambda v: type(v) is int and 0 <= v < 2**31
    return lambda v: isinstance(v, kind)


def _sheet_info(v: Any) -> bool:
    return isinstance(v, dict) and all(
        ok(v[key])
        for key, ok in (("columns", _mapping), ("rows", _is(int)), ("sha256", _is(str)))
        if key in v
    )


def _mapping(v: Any) -> bool:
    return isinstance(v, dict) and all(isinstance(x, str) for x in v.values())


def _masked(v: Any) -> bool:
    return isinstance(v, dict) and all(
        isinstance(keys, list) and all(isinstance(k, str) for k in keys) for keys in v.values()
    )


def _code_lists(v: Any) -> bool:
    return isinstance(v, dict) and all(
        isinstance(items, list)
        and all(
            isinstance(item, list)
            and len(item) == 4
            and type(item[0]) in (str, int)  # code, label, order, active
            and type(item[1]) in (str, int)
            and type(item[2]) is int
            and abs(item[2]) < 2**31
            and type(item[3]) in (bool, int)
            for item in items
        )
        for items in v.values()
    )


def _point_rules(v: Any) -> bool:
    return isinstance(v, list) and all(
        isinstance(rule, list)
        and len(rule) == 4
        and type(rule[0]) is int  # year, code, points, cap (or null)
        and type(rule[1]) is str
        and type(rule[2]) is int
        and (rule[3] is None or type(rule[3]) is int)
        for rule in v
    )


def _point_requirements(v: Any) -> bool:
    return isinstance(v, list) and all(
        isinstance(item, list)
        and len(item) == 3
        and type(item[0]) is int  # year, code, figure
        and type(item[1]) is str
        and type(item[2]) is int
        for item in v
    )


_TEXT_ENTRIES: tuple[str, ...]
_TEXT_ENTRIES = ("app_version", "site_name", "site_code", "created_at", "created_by")
_TEXT_ENTRIES += ("target_site_uuid", "target_site_name", "target_site_code")
# What each manifest entry must look like when present (the writer's types, export.py).
_MANIFEST_SHAPE: dict[str, Callable[[Any], bool]] = {
    "package_uuid": lambda v: isinstance(v, str) and bool(UUID.fullmatch(v)),
    "site_uuid": lambda v: isinstance(v, str) and bool(UUID.fullmatch(v)),
    "sequence": _is(int),
    "previous_sequence": _is(int),
    "sheets": lambda v: isinstance(v, dict) and all(_sheet_info(i) for i in v.values()),
    "masked": _masked,
    "code_lists": _code_lists,
    "point_rules": _point_rules,
    "point_requirements": _point_requirements,
    "site_kind": lambda v: v in ("studio", "county"),
    **{key: _is(str) for key in _TEXT_ENTRIES},
}


def _well_formed(manifest: dict[str, Any]) -> bool:
    return all(ok(manifest[key]) for key, ok in _MANIFEST_SHAPE.items() if key in manifest)


def _layout(
    manifest: dict[str, Any], kind: PackageKind, specs: dict[str, SheetSpec]
) -> list[tuple[str, dict[str, Any]]]:
    """The declared sheets, in the order links point (members first), once the manifest's
    sender, sheets, columns and masked columns are those of a package of its ``kind``.

    The rest of the importer relies on them (e.g. a studio package's ``rev`` column);
    anything else is refused in one sentence, before a row is read.
    """

    def refuse(what: str) -> UserError:
        return UserError(
            f"数据包清单与内容不符：清单写的是{KIND_LABELS[kind]}，但{what}，"
            "清单被改动过或不是本程序导出的，未导入任何内容。"
        )

    sender = "county" if kind is PackageKind.FEEDBACK else "studio"
    if manifest.get("site_kind", sender) != sender:
        raise refuse("发送方是" + ("县政协" if sender == "studio" else "工作室"))
    declared: dict[str, Any] = manifest["sheets"]
    has_hash = int(manifest["format_version"]) >= 2
    for title, info in declared.items():
        record = info.get("record") if isinstance(info, dict) else None
        if not isinstance(record, str) or record not in SHEET_TITLES or title not in specs:
            raise UserError(f"数据包中有无法识别的工作表类型：“{title}”。")
        spec = specs[title]
        if record != spec.record:
            raise refuse(f"工作表“{title}”标注的记录类型是“{SHEET_TITLES[record]}”")
        mapping = info.get("columns", {})
        keys = {col.key for col in spec.columns}
        foreign = [head for key, head in mapping.items() if key not in keys]
        lacking = [
            col.header
            for col in spec.columns
            if col.key not in mapping
            and (has_hash or col.key != "row_hash")
            and col.key not in added_columns(spec)
        ]
        if foreign or lacking:
            found = "，".join(
                f"{side}{'、'.join(heads[:5])}{'等' if len(heads) > 5 else ''}"
                for side, heads in (("多出", foreign), ("缺少", lacking))
                if heads
            )
            raise refuse(f"工作表“{title}”的列与之不符（{found}）")
        if len(set(mapping.values())) != len(mapping) or "" in mapping.values():
            raise refuse(f"工作表“{title}”有两列记作同一表头")
        may_mask = maskable(record)
        masked = manifest.get("masked", {}).get(title, [])
        if not set(masked) <= may_mask:
            raise refuse(f"工作表“{title}”中记作已隐藏的列不是可隐藏的身份证号或电话")
    return [(title, declared[title]) for title in specs if title in declared]


def _unknown_columns(header: list[Any], mapping: dict[str, str]) -> list[str]:
    """Headers of the columns a person added: not in the manifest's mapping."""
    known = set(mapping.values())
    texts = (str(cell).strip() if cell is not None else "" for cell in header)
    return [text for text in texts if text and text not in known]


def _header_map(spec: SheetSpec, header: list[Any], mapping: dict[str, str]) -> dict[str, int]:
    """Column key → index, matched by the manifest's headers."""
    seen: dict[str, int] = {}
    for i, cell in enumerate(header):
        text = str(cell).strip() if cell is not None else ""
        if not text:
            continue
        if text in seen:
            raise UserError(f"工作表“{spec.title}”的表头“{text}”出现了两次，无法确定用哪一列。")
        seen[text] = i
    found: dict[str, int] = {}
    missing = []
    for col in spec.columns:
        head = mapping.get(col.key)
        if head is None:
            continue  # not in this format version (e.g. the row hash of version 1)
        if head in seen:
            found[col.key] = seen[head]
        elif col.role is not Role.NAMES:
            missing.append(head)
    if missing:
        raise UserError(
            f"工作表“{spec.title}”缺少列：{'、'.join(missing)}（表头被改名或删除），无法导入。"
        )
    return found


_ERROR = object()  # a cell that could not be read (its value is left out)


def _people(record: str, staged: dict[str, SheetData]) -> dict[str, dict[str, str]] | None:
    """uuid → name of the people ``record`` links to: ours, overlaid with the package's
    (the first row of each uuid), or ``None`` when a people sheet was not read yet.

    The importer checks before writing that the names still hold (see apply).
    """
    targets = {lt.target_table for lt in tables.links(record).values()}
    if not targets or not all(t in staged and staged[t].col("name") for t in targets):
        return None
    found: dict[str, dict[str, str]] = {}
    for table in targets:
        names = dict(tables.sql(f"SELECT uuid, name FROM main.{table}"))
        col = staged[table].col("name")
        # In reverse file order: the first row of a uuid is the one that counts.
        names.update(
            staging.connection().execute(
                f"SELECT uuid, {col} FROM temp.{staging.table_name(table)} ORDER BY n DESC"
            )
        )
        found[table] = names
    return found


def _stage_rows(
    sheet: Any,
    sd: SheetData,
    index: dict[str, int],
    labels: Labels,
    scan: Any,
    d1904: bool,
    has_hash: bool,
    tick: Callable[[int], None],
    rules: Callable[[dict[str, Any]], list[str]] | None = None,
    people: dict[str, dict[str, str]] | None = None,
    shown: list[int] | None = None,
) -> Iterator[list[Any]]:
    """Clean staging rows of one sheet. Refused rows are counted in ``sd.rejected_count``;
    the first of the package (``shown[0]`` more, then none) are kept in ``sd.rejected``."""
    shown = shown if shown is not None else [SHOWN_REJECTED]
    spec, masked, keys = sd.spec, sd.masked, sd.keys
    width = max(index.values()) + 1
    keyed = [
        (index[k], compile_column(spec.column(k), labels, d1904), f"{_named(spec, k)}：")
        for k in keys
    ]
    hash_at = index["row_hash"] if "row_hash" in index and "row_hash" not in masked else None
    checks = _checks(spec, keys)
    uuid_at = keys.index("uuid") if "uuid" in keys else None
    deleted_at = keys.index("deleted") if "deleted" in keys else None
    n_keys = len(keys)
    # The row hash covers the hashed keys in column order; absent ones count as None.
    hashed = [keys.index(k) if k in keys else n_keys for k in hashed_keys(spec, masked)]
    pick = itemgetter(*hashed)
    convert = [(i + 4, f) for i, f in staging.converters(spec, keys)]
    # Values computed from others (match keys), as the record tables keep them.
    derived = [
        (keys.index(d.source) if d.source in keys else None, d.compute)
        for d in hooks.of(spec.record).derived
    ]
    # Names of linked people, as the record tables keep them beside the links (sd.names).
    links = tables.links(spec.record)
    named = [(keys.index(f"{k}__uuid"), (people or {})[links[k].target_table]) for k in sd.names]
    formula_rows = scan.formula_rows if scan is not None else ()
    rows = iter(sheet.iter_rows())
    next(rows, None)  # the header
    count = 0
    for number, cells in enumerate(rows, start=2):
        if type(cells) is not list:
            cells = list(cells)
        n = len(cells)
        if n < width:
            cells = cells + [""] * (width - n)
            n = width
        if cells.count("") + cells.count(None) == n:
            continue  # blank rows people leave or add
        count += 1
        if count % 1000 == 0:
            sd.count = count
            tick(count)
        errors: list[str] = []
        if number in formula_rows:
            errors.append("含有公式（公式不会被计算），请改为直接填写内容")
        try:  # the common case: every cell clean
            values = [conv(cells[i]) for i, conv, _ in keyed]
        except CellError:
            values = []
            for i, conv, prefix in keyed:
                try:
                    values.append(conv(cells[i]))
                except CellError as exc:
                    values.append(_ERROR)
                    errors.append(f"{prefix}{exc}")
        if not errors:
            _check_row(checks, values, uuid_at, deleted_at, errors)
        uuid = str(values[uuid_at]) if uuid_at is not None else ""
        if not uuid and not errors:
            errors.append("缺少唯一标识")
        if not errors:
            values.append(None)
            chash = content_hash(pick(values))
            values.pop()
            in_file = plain_text(cells[hash_at]) if hash_at is not None else ""
            edited = has_hash and in_file != chash
            if edited:
                sd.other_hashes.append(in_file)
            # A row as the studio's services stored it (its hash matches) kept their rules.
            tombstone = deleted_at is not None and values[deleted_at]
            if rules is not None and (edited or not has_hash) and not tombstone:
                errors += rules(dict(zip(keys, values, strict=True)))
        if errors:
            if hash_at is not None:
                in_file = plain_text(cells[hash_at])
                if in_file:
                    sd.other_hashes.append(in_file)
            sd.rejected_count += 1
            if shown[0] > 0:  # the rest are counted only: a junk sheet costs no memory
                shown[0] -= 1
                kept = {k: v for k, v in zip(keys, values, strict=True) if v is not _ERROR}
                sd.rejected.append(Row(number, kept, errors))
            continue
        row = [number, uuid, edited, chash, *values]
        for i, f in convert:
            row[i] = f(row[i])
        for at, compute in derived:
            row.append(compute((values[at] if at is not None else "") or ""))
        for at, names in named:
            row.append(NAME_SEP.join([names[u] for u in values[at] if u in names])[:300])
        yield row
    sd.count = count


def _named(spec: SheetSpec, key: str) -> str:
    """How a refusal names column ``key``: its header; a ROWS field by its label (议程)."""
    col = spec.column(key)
    return col.field.label if col.kind is Kind.ROWS and col.field is not None else col.header


def _checks(spec: SheetSpec, keys: list[str]) -> list[tuple[int, str, bool, int | None]]:
    """(position, header, required, length limit) of the columns checked per row."""
    found = []
    for col in spec.columns:
        fld = col.field
        if fld is not None and col.role in (Role.DATA, Role.LINK) and col.key in keys:
            limit = fld.limit if col.role is Role.DATA else None
            if fld.required or limit is not None:
                found.append((keys.index(col.key), _named(spec, col.key), fld.required, limit))
    return found


def _check_row(
    checks: list[tuple[int, str, bool, int | None]],
    v: list[Any],
    uuid_at: int | None,
    deleted_at: int | None,
    errors: list[str],
) -> None:
    if uuid_at is not None and not UUID.fullmatch(str(v[uuid_at])):
        errors.append("唯一标识格式不对（隐藏列被改动）")
    if deleted_at is not None and v[deleted_at]:
        return
    for at, header, required, limit in checks:
        value = v[at]
        if required and (value is None or value == "" or value == []):
            errors.append(f"{header}：必填")
        elif limit is not None and type(value) is str and len(value) > limit // 2:
            problem = too_long(limit, value)  # UTF-16 units, as at entry and in Excel
            if problem:
                errors.append(f"{header}：{problem}")


def _rows_as_signed(sd: SheetData) -> bool:
    """Whether the sheet's row-hash cells are those the sender signed: the manifest's sheet
    hash over them (``canonical.sheet_hash``). Rows staged unedited carry theirs as ``chash``;
    copies of a row count once, rows added by a person without one not at all."""
    staged = staging.connection().execute(
        f"SELECT chash FROM temp.{sd.table} WHERE NOT edited ORDER BY chash"
    )
    digest, last = hashlib.sha256(), None
    for h in heapq.merge((h for (h,) in staged), sorted(h for h in sd.other_hashes if h)):
        if h != last:
            digest.update(h.encode("ascii", "replace"))
            last = h
    return digest.hexdigest() == sd.declared_hash


@contextmanager
def _readable(path: Path, what: str) -> Iterator[None]:
    """Turn calamine's errors on a damaged part (cut XML, bad zip data) into a refusal."""
    try:
        yield
    except calamine.CalamineError:
        raise FileDamaged(
            f"“{path.name}”已损坏（{what}无法读取，可能复制不完整），请重新复制后再导入。"
        ) from None


class ImportCancelled(UserError):
    def __init__(self) -> None:
        super().__init__("导入已取消，没有做任何更改。")


def read_package(
    path: Path,
    password: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    ctx: Context | None = None,
) -> tuple[Package, Sniffed]:
    """Sniff, open and read the whole package; raises :class:`UserError` with the reason.

    The sniffer checks the file and copies the parts to read into a private working folder
    (``studio_app.scratch``); calamine reads that copy, removed when reading ends. Each
    sheet's clean rows go into its staging table as they are read (see ``staging``); with
    ``ctx``, rows are also checked against the services' rules across fields (``rules``).
    Rejected rows are all counted, the first :data:`SHOWN_REJECTED` kept to show.
    ``progress(rows read, rows in the package)`` and ``cancelled()`` are called at the start,
    every 1,000 rows and after each sheet.
    """
    with scratch.workdir("import") as work:  # the checked copy calamine reads, then gone
        sniffed = sniff(path, password, work)
        with _readable(path, "工作簿"):
            book = calamine.CalamineWorkbook.from_path(str(sniffed.path))
        try:
            package = _read(book, sniffed, path, progress, cancelled, ctx)
        finally:
            book.close()  # before its file is removed (Windows keeps open files)
    return package, sniffed


def _read(
    book: Any,
    sniffed: Sniffed,
    path: Path,
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
    ctx: Context | None,
) -> Package:
    total = sum(scan.rows for scan in sniffed.sheets.values())
    done = 0
    shown = [SHOWN_REJECTED]  # rejected rows kept to show, for the whole package

    def tick(n: int) -> None:
        if cancelled is not None and cancelled():
            raise ImportCancelled()
        if progress is not None:
            progress(done + n, total)

    tick(0)
    with _readable(path, "数据包清单"):
        manifest = _manifest(book)
    kind = PackageKind(manifest["kind"])
    labels = Labels.load()
    if kind is PackageKind.FEEDBACK:  # applied with the rows, which may use its new codes
        labels.add(manifest.get("code_lists", {}))
    specs = {spec.title: spec for spec in sheets_for(kind)}
    declared: dict[str, Any] = manifest["sheets"]
    warnings: list[str] = []
    known = {MANIFEST_SHEET, README_SHEET, CODES_SHEET, *declared}
    extra = [name for name in book.sheet_names if name not in known]
    if extra:
        warnings.append(f"忽略了数据包以外的工作表：{'、'.join(extra)}")
    sheets: list[SheetData] = []
    date1904 = sniffed.date1904
    has_hash = int(manifest["format_version"]) >= 2 and FORMAT_VERSION >= 2
    staged: dict[str, SheetData] = {}
    in_book = list(book.sheet_names)
    signed = signature.SIGNATURE_ENTRY in manifest  # and verified, by _manifest
    for title, info in _layout(manifest, kind, specs):
        if title not in in_book:
            raise UserError(f"数据包缺少工作表“{title}”（被删除或改名），无法导入。")
        spec = specs[title]
        with _readable(path, f"工作表“{title}”"):
            sheet = book.get_sheet_by_name(title)
            merged = getattr(sheet, "merged_cell_ranges", None)
            if merged:
                raise UserError(f"工作表“{title}”中有合并单元格，请取消合并后再导入。")
            header = next(iter(sheet.iter_rows()), ())
            mapping = info.get("columns", {})
            index = _header_map(spec, list(header), mapping)
            unknown = _unknown_columns(list(header), mapping)
            if unknown:
                warnings.append(
                    f"工作表“{title}”中有本程序不认识的列，导入时忽略（其内容不会导入）："
                    f"{'、'.join(unknown)}"
                )
            scan = sniffed.sheets.get(title)
            masked = list(manifest.get("masked", {}).get(title, []))
            masked += [k for k in added_columns(spec) if k not in mapping]
            sd = SheetData(spec, masked, int(info.get("rows", 0)), info.get("sha256", ""))
            sd.keys = [k for k in index if k not in masked and k != "row_hash"]
            staging.create(spec, sd.keys)
            check = hooks.row_check(ctx, spec.record)
            people = _people(spec.record, staged) if kind is PackageKind.STUDIO else None
            if people is not None:
                sd.names = [k for k in tables.links(spec.record) if f"{k}__uuid" in sd.keys]
            rows = _stage_rows(
                sheet, sd, index, labels, scan, date1904, has_hash, tick, check, people, shown
            )
            extra = staging.derived_columns(spec.record)
            extra += staging.names_columns(spec.record)[: len(sd.names)]
            staging.fill(spec.record, len(sd.keys), rows, extra)
            if signed and "row_hash" in index and not _rows_as_signed(sd):
                staging.connection().execute(f"UPDATE temp.{sd.table} SET edited = TRUE")
                warnings.append(
                    f"工作表“{title}”的行校验与签名的清单不符（有行被删除，或隐藏的行校验被改动），"
                    "无法确认哪些行是对方导出的原样：会改动本机数据的行都列为冲突待定。"
                )
        staged[spec.record] = sd
        del sheet, rows  # calamine's copy of the sheet: one at a time
        done += sd.count
        tick(0)
        sheets.append(sd)
    return Package(manifest, kind, sheets, warnings)
