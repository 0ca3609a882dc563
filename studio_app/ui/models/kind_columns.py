"""The shown columns of a declared kind's list, from its declaration.

A field's column is titled with its declared (Chinese) label and reads like the hand-written
pages: codes as their labels, yes/no as a tick, times to the minute, identifiers masked for
a user who may not see them, linked people as their names.
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
from studio_app.services.lists.records import column_key
from studio_app.ui.lookups import enum_labels
from studio_app.ui.models.lister_table import ListColumn, flag, plain

_WIDTH = {Kind.DATETIME: 16, Kind.DATE: 10}
_MASKS: dict[Kind, Callable[[str], str]] = {
    Kind.PHONE: mask_phone,
    Kind.ID_NUMBER: mask_id_number,
}


def labels(fld: Field) -> dict[str, str] | None:
    """code → label of an ENUM or CODE field (None for other fields)."""
    if fld.kind is Kind.ENUM and fld.enum is not None:
        return enum_labels(fld.enum)
    if fld.kind is Kind.CODE and fld.code_list is not None:
        return site.code_labels(fld.code_list)
    return None


def _show(ctx: Context, key: str, fld: Field) -> Callable[[dict[str, Any]], str]:
    if fld.kind is Kind.BOOL:
        return flag(key, "✓")
    mask = _MASKS.get(fld.kind)
    if mask is not None and not ctx.may_see_pii:
        return lambda row: mask(row.get(key) or "")
    return plain(key, labels(fld), width=_WIDTH.get(fld.kind, 0))


def field_column(
    ctx: Context, kind: kinds.RecordKind, key: str, *, short: bool = False
) -> ListColumn:
    """The column of field ``key``, titled with its declared label (``short``: with its
    shorter title, where one is declared)."""
    fld = kind.field(key)
    shown = column_key(kind, key)
    title = kind.short_title(key) if short else fld.label
    return ListColumn(shown, title, _show(ctx, shown, fld))


def serial_column() -> ListColumn:
    title = QCoreApplication.translate("kind_columns", "Serial")
    return ListColumn("serial", title, plain("serial"))


def status_column(kind: kinds.RecordKind) -> list[ListColumn]:
    """The status column of a kind with status codes (none for the others)."""
    if kind.status is None:
        return []
    title = QCoreApplication.translate("kind_columns", "Status")
    return [ListColumn("status", title, plain("status", enum_labels(kind.status)))]


def list_columns(ctx: Context, kind: kinds.RecordKind) -> tuple[ListColumn, ...]:
    """Serial, the declared list columns in order, then the status."""
    fields = [field_column(ctx, kind, key) for key in kind.list_columns]
    return (serial_column(), *fields, *status_column(kind))


def trash_columns(ctx: Context, kind: kinds.RecordKind) -> tuple[ListColumn, ...]:
    """What names a deleted record: its serial, date and title (shorter titles, where
    declared: the trash lists one kind at a time)."""
    keys = dict.fromkeys(k for k in (kind.date_key, kind.title_key) if k)
    return (serial_column(), *(field_column(ctx, kind, key, short=True) for key in keys))
