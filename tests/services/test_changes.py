"""Service writes announce the kinds they changed, once committed, and never on a rollback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from studio_app.core.errors import ValidationError
from studio_app.exchange.export import export_studio
from studio_app.exchange.importer import import_package
from studio_app.paths import DataDir
from studio_app.services import (
    backups,
    changes,
    code_lists,
    interviews,
    members,
    records,
    resident_merge,
)
from studio_app.services.context import Context
from tests.exchange.conftest import Install, county, out, studio  # noqa: F401
from tests.services.helpers import member, resident, visit


@pytest.fixture
def heard() -> Iterator[list[frozenset[str]]]:
    got: list[frozenset[str]] = []
    stop = changes.subscribe(got.append)
    yield got
    stop()


def test_a_write_announces_its_kind_after_commit(ctx: Context, heard: list[frozenset[str]]) -> None:
    m = members.create(ctx, {"name": "王委员"})
    assert heard == [frozenset({"member"})]
    row = interviews.create(
        ctx,
        {"kind": "offline", "title": "议事", "occurred_at": "2026-11-20 09:00", "members": [m.id]},
    )
    interviews.delete(ctx, row.id)
    interviews.restore(ctx, row.id)
    assert heard[1:] == [frozenset({"interview"})] * 3


def test_one_transaction_announces_once(ctx: Context, heard: list[frozenset[str]]) -> None:
    with records.atomic():
        m = members.create(ctx, {"name": "王委员"})
        members.update(ctx, m.id, {"phone": "13805771234"})
        assert heard == []  # not yet committed
    assert heard == [frozenset({"member"})]


def test_a_rolled_back_write_announces_nothing(ctx: Context, heard: list[frozenset[str]]) -> None:
    with pytest.raises(ValidationError), records.atomic():
        members.create(ctx, {"name": "王委员"})
        members.create(ctx, {"name": ""})
    assert heard == []


def test_a_failing_listener_does_not_undo_the_write(ctx: Context) -> None:
    def broken(_: frozenset[str]) -> None:
        raise RuntimeError("page gone")

    stop = changes.subscribe(broken)
    try:
        m = members.create(ctx, {"name": "王委员"})
    finally:
        stop()
    assert members.get(m.id).name == "王委员"


def test_everything_covers_every_kind() -> None:
    assert changes.covers(frozenset({changes.EVERYTHING}), "visit")
    assert "proposal" in changes.expand(frozenset({changes.EVERYTHING}))


def test_a_restore_announces_everything(ctx: Context, db_path: Path) -> None:
    data_dir = DataDir(db_path.parent)
    copy = backups.back_up(ctx, "manual").path
    got: list[frozenset[str]] = []
    stop = changes.subscribe(got.append)
    try:
        backups.restore(data_dir, copy, ctx=ctx)
    finally:
        stop()
    assert got == [frozenset({changes.EVERYTHING})]


def test_an_import_announces_the_kinds_it_wrote_after_commit(
    studio: Install,  # noqa: F811
    county: Install,  # noqa: F811
    out: Path,  # noqa: F811
) -> None:
    with studio as ctx:
        m = member(ctx)
        visit(ctx, member_ids=[m.id], residents=[])
        package = export_studio(ctx, out).path
    assert package is not None
    got: list[frozenset[str]] = []
    with county as cctx:
        stop = changes.subscribe(got.append)
        try:
            assert import_package(cctx, package).applied
        finally:
            stop()
    assert got == [frozenset({"member", "visit", changes.PACKAGES})]


def test_a_merge_and_its_undo_announce_what_they_moved(
    ctx: Context, heard: list[frozenset[str]]
) -> None:
    m = member(ctx)
    keep, dup = resident(ctx, "李秀英"), resident(ctx, "李 秀英")
    visit(ctx, member_ids=[m.id], residents=[dup.id])
    heard.clear()
    entry = resident_merge.merge(ctx, keep.id, dup.id)
    assert heard == [frozenset({"resident", "visit"})]
    resident_merge.undo(ctx, entry)
    assert heard[1:] == [frozenset({"resident", "visit"})]


def test_a_refused_merge_announces_nothing(ctx: Context, heard: list[frozenset[str]]) -> None:
    keep = resident(ctx, "李秀英")
    heard.clear()
    with pytest.raises(Exception):  # noqa: B017 — a resident is not merged into itself
        resident_merge.merge(ctx, keep.id, keep.id)
    assert heard == []


def test_a_code_list_edit_announces_the_code_lists(
    county: Install,  # noqa: F811
    heard: list[frozenset[str]],
) -> None:
    with county as cctx:
        code_lists.add(cctx, "sector", "新的界别")
    assert heard == [frozenset({changes.CODE_LISTS})]
