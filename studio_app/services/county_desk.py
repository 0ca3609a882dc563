"""What the county office's desk (县政协工作台) shows: the studios and their packages, and
the county's work on submitted proposal-type records.

Everything is counted and listed in SQL (GROUP BY, LIMIT) over live rows, along the
``proposal_live_review`` / ``proposal_live_kind`` indexes, so a county database with
hundreds of thousands of records costs a few index scans, never a table read into Python.
Drafts (status ``draft``) are the studios' own business and never count.

Sections, in the order the desk shows the work:

1. through-train items (直通车: sent by a member straight to the county) still in the
   county's hands (not yet replied to, not settled by review), oldest submitted first,
   each with its stage (:func:`through_train`);
2. proposals waiting for review (待审查), oldest submitted first;
3. replies overdue (超期未复), grouped by lead unit;
4. 社情民意 adopted this year.

Beside them, the studios heard from: packages received, the last one, and whether it is
overdue (no package for more than :data:`OVERDUE_DAYS` days).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

from studio_app.core import kinds
from studio_app.core.codes import AdoptionLevel, CodeListKind, ProposalKind
from studio_app.services.context import Context
from studio_app.services.site import code_labels
from studio_app.storage import kind_tables
from studio_app.storage.models import Site, database

OVERDUE_DAYS = 35
"""A studio is overdue when no package has arrived for more than this many days: studios
send one a month, so five weeks leaves a few days for the post and holidays."""

TRAIN_SHOWN = 100  # rows of the through-train list (the title gives the total)
WAITING_SHOWN = 200  # rows of the waiting-for-review list (the title gives the total)
OVERDUE_SHOWN = 50  # overdue records listed under each lead unit
ADOPTED_SHOWN = 5  # the latest adopted 社情民意 listed

_SUBMITTED = "p.deleted_at IS NULL AND p.status = 'submitted'"
_WAITING = f"{_SUBMITTED} AND p.review = ''"
_OVERDUE = (
    f"{_SUBMITTED} AND p.review = 'accepted' AND p.reply_class = '' "
    "AND p.assigned_at IS NOT NULL AND p.reply_due < ?"
)
_TRAIN = (
    f"{_SUBMITTED} AND p.through_train = 1 AND p.reply_class = '' AND p.review IN ('', 'accepted')"
)
_STAGE = (
    "CASE WHEN p.review = '' THEN 'review' WHEN p.assigned_at IS NULL THEN 'assign' "
    "WHEN p.reply_due < ? THEN 'overdue' ELSE 'in_hand' END"
)  # county_work.stage of a record in _TRAIN
_ITEM = "p.id, COALESCE(s.name, ''), COALESCE(p.serial, ''), p.title, p.kind"  # then a date


@dataclass(frozen=True)
class StudioRow:
    """A studio heard from and the packages it sent."""

    uuid: str
    name: str
    code: str
    packages: int
    last_at: datetime | None  # local time of the last package's import
    missing: int  # sequence numbers never received (lost sticks)
    waiting_review: int  # its submitted records the county has not reviewed
    days_since: int | None  # days since the last package, None when none came

    @property
    def overdue(self) -> bool:
        return self.days_since is not None and self.days_since > OVERDUE_DAYS


@dataclass(frozen=True)
class Item:
    """One proposal-type record on the desk."""

    id: int
    studio: str
    serial: str
    title: str
    kind: str
    day: date | None  # submitted (waiting), reply due (overdue) or adopted (adopted)
    note: str = ""  # the adoption level's code (adopted), the stage's code (through train)


@dataclass(frozen=True)
class UnitOverdue:
    """Overdue replies of one lead unit."""

    unit: str  # the unit's code; "" when no lead unit was recorded
    label: str  # from the HANDLING_UNIT code list ("" with no unit)
    count: int
    oldest_due: date
    items: tuple[Item, ...]  # oldest due first, at most OVERDUE_SHOWN


@dataclass(frozen=True)
class Adoptions:
    """社情民意 adopted in one calendar year."""

    year: int
    by_level: dict[str, int]  # every AdoptionLevel code, in order (0 when none)
    latest: tuple[Item, ...]

    @property
    def total(self) -> int:
        return sum(self.by_level.values())


@dataclass(frozen=True)
class Desk:
    """Everything the county desk shows, the through-train section first."""

    today: date
    studios: tuple[StudioRow, ...]
    waiting_total: int
    waiting: tuple[Item, ...]  # oldest submitted first, at most WAITING_SHOWN
    overdue_total: int
    overdue: tuple[UnitOverdue, ...]  # the unit with the oldest due reply first
    adopted: Adoptions
    train_total: int = 0
    train: tuple[Item, ...] = ()  # through-train items in hand, oldest submitted first


def load(ctx: Context) -> Desk:
    """The desk as of ``ctx.today()``."""
    today = ctx.today()
    waiting_total, waiting = waiting_review()
    overdue_total, overdue = overdue_replies(today)
    train_total, train = through_train(today)
    return Desk(today, studios(today), waiting_total, waiting, overdue_total, overdue,
                adopted(today.year), train_total, train)  # fmt: skip


def _day(value: Any) -> date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _local(value: Any) -> datetime:
    """A stored naive UTC time as naive local time."""
    when = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return when.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def _rows(sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    return database.execute_sql(sql, list(params)).fetchall()


def _item(row: tuple[Any, ...], note: str = "") -> Item:
    return Item(row[0], row[1], row[2], row[3], row[4], _day(row[5]), note)


def studio_choices() -> dict[str, str]:
    """uuid → name of every studio heard from (non-local sites), by code: for filters."""
    query = Site.select(Site.uuid, Site.name).where(Site.is_local == False)  # noqa: E712
    return dict(query.order_by(Site.code).tuples())


def studio_of(ctx: Context, kind: str, record_id: int) -> str:
    """The name of the studio a record belongs to, or "" when it is this site's own (or
    gone): at the county, a studio's record is read-only but for county-owned fields."""
    model = kind_tables.model(kinds.kind(kind))
    row = model.get_or_none(model.id == record_id)
    if row is None or row.origin_site == ctx.site_uuid:
        return ""
    site = Site.get_or_none(Site.uuid == row.origin_site)
    return site.name if site is not None else row.origin_site


def studios(today: date) -> tuple[StudioRow, ...]:
    """Every non-local site, with its studio packages and records waiting for review."""
    found = _rows(
        "SELECT s.uuid, s.name, s.code, count(h.id), max(h.imported_at), "
        "COALESCE(max(h.sequence), 0) - count(DISTINCT h.sequence) "
        "FROM site s LEFT JOIN import_history h ON h.site_uuid = s.uuid AND h.kind = 'studio' "
        "WHERE s.is_local = 0 GROUP BY s.id ORDER BY s.code"
    )
    sql = f"SELECT p.origin_site, count(*) FROM proposal p WHERE {_WAITING} GROUP BY 1"
    waiting = dict(_rows(sql))
    rows = []
    for uuid, name, code, packages, last, missing in found:
        last_at = _local(last) if last else None
        days = (today - last_at.date()).days if last_at else None
        rows.append(StudioRow(uuid, name, code, packages, last_at, missing,
                              waiting.get(uuid, 0), days))  # fmt: skip
    return tuple(rows)


def through_train(today: date, limit: int = TRAIN_SHOWN) -> tuple[int, tuple[Item, ...]]:
    """How many through-train items (直通车) the county still has in hand, and the oldest
    submitted ``limit`` with their stage (along ``proposal_sort_through_train``)."""
    total = _rows(f"SELECT count(*) FROM proposal p WHERE {_TRAIN}")[0][0]
    found = _rows(
        f"SELECT {_ITEM}, p.submitted_at, {_STAGE} FROM proposal p "
        f"LEFT JOIN site s ON s.uuid = p.origin_site WHERE {_TRAIN} "
        "ORDER BY COALESCE(p.submitted_at, ''), p.id LIMIT ?",
        [today.isoformat(), limit],
    )
    return int(total), tuple(_item(r, r[6]) for r in found)


def waiting_review(limit: int = WAITING_SHOWN) -> tuple[int, tuple[Item, ...]]:
    """How many submitted records wait for review, and the oldest submitted ``limit``."""
    total = _rows(f"SELECT count(*) FROM proposal p WHERE {_WAITING}")[0][0]
    found = _rows(
        f"SELECT {_ITEM}, p.submitted_at FROM proposal p "
        f"LEFT JOIN site s ON s.uuid = p.origin_site WHERE {_WAITING} "
        "ORDER BY p.submitted_at IS NULL, p.submitted_at, p.id LIMIT ?",
        [limit],
    )
    return int(total), tuple(_item(r) for r in found)


def overdue_replies(
    today: date, per_unit: int = OVERDUE_SHOWN
) -> tuple[int, tuple[UnitOverdue, ...]]:
    """Accepted, assigned records whose reply is past due (超期未复), by lead unit: one
    pass over them, each unit's count and oldest due date by window functions."""
    unit = "COALESCE(u.unit, '')"
    found = _rows(
        "SELECT o.id, COALESCE(s.name, ''), o.serial, o.title, o.kind, o.due, o.unit, "
        "o.total, o.oldest FROM (SELECT p.id AS id, p.origin_site AS origin, "
        "COALESCE(p.serial, '') AS serial, p.title AS title, p.kind AS kind, "
        f"p.reply_due AS due, {unit} AS unit, "
        f"row_number() OVER (PARTITION BY {unit} ORDER BY p.reply_due, p.id) AS n, "
        f"count(*) OVER (PARTITION BY {unit}) AS total, "
        f"min(p.reply_due) OVER (PARTITION BY {unit}) AS oldest FROM proposal p "
        "LEFT JOIN proposal_unit u ON u.proposal_id = p.id AND u.role = 'lead' "
        f"WHERE {_OVERDUE}) o LEFT JOIN site s ON s.uuid = o.origin "
        "WHERE o.n <= max(?, 1) ORDER BY o.oldest, o.unit, o.n",
        [today.isoformat(), per_unit],
    )
    labels = code_labels(CodeListKind.HANDLING_UNIT.value)
    units: dict[str, UnitOverdue] = {}
    for row in found:  # at most ``per_unit`` rows of each unit
        code = row[6]
        if code not in units:
            label = labels.get(code, code)  # "" when no lead unit: the page says so
            units[code] = UnitOverdue(code, label, row[7], _day(row[8]) or today, ())
        if len(units[code].items) < per_unit:
            grown = (*units[code].items, _item(row))
            units[code] = replace(units[code], items=grown)
    return sum(u.count for u in units.values()), tuple(units.values())


def adopted(year: int, latest: int = ADOPTED_SHOWN) -> Adoptions:
    """社情民意 adopted in ``year`` (by ``adopted_at``): counts by level, the latest few.

    A record whose adoption has no date (entered before dates were kept) is not counted.
    """
    where = (
        f"{_SUBMITTED} AND p.kind = ? AND p.adoption_level != '' "
        "AND p.adopted_at >= ? AND p.adopted_at < ?"
    )
    params = [ProposalKind.SQMY.value, f"{year:04d}-01-01", f"{year + 1:04d}-01-01"]
    sql = f"SELECT p.adoption_level, count(*) FROM proposal p WHERE {where} GROUP BY 1"
    counts = dict(_rows(sql, params))
    found = _rows(
        f"SELECT {_ITEM}, p.adopted_at, p.adoption_level FROM proposal p "
        f"LEFT JOIN site s ON s.uuid = p.origin_site WHERE {where} "
        "ORDER BY p.adopted_at DESC, p.id DESC LIMIT ?",
        [*params, latest],
    )
    by_level = {level.value: int(counts.get(level.value, 0)) for level in AdoptionLevel}
    return Adoptions(year, by_level, tuple(_item(r, r[6]) for r in found))
