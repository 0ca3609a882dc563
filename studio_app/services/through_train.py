"""How soon the county acts on what members send it straight (直通车), beside the others.

The county's *first action* on a submitted record is the earliest of

- the local day of the first county step audited on it (review, assignment, reply,
  adoption, instruction: ``county_work``'s actions, never an import), and
- the days of the county's work entered on it: ``assigned_at``, ``replied_at``,
  ``adopted_at``, ``instruction_date`` (a step done on paper and recorded later).

The review (立案/不立案…) carries no date of its own, so the audit log is what dates it;
the entered days cover work recorded after the fact. The time to it is counted in whole
days from ``submitted_at`` (never below 0). A record with neither awaits its first action.

Which records count: as in :mod:`studio_app.services.county_stats`, the live submitted
records whose submission falls in the period (all without one). One pass over them, the
audit entry found by the ``audit_entry_record_uuid`` index.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from statistics import mean, median
from typing import Any

from studio_app.core.codes import ProposalStatus
from studio_app.services.statistics import Period
from studio_app.storage.models import database

THROUGH_TRAIN = "直通车"
OTHERS = "其他报送件"
COUNTY_STEPS = ("review", "assign", "reply", "adopt", "instruct")  # county_work's actions
_NEVER = "9999-12-31"
_DAYS = ("assigned_at", "replied_at", "adopted_at", "instruction_date")
_SUBMITTED = "COALESCE(p.submitted_at, substr(p.created_at, 1, 10))"
_STEPS = ", ".join(f"'{s}'" for s in COUNTY_STEPS)
_RECORDS = f"""
SELECT p.through_train, {_SUBMITTED},
       (SELECT min(a.at) FROM audit_entry a WHERE a.record_uuid = p.uuid
        AND a.record_type = 'proposal' AND a.action IN ({_STEPS})),
       min({", ".join(f"COALESCE(p.{d}, '{_NEVER}')" for d in _DAYS)})
FROM proposal p
WHERE p.deleted_at IS NULL AND p.status = '{ProposalStatus.SUBMITTED.value}' {{period}}
"""


@dataclass(frozen=True)
class Timing:
    """Days from submission to the county's first action, for one group of records."""

    code: str  # "through_train" or "others"
    label: str
    submitted: int
    days: tuple[int, ...]  # of the records acted on, sorted

    @property
    def acted(self) -> int:
        return len(self.days)

    @property
    def awaiting(self) -> int:
        """Submitted records the county has not acted on yet."""
        return self.submitted - self.acted

    @property
    def median_days(self) -> float | None:
        return float(median(self.days)) if self.days else None

    @property
    def mean_days(self) -> float | None:
        return round(mean(self.days), 1) if self.days else None

    @property
    def longest_days(self) -> int | None:
        return self.days[-1] if self.days else None


@dataclass(frozen=True)
class FirstActions:
    """Through-train records and the others, submitted in a period (or ever)."""

    through_train: Timing
    others: Timing

    @property
    def groups(self) -> tuple[Timing, Timing]:
        return (self.through_train, self.others)


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _local_day(value: Any) -> date:
    """The local day of a stored naive UTC time."""
    when = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return when.replace(tzinfo=UTC).astimezone().date()


def first_action(audited: Any, entered: Any) -> date | None:
    """The county's first action: the earlier of the first audited step (UTC) and the
    earliest day entered, either possibly missing (``None``, the ``_NEVER`` day)."""
    found = [_local_day(audited)] if audited else []
    if entered and str(entered) != _NEVER:
        found.append(_day(entered))
    return min(found) if found else None


def first_actions(period: Period | None = None) -> FirstActions:
    """The timing of the county's first action on the records submitted in ``period``."""
    args: dict[str, Any] = {}
    where = ""
    if period is not None:
        where = f"AND {_SUBMITTED} >= :start AND {_SUBMITTED} < :end"
        args.update(start=period.start.isoformat(), end=period.end.isoformat())
    submitted = {True: 0, False: 0}
    days: dict[bool, list[int]] = {True: [], False: []}
    for train, sent, audited, entered in database.execute_sql(
        _RECORDS.format(period=where), args
    ).fetchall():
        flagged = bool(train)
        submitted[flagged] += 1
        acted = first_action(audited, entered)
        if acted is not None:
            days[flagged].append(max(0, (acted - _day(sent)).days))
    return FirstActions(
        Timing("through_train", THROUGH_TRAIN, submitted[True], tuple(sorted(days[True]))),
        Timing("others", OTHERS, submitted[False], tuple(sorted(days[False]))),
    )


# -- plain output (``studio-app stats``) --------------------------------------------------


def as_dict(found: FirstActions) -> dict[str, Any]:
    """JSON-ready: per group, the records, those acted on and awaiting, and the days."""
    return {
        t.code: {
            "submitted": t.submitted,
            "acted": t.acted,
            "awaiting": t.awaiting,
            "median_days": t.median_days,
            "mean_days": t.mean_days,
            "longest_days": t.longest_days,
        }
        for t in found.groups
    }


def _number(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:g}"


def describe(t: Timing) -> str:
    """One group in Chinese words, as the report and ``stats`` print it."""
    return (
        f"{t.label}：报送 {t.submitted} 件，县政协已办理 {t.acted} 件，待首次办理 {t.awaiting} 件；"
        f"报送至首次办理用时中位数 {_number(t.median_days)} 天，"
        f"平均 {_number(t.mean_days)} 天，最长 {_number(t.longest_days)} 天"
    )


def as_lines(found: FirstActions) -> list[str]:
    """The figures as plain Chinese text."""
    return ["  直通车与县政协首次办理：", *(f"    {describe(t)}" for t in found.groups)]
