"""The demo studio's election observations (换届选举观察): one term of the villages' and
communities' 两委 elections, six of the township's villages observed by two members each,
every stage observed in some of them, a few issues still waiting for a reply; created
through the kind's service like typed ones (``studio.OWN_DEMOS``)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from studio_app.core import kinds
from studio_app.core.codes import CodeListKind
from studio_app.services import kind_records
from studio_app.storage.models import Member

if TYPE_CHECKING:
    from studio_app.demo.studio import _Generator as Generator

TERM = "{year}年村（社区）“两委”换届"
# stage → days before the election day, what the observers saw
SEEN = {
    "committee": (40, "村民代表会议推选村民选举委员会，到会代表超过三分之二，推选程序公开"),
    "registration": (20, "选民登记榜在村务公开栏张贴，外出务工人员已电话告知登记"),
    "nomination": (10, "候选人资格联审结果公示，提名过程有党员和村民代表监督"),
    "voting": (0, "中心会场设置秘密写票处，唱票、计票、监票人员到位，当场公布结果"),
    "other": (5, "选前走访选情复杂户，宣讲换届纪律“十严禁”"),
}
# (stage, issue found, rating, reply): the issues observed, a reply or ""
ISSUES = (
    ("registration", "部分外出人员未核实本人登记意愿", "mostly", "已逐户电话核实并补登"),
    ("nomination", "个别候选人资格审查材料不全", "mostly", ""),
    ("voting", "流动票箱投票时监票人员不足两人", "non_compliant", "镇换届指导组已责令整改"),
    ("committee", "推选会议通知张贴时间不足法定天数", "non_compliant", ""),
)
# per village: the stages observed (every stage in some), its flags, the issues found
PLAN: tuple[tuple[tuple[str, ...], tuple[str, ...], tuple[int, ...]], ...] = (
    (("committee", "registration", "nomination", "voting", "other"), ("complex",
     "legacy_issues"), (0, 2)),
    (("committee", "registration", "voting"), (), ()),
    (("nomination", "voting"), ("hard_to_staff",), (1,)),
    (("registration", "nomination", "voting", "other"), ("complex",), ()),
    (("committee", "voting"), (), (3,)),
    (("voting",), (), ()),
)  # fmt: skip
ELECTIONS = len(PLAN)  # the elections observed, one per village
SUMMARY = "{v}换届选举总体平稳有序，程序规范，{n}，选举结果当场公布，群众认可度较高。"


def term_year(today: date) -> int:
    """The year of the last term's elections held by ``today`` (they end by March)."""
    return today.year if today >= date(today.year, 4, 1) else today.year - 1


def make_elections(gen: Generator) -> int:
    """One term's observations, one per village; returns how many were made."""
    members = [m.id for m in Member.select(Member.id).where(Member.deleted_at.is_null())]
    villages = sorted(gen.villages, key=lambda v: not v.endswith("村"))  # villages first
    year = term_year(gen.ctx.today())
    units = gen.codes_for(CodeListKind.HANDLING_UNIT, ("镇人民政府", "县民政局"))
    made = 0
    for n, (stages, flags, issues) in enumerate(PLAN[: len(villages)]):
        village = villages[n]
        day = date(year, 1, 12) + timedelta(days=9 * n)
        observers = _pick(gen, members, 2)
        found = {ISSUES[i][0]: ISSUES[i] for i in issues}
        entries = [
            _entry(stage, day, observers[k % len(observers)] if observers else None,
                   found.get(stage), units[k % len(units)])
            for k, stage in enumerate(stages)
        ]  # fmt: skip
        said = "发现问题均已报告镇换届工作指导组" if issues else "未发现违规问题"
        kind_records.create(gen.ctx, kinds.ELECTION, {
            "village": f"{gen.town}{village}", "term": TERM.format(year=year),
            "election_on": day, **dict.fromkeys(flags, True), "observers": observers,
            "entries": entries, "summary": SUMMARY.format(v=village, n=said),
        })  # fmt: skip
        made += 1
    return made


def _pick(gen: Generator, members: list[int], k: int) -> list[int]:
    return gen.rng.sample(members, min(k, len(members)))


def _entry(
    stage: str, day: date, observer: int | None, issue: tuple[str, ...] | None, unit: str
) -> dict[str, Any]:
    before, seen = SEEN[stage]
    row: dict[str, Any] = {
        "stage": stage, "observed_on": day - timedelta(days=before), "observer": observer,
        "seen": seen, "rating": "compliant",
    }  # fmt: skip
    if issue is not None:
        _stage, text, rating, reply = issue
        row |= {"issues": text, "rating": rating, "reported_to": unit, "reply": reply}
    return row
