"""The app's working folders (``studio_app.scratch``): a killed process's folder is swept by
the next one, a folder in use by a live process never is (RELIABILITY.md row 41)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from studio_app import scratch
from tests.faults.helpers import REPO

HOLD = """
import sys, time
from pathlib import Path
from studio_app import scratch
with scratch.workdir("export", Path(sys.argv[1])) as work:
    (work / "plain.xml").write_text("李秀英 11010519491231002X")
    print(work, flush=True)
    time.sleep(120)
"""


def _holder(data: Path) -> tuple[subprocess.Popen[str], Path]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(data)],
        stdout=subprocess.PIPE, text=True, env={"PYTHONPATH": str(REPO)},
    )  # fmt: skip
    assert proc.stdout is not None
    return proc, Path(proc.stdout.readline().strip())


def test_a_killed_processs_folder_is_swept_and_a_live_ones_never(tmp_path: Path) -> None:
    live, live_work = _holder(tmp_path)
    dead, dead_work = _holder(tmp_path)
    try:
        dead.kill()
        dead.communicate(timeout=30)  # reaps it and closes its pipe
        assert (dead_work / "plain.xml").exists()
        removed = scratch.sweep(tmp_path / scratch.FOLDER)
        assert removed == [dead_work] and not dead_work.exists()
        assert not dead_work.with_name(dead_work.name + ".lock").exists()
        assert (live_work / "plain.xml").exists()
        with scratch.workdir("import", tmp_path) as mine:  # sweeps first, spares the live one
            assert mine.is_dir() and (live_work / "plain.xml").exists()
        assert not mine.exists()
    finally:
        live.kill()
        live.communicate(timeout=30)
    time.sleep(0.1)
    scratch.sweep(tmp_path / scratch.FOLDER)
    assert sorted(p.name for p in (tmp_path / scratch.FOLDER).iterdir()) == []


def test_a_folder_without_a_lock_is_a_leftover_and_other_files_are_left_alone(
    tmp_path: Path,
) -> None:
    base = tmp_path / scratch.FOLDER
    base.mkdir()
    orphan = base / "export-abcd1234"
    orphan.mkdir()
    (orphan / "x").write_text("x")
    keep = [base / "notes.txt", base / "_package-export.lock", base / "export-too-long-name"]
    for path in keep:
        path.write_text("")
    assert scratch.sweep(base) == [orphan]
    assert all(p.exists() for p in keep)


def test_the_app_sweeps_a_killed_processs_folder_when_it_opens_the_data_folder(
    tmp_path: Path,
) -> None:
    """The next start (any command that writes) removes what a killed export left."""
    from studio_app.paths import DataDir
    from studio_app.storage import folder_lock
    from studio_app.storage.database import close_database
    from studio_app.workspace import open_workspace

    dead, dead_work = _holder(tmp_path)
    dead.kill()
    dead.communicate(timeout=30)  # reaps it and closes its pipe
    assert (dead_work / "plain.xml").exists()
    try:
        open_workspace(DataDir(tmp_path))
    finally:
        close_database()
        folder_lock.release()
    assert not dead_work.exists()
