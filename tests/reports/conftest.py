"""Fixtures for printing tests: a studio with a small, hand-built set of records."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest

from studio_app.services import visits
from studio_app.services.context import Context
from tests.conftest import fixed_clock
from tests.services.helpers import member, resident, visit

PHONE = "13812345678"
ID_NUMBER = "11010519491231002X"


@pytest.fixture
def march(ctx: Context) -> Context:
    """The studio's context with its clock at the end of March 2026."""
    return replace(ctx, clock=fixed_clock(datetime(2026, 3, 31, 10, 0)))


@pytest.fixture
def referred_visit(march: Context):  # type: ignore[no-untyped-def]
    """A visit that went the whole way: referred, fed back, revisited, closed."""
    a = member(march, "王建国", sector="农业界")
    b = member(march, "陈丽", sector="教育界")
    who = resident(march, "李秀英", village="东岙村", phone=PHONE, id_number=ID_NUMBER)
    v = visit(
        march,
        member_ids=[a.id, b.id],
        residents=[who.id],
        channel="home_visit",
        place="东岙村3组",
        category="交通出行",
        content="村口道路破损，下雨天积水严重，老人出行不便。",
        onsite_reply="委员当场记录并答应向镇里反映。",
        handling="referred",
        referred_unit="县交通运输局",
        referred_at="2026-03-03",
        due_at="2026-03-18",
        occurred_at="2026-03-02 09:30",
    )
    visits.advance(
        march,
        v.id,
        "feed_back",
        {"result": "已安排修补路面并疏通排水沟。", "feedback_at": "2026-03-16",
         "feedback_channel": "phone"},
    )  # fmt: skip
    visits.advance(
        march,
        v.id,
        "close",
        {"satisfaction": "satisfied", "revisit_at": "2026-03-20", "revisit_note": "群众表示满意。"},
    )
    return visits.get(v.id)
