"""Two installations in one test: a studio and the county office, each its own SQLite file
(the county's a PostgreSQL database when the test runs on both engines: studios are always
SQLite).

The models are bound to one database at a time, so tests switch with :func:`use`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from studio_app.exchange import tables
from studio_app.exchange.schema import PackageKind, sheets_for
from studio_app.services import site
from studio_app.services.context import Context
from studio_app.storage.database import close_database, open_database, open_postgres
from tests import pg_server


def use(path: Path | str, folder: Path | None = None) -> None:
    """Open an installation's database: a SQLite file, or a PostgreSQL URL with the data
    folder (backups, settings) of the PC using it."""
    close_database()
    if isinstance(path, str):
        open_postgres(path, folder=folder)
    else:
        open_database(path)


@dataclass
class Install:
    path: Path | str
    ctx: Context
    folder: Path | None = field(default=None, kw_only=True)

    def __enter__(self) -> Context:
        use(self.path, self.folder)
        return self.ctx

    def __exit__(self, *exc: object) -> None:
        pass


@pytest.fixture
def studio(tmp_path: Path) -> Iterator[Install]:
    path = tmp_path / "studio.sqlite3"
    open_database(path)
    s = site.setup("studio", "石桥镇政协委员工作室", "SQZ", "石桥镇", "平阳县")
    yield Install(path, site.context_for(s))
    close_database()


@pytest.fixture
def county(tmp_path: Path, studio: Install, engine: str) -> Iterator[Install]:
    path: Path | str = tmp_path / "county.sqlite3"
    folder = None
    if engine == "postgresql":
        path, folder = pg_server.new_database(), tmp_path / "county"
        folder.mkdir()
    use(path, folder)
    s = site.setup("county", "平阳县政协", "PYX", "", "平阳县")
    inst = Install(path, site.context_for(s), folder=folder)
    use(studio.path)
    yield inst
    close_database()
    if isinstance(path, str):
        pg_server.drop(path)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    folder = tmp_path / "usb"
    folder.mkdir()
    return folder


def everything() -> dict[str, dict[str, dict[str, Any]]]:
    """Every synced record as exchange values (all fields, both owners), by uuid."""
    found: dict[str, dict[str, dict[str, Any]]] = {}
    feedback = sheets_for(PackageKind.FEEDBACK)[0]
    for spec in sheets_for(PackageKind.STUDIO):
        rows = {v["uuid"]: v for v in tables.read(spec)}
        if spec.record == "proposal":
            for v in tables.read(feedback):
                rows[v["uuid"]].update(v)
        for v in rows.values():
            v.pop("_id")
        found[spec.record] = rows
    return found


def differences(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    """Readable field-level differences between two :func:`everything` results."""
    found = []
    for record in sorted(set(a) | set(b)):
        ra, rb = a.get(record, {}), b.get(record, {})
        for uuid in sorted(set(ra) | set(rb)):
            if uuid not in ra or uuid not in rb:
                found.append(f"{record} {uuid}: only in {'second' if uuid in rb else 'first'}")
                continue
            for key in sorted(set(ra[uuid]) | set(rb[uuid])):
                if ra[uuid].get(key) != rb[uuid].get(key):
                    found.append(f"{record}.{key}: {ra[uuid].get(key)!r} != {rb[uuid].get(key)!r}")
    return found


def same_at_both(studio: Install, county: Install) -> None:
    """Both installations hold the same records, field by field."""
    with studio:
        at_studio = everything()
    with county:
        assert differences(at_studio, everything()) == []
