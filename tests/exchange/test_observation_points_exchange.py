"""Observation points travel to the county on their own sheet (监测点), every field, the
phone masked like residents'; a credit code mistyped in Excel is refused on its row, in words,
and nothing of it is written."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from studio_app.core import kinds
from studio_app.exchange.importer import import_package
from studio_app.services import kind_records, members
from studio_app.storage.models import database
from tests.exchange.conftest import Install
from tests.exchange.test_county_loop import take
from tests.kinds.test_exchange import send, sheet_cells

POINT = kinds.OBSERVATION_POINT
VALID = "91350100M000100Y43"


def register(studio: Install) -> None:
    with studio as ctx:
        lee = members.create(ctx, {"name": "李梅"}).id
        kind_records.create(ctx, POINT, {
            "name": "石桥精密机械有限公司", "credit_code": VALID, "address": "工业园区8号",
            "village": "石桥工业园区", "industry": "通用设备制造", "size": "medium",
            "contact_person": "周建平", "phone": "13800001111", "members": [lee],
            "designated_on": "2025-03-01",
        })  # fmt: skip


def test_a_point_travels_to_the_county(studio: Install, county: Install, out: Path) -> None:
    register(studio)
    package = send(studio, out, {"委员": 1, "监测点": 1})
    header, rows = sheet_cells(package, POINT.sheet_title)
    assert rows[0][header.index("统一社会信用代码")] == VALID
    assert rows[0][header.index("企业规模")] == "中型"
    assert rows[0][header.index("联系电话")] == "138****1111"  # masked like residents'
    take(county, package, new=2)
    with county:
        found = database.execute_sql(
            "SELECT name, credit_code, size, phone FROM observation_point"
        ).fetchone()
        # the phone stays at the studio unless identifiers are sent (``--include-identifiers``)
        assert found == ("石桥精密机械有限公司", VALID, "medium", "")


def test_a_mistyped_credit_code_is_refused_on_its_row(
    studio: Install, county: Install, out: Path, tmp_path: Path
) -> None:
    register(studio)
    package = send(studio, out, {"委员": 1, "监测点": 1})
    book = openpyxl.load_workbook(package)
    sheet = book[POINT.sheet_title]
    column = [c.value for c in sheet[1]].index("统一社会信用代码") + 1
    sheet.cell(row=2, column=column, value="91350100M000100Y44")  # one character off
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    with county as cctx:
        result = import_package(cctx, edited)
        (row,) = [r for r in result.plan.rows if r.record == POINT.name]
        assert "校验位不对" in row.reason
        assert database.execute_sql("SELECT count(*) FROM observation_point").fetchone() == (0,)
