"""RELIABILITY.md rows 41, 43 and 44, with the real program in subprocesses.

- Row 41: an export SIGKILLed while it writes leaves no plain text in the system temp folder
  (``TMPDIR``): its work, xlsxwriter's temporary files included, is in the app's own
  ``temp/`` folder of the data folder, which the next export sweeps.
- Row 43: ``import`` of something that is not a regular file (a FIFO, ``/dev/zero``, a link
  to ``/dev/urandom``) or is larger than a package can be (a sparse file) is refused at
  once, in one sentence, changing nothing.
- Row 44: two exports at the same time never give two packages the same number.
"""

from __future__ import annotations

import contextlib
import os
import resource
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from studio_app.exchange import sniff
from tests.faults.conftest import World
from tests.faults.helpers import DRIVER, _env, calibrate, fingerprint, integrity, run

# -- row 41: a killed export leaves nothing readable outside the app's own folder --------------


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def _work_files(data: Path) -> list[Path]:
    """Files of export working folders in the app's temporary folder (``temp/export-*``)."""
    return [p for p in _files(data / "temp") if p.parent.name.startswith("export-")]


def _paused(args: list[str], at: int, flag: Path, tmp: Path) -> subprocess.Popen[str]:
    """The program under the driver with ``TMPDIR=tmp``, stopped at SQLite step ``at``."""
    proc = subprocess.Popen(
        [sys.executable, str(DRIVER), "--pause-at", str(at), "--pause-file", str(flag), "--",
         *args],
        env=_env(tmp), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not flag.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise AssertionError(f"never paused: {proc.communicate()[1]}")
        time.sleep(0.02)
    return proc


def _kill(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL


def _folder(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def _measure(world: World, work: Path, command: list[str]) -> int:
    """SQLite steps of ``command`` (an export, which writes to a folder given last) run
    unkilled on a copy of the studio."""
    db = world.copy(world.studio, work / "measure")
    cal = calibrate(
        ["--data-dir", str(db.parent), *command, str(_folder(work / "measure-out"))],
        work, tmp=_folder(work / "measure-temp"),
    )  # fmt: skip
    return cal.steps


def _kill_while_writing(args: list[str], steps: int, data: Path, tmp: Path, work: Path) -> None:
    """Run the export and SIGKILL it at a point where it is writing the workbook."""
    for share in (0.5, 0.35, 0.65, 0.2, 0.8):
        flag = work / f"pause-{share}"
        proc = _paused(args, int(steps * share), flag, tmp)
        if _work_files(data) or _files(tmp):  # writing: its temporary files exist
            _kill(proc)
            return
        _kill(proc)
    raise AssertionError("no pause point fell while the workbook was written")


@pytest.mark.parametrize("password", [None, "县政协2026"])
def test_row_41_a_killed_export_leaves_no_plain_text_in_the_system_temp_folder(
    world: World, tmp_path: Path, password: str | None
) -> None:
    db = world.copy(world.studio, tmp_path / "studio")
    usb, tmp = tmp_path / "usb", tmp_path / "system-temp"
    usb.mkdir()
    tmp.mkdir()
    command = ["export", "--full", "--include-identifiers"]
    command += ["--password", password] if password else []
    args = ["--data-dir", str(db.parent), *command, str(usb)]
    before = fingerprint(db, "uuid, rev, exchanged_rev")
    _kill_while_writing(args, _measure(world, tmp_path, command), db.parent, tmp, tmp_path)
    assert _files(tmp) == [], "plain text left in the system temp folder"
    left = _work_files(db.parent)
    assert left, "the killed export's working folder (swept below) should be in temp/"
    assert not [p for p in left if p.suffix == ".plain"]
    if password:  # the workbook itself was never on the disk unencrypted
        assert not [p for p in left if p.read_bytes()[:2] == b"PK"]
    assert integrity(db) == [] and fingerprint(db, "uuid, rev, exchanged_rev") == before
    again = run(args, tmp=tmp)  # the next export sweeps what the killed one left
    assert again.returncode == 0, again.stderr
    assert _work_files(db.parent) == [] and _files(tmp) == []
    assert [p.name for p in (db.parent / "temp").iterdir() if p.name.startswith("export-")] == []


# -- row 43: only a regular file of a package's size is read ----------------------------------


def _limited() -> None:  # the subprocess: 2 GB of address space, so a runaway read fails fast
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def _import(db: Path, path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "studio_app", "--data-dir", str(db.parent), "import", str(path)],
        env=_env(), capture_output=True, text=True, timeout=30, preexec_fn=_limited,
    )  # fmt: skip


def _special(kind: str, tmp_path: Path) -> Path:
    path = tmp_path / f"{kind}.xlsx"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        return Path("/dev/zero")
    elif kind == "link-to-urandom":
        path.symlink_to("/dev/urandom")
    elif kind == "sparse-3-gib":
        with path.open("wb") as fh:
            fh.truncate(3 << 30)  # no blocks on the disk
    return path


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        ("fifo", "不是普通文件"),
        ("dev-zero", "不是普通文件"),
        ("link-to-urandom", "不是普通文件"),
        ("sparse-3-gib", "超过数据包的上限"),
    ],
)
def test_row_43_import_refuses_what_is_not_a_package_sized_regular_file_at_once(
    world: World, tmp_path: Path, kind: str, words: str
) -> None:
    if kind == "dev-zero" and not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    db = world.copy(world.county, tmp_path / "county")
    before = fingerprint(db)
    path = _special(kind, tmp_path)
    started = time.monotonic()
    done = _import(db, path)  # a FIFO with no writer used to wait here forever
    assert time.monotonic() - started < 30
    assert done.returncode == 1, done.stderr
    err = done.stderr.strip()
    assert words in err and "\n" not in err and "Traceback" not in err, err
    assert fingerprint(db) == before and integrity(db) == []


def test_row_43_the_size_limit_fits_the_largest_package_the_app_makes() -> None:
    """100,000 visits with their people make a 40 MB package (docs/PERFORMANCE.md)."""
    assert sniff.MAX_FILE >= 2 * 40_000_000


# -- row 44: package numbers ------------------------------------------------------------------


def _sequences(folder: Path) -> list[int]:
    """The sequence numbers the manifests of the packages in ``folder`` carry."""
    import python_calamine

    found = []
    for path in sorted(folder.glob("*.xlsx")):
        with zipfile.ZipFile(path) as z:
            assert z.testzip() is None
        rows = python_calamine.load_workbook(str(path)).get_sheet_by_name("_manifest").to_python()
        found += [int(row[1]) for row in rows if row[0] == "sequence"]
    return found


def _next_number(db: Path) -> int:
    import sqlite3

    with contextlib.closing(sqlite3.connect(db)) as conn:
        return int(conn.execute("SELECT next_package_seq FROM site WHERE is_local").fetchone()[0])


def test_row_44_two_exports_started_together_never_share_a_number(
    world: World, tmp_path: Path
) -> None:
    db = world.copy(world.studio, tmp_path / "studio")
    outs = [tmp_path / "usb1", tmp_path / "usb2"]
    procs = []
    for out in outs:
        out.mkdir()
        command = [sys.executable, "-m", "studio_app", "--data-dir", str(db.parent), "export"]
        command += ["--full", str(out)]
        procs.append(
            subprocess.Popen(
                command, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
        )
    results = [(p.wait(timeout=120), p.communicate()[1]) for p in procs]
    numbers = [n for out in outs for n in _sequences(out)]
    assert len(numbers) == len(set(numbers)), f"two packages numbered {numbers}"
    for code, err in results:  # the second waits for the first, or says why it cannot
        assert code == 0 or (code == 1 and "正在导出" in err), err
    assert sorted(numbers) == list(range(1, len(numbers) + 1))
    assert _next_number(db) == len(numbers) + 1 and integrity(db) == []


def test_row_44_an_export_during_another_one_waits_or_is_refused_never_renumbers(
    world: World, tmp_path: Path
) -> None:
    """The first export is stopped in the middle of its work; the second one cannot take
    its number meanwhile (it used to write a second package 0001 with another manifest)."""
    db = world.copy(world.studio, tmp_path / "studio")
    first, second = tmp_path / "usb1", tmp_path / "usb2"
    first.mkdir()
    second.mkdir()
    args = ["--data-dir", str(db.parent), "export", "--full"]
    steps = _measure(world, tmp_path, ["export", "--full"])
    flag = tmp_path / "pause"
    paused = _paused([*args, str(first)], steps // 2, flag, _folder(tmp_path / "t1"))
    try:
        other = run([*args, str(second)])
        assert other.returncode == 1 and "正在导出" in other.stderr, other.stderr
        assert list(second.iterdir()) == []
    finally:
        flag.unlink()
        _, err = paused.communicate(timeout=120)
    assert paused.returncode == 0, err
    assert _sequences(first) == [1]
    again = run([*args, str(second)])  # once the first is done, the next number
    assert again.returncode == 0, again.stderr
    assert _sequences(second) == [2] and _next_number(db) == 3
