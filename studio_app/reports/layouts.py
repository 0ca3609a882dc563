"""Which printed form a record kind gets: a layout of its own, or the form of its fields.

A kind that keeps a paper form studios know names its module here in its declaration
(``RecordKind.print_layout``; the module declares a :class:`Layout`); every other kind is
printed by :mod:`.record_form` from its declaration. Printing by kind (the CLI, the app's
print jobs) goes through :func:`render`. The form modules, and reportlab with them, are
imported when something is printed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from studio_app.core import kinds
from studio_app.core.errors import UserError
from studio_app.reports import lookup
from studio_app.services import records
from studio_app.services.context import Context
from studio_app.storage.models import SyncedModel

if TYPE_CHECKING:
    from studio_app.reports.documents import PrintResult

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


class Render(Protocol):
    def __call__(
        self,
        ctx: Context,
        ids: Sequence[int],
        dest: Path | str,
        /,
        *,
        unmasked: bool = False,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> PrintResult: ...


@dataclass(frozen=True)
class Layout:
    """A kind's own printed form."""

    name: Callable[[SyncedModel], str]  # what one record's document is called
    render: Render  # the forms of records by id, into one PDF
    prefixes: tuple[str, ...] = ()  # serial prefixes, when they come from a sub-kind


def own(kind: kinds.RecordKind) -> Layout | None:
    """``kind``'s own layout; None for a kind printed from its fields."""
    if not kind.print_layout:
        return None
    layout: Layout = import_module(f"studio_app.reports.{kind.print_layout}").LAYOUT
    return layout


def document_name(kind: kinds.RecordKind, row: SyncedModel) -> str:
    """What the printed form of ``row`` is called (window titles, file names)."""
    layout = own(kind)
    return layout.name(row) if layout is not None else kind.label


def printable() -> tuple[kinds.RecordKind, ...]:
    """The kinds printed by serial: those numbered by a prefix or with a layout of their own."""
    return tuple(k for k in kinds.all_kinds() if k.serial_prefix or k.print_layout)


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
    """The forms of records ``ids`` of ``kind`` in one PDF, on the kind's own layout if any."""
    layout = own(kind)
    if layout is not None:
        return layout.render(
            ctx, ids, dest, unmasked=unmasked, progress=progress, cancelled=cancelled
        )
    from studio_app.reports import record_form

    return record_form.render(
        ctx, kind, ids, dest, unmasked=unmasked, progress=progress, cancelled=cancelled
    )


def kind_of(serials: Sequence[str]) -> kinds.RecordKind:
    """The one kind numbering all of ``serials`` (by their prefix); refused when mixed."""
    found: dict[str, kinds.RecordKind] = {}
    unknown: list[str] = []
    for serial in serials:
        prefix = serial.strip().split("-", 1)[0].upper()
        match = next((k for k in printable() if prefix in _prefixes(k)), None)
        if match is None:
            unknown.append(serial)
        else:
            found[match.name] = match
    if unknown:
        raise UserError(f"无法从编号看出记录类别：{'、'.join(unknown)}。")
    if len(found) != 1:
        labels = "、".join(k.label for k in found.values())
        raise UserError(f"一次只能打印同一类记录，这些编号属于：{labels}。")
    return next(iter(found.values()))


def _prefixes(kind: kinds.RecordKind) -> tuple[str, ...]:
    layout = own(kind)
    extra = layout.prefixes if layout is not None else ()
    return (kind.serial_prefix, *extra) if kind.serial_prefix else extra


def render_serials(
    ctx: Context,
    kind: kinds.RecordKind,
    serials: Sequence[str],
    dest: Path | str,
    *,
    unmasked: bool = False,
) -> PrintResult:
    """The forms of the records with these serials (live ones), in the order given."""
    ids = lookup.by_serials(records.record_type(kind).model, serials, kind.label)
    return render(ctx, kind, ids, dest, unmasked=unmasked)
