"""Time from building the main window to the first paint of the visits list (not a test).

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.first_paint --data-dir DIR

QUALITY.md: over 1,000,000 visits the first paint must take at most 100 ms (floor: a bare
keyset/fetchMore model, ~40 ms) and add at most 50 MB of memory.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from studio_app.paths import DataDir
from studio_app.services import visit_list
from studio_app.services.listing import ListQuery
from studio_app.ui.app import application, build_main_window
from studio_app.workspace import open_workspace


class PaintWatch(QObject):
    """Notes when the watched widget first paints."""

    def __init__(self) -> None:
        super().__init__()
        self.painted_at: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.painted_at is None:
            self.painted_at = time.perf_counter()
        return False


def until_painted(app: QApplication, watch: PaintWatch) -> None:
    while watch.painted_at is None:
        app.processEvents()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    workspace = open_workspace(DataDir(args.data_dir))
    app = application([])
    total = visit_list.count(ListQuery())  # warm: the page cache, as on a second start
    times = []
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for _ in range(args.rounds):
        start = time.perf_counter()
        window = build_main_window(workspace)
        watch = PaintWatch()
        window.visits.table.viewport().installEventFilter(watch)
        window.show()
        until_painted(app, watch)
        times.append(watch.painted_at - start)  # type: ignore[operator]
        rows = window.visits.model.rowCount()
        window.close()
        window.deleteLater()
        app.processEvents()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    best = min(times)
    print(f"visits: {total:,}; rows loaded at first paint: {rows}")
    median = sorted(times)[len(times) // 2]
    print(f"first paint: best {best * 1000:.1f} ms, median {median * 1000:.1f} ms (target 100)")
    print(f"peak RSS growth while opening: {(rss_after - rss_before) / 1024:.1f} MB")
    workspace.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
