"""The shown columns of a declared kind's list, from its declaration.

A field's column is titled with its declared label, or the shorter title its kind declares
for lists (:func:`~studio_app.ui.i18n.declared`: in the UI language), and reads like the
hand-written pages: codes as their labels, yes/no as a tick, times to the minute, long texts
as their start, identifiers masked for a user who may not see them, linked people as their
names. Each column is at least as wide as a typical
value of its field (``ListColumn.sample``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication

from studio_app.core import kinds
from studio_app.core.fields import Field, Kind
from studio_app.core.identity import mask_id_number, mask_phone
from studio_app.services import site
from studio_app.services.context import Context
from studio_app.services.lists.records import EXCERPT, column_key
from studio_app.ui.i18n import declared
from studio_app.ui.lookups import Lookups, enum_labels
from studio_app.ui.models.lister_table import ListColumn, flag, plain

_WIDTH = {Kind.DATETIME: 16, Kind.DATE: 10}
_SAMPLES = {
    Kind.DATETIME: "2026-11-26 14:120",
    Kind.DATE: "2026-12-030",
    Kind.MEMBERS: "王建国、李梅",
    Kind.RESIDENTS: "张三、李四",
    Kind.MEMBER: "王建国",
    Kind.RESIDENT: "张三",
    Kind.RECORD: "永兴机械制造有限公司",
}
_MASKS: dict[Kind, Callable[[str], str]] = {
    Kind.PHONE: mask_phone,
    Kind.ID_NUMBER: mask_id_number,
}
SAMPLE_CAP = 8  # characters of the longest code label that widen a column


def labels(fld: Field, lookups: Lookups | None = None) -> dict[str, str] | None:
    """code → label of an ENUM or CODE field (None for other fields); an editable list's
    labels from ``lookups`` stay current when the list is edited."""
    if fld.kind is Kind.ENUM and fld.enum is not None:
        return enum_labels(fld.enum)
    if fld.kind is Kind.CODE and fld.code_list is not None:
        if lookups is not None:
            return lookups.codes(fld.code_list)
        return site.code_labels(fld.code_list)
    return None


def excerpt(key: str) -> Callable[[dict[str, Any]], str]:
    """The start of a long text on one line, with "…" when the list query cut it."""

    def show(row: dict[str, Any]) -> str:
        text = str(row.get(key) or "").replace("\n", " ")
        return text + ("…" if len(text) >= EXCERPT else "")

    return show


def _show(
    ctx: Context, key: str, fld: Field, lookups: Lookups | None
) -> Callable[[dict[str, Any]], str]:
    if fld.kind is Kind.BOOL:
        return flag(key, "✓")
    if fld.kind is Kind.LONGTEXT:
        return excerpt(key)
    mask = _MASKS.get(fld.kind)
    if mask is not None and not ctx.may_see_pii:
        return lambda row: mask(row.get(key) or "")
    return plain(key, labels(fld, lookups), width=_WIDTH.get(fld.kind, 0))


def _sample(fld: Field, shown: dict[str, str] | None) -> str:
    if shown:
        return max(shown.values(), key=len)[:SAMPLE_CAP]
    return _SAMPLES.get(fld.kind, "")


def field_column(
    ctx: Context,
    kind: kinds.RecordKind,
    key: str,
    *,
    short: bool = False,
    lookups: Lookups | None = None,
) -> ListColumn:
    """The column of field ``key``, titled with its declared label (``short``: with its
    shorter title, where one is declared; else its list title, where one is declared)."""
    fld = kind.field(key)
    shown = column_key(kind, key)
    title = declared(kind.short_title(key) if short else kind.list_title(key))
    sample = _sample(fld, labels(fld, lookups))
    return ListColumn(shown, title, _show(ctx, shown, fld, lookups), sample)


def serial_column(kind: kinds.RecordKind | None = None) -> ListColumn:
    title = QCoreApplication.translate("kind_columns", "Serial")
    prefix = kind.serial_prefix if kind is not None else None
    return ListColumn("serial", title, plain("serial"), f"{prefix}-2026-00000" if prefix else "")


def status_column(kind: kinds.RecordKind) -> list[ListColumn]:
    """The status column of a kind with status codes (none for the others)."""
    if kind.status is None:
        return []
    title = QCoreApplication.translate("kind_columns", "Status")
    shown = enum_labels(kind.status)
    return [ListColumn("status", title, plain("status", shown), max(shown.values(), key=len))]


def list_columns(
    ctx: Context, kind: kinds.RecordKind, lookups: Lookups | None = None
) -> tuple[ListColumn, ...]:
    """Serial (a kind with serials), then the declared list columns in order; the status
    where declared among them (:data:`~studio_app.core.kinds.STATUS`), else last."""
    columns = [serial_column(kind)] if kind.serial_prefix else []
    for key in kind.list_columns:
        if key == kinds.STATUS:
            columns += status_column(kind)
        else:
            columns.append(field_column(ctx, kind, key, lookups=lookups))
    if kinds.STATUS not in kind.list_columns:
        columns += status_column(kind)
    return tuple(columns)


def trash_columns(ctx: Context, kind: kinds.RecordKind) -> tuple[ListColumn, ...]:
    """What names a deleted record: its serial, date and title (shorter titles, where
    declared: the trash lists one kind at a time)."""
    keys = dict.fromkeys(k for k in (kind.date_key, kind.title_key) if k)
    return (serial_column(), *(field_column(ctx, kind, key, short=True) for key in keys))


def column_keys(kind: kinds.RecordKind) -> tuple[str, ...]:
    """The keys of :func:`list_columns`, in order (no labels read)."""
    keys = ["serial"] if kind.serial_prefix else []
    for key in kind.list_columns:
        keys.append(key if key == kinds.STATUS else column_key(kind, key))
    if kinds.STATUS not in kind.list_columns and kind.status is not None:
        keys.append(kinds.STATUS)
    return tuple(keys)
