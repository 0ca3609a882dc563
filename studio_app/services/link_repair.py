"""Giving visits back the residents an earlier version unlinked without a word.

Before the fix in ``visits.save``, opening a saved visit and pressing a workflow button (or
changing another field and saving) removed its residents. The audit log kept each loss as
``residents [names] → []``. A loss is taken as that defect, not a person's choice, when the
entry is a workflow action or an edit that also changed other fields (removing the residents
on purpose changes only them); a later entry that touched the residents again wins.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from studio_app.services import records
from studio_app.services.context import Context
from studio_app.services.visits import VISIT
from studio_app.storage.models import AuditEntry, Resident, Visit


@dataclass
class DroppedResidents:
    """One visit whose residents were unlinked by the defect."""

    visit_id: int
    serial: str
    names: list[str]
    resident_ids: list[int] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)  # names with no single resident

    @property
    def restorable(self) -> bool:
        return bool(self.resident_ids) and not self.unresolved


def _is_defect(action: str, changes: dict[str, list[object]]) -> bool:
    before, after = changes["residents"]
    return bool(before) and after == [] and (action != "update" or len(changes) > 1)


def find() -> list[DroppedResidents]:
    """Visits that lost their residents to the defect and still have none."""
    last: dict[str, tuple[str, dict[str, list[Any]]]] = {}
    entries = (
        AuditEntry.select(AuditEntry.record_uuid, AuditEntry.action, AuditEntry.changes)
        .where(AuditEntry.record_type == "visit", AuditEntry.changes.contains('"residents"'))
        .order_by(AuditEntry.id)
        .tuples()
    )
    for uuid, action, text in entries:
        changes = json.loads(text)
        if "residents" in changes:
            last[uuid] = (action, changes)
    found = []
    for uuid, (action, changes) in last.items():
        if not _is_defect(action, changes):
            continue
        visit = Visit.get_or_none(Visit.uuid == uuid)
        if visit is None or records.link_ids(VISIT, "residents", visit.id):
            continue
        item = DroppedResidents(
            visit.id, visit.serial or "", [str(n) for n in changes["residents"][0]]
        )
        for name in item.names:
            ids = [
                r.id
                for r in Resident.select(Resident.id).where(
                    Resident.name == name, Resident.deleted_at.is_null()
                )
            ]
            if len(ids) == 1:
                item.resident_ids.append(ids[0])
            else:
                item.unresolved.append(name)
        found.append(item)
    return found


def restore(ctx: Context) -> list[DroppedResidents]:
    """Link the residents back where every name names one resident; returns what was done.

    Each visit gets a new revision (so the county receives it too) and an audit entry.
    """
    done = []
    with records.atomic():
        for item in find():
            if not item.restorable:
                continue
            row = records.load(VISIT, item.visit_id)
            if row.deleted_at is not None:
                continue
            records.modify(
                ctx, VISIT, row, {"residents": item.resident_ids}, action="repair_residents"
            )
            done.append(item)
    return done
