"""The county-work section of the county's statistics report (县政协审查办理情况): review
results, assignment and replies per studio and by lead unit, adoption of 社情民意 and the
members' evaluation, and the days to the county's first action on through-train records
(直通车), from :func:`studio_app.services.county_stats.work`. Chinese, like
every printed form, each figure named by :data:`~studio_app.services.stat_terms.TERMS`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table

from studio_app.core.codes import AdoptionLevel, Review, Satisfaction
from studio_app.reports import charts
from studio_app.reports.sheet import TABLE_W
from studio_app.services.county_stats import CountyWork, Tally
from studio_app.services.stat_terms import TERMS as T
from studio_app.services.statistics import Counted
from studio_app.services.through_train import FirstActions, Timing, describe

if TYPE_CHECKING:
    from studio_app.reports.monthly_report import _Styles

Column = tuple[str, Callable[[Tally], str]]  # header, value
NAME_W = 40 * mm
REVIEW_HEADS = {Review.CONVERTED: "转为建议\n或社情民意"}


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def _n(value: int) -> str:
    return f"{value:,}"


def _counted(items: Callable[[Tally], Sequence[Counted]], code: str) -> Callable[[Tally], str]:
    """The count of ``code`` among a tally's classes, adoption levels or evaluations."""
    return lambda t: _n(next((c.count for c in items(t) if c.code == code), 0))


def _level(level: AdoptionLevel) -> str:
    return level.label if level is AdoptionLevel.NATIONAL else f"{level.label}级"


REVIEWS: list[Column] = [
    (T.submitted, lambda t: _n(t.submitted)),
    *((REVIEW_HEADS.get(r, r.label), lambda t, r=r: _n(t.reviewed(r))) for r in Review),
    (T.not_reviewed, lambda t: _n(t.pending)),
]
HANDLING: list[Column] = [
    (T.assigned, lambda t: _n(t.assigned)),
    (T.replied, lambda t: _n(t.replied)),
    (T.reply_due, lambda t: _n(t.due)),
    (T.replied_on_time, lambda t: _n(t.on_time)),
    (T.overdue, lambda t: _n(t.overdue)),
    (T.reply_on_time_rate, lambda t: _pct(t.on_time_rate)),
    *((f"{c}类", _counted(lambda t: t.classes, c)) for c in "ABC"),
]
ADOPTION: list[Column] = [
    (T.sqmy, lambda t: _n(t.sqmy)),
    *((_level(a), _counted(lambda t: t.adoptions, a.value)) for a in AdoptionLevel),
    (T.adopted, lambda t: _n(t.adopted)),
    (T.adoption_rate, lambda t: _pct(t.adoption_rate)),
]
EVALUATION: list[Column] = [
    (T.replied, lambda t: _n(t.replied)),
    (T.evaluated, lambda t: _n(t.evaluated)),
    *((s.label, _counted(lambda t: t.evaluations, s.value)) for s in Satisfaction),
    (T.reply_satisfaction_rate, lambda t: _pct(t.satisfaction_rate)),
]


def _table(head: str, columns: Sequence[Column], rows: Sequence[Tally], s: _Styles) -> Table:
    data = [[head, *(h for h, _ in columns)]]
    data += [[t.label, *(value(t) for _, value in columns)] for t in rows]
    return s.table(data, [NAME_W, *s.fit(data[0][1:], TABLE_W - NAME_W)])


def _summary(w: CountyWork) -> str:
    t = w.total
    reviewed = t.submitted - t.pending
    accepted = Review.ACCEPTED.label
    return (
        f"本期各工作室{T.submitted}提案、社情民意信息、意见建议和百字金点子共{_n(t.submitted)}件"
        f"（草稿不计），已审查{_n(reviewed)}件，{T.not_reviewed}{_n(t.pending)}件；"
        f"{accepted}{_n(t.reviewed(Review.ACCEPTED))}件，{T.assigned}承办单位{_n(t.assigned)}件，"
        f"{T.replied}{_n(t.replied)}件。{T.reply_due}{_n(t.due)}件中{T.replied_on_time}"
        f"{_n(t.on_time)}件，{T.reply_on_time_rate}{_pct(t.on_time_rate)}，"
        f"{T.overdue}{_n(t.overdue)}件。{T.sqmy}信息{_n(t.sqmy)}件，{T.adopted}{_n(t.adopted)}件，"
        f"{T.adoption_rate}{_pct(t.adoption_rate)}。委员对答复{T.evaluated}{_n(t.evaluated)}件，"
        f"{T.reply_satisfaction_rate}{_pct(t.satisfaction_rate)}。"
    )


def _days(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


TIMING: list[tuple[str, Callable[[Timing], str]]] = [
    (T.submitted, lambda t: _n(t.submitted)),
    ("已办理", lambda t: _n(t.acted)),
    ("待首次办理", lambda t: _n(t.awaiting)),
    ("用时中位数（天）", lambda t: _days(t.median_days)),
    ("平均用时（天）", lambda t: _days(t.mean_days)),
    ("最长用时（天）", lambda t: _days(t.longest_days)),
]


def _through_train(found: FirstActions, s: _Styles) -> list[Flowable]:
    """直通车 beside the other records: how soon the county first acted on them."""
    data = [["类别", *(h for h, _ in TIMING)]]
    data += [[t.label, *(value(t) for _, value in TIMING)] for t in found.groups]
    return [
        Paragraph("（七）直通车办理时效", s.h2),
        Paragraph("；".join(describe(t) for t in found.groups) + "。", s.body),
        s.table(data, [NAME_W, *s.fit(data[0][1:], TABLE_W - NAME_W)]),
        Paragraph(
            "注：直通车指委员直接报送县政协的社情民意、提案等；首次办理指县政协对该件的第一项办理"
            "（审查、交办、答复、采用或批示，以操作记录和登记的日期中较早者为准），"
            "用时自报送日期起按天计。",
            s.note,
        ),
    ]


def section(w: CountyWork, s: _Styles, as_of_text: str) -> list[Flowable]:
    """The county's own work on the period's submitted records, on pages of its own."""
    everyone = [*w.studios, w.total]
    units = w.units
    out: list[Flowable] = [
        Paragraph("县政协审查办理情况", s.h1),
        Paragraph(_summary(w), s.body),
        Spacer(1, 4),
        Paragraph(
            f"注：统计本期{T.submitted}的件（不含草稿），审查、交办、答复、采用情况截至{as_of_text}；"
            f"{T.reply_on_time_rate}＝{T.replied_on_time}÷{T.reply_due}（已答复或已过答复期限的件）；"
            f"{T.reply_satisfaction_rate}＝（满意＋基本满意）÷{T.evaluated}。",
            s.note,
        ),
        Paragraph("（一）各工作室审查情况", s.h2),
        _table("工作室", REVIEWS, everyone, s),
        KeepTogether(
            [
                Paragraph("（二）按类型审查情况", s.h2),
                _table("类型", REVIEWS, [*w.kinds, w.total], s),
            ]
        ),
        CondPageBreak(50 * mm),
        Paragraph("（三）各工作室交办答复情况", s.h2),
        _table("工作室", HANDLING, everyone, s),
        CondPageBreak(50 * mm),
        Paragraph("（四）按主办单位答复情况", s.h2),
    ]
    if units:
        out.append(_table("主办单位", HANDLING, units, s))
        out.append(Paragraph("注：按主办单位统计，协办单位不重复计算。", s.note))
    else:
        out.append(Paragraph("本期无。", s.body))
    out += [
        CondPageBreak(60 * mm),
        Paragraph("（五）社情民意信息采用情况", s.h2),
        _table("工作室", ADOPTION, everyone, s),
        Spacer(1, 4),
        charts.bar_chart(w.total.adoptions, s.font, width=TABLE_W, title="采用级别（全县）"),
        CondPageBreak(50 * mm),
        Paragraph("（六）委员对答复的评价", s.h2),
        _table("工作室", EVALUATION, everyone, s),
        CondPageBreak(50 * mm),
        *_through_train(w.first_actions, s),
    ]
    return out
