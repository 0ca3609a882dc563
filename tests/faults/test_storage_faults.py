"""docs/QUALITY.md row 3 and docs/RELIABILITY.md row 39: each storage fault named for what it is.

Real processes throughout. A full disk is a small ``tmpfs`` (mounted for the test; skipped
where mounting is not permitted) filled to the byte count a test needs. A read-only folder,
file or disk and a missing permission are real ones: root runs the program without its
capabilities (``setpriv``), bound by file permissions as an ordinary user is; a read-only
disk is the ``tmpfs`` remounted read-only. Whatever the fault, the user reads its cause in
one sentence, never "damaged … restore" about a sound database, never a traceback; the
commands that only read work on a database that cannot be written and leave no ``-shm``.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faults.conftest import World
from tests.faults.helpers import fingerprint, integrity, run, run_unprivileged

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX permissions and mounts")

SIDE = ("studio.sqlite3-wal", "studio.sqlite3-shm")
NEVER = (
    "已损坏",
    "studio-app restore",
    "Traceback",
    "Logging error",
    "程序内部错误",
    "正被其他程序使用",
)


def _plain(done: subprocess.CompletedProcess[str], *wanted: str) -> str:
    """The refusal: exit 1, one line naming ``wanted``, no wrong advice, no traceback."""
    err = done.stderr.strip()
    assert done.returncode == 1, (done.returncode, done.stdout, err)
    assert "\n" not in err, err
    assert all(w in err for w in wanted), err
    assert not any(n in err for n in NEVER), err
    return err


# -- a full disk ---------------------------------------------------------------------------


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    """A 30 MB tmpfs of its own (root only; skipped where mounting is not permitted)."""
    where = tmp_path / "disk"
    where.mkdir()
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small disk needs root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=30m", "tmpfs", str(where)],
        capture_output=True, text=True,
    )  # fmt: skip
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def fill(disk: Path, leave: int = 0) -> None:
    """Fill ``disk`` until the kernel says ENOSPC, then free ``leave`` bytes."""
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    try:
        for block in (1 << 20, 4096, 1):
            try:
                while True:
                    os.write(fd, b"\0" * block)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)
    os.truncate(filler, max(0, filler.stat().st_size - leave))


def room(disk: Path) -> None:
    (disk / "filler").unlink()


def test_row_03_every_command_on_a_full_disk_says_disk_full(
    world: World, disk: Path, tmp_path: Path
) -> None:
    county = world.copy(world.county, disk / "county")
    studio = world.copy(world.studio, disk / "studio")
    earlier = tmp_path / "earlier.sqlite3"
    assert run(["--data-dir", str(county.parent), "backup", str(earlier)]).returncode == 0
    before = fingerprint(county), fingerprint(studio)
    fill(disk)
    at_county = ["--data-dir", str(county.parent)]
    for command in (["check"], ["stats"], ["backup", "--list"], ["user", "add", "bob"]):
        _plain(run([*at_county, *command]), "磁盘已满")
    _plain(run([*at_county, "import", str(world.package)]), "磁盘已满")
    _plain(run([*at_county, "restore", str(earlier)]), "磁盘已满")  # not "in use"
    _plain(run(["--data-dir", str(studio.parent), "export", str(tmp_path)]), "磁盘已满")
    room(disk)
    assert (fingerprint(county), fingerprint(studio)) == before
    assert integrity(county) == [] and integrity(studio) == []
    assert run([*at_county, "check"]).returncode == 0


def test_row_03_an_import_and_the_demo_that_fill_the_disk_say_so(world: World, disk: Path) -> None:
    county = world.copy(world.county, disk / "county")
    before = fingerprint(county)
    args = ["--data-dir", str(county.parent), "import", str(world.package)]
    # room for the backup taken before the import, not for the import
    fill(disk, leave=county.stat().st_size + 320 * 1024)
    _plain(run(args), "磁盘已满")  # once: "cannot rollback - no transaction is active"
    room(disk)
    assert fingerprint(county) == before and integrity(county) == []
    assert run(args).returncode == 0

    fill(disk, leave=300 * 1024)
    _plain(run(["--data-dir", str(disk / "demo"), "demo", "--visits", "2000"]), "磁盘已满")


def test_row_03_a_restore_whose_copy_does_not_fit_says_so_not_that_a_backup_failed(
    world: World, disk: Path, tmp_path: Path
) -> None:
    county = world.copy(world.county, disk / "county")
    bigger = tmp_path / "studio.sqlite3"
    shutil.copyfile(world.studio / "studio.sqlite3", bigger)
    before = fingerprint(county)
    fill(disk, leave=county.stat().st_size + 200 * 1024)  # the backup before it fits
    err = _plain(run(["--data-dir", str(county.parent), "restore", str(bigger)]), "磁盘已满")
    assert "恢复用的副本" in err and "无法写入备份" not in err, err
    room(disk)
    assert fingerprint(county) == before and integrity(county) == []


# -- read-only and no permission -------------------------------------------------------------


READS = (["check"], ["stats"], ["backup", "--list"])


def _reads_work(data: Path, elsewhere: Path) -> None:
    """The commands that only read work, and leave no ``-wal``/``-shm`` beside the database."""
    for command in READS:
        done = run_unprivileged(["--data-dir", str(data), *command])
        assert done.returncode == 0, (command, done.stderr)
        assert "Traceback" not in done.stderr, done.stderr
    copy = run_unprivileged(["--data-dir", str(data), "backup", str(elsewhere)])
    assert copy.returncode == 0, copy.stderr
    assert integrity(Path(copy.stdout.strip())) == []
    assert not any((data / name).exists() for name in SIDE), "a -wal/-shm made beside it"


def _writes_refused(data: Path, world: World, *wanted: str) -> None:
    for command in (["import", str(world.package)], ["user", "add", "bob"], ["purge",
                    "--older-than", "5", "--yes"]):  # fmt: skip
        _plain(run_unprivileged(["--data-dir", str(data), *command]), *wanted)


def test_row_39_a_read_only_folder_is_named_and_can_still_be_read(
    world: World, tmp_path: Path
) -> None:
    db = world.copy(world.county, tmp_path / "county")
    before = fingerprint(db)
    (tmp_path / "out").mkdir()
    db.parent.chmod(0o555)
    try:
        _reads_work(db.parent, tmp_path / "out")
        _writes_refused(db.parent, world, "数据目录", "是只读的")
    finally:
        db.parent.chmod(0o755)
    assert fingerprint(db) == before and integrity(db) == []


def test_row_39_a_read_only_database_file_is_read_without_leaving_a_read_only_shm(
    world: World, tmp_path: Path
) -> None:
    db = world.copy(world.county, tmp_path / "county")
    before = fingerprint(db)
    (tmp_path / "out").mkdir()
    db.chmod(0o444)
    _reads_work(db.parent, tmp_path / "out")
    _writes_refused(db.parent, world, "数据库文件", "是只读的")
    db.chmod(0o644)  # writable again: nothing left over blocks the program
    assert fingerprint(db) == before
    done = run_unprivileged(["--data-dir", str(db.parent), "import", str(world.package)])
    assert done.returncode == 0, done.stderr


def test_row_39_a_read_only_shm_left_by_an_earlier_run_no_longer_blocks(
    world: World, tmp_path: Path
) -> None:
    """Earlier versions read a read-only file through a ``-shm`` that SQLite made read-only
    like the file; once the file was writable again, every start failed on it."""
    db = world.copy(world.county, tmp_path / "county")
    db.chmod(0o444)
    script = (
        "import sqlite3, sys\n"
        "c = sqlite3.connect(f'file:{sys.argv[1]}?mode=ro', uri=True)\n"
        "c.execute('SELECT count(*) FROM site').fetchall()\n"
    )
    unprivileged = ["setpriv", "--bounding-set", "-all", "--inh-caps", "-all"]
    prefix = unprivileged if os.geteuid() == 0 else []
    subprocess.run([*prefix, sys.executable, "-c", script, str(db)], check=True)
    assert (db.parent / "studio.sqlite3-shm").stat().st_mode & 0o777 == 0o444
    db.chmod(0o644)
    done = run_unprivileged(["--data-dir", str(db.parent), "import", str(world.package)])
    assert done.returncode == 0, done.stderr
    assert integrity(db) == []


def test_row_39_a_folder_of_another_user_says_no_permission_and_can_still_be_read(
    world: World, tmp_path: Path
) -> None:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("giving a folder to another user needs root")
    db = world.copy(world.county, tmp_path / "county")
    before = fingerprint(db)
    (tmp_path / "out").mkdir()
    for path in (db.parent, *db.parent.rglob("*")):
        os.chown(path, 65534, 65534)  # nobody's; writable by its owner only
    _reads_work(db.parent, tmp_path / "out")
    _writes_refused(db.parent, world, "没有写入数据目录", "的权限")
    assert fingerprint(db) == before


def test_row_39_a_read_only_disk_is_named_and_can_still_be_read(
    world: World, disk: Path, tmp_path: Path
) -> None:
    db = world.copy(world.county, disk / "county")
    before = fingerprint(db)
    (tmp_path / "out").mkdir()
    remount = ["mount", "-o", "remount,ro", str(disk)]
    assert subprocess.run(remount, capture_output=True).returncode == 0
    try:
        _reads_work(db.parent, tmp_path / "out")
        _writes_refused(db.parent, world, "所在的磁盘是只读的")
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(disk)], capture_output=True)
    assert fingerprint(db) == before
