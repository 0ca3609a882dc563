"""``studio-app peers`` / ``peers forget CODE``, and a forged package refused with exit 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from studio_app.paths import DataDir
from studio_app.services import site
from studio_app.storage.database import close_database, open_database
from tests.exchange.builders import fill
from tests.exchange.files import edit_manifest
from tests.exchange.test_cli_exchange import COUNTY, cli

STUDIO = ["setup", "--kind", "studio", "--name", "石桥镇政协委员工作室", "--code", "SQZ"]


def test_fingerprints_listed_forged_package_refused_pin_forgotten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    studio, county, usb = tmp_path / "studio", tmp_path / "county", tmp_path / "usb"
    usb.mkdir()
    assert cli(studio, *STUDIO) == 0
    open_database(DataDir(studio).database)
    fill(site.context_for(site.require_site()))
    close_database()
    assert cli(county, *COUNTY) == 0
    capsys.readouterr()
    assert cli(studio, "peers", "--json") == 0
    own = json.loads(capsys.readouterr().out)["own"]
    assert own["code"] == "SQZ" and len(own["fingerprint"]) == 49  # 10 groups of 4, spaces
    assert cli(county, "peers") == 0
    out = capsys.readouterr().out
    assert "本机：平阳县政协（PYX）签名指纹" in out and "还没有登记" in out

    assert cli(studio, "export", str(usb)) == 0
    [package] = usb.iterdir()
    forged = tmp_path / "forged.xlsx"
    forged.write_bytes(package.read_bytes())
    edit_manifest(forged, lambda m: m.__setitem__("site_code", "WQZ"))
    capsys.readouterr()
    assert cli(county, "import", str(forged)) == 1
    err = capsys.readouterr().err
    assert "签名不符" in err and err.count("\n") == 1

    assert cli(county, "import", str(package), "--dry-run") == 0
    assert own["fingerprint"] in capsys.readouterr().out  # first contact: compare it
    assert cli(county, "peers") == 0
    assert "还没有登记" in capsys.readouterr().out  # a dry run pins nothing
    assert cli(county, "import", str(package)) == 0
    capsys.readouterr()
    assert cli(county, "peers") == 0
    assert f"SQZ 石桥镇政协委员工作室（工作室）指纹 {own['fingerprint']}" in capsys.readouterr().out

    assert cli(county, "peers", "forget", "SQZ") == 0
    assert "已解除 SQZ" in capsys.readouterr().out
    assert cli(county, "peers", "forget", "SQZ") == 1
    assert "没有登记过" in capsys.readouterr().err
