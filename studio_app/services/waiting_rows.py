"""Rows of received packages that wait for a record not received yet: kept, brought up to
date, forgotten (``exchange_waiting`` / ``exchange_waiting_row``; the exchange's ``waiting``
plans them). Called inside the transaction of an import or of settling decided conflicts."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from studio_app.services.context import Context
from studio_app.storage.models import ExchangeWaiting, ExchangeWaitingRow, database

# A row kept: (record uuid, row number, staged cells as JSON, what it waits for as JSON,
# why it waits).
KeptRow = tuple[str, int, str, str, str]


def hold(
    ctx: Context,
    package_uuid: str,
    kind: str,
    manifest: dict[str, Any],
    file_name: str,
    layout: dict[str, dict[str, list[str]]],
) -> int:
    """Hold package ``package_uuid`` for its rows that wait; ``layout`` gives, per record
    type, the keys of the staged cells and the masked ones. Returns its id."""
    held = ExchangeWaiting.create(
        package_uuid=package_uuid, kind=kind, site_uuid=manifest["site_uuid"],
        site_name=str(manifest.get("site_name", ""))[:200], sequence=int(manifest["sequence"]),
        file_name=file_name[:260], received_at=ctx.now_utc(),
        sheets=json.dumps(layout, ensure_ascii=False),
    )  # fmt: skip
    return int(held.id)


def keep(package_id: int, record_type: str, rows: Iterable[KeptRow]) -> None:
    """Keep ``rows`` of ``record_type`` waiting in held package ``package_id``."""
    database.executemany(
        "INSERT INTO exchange_waiting_row (package_id, record_type, record_uuid, row_number, "
        "cells, waits_for, reason, state) VALUES (?, ?, ?, ?, ?, ?, ?, 'waiting')",
        ((package_id, record_type, *row) for row in rows),
    )


def forget_rows(package_id: int) -> None:
    """Forget every row kept in held package ``package_id`` (before keeping those that still
    wait)."""
    ExchangeWaitingRow.delete().where(ExchangeWaitingRow.package == package_id).execute()


def release_if_done(package_id: int) -> bool:
    """Let go of held package ``package_id`` when none of its rows waits any longer."""
    if ExchangeWaitingRow.select().where(ExchangeWaitingRow.package == package_id).exists():
        return False
    ExchangeWaiting.delete().where(ExchangeWaiting.id == package_id).execute()
    return True


def mark(
    package_id: int,
    conflicts: dict[tuple[str, int], str],
    waits: dict[tuple[str, int], tuple[str, str]],
) -> None:
    """Bring the rows of held package ``package_id`` up to date, by (record type, row
    number): in conflict (with its reason), still waiting (for what, why), or else ready,
    held back by the conflicts of its package."""
    for row in ExchangeWaitingRow.select().where(ExchangeWaitingRow.package == package_id):
        key = (row.record_type, row.row_number)
        if key in conflicts:
            row.state, row.waits_for, row.reason = "conflict", "[]", conflicts[key][:200]
        elif key in waits:
            row.state, (row.waits_for, reason) = "waiting", waits[key]
            row.reason = reason[:200]
        else:
            row.state, row.waits_for = "waiting", "[]"
        row.save()
