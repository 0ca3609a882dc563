"""The frozen app: build it with PyInstaller, then run its selftest headless.

Slow (a build takes a minute or more), so it runs only when asked:

    STUDIO_APP_FROZEN_TEST=1 .venv/bin/python -m pytest -q tests/installer/test_frozen.py

``STUDIO_APP_FROZEN_REUSE=1`` tests an existing ``dist/StudioLedger`` without rebuilding.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from studio_app import __version__

ROOT = Path(__file__).resolve().parents[2]
APP_DIR = ROOT / "dist" / "StudioLedger"
EXE = ".exe" if sys.platform == "win32" else ""

pytestmark = [
    pytest.mark.frozen,
    pytest.mark.skipif(
        os.environ.get("STUDIO_APP_FROZEN_TEST") != "1",
        reason="builds the frozen app; set STUDIO_APP_FROZEN_TEST=1 to run",
    ),
]


def frozen(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    env.pop("STUDIO_APP_DATA_DIR", None)
    return subprocess.run(
        [str(APP_DIR / f"studio-app{EXE}"), *args],
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )


@pytest.fixture(scope="module")
def built() -> Iterator[Path]:
    if os.environ.get("STUDIO_APP_FROZEN_REUSE") != "1" or not APP_DIR.is_dir():
        subprocess.run(
            [sys.executable, str(ROOT / "installer" / "build.py"), "--no-setup"],
            cwd=ROOT,
            check=True,
            timeout=1800,
        )
    yield APP_DIR


@pytest.mark.timeout(2400)
def test_the_frozen_app_builds_with_both_programs(built: Path) -> None:
    assert (built / f"StudioLedger{EXE}").is_file()
    assert (built / f"studio-app{EXE}").is_file()
    internal = built / "_internal"
    assert sorted(p.name for p in (internal / "studio_app/storage/sql").glob("*.sql"))
    assert (internal / "resources/translations/studio_app_zh_CN.qm").is_file()
    assert (internal / "resources/icons/studio_app.png").is_file()
    assert not list(internal.rglob("qtbase_de.qm"))  # Qt's other languages left out
    assert not list(internal.rglob("*WebEngine*"))


@pytest.mark.timeout(600)
def test_the_frozen_app_reports_its_version(built: Path) -> None:
    done = frozen("--version")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"studio-app {__version__}"


@pytest.mark.timeout(600)
def test_the_frozen_selftest_passes_headless(built: Path, tmp_path: Path) -> None:
    done = frozen("selftest", "--gui", "--json", "--data-dir", str(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout)
    assert report["ok"] and len(report["steps"]) == 10
    assert list(tmp_path.iterdir()) == []


@pytest.mark.timeout(600)
def test_the_portable_marker_moves_the_data_beside_the_program(built: Path) -> None:
    marker = built / "portable.txt"
    marker.write_text("", "utf-8")
    try:
        done = frozen("check")  # refuses (no database yet) and names the folder it looked in
    finally:
        marker.unlink()
    assert done.returncode == 1
    assert str(built / "data") in done.stderr
    assert not (built / "data").exists()  # check never creates the data directory
