"""The records naming one record through a RECORD field, counted by month of a year and by
the field's ``counted_by`` code (a reporting point's visits by month and category)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from studio_app.core import kinds
from studio_app.services.kind_stats import code_counts, enum_counts
from studio_app.services.site import code_labels
from studio_app.storage.models import database

MONTHS = 12


@dataclass(frozen=True)
class MonthTable:
    kind: kinds.RecordKind  # the kind counted, e.g. visits
    year: int
    label: str  # Chinese, the coded field's label, e.g. 问题类别
    lines: tuple[tuple[str, tuple[int, ...]], ...]  # (a code's label, its count per month)

    @property
    def totals(self) -> tuple[int, ...]:
        """Per month, every code together."""
        return tuple(sum(counts[m] for _label, counts in self.lines) for m in range(MONTHS))

    @property
    def total(self) -> int:
        return sum(self.totals)


def counted(target: str) -> tuple[tuple[kinds.RecordKind, str], ...]:
    """The kinds naming records of ``target`` that are counted by month (``counted_by``)."""
    return tuple((k, key) for k, key in kinds.named_by(target) if k.field(key).counted_by)


def by_month(owner: kinds.RecordKind, key: str, record_id: int, year: int) -> MonthTable:
    """The live records of ``owner`` naming ``record_id`` in field ``key`` dated in
    ``year``, by month and by the field's ``counted_by`` code (codes never used left out)."""
    fld = owner.field(key)
    by = owner.field(fld.counted_by)
    day = owner.date_key
    rows = database.execute_sql(
        f"SELECT CAST(substr({day}, 6, 2) AS INTEGER), {by.key}, COUNT(*) FROM {owner.name} "
        f"WHERE {key}_id = ? AND deleted_at IS NULL AND {day} >= ? AND {day} < ? GROUP BY 1, 2",
        (record_id, f"{year:04d}-01-01", f"{year + 1:04d}-01-01"),
    ).fetchall()
    months: dict[str, list[int]] = {}
    for month, code, n in rows:
        months.setdefault(str(code or ""), [0] * MONTHS)[int(month) - 1] += n
    totals = Counter({code: sum(counts) for code, counts in months.items()})
    if by.enum is not None:
        named = enum_counts(by.enum, totals)
    else:
        named = code_counts(code_labels(str(by.code_list)) if by.code_list else {}, totals)
    lines = tuple((c.label, tuple(months[c.code])) for c in named if c.count)
    return MonthTable(owner, year, by.label, lines)
