"""Pages refresh themselves from announced changes: no page is reloaded by hand."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from studio_app.core.errors import ValidationError
from studio_app.exchange.export import export_studio
from studio_app.exchange.importer import import_package
from studio_app.paths import DataDir
from studio_app.services import backups, county_desk, members, records, site, visits
from studio_app.services.context import Context
from studio_app.storage.database import close_database
from studio_app.storage.models import Member
from studio_app.ui import operations
from studio_app.ui.main_window import MainWindow
from studio_app.ui.operations import DbWorker
from studio_app.ui.pages.list_page import select_row
from studio_app.workspace import Workspace
from tests.exchange.builders import fill
from tests.exchange.conftest import Install, county, out, studio  # noqa: F401
from tests.ui.conftest import AddVisits, People


def _visit(ctx: Context, people: People, content: str = "新反映的问题") -> int:
    values = {
        "channel": "reception",
        "occurred_at": ctx.now_local() - timedelta(hours=1),
        "members": [people.members["王建国"]],
        "content": content,
        "category": "01",
        "handling": "answered",
    }
    return int(visits.create(ctx, values).id)


def _ids(window: MainWindow) -> list[int]:
    model = window.visits.model
    return [model.visit_id(r) for r in range(model.rowCount())]


def test_a_service_write_shows_in_the_open_list_keeping_the_selection(
    window: MainWindow, ctx: Context, people: People, add_visits: AddVisits
) -> None:
    add_visits(5)
    window.visits.reload()  # the visits were added before it: no page follows a test fixture
    page = window.visits
    chosen = _ids(window)[2]
    assert select_row(page.table, page.model, chosen)

    made = _visit(ctx, people)  # through the service, not the page

    assert made in _ids(window) and page.model.total == 6
    assert page.selected_id() == chosen  # the user's row is still the current one
    recent = window.desk.recorded_today
    assert made in [recent.visit_id(r) for r in range(recent.rowCount())]


def test_a_rolled_back_write_refreshes_nothing(
    window: MainWindow, ctx: Context, people: People
) -> None:
    resets: list[int] = []
    window.visits.model.modelReset.connect(lambda: resets.append(1))
    with pytest.raises(ValidationError), records.atomic():
        _visit(ctx, people)
        visits.create(ctx, {"channel": "reception"})  # no content, no time: refused
    assert resets == [] and window.visits.model.total == 0


def test_a_page_reads_the_kinds_it_shows_and_no_others(
    window: MainWindow, ctx: Context, people: People
) -> None:
    resets: dict[str, int] = {}
    for name in ("visits", "members", "residents"):
        model = getattr(window, name).model
        model.modelReset.connect(lambda n=name: resets.__setitem__(n, resets.get(n, 0) + 1))
    members.create(ctx, {"name": "新来的委员"})
    page = window.members
    names = [page.model.row_values(r)["name"] for r in range(page.model.rowCount())]
    assert "新来的委员" in names
    # The visits list shows members' names; a resident has a contact member.
    assert resets == {"members": 1, "visits": 1, "residents": 1}
    _visit(ctx, people)
    assert resets == {"members": 1, "visits": 2, "residents": 2}  # a resident's visits, below


def test_a_restore_refreshes_every_page(
    window: MainWindow, ctx: Context, people: People, db_path: Path
) -> None:
    copy = backups.back_up(ctx, "manual").path
    _visit(ctx, people)
    members.create(ctx, {"name": "后来添加的委员"})
    assert window.visits.model.total == 1
    resets: dict[str, int] = {}
    for name in ("visits", "members", "residents", "interview", "proposals"):
        page = window.lazy_page(name)
        page.model.modelReset.connect(lambda n=name: resets.__setitem__(n, resets.get(n, 0) + 1))

    backups.restore(DataDir(db_path.parent), copy, ctx=ctx)

    assert resets == dict.fromkeys(("visits", "members", "residents", "interview", "proposals"), 1)
    assert window.visits.model.total == 0
    model = window.members.model
    assert "后来添加的委员" not in [model.row_values(r)["name"] for r in range(model.rowCount())]


def test_a_write_on_the_database_worker_reaches_the_page(
    qtbot: Any, window: MainWindow, ctx: Context, people: People
) -> None:
    worker = DbWorker()
    previous = operations.install(worker)
    done: list[Any] = []
    try:
        operations.runner().submit(
            lambda _p: _visit(ctx, people, "在工作线程写入"), lambda r, e: done.append((r, e))
        )
        qtbot.waitUntil(lambda: bool(done))
        assert done[0][1] is None
        qtbot.waitUntil(lambda: window.visits.model.total == 1)
    finally:
        worker.stop()
        operations.install(previous)
    assert _ids(window) == [done[0][0]]


def test_an_import_refreshes_the_visits_list_and_the_county_desk(
    qtbot: Any,
    tmp_path: Path,
    studio: Install,  # noqa: F811
    county: Install,  # noqa: F811
    out: Path,  # noqa: F811
) -> None:
    from studio_app.ui.app import build_main_window

    with studio as ctx:
        fill(ctx)
        first = export_studio(ctx, out).path
        made = visits.create(
            ctx,
            {
                "channel": "reception",
                "occurred_at": ctx.now_local() - timedelta(hours=2),
                "members": [Member.select().first().id],
                "content": "第二个数据包里的接待",
                "category": "01",
                "handling": "answered",
            },
        )
        second = export_studio(ctx, out).path
    assert first is not None and second is not None
    with county as cctx:
        assert import_package(cctx, first).applied
        workspace = Workspace(DataDir(county.path.parent), site.local_site())
        window = build_main_window(workspace)
        qtbot.addWidget(window)
        before = window.visits.model.total
        packages = {s.code: s.packages for s in county_desk.load(cctx).studios}
        assert packages == {"SQZ": 1}

        assert import_package(cctx, second).applied  # through the service, not the page

        assert window.visits.model.total == before + 1
        model = window.visits.model
        assert made.serial in [model.row_values(r)["serial"] for r in range(model.rowCount())]
        desk = window.desk
        studios = [desk.studios.topLevelItem(i) for i in range(desk.studios.topLevelItemCount())]
        assert [item.text(1) for item in studios if item is not None] == ["2"]
    close_database()
