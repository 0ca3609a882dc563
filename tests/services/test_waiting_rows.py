"""Rows of received packages kept waiting for a record (``services.waiting_rows``)."""

from __future__ import annotations

import json

import pytest

from studio_app.services import waiting_rows
from studio_app.services.context import Context
from studio_app.storage.models import ExchangeWaiting, ExchangeWaitingRow

pytestmark = pytest.mark.both_engines  # also on PostgreSQL (the county's several PCs)

MANIFEST = {"site_uuid": "sender-uuid", "site_name": "石桥镇政协委员工作室", "sequence": "4"}
LAYOUT = {"visit": {"keys": ["occurred_at", "members__uuid"], "masked": []}}


def rows(package_id: int) -> list[tuple[str, str, int, str, str, str, str]]:
    query = ExchangeWaitingRow.select().where(ExchangeWaitingRow.package == package_id)
    return [
        (r.record_type, r.record_uuid, r.row_number, r.cells, r.waits_for, r.reason, r.state)
        for r in query.order_by(ExchangeWaitingRow.id)
    ]


def test_a_package_is_held_with_its_waiting_rows(ctx: Context) -> None:
    held = waiting_rows.hold(ctx, "pkg-uuid", "studio", MANIFEST, "x" * 300, LAYOUT)
    package = ExchangeWaiting.get_by_id(held)
    assert (package.package_uuid, package.kind, package.site_uuid, package.sequence) == (
        "pkg-uuid", "studio", "sender-uuid", 4,
    )  # fmt: skip
    assert package.file_name == "x" * 260 and json.loads(package.sheets) == LAYOUT
    waiting_rows.keep(held, "visit", iter([("v1", 7, "[1]", '["member:m1"]', "缺委员")]))
    assert rows(held) == [("visit", "v1", 7, "[1]", '["member:m1"]', "缺委员", "waiting")]


def test_rows_are_brought_up_to_date_and_the_package_let_go_when_none_waits(
    ctx: Context,
) -> None:
    held = waiting_rows.hold(ctx, "pkg-uuid", "studio", MANIFEST, "a.xlsx", LAYOUT)
    waiting_rows.keep(
        held, "visit",
        [("v1", 1, "[]", '["member:m1"]', "缺委员"), ("v2", 2, "[]", '["member:m2"]', "缺委员"),
         ("v3", 3, "[]", '["member:m3"]', "缺委员")],
    )  # fmt: skip
    waiting_rows.mark(
        held, {("visit", 1): "两边都改了" * 50}, {("visit", 2): ('["resident:r1"]', "缺群众")}
    )
    assert [(r[1], r[4], r[5], r[6]) for r in rows(held)] == [
        ("v1", "[]", ("两边都改了" * 50)[:200], "conflict"),
        ("v2", '["resident:r1"]', "缺群众", "waiting"),
        ("v3", "[]", "缺委员", "waiting"),  # ready, held back by the conflict
    ]
    assert waiting_rows.release_if_done(held) is False
    waiting_rows.forget_rows(held)
    assert rows(held) == [] and ExchangeWaiting.get_or_none(ExchangeWaiting.id == held)
    assert waiting_rows.release_if_done(held) is True
    assert ExchangeWaiting.get_or_none(ExchangeWaiting.id == held) is None
