"""The monthly ledger workbook: the month's visits, printable, confidential content left out."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from studio_app.core.errors import UserError
from studio_app.exchange.export import export_studio
from studio_app.exchange.importer import import_package
from studio_app.exchange.ledger import export_ledger
from tests.exchange.builders import fill
from tests.exchange.conftest import Install


def test_studio_ledger_lists_the_month_and_its_statistics(studio: Install, out: Path) -> None:
    with studio as ctx:
        fill(ctx)
        path = export_ledger(ctx, out, "2026-03")
        with pytest.raises(UserError):
            export_ledger(ctx, out, "2026")
    assert path.name == "石桥镇政协委员工作室_履职台账_2026-03.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["接待走访台账"]
    assert "2026年3月" in ws["A1"].value
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=3)]
    assert [r[1] for r in rows] == ["JD-2026-0001", "JD-2026-0002"]
    assert rows[1][7] == "（保密事项，不列内容）"  # the confidential visit
    assert (
        ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$2:$2"
    )  # the header row
    stats = [[c.value for c in row] for row in wb["月度统计"].iter_rows()]
    assert ["接待走访", 2] in [r[:2] for r in stats]


def test_county_ledger_has_one_row_per_studio_and_the_total(
    studio: Install, county: Install, out: Path
) -> None:
    with studio as ctx:
        fill(ctx)
        path = export_studio(ctx, out).path
    with county as cctx:
        import_package(cctx, path)  # type: ignore[arg-type]
        ledger = export_ledger(cctx, out / "county.xlsx", "2026-03")
    ws = openpyxl.load_workbook(ledger)["各工作室"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=3)]
    assert [r[0] for r in rows] == ["石桥镇政协委员工作室", "全县合计"]
    assert rows[0][1] == rows[1][1] == 2


def test_a_ledger_export_removes_leftovers_of_killed_ones(
    studio: Install, out: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import tempfile
    import time

    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    stale = temp / "studio-ledger-ab12cd_9"
    stale.mkdir()
    (stale / "SQZ_ledger_2026-02.xlsx").write_bytes(b"PK")
    busy = temp / "studio-ledger-zz99yy88"
    busy.mkdir()
    hours_ago = time.time() - 2 * 3600
    for path in (stale / "SQZ_ledger_2026-02.xlsx", stale, busy):
        os.utime(path, (hours_ago, hours_ago))
    (busy / "SQZ_ledger_2026-03.xlsx").write_bytes(b"PK")  # being written now
    with studio as ctx:
        fill(ctx)
        assert export_ledger(ctx, out, "2026-03").exists()
    assert sorted(p.name for p in temp.iterdir()) == [busy.name]
