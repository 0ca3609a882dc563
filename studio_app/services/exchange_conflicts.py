"""Conflicts of the Excel exchange waiting for a person's decision (list, decide), audited."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

from studio_app.core.errors import NotFound, UserError
from studio_app.core.masking import masked
from studio_app.services import audit, permissions
from studio_app.services.context import Context
from studio_app.storage.models import ExchangeConflict, database

KEEP = {"local": "保留本机版本", "incoming": "采用文件中的版本"}


@dataclass(frozen=True)
class Conflict:
    id: int
    package_uuid: str
    record_type: str
    record_uuid: str
    reason: str
    local: dict[str, Any] | None
    incoming: dict[str, Any]
    decision: str
    status: str


def _of(row: ExchangeConflict) -> Conflict:
    return Conflict(
        row.id, row.package_uuid, row.record_type, row.record_uuid, row.reason,
        json.loads(row.local), json.loads(row.incoming), row.decision, row.status,
    )  # fmt: skip


def pending() -> list[Conflict]:
    """Conflicts not yet applied (undecided or decided, waiting for the re-import)."""
    query = ExchangeConflict.select().where(ExchangeConflict.status != "applied")
    return [_of(row) for row in query.order_by(ExchangeConflict.id)]


def shown(ctx: Context, conflict: Conflict) -> Conflict:
    """``conflict`` as ``ctx``'s user may see it: identifiers and the columns derived from
    them masked (``core.masking``) unless the user may see them."""
    if permissions.allowed(ctx, permissions.Permission.SEE_PII):
        return conflict
    local = masked(conflict.local) if conflict.local is not None else None
    return replace(conflict, local=local, incoming=masked(conflict.incoming))


def listing(ctx: Context) -> list[Conflict]:
    """The pending conflicts for a person to look at (CLI, GUI): :func:`shown` to ``ctx``."""
    permissions.require(ctx, permissions.Permission.READ, "conflict")
    return [shown(ctx, c) for c in pending()]


def differences(conflict: Conflict) -> dict[str, tuple[Any, Any]]:
    """Fields that differ: key → (local, incoming)."""
    local = conflict.local or {}
    keys = [k for k in conflict.incoming if not k.startswith("_")]
    return {
        k: (local.get(k), conflict.incoming.get(k))
        for k in keys
        if local.get(k) != conflict.incoming.get(k)
    }


def resolve(ctx: Context, conflict_id: int, keep: str) -> Conflict:
    """Record which version wins; applied when the package is imported again."""
    if keep not in KEEP:
        raise UserError("请选择 --keep local（保留本机）或 --keep incoming（采用文件）。")
    permissions.require(ctx, permissions.Permission.EXCHANGE, "conflict")
    with database.atomic():
        row = ExchangeConflict.get_or_none(ExchangeConflict.id == conflict_id)
        if row is None or row.status == "applied":
            raise NotFound(f"没有待处理的冲突 {conflict_id}。")
        before = row.decision or None
        row.decision, row.decided_by, row.decided_at = keep, ctx.user, ctx.now_utc()
        row.status = "decided"
        row.save()
        audit.record(
            ctx, "resolve_conflict", row.record_type, row.record_uuid,
            {"decision": (before, keep), "package": (None, row.package_uuid),
             "reason": (None, row.reason)},
        )  # fmt: skip
    return _of(row)
