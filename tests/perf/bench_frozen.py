"""The frozen app (``dist/StudioLedger``): size on disk and start times, against the source.

    .venv/bin/python installer/build.py --no-setup        # once
    .venv/bin/python -m tests.perf.bench_frozen [--rounds 7] [--cold 3] [--frozen-only]

Each round is a new process. ``--version`` is the bare start (interpreter, bootloader,
argument parsing); ``selftest`` the whole smoke test; "start to painted window" runs
``selftest --gui`` and takes the wall clock of the main window's first paint, reported by
the child, minus the moment it was spawned (it includes creating a fresh database, as a
first start does). Warm page cache unless ``--cold`` (drops the caches: needs root).
The Qt platform is ``offscreen``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tests.perf.bench_start import drop_caches

ROOT = Path(__file__).resolve().parents[2]
APP_DIR = ROOT / "dist" / "StudioLedger"
FROZEN = [str(APP_DIR / ("studio-app.exe" if sys.platform == "win32" else "studio-app"))]
SOURCE = [sys.executable, "-m", "studio_app"]
ENV = dict(os.environ, QT_QPA_PLATFORM="offscreen")


def wall(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=ENV)
    return (time.perf_counter() - start) * 1000


def to_paint(command: list[str]) -> float:
    with tempfile.TemporaryDirectory(prefix="bench-frozen-") as folder:
        start = time.time()
        done = subprocess.run(
            [*command, "selftest", "--gui", "--json", "--data-dir", folder],
            capture_output=True,
            text=True,
            env=ENV,
        )
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    return (json.loads(done.stdout)["painted_at"] - start) * 1000


def rounds(
    measure: Callable[[list[str]], float], commands: list[list[str]], count: int, cold: bool
) -> list[list[float]] | None:
    """``count`` measures of each command, taken in turn (a load that comes and goes on a
    shared machine then falls on both alike); None when the caches cannot be dropped."""
    found: list[list[float]] = [[] for _ in commands]
    for command in commands:
        measure(command)  # warm-up (or: the first start after a build)
    for _ in range(count):
        for i, command in enumerate(commands):
            if cold and not drop_caches():
                return None
            found[i].append(measure(command))
    return found


def du(folder: Path) -> str:
    done = subprocess.run(["du", "-sh", str(folder)], capture_output=True, text=True)
    return done.stdout.split()[0] if done.returncode == 0 else "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--cold", type=int, default=0)
    parser.add_argument("--frozen-only", action="store_true", help="skip the source column")
    opts = parser.parse_args()
    if not APP_DIR.is_dir():
        raise SystemExit(f"{APP_DIR} is missing: run installer/build.py first")
    files = [p for p in APP_DIR.rglob("*") if p.is_file() and not p.is_symlink()]
    size = sum(p.stat().st_size for p in files)
    print(f"dist/StudioLedger: {du(APP_DIR)} on disk (du -sh), {size / 2**20:.0f} MiB in "
          f"{len(files)} files")  # fmt: skip
    print()
    print("| measure | source (.venv) | frozen |")
    print("|---|---|---|")
    cases = [
        ("`--version`", lambda c: wall([*c, "--version"])),
        ("`selftest` (9 headless steps)", lambda c: wall([*c, "selftest"])),
        ("start to painted window (`selftest --gui`)", to_paint),
    ]
    for kind, count, cold in (("warm", opts.rounds, False), ("cold", opts.cold, True)):
        if not count:
            continue
        for label, run in cases:
            commands = [FROZEN] if opts.frozen_only else [SOURCE, FROZEN]
            found = rounds(run, commands, count, cold)
            if found is None:
                print(f"| {label}, {kind} | not measured (dropping caches needs root) | |")
                continue
            cells = [f"{statistics.median(f):.0f} ms ({min(f):.0f}–{max(f):.0f})" for f in found]
            if opts.frozen_only:
                cells.insert(0, "—")
            print(f"| {label}, {kind}, median of {count} | {cells[0]} | {cells[1]} |")


if __name__ == "__main__":
    main()
