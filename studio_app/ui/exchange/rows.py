"""What the exchange page shows, as plain values: plan counts per sheet, the rows a person
should look at, a conflict's differing fields, the import history (no Qt here).

Field names come from the package columns, which take their Chinese labels from the kinds'
field declarations (``core.kinds``); codes are shown as their labels, links as names.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from studio_app.core.fields import Kind
from studio_app.core.masking import mask
from studio_app.exchange.labels import Labels
from studio_app.exchange.plan import Plan, RowPlan
from studio_app.exchange.schema import SHEET_TITLES, Column, Role, feedback_sheet, studio_sheet
from studio_app.services.exchange_conflicts import Conflict, differences
from studio_app.storage.models import ImportHistory, Site

# Columns of the plan summary, in the order shown.
PLAN_COLUMNS = (
    "new", "update", "unchanged", "edited", "conflict", "tombstone", "rejected", "waiting",
)  # fmt: skip
ATTENTION_LIMIT = 1000  # rows listed for a person; the counts cover all of them


@dataclass(frozen=True)
class SheetCounts:
    sheet: str
    counts: dict[str, int]


def sheet_counts(plan: Plan) -> list[SheetCounts]:
    """Per sheet of the package (in its order) the number of rows of each plan column."""
    order = [sd.spec.title for sd in plan.package.sheets]
    found: dict[str, dict[str, int]] = {t: dict.fromkeys(PLAN_COLUMNS, 0) for t in order}
    counted: dict[str, dict[str, int]] | None = getattr(plan, "sheet_counts", None)
    if counted:  # the plan keeps only the rows a person is shown, and counts the rest
        for sheet, counts in counted.items():
            found.setdefault(sheet, dict.fromkeys(PLAN_COLUMNS, 0)).update(counts)
        return [SheetCounts(t, c) for t, c in found.items()]
    for rp in plan.rows:
        counts = found.setdefault(rp.sheet, dict.fromkeys(PLAN_COLUMNS, 0))
        counts[rp.action] = counts.get(rp.action, 0) + 1
        if rp.edited:
            counts["edited"] += 1
    return [SheetCounts(t, c) for t, c in found.items()]


def totals(rows: list[SheetCounts]) -> dict[str, int]:
    return {k: sum(r.counts.get(k, 0) for r in rows) for k in PLAN_COLUMNS}


def attention(plan: Plan) -> list[RowPlan]:
    """Rows a person should see before applying: conflicts first, then rejected rows, then
    rows that will wait for a record."""
    found = plan.of("conflict") + plan.of("rejected") + plan.of("waiting")
    return found[:ATTENTION_LIMIT]


def row_title(values: dict[str, Any]) -> str:
    """How people recognise a record: its serial, else its name or title."""
    for key in ("serial", "name", "title"):
        text = values.get(key)
        if text:
            return str(text)
    return ""


def _columns(record: str) -> dict[str, Column]:
    cols = {c.key: c for c in studio_sheet(record).columns} if record in SHEET_TITLES else {}
    if record == "proposal":
        for col in feedback_sheet().columns:
            cols.setdefault(col.key, col)
    return cols


def sheet_title(record: str) -> str:
    return SHEET_TITLES.get(record, record)


@dataclass(frozen=True)
class FieldDifference:
    key: str
    label: str
    ours: str
    theirs: str


def conflict_fields(
    conflict: Conflict, may_see_pii: bool, labels: Labels | None = None
) -> list[FieldDifference]:
    """The fields that differ, labelled in Chinese, in the sheet's column order."""
    cols = _columns(conflict.record_type)
    order = {key: i for i, key in enumerate(cols)}
    labels = labels or Labels.load()
    found = []
    for key, (ours, theirs) in differences(conflict).items():
        col = cols.get(key)
        if col is not None and col.role in (Role.LINK, Role.HASH):
            continue  # the readable names beside a link differ too
        label = col.header if col is not None else key
        found.append(
            FieldDifference(
                key,
                label,
                show(col, key, ours, may_see_pii, labels),
                show(col, key, theirs, may_see_pii, labels),
            )
        )
    found.sort(key=lambda d: order.get(d.key, len(order)))
    return found


def show(col: Column | None, key: str, value: Any, may_see_pii: bool, labels: Labels) -> str:
    """A value as a person reads it (identifiers and their derived columns masked unless
    ``may_see_pii``: ``core.masking``)."""
    if value is None or value == "":
        return ""
    if not may_see_pii:
        value = mask(key, value)
    if isinstance(value, bool) or (col is not None and col.kind is Kind.BOOL):
        return "是" if value else "否"
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    text = str(value)
    if col is not None and (col.enum is not None or (col.field and col.field.code_list)):
        return labels.label(col, text)
    return text


def local_time(moment: datetime | str) -> datetime:
    """A stored (naive UTC) time in local time."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


@dataclass(frozen=True)
class HistoryEntry:
    file_name: str
    sender: str
    kind: str
    sequence: int
    package_uuid: str
    imported_at: datetime  # local time
    counts: dict[str, int]


def history(limit: int = 500) -> list[HistoryEntry]:
    """Imported packages, newest first."""
    names = {s.uuid: s.name for s in Site.select(Site.uuid, Site.name)}
    query = ImportHistory.select().order_by(ImportHistory.imported_at.desc()).limit(limit)
    found = []
    for h in query:
        try:
            counts = {k: int(v) for k, v in json.loads(h.counts or "{}").items()}
        except (ValueError, TypeError, AttributeError):
            counts = {}
        found.append(
            HistoryEntry(
                h.file_name,
                names.get(h.site_uuid, ""),
                h.kind,
                h.sequence,
                h.package_uuid,
                local_time(h.imported_at),
                counts,
            )
        )
    return found
