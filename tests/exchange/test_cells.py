"""docs/QUALITY.md rows 10–16: what cells hold on the way out, what people type on the way back."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from studio_app.core import kinds
from studio_app.core.errors import UserError
from studio_app.exchange.export import export_studio
from studio_app.exchange.importer import import_package
from studio_app.exchange.labels import Labels
from studio_app.exchange.normalise import CellError, normalise
from studio_app.exchange.schema import studio_sheet
from studio_app.storage.models import Visit
from tests.exchange.builders import fill
from tests.exchange.conftest import Install, differences, everything
from tests.exchange.files import edit, header_index

VISITS = studio_sheet("visit")
RESIDENTS = studio_sheet("resident")


def test_row_10_formula_like_text_is_written_as_text_and_read_back_identical(
    studio: Install, county: Install, out: Path
) -> None:
    with studio as ctx:
        fill(ctx)
        path = export_studio(ctx, out, include_identifiers=True).path
        expected = everything()
    assert path is not None
    wb = openpyxl.load_workbook(path)
    cells = [c for row in wb["接待走访"].iter_rows() for c in row if isinstance(c.value, str)]
    starts = {c.value[0] for c in cells if c.value}
    assert {"=", "+"} <= starts
    assert all(c.data_type == "s" for c in cells)  # strings, never formulas
    views = [
        c for row in wb["访谈"].iter_rows() for c in row if c.value and str(c.value)[0] in "@-"
    ]
    assert views and all(c.data_type == "s" for c in views)
    with county as cctx:
        assert import_package(cctx, path).applied
        assert everything() == expected


def test_row_11_a_formula_cell_rejects_its_row_and_is_never_evaluated(
    studio: Install, county: Install, out: Path
) -> None:
    with studio as ctx:
        fill(ctx)
        path = export_studio(ctx, out).path
    assert path is not None

    def add_formula(wb: object) -> None:
        ws = wb["接待走访"]  # type: ignore[index]
        ws.cell(3, header_index(ws, "来访人数")).value = "=1+2"

    edit(path, add_formula)
    with county as cctx:
        result = import_package(cctx, path, dry_run=True)
        [bad] = result.plan.of("rejected")
        assert bad.number == 3 and "公式" in bad.reason


def test_row_12_text_longer_than_an_excel_cell_is_refused_with_the_serial(
    studio: Install, out: Path
) -> None:
    with studio as ctx:
        made = fill(ctx)
        # More than the services allow: as if written by an older version or another tool.
        Visit.update(content="长" * 40_000).where(Visit.id == made["visits"][0].id).execute()
        with pytest.raises(UserError, match=r"JD-2026-0001.*32,767"):
            export_studio(ctx, out)
    assert list(out.iterdir()) == []


def test_row_13_control_characters_and_lone_surrogates_are_cleaned() -> None:
    labels = Labels()
    col = VISITS.column("content")
    assert normalise(col, "村口\x01道路\ud800破损\r\n第二行", labels) == "村口道路破损\n第二行"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("11010519491231002x", "11010519491231002X"),
        ("１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X"),
        (" 110105 19491231 002X ", "11010519491231002X"),
    ],
)
def test_row_14_id_numbers_are_normalised(cell: str, expected: str) -> None:
    assert normalise(RESIDENTS.column("id_number"), cell, Labels()) == expected


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        (1.10105194912310e17, "数字"),
        (110105194912310016, "数字"),
        ("1.10105E+17", "数字"),
        ("110105194912310021", "校验位"),
    ],
)
def test_row_14_id_numbers_that_lost_digits_or_fail_the_check_are_rejected(
    cell: object, reason: str
) -> None:
    with pytest.raises(CellError, match=reason):
        normalise(RESIDENTS.column("id_number"), cell, Labels())


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (13800001111.0, "13800001111"),
        ("+86 138 0000 1111", "13800001111"),
        ("１３８００００１１１１", "13800001111"),
        (57763601234.0, "0577-63601234"),  # a landline that lost its leading 0
        ("0577 6360 1234", "0577-63601234"),
    ],
)
def test_row_15_phones_are_normalised(cell: object, expected: str) -> None:
    assert normalise(RESIDENTS.column("phone"), cell, Labels()) == expected


def test_row_15_an_impossible_phone_is_flagged() -> None:
    with pytest.raises(CellError, match="位数"):
        normalise(RESIDENTS.column("phone"), "12345", Labels())


@pytest.mark.parametrize(
    ("cell", "d1904", "expected"),
    [
        (46083.395833333336, False, datetime(2026, 3, 2, 9, 30)),
        (44621.395833333336, True, datetime(2026, 3, 2, 9, 30)),
        ("2026-03-02 09:30", False, datetime(2026, 3, 2, 9, 30)),
        ("２０２６年3月2日 9:30", False, datetime(2026, 3, 2, 9, 30)),
        ("2026/3/2", False, datetime(2026, 3, 2)),
        (datetime(2026, 3, 2, 9, 29, 59, 999_800), False, datetime(2026, 3, 2, 9, 30)),
    ],
)
def test_row_16_dates_as_serials_text_and_1904_are_read(
    cell: object, d1904: bool, expected: datetime
) -> None:
    assert normalise(VISITS.column("occurred_at"), cell, Labels(), d1904) == expected
    assert normalise(VISITS.column("referred_at"), cell, Labels(), d1904) == expected.date()


def test_row_16_a_workbook_resaved_in_the_1904_date_system_reads_the_same(
    studio: Install, county: Install, out: Path
) -> None:
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    with studio as ctx:
        fill(ctx)
        path = export_studio(ctx, out, include_identifiers=True).path
        expected = everything()
    assert path is not None

    def to_1904(wb: object) -> None:
        wb.epoch = CALENDAR_MAC_1904  # type: ignore[attr-defined]
        ws = wb["接待走访"]  # type: ignore[index]
        ws.cell(2, header_index(ws, "转办日期")).value = "2026年3月3日"  # typed as text

    edit(path, to_1904)
    with county as cctx:
        result = import_package(cctx, path)
        [edited] = result.plan.of("conflict")  # the date typed as text is a hand edit
        assert edited.values["referred_at"] == date(2026, 3, 3)
        expected["visit"][edited.uuid]["referred_at"] = date(2026, 3, 3)
        from studio_app.services import exchange_conflicts

        exchange_conflicts.resolve(cctx, exchange_conflicts.pending()[0].id, "incoming")
        assert import_package(cctx, path).applied
        found = everything()
        found["visit"][edited.uuid]["rev"] -= 1  # the accepted hand edit is a new revision
        assert differences(found, expected) == []


def test_text_cells_keep_numbers_typed_where_text_was() -> None:
    labels = Labels()
    assert normalise(VISITS.column("place"), 302.0, labels) == "302"
    assert normalise(VISITS.column("visitor_count"), "３", labels) == 3
    assert normalise(VISITS.column("confidential"), "是", labels) is True
    assert kinds.VISIT.fields[0].key == "channel" and kinds.RESIDENT.fields
