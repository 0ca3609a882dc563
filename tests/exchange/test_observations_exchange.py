"""Observations travel to the county on their own sheet (监测记录), after their points' sheet:
the point as its name and its uuid, the ratings and the issues found with their workflow; an
observation whose point has not arrived waits for it; an edit and a re-send change nothing
twice; both databases end equal, field by field."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from studio_app.core import kinds
from studio_app.exchange.importer import import_package
from studio_app.exchange.plan import AlreadyImported
from studio_app.services import kind_records, members
from studio_app.storage.models import database
from tests.exchange.conftest import Install, same_at_both
from tests.exchange.test_county_loop import take
from tests.kinds.test_exchange import send, sheet_cells

POINT, OBSERVATION = kinds.OBSERVATION_POINT, kinds.OBSERVATION
SHEETS = {"委员": 1, "监测点": 1, "监测记录": 1}


def observe(ctx: Any) -> tuple[Any, Any]:
    """李梅 visits 石桥精密机械 on 12 March and finds one issue: the point and observation."""
    lee = members.create(ctx, {"name": "李梅"}).id
    point = kind_records.create(ctx, POINT, {"name": "石桥精密机械有限公司", "members": [lee]})
    issue = {"item": "用地指标紧张", "environment": "government", "unit": "县自然资源局",
             "due": date(2026, 4, 30), "status": "assigned"}  # fmt: skip
    found = kind_records.create(ctx, OBSERVATION, {
        "point": point.id, "observed_on": "2026-03-12", "members": [lee], "method": "visit",
        "service_rating": "4", "government_rating": "2", "government_note": "政策兑现慢",
        "summary": "走访企业，了解用地和融资情况。", "issues": [issue],
    })  # fmt: skip
    return point, found


def points_of_observations() -> dict[str, str]:
    """observation uuid → its point's uuid (ids differ between installations)."""
    return dict(
        database.execute_sql(
            "SELECT o.uuid, p.uuid FROM observation o JOIN observation_point p ON p.id = o.point_id"
        ).fetchall()
    )


def test_an_observation_travels_with_its_point_then_an_edit(
    studio: Install, county: Install, out: Path
) -> None:
    with studio as ctx:
        point, found = observe(ctx)
    package = send(studio, out, SHEETS)
    header, rows = sheet_cells(package, OBSERVATION.sheet_title)
    assert rows[0][header.index("监测点")] == "石桥精密机械有限公司"
    assert rows[0][header.index("监测点（标识）")] == point.uuid
    assert rows[0][header.index("政务环境")] == "2 较差"
    take(county, package, new=3)
    with county:
        assert points_of_observations() == {found.uuid: point.uuid}
    same_at_both(studio, county)
    with county as cctx, pytest.raises(AlreadyImported):
        import_package(cctx, package)

    with studio as ctx:  # the unit fed back; the enterprise is satisfied
        kept = kind_records.values(OBSERVATION, found.id)
        issue = kept["issues"][0] | {"status": "closed", "result": "已调剂用地指标",
                                     "evaluation": "satisfied"}  # fmt: skip
        kind_records.update(ctx, OBSERVATION, found.id, {"issues": [issue]})
    take(county, send(studio, out, {"监测记录": 1}), update=1)
    take(county, send(studio, out, SHEETS, full=True))  # everything again: nothing changes
    with county:
        (status,) = database.execute_sql("SELECT status FROM observation_issues").fetchone()
        assert status == "closed"
    same_at_both(studio, county)


def test_an_observation_whose_point_has_not_arrived_waits_for_it(
    studio: Install, county: Install, out: Path, tmp_path: Path
) -> None:
    with studio as ctx:
        point, found = observe(ctx)
    package = send(studio, out, SHEETS)
    book = openpyxl.load_workbook(package)  # a hand edit: the point's row taken out
    book[POINT.sheet_title].delete_rows(2)
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    with county as cctx:
        result = import_package(cctx, edited)
        assert result.applied and result.plan.counts["waiting"] == 1
        (row,) = [r for r in result.plan.rows if r.record == OBSERVATION.name]
        assert "监测点" in row.reason
        assert database.execute_sql("SELECT count(*) FROM observation").fetchone() == (0,)
    full = send(studio, out, SHEETS, full=True)
    with county as cctx:  # the point arrives: the observation that waited goes in, linked
        assert import_package(cctx, full).applied
        assert points_of_observations() == {found.uuid: point.uuid}
    same_at_both(studio, county)
