"""docs/RELIABILITY.md row 38: nothing replaces the database under a writer (folder_lock.py).

Real processes: an import is stopped half-way (tests/faults/driver.py ``--pause-at``, inside
a statement of its transaction) while another ``studio-app`` tries to restore a backup. The
restore is refused in one sentence and writes nothing; the import then finishes, and the
restore goes through once it has.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from studio_app.core.errors import UserError
from studio_app.paths import DataDir
from studio_app.services import backups
from studio_app.storage import folder_lock
from studio_app.storage.database import close_database
from tests.faults.conftest import World
from tests.faults.helpers import (
    REPO,
    Calibration,
    calibrate,
    fingerprint,
    integrity,
    run,
    start_paused,
)

HOLD = """
import sys
from studio_app.paths import DataDir
from studio_app.workspace import open_workspace
open_workspace(DataDir(sys.argv[1]))  # as every window and command does
print("holding", flush=True)
sys.stdin.readline()
"""


@pytest.fixture(scope="module")
def import_steps(world: World, tmp_path_factory: pytest.TempPathFactory) -> Calibration:
    work = tmp_path_factory.mktemp("lock-import")
    db = world.copy(world.county, work / "county")
    return calibrate(["--data-dir", str(db.parent), "import", str(world.package)], work)


def _files(folder: Path) -> dict[str, int]:
    return {p.name: p.stat().st_size for p in folder.iterdir()}


# A fifth of the way the import reads the package (the restore used to go through, and the
# import wrote on into the deleted file); at four fifths it writes in its transaction.
@pytest.mark.parametrize("part", [0.2, 0.8])
def test_row_38_a_restore_during_an_import_is_refused_and_the_import_completes(
    world: World, import_steps: Calibration, tmp_path: Path, part: float
) -> None:
    db = world.copy(world.county, tmp_path / "county")
    data = ["--data-dir", str(db.parent)]
    earlier = tmp_path / "earlier.sqlite3"
    assert run([*data, "backup", str(earlier)]).returncode == 0
    before = fingerprint(db)
    pause = tmp_path / "paused"
    at = int(import_steps.steps * part)
    importing = start_paused([*data, "import", str(world.package)], at, pause)
    try:
        folder = _files(db.parent / "backups")
        refused = run([*data, "restore", str(earlier)])
        assert refused.returncode == 1
        err = refused.stderr.strip()
        assert "正被其他程序使用" in err and "恢复没有进行" in err and "\n" not in err, err
        assert _files(db.parent / "backups") == folder, "the refused restore wrote a backup"
    finally:
        pause.unlink()
        out, err = importing.communicate(timeout=120)
    assert importing.returncode == 0 and "已导入" in out, err
    after = fingerprint(db)
    assert after != before and integrity(db) == []

    done = run([*data, "restore", str(earlier)])  # the writer is done: the restore goes ahead
    assert done.returncode == 0, done.stderr
    assert fingerprint(db) == before and integrity(db) == []
    [kept] = (db.parent / "backups").glob("*-restore.sqlite3")
    assert fingerprint(kept) == after, "the import is in no backup"


def test_row_38_a_command_waits_for_a_restore_then_goes_on(world: World, tmp_path: Path) -> None:
    """A restore stopped half-way holds the folder alone: a command waits, then says why."""
    db = world.copy(world.studio, tmp_path / "studio")
    data = ["--data-dir", str(db.parent)]
    earlier = tmp_path / "earlier.sqlite3"
    assert run([*data, "backup", str(earlier)]).returncode == 0
    trial = world.copy(world.studio, tmp_path / "trial")
    steps = calibrate(["--data-dir", str(trial.parent), "restore", str(earlier)], tmp_path).steps
    pause = tmp_path / "paused"
    restoring = start_paused([*data, "restore", str(earlier)], steps // 2, pause)
    try:
        waited = run([*data, "stats"])
        assert waited.returncode == 1
        assert "正在恢复备份、清理或升级数据库，请稍后重试" in waited.stderr, waited.stderr
    finally:
        pause.unlink()
        _, err = restoring.communicate(timeout=120)
    assert restoring.returncode == 0, err
    assert run([*data, "stats"]).returncode == 0


def _holder(folder: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(folder)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=REPO,
    )  # fmt: skip
    assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"
    return proc


def test_row_38_the_apps_own_restore_is_refused_while_a_command_works_then_goes_ahead(
    world: World, tmp_path: Path
) -> None:
    """The app restores in a process that holds the folder shared: it lets go, takes the
    lock alone (refused while another process holds it) and holds it shared again after."""
    from studio_app.workspace import open_workspace

    db = world.copy(world.county, tmp_path / "county")
    earlier = tmp_path / "earlier.sqlite3"
    assert run(["--data-dir", str(db.parent), "backup", str(earlier)]).returncode == 0
    data_dir = DataDir(db.parent)
    holder = _holder(db.parent)
    try:
        open_workspace(data_dir)
        assert folder_lock.holds(data_dir.root) == "shared"
        with pytest.raises(UserError, match="恢复没有进行"):
            backups.restore(data_dir, earlier)
        assert folder_lock.holds(data_dir.root) == "shared"
        assert not list((db.parent / "backups").glob("*-restore.sqlite3"))
    finally:
        assert holder.stdin is not None and holder.stdout is not None
        holder.stdin.close()
        holder.wait(timeout=30)
        holder.stdout.close()
    try:
        assert backups.restore(data_dir, earlier) is not None
        assert folder_lock.holds(data_dir.root) == "shared"
        assert len(list((db.parent / "backups").glob("*-restore.sqlite3"))) == 1
    finally:
        close_database()
        folder_lock.release()
