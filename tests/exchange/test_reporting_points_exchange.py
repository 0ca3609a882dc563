"""Reporting points travel on their own sheet (直报点), before the visits naming them; a visit
through a point arrives linked to it; one whose point has not arrived waits for it; a package
of an earlier release, without the visits' 直报点 columns, still imports and changes no link;
both databases end equal, field by field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl

from studio_app.core import kinds
from studio_app.exchange.importer import import_package
from studio_app.services import kind_records, visits
from studio_app.storage.models import Visit, database
from tests.exchange.conftest import Install, same_at_both
from tests.exchange.files import without_columns
from tests.exchange.test_county_loop import take
from tests.kinds.test_exchange import send, sheet_cells
from tests.services.helpers import member
from tests.services.helpers import visit as make_visit

POINT = kinds.REPORTING_POINT
SHEETS = {"委员": 1, "直报点": 1, "接待走访": 1}
COLUMNS = ("reporting_point", "reporting_point__uuid")


def visit_through_a_point(ctx: Any) -> tuple[Any, Visit]:
    member(ctx)
    point = kind_records.create(ctx, POINT, {"name": "东岙村社情民意直报点", "village": "东岙村"})
    return point, make_visit(ctx, channel="reporting_point", reporting_point=point.id)


def points_of_visits() -> dict[str, str]:
    sql = "SELECT v.uuid, p.uuid FROM visit v JOIN reporting_point p ON p.id = v.reporting_point_id"
    return dict(database.execute_sql(sql).fetchall())


def test_a_visit_through_a_point_arrives_linked(
    studio: Install, county: Install, out: Path
) -> None:
    with studio as ctx:
        point, visit = visit_through_a_point(ctx)
    package = send(studio, out, SHEETS)
    header, rows = sheet_cells(package, kinds.VISIT.sheet_title)
    assert rows[0][header.index("直报点")] == "东岙村社情民意直报点"
    assert rows[0][header.index("直报点（标识）")] == point.uuid
    take(county, package, new=3)
    with county:
        assert points_of_visits() == {visit.uuid: point.uuid}
    same_at_both(studio, county)


def test_a_visit_whose_point_has_not_arrived_waits(
    studio: Install, county: Install, out: Path, tmp_path: Path
) -> None:
    with studio as ctx:
        point, visit = visit_through_a_point(ctx)
    package = send(studio, out, SHEETS)
    book = openpyxl.load_workbook(package)
    book[POINT.sheet_title].delete_rows(2)
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    with county as cctx:
        result = import_package(cctx, edited)
        assert result.applied and result.plan.counts["waiting"] == 1
        assert Visit.select().count() == 0
    full = send(studio, out, SHEETS, full=True)
    with county as cctx:
        assert import_package(cctx, full).applied
        assert points_of_visits() == {visit.uuid: point.uuid}
    same_at_both(studio, county)


def test_an_older_package_without_the_point_columns_imports(
    studio: Install, county: Install, out: Path
) -> None:
    with studio as ctx:
        point, linked = visit_through_a_point(ctx)
    take(county, send(studio, out, SHEETS), new=3)
    with studio as ctx:
        visits.update(ctx, linked.id, {"onsite_reply": "已登记转交"})
        plain = make_visit(ctx, channel="reception")
    old = without_columns(send(studio, out, {"接待走访": 2}), studio, "visit", COLUMNS)
    with county as cctx:
        result = import_package(cctx, old)
        assert result.applied, result.plan.rows
        assert Visit.get(Visit.uuid == linked.uuid).onsite_reply == "已登记转交"
        assert points_of_visits() == {linked.uuid: point.uuid}  # the link kept
        assert Visit.get(Visit.uuid == plain.uuid).reporting_point_id is None
