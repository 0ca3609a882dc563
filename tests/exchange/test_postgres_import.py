"""A county office's import into PostgreSQL equals the same import into SQLite, field by
field: three studios' demo records (visits with residents, interviews, proposals with
sources, activities with attendance, …), exported with the real exporter, imported at a
county on each engine in the same order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from studio_app.demo import studio as demo
from studio_app.demo.county_work import COUNTY, STUDIOS, studio_name
from studio_app.exchange.export import export_studio
from studio_app.exchange.importer import import_package
from studio_app.paths import DATABASE_FILE
from studio_app.services import integrity, site
from studio_app.storage.database import close_database, open_database
from studio_app.storage.models import ImportHistory
from tests import pg_server
from tests.exchange.conftest import differences, everything, use

pytestmark = pg_server.NEEDED


def _packages(tmp_path: Path) -> list[Path]:
    usb = tmp_path / "usb"
    usb.mkdir()
    found = []
    for i, (code, town) in enumerate(STUDIOS[:3]):
        (tmp_path / code).mkdir()
        open_database(tmp_path / code / "studio.sqlite3")
        local = site.setup("studio", studio_name(town), code, town, COUNTY["county"])
        ctx = site.context_for(local)
        demo.generate(ctx, visits=120, seed=i + 1, proposals=30)
        path = export_studio(ctx, usb, include_identifiers=True).path
        assert path is not None
        found.append(path)
        close_database()
    return found


def _import_all(target: Path | str, folder: Path, packages: list[Path]) -> dict[str, Any]:
    use(target, folder)
    cctx = site.context_for(site.setup(**COUNTY))
    for package in packages:
        result = import_package(cctx, package)
        assert result.applied and not result.waiting
    assert integrity.problems() == []
    history = sorted((h.site_uuid, h.sequence, h.counts) for h in ImportHistory.select())
    return {"records": everything(), "history": history}


def test_three_studios_land_the_same_on_both_engines(tmp_path: Path) -> None:
    packages = _packages(tmp_path)
    (tmp_path / "county-lite").mkdir()
    (tmp_path / "county-pg").mkdir()
    url = pg_server.new_database()
    try:
        lite = _import_all(tmp_path / "county-lite" / DATABASE_FILE,
                           tmp_path / "county-lite", packages)  # fmt: skip
        pg = _import_all(url, tmp_path / "county-pg", packages)
        close_database()
    finally:
        pg_server.drop(url)
    assert sum(len(rows) for rows in lite["records"].values()) > 500
    assert differences(lite["records"], pg["records"]) == []
    assert lite["history"] == pg["history"]
