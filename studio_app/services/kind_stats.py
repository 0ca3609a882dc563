"""A counted kind's own section of the statistics (activities, consultations, contacts…):
what its :class:`~studio_app.core.kinds.Tally` declares — its records broken down by coded
fields (``by``), number fields summed (``sums``), the people its records reach against the
contact chain (``reach``), ratings averaged over the period and by quarter (``means``), the
open items of tracked rows by a column (``open_by``) — and the items its tracked rows hold
(``kinds.tracked_rows``): how far they are carried out, and how many are overdue.

Every figure is one SQL aggregate over the period's live records of the kind, selected by the
caller's ``where`` (the statistics' period and site), so a section costs a few index range
scans like the rest of the report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from studio_app.core import kinds
from studio_app.core.codes import Coded
from studio_app.core.fields import Field, Kind, rows_table
from studio_app.services.site import code_labels
from studio_app.storage.models import database

OVERDUE = "overdue"  # the code of a tracked field's overdue count among its statuses
OVERDUE_LABEL = "逾期未落实"
UNCATEGORISED = "未分类"


@dataclass(frozen=True)
class Counted:
    code: str
    label: str  # Chinese label (enum label, code-list label, member name, village)
    count: int


@dataclass(frozen=True)
class Figure:
    """One figure of a section, named from a declared label by what it is (``what``)."""

    what: str  # "sum", "reach", "in_chain" or "coverage"
    label: str  # Chinese, the field it is about, e.g. "受益群众人数", "联系的群众"
    value: int | float | None  # a count, or a share (coverage; None: nothing to divide)

    @property
    def name(self) -> str:
        """Chinese: ``受益群众人数``, ``联系网络中的群众``, ``联系的群众覆盖率``."""
        return NAMES[self.what].format(self.label)

    @property
    def text(self) -> str:
        if self.what == "coverage":
            return "—" if self.value is None else f"{self.value:.1%}"
        return f"{self.value or 0:,}"


PEOPLE = ("reach", "in_chain")  # figures counting people
NAMES = {"sum": "{0}合计", "reach": "{0}", "in_chain": "联系网络中的{0}", "coverage": "{0}覆盖率"}


@dataclass(frozen=True)
class Breakdown:
    """A kind's records (or rows) counted by the values of one field: ``path`` is the
    field's key, or ``field.column`` for a column of a ROWS field (its rows are counted)."""

    path: str
    label: str  # Chinese, e.g. "活动类型", "委员出席", "成果清单"
    items: tuple[Counted, ...]  # every value in order (zeros included), then unknown codes
    rows: bool = False  # counts rows of a ROWS field, not records
    unit: str = "件"  # Chinese, what it counts: 件 (records), 项 (items), 人次 (members' rows)

    @property
    def total(self) -> int:
        return sum(c.count for c in self.items if c.code != OVERDUE)


Trend = tuple[str, Sequence[Any], date]  # WHERE, its arguments, the first day of the window
OPEN = "open:"  # the path of a breakdown of open items starts so: "open:issues.unit"
TREND_QUARTERS = 8  # quarters of ratings shown up to the period's last one


@dataclass(frozen=True)
class Mean:
    """The average of a rating field (codes "1"–"5") over the records that rated it."""

    key: str
    label: str  # Chinese, the field's label, e.g. "服务环境"
    value: float | None  # None: no record rated it
    count: int  # the records that rated it


@dataclass(frozen=True)
class Quarter:
    """The averages of a kind's rating fields over one quarter (in ``Tally.means`` order)."""

    year: int
    number: int  # 1–4
    values: tuple[float | None, ...]
    count: int  # records of the quarter

    @property
    def label(self) -> str:
        return f"{self.year}年第{self.number}季度"


@dataclass(frozen=True)
class Section:
    kind: str
    title: str  # the kind's short label, e.g. "委员活动", "联系记录"
    total: int
    figures: tuple[Figure, ...]
    breakdowns: tuple[Breakdown, ...]
    means: tuple[Mean, ...] = ()
    trend: tuple[Quarter, ...] = ()  # the quarters up to the period's last, oldest first

    @property
    def weakest(self) -> Mean | None:
        """The rating with the lowest average (None: nothing rated)."""
        rated = [m for m in self.means if m.value is not None]
        return min(rated, key=lambda m: m.value or 0) if rated else None

    def sentence(self) -> str:
        """The report's sentence: 组织委员活动12次，受益群众人数合计860；委员出席…"""
        tally = kinds.kind(self.kind).tally
        assert tally is not None  # only counted kinds have sections
        parts = [tally.sentence(self.total)]
        parts += [f"{f.name}{f.text}{'人' if f.what in PEOPLE else ''}" for f in self.figures]
        rated = [f"{m.label}{m.value:.1f}" for m in self.means if m.value is not None]
        if rated and (weakest := self.weakest) is not None:
            parts.append(f"平均评分{'、'.join(rated)}，最低为{weakest.label}")
        for b in self.breakdowns:
            if b.rows:
                shown = "，".join(f"{c.label}{c.count:,}" for c in b.items if c.count)
                parts.append(f"{b.label}{b.total:,}{b.unit}" + (f"（{shown}）" if shown else ""))
        return "，".join(parts) + "。"


def has_section(kind: kinds.RecordKind) -> bool:
    """Whether ``kind``'s statistics go beyond its count."""
    t = kind.tally
    return t is not None and bool(t.by or t.sums or t.reach or t.means or tracked(kind))


def tracked(kind: kinds.RecordKind) -> list[Field]:
    return [fld for k, fld in kinds.tracked_rows() if k.name == kind.name]


def _rows(sql: str, args: Sequence[Any]) -> list[tuple[Any, ...]]:
    return list(database.execute_sql(sql, args).fetchall())


def enum_counts(enum: type[Coded], counts: Counter[str]) -> list[Counted]:
    """Every member of ``enum`` in declaration order (zeros included), then unknown codes."""
    result = [Counted(m.value, m.label, counts.get(m.value, 0)) for m in enum]
    known = {m.value for m in enum}
    result += [Counted(k, k, n) for k, n in sorted(counts.items()) if k not in known and k]
    return result


def code_counts(labels: dict[str, str], counts: Counter[str]) -> list[Counted]:
    """Every code of a code list in display order (zeros included), then unknown codes."""
    result = [Counted(code, label, counts.get(code, 0)) for code, label in labels.items()]
    result += [
        Counted(k, k or UNCATEGORISED, n) for k, n in sorted(counts.items()) if k not in labels
    ]
    return result


def _labelled(fld: Field, counts: Counter[str]) -> list[Counted]:
    if fld.enum is not None:
        return enum_counts(fld.enum, counts)
    if fld.code_list is not None:
        return code_counts(code_labels(str(fld.code_list)), counts)
    return [Counted(k, k or UNCATEGORISED, n) for k, n in sorted(counts.items())]


def section(
    kind: kinds.RecordKind,
    table: str,
    where: str,
    args: Sequence[Any],
    *,
    total: int,
    today: date,
    origin_site: str | None,
    trend: Trend | None = None,
) -> Section:
    """The section of ``kind`` over its records ``SELECT … FROM {table} WHERE {where}``
    (the table aliased ``r``); items are overdue when due before ``today``. ``trend``: the
    records of the quarters of :func:`trend_window`, for the ratings by quarter."""
    tally = kind.tally
    assert tally is not None
    figures: list[Figure] = []
    for key in tally.sums:
        (n,) = _rows(f"SELECT COALESCE(SUM(r.{key}), 0) FROM {table} WHERE {where}", args)[0]
        figures.append(Figure("sum", kind.field(key).label, int(n)))
    for key in tally.reach:
        figures += _reach(kind, kind.field(key), table, where, args, origin_site)
    breakdowns = [_breakdown(kind, path, table, where, args) for path in tally.by]
    breakdowns += [_items(kind, fld, table, where, args, today) for fld in tracked(kind)]
    breakdowns += [_open(kind, path, table, where, args) for path in tally.open_by]
    means = _means(kind, table, where, args)
    quarters = _trend(kind, table, trend) if trend is not None and tally.means else ()
    return Section(kind.name, kind.short_label, total, tuple(figures), tuple(breakdowns),
                   means, quarters)  # fmt: skip


def trend_window(end: date) -> tuple[date, date]:
    """The first day of the :data:`TREND_QUARTERS` quarters ending with the one of the day
    before ``end``, and ``end``."""
    last = end - timedelta(days=1)
    index = last.year * 4 + (last.month - 1) // 3 - (TREND_QUARTERS - 1)
    return date(index // 4, 3 * (index % 4) + 1, 1), end


def _averages(kind: kinds.RecordKind) -> str:
    """SQL averaging each rating of ``kind`` over the records that rated it."""
    return ", ".join(f"AVG(CAST(NULLIF(r.{k}, '') AS REAL)), COUNT(NULLIF(r.{k}, ''))"
                     for k in kind.tally.means) if kind.tally else ""  # fmt: skip


def _means(kind: kinds.RecordKind, table: str, where: str, args: Sequence[Any]) -> tuple[Mean, ...]:
    keys = kind.tally.means if kind.tally else ()
    if not keys:
        return ()
    found = _rows(f"SELECT {_averages(kind)} FROM {table} WHERE {where}", args)[0]
    return tuple(
        Mean(key, kind.field(key).label, found[2 * i], int(found[2 * i + 1]))
        for i, key in enumerate(keys)
    )


def _trend(kind: kinds.RecordKind, table: str, trend: Trend) -> tuple[Quarter, ...]:
    """The ratings' averages by quarter over the trend's records (every quarter of the
    window, a quarter without records with no values)."""
    where, args, start = trend
    day = f"r.{kind.date_key}"
    sql = (
        f"SELECT CAST(substr({day}, 1, 4) AS INTEGER) AS y, "
        f"(CAST(substr({day}, 6, 2) AS INTEGER) + 2) / 3 AS q, COUNT(*), {_averages(kind)} "
        f"FROM {table} WHERE {where} GROUP BY y, q"
    )
    found = {(y, q): row for y, q, *row in _rows(sql, args)}
    n = len(kind.tally.means) if kind.tally else 0
    quarters = []
    for i in range(TREND_QUARTERS):
        index = start.year * 4 + (start.month - 1) // 3 + i
        year, number = index // 4, index % 4 + 1
        row = found.get((year, number))
        values = tuple(row[1 + 2 * k] for k in range(n)) if row else (None,) * n
        quarters.append(Quarter(year, number, values, int(row[0]) if row else 0))
    return tuple(quarters)


def _open(
    kind: kinds.RecordKind, path: str, table: str, where: str, args: Sequence[Any]
) -> Breakdown:
    """A tracked field's items not carried out, by one of its columns (e.g. the unit)."""
    key, _, column = path.partition(".")
    fld = kind.field(key)
    col = fld.column(column)
    done = kinds.settled(fld)
    sql = (
        f"SELECT x.{column}, COUNT(*) FROM {table} JOIN {rows_table(kind.name, key)} x "
        f"ON x.{kind.name}_id = r.id WHERE {where} AND x.status NOT IN "
        f"({', '.join('?' * len(done))}) GROUP BY 1"
    )
    counts = Counter({str(v or ""): n for v, n in _rows(sql, [*args, *done])})
    items = [c for c in _labelled(col, counts) if c.count]
    label = f"{fld.label}未办结（按{col.label}）"
    return Breakdown(f"{OPEN}{path}", label, tuple(items), rows=True, unit=fld.row_label or "项")


def _breakdown(
    kind: kinds.RecordKind, path: str, table: str, where: str, args: Sequence[Any]
) -> Breakdown:
    key, _, column = path.partition(".")
    fld = kind.field(key)
    if column:
        col = next(c for c in fld.columns if c.key == column)
        sql = (
            f"SELECT x.{column}, COUNT(*) FROM {table} JOIN {rows_table(kind.name, key)} x "
            f"ON x.{kind.name}_id = r.id WHERE {where} GROUP BY 1"
        )
        counts = Counter({str(v or ""): n for v, n in _rows(sql, args)})
        unit = "人次" if fld.row_label.startswith("名") else "项"  # 名委员: members' rows
        label = f"{fld.label}（按{col.label}）" if _counted_twice(kind, fld) else fld.label
        return Breakdown(path, label, tuple(_labelled(col, counts)), rows=True, unit=unit)
    sql = f"SELECT r.{key}, COUNT(*) FROM {table} WHERE {where} GROUP BY 1"
    counts = Counter({str(v or ""): n for v, n in _rows(sql, args)})
    return Breakdown(path, fld.label, tuple(_labelled(fld, counts)))


def _counted_twice(kind: kinds.RecordKind, fld: Field) -> bool:
    """Whether a ROWS field's rows are broken down more than once (by two columns, or by a
    column and, being tracked, by status): each breakdown then names its column."""
    assert kind.tally is not None
    paths = [p for p in kind.tally.by if p.partition(".")[0] == fld.key]
    return len(paths) + (fld in tracked(kind)) > 1


def _items(
    kind: kinds.RecordKind, fld: Field, table: str, where: str, args: Sequence[Any], today: date
) -> Breakdown:
    """A tracked field's rows by how far they are carried out, then those overdue."""
    sql = (
        f"SELECT x.status, COUNT(*), SUM(x.due < ? AND x.status NOT IN "
        f"({', '.join('?' * len(kinds.settled(fld)))})) "
        f"FROM {table} JOIN {rows_table(kind.name, fld.key)} x ON x.{kind.name}_id = r.id "
        f"WHERE {where} GROUP BY 1"
    )
    found = _rows(sql, [today.isoformat(), *kinds.settled(fld), *args])
    counts = Counter({str(s or ""): n for s, n, _late in found})
    overdue = sum(late or 0 for _s, _n, late in found)
    status = kinds.item_status(fld)
    items = [*enum_counts(status, counts), Counted(OVERDUE, OVERDUE_LABEL, overdue)]
    return Breakdown(fld.key, fld.label, tuple(items), rows=True, unit="项")


_PERSON = {Kind.MEMBERS: "member", Kind.MEMBER: "member", Kind.RESIDENTS: "resident"}


def _reach(
    kind: kinds.RecordKind,
    fld: Field,
    table: str,
    where: str,
    args: Sequence[Any],
    origin_site: str | None,
) -> list[Figure]:
    """The distinct people field ``fld`` names in the period's records; of those in the
    contact chain (a member with a 联系人(常委), a resident with a 联系委员), the share reached."""
    person = kinds.kind(_PERSON[fld.kind])
    if fld.kind is Kind.MEMBER:
        named = f"SELECT r.{fld.key}_id AS id FROM {table} WHERE {where}"
    else:
        link = kind.link(fld.key)
        named = (
            f"SELECT l.{link.target} AS id FROM {table} JOIN {link.table} l "
            f"ON l.{link.owner} = r.id WHERE {where}"
        )
    reach_sql = f"SELECT COUNT(DISTINCT id) FROM ({named}) AS n WHERE id IS NOT NULL"
    (reached,) = _rows(reach_sql, args)[0]
    figures = [Figure("reach", fld.label, int(reached))]
    chain = next((f.key for f in person.fields if f.kind is Kind.MEMBER), None)
    if chain is None:
        return figures
    site = " AND p.origin_site = ?" if origin_site else ""
    in_chain = (
        f"SELECT p.id FROM {person.name} p WHERE p.deleted_at IS NULL "
        f"AND p.{chain}_id IS NOT NULL{site}"
    )
    extra = [origin_site] if origin_site else []
    (size,) = _rows(f"SELECT COUNT(*) FROM ({in_chain}) AS c", extra)[0]
    # The people named, read once, then looked up one by one (``id IN (…)`` over the
    # chain let SQLite rescan the period's records for every person of the chain).
    (covered,) = _rows(
        f"WITH n AS MATERIALIZED ({named}) SELECT COUNT(DISTINCT n.id) FROM n "
        f"JOIN {person.name} p ON p.id = n.id WHERE p.deleted_at IS NULL "
        f"AND p.{chain}_id IS NOT NULL{site}",
        [*args, *extra],
    )[0]
    figures.append(Figure("in_chain", person.short_label, int(size)))
    figures.append(Figure("coverage", fld.label, covered / size if size else None))
    return figures
