"""Running the real program in a subprocess, killing it, and reading what it left behind."""

from __future__ import annotations

import hashlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from studio_app.services import accounts

REPO = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).with_name("driver.py")
SYNCED = ("member", "resident", "visit", "interview", "proposal")


def _env(tmp: Path | None = None) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("STUDIO_APP_DATA_DIR", None)
    env.pop("STUDIO_APP_NEW_PASSWORD", None)
    # the demo administrator (``setup`` makes it the first administrator too)
    env.update(STUDIO_APP_USER=accounts.DEMO_LOGIN, STUDIO_APP_PASSWORD=accounts.DEMO_PASSWORD)
    if tmp is not None:  # the export's local temporary folder, to see what a kill leaves
        env["TMPDIR"] = str(tmp)
    return env


def run(args: list[str], *, tmp: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m studio_app ARGS`` to the end."""
    return subprocess.run(
        [sys.executable, "-m", "studio_app", *args],
        env=_env(tmp), capture_output=True, text=True, timeout=120,
    )  # fmt: skip


@dataclass(frozen=True)
class Calibration:
    steps: int  # SQLite steps of a whole run
    seconds: float  # wall time from "ready" to the end


def calibrate(args: list[str], work: Path, *, tmp: Path | None = None) -> Calibration:
    """Run once under the driver, unkilled, to learn how long the operation is."""
    count = work / "steps.txt"
    proc = subprocess.Popen(
        [sys.executable, str(DRIVER), "--count-file", str(count), "--", *args],
        env=_env(tmp), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    started = time.perf_counter()
    _, err = proc.communicate(timeout=120)
    seconds = time.perf_counter() - started
    assert proc.returncode == 0, err
    return Calibration(int(count.read_text()), seconds)


def run_killed(
    args: list[str], seed: int, calibration: Calibration, *, tmp: Path | None = None
) -> int:
    """Run under the driver and SIGKILL it at a point chosen by ``seed``; returns the exit code.

    Even seeds kill from inside after a number of SQLite steps (mid-statement, mid-transaction),
    odd seeds from outside after a delay (also while files are written or renamed).
    """
    rnd = random.Random(seed)
    command = [sys.executable, str(DRIVER)]
    if seed % 2 == 0:
        command += ["--kill-after", str(rnd.randint(1, max(1, calibration.steps)))]
    proc = subprocess.Popen(
        [*command, "--", *args],
        env=_env(tmp), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    if seed % 2 == 1:
        try:
            proc.wait(timeout=rnd.uniform(0, calibration.seconds * 1.1))
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=120)
    return proc.returncode


def connect(path: Path) -> sqlite3.Connection:
    """A plain connection, as a fresh start of the program would open the file after a crash."""
    conn = sqlite3.connect(path)
    conn.create_function("search_doc", -1, lambda *parts: "")
    return conn


def integrity(path: Path) -> list[str]:
    with connect(path) as conn:
        rows = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        rows += [str(r) for r in conn.execute("PRAGMA foreign_key_check")]
    conn.close()
    return [] if rows == ["ok"] else rows


def fingerprint(path: Path, columns: str = "uuid, rev, county_rev, deleted_at") -> dict[str, str]:
    """Per synced table, a digest of what identifies each row's state (plus bookkeeping)."""
    conn = connect(path)
    found: dict[str, str] = {}
    try:
        for table in SYNCED:
            rows = conn.execute(f"SELECT {columns} FROM {table} ORDER BY uuid").fetchall()
            found[table] = f"{len(rows)}:" + hashlib.sha256(repr(rows).encode()).hexdigest()[:16]
        for table in ("import_history", "site"):
            rows = conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall()
            found[table] = repr([r[1:5] for r in rows])
    finally:
        conn.close()
    return found


def table_counts(path: Path) -> dict[str, int]:
    conn = connect(path)
    try:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                " AND name NOT LIKE '%_fts%' AND name != 'live_count'"
            )
        ]
        return {n: conn.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        conn.close()


def schema(path: Path) -> tuple[int, set[tuple[str, str]]]:
    """``user_version`` and the (type, name) of every schema object."""
    conn = connect(path)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        objects = set(conn.execute("SELECT type, name FROM sqlite_master"))
    finally:
        conn.close()
    return version, objects


def run_limited(args: list[str], max_pages_extra: int) -> subprocess.CompletedProcess[str]:
    """``studio-app ARGS`` with a database that may grow by ``max_pages_extra`` pages only."""
    return subprocess.run(
        [sys.executable, str(DRIVER), "--max-pages-extra", str(max_pages_extra), "--", *args],
        env=_env(), capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def start_paused(args: list[str], pause_at: int, pause_file: Path) -> subprocess.Popen[str]:
    """``studio-app ARGS`` under the driver, stopped at SQLite step ``pause_at`` (in the middle
    of its work) until ``pause_file`` is removed; returns once it has stopped there."""
    proc = subprocess.Popen(
        [sys.executable, str(DRIVER), "--pause-at", str(pause_at), "--pause-file",
         str(pause_file), "--", *args],
        env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while not pause_file.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            _, err = proc.communicate()
            raise AssertionError(f"never paused (exit {proc.returncode}): {err}")
        time.sleep(0.02)
    return proc


def run_unprivileged(args: list[str]) -> subprocess.CompletedProcess[str]:
    """``studio-app ARGS`` bound by file permissions, as an ordinary user is: root runs it
    without its capabilities (``setpriv``), so a read-only file or folder stops it too."""
    import shutil

    import pytest

    prefix: list[str] = []
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("root needs setpriv to be bound by file permissions")
        prefix = [setpriv, "--bounding-set", "-all", "--inh-caps", "-all"]
    return subprocess.run(
        [*prefix, sys.executable, "-m", "studio_app", *args],
        env=_env(), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
