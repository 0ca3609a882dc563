"""The lazy visits model: paging, sorting in SQL, labels, overdue rows."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt

from studio_app.core.codes import CodeListKind
from studio_app.services import site
from studio_app.services.context import Context
from studio_app.services.lists import visits as visit_list
from studio_app.services.lists.paging import ListQuery
from studio_app.ui.lookups import Lookups
from studio_app.ui.models.lister_table import PAGE_SIZE
from studio_app.ui.models.visit_table import COLUMNS, VisitTableModel, visit_model
from tests.ui.conftest import AddVisits


@pytest.fixture
def page_calls(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Every page the model asks the visits lister for, with its arguments."""
    calls: list[dict[str, Any]] = []
    real = visit_list.LISTER.page

    def spy(query: ListQuery, **kw: Any) -> Any:
        calls.append({"query": query, **kw})
        return real(query, **kw)

    monkeypatch.setattr(visit_list.LISTER, "page", spy)
    return calls


def cell(model: VisitTableModel, row: int, key: str, role: int = 0) -> Any:
    return model.data(model.index(row, COLUMNS.index(key)), role)


def test_model_passes_the_qt_model_tester(
    qtmodeltester, ctx: Context, add_visits: AddVisits
) -> None:
    add_visits(25)
    model = visit_model(ctx, Lookups.load(), page_size=10)
    model.reload()
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() >= 10


def test_first_load_is_one_page_and_fetch_more_adds_pages(
    ctx: Context, add_visits: AddVisits, page_calls: list[dict[str, Any]]
) -> None:
    add_visits(500)
    model = visit_model(ctx, Lookups.load())
    model.reload()
    assert model.rowCount() == PAGE_SIZE == 200
    assert model.total == 500
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 400
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 500
    assert not model.canFetchMore(QModelIndex())
    assert [c["limit"] for c in page_calls] == [200, 200, 200]
    assert page_calls[0].get("after") is None and page_calls[1]["after"] is not None
    ids = [model.visit_id(r) for r in range(500)]
    assert len(set(ids)) == 500  # pages neither overlap nor skip


def test_sort_requeries_in_sql(
    ctx: Context, add_visits: AddVisits, page_calls: list[dict[str, Any]]
) -> None:
    add_visits(30)
    model = visit_model(ctx, Lookups.load(), page_size=10)
    model.reload()
    times = [cell(model, r, "occurred_at") for r in range(10)]
    assert times == sorted(times, reverse=True)

    model.sort(COLUMNS.index("occurred_at"), Qt.SortOrder.AscendingOrder)
    assert page_calls[-1]["query"].sort == "occurred_at"
    assert page_calls[-1]["query"].descending is False
    ascending = [cell(model, r, "occurred_at") for r in range(10)]
    assert ascending == sorted(ascending) and ascending[0] < times[-1]

    model.sort(COLUMNS.index("serial"), Qt.SortOrder.DescendingOrder)
    names = [cell(model, r, "serial") for r in range(10)]
    assert names == sorted(names, reverse=True)
    assert model.sort_column() == COLUMNS.index("serial")

    calls = len(page_calls)
    model.sort(COLUMNS.index("member_names"), Qt.SortOrder.AscendingOrder)  # not sortable
    assert len(page_calls) == calls
    assert model.sort_column() == COLUMNS.index("serial")


def test_codes_are_shown_as_labels(ctx: Context, add_visits: AddVisits) -> None:
    add_visits(1, channel="home_visit", category="05", handling="explained")
    model = visit_model(ctx, Lookups.load())
    model.reload()
    assert cell(model, 0, "channel") == "入户走访"
    assert cell(model, 0, "category") == site.code_labels(CodeListKind.ISSUE_CATEGORY)["05"]
    assert cell(model, 0, "handling") == "解释疏导"
    assert cell(model, 0, "status") == "已办结"
    assert cell(model, 0, "serial").startswith("JD-")
    assert model.headerData(0, Qt.Orientation.Horizontal) == "编号"


def test_overdue_open_cases_are_highlighted(ctx: Context, add_visits: AddVisits) -> None:
    long_ago = ctx.now_local() - timedelta(days=60)
    add_visits(1, start=long_ago, handling="referred", referred_unit="02")  # due 45 days ago
    add_visits(1, start=long_ago + timedelta(days=1), handling="answered")
    add_visits(1, handling="referred", referred_unit="02", start=ctx.now_local())  # not yet due
    model = visit_model(ctx, Lookups.load())
    model.reload()
    by_status = {cell(model, r, "occurred_at"): r for r in range(3)}
    rows = [by_status[k] for k in sorted(by_status)]  # oldest first
    assert model.is_overdue(rows[0])
    assert cell(model, rows[0], "referred_unit") == "县交通运输局"
    assert cell(model, rows[0], "due_at", Qt.ItemDataRole.BackgroundRole) is not None
    assert cell(model, rows[0], "due_at", Qt.ItemDataRole.ToolTipRole) == "已超期"
    assert not model.is_overdue(rows[1])
    assert not model.is_overdue(rows[2])
    assert cell(model, rows[1], "serial", Qt.ItemDataRole.BackgroundRole) is None
