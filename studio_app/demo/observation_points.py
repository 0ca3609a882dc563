"""The demo studio's observation points on the private-economy environment (民营经济发展环境
监测点): eight enterprises of the township, each with a valid 统一社会信用代码, an industry
and size, a contact person and phone and one or two members, created through the kind's
service like typed ones (``studio.OWN_DEMOS``)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from studio_app.core import kinds
from studio_app.core.identity import CREDIT_CODE_CHARS, credit_code_check
from studio_app.demo import text as t
from studio_app.services import kind_records
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
