"""Member activities (委员活动): attendance kept per member and exact, follow-up items with
their rules, counted in ``stats --json`` under ``activities``."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from studio_app.core import kinds
from studio_app.core.errors import ValidationError
from studio_app.services import kind_records, members
from studio_app.services.context import Context
from studio_app.storage.models import database
from tests.services.helpers import stats_json


def _values(ctx: Context, **changes: object) -> dict:
    lee = members.create(ctx, {"name": "李梅"}).id
    wang = members.create(ctx, {"name": "王建国"}).id
    values = {
        "title": "科技下乡：果树修剪技术培训",
        "kind": "四下乡·科技",
        "organiser": "本工作室",
        "starts_at": "2026-03-12 09:00",
        "place": "东村文化礼堂",
        "attendance": [
            {"member": lee, "attendance": "出席"},
            {"member": wang, "attendance": "请假", "reason": "外出学习"},
        ],
        "participants": [{"kind": "专家", "name": "县农业农村局果树专家", "headcount": 2}],
        "served_count": 86,
    }
    return values | changes


def test_an_activity_keeps_each_members_attendance(ctx: Context) -> None:
    record = kind_records.create(ctx, kinds.ACTIVITY, _values(ctx))
    assert record.serial == "HD-2026-0001" or record.serial.startswith("HD-")
    kept = kind_records.values(kinds.ACTIVITY, record.id)
    assert [(r["attendance"], r["reason"]) for r in kept["attendance"]] == [
        ("present", ""),
        ("leave", "外出学习"),
    ]
    assert kept["participants"][0] == {"kind": "expert", "name": "县农业农村局果树专家",
                                       "headcount": 2}  # fmt: skip


@pytest.mark.parametrize(
    ("rows_key", "row", "message"),
    [
        ("attendance", {"attendance": "请假"},
         "第2名委员，委员：必填；请假事由：出席情况为“请假”时必填"),
        ("follow_ups", {"item": "修渠", "status": "已完成"},
         "第1项，完成日期：落实情况为“已完成”时必填"),
        ("follow_ups", {"item": "修渠", "status": "无法落实"},
         "第1项，进展/说明：落实情况为“无法落实”时必填"),
    ],
)  # fmt: skip
def test_rules_across_a_rows_columns(ctx: Context, rows_key: str, row: dict, message: str) -> None:
    values = _values(ctx)
    values[rows_key] = [*values["attendance"][:1], row] if rows_key == "attendance" else [row]
    with pytest.raises(ValidationError) as caught:
        kind_records.create(ctx, kinds.ACTIVITY, values)
    assert caught.value.errors[rows_key].endswith(message)
    assert database.execute_sql("SELECT count(*) FROM activity").fetchone()[0] == 0


def test_done_and_explained_items_are_accepted(ctx: Context) -> None:
    follow_ups = [
        {"item": "修渠", "status": "已完成", "done_on": "2026-04-01"},
        {"item": "建桥", "status": "无法落实", "note": "资金未落实，列入明年计划"},
    ]
    record = kind_records.create(ctx, kinds.ACTIVITY, _values(ctx, follow_ups=follow_ups))
    kept = kind_records.values(kinds.ACTIVITY, record.id)["follow_ups"]
    assert kept[0]["done_on"] == date(2026, 4, 1) and kept[1]["status"] == "not_feasible"


def test_stats_json_counts_activities(ctx: Context, db_path: Path, capsys) -> None:
    record = kind_records.create(ctx, kinds.ACTIVITY, _values(ctx))
    kind_records.create(ctx, kinds.ACTIVITY, _values(ctx, title="视察县城污水处理厂"))
    kind_records.trash(ctx, kinds.ACTIVITY, record.id)
    found = stats_json(db_path, capsys)
    assert found["activities"]["total"] == 1
    assert found["activities"]["label"] == "委员活动记录"


def test_members_are_credited_for_activities_they_attended(ctx: Context) -> None:
    """The period statistics credit a member per activity attended, not when on leave."""
    from studio_app.services.statistics import Period, report

    values = _values(ctx)
    kind_records.create(ctx, kinds.ACTIVITY, values)
    kind_records.create(ctx, kinds.ACTIVITY, values | {"title": "调研春耕用水"})
    march = report(Period.month(2026, 3))
    assert march.counted["activity"] == 2
    credited = {m.name: m.counted.get("activity", 0) for m in march.members}
    assert credited == {"李梅": 2}  # 王建国 was on leave both times
