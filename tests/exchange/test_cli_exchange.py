"""``studio-app export / import / conflicts / resolve / feedback / sync-status``: exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio_app.cli import main
from studio_app.storage.database import close_database

COUNTY = ["setup", "--kind", "county", "--name", "平阳县政协", "--code", "PYX"]


def cli(data: Path, *args: str) -> int:
    try:
        return main(["--data-dir", str(data), *args])
    finally:
        close_database()


def test_export_import_dry_run_conflict_resolve_feedback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    studio, county, usb = tmp_path / "studio", tmp_path / "county", tmp_path / "usb"
    usb.mkdir()
    assert cli(studio, "demo", "--visits", "30") == 0  # the demo studio, 石桥镇 (SQZ)
    assert cli(county, *COUNTY) == 0
    capsys.readouterr()
    assert cli(studio, "export", str(usb)) == 0
    assert "第 1 号" in capsys.readouterr().out
    [package] = usb.iterdir()
    assert cli(studio, "export", str(usb)) == 0
    assert "没有新增或修改" in capsys.readouterr().out

    assert cli(county, "import", str(package), "--dry-run") == 0
    out = capsys.readouterr().out
    assert "新增" in out and "试导入" in out
    assert cli(county, "sync-status") == 0
    assert "还没有导入" in capsys.readouterr().out
    assert cli(county, "import", str(package)) == 0
    assert cli(county, "import", str(package)) == 1
    assert "导入过" in capsys.readouterr().err
    assert cli(county, "sync-status") == 0
    assert "SQZ" in capsys.readouterr().out

    assert cli(county, "feedback", "--studio", "SQZ", str(usb)) == 0
    assert "没有新的" in capsys.readouterr().out
    assert cli(county, "feedback", "--studio", "SQZ", "--full", str(usb)) == 0
    out = capsys.readouterr().out
    feedback = next(p for p in usb.iterdir() if "_反馈包_" in p.name)
    assert cli(studio, "import", str(feedback)) == 0, out
    assert cli(studio, "conflicts") == 0
    assert "没有待处理" in capsys.readouterr().out


def test_import_refusals_exit_1_and_conflicts_exit_3(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    studio, county, usb = tmp_path / "studio", tmp_path / "county", tmp_path / "usb"
    usb.mkdir()
    cli(studio, "demo", "--visits", "20")
    cli(county, *COUNTY)
    bogus = usb / "x.xlsx"
    bogus.write_text("a,b\n1,2\n", "utf-8")
    capsys.readouterr()
    assert cli(county, "import", str(bogus)) == 1
    assert "CSV" in capsys.readouterr().err
    cli(studio, "export", str(usb))
    [package] = [p for p in usb.iterdir() if p.name != "x.xlsx"]
    assert cli(studio, "import", str(package)) == 1  # a studio does not import studio packages

    import openpyxl

    wb = openpyxl.load_workbook(package)
    ws = wb["接待走访"]
    row = [c.value for c in ws[3]]
    row[[c.value for c in ws[1]].index("反映内容")] = "不同的内容"
    ws.append(row)
    wb.save(package)
    capsys.readouterr()
    assert cli(county, "import", str(package)) == 3
    assert cli(county, "conflicts") == 0
    listing = capsys.readouterr().out
    conflict_id = listing.split("[", 1)[1].split("]", 1)[0]
    assert cli(county, "resolve", conflict_id, "--keep", "incoming") == 0
    assert cli(county, "import", str(package)) == 0
