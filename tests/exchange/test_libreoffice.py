"""The fidelity bar after a real office suite re-saved the workbooks (LibreOffice Calc)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from studio_app.exchange.export import export_studio
from studio_app.exchange.feedback import export_feedback
from studio_app.exchange.importer import import_package
from studio_app.services import county_work, proposals, visits
from tests.exchange.builders import fill
from tests.exchange.conftest import Install, differences, everything
from tests.system_packages import needs

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = needs(
    "libreoffice-calc-nogui", SOFFICE is not None, "re-saves workbooks as a person would"
)


def resave(path: Path, tmp_path: Path) -> Path:
    """Open and save again with LibreOffice Calc, as a person with WPS/Calc would."""
    folder = tmp_path / f"resaved-{path.stem}"
    folder.mkdir()
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "xlsx",
         "--outdir", str(folder), str(path)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    out = folder / path.name
    assert out.exists() and out.read_bytes() != path.read_bytes()
    return out


@pytest.mark.slow
def test_round_trip_survives_a_libreoffice_resave(
    studio: Install, county: Install, out: Path, tmp_path: Path
) -> None:
    with studio as ctx:
        made = fill(ctx)
        visits.delete(ctx, made["visits"][1].id)
        package = export_studio(ctx, out, include_identifiers=True).path
        assert package is not None
        at_studio = everything()
    with county as cctx:
        result = import_package(cctx, resave(package, tmp_path))
        assert result.applied and result.plan.counts["edited"] == 0
        assert differences(everything(), at_studio) == []
        pr = made["proposal"].uuid
        proposals.update(cctx, pr, {"review": "accepted", "reply_summary": "=已办结\n第二行",
                                    "replied_at": "2026-05-20"})  # fmt: skip
        county_work.set_units(cctx, pr, [("lead", "03")])
        feedback = export_feedback(cctx, "SQZ", out).path
        assert feedback is not None
        at_county = everything()
    with studio as ctx:
        result = import_package(ctx, resave(feedback, tmp_path))
        assert result.applied and result.plan.counts["update"] == 1
        assert differences(everything(), at_county) == []
