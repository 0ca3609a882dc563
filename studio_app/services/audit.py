"""Field-level audit log: who changed what, when, before and after."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from studio_app.services.context import Context
from studio_app.storage.models import AuditEntry


def plain(value: Any) -> Any:
    """A JSON-friendly form of a field value."""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def record(
    ctx: Context,
    action: str,
    record_type: str,
    record_uuid: str = "",
    changes: dict[str, tuple[Any, Any]] | None = None,
) -> None:
    """Append one audit entry; ``changes`` maps field → (before, after)."""
    AuditEntry.create(
        at=ctx.now_utc(),
        user=ctx.user,
        action=action,
        record_type=record_type,
        record_uuid=record_uuid,
        changes=json.dumps(
            {k: [plain(b), plain(a)] for k, (b, a) in (changes or {}).items()},
            ensure_ascii=False,
        ),
    )


def history(record_uuid: str) -> list[dict[str, Any]]:
    """The audit entries of one record, oldest first."""
    rows = AuditEntry.select().where(AuditEntry.record_uuid == record_uuid).order_by(AuditEntry.id)
    return [
        {
            "at": r.at,
            "user": r.user,
            "action": r.action,
            "changes": json.loads(r.changes),
        }
        for r in rows
    ]
