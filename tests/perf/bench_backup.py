"""Benchmark: the start-up check, a backup, and a restore, on a demo database.

Run explicitly (not collected by pytest)::

    .venv/bin/python -m tests.perf.bench_backup --data-dir /tmp/bench-backup --visits 100000

The database is generated with the app's demo generator when the folder has none. Backups
go to a temporary folder (removed afterwards); the database itself is only read, except by
the restore step, which runs on a copy.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from studio_app.paths import DataDir
from studio_app.services import backups
from studio_app.storage import backup as files


def timed(work: Callable[[], Any], runs: int = 3) -> tuple[float, Any]:
    """The best of ``runs`` (seconds) and the last result."""
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", required=True, type=Path)
    parser.add_argument("--visits", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    data_dir = DataDir(args.data_dir)
    if not data_dir.database.exists():
        subprocess.run(
            [sys.executable, "-m", "studio_app", "--data-dir", str(data_dir.root), "demo",
             "--visits", str(args.visits)],
            check=True,
        )  # fmt: skip
    size = data_dir.database.stat().st_size
    print(f"database: {data_dir.database} ({size / 1024 / 1024:.0f} MB)")
    out = Path(tempfile.mkdtemp(prefix="bench-backup-"))
    try:
        seconds, _ = timed(lambda: files.quick_check(data_dir.database), args.runs)
        print(f"quick_check, whole file (start-up up to 64 MB): {seconds * 1000:.0f} ms")
        tables = backups.START_TABLES
        seconds, _ = timed(lambda: files.quick_check_tables(data_dir.database, tables), args.runs)
        print(f"cheap start-up check (header + small tables): {seconds * 1000:.1f} ms")

        stamps = iter(range(1, 1000))

        def write() -> Path:
            when = datetime(2026, 1, 1, 0, 0, next(stamps) % 60, 0)
            return files.write_backup(data_dir.database, out, "manual", when)

        seconds, written = timed(write, args.runs)
        copy_size = written.stat().st_size / 1024 / 1024
        print(f"backup (VACUUM INTO + quick_check + rename): {seconds:.2f} s, {copy_size:.0f} MB")

        seconds, _ = timed(lambda: backups.check_restorable(written), args.runs)
        print(f"restore: checking the chosen backup: {seconds:.2f} s")
        target = out / "restored" / "studio.sqlite3"
        target.parent.mkdir()
        seconds, _ = timed(lambda: files.install(written, target), args.runs)
        print(f"restore: installing it (copy + check + rename): {seconds:.2f} s")
    finally:
        shutil.rmtree(out, ignore_errors=True)


if __name__ == "__main__":
    main()
