"""Monthly, quarterly and yearly statistics (docs/PRODUCT.md workflow 7), of a studio or the county.

Everything is counted in SQL with GROUP BY over the period's live rows, found through the
index of live rows by date (visits' ``occurred_at``, a kind's ``date_key``), so a month of a
million-visit database (~30,000 visits) costs a few index range scans, never a table loaded
into Python. Besides visits and proposals, with their breakdowns, every kind declared with a
:class:`~studio_app.core.kinds.Tally` is counted, in total and per member.

Which records belong to a period:

- visits by ``occurred_at`` and every other dated kind by its ``date_key`` (local time, as
  entered);
- proposal-type records by their 报送 date ``submitted_at``, as the proposals list and the
  county's statistics date them; drafts, which have none, by ``created_at`` (stored UTC,
  compared with the period's local midnights converted to UTC): a draft still counts as
  work done, and a member is credited in the period the record counts in.

Figures are named by :data:`studio_app.services.stat_terms.TERMS` wherever they are shown.

Confidential visits are counted: they are only left out of detailed exports and batches.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

from studio_app.core import kinds
from studio_app.core.codes import (
    Channel,
    CodeListKind,
    Handling,
    ProposalKind,
    ProposalStatus,
    Review,
    Satisfaction,
    SiteKind,
    VisitStatus,
)
from studio_app.core.errors import UserError
from studio_app.core.fields import Kind, rows_table
from studio_app.services import kind_stats
from studio_app.services.kind_stats import Counted, code_counts, enum_counts
from studio_app.services.site import code_labels, local_site
from studio_app.services.stat_terms import TERMS, Terms
from studio_app.storage.database import on_postgres
from studio_app.storage.models import Site, database

COUNTY_SCOPE = "全县合计"
UNKNOWN_VILLAGE = "未注明村/社区"
UNCATEGORISED = "未分类"
NOT_REVIEWED = TERMS.not_reviewed


@dataclass(frozen=True)
class Period:
    """A calendar month, quarter or year: ``start`` ≤ day < ``end``."""

    start: date  # first day
    end: date  # the day after the last day (exclusive)
    label: str  # "2026年11月", "2026年第4季度", "2026年"

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        _check_year(year)
        if not 1 <= month <= 12:
            raise UserError(f"月份应在 1 到 12 之间：{month}")
        end = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
        return cls(date(year, month, 1), end, f"{year}年{month}月")

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        _check_year(year)
        if not 1 <= quarter <= 4:
            raise UserError(f"季度应在 1 到 4 之间：{quarter}")
        first = 3 * quarter - 2
        end = date(year + 1, 1, 1) if quarter == 4 else date(year, first + 3, 1)
        return cls(date(year, first, 1), end, f"{year}年第{quarter}季度")

    @classmethod
    def year(cls, year: int) -> Period:
        _check_year(year)
        return cls(date(year, 1, 1), date(year + 1, 1, 1), f"{year}年")

    @classmethod
    def parse(cls, text: str) -> Period:
        """``2026-11`` (month), ``2026-Q4`` (quarter) or ``2026`` (year)."""
        value = text.strip().upper()
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})", value):
            return cls.month(int(m[1]), int(m[2]))
        if m := re.fullmatch(r"(\d{4})-Q(\d)", value):
            return cls.quarter(int(m[1]), int(m[2]))
        if re.fullmatch(r"\d{4}", value):
            return cls.year(int(value))
        raise UserError(
            f"统计期间“{text}”无法识别：月份写作 2026-11，季度写作 2026-Q4，年度写作 2026。"
        )

    @property
    def span(self) -> str:
        """``month``, ``quarter`` or ``year``."""
        months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month
        return {1: "month", 3: "quarter"}.get(months, "year")

    @property
    def part(self) -> int:
        """The month (1–12) or quarter (1–4) of the year; 0 for a year."""
        if self.span == "month":
            return self.start.month
        return (self.start.month + 2) // 3 if self.span == "quarter" else 0

    @property
    def slug(self) -> str:
        """Short form for file names: ``2026-11``, ``2026-Q4``, ``2026``."""
        if self.span == "month":
            return f"{self.start:%Y-%m}"
        if self.span == "quarter":
            return f"{self.start.year}-Q{self.part}"
        return str(self.start.year)


def _check_year(year: int) -> None:
    if not 1970 <= year <= 2999:
        raise UserError(f"年份不正确：{year}")


@dataclass(frozen=True)
class MemberActivity:
    member_id: int
    name: str
    sector: str  # label
    visits: int
    proposals: int  # proposal-type records led or co-signed, of the period (see above)
    counted: dict[str, int] = field(default_factory=dict)  # records per counted kind, by name

    @property
    def total(self) -> int:
        return self.visits + sum(self.counted.values()) + self.proposals


@dataclass(frozen=True)
class Report:
    period: Period
    scope: str  # site name, or "全县合计" for county totals
    visits: int
    by_category: list[Counted]
    by_channel: list[Counted]
    by_handling: list[Counted]
    by_status: list[Counted]
    by_member: list[Counted]
    by_village: list[Counted]
    closed: int
    closure_rate: float | None  # closed / visits
    referred: int  # referred cases of the period
    due: int  # of those, already due: fed back, or past their deadline by the report's day
    on_time: int  # referred cases fed back no later than due_at
    on_time_rate: float | None  # on_time / due (cases not yet due are not late)
    satisfaction: list[Counted]  # satisfied / basic / unsatisfied
    satisfaction_rate: float | None  # (satisfied + basic) / rated
    counted: dict[str, int]  # live records of each counted kind (:func:`tallies`), by name
    proposals: list[Counted]  # by kind and status, label like "提案·已报送"
    proposal_reviews: list[Counted]  # county review of the period's submitted records
    members: list[MemberActivity]
    others: list[Counted] = field(default_factory=list)  # generic kinds not counted, by name
    sections: list[kind_stats.Section] = field(default_factory=list)  # programmes' own figures


def tallies() -> list[tuple[str, kinds.Tally]]:
    """(kind name, tally) of every kind the statistics count, in declaration order."""
    return [(k.name, k.tally) for k in kinds.counted() if k.tally is not None]


def rate_text(value: float | None) -> str:
    """``66.7%``; ``—`` when there is nothing to divide by."""
    return "—" if value is None else f"{value:.1%}"


def summary_figures(r: Report, terms: Terms = TERMS) -> list[tuple[str, str]]:
    """(name, value) of the figures a scope is summed up by, in order: the printed report's
    summary table and the statistics page's summary, named by ``terms`` (the page's are in
    the UI language); counted kinds by their tally's label."""
    return [
        (terms.visits, f"{r.visits:,}"),
        (terms.closed, f"{r.closed:,}"),
        (terms.closure_rate, rate_text(r.closure_rate)),
        (terms.referred, f"{r.referred:,}"),
        (terms.due, f"{r.due:,}"),
        (terms.on_time, f"{r.on_time:,}"),
        (terms.on_time_rate, rate_text(r.on_time_rate)),
        (terms.satisfaction_rate, rate_text(r.satisfaction_rate)),
        *((t.label, f"{r.counted[name]:,}") for name, t in tallies()),
        (terms.proposals, f"{sum(c.count for c in r.proposals):,}"),
    ]


# -- SQL ----------------------------------------------------------------------------------


class _Scope:
    """WHERE clauses selecting a period's live rows of one site (or all sites)."""

    def __init__(self, period: Period, origin_site: str | None) -> None:
        self.origin = origin_site
        self.local = (period.start.isoformat(), period.end.isoformat())
        self.utc = (_utc(period.start), _utc(period.end))

    def occurred(self, alias: str) -> tuple[str, list[Any]]:
        sql = f"{alias}.deleted_at IS NULL AND {alias}.occurred_at >= ? AND {alias}.occurred_at < ?"
        return self._site(sql, alias, [*self.local])

    def created(self, alias: str) -> tuple[str, list[Any]]:
        sql = f"{alias}.deleted_at IS NULL AND {alias}.created_at >= ? AND {alias}.created_at < ?"
        return self._site(sql, alias, [*self.utc])

    def proposed(self, alias: str) -> tuple[str, list[Any]]:
        """Proposal-type records by their 报送 date; drafts, not submitted, by creation."""
        a = alias
        sql = (
            f"{a}.deleted_at IS NULL AND ({a}.submitted_at >= ? AND {a}.submitted_at < ?"
            f" OR {a}.submitted_at IS NULL AND {a}.created_at >= ? AND {a}.created_at < ?)"
        )
        return self._site(sql, alias, [*self.local, *self.utc])

    def dated(self, kind: kinds.RecordKind, alias: str) -> tuple[str, list[Any]]:
        """A kind's records by the day that dates them (``date_key``), else by creation."""
        if not kind.date_key:
            return self.created(alias)
        column = f"{alias}.{kind.date_key}"
        sql = f"{alias}.deleted_at IS NULL AND {column} >= ? AND {column} < ?"
        return self._site(sql, alias, [*self.local])

    def _site(self, sql: str, alias: str, args: list[Any]) -> tuple[str, list[Any]]:
        if self.origin is None:
            return sql, args
        return f"{sql} AND {alias}.origin_site = ?", [*args, self.origin]


def _utc(day: date) -> str:
    """Local midnight of ``day`` as the stored UTC text of ``created_at``."""
    moment = datetime(day.year, day.month, day.day).astimezone(UTC)
    return moment.replace(tzinfo=None).isoformat(sep=" ")


def _rows(sql: str, args: Sequence[Any]) -> list[tuple[Any, ...]]:
    return list(database.execute_sql(sql, args).fetchall())


# The partial index of a table's live rows by one column: a kind's generated
# ``<kind>_live_<date_key>``, or one of the hand-written schema's (named otherwise).
_LIVE_INDEX = """
SELECT m.name FROM sqlite_master m WHERE m.type = 'index' AND m.tbl_name = ?
  AND replace(m.sql, '"', '') LIKE '% WHERE deleted_at IS NULL'
  AND (SELECT group_concat(ii.name) FROM pragma_index_info(m.name) ii) = ?
"""


def _dated_table(kind: kinds.RecordKind, alias: str) -> str:
    """``kind``'s table as ``alias``, read through its index of live rows by date if any
    (without it the planner may scan a site's rows when ``origin_site`` is compared)."""
    table = f'"{kind.name}" {alias}'
    if not kind.date_key or on_postgres():
        return table  # (PostgreSQL's planner takes no hints)
    found = _rows(_LIVE_INDEX, (kind.name, kind.date_key))
    return f'{table} INDEXED BY "{found[0][0]}"' if found else table


# Visits grouped by every enumerated dimension at once: one range scan yields all the
# breakdowns (at most a few thousand groups, summed up in Python).
_VISIT_GROUPS = """
SELECT v.category, v.channel, v.handling, v.status, v.satisfaction, COUNT(*),
       SUM(v.handling = 'referred'),
       SUM(v.handling = 'referred' AND (v.feedback_at IS NOT NULL OR v.due_at < ?)),
       SUM(v.handling = 'referred' AND v.feedback_at IS NOT NULL AND v.due_at IS NOT NULL
           AND v.feedback_at <= v.due_at)
FROM visit v INDEXED BY visit_live_occurred WHERE {where}
GROUP BY 1, 2, 3, 4, 5
"""

_VISIT_MEMBERS = """
SELECT vm.member_id, COUNT(*) FROM visit v INDEXED BY visit_live_occurred
JOIN visit_member vm ON vm.visit_id = v.id WHERE {where} GROUP BY vm.member_id
"""

_VISIT_VILLAGES = """
SELECT COALESCE(r.village, ''), COUNT(DISTINCT v.id) FROM visit v INDEXED BY visit_live_occurred
LEFT JOIN visit_resident vr ON vr.visit_id = v.id
LEFT JOIN resident r ON r.id = vr.resident_id
WHERE {where} GROUP BY 1
"""

_PROPOSAL_GROUPS = """
SELECT p.kind, p.status, p.review, COUNT(*) FROM proposal p WHERE {where} GROUP BY 1, 2, 3
"""

_PROPOSAL_MEMBERS = """
WITH period AS MATERIALIZED (SELECT p.id, p.lead_member_id FROM proposal p WHERE {where})
SELECT member_id, COUNT(DISTINCT id) FROM (
    SELECT id, lead_member_id AS member_id FROM period WHERE lead_member_id IS NOT NULL
    UNION ALL
    SELECT period.id, pc.member_id FROM period
    JOIN proposal_co_signer pc ON pc.proposal_id = period.id
) AS named GROUP BY member_id
"""


def _credited_rows(kind: kinds.RecordKind) -> list[tuple[str, str, str, str]]:
    """(table, member column, column, code) of each ROWS field whose rows credit their
    member (``Field.credited_if``), e.g. an activity's attendance rows marked present."""
    found = []
    for fld in kind.fields:
        column, code = fld.credited_if
        member = next((c.key for c in fld.columns if c.kind is Kind.MEMBER), "")
        if column and member:
            found.append((rows_table(kind.name, fld.key), member, column, str(code)))
    return found


def _tallied(kind: kinds.RecordKind, scope: _Scope) -> tuple[int, dict[int, int]]:
    """The period's live records of a counted kind, in total and per member (each member
    credited once per record, through its member fields and member links)."""
    where, args = scope.dated(kind, "r")
    table = _dated_table(kind, "r")
    total = int(_rows(f"SELECT COUNT(*) FROM {table} WHERE {where}", args)[0][0])
    credited = kind.tally.credits if kind.tally else ()
    columns = [f"{f.key}_id" for f in kind.fields
               if f.kind is Kind.MEMBER and (not credited or f.key in credited)]  # fmt: skip
    links = [link for link in kind.links if link.target_kind == kinds.MEMBER.name
             and (not credited or link.key in credited)]  # fmt: skip
    credits = _credited_rows(kind)
    if (
        not columns and len(links) == 1 and not credits
    ):  # a record's members: one row each, no duplicates
        (link,) = links
        sql = (
            f'SELECT l.{link.target}, COUNT(*) FROM {table} JOIN "{link.table}" l '
            f"ON l.{link.owner} = r.id WHERE {where} GROUP BY l.{link.target}"
        )
        return total, dict(_rows(sql, args))
    if not columns and not links and not credits:
        return total, {}
    picks = "".join(f", r.{c}" for c in columns)
    parts = [f"SELECT id, {c} AS member_id FROM period WHERE {c} IS NOT NULL" for c in columns]
    parts += [
        f'SELECT period.id, l.{link.target} AS member_id FROM period JOIN "{link.table}" l '
        f"ON l.{link.owner} = period.id"
        for link in links
    ]
    parts += [
        f"SELECT period.id, x.{member}_id AS member_id FROM period JOIN {table_} x "
        f"ON x.{kind.name}_id = period.id WHERE x.{column} = '{code}'"
        for table_, member, column, code in credits
    ]
    sql = (
        f"WITH period AS MATERIALIZED (SELECT r.id{picks} FROM {table} WHERE {where}) "
        f"SELECT member_id, COUNT(DISTINCT id) FROM ({' UNION ALL '.join(parts)}) AS named "
        "GROUP BY member_id"
    )
    return total, dict(_rows(sql, args))


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def report(period: Period, *, origin_site: str | None = None, today: date | None = None) -> Report:
    """Statistics of the period's live records of one site (``origin_site``) or all sites.

    Deadlines are judged as of ``today`` (default: the computer's date).
    """
    as_of = (today or date.today()).isoformat()
    scope = _Scope(period, origin_site)
    v_where, v_args = scope.occurred("v")
    p_where, p_args = scope.proposed("p")

    dims: list[Counter[str]] = [Counter() for _ in range(5)]
    visits = referred = due = on_time = 0
    for *keys, n, ref, owed, timely in _rows(_VISIT_GROUPS.format(where=v_where), [as_of, *v_args]):
        for counter, key in zip(dims, keys, strict=True):
            counter[key or ""] += n
        visits, referred = visits + n, referred + (ref or 0)
        due, on_time = due + (owed or 0), on_time + (timely or 0)
    category, channel, handling, status, satisfaction = dims

    member_visits = dict(_rows(_VISIT_MEMBERS.format(where=v_where), v_args))
    villages = _rows(_VISIT_VILLAGES.format(where=v_where), v_args)
    tallied = {kind.name: _tallied(kind, scope) for kind in kinds.counted()}
    proposal_groups = _rows(_PROPOSAL_GROUPS.format(where=p_where), p_args)
    member_proposals = dict(_rows(_PROPOSAL_MEMBERS.format(where=p_where), p_args))

    credited = [m for _n, per_member in tallied.values() for m in per_member]
    people = _members({*member_visits, *credited, *member_proposals})
    by_member = sorted(
        (Counted(str(mid), people[mid][0], n) for mid, n in member_visits.items()),
        key=lambda c: (-c.count, c.label),
    )
    activity = [
        MemberActivity(
            mid,
            name,
            sector,
            member_visits.get(mid, 0),
            member_proposals.get(mid, 0),
            {kind: per_member.get(mid, 0) for kind, (_n, per_member) in tallied.items()},
        )
        for mid, (name, sector) in people.items()
    ]
    activity.sort(key=lambda a: (-a.total, a.name))

    closed = status.get(VisitStatus.CLOSED.value, 0)
    rated = sum(satisfaction.get(s.value, 0) for s in Satisfaction)
    content = satisfaction.get("satisfied", 0) + satisfaction.get("basic", 0)
    return Report(
        period=period,
        scope=_scope_name(origin_site),
        visits=visits,
        by_category=code_counts(code_labels(CodeListKind.ISSUE_CATEGORY.value), category),
        by_channel=enum_counts(Channel, channel),
        by_handling=enum_counts(Handling, handling),
        by_status=enum_counts(VisitStatus, status),
        by_member=by_member,
        by_village=_villages(villages),
        closed=closed,
        closure_rate=_rate(closed, visits),
        referred=referred,
        due=due,
        on_time=on_time,
        on_time_rate=_rate(on_time, due),
        satisfaction=[
            Counted(s.value, s.label, satisfaction.get(s.value, 0)) for s in Satisfaction
        ],
        satisfaction_rate=_rate(content, rated),
        counted={kind: n for kind, (n, _per_member) in tallied.items()},
        proposals=_proposal_counts(proposal_groups),
        proposal_reviews=_review_counts(proposal_groups),
        members=activity,
        others=_others(scope),
        sections=_sections(scope, {k: n for k, (n, _m) in tallied.items()}, today or date.today()),
    )


def _sections(scope: _Scope, totals: dict[str, int], today: date) -> list[kind_stats.Section]:
    """The own section of every counted kind that has one, in declaration order."""
    found = []
    for kind in kinds.counted():
        if kind_stats.has_section(kind):
            where, args = scope.dated(kind, "r")
            table = _dated_table(kind, "r")
            found.append(kind_stats.section(kind, table, where, args, total=totals[kind.name],
                                            today=today, origin_site=scope.origin,
                                            trend=_trend(kind, scope)))  # fmt: skip
    return found


def _trend(kind: kinds.RecordKind, scope: _Scope) -> kind_stats.Trend | None:
    """The records of the quarters up to the period's last, for a kind that averages ratings."""
    if not (kind.tally and kind.tally.means and kind.date_key):
        return None
    start, end = kind_stats.trend_window(date.fromisoformat(scope.local[1]))
    where, args = _Scope(Period(start, end, ""), scope.origin).dated(kind, "r")
    return where, args, start


def _uncounted() -> list[kinds.RecordKind]:
    """The dated kinds served from their declaration alone and not counted by a tally (a
    register without a date, such as the observation points, has no records "of a period")."""
    return [k for k in kinds.generic() if k.tally is None and k.date_key]


def _others(scope: _Scope) -> list[Counted]:
    """The period's live records of every generic kind without a tally, by its label."""
    found = []
    for kind in _uncounted():
        where, args = scope.dated(kind, "r")
        n = _rows(f"SELECT COUNT(*) FROM {_dated_table(kind, 'r')} WHERE {where}", args)[0][0]
        found.append(Counted(kind.name, kind.label, int(n)))
    return found


def _members(ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    """id → (name, sector label) of the members with activity, trashed ones included."""
    wanted = sorted(ids)
    if not wanted:
        return {}
    sectors = code_labels(CodeListKind.SECTOR.value)
    found: dict[int, tuple[str, str]] = {}
    for lo in range(0, len(wanted), 500):
        chunk = wanted[lo : lo + 500]
        marks = ", ".join("?" * len(chunk))
        for mid, name, sector in _rows(
            f"SELECT id, name, sector FROM member WHERE id IN ({marks})", chunk
        ):
            found[mid] = (name, sectors.get(sector, sector))
    return {mid: found.get(mid, (f"委员#{mid}", "")) for mid in wanted}


def _villages(rows: list[tuple[Any, ...]]) -> list[Counted]:
    named = sorted(((v, n) for v, n in rows if v), key=lambda r: (-r[1], r[0]))
    result = [Counted(v, v, n) for v, n in named]
    unknown = sum(n for v, n in rows if not v)
    if unknown:
        result.append(Counted("", UNKNOWN_VILLAGE, unknown))
    return result


def _proposal_counts(groups: list[tuple[Any, ...]]) -> list[Counted]:
    counts: Counter[tuple[str, str]] = Counter()
    for kind, status, _review, n in groups:
        counts[(kind, status)] += n
    result = []
    for kind in ProposalKind:
        for status in ProposalStatus:
            n = counts.pop((kind.value, status.value), 0)
            if n:
                code = f"{kind.value}.{status.value}"
                result.append(Counted(code, f"{kind.label}·{status.label}", n))
    result += [Counted(f"{k}.{s}", f"{k}·{s}", n) for (k, s), n in sorted(counts.items())]
    return result


def _review_counts(groups: list[tuple[Any, ...]]) -> list[Counted]:
    counts: Counter[str] = Counter()
    for _kind, status, review, n in groups:
        if status == ProposalStatus.SUBMITTED:
            counts[review or ""] += n
    result = [Counted(r.value, r.label, counts.pop(r.value)) for r in Review if r.value in counts]
    pending = counts.pop("", 0)
    result += [Counted(k, k, n) for k, n in sorted(counts.items())]
    if pending:
        result.append(Counted("", NOT_REVIEWED, pending))
    return result


def _scope_name(origin_site: str | None) -> str:
    here = local_site()
    if origin_site is None:
        if here is None or here.kind == SiteKind.COUNTY:
            return COUNTY_SCOPE
        return str(here.name)
    site = Site.get_or_none(Site.uuid == origin_site)
    return str(site.name) if site else f"来源 {origin_site[:8]}"


_SITES_WITH_RECORDS = """
SELECT origin_site FROM visit v INDEXED BY visit_live_occurred WHERE {v}
UNION SELECT origin_site FROM proposal p WHERE {p}
"""


def by_site(period: Period) -> list[Report]:
    """County mode: one report per site with records in the period, then the county total."""
    scope = _Scope(period, None)
    (v, va), (p, pa) = scope.occurred("v"), scope.proposed("p")
    sql, args = _SITES_WITH_RECORDS.format(v=v, p=p), [*va, *pa]
    for kind in [*kinds.counted(), *_uncounted()]:
        where, more = scope.dated(kind, "r")
        sql += f"UNION SELECT origin_site FROM {_dated_table(kind, 'r')} WHERE {where}\n"
        args += more
    origins = [r[0] for r in _rows(sql, args)]
    sites = {s.uuid: s for s in Site.select().where(Site.uuid.in_(origins))} if origins else {}
    origins.sort(key=lambda o: (sites[o].code, sites[o].name) if o in sites else ("~", o))
    reports = [report(period, origin_site=o) for o in origins]
    return [*reports, replace(report(period), scope=COUNTY_SCOPE)]
