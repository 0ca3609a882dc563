"""Lists of members, residents, interviews and proposals page, sort, filter and search."""

from __future__ import annotations

import pytest

from studio_app.core import kinds
from studio_app.services import interviews, proposals
from studio_app.services.context import Context
from studio_app.services.lists.paging import Lister, ListQuery
from studio_app.services.lists.records import MEMBERS, PROPOSALS, RESIDENTS, keys, kind_lister
from tests.services.helpers import member, resident

pytestmark = pytest.mark.both_engines  # also on PostgreSQL (the county's several PCs)


def _all(lister: Lister, query: ListQuery) -> list[tuple]:
    rows, cursor = [], None
    while True:
        page = lister.page(query, after=cursor, limit=3)
        rows += page.rows
        if page.cursor is None:
            return rows
        cursor = page.cursor


@pytest.fixture
def people(ctx: Context) -> Context:
    for i, name in enumerate(["王建国", "陈美华", "张常委", "李委员", "赵委员"]):
        member(ctx, name, is_standing=(i == 2), sector="教育界" if i % 2 else "农业界")
    for i in range(8):
        resident(ctx, f"群众{i}", phone=f"1380000{i:04d}", village="东岙村" if i < 5 else "西岙村")
    return ctx


def test_members_list(people: Context) -> None:
    rows = _all(MEMBERS, ListQuery(sort="name", descending=False))
    names = [r[keys(MEMBERS).index("name")] for r in rows]
    assert names == sorted(names) and len(names) == 5
    assert MEMBERS.count(ListQuery(filters={"is_standing": True})) == 1
    assert MEMBERS.count(ListQuery(filters={"sector": "21"})) == 3  # 农业界 has code 21


def test_residents_list_search_by_name_phone_and_village(people: Context) -> None:
    assert RESIDENTS.count(ListQuery()) == 8
    assert RESIDENTS.count(ListQuery(text="群众1")) == 1
    assert RESIDENTS.count(ListQuery(text="1380000000")) == 8
    assert RESIDENTS.count(ListQuery(text="13800000003")) == 1
    assert RESIDENTS.count(ListQuery(filters={"village": "西岙村"})) == 3
    assert len(_all(RESIDENTS, ListQuery(sort="village"))) == 8


def test_interviews_and_proposals_lists_search_their_text(people: Context) -> None:
    m = member(people, "孙委员")
    for title in ("农村养老服务", "学校周边交通", "养老金发放"):
        interviews.create(
            people,
            {"kind": "offline", "title": title, "occurred_at": "2026-02-01", "members": [m.id]},
        )
        proposals.create(
            people, {"kind": "sqmy", "title": f"关于{title}的建议", "lead_member": m.id}
        )
    interviews_ = kind_lister(kinds.INTERVIEW)
    assert interviews_.count(ListQuery(text="养老")) == 2
    assert interviews_.count(ListQuery(text="孙委员")) == 3
    assert interviews_.count(ListQuery(filters={"member": m.id})) == 3  # by one of its members
    assert PROPOSALS.count(ListQuery(text="交通")) == 1
    rows = _all(PROPOSALS, ListQuery(filters={"kind": "sqmy", "status": "draft"}))
    assert len(rows) == 3 and rows[0][keys(PROPOSALS).index("lead_member")] == "孙委员"
