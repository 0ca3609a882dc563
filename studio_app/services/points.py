"""Duty points (履职积分) of a year, computed from the records: every live record dated in
the year earns the members it names the points of each rule it meets (``RecordKind
.point_rules``, with the county's figures for the year, :func:`rules`), one ledger entry per
member, record and rule, naming its source record; a rule's yearly cap limits a member's
total from it; the yearly minimums (``core.duty.REQUIREMENTS``, with the county's figures,
:func:`requirements`) are counted from the same entries. Nothing is stored but the county's
figures: the ledger follows the records as they change, are trashed or restored, or arrive
in a package.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from studio_app.core import kinds
from studio_app.core.duty import ANY, REQUIREMENTS, PointRule, Requirement
from studio_app.core.errors import NotFound, UserError, ValidationError
from studio_app.core.fields import Kind, rows_table
from studio_app.services import audit
from studio_app.services import changes as announced
from studio_app.services.context import Context
from studio_app.services.permissions import Permission, require
from studio_app.storage.models import Member, database

POINT_RULES = "point_rules"  # what a change of the county's rules is announced as


@dataclass(frozen=True)
class Entry:
    """One member's points for one record under one rule."""

    member_id: int
    rule: str  # the rule's code
    kind: str  # the source record's kind
    record_id: int
    serial: str
    day: date
    points: int


ADJUSTMENT = "adjustment"  # the rule code and kind of the county's manual adjustments
ADJUSTMENT_LABEL = "县政协调整"


@dataclass(frozen=True)
class MemberPoints:
    """A member's year: points by rule (caps applied; the county's manual adjustments under
    :data:`ADJUSTMENT`), the total, the minimums unmet."""

    member_id: int
    name: str
    studio: str  # the uuid of the member's studio ("" none)
    by_rule: dict[str, int]
    counts: dict[str, int]  # entries per rule (before caps)
    unmet: tuple[Requirement, ...]

    @property
    def total(self) -> int:
        return sum(self.by_rule.values())


def declared() -> dict[str, tuple[kinds.RecordKind, PointRule]]:
    """Every rule the kinds declare, by code, with its kind."""
    return {rule.code: (k, rule) for k in kinds.all_kinds() for rule in k.point_rules}


def rules(year: int) -> dict[str, PointRule]:
    """The rules of ``year``: the declared defaults with the county's figures for the year."""
    found = {code: rule for code, (_k, rule) in declared().items()}
    for code, points, cap in database.execute_sql(
        "SELECT code, points, cap FROM point_rule WHERE year = ?", (year,)
    ):
        if code in found:
            found[code] = replace(found[code], points=int(points), cap=cap)
    return found


def requirements(year: int) -> tuple[Requirement, ...]:
    """The minimums in force in ``year``: the defaults with the county's figures for the
    year, less those it set to ask nothing (at least 0)."""
    figures = dict(
        database.execute_sql("SELECT code, figure FROM point_requirement WHERE year = ?", (year,))
    )
    found = (r.with_figure(int(figures[r.code])) if r.code in figures else r for r in REQUIREMENTS)
    return tuple(r for r in found if r.required)


def labels(year: int) -> dict[str, str]:
    """rule code → its Chinese label, the county's adjustments included."""
    return {**{code: rule.label for code, rule in rules(year).items()},
            ADJUSTMENT: ADJUSTMENT_LABEL}  # fmt: skip


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _source(kind: kinds.RecordKind, rule: PointRule) -> tuple[str, str, list[Any]]:
    """FROM/JOIN clause, the member column and the conditions' SQL and arguments."""
    joins, conditions, args = f'"{kind.name}" r', [], []
    if rule.rows:
        joins += f' JOIN "{rows_table(kind.name, rule.rows)}" x ON x.{kind.name}_id = r.id'
        member = f"x.{rule.members.partition('.')[2]}_id"
    elif kind.field(rule.members).kind is Kind.MEMBERS:
        link = kind.link(rule.members)
        joins += f' JOIN "{link.table}" l ON l.{link.owner} = r.id'
        member = f"l.{link.target}"
    else:
        member = f"r.{rule.members}_id"
    for key, code in rule.when:
        rows, _, column = key.partition(".")
        where = f"x.{column}" if column else f"r.{rows}"
        if code == ANY:
            conditions.append(f"COALESCE({where}, '') != ''")
        else:
            conditions.append(f"{where} = ?")
            args.append(code if isinstance(code, bool) else str(code))
    return joins, member, [" AND ".join(conditions) or "1 = 1", *args]


def _query(
    year: int, code: str, rule: PointRule, what: str, member_id: int | None
) -> tuple[str, list[Any]]:
    """SELECT ``what`` over the distinct (member, record) pairs of ``rule`` in ``year``
    (their columns: ``m``, ``id``, ``serial``, ``day``)."""
    kind = declared()[code][0]
    joins, member, (condition, *args) = _source(kind, rule)
    day = f"r.{kind.date_key}"
    only = f" AND {member} = ?" if member_id is not None else ""
    pairs = (
        f"SELECT DISTINCT {member} AS m, r.id AS id, COALESCE(r.serial, '') AS serial, "
        f"{day} AS day FROM {joins} WHERE r.deleted_at IS NULL AND {day} >= ? AND {day} < ? "
        f"AND {member} IS NOT NULL AND {condition}{only}"
    )
    params = [f"{year:04d}-01-01", f"{year + 1:04d}-01-01", *args]
    tail = [] if member_id is None else [member_id]
    return f"SELECT {what} FROM ({pairs}) AS pairs", [*params, *tail]


def ledger(year: int, *, member_id: int | None = None) -> list[Entry]:
    """The year's entries (of one member, if asked), by member, day and record; the county's
    adjustments as entries of :data:`ADJUSTMENT` (their id as the record)."""
    found: list[Entry] = []
    for code, rule in rules(year).items():
        kind = declared()[code][0].name
        sql, params = _query(year, code, rule, "m, id, serial, day", member_id)
        for who, record_id, serial, when in database.execute_sql(sql, params):
            found.append(Entry(who, code, kind, record_id, serial, _day(when), rule.points))
    for a in adjustments(year, member_id=member_id):
        found.append(Entry(a.member_id, ADJUSTMENT, ADJUSTMENT, a.id, "", a.day, a.points))
    found.sort(key=lambda e: (e.member_id, e.day, e.kind, e.record_id, e.rule))
    return found


def _counted(year: int, member_id: int | None) -> dict[int, dict[str, int]]:
    """Entries per member and rule, counted in SQL (what :func:`totals` needs)."""
    found: dict[int, dict[str, int]] = defaultdict(dict)
    for code, rule in rules(year).items():
        sql, params = _query(year, code, rule, "m, COUNT(*)", member_id)
        for who, n in database.execute_sql(f"{sql} GROUP BY m", params):
            found[who][code] = n
    return found


def totals(
    year: int, entries: Iterable[Entry] | None = None, *, member_id: int | None = None
) -> list[MemberPoints]:
    """Each member's year (every member that is live or earned points), highest total first;
    ``entries``: the year's ledger when it was read already."""
    year_rules, minimums = rules(year), requirements(year)
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    adjusted: dict[int, int] = defaultdict(int)
    if entries is None:
        counts.update(_counted(year, member_id))
        for a in adjustments(year, member_id=member_id):
            adjusted[a.member_id] += a.points
    else:
        for e in entries:
            if e.rule == ADJUSTMENT:
                adjusted[e.member_id] += e.points
            else:
                counts[e.member_id][e.rule] = counts[e.member_id].get(e.rule, 0) + 1
    query = Member.select(Member.id, Member.name, Member.studio, Member.deleted_at)
    if member_id is not None:
        query = query.where(Member.id == member_id)
    found = []
    for m in query:
        mine = counts.get(m.id, {})
        if m.deleted_at is not None and not mine and m.id not in adjusted:
            continue
        by_rule = {}
        for code in (c for c in year_rules if c in mine):  # in declaration order
            points, cap = mine[code] * year_rules[code].points, year_rules[code].cap
            by_rule[code] = min(points, cap) if cap is not None and points > 0 else points
        if m.id in adjusted:
            by_rule[ADJUSTMENT] = adjusted[m.id]
        unmet = tuple(r for r in minimums
                      if not r.met(sum(mine.get(code, 0) for code in r.rules)))  # fmt: skip
        found.append(MemberPoints(m.id, m.name, m.studio, by_rule, dict(mine), unmet))
    found.sort(key=lambda p: (-p.total, p.name))
    return found


def member_named(name: str) -> int:
    """The id of the member called ``name`` (a live one before one in the trash); a clear
    message when there is none, or more than one of the same standing (e.g. two studios'
    members at the county)."""
    name = name.strip()
    found = list(Member.select(Member.id, Member.deleted_at).where(Member.name == name)
                 .order_by(Member.deleted_at.is_null(False), Member.id))  # fmt: skip
    if not found:
        raise UserError(f"找不到委员“{name}”。")
    live = [m for m in found if m.deleted_at is None]
    if len(live) > 1 or (not live and len(found) > 1):
        raise UserError(
            f"有{len(live) or len(found)}名委员叫“{name}”，无法确定是哪一位；"
            "请在“履职积分”页面中选择后查看或打印。"
        )
    return int(found[0].id)


def read_only_reason(ctx: Context) -> str | None:
    """Why ``ctx`` may not change the rules (a Chinese sentence), or None when it may."""
    if not ctx.is_county:
        return "履职积分规则由县政协统一制定，随反馈包下发。"
    if ctx.role == "viewer":
        return "查阅账户不能修改履职积分规则。"
    return None


def set_rule(ctx: Context, year: int, code: str, points: int, cap: int | None) -> None:
    """The county sets a rule's points and yearly cap for ``year`` (audited); setting the
    declared default removes the year's own figure. The year's points follow at once."""
    reason = read_only_reason(ctx)
    if reason:
        raise UserError(reason)
    require(ctx, Permission.EDIT, "point_rule")
    found = declared().get(code)
    if found is None:
        raise NotFound(f"没有这条履职积分规则：{code}")
    if not -100 <= points <= 100 or (cap is not None and not 0 <= cap <= 10_000):
        raise ValidationError({"points": "分值应在 -100 到 100 之间，年度上限在 0 到 10000 之间"})
    default = found[1]
    before = rules(year)[code]
    with database.atomic():
        database.execute_sql("DELETE FROM point_rule WHERE year = ? AND code = ?", (year, code))
        if (points, cap) != (default.points, default.cap):
            database.execute_sql(
                "INSERT INTO point_rule (year, code, points, cap) VALUES (?, ?, ?, ?)",
                (year, code, points, cap),
            )
        audit.record(ctx, "update", "point_rule", f"{year}:{code}", {
            "points": (before.points, points), "cap": (before.cap, cap),
        })  # fmt: skip
    announced.changed({POINT_RULES})


def set_requirement(ctx: Context, year: int, code: str, figure: int) -> None:
    """The county sets a minimum's figure for ``year`` (audited): at least so many entries
    (0: not required that year), or at most so many where the default is an upper bound.
    Setting the default removes the year's own figure."""
    reason = read_only_reason(ctx)
    if reason:
        raise UserError(reason)
    require(ctx, Permission.EDIT, "point_rule")
    default = next((r for r in REQUIREMENTS if r.code == code), None)
    if default is None:
        raise NotFound(f"没有这项年度基本要求：{code}")
    if not 0 <= figure <= 1000:
        raise ValidationError({"figure": "次数应在 0 到 1000 之间"})
    before = next((r.figure for r in requirements(year) if r.code == code), 0)
    with database.atomic():
        sql = "DELETE FROM point_requirement WHERE year = ? AND code = ?"
        database.execute_sql(sql, (year, code))
        if figure != default.figure:
            database.execute_sql(
                "INSERT INTO point_requirement (year, code, figure) VALUES (?, ?, ?)",
                (year, code, figure),
            )
        audit.record(ctx, "update", "point_requirement", f"{year}:{code}",
                     {"figure": (before, figure)})  # fmt: skip
    announced.changed({POINT_RULES})


Figures = dict[str, list[list[int | str | None]]]
NO_FIGURES: Figures = {"point_rules": [], "point_requirements": []}


def county_figures() -> Figures:
    """Every figure the county set, as feedback packages carry them (manifest entries):
    ``point_rules`` [year, code, points, cap] and ``point_requirements`` [year, code,
    figure]."""
    rule_sql = "SELECT year, code, points, cap FROM point_rule ORDER BY year, code"
    minimum_sql = "SELECT year, code, figure FROM point_requirement ORDER BY year, code"
    return {
        "point_rules": [list(row) for row in database.execute_sql(rule_sql)],
        "point_requirements": [list(row) for row in database.execute_sql(minimum_sql)],
    }


def take_county_figures(found: Figures) -> None:
    """A studio takes the county's figures from a feedback package, in place of its own;
    an entry the package lacks (an earlier release's) leaves its figures as they are, and
    rules or minimums this release does not declare are ignored."""
    if "point_rules" in found:
        known = declared()
        rows = [(int(y), str(c), int(p), None if cap is None else int(cap))  # type: ignore[arg-type]
                for y, c, p, cap in found["point_rules"] if c in known]  # fmt: skip
        database.execute_sql("DELETE FROM point_rule")
        database.executemany(
            "INSERT INTO point_rule (year, code, points, cap) VALUES (?, ?, ?, ?)", rows
        )
    if "point_requirements" in found:
        codes = {r.code for r in REQUIREMENTS}
        minimums = [(int(y), str(c), int(n))  # type: ignore[arg-type]
                    for y, c, n in found["point_requirements"] if c in codes]  # fmt: skip
        database.execute_sql("DELETE FROM point_requirement")
        database.executemany(
            "INSERT INTO point_requirement (year, code, figure) VALUES (?, ?, ?)", minimums
        )
    announced.changed({POINT_RULES})


@dataclass(frozen=True)
class Adjustment:
    """The county's manual change of a member's year, with its reason."""

    id: int
    year: int
    member_id: int
    points: int
    reason: str
    day: date  # when it was made (local)
    by: str  # the login that made it


def adjustments(year: int, *, member_id: int | None = None) -> list[Adjustment]:
    """The county's adjustments of ``year`` (of one member, if asked), oldest first."""
    sql = "SELECT id, year, member_id, points, reason, created_at, created_by FROM point_adjustment"
    sql += " WHERE year = ?" + (" AND member_id = ?" if member_id is not None else "")
    params = [year, *([] if member_id is None else [member_id])]
    return [
        Adjustment(i, y, m, p, r, _day(at), by)
        for i, y, m, p, r, at, by in database.execute_sql(sql + " ORDER BY id", params)
    ]


def add_adjustment(ctx: Context, year: int, member_id: int, points: int, reason: str) -> int:
    """The county adjusts a member's year by ``points``, saying why (audited); returns its id.
    Only the county does so, and an adjustment is never exported."""
    if not ctx.is_county:
        raise UserError("只有县政协可以调整委员的履职积分。")
    require(ctx, Permission.EDIT, "point_adjustment")
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "调整原因：必填"})
    if len(reason) > 200 or not -100 <= points <= 100 or points == 0:
        raise ValidationError(
            {"points": "调整分值应在 -100 到 100 之间且不为 0，原因不超过 200 字"}
        )
    member = Member.get_or_none(Member.id == member_id)
    if member is None:
        raise NotFound("委员不存在")
    with database.atomic():
        cursor = database.execute_sql(
            "INSERT INTO point_adjustment (year, member_id, points, reason, created_at, "
            "created_by) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            (year, member_id, points, reason, ctx.now_local().isoformat(sep=" "), ctx.user),
        )
        found = int(cursor.fetchone()[0])
        audit.record(ctx, "create", "point_adjustment", member.uuid, {
            "year": (None, year), "points": (None, points), "reason": (None, reason),
        })  # fmt: skip
    announced.changed({POINT_RULES})
    return found
