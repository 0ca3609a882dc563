"""Statistics of the county office's own work on proposal-type records (county mode):
review results, assignment to lead units, replies and their timeliness, adoption of
社情民意 and members' evaluation of the replies, per studio and for the whole county.

Which records count: live, submitted records (a studio's drafts never reach the figures)
whose ``submitted_at`` falls in the period, or all of them without a period. Their review,
assignment, reply and adoption are counted as they stand now; deadlines are judged as of
``today``, as :mod:`studio_app.services.statistics` judges the visits' referrals.

One GROUP BY over the proposal table (studio × kind × lead unit, every figure a SUM of a
condition) gives all the tables at once: a 100,000-record county costs one scan. Beside
them, how soon the county first acted on through-train records (直通车) and on the others
(:mod:`studio_app.services.through_train`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from studio_app.core.codes import (
    AdoptionLevel,
    CodeListKind,
    ProposalKind,
    ProposalStatus,
    ReplyClass,
    Review,
    Satisfaction,
)
from studio_app.services import through_train
from studio_app.services.site import code_labels
from studio_app.services.stat_terms import TERMS as T
from studio_app.services.statistics import COUNTY_SCOPE, NOT_REVIEWED, Counted, Period
from studio_app.services.through_train import FirstActions
from studio_app.storage.models import Site, database

NO_LEAD_UNIT = "未注明主办单位"
ALL_TIME = "全部"

# Every figure is the SUM of one condition over a group of records (? is today's date).
_MEASURES: tuple[tuple[str, str], ...] = (
    ("submitted", "1"),
    ("sqmy", f"p.kind = '{ProposalKind.SQMY.value}'"),
    *((f"review.{r.value}", f"p.review = '{r.value}'") for r in Review),
    ("review.", "p.review = ''"),
    ("assigned", "p.assigned_at IS NOT NULL"),
    ("replied", "p.reply_class != ''"),
    ("due", "p.reply_class != '' OR (p.assigned_at IS NOT NULL AND p.reply_due < :today)"),
    ("on_time", "p.reply_class != '' AND p.replied_at <= p.reply_due"),
    ("overdue", "p.reply_class = '' AND p.assigned_at IS NOT NULL AND p.reply_due < :today"),
    *((f"class.{c.value}", f"p.reply_class = '{c.value}'") for c in ReplyClass),
    *((f"adopted.{a.value}", f"p.adoption_level = '{a.value}'") for a in AdoptionLevel),
    *((f"evaluation.{s.value}", f"p.member_evaluation = '{s.value}'") for s in Satisfaction),
)

_GROUPS = """
SELECT p.origin_site, p.kind,
       COALESCE((SELECT u.unit FROM proposal_unit u WHERE u.proposal_id = p.id
                 AND u.role = 'lead' ORDER BY u.position LIMIT 1), ''),
       {sums}
FROM proposal p
WHERE p.deleted_at IS NULL AND p.status = '{submitted}' {period}
GROUP BY 1, 2, 3
"""
_IN_PERIOD = "AND COALESCE(p.submitted_at, substr(p.created_at, 1, 10)) >= :start " \
    "AND COALESCE(p.submitted_at, substr(p.created_at, 1, 10)) < :end"  # fmt: skip


@dataclass
class Tally:
    """The county's work on one set of records: a studio's, a kind's, a unit's or all."""

    code: str  # site uuid, kind, unit code; "" for the county total or no lead unit
    label: str  # studio name, kind label, unit label
    counts: Counter[str] = field(default_factory=Counter)

    @property
    def submitted(self) -> int:
        return self.counts["submitted"]

    @property
    def sqmy(self) -> int:
        """Submitted 社情民意, the records adoption is counted over."""
        return self.counts["sqmy"]

    def reviewed(self, result: Review | str) -> int:
        """Records with this review result (``""``: not reviewed yet, 待审查)."""
        return self.counts[f"review.{Review(result).value if result else ''}"]

    @property
    def pending(self) -> int:
        return self.reviewed("")

    @property
    def assigned(self) -> int:
        return self.counts["assigned"]

    @property
    def replied(self) -> int:
        return self.counts["replied"]

    @property
    def due(self) -> int:
        """Replied, or assigned and past the reply deadline: the records a rate is over."""
        return self.counts["due"]

    @property
    def on_time(self) -> int:
        """Replied no later than ``reply_due``."""
        return self.counts["on_time"]

    @property
    def overdue(self) -> int:
        """Not replied and ``reply_due`` has passed."""
        return self.counts["overdue"]

    @property
    def on_time_rate(self) -> float | None:
        return self.on_time / self.due if self.due else None

    @property
    def classes(self) -> list[Counted]:
        """Replies by class A/B/C."""
        return [Counted(c.value, c.label, self.counts[f"class.{c.value}"]) for c in ReplyClass]

    @property
    def adoptions(self) -> list[Counted]:
        """Adopted 社情民意 by level: county, city, province, national."""
        return [Counted(a.value, a.label, self.counts[f"adopted.{a.value}"]) for a in AdoptionLevel]

    @property
    def adopted(self) -> int:
        return sum(c.count for c in self.adoptions)

    @property
    def adoption_rate(self) -> float | None:
        """Adopted over submitted 社情民意."""
        return self.adopted / self.sqmy if self.sqmy else None

    @property
    def evaluations(self) -> list[Counted]:
        """Members' evaluation of the replies: satisfied, basic, unsatisfied."""
        return [
            Counted(s.value, s.label, self.counts[f"evaluation.{s.value}"]) for s in Satisfaction
        ]

    @property
    def evaluated(self) -> int:
        return sum(c.count for c in self.evaluations)

    @property
    def satisfaction_rate(self) -> float | None:
        """(Satisfied + basically satisfied) over evaluated replies."""
        content = self.counts["evaluation.satisfied"] + self.counts["evaluation.basic"]
        return content / self.evaluated if self.evaluated else None


REVIEW_COLUMNS: tuple[tuple[str, str], ...] = (
    *((r.value, r.label) for r in Review),
    ("", NOT_REVIEWED),
)


@dataclass(frozen=True)
class CountyWork:
    """The county's work on the records submitted in a period (or ever)."""

    period: Period | None  # None: every record
    as_of: date  # deadlines judged on this day
    studios: list[Tally]  # one per studio with submitted records, by studio code
    total: Tally  # 全县合计
    kinds: list[Tally]  # one per kind of record, zeros included
    units: list[Tally]  # one per lead unit with assigned or replied records
    first_actions: FirstActions  # days to the county's first action: 直通车 and others

    @property
    def period_label(self) -> str:
        return self.period.label if self.period else ALL_TIME


def _rows(sql: str, args: dict[str, Any]) -> list[tuple[Any, ...]]:
    return list(database.execute_sql(sql, args).fetchall())


def work(period: Period | None = None, *, today: date | None = None) -> CountyWork:
    """The county-work statistics of the records submitted in ``period`` (all without one),
    deadlines judged as of ``today`` (default: the computer's date)."""
    as_of = today or date.today()
    args: dict[str, Any] = {"today": as_of.isoformat()}
    where = ""
    if period is not None:
        where = _IN_PERIOD
        args.update(start=period.start.isoformat(), end=period.end.isoformat())
    sums = ", ".join(f"SUM({expr})" for _, expr in _MEASURES)
    sql = _GROUPS.format(sums=sums, submitted=ProposalStatus.SUBMITTED.value, period=where)
    groups = [((o, k, u), _counts(figures)) for o, k, u, *figures in _rows(sql, args)]
    return CountyWork(
        period=period,
        as_of=as_of,
        studios=_studios(_sum(groups, 0)),
        total=Tally("", COUNTY_SCOPE, sum((c for _, c in groups), Counter())),
        kinds=_kinds(_sum(groups, 1)),
        units=_units(_sum(groups, 2)),
        first_actions=through_train.first_actions(period),
    )


def _counts(figures: Sequence[int | None]) -> Counter[str]:
    return Counter({key: int(n or 0) for (key, _), n in zip(_MEASURES, figures, strict=True)})


Group = tuple[tuple[str, str, str], Counter[str]]  # (origin, kind, lead unit) → figures


def _sum(groups: Iterable[Group], key: int) -> dict[str, Counter[str]]:
    """The figures summed by one of the group's keys."""
    found: dict[str, Counter[str]] = {}
    for keys, counts in groups:
        found.setdefault(keys[key] or "", Counter()).update(counts)
    return found


def _studios(counts: dict[str, Counter[str]]) -> list[Tally]:
    sites = {s.uuid: s for s in Site.select().where(Site.uuid.in_(list(counts)))}

    def order(uuid: str) -> tuple[str, str]:
        site = sites.get(uuid)
        return (site.code, site.name) if site else ("~", uuid)

    return [
        Tally(uuid, sites[uuid].name if uuid in sites else f"来源 {uuid[:8]}", counts[uuid])
        for uuid in sorted(counts, key=order)
    ]


def _kinds(counts: dict[str, Counter[str]]) -> list[Tally]:
    known = [Tally(k.value, k.label, counts.pop(k.value, Counter())) for k in ProposalKind]
    return known + [Tally(k, k, c) for k, c in sorted(counts.items())]


def _units(counts: dict[str, Counter[str]]) -> list[Tally]:
    labels = code_labels(CodeListKind.HANDLING_UNIT.value)
    order = {code: i for i, code in enumerate(labels)}
    units = [
        Tally(code, labels.get(code, code) if code else NO_LEAD_UNIT, c)
        for code, c in counts.items()
        if c["assigned"] or c["replied"]
    ]
    units.sort(key=lambda t: (not t.code, order.get(t.code, len(order)), t.code))
    return units


# -- plain output (``studio-app stats``) --------------------------------------------------


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def _figures(t: Tally) -> dict[str, Any]:
    return {
        "submitted": t.submitted,
        "review": {(code or "pending"): t.reviewed(code) for code, _ in REVIEW_COLUMNS},
        "assigned": t.assigned,
        "replied": t.replied,
        "due": t.due,
        "on_time": t.on_time,
        "overdue": t.overdue,
        "on_time_rate": None if t.on_time_rate is None else round(t.on_time_rate, 4),
        "reply_class": {c.code: c.count for c in t.classes},
        "sqmy": t.sqmy,
        "adopted": {c.code: c.count for c in t.adoptions},
        "evaluation": {c.code: c.count for c in t.evaluations},
    }


def as_dict(w: CountyWork) -> dict[str, Any]:
    """The figures as JSON-ready data (codes as keys, labels beside names)."""
    codes = {s.uuid: s.code for s in Site.select(Site.uuid, Site.code)}
    return {
        "period": w.period.slug if w.period else None,
        "as_of": w.as_of.isoformat(),
        "studios": [
            {"code": codes.get(t.code, ""), "name": t.label, **_figures(t)} for t in w.studios
        ],
        "total": _figures(w.total),
        "by_kind": {t.code: _figures(t) for t in w.kinds},
        "by_lead_unit": [{"code": t.code, "name": t.label, **_figures(t)} for t in w.units],
        "through_train": through_train.as_dict(w.first_actions),
    }


def _reviews(t: Tally) -> str:
    results = "，".join(f"{label} {t.reviewed(code)}" for code, label in REVIEW_COLUMNS)
    return f"{T.submitted} {t.submitted}（{results}）"


def _replies(t: Tally) -> str:
    classes = " ".join(f"{c.code}{c.count}" for c in t.classes)
    rated = " ".join(f"{c.label}{c.count}" for c in t.evaluations)
    return (
        f"{T.assigned} {t.assigned}，{T.replied} {t.replied}（{classes}），{T.reply_due} {t.due}，"
        f"{T.replied_on_time} {t.on_time}，{T.overdue} {t.overdue}，"
        f"{T.reply_on_time_rate} {_pct(t.on_time_rate)}；委员评价 {rated}"
    )


def _adoption(t: Tally) -> str:
    levels = " ".join(f"{c.label}{c.count}" for c in t.adoptions)
    return f"{T.sqmy} {t.sqmy}，{T.adopted} {t.adopted}（{levels}）"


def as_lines(w: CountyWork) -> list[str]:
    """The figures as plain Chinese text: per studio, by kind, by lead unit."""
    out = [f"县政协审查办理情况（{w.period_label}报送件，截至 {w.as_of.isoformat()}）："]
    out.append("  各工作室：")
    for t in [*w.studios, w.total]:
        out.append(f"    {t.label}：{_reviews(t)}；{_replies(t)}；{_adoption(t)}")
    out.append("  按类型：")
    out += [f"    {t.label}：{_reviews(t)}" for t in w.kinds]
    out.append("  按主办单位：")
    out += [f"    {t.label}：{_replies(t)}" for t in w.units] or ["    无"]
    return out + through_train.as_lines(w.first_actions)
