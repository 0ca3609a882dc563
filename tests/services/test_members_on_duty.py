"""members.on_duty: who recorded visits on a day (the desk's duty list)."""

from __future__ import annotations

from datetime import date

import pytest

from studio_app.services import members, visits
from studio_app.services.context import Context
from tests.services.helpers import member, visit

pytestmark = pytest.mark.both_engines  # also on PostgreSQL (the county's several PCs)


def test_on_duty_lists_members_with_live_visits_that_day(ctx: Context) -> None:
    wang, li, chen = (member(ctx, n) for n in ("王建国", "李梅", "陈志强"))
    visit(ctx, member_ids=[wang.id, li.id], occurred_at="2026-03-02 09:30")
    visit(ctx, member_ids=[wang.id], occurred_at="2026-03-02 23:59")
    visit(ctx, member_ids=[chen.id], occurred_at="2026-03-03 00:00")
    gone = visit(ctx, member_ids=[chen.id], occurred_at="2026-03-02 10:00")
    visits.delete(ctx, gone.id)
    assert [m.name for m in members.on_duty(date(2026, 3, 2))] == ["李梅", "王建国"]
    assert [m.name for m in members.on_duty(date(2026, 3, 3))] == ["陈志强"]
    assert members.on_duty(date(2026, 3, 4)) == []
