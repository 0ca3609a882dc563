"""Create, change, trash and read the records of any declared kind, from its declaration alone.

A kind without a module of its own (``RecordKind.generic``) is served entirely here: values
are cleaned against its fields (messages come from the field labels), the serial comes from
its prefix, a new record starts in the first state of its status codes, and the shared
machinery of :mod:`studio_app.services.records` stamps, audits and links. :func:`advance`
takes a record one step of its kind's declared workflow (``RecordKind.transitions``).
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, cast

from studio_app.core import kinds
from studio_app.core.errors import NotFound, TransitionRefused, UserError, ValidationError
from studio_app.services import origins, permissions, records
from studio_app.services.coerce import clean, is_empty
from studio_app.services.context import Context
from studio_app.services.serials import next_serial
from studio_app.storage.models import SyncedModel


def _may_edit(ctx: Context, kind: kinds.RecordKind) -> None:
    """A kind may narrow who edits it (``RecordKind.editors``); a refusal is audited."""
    if str(ctx.role) not in kind.editors:
        permissions.refuse(ctx, permissions.Permission.EDIT, kind.name)


def create(
    ctx: Context,
    kind: kinds.RecordKind,
    values: Mapping[str, Any],
    *,
    grew_from: Mapping[str, Sequence[int]] | None = None,
) -> SyncedModel:
    """A new record of ``kind`` from values typed by a person (all problems reported at once);
    ``grew_from``: the records of its declared origins it grew from, by kind, linked to it."""
    data = clean(kind.fields, values, partial=False)
    _require_one_of(kind, data)
    _may_edit(ctx, kind)
    sources = origins.check(kind.name, grew_from or {})
    extra: dict[str, Any] = {}
    if kind.status is not None:
        extra["status"] = next(iter(kind.status)).value
    with records.atomic():
        serial = None
        if kind.serial_prefix:
            serial = next_serial(ctx, kind.serial_prefix, ctx.today().year)
        row = records.insert(ctx, records.record_type(kind), data, serial=serial, extra=extra)
        origins.link(kind.name, row.id, sources)
        return row


def update(
    ctx: Context,
    kind: kinds.RecordKind,
    record_id: int | str,
    changes: Mapping[str, Any],
    *,
    expected_rev: int | None = None,
) -> SyncedModel:
    """Change the fields given; nothing is written when nothing differs. A value given as it
    is kept is not checked again (a linked record since trashed stays linked)."""
    rt = records.record_type(kind)
    kept = records.snapshot(rt, records.load(rt, record_id))
    changed = {k: v for k, v in changes.items() if k not in kept or kept[k] != v}
    data = clean(kind.fields, changed, partial=True)
    _may_edit(ctx, kind)
    with records.atomic():
        row = records.load(rt, record_id)
        if kind.one_of and set(kind.one_of) & set(data):
            _require_one_of(kind, records.snapshot(rt, row) | data)
        records.modify(ctx, rt, row, data, expected_rev=expected_rev)
    return row


def _require_one_of(kind: kinds.RecordKind, values: Mapping[str, Any]) -> None:
    """A kind that needs one of several fields (``RecordKind.one_of``) refuses none."""
    if kind.one_of and all(is_empty(values.get(key)) for key in kind.one_of):
        labels = "或".join(f"“{kind.field(key).label}”" for key in kind.one_of)
        raise ValidationError({kind.one_of[0]: f"{labels}至少填写一项"})


def trash(ctx: Context, kind: kinds.RecordKind, record_id: int | str) -> None:
    records.trash(ctx, records.record_type(kind), record_id)


def restore(ctx: Context, kind: kinds.RecordKind, record_id: int | str) -> None:
    records.restore(ctx, records.record_type(kind), record_id)


def step(kind: kinds.RecordKind, action: str) -> kinds.Transition:
    """The step of ``kind``'s workflow audited as ``action``."""
    for transition in kind.transitions:
        if transition.action == action:
            return transition
    raise KeyError(f"{kind.name} has no workflow step {action!r}")


def advance(ctx: Context, kind: kinds.RecordKind, record_id: int | str, action: str) -> SyncedModel:
    """Take a record one step of its kind's workflow: the step audited as ``action``.

    A kind whose own service module changes statuses (``set_status``) does it there, with its
    own checks, refusals and audit; any other kind's record moves from the step's source
    status to its target, audited as the step, and is refused from any other status.
    """
    transition = step(kind, action)
    set_status = getattr(service(kind), "set_status", None)
    if set_status is not None:
        return cast(SyncedModel, set_status(ctx, record_id, str(transition.target)))
    _may_edit(ctx, kind)
    rt = records.record_type(kind)
    with records.atomic():
        row = records.load(rt, record_id)
        current = str(getattr(row, "status", ""))
        if current not in transition.sources:
            shown = dict(kind.status.choices() if kind.status else ()).get(current, current)
            raise TransitionRefused(
                f"该{kind.short_label}现在是“{shown}”状态，不能“{transition.label}”。"
            )
        _require_settled(kind, transition, row.id)
        extra = {"status": str(transition.target)}
        records.modify(ctx, rt, row, {}, extra=extra, action=transition.action)
    return row


def _require_settled(kind: kinds.RecordKind, transition: kinds.Transition, record_id: int) -> None:
    """A step that needs every item carried out (``Transition.settled``) is refused while
    one is neither done nor explained as not feasible."""
    from studio_app.services import record_rows

    for key in transition.settled:
        fld = kind.field(key)
        rows = record_rows.read(kind, key, record_id)
        done = kinds.settled(fld)
        open_items = [str(r[fld.columns[0].key]) for r in rows if r["status"] not in done]
        if open_items:
            raise TransitionRefused(
                f"{fld.label}中还有{len(open_items)}{fld.row_label or '行'}未完成也未说明无法落实"
                f"（{'、'.join(open_items[:3])}{'等' if len(open_items) > 3 else ''}），"
                f"不能“{transition.label}”。"
            )


def get(kind: kinds.RecordKind, record_id: int | str) -> SyncedModel:
    return records.load(records.record_type(kind), record_id)


def values(kind: kinds.RecordKind, record_id: int | str) -> dict[str, Any]:
    """The declared fields of a record as a dialog edits them (links as id lists)."""
    rt = records.record_type(kind)
    return records.snapshot(rt, records.load(rt, record_id))


def choices(kind: kinds.RecordKind, keep: int | None = None) -> dict[int, str]:
    """id → title of the live records of ``kind`` a record can link to, by title (``keep``:
    a record already linked, listed even when it is in the trash)."""
    model = records.record_type(kind).model
    title = getattr(model, kind.title_key)
    wanted = model.deleted_at.is_null()
    if keep is not None:
        wanted |= model.id == keep
    query = model.select(model.id, title).where(wanted).order_by(title, model.id)
    return dict(query.tuples())


def find_titled(kind: kinds.RecordKind, title: str) -> int:
    """The live record of ``kind`` titled ``title`` (its ``title_key``, spaces ignored at the
    ends); a clear message when there is none or more than one."""
    model = records.record_type(kind).model
    column = getattr(model, kind.title_key)
    query = model.select(model.id).where(column == title.strip(), model.deleted_at.is_null())
    ids = [i for (i,) in query.tuples()]
    if not ids:
        raise NotFound(f"找不到{kind.short_label}“{title.strip()}”。")
    if len(ids) > 1:
        raise UserError(f"有{len(ids)}个{kind.short_label}名为“{title.strip()}”，请先改名区分。")
    return ids[0]


class Service(Protocol):
    """What every kind's service offers (a module such as ``services.visits``, or
    :class:`Generic`)."""

    def create(self, ctx: Context, values: Mapping[str, Any]) -> SyncedModel: ...

    def update(
        self,
        ctx: Context,
        record_id: int | str,
        changes: Mapping[str, Any],
        *,
        expected_rev: int | None = None,
    ) -> SyncedModel: ...

    def delete(self, ctx: Context, record_id: int | str) -> None: ...

    def restore(self, ctx: Context, record_id: int | str) -> None: ...

    def get(self, record_id: int | str) -> SyncedModel: ...


@dataclass(frozen=True)
class Generic:
    """The service of a generic kind: the functions above, bound to the kind."""

    kind: kinds.RecordKind

    def create(self, ctx: Context, values: Mapping[str, Any]) -> SyncedModel:
        return create(ctx, self.kind, values)

    def update(
        self,
        ctx: Context,
        record_id: int | str,
        changes: Mapping[str, Any],
        *,
        expected_rev: int | None = None,
    ) -> SyncedModel:
        return update(ctx, self.kind, record_id, changes, expected_rev=expected_rev)

    def delete(self, ctx: Context, record_id: int | str) -> None:
        trash(ctx, self.kind, record_id)

    def restore(self, ctx: Context, record_id: int | str) -> None:
        restore(ctx, self.kind, record_id)

    def get(self, record_id: int | str) -> SyncedModel:
        return get(self.kind, record_id)


def service(kind: kinds.RecordKind) -> Service:
    """The service that writes ``kind``: its own module when it declares one, else generic."""
    if kind.service:
        return cast(Service, importlib.import_module(f"studio_app.services.{kind.service}"))
    return Generic(kind)
