"""The layout of exchange workbooks, built from the field declarations of ``core.kinds``.

A :class:`SheetSpec` lists the columns of one record type's sheet: the visible data
columns (Chinese headers from the field labels, in declaration order) and the hidden
machine columns the importer relies on (uuid, revisions, stamps, link uuid lists, row hash).
A ROWS field (a record's sub-table) gets a readable column of lines and a hidden column of
its rows as JSON (``rows_list``). Studio packages carry studio-owned fields; feedback
packages carry the county-owned fields of the kinds that have some. The sheets follow the
registered kinds (``core.kinds``) and what each declares besides its fields
(``exchange.hooks``). The manifest stores the key ↔ header mapping of every sheet, so the
importer matches columns by header, wherever a person moved them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from enum import StrEnum
from functools import cache
from typing import TypeVar

from studio_app.core import kinds
from studio_app.core.fields import COUNTY, Field, Kind
from studio_app.exchange import hooks
from studio_app.exchange.columns import Column, Role, SheetSpec
from studio_app.exchange.rows_list import RowsList

__all__ = ["Column", "Role", "SheetSpec"]  # defined in ``columns``, used from here too
T = TypeVar("T")

# 3: the manifest is signed (exchange/signature.py); 2: unsigned, trusted only from senders
# without a pinned key; 1: as 2 without the row-hash column (hand edits not detectable).
FORMAT_VERSION = 3
OLDEST_READABLE = 1
MANIFEST_SHEET = "_manifest"
README_SHEET = "说明"
CODES_SHEET = "代码表"


def added_columns(spec: SheetSpec) -> frozenset[str]:
    """Columns of the sheet ``spec`` that packages of earlier releases lack (its fields
    ``added_later``, studio-owned or county-owned): such a package is read as if the column
    were masked (not written, not hashed), so a new record takes the field's default
    (直通车: no) and an update keeps what the receiver has."""
    return frozenset(c.key for c in spec.columns if c.field is not None and c.field.added_later)


class PackageKind(StrEnum):
    STUDIO = "studio"  # studio → county: records changed since the last package (or all)
    FEEDBACK = "feedback"  # county → one studio: county-owned fields, code lists


KIND_LABELS = {PackageKind.STUDIO: "工作室数据包", PackageKind.FEEDBACK: "县政协反馈包"}


LINK_KINDS = (Kind.MEMBER, Kind.MEMBERS, Kind.RESIDENT, Kind.RESIDENTS, Kind.RECORD)


class _ByKind(Mapping[str, T]):
    """Kind name → one thing of its declaration, read from the registry at each use."""

    def __init__(self, get: Callable[[kinds.RecordKind], T]) -> None:
        self._get = get

    def __getitem__(self, name: str) -> T:
        return self._get(kinds.kind(name))

    def __iter__(self) -> Iterator[str]:
        return iter(kinds.names())

    def __len__(self) -> int:
        return len(kinds.names())


SHEET_TITLES: Mapping[str, str] = _ByKind(lambda k: k.sheet_title)
FIELDS: Mapping[str, tuple[Field, ...]] = _ByKind(lambda k: k.fields)

_WIDTH = {
    Kind.LONGTEXT: 40,
    Kind.DATETIME: 18,
    Kind.DATE: 14,
    Kind.ID_NUMBER: 21,
    Kind.PHONE: 15,
    Kind.MEMBERS: 16,
    Kind.RESIDENTS: 16,
    Kind.BOOL: 8,
    Kind.INT: 9,
}

META_HEAD = (
    Column("serial", "编号", Role.DATA, Kind.TEXT, width=15),
    Column("deleted", "已删除", Role.DATA, Kind.BOOL, width=8),
)
META_TAIL = (
    Column("uuid", "唯一标识", Role.META, Kind.TEXT),
    Column("origin_site", "来源", Role.META, Kind.TEXT),
    Column("rev", "版本", Role.META, Kind.INT),
    Column("county_rev", "县级版本", Role.META, Kind.INT),
    Column("created_at", "创建时间", Role.META, Kind.TEXT),
    Column("updated_at", "修改时间", Role.META, Kind.TEXT),
    Column("deleted_at", "删除时间", Role.META, Kind.TEXT),
    Column("created_by", "录入人", Role.META, Kind.TEXT),
    Column("updated_by", "修改人", Role.META, Kind.TEXT),
)
HASH_COLUMN = Column("row_hash", "行校验", Role.HASH, Kind.TEXT)


def _field_columns(fld: Field, kind: kinds.RecordKind) -> list[Column]:
    width = _WIDTH.get(fld.kind, 12)
    if fld.kind is Kind.ROWS:  # readable lines, and the rows as JSON (``rows_list``)
        rows = RowsList(kind, fld)
        return [rows.names, rows.column]
    if fld.kind in LINK_KINDS:
        return [
            Column(fld.key, fld.label, Role.NAMES, fld.kind, fld, width=width),
            Column(f"{fld.key}__uuid", f"{fld.label}（标识）", Role.LINK, fld.kind, fld),
        ]
    return [Column(fld.key, fld.label, Role.DATA, fld.kind, fld, enum=fld.enum, width=width)]


def _status(kind: kinds.RecordKind) -> list[Column]:
    enum = kind.status
    return [Column("status", "状态", Role.DATA, Kind.ENUM, enum=enum, width=9)] if enum else []


def studio_sheet(record: str) -> SheetSpec:
    """The sheet of ``record`` in a studio package: every studio-owned field."""
    return _studio_sheet(kinds.kind(record), hooks.of(record))


@cache
def _studio_sheet(kind: kinds.RecordKind, extra: hooks.KindHooks) -> SheetSpec:
    cols: list[Column] = list(META_HEAD)
    for fld in kind.fields:
        if fld.owner != COUNTY:
            cols += _field_columns(fld, kind)
    cols += _status(kind)
    cols += extra.columns
    cols += [*META_TAIL, HASH_COLUMN]
    return SheetSpec(kind.name, kind.sheet_title, tuple(cols))


def feedback_records() -> tuple[str, ...]:
    """The kinds with county-owned fields: what feedback packages carry."""
    return tuple(
        k.name
        for k in kinds.all_kinds()
        if any(f.owner == COUNTY for f in k.fields) or hooks.of(k.name).county_columns
    )


def feedback_sheet(record: str | None = None) -> SheetSpec:
    """The county-owned fields of ``record`` (default: the first kind that has some), with
    the serial and title for reading."""
    name = record or feedback_records()[0]
    return _feedback_sheet(kinds.kind(name), hooks.of(name))


@cache
def _feedback_sheet(kind: kinds.RecordKind, extra: hooks.KindHooks) -> SheetSpec:
    cols: list[Column] = [META_HEAD[0]]
    if kind.title_key:
        title = kind.field(kind.title_key).label
        cols.append(Column(kind.title_key, title, Role.NAMES, Kind.TEXT, width=40))
    for fld in kind.fields:
        if fld.owner == COUNTY:
            cols += _field_columns(fld, kind)
    cols += extra.county_columns
    cols += [
        Column("uuid", "唯一标识", Role.META, Kind.TEXT),
        Column("county_rev", "县级版本", Role.META, Kind.INT),
        Column("updated_at", "修改时间", Role.META, Kind.TEXT),
        Column("updated_by", "修改人", Role.META, Kind.TEXT),
        HASH_COLUMN,
    ]
    return SheetSpec(kind.name, kind.sheet_title, tuple(cols))


def sheets_for(kind: PackageKind) -> tuple[SheetSpec, ...]:
    """The sheets of a package of ``kind``, in the order links point (linked kinds first)."""
    if kind is PackageKind.FEEDBACK:
        return tuple(feedback_sheet(r) for r in feedback_records())
    return tuple(studio_sheet(k.name) for k in kinds.link_order())


# A package's file name: who made it, what it is, the day and its number, for people to read
# on a USB stick (nothing reads it back: the manifest says what the file is).
NAME_WORDS = {PackageKind.STUDIO: "数据包", PackageKind.FEEDBACK: "反馈包"}
NAME_LIMIT = 40  # characters of a site's name in a file name (paths stay short on Windows)
# What Windows forbids in a name (FAT32, exFAT and NTFS alike), and control characters.
_UNSAFE = re.compile(r'[\x00-\x1f\x7f\\/:*?"<>|]+')
_PACKAGE_NAME = re.compile(
    r".+_(?:数据包|反馈包)_(?:致.+_)?\d{4}-\d{2}-\d{2}_第\d+号\.xlsx"
    r"|[A-Z][A-Z0-9]{1,11}_(?:studio|feedback)_\d{8}_\d{4}(?:_[A-Z][A-Z0-9]{1,11})?\.xlsx"
)  # today's names, and those of earlier versions (SQZ_studio_20261126_0007.xlsx)


def name_part(text: str, fallback: str = "") -> str:
    """``text`` (a site's name) made fit for a file name on any USB stick: what Windows
    forbids becomes ``_``, spaces are collapsed, no dot or space at either end, at most
    :data:`NAME_LIMIT` characters; ``fallback`` (the site's code) when nothing is left."""
    part = " ".join(_UNSAFE.sub("_", text).split())[:NAME_LIMIT].strip(" .")
    return part or fallback


def file_name(sender: str, kind: PackageKind, day: date, seq: int, recipient: str = "") -> str:
    """``石桥镇政协委员工作室_数据包_2026-12-05_第3号.xlsx``; a feedback package names the
    studio it is for: ``平阳县政协_反馈包_致石桥镇政协委员工作室_2026-12-05_第3号.xlsx``.

    A sender's packages sort by day (and by number, as Explorer sorts digits); the number is
    the sender's own, so two of its packages never share a name, nor do two studios'
    feedback packages of one day. ``sender`` and ``recipient`` are site names (or codes).
    """
    to = f"致{name_part(recipient)}_" if name_part(recipient) else ""
    return f"{name_part(sender, 'package')}_{NAME_WORDS[kind]}_{to}{day:%Y-%m-%d}_第{seq}号.xlsx"


def is_package_name(name: str) -> bool:
    """Is ``name`` one the exporter gives packages (now or in an earlier version)?"""
    return _PACKAGE_NAME.fullmatch(name) is not None


def maskable(record: str) -> frozenset[str]:
    """The personal identifiers of ``record``'s sheet, masked in a package unless the user
    may see them and chooses to include them (a kind's hooks may let some travel in full)."""
    keep = hooks.of(record).unmasked
    return frozenset(f.key for f in kinds.kind(record).fields if f.identifier and f.key not in keep)
