"""The visits list: keyset paging, SQL sorting and filtering, Chinese search."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta

import pytest

from studio_app.core.errors import UserError
from studio_app.services import visits
from studio_app.services.context import Context
from studio_app.services.lists import paging as listing
from studio_app.services.lists import visits as visit_list
from studio_app.services.lists.paging import ListQuery
from tests.conftest import fixed_clock
from tests.services.helpers import member, resident, visit

pytestmark = pytest.mark.both_engines  # also on PostgreSQL (the county's several PCs)

TEXTS = [
    "村口道路破损积水",
    "低保申请政策咨询",
    "邻里宅基地纠纷",
    "道路两侧路灯不亮",
    "学校门口交通拥堵",
]
CATEGORIES = ["交通出行", "社会保障", "矛盾纠纷", "城乡建设与管理", "教育"]


@pytest.fixture
def many(ctx: Context) -> list[int]:
    """45 visits on different days, some with the same time (ties broken by id)."""
    c = dataclasses.replace(ctx, clock=fixed_clock(datetime(2026, 6, 1)))
    m1, m2 = member(c, "王建国"), member(c, "陈美华")
    r = resident(c, "李秀英", village="东岙村")
    ids = []
    start = datetime(2026, 1, 1, 9, 0)
    for i in range(45):
        v = visit(
            c,
            member_ids=[m1.id if i % 2 else m2.id],
            residents=[r.id] if i % 3 == 0 else [],
            occurred_at=start + timedelta(days=i // 3),
            content=f"{TEXTS[i % 5]}（第{i}件）",
            category=CATEGORIES[i % 5],
            channel=["reception", "phone", "home_visit"][i % 3],
            handling="referred" if i % 4 == 0 else "answered",
            referred_unit="县住建局" if i % 4 == 0 else "",
        )
        ids.append(v.id)
    visits.delete(c, ids[-1])
    return ids


def ctx_of(row: object) -> Context:
    from studio_app.services import site

    return site.context_for(site.require_site())


def _all(query: ListQuery, limit: int = 7) -> list[tuple]:
    rows, cursor = [], None
    while True:
        page = visit_list.page(query, after=cursor, limit=limit)
        rows += page.rows
        if page.cursor is None:
            return rows
        cursor = page.cursor


def _key(row: tuple, name: str):  # type: ignore[no-untyped-def]
    return row[visit_list.KEYS.index(name)]


def test_keyset_pages_cover_every_live_row_once_newest_first(many: list[int]) -> None:
    rows = _all(ListQuery())
    ids = [r[0] for r in rows]
    assert sorted(ids) == sorted(many[:-1])
    assert len(set(ids)) == len(ids) == visit_list.count(ListQuery()) == 44
    keys = [(_key(r, "occurred_at"), r[0]) for r in rows]
    assert keys == sorted(keys, reverse=True)


@pytest.mark.parametrize("sort", ["serial", "category", "status", "due_at", "channel"])
@pytest.mark.parametrize("descending", [True, False])
def test_sorting_is_done_in_sql_and_pages_stay_consistent(
    many: list[int], sort: str, descending: bool
) -> None:
    rows = _all(ListQuery(sort=sort, descending=descending), limit=5)
    then = () if sort == "serial" else ("occurred_at",)
    keys = [(_key(r, sort) or "", *(_key(r, k) for k in then), r[0]) for r in rows]
    assert keys == sorted(keys, reverse=descending)
    assert len(rows) == 44


def test_unsortable_column_is_refused(many: list[int]) -> None:
    for key in ("content", "member_names", "handling", "nonexistent"):
        with pytest.raises(UserError):
            visit_list.page(ListQuery(sort=key))


@pytest.mark.sqlite_only
def test_every_sortable_column_reads_along_an_index(many: list[int]) -> None:
    from studio_app.storage.models import database

    lister = visit_list.LISTER
    for column in visit_list.COLUMNS:
        if not column.sortable:
            continue
        query = ListQuery(sort=column.key)
        where, params = lister._where(query, date.today())
        where, params, tail = lister._keyset(query, where, params, None)
        sql = f"EXPLAIN QUERY PLAN SELECT t.id FROM visit t WHERE {where} {tail}"
        plan = " ".join(r[-1] for r in database.connection().execute(sql, [*params, 10]))
        assert "TEMP B-TREE" not in plan, (column.key, plan)


def test_filters(many: list[int]) -> None:
    m = member.__globals__["members"].list_active()[0]  # 王建国 or 陈美华, first by name
    assert visit_list.count(ListQuery(filters={"channel": "phone"})) == 15
    assert visit_list.count(ListQuery(filters={"status": ["referred"]})) == 11
    assert (
        visit_list.count(ListQuery(filters={"date_from": "2026-01-02", "date_to": "2026-01-03"}))
        == 6
    )
    assert visit_list.count(ListQuery(filters={"village": "东岙村"})) == 15
    by_member = _all(ListQuery(filters={"member": m.id}))
    assert by_member and all(_key(r, "member_names") == m.name for r in by_member)
    overdue = visit_list.count(ListQuery(filters={"overdue": True}))
    assert overdue == 11  # referred in January with a 15-day limit, today is later
    assert visit_list.count(ListQuery(filters={"overdue": False})) == 44
    assert visit_list.count(ListQuery(trash=True)) == 1
    with pytest.raises(UserError):
        visit_list.count(ListQuery(filters={"colour": "red"}))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("道", 18), ("道路", 18), ("路灯", 9), ("宅基地纠纷", 9), ("积水 第1", 2), ("JD-2026-000", 9)],
)
@pytest.mark.parametrize("strategy", ["walk", "walk-small-chunks", "sort-matches"])
def test_search_finds_1_2_and_n_character_terms(
    many: list[int], monkeypatch: pytest.MonkeyPatch, text: str, expected: int, strategy: str
) -> None:
    monkeypatch.setattr(listing, "DENSE_MATCHES", 10_000 if strategy == "sort-matches" else 0)
    if strategy == "walk-small-chunks":
        monkeypatch.setattr(listing, "WALK_CHUNK", 3)
    query = ListQuery(text=text)
    rows = _all(query, limit=4)
    assert len(rows) == visit_list.count(query) == expected
    keys = [(_key(r, "occurred_at"), r[0]) for r in rows]
    assert keys == sorted(keys, reverse=True)


def test_search_excludes_trash_and_combines_with_filters(many: list[int]) -> None:
    last = visits.get(many[-1])
    assert visit_list.count(ListQuery(text=last.serial)) == 0
    assert visit_list.count(ListQuery(text=last.serial, trash=True)) == 1
    assert visit_list.page(ListQuery(text="学校", trash=True)).rows[0][0] == last.id
    assert visit_list.count(ListQuery(text="100%_", trash=True)) == 0
    visits.restore(ctx_of(last), last.id)
    assert visit_list.count(ListQuery(text=last.serial)) == 1
    assert visit_list.count(ListQuery(text="道路", filters={"channel": "phone"})) == 6


def test_search_by_names_and_odd_input(many: list[int]) -> None:
    assert visit_list.count(ListQuery(text="秀英")) == 15
    assert visit_list.count(ListQuery(text='"')) == 44  # no tokens: no text filter
    assert visit_list.count(ListQuery(text="AND OR NOT")) == 0
    assert visit_list.count(ListQuery(text="火星")) == 0


def test_id_ranges_split_at_gaps_and_merge_when_scattered() -> None:
    assert listing._id_ranges([1, 2, 3, 500, 501]) == [(1, 3), (500, 501)]
    assert listing._id_ranges([5]) == [(5, 5)]
    scattered = list(range(0, 100_000, 1000))
    assert listing._id_ranges(scattered) == [(0, 99_000)]


@pytest.mark.sqlite_only
def test_unfiltered_count_comes_from_the_trigger_kept_tally(many: list[int]) -> None:
    from studio_app.services import integrity
    from studio_app.storage.models import database

    def scanned() -> int:
        sql = "SELECT count(*) FROM visit WHERE deleted_at IS NULL"
        return int(database.connection().execute(sql).fetchone()[0])

    c = ctx_of(None)
    visits.delete(c, many[0])
    visits.restore(c, many[-1])
    visits.delete(c, many[1])
    with database.atomic():
        database.connection().execute("DELETE FROM visit WHERE id = ?", [many[2]])
        database.connection().execute("DELETE FROM visit WHERE id = ?", [many[1]])  # trashed
    assert visit_list.count(ListQuery()) == scanned() == 42
    assert integrity.problems() == []
    database.connection().execute("UPDATE live_count SET n = 7 WHERE table_name = 'visit'")
    assert any("计数" in p for p in integrity.problems())


@pytest.mark.parametrize("strategy", ["sort-subset", "walk-sort-order"])
@pytest.mark.parametrize("sort", ["occurred_at", "status", "serial"])
def test_member_and_village_filters_page_alike_either_way(
    many: list[int], monkeypatch: pytest.MonkeyPatch, strategy: str, sort: str
) -> None:
    """A large subset walks the sort order, a small one is sorted: same rows, same order."""
    monkeypatch.setattr(listing, "DENSE_MATCHES", 10_000 if strategy == "sort-subset" else 0)
    from studio_app.storage.models import Member

    member_id = Member.get(Member.name == "王建国").id  # the odd visits'
    other = Member.get(Member.name == "陈美华").id  # the even ones, the trashed 45th too
    for filters, expected in (
        ({"member": member_id}, 22),  # the odd ones
        ({"member": other}, 22),  # 23, less the one in the trash
        ({"village": "东岙村"}, 15),  # every third (the trashed last one is not)
        ({"member": member_id, "village": "东岙村"}, 7),
    ):
        query = ListQuery(filters=filters, sort=sort)
        rows = _all(query, limit=4)
        assert len(rows) == visit_list.count(query) == expected
        keys = [(_key(r, sort), r[0]) for r in rows]
        assert keys == sorted(keys, reverse=True)
