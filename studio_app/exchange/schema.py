"""The layout of exchange workbooks, built from the field declarations of ``core.fields``.

A :class:`SheetSpec` lists the columns of one record type's sheet: the visible data
columns (Chinese headers from the field labels, in declaration order) and the hidden
machine columns the importer relies on (uuid, revisions, stamps, link uuid lists, row hash).
Studio packages carry studio-owned fields; feedback packages carry the county-owned fields
of proposal-type records. The manifest stores the key ↔ header mapping of every sheet, so
the importer matches columns by header, wherever a person moved them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from studio_app.core import codes as c
from studio_app.core import kinds
from studio_app.core.fields import COUNTY, Field, Kind

# 3: the manifest is signed (exchange/signature.py); 2: unsigned, trusted only from senders
# without a pinned key; 1: as 2 without the row-hash column (hand edits not detectable).
FORMAT_VERSION = 3
OLDEST_READABLE = 1
MANIFEST_SHEET = "_manifest"
README_SHEET = "说明"
CODES_SHEET = "代码表"


class PackageKind(StrEnum):
    STUDIO = "studio"  # studio → county: records changed since the last package (or all)
    FEEDBACK = "feedback"  # county → one studio: county-owned proposal fields, code lists


KIND_LABELS = {PackageKind.STUDIO: "工作室数据包", PackageKind.FEEDBACK: "县政协反馈包"}


class Role(StrEnum):
    """What a column is for."""

    DATA = "data"  # a declared field, visible
    NAMES = "names"  # readable names of a link (not imported)
    LINK = "link"  # uuid list of a link (machine)
    META = "meta"  # synced-record bookkeeping (machine)
    HASH = "hash"  # row hash (machine)


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    role: Role
    kind: Kind
    field: Field | None = None
    enum: type[c.Coded] | None = None
    width: int = 12

    @property
    def hidden(self) -> bool:
        return self.role in (Role.LINK, Role.META, Role.HASH)


@dataclass(frozen=True)
class SheetSpec:
    record: str  # record type name: member, resident, visit, interview, proposal
    title: str  # the sheet's Chinese name
    columns: tuple[Column, ...]

    def column(self, key: str) -> Column:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(key)

    @cached_property
    def hashed_keys(self) -> tuple[str, ...]:
        return tuple(col.key for col in self.hashed)

    @cached_property
    def hashed(self) -> tuple[Column, ...]:
        """Columns whose content the row hash covers (all but names and the hash)."""
        return tuple(col for col in self.columns if col.role not in (Role.NAMES, Role.HASH))


LINK_KINDS = (Kind.MEMBER, Kind.MEMBERS, Kind.RESIDENT, Kind.RESIDENTS)
SHEET_TITLES = {k.name: k.sheet_title for k in kinds.all_kinds()}
ORDER = kinds.names()  # links point backwards
FIELDS = {k.name: k.fields for k in kinds.all_kinds()}
# Columns of the record tables that are not declared fields but are part of the record.
STATUS_ENUMS: dict[str, type[c.Coded]] = {k.name: k.status for k in kinds.all_kinds() if k.status}
PROPOSAL_SOURCES = Field("sources", "来源记录", Kind.TEXT)  # visits/interviews it grew from
PROPOSAL_UNITS = Field("units", "承办单位", Kind.TEXT, owner=COUNTY)  # "主办:code" …

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


def _field_columns(fld: Field) -> list[Column]:
    width = _WIDTH.get(fld.kind, 12)
    if fld.kind in LINK_KINDS:
        return [
            Column(fld.key, fld.label, Role.NAMES, fld.kind, fld, width=width),
            Column(f"{fld.key}__uuid", f"{fld.label}（标识）", Role.LINK, fld.kind, fld),
        ]
    return [Column(fld.key, fld.label, Role.DATA, fld.kind, fld, enum=fld.enum, width=width)]


def _status(record: str) -> list[Column]:
    enum = STATUS_ENUMS.get(record)
    return [Column("status", "状态", Role.DATA, Kind.ENUM, enum=enum, width=9)] if enum else []


def studio_sheet(record: str) -> SheetSpec:
    """The sheet of ``record`` in a studio package: every studio-owned field."""
    cols: list[Column] = list(META_HEAD)
    for fld in FIELDS[record]:
        if fld.owner != COUNTY:
            cols += _field_columns(fld)
    cols += _status(record)
    if record == "proposal":
        cols.append(Column("sources", "来源记录（标识）", Role.LINK, Kind.TEXT, PROPOSAL_SOURCES))
    if record == "visit":
        cols.append(Column("reporting_point", "直报点（标识）", Role.META, Kind.TEXT))
    if record == "member":
        cols.append(Column("studio", "所属工作室（标识）", Role.META, Kind.TEXT))
    cols += [*META_TAIL, HASH_COLUMN]
    return SheetSpec(record, SHEET_TITLES[record], tuple(cols))


def feedback_sheet() -> SheetSpec:
    """Proposal-type records with their county-owned fields (title and kind for reading)."""
    cols: list[Column] = [META_HEAD[0]]
    cols.append(Column("title", "案由/标题", Role.NAMES, Kind.TEXT, width=40))
    for fld in kinds.PROPOSAL.fields:
        if fld.owner == COUNTY:
            cols += _field_columns(fld)
    cols.append(Column("units", "承办单位", Role.DATA, Kind.TEXT, PROPOSAL_UNITS, width=30))
    cols += [
        Column("uuid", "唯一标识", Role.META, Kind.TEXT),
        Column("county_rev", "县级版本", Role.META, Kind.INT),
        Column("updated_at", "修改时间", Role.META, Kind.TEXT),
        Column("updated_by", "修改人", Role.META, Kind.TEXT),
        HASH_COLUMN,
    ]
    return SheetSpec("proposal", SHEET_TITLES["proposal"], tuple(cols))


def sheets_for(kind: PackageKind) -> tuple[SheetSpec, ...]:
    if kind is PackageKind.FEEDBACK:
        return (feedback_sheet(),)
    return tuple(studio_sheet(r) for r in ORDER)


def file_name(site_code: str, kind: PackageKind, day: str, seq: int) -> str:
    """``SQZ_studio_20261126_0007.xlsx``."""
    return f"{site_code}_{kind.value}_{day}_{seq:04d}.xlsx"


# Personal identifiers masked unless the user may and chooses to include them.
MASKED = {("resident", "id_number"), ("resident", "phone")}
