"""``studio-app stats`` at the county: the county's work on proposals, in text and JSON."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from studio_app.cli import main
from studio_app.paths import DATABASE_FILE
from studio_app.storage.database import close_database
from tests.services import county_scenario as scenario
from tests.services.county_scenario import SQZ_NAME, Worked

studio, county, out, worked = scenario.studio, scenario.county, scenario.out, scenario.worked


def data_dir_of(inst_path: Path, folder: Path) -> Path:
    """A data directory holding a copy of an installation's database."""
    close_database()
    folder.mkdir()
    shutil.copy(inst_path, folder / DATABASE_FILE)
    return folder


def test_stats_at_the_county_show_its_work(
    worked: Worked, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(data_dir_of(worked.county.path, tmp_path / "county"))
    assert main(["--data-dir", data, "stats", "--json", "--period", "2026"]) == 0
    found = json.loads(capsys.readouterr().out)
    work = found["county_work"]
    assert found["proposals"]["total"] == 10  # every record, drafts included
    assert work["period"] == "2026" and work["total"]["submitted"] == 7
    assert [(s["code"], s["submitted"], s["review"]["pending"]) for s in work["studios"]] == [
        ("DAZ", 3, 1),
        ("SQZ", 4, 0),
    ]
    assert {u["name"]: u["assigned"] for u in work["by_lead_unit"]} == {
        "县住建局": 3, "县交通运输局": 1, "县教育局": 1,
    }  # fmt: skip
    assert work["total"]["adopted"] == {"county": 1, "city": 1, "province": 1, "national": 0}

    assert main(["--data-dir", data, "stats"]) == 0
    text = capsys.readouterr().out
    assert "县政协审查办理情况（全部报送件" in text
    assert f"{SQZ_NAME}：报送 4（立案 3，不立案 1" in text
    assert "全县合计：报送 8" in text  # all years: 2025's record too


def test_stats_at_a_studio_are_unchanged(
    worked: Worked, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(data_dir_of(worked.studio.path, tmp_path / "studio"))
    assert main(["--data-dir", data, "stats", "--json"]) == 0
    assert "county_work" not in json.loads(capsys.readouterr().out)
    assert main(["--data-dir", data, "stats", "--period", "2026"]) == 1
    assert "县政协" in capsys.readouterr().err
