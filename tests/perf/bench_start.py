"""Start-up: from launching ``studio-app`` to its painted main window, warm and cold.

    .venv/bin/python -m tests.perf.bench_start [--rounds 7] [--cold 3]

Each round is a new process, timed from just before it is spawned to the first paint of
the main window (the child reports the wall clock at that paint, then quits). The floor is
the same measure for a bare QApplication + QMainWindow (docs/QUALITY.md: ~125 ms). The data
directory is a fresh one with the demo studio of a first start (2,000 visits).

Cold rounds drop the page cache first (``sync; echo 3 > /proc/sys/vm/drop_caches``: needs
root; without it they are reported as not measured). The Qt platform is ``offscreen``
(no window system on the benchmark machine); a real screen adds the compositor's time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FLOOR = """
import sys, time
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMainWindow
class Watch(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print(repr(time.time()), flush=True)
            app.exit(0)
        return False
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1280, 800)
watch = Watch()
window.installEventFilter(watch)
window.show()
app.exec()
"""

# The app through its real entry point; a wrapper around ``application`` adds the watch.
APP = """
import sys, time
from studio_app import cli
from studio_app.ui import app as ui_app
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
made = ui_app.application
class Watch(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and type(watched.window()).__name__ == "MainWindow":
            print(repr(time.time()), flush=True)
            QApplication.instance().removeEventFilter(self)
            QApplication.instance().exit(0)
        return False
watch = Watch()
def application(argv=None):
    app = made(argv)
    app.installEventFilter(watch)
    return app
ui_app.application = application
sys.exit(cli.main(["--data-dir", sys.argv[1]]))
"""


def drop_caches() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def time_to_paint(script: str, *args: str) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    # An installed app runs from its bytecode cache; without it every start compiles the
    # sources again (~180 ms). The warm-up round writes the cache.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.setdefault("STUDIO_APP_USER", "admin")  # the demo administrator logs in unasked
    env.setdefault("STUDIO_APP_PASSWORD", "demo")
    start = time.time()
    done = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, env=env
    )
    if done.returncode != 0 or not done.stdout.strip():
        raise RuntimeError(f"the child failed: {done.stderr[-2000:]}")
    return (float(done.stdout.split()[0]) - start) * 1000


def measure(script: str, args: list[str], rounds: int, cold: bool) -> list[float]:
    found = []
    for _ in range(rounds):
        if cold and not drop_caches():
            return []
        found.append(time_to_paint(script, *args))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--cold", type=int, default=3)
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-start-") as folder:
        data = str(Path(folder) / "data")
        subprocess.run(
            [sys.executable, "-m", "studio_app", "--data-dir", data, "demo", "--visits", "2000"],
            check=True,
            capture_output=True,
        )
        time_to_paint(APP, data)  # first start: settings file, caches
        rows = []
        for kind, count, cold in (("warm", opts.rounds, False), ("cold", opts.cold, True)):
            floor = measure(FLOOR, [], count, cold)
            ours = measure(APP, [data], count, cold)
            rows.append((kind, floor, ours))
    print("| start to painted main window | floor (bare QMainWindow) | studio-app | ratio |")
    print("|---|---|---|---|")
    for kind, floor, ours in rows:
        if not floor or not ours:
            print(f"| {kind} | not measured (dropping caches needs root) | | |")
            continue
        f, o = statistics.median(floor), statistics.median(ours)
        spread = f"{min(ours):.0f}–{max(ours):.0f}"
        print(
            f"| {kind} (median of {len(ours)}) | {f:.0f} ms | {o:.0f} ms ({spread}) | "
            f"{o / f:.1f}× |"
        )


if __name__ == "__main__":
    main()
