"""The demo studio's observation points on the private-economy environment (民营经济发展环境
监测点): eight enterprises of the township, each with a valid 统一社会信用代码, an industry
and size, a contact person and phone and one or two members; and two years of their quarterly
observations (监测记录) with ratings and issues found; created through the kinds' service like
typed ones (``studio.OWN_DEMOS``)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from studio_app.core import codes as c
from studio_app.core import kinds
from studio_app.core.identity import CREDIT_CODE_CHARS, credit_code_check
from studio_app.demo import text as t
from studio_app.services import kind_records
from studio_app.services.kind_stats import TREND_QUARTERS, trend_window
from studio_app.storage.models import Member

if TYPE_CHECKING:
    from studio_app.demo.studio import _Generator as Generator

# name (after the township), industry, size, where, contact person
ENTERPRISES = (
    ("精密机械有限公司", "通用设备制造", "medium", "{town}工业园区", "周建平"),
    ("绿源茶业专业合作社", "茶叶种植与加工", "small", "{town}后垟村", "林秀珍"),
    ("宏达塑料制品厂", "塑料制品", "small", "{town}工业园区", "陈国强"),
    ("新华纺织有限公司", "纺织服装", "medium", "{town}新城社区", "黄丽华"),
    ("鑫源电子科技有限公司", "电子元器件", "large", "{town}工业园区", "吴志刚"),
    ("农家乐民宿", "住宿餐饮", "micro", "{town}凤山村", "郑美玲"),
    ("顺丰汽车修理厂", "机动车维修", "micro", "{town}前垟村", "王海涛"),
    ("永安建材有限公司", "建筑材料", "small", "{town}下湾村", "李德明"),
)
REGION = "330326"  # the credit code's region (平阳县), after 9 (工商) 1 (企业)


def credit_code(rnd: t.Random) -> str:
    """A valid 统一社会信用代码 of an enterprise registered in the county."""
    body = "91" + REGION + "".join(CREDIT_CODE_CHARS[int(rnd() * 31)] for _ in range(9))
    return body + credit_code_check(body)


def make_observation_points(gen: Generator) -> int:
    """The eight points; returns how many were made."""
    members = [m.id for m in Member.select(Member.id).where(Member.deleted_at.is_null())]
    town = gen.town
    for name, industry, size, place, person in ENTERPRISES:
        where = place.format(town=town)
        picked = [members[int(gen.rnd() * len(members))]] if members else []
        kind_records.create(gen.ctx, kinds.OBSERVATION_POINT, {
            "name": town.removesuffix("镇") + name, "credit_code": credit_code(gen.rnd),
            "address": f"{where}{1 + int(gen.rnd() * 200)}号", "village": where,
            "industry": industry, "size": size, "contact_person": person,
            "phone": t.mobiles(gen.rnd, 1)[0], "members": picked,
            "designated_on": date(gen.ctx.today().year - 1, 3, 1),
        })  # fmt: skip
    return len(ENTERPRISES)


# What members found, by environment: (the note of a weak rating, an issue to refer, its unit)
FINDINGS = {
    "service": ("企业反映部分审批事项仍需多次跑腿", "项目竣工验收材料要求不一致", "县住建局"),
    "market": ("原材料价格波动，订单不稳定", "本地配套供应商少，物流成本偏高", "县交通运输局"),
    "government": ("涉企政策宣传不到位，企业不知道怎么申报", "惠企政策兑现周期长", "镇人民政府"),
    "legal": ("合同纠纷执行周期较长", "拖欠货款案件执行难", "县司法局"),
    "opinion": ("个别网络不实信息影响企业声誉", "企业诉求反映渠道不够畅通", "镇综治中心"),
}
PRAISE = {
    "service": "“企业服务专员”上门服务，办事效率明显提高",
    "market": "市场秩序良好，公平竞争环境持续改善",
    "government": "“最多跑一次”改革落实到位",
    "legal": "法律顾问进企业，合规经营意识增强",
    "opinion": "媒体对民营企业的正面宣传较多",
}
QUARTERS = TREND_QUARTERS  # quarterly observations per point, up to this quarter
OBSERVATIONS = len(ENTERPRISES) * QUARTERS


def make_observations(gen: Generator) -> int:
    """Each point observed once a quarter for two years: ratings drifting up as issues are
    settled, a weak environment noted and sometimes referred, older issues further along the
    referral workflow; returns how many were made."""
    points = list(kind_records.choices(kinds.OBSERVATION_POINT))
    members = [m.id for m in Member.select(Member.id).where(Member.deleted_at.is_null())]
    if not points or not members:
        return 0
    today, rnd, made = gen.ctx.today(), gen.rnd, 0
    start = trend_window(today + timedelta(days=1))[0]  # the last eight quarters
    methods = [m.value for m in c.ObservationMethod]
    for point in points:
        base = {e.value: 2.5 + rnd() * 1.5 for e in c.Environment}
        for quarter in range(QUARTERS):
            index = start.year * 4 + (start.month - 1) // 3 + quarter
            day = date(index // 4, 3 * (index % 4) + 1, 1) + timedelta(days=10 + int(rnd() * 60))
            day = min(day, today)  # this quarter's, observed by now
            method = c.ObservationMethod(methods[int(rnd() * len(methods))])
            values = _observation(point, day, quarter, base, rnd, today)
            values |= {
                "members": [members[int(rnd() * len(members))]],
                "method": method.value,
                "summary": f"委员以{method.label}方式了解企业情况，{values['summary']}",
            }
            kind_records.create(gen.ctx, kinds.OBSERVATION, values)
            made += 1
    return made


def _observation(
    point: int, day: date, quarter: int, base: dict[str, float], rnd: t.Random, today: date
) -> dict[str, object]:
    values: dict[str, object] = {"point": point, "observed_on": day}
    issues, weakest = [], ""
    for env in c.Environment:
        score = max(1, min(5, round(base[env.value] + quarter * 0.12 + rnd() - 0.5)))
        values[kinds.rating_key(env)] = str(score)
        note, issue, unit = FINDINGS[env.value]
        found = score <= 2 or (score == 3 and rnd() < 0.25)  # a weak spot: noted, referred
        praise = PRAISE[env.value] if score >= 4 else ""
        values[f"{env.value}_note"] = note if found else praise
        if found:
            weakest = weakest or env.label
            issues.append(_issue(issue, env, unit, day, rnd, today))
    values["summary"] = f"重点了解{weakest}方面的困难。" if weakest else "企业总体评价较好。"
    values["issues"] = issues
    return values


def _issue(
    item: str, env: c.Environment, unit: str, day: date, rnd: t.Random, today: date
) -> dict[str, object]:
    """An issue referred on the day, as far along as its age makes likely."""
    due = day + timedelta(days=30)
    age = (today - day).days
    step = min(4, int(age / 30 * rnd() * 1.5))
    status = [c.IssueStatus.SUBMITTED, c.IssueStatus.ASSIGNED, c.IssueStatus.SUPERVISED,
              c.IssueStatus.FED_BACK, c.IssueStatus.CLOSED][step]  # fmt: skip
    found: dict[str, object] = {"item": item, "environment": env.value, "due": due,
                                "status": status.value}  # fmt: skip
    if step >= 1:
        found["unit"] = unit
    if step >= 3:
        found["result"] = "已与企业对接，问题已协调解决"
    if step >= 4:
        found["evaluation"] = c.Satisfaction.SATISFIED.value if rnd() < 0.8 else "basic"
    return found
