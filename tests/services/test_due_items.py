"""The items past their date and not carried out: an activity's follow-ups, oldest first;
done or explained items, items of trashed records and items without a date are not listed."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from studio_app.core import kinds
from studio_app.services import due_items, kind_records, members
from studio_app.services.context import Context

pytestmark = pytest.mark.both_engines  # also on PostgreSQL (the county's several PCs)


def _activity(ctx: Context, title: str, follow_ups: list[dict]) -> int:
    m = members.create(ctx, {"name": f"{title}委员"})
    values = {
        "title": title,
        "kind": "07",
        "organiser": "studio",
        "starts_at": datetime(2026, 10, 9, 9, 0),
        "attendance": [{"member": m.id, "attendance": "present"}],
        "follow_ups": follow_ups,
    }
    return int(kind_records.create(ctx, kinds.ACTIVITY, values).id)


def test_overdue_items_oldest_first(ctx: Context) -> None:
    today = date(2026, 12, 5)
    first = _activity(
        ctx,
        "视察水库",
        [
            {
                "item": "清理溢洪道",
                "unit": "县水利局",
                "due": "2026-11-30",
                "status": "in_progress",
            },
            {"item": "加装护栏", "due": "2026-11-01", "status": "done", "done_on": "2026-11-01"},
            {"item": "设警示牌", "due": "2026-11-02", "status": "not_feasible", "note": "已拆除"},
            {"item": "没有期限"},
            {"item": "下月再查", "due": "2026-12-20"},
        ],
    )
    second = _activity(ctx, "调研学校", [{"item": "修缮围墙", "due": "2026-10-15"}])
    trashed = _activity(ctx, "已删除的活动", [{"item": "不应出现", "due": "2026-10-01"}])
    kind_records.trash(ctx, kinds.ACTIVITY, trashed)
    found = due_items.overdue(today)
    assert [(i.record_id, i.item, i.due) for i in found] == [
        (second, "修缮围墙", date(2026, 10, 15)),
        (first, "清理溢洪道", date(2026, 11, 30)),
    ]
    assert found[1].unit == "11" and found[1].status == "in_progress"
    assert found[1].serial.startswith("HD-") and found[1].title == "视察水库"
    assert due_items.overdue(date(2026, 10, 15)) == []  # the day itself is not past
