"""A populated studio, its package and an empty county office, made once per test session."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.faults.helpers import run

VISITS = 300


@dataclass(frozen=True)
class World:
    studio: Path  # data directory of a studio with demo data, nothing exported yet
    county: Path  # data directory of a county office, nothing imported yet
    package: Path  # the studio's first package

    def copy(self, which: Path, to: Path) -> Path:
        shutil.copytree(which, to)
        return to / "studio.sqlite3"


def _ok(args: list[str]) -> None:
    done = run(args)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="session")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    root = tmp_path_factory.mktemp("world")
    studio, county, out = root / "studio", root / "county", root / "out"
    out.mkdir()
    _ok(["--data-dir", str(studio), "demo", "--visits", str(VISITS)])
    shutil.copytree(studio, root / "exported")
    _ok(["--data-dir", str(root / "exported"), "export", str(out)])
    _ok(["--data-dir", str(county), "setup", "--kind", "county", "--name", "平阳县政协",
         "--code", "PYX"])  # fmt: skip
    return World(studio, county, next(out.glob("*.xlsx")))
