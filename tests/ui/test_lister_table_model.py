"""The generic lazy list model over the record listers: Qt contract, paging, SQL sorting."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from studio_app.core import kinds
from studio_app.services import interviews, members, proposals
from studio_app.services.context import Context
from studio_app.services.lists.paging import Lister, ListQuery
from studio_app.services.lists.records import MEMBERS, PROPOSALS, RESIDENTS, kind_lister
from studio_app.ui.models.lister_table import ListColumn, ListerTableModel, flag, plain
from tests.ui.conftest import People


def make_interviews(ctx: Context, people: People, n: int) -> list[int]:
    start = ctx.now_local() - timedelta(days=30)
    member_ids = list(people.members.values())
    return [
        interviews.create(
            ctx,
            {
                "kind": "offline" if i % 2 else "online",
                "title": f"访谈主题{i:02d}",
                "occurred_at": start + timedelta(hours=i),
                "members": [member_ids[i % 3]],
            },
        ).id
        for i in range(n)
    ]


INTERVIEWS = kind_lister(kinds.INTERVIEW)
COLUMNS = {
    "interview": (INTERVIEWS, ("serial", "occurred_at", "title", "status")),
    "proposal": (PROPOSALS, ("serial", "kind", "title", "lead_member", "created_at")),
    "member": (MEMBERS, ("name", "sector", "is_standing")),
    "resident": (RESIDENTS, ("name", "phone", "village")),
}


def model_for(lister: Lister, keys: tuple[str, ...], page_size: int = 4) -> ListerTableModel:
    columns = [ListColumn(k, k, plain(k)) for k in keys]
    return ListerTableModel(lister, columns, page_size=page_size)


@pytest.mark.parametrize("kind", sorted(COLUMNS))
def test_models_pass_the_qt_model_tester(
    qtmodeltester, ctx: Context, people: People, kind: str
) -> None:
    make_interviews(ctx, people, 9)
    for i in range(6):
        proposals.create(
            ctx, {"kind": "sqmy", "title": f"情况反映{i}", "lead_member": people.members["李梅"]}
        )
    lister, keys = COLUMNS[kind]
    model = model_for(lister, keys)
    model.reload()
    assert model.rowCount() > 0
    qtmodeltester.check(model, force_py=True)
    while model.canFetchMore():
        model.fetchMore()
    qtmodeltester.check(model, force_py=True)


def test_pages_load_lazily_and_sort_in_sql(ctx: Context, people: People) -> None:
    ids = make_interviews(ctx, people, 10)
    model = model_for(INTERVIEWS, ("serial", "occurred_at", "title", "member_names"))
    model.reload()
    assert model.total == 10 and model.rowCount() == 4
    assert [model.record_id(r) for r in range(4)] == ids[::-1][:4]
    model.fetchMore()
    assert model.rowCount() == 8
    model.sort(model.column_of("title"), Qt.SortOrder.AscendingOrder)
    assert model.rowCount() == 4 and model.index(0, 2).data() == "访谈主题00"
    before = model.query
    model.sort(model.column_of("member_names"), Qt.SortOrder.AscendingOrder)  # not sortable
    assert model.query == before
    assert model.headerData(2, Qt.Orientation.Horizontal) == "title"
    assert model.index(0, 0).data(Qt.ItemDataRole.UserRole) == model.record_id(0)


def test_queries_filter_and_search(ctx: Context, people: People) -> None:
    make_interviews(ctx, people, 6)
    model = model_for(INTERVIEWS, ("title", "kind"), page_size=50)
    model.set_query(ListQuery(filters={"kind": "online"}))
    assert model.total == 3 and {model.index(r, 1).data() for r in range(3)} == {"online"}
    model.set_query(ListQuery(text="主题05"))
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["访谈主题05"]


def test_display_functions(ctx: Context) -> None:
    members.create(ctx, {"name": "王建国", "is_standing": True})
    members.create(ctx, {"name": "李梅"})
    columns = [
        ListColumn("name", "姓名", plain("name", width=1)),
        ListColumn("is_standing", "常委", flag("is_standing", "✓")),
    ]
    model = ListerTableModel(MEMBERS, columns, query=ListQuery(sort="name", descending=False))
    model.reload()
    assert [(model.index(r, 0).data(), model.index(r, 1).data()) for r in range(2)] == [
        ("李", ""),
        ("王", "✓"),
    ]


class DeferredRunner:
    """Holds submitted operations until ``run_all``, as a busy worker thread would."""

    def __init__(self) -> None:
        self.waiting: list = []

    def submit(self, operation, on_done=None, *, owner=None):  # type: ignore[no-untyped-def]
        self.waiting.append((operation, on_done))

    def run_all(self) -> None:
        from studio_app.ui.operations import Progress

        waiting, self.waiting = self.waiting, []
        for operation, on_done in waiting:
            on_done(operation(Progress()), None)


def test_the_count_comes_from_the_worker_and_an_older_one_is_dropped(
    ctx: Context, people: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    from studio_app.ui import operations
    from studio_app.ui.models.lister_table import COUNTING, count_text

    make_interviews(ctx, people, 6)
    runner = DeferredRunner()
    monkeypatch.setattr(operations, "_runner", runner)
    model = model_for(INTERVIEWS, ("title", "kind"), page_size=50)
    totals: list[int] = []
    model.totalChanged.connect(totals.append)
    model.reload()
    assert model.rowCount() == 6  # the first page is there at once
    assert model.total == COUNTING and count_text(model.total) == "…"
    model.set_query(ListQuery(filters={"kind": "online"}))  # a newer query before the count
    runner.run_all()
    assert model.total == 3 and totals == [COUNTING, COUNTING, 3]
    model.sort(model.column_of("title"), Qt.SortOrder.AscendingOrder)  # same rows: no count
    assert runner.waiting == [] and model.total == 3 and count_text(model.total) == "3"
