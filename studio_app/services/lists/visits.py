"""The visits list: columns, filters and sorting for the visits page and the CLI."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from studio_app.core.workflow import OPEN_STATUSES
from studio_app.services.lists.paging import (
    Column,
    Filter,
    FilterSql,
    Lister,
    ListQuery,
    ListSpec,
    Page,
    Subset,
    day_range,
    in_list,
    studio_column,
    studio_filter,
)
from studio_app.services.lists.records import EXCERPT

COLUMNS = (
    Column("id", "t.id"),
    Column("serial", "t.serial", ("t.origin_site", "t.serial")),
    Column("occurred_at", "t.occurred_at", ("t.occurred_at",)),
    Column("channel", "t.channel", ("t.channel", "t.occurred_at")),
    Column("member_names", "t.member_names"),
    Column("resident_names", "t.resident_names"),
    Column("category", "t.category", ("t.category", "t.occurred_at")),
    Column("content", f"substr(t.content, 1, {EXCERPT})"),
    Column("handling", "t.handling"),
    Column("status", "t.status", ("t.status", "t.occurred_at")),
    Column("referred_unit", "t.referred_unit"),
    Column("due_at", "t.due_at", ("COALESCE(t.due_at, '')", "t.occurred_at")),
    Column("confidential", "t.confidential"),
    Column("rev", "t.rev"),
    studio_column(),
)
KEYS = tuple(c.key for c in COLUMNS)

SPEC = ListSpec(
    "visit",
    "visit_fts",
    COLUMNS,
    default_sort="occurred_at",
    like_columns=("t.serial", "t.member_names", "t.resident_names", "t.content", "t.place"),
)


def _overdue(value: Any, today: date) -> FilterSql:
    if not value:
        return "1 = 1", []
    statuses = [s.value for s in OPEN_STATUSES]
    sql, args = in_list("t.status", statuses)
    return f"{sql} AND t.due_at < ?", [*args, today.isoformat()]


def _due_within(value: Any, today: date) -> FilterSql:
    """Open cases due from today to ``value`` days later (not yet overdue)."""
    statuses = [s.value for s in OPEN_STATUSES]
    sql, args = in_list("t.status", statuses)
    last = today + timedelta(days=int(value))
    return f"{sql} AND t.due_at >= ? AND t.due_at <= ?", [
        *args,
        today.isoformat(),
        last.isoformat(),
    ]


FILTERS: dict[str, Filter] = {
    "studio": studio_filter,
    "status": lambda v, _: in_list("t.status", v),
    "category": lambda v, _: in_list("t.category", v),
    "channel": lambda v, _: in_list("t.channel", v),
    "handling": lambda v, _: in_list("t.handling", v),
    "date_from": lambda v, _: ("t.occurred_at >= ?", [day_range(v)]),
    "date_to": lambda v, _: ("t.occurred_at < ?", [day_range(v, end=True)]),
    "member": lambda v, _: Subset(
        "SELECT visit_id FROM visit_member WHERE member_id = ?", [int(v)]
    ),
    "resident": lambda v, _: Subset(
        "SELECT visit_id FROM visit_resident WHERE resident_id = ?", [int(v)]
    ),
    "village": lambda v, _: Subset(
        "SELECT vr.visit_id FROM visit_resident vr JOIN resident r "
        "ON r.id = vr.resident_id WHERE r.village = ?",
        [str(v)],
    ),
    "overdue": _overdue,
    "open": lambda v, _: (
        in_list("t.status", [s.value for s in OPEN_STATUSES]) if v else ("1 = 1", [])
    ),
    "due_within": _due_within,
    "confidential": lambda v, _: ("t.confidential = ?", [1 if v else 0]),
}

LISTER = Lister(SPEC, FILTERS)


def page(query: ListQuery, *, after: tuple[Any, Any] | None = None, limit: int = 100) -> Page:
    """One page of visits as tuples in the order of :data:`KEYS`."""
    return LISTER.page(query, after=after, limit=limit)


def count(query: ListQuery) -> int:
    return LISTER.count(query)
