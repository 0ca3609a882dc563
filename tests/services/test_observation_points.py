"""Observation points on the private-economy environment (民营经济发展环境监测点): an
enterprise's register with its 统一社会信用代码 checked by GB 32100 (typed or from a package),
its phone kept like residents', its members; counted in ``stats --json``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from studio_app.core import kinds
from studio_app.core.errors import ValidationError
from studio_app.core.identity import IdentifierError, normalise_credit_code
from studio_app.services import kind_records, members
from studio_app.services.context import Context
from studio_app.storage.models import database
from tests.services.helpers import stats_json

POINT = kinds.OBSERVATION_POINT
VALID = "91350100M000100Y43"  # a published code: its check character is Y43's 3


def values(ctx: Context, **more: Any) -> dict[str, Any]:
    lee = members.create(ctx, {"name": "李梅"}).id
    return {"name": "石桥精密机械有限公司", "credit_code": VALID, "industry": "通用设备制造",
            "size": "中型", "contact_person": "周建平", "phone": "138 0000 1111",
            "members": [lee], "designated_on": "2025-03-01", **more}  # fmt: skip


@pytest.mark.parametrize(
    ("typed", "kept"),
    [(VALID, VALID), ("91350100m000100y43", VALID), ("９１３５０１００Ｍ０００１００Ｙ４３", VALID),
     ("9135 0100 M000 100Y 43", VALID)],
)  # fmt: skip
def test_a_credit_code_is_kept_in_its_one_form(typed: str, kept: str) -> None:
    assert normalise_credit_code(typed) == kept


@pytest.mark.parametrize(
    ("typed", "message"),
    [("91350100M000100Y4", "应为18位，这里是17位"),
     ("91350100M000100Y44", "校验位不对"),
     ("91350100M0001O0Y43", "不应有“O”"),
     ("91350100M000100S43", "不应有“S”")],
)  # fmt: skip
def test_a_wrong_credit_code_is_refused_and_says_why(typed: str, message: str) -> None:
    with pytest.raises(IdentifierError) as refused:
        normalise_credit_code(typed)
    assert message in str(refused.value)


def test_a_point_is_registered_with_its_code_checked(ctx: Context) -> None:
    with pytest.raises(ValidationError) as refused:
        kind_records.create(ctx, POINT, values(ctx, credit_code="91350100M000100Y44"))
    assert refused.value.errors == {"credit_code": "统一社会信用代码：校验位不对，请核对是否抄错"}
    assert database.execute_sql("SELECT count(*) FROM observation_point").fetchone() == (0,)
    point = kind_records.create(ctx, POINT, values(ctx, credit_code="91350100m000100y43"))
    kept = kind_records.values(POINT, point.id)
    assert kept["credit_code"] == VALID and kept["phone"] == "13800001111"
    assert kept["size"] == "medium" and not kept["retired"] and len(kept["members"]) == 1
    no_code = kind_records.create(ctx, POINT, values(ctx, name="农家乐民宿", credit_code=""))
    assert kind_records.values(POINT, no_code.id)["credit_code"] == ""  # optional


def test_stats_json_counts_the_points(ctx: Context, db_path: Path, capsys: Any) -> None:
    kind_records.create(ctx, POINT, values(ctx))
    gone = kind_records.create(ctx, POINT, values(ctx, name="宏达塑料制品厂", credit_code=""))
    kind_records.trash(ctx, POINT, gone.id)
    found = stats_json(db_path, capsys)
    assert found["observation_points"]["total"] == 1
    assert found["observation_points"]["label"] == "民营经济发展环境监测点"
