"""First paint of the visits page over a large database, beside a bare keyset model.

Run through ``python -m tests.perf.bench_visits`` (or alone with ``--data-dir``). The floor
is the least a Qt table over SQLite can do: a QAbstractTableModel holding one keyset page
of 200 rows read with sqlite3, in a bare QTableView (QUALITY.md: ~40 ms); ours is the whole
main window with the visits page, its count, filters and labels.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, Qt
from PySide6.QtWidgets import QApplication, QTableView, QWidget

ROUNDS = 7
PAGE = 200


class _PaintWatch(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.painted_at: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.painted_at is None:
            self.painted_at = time.perf_counter()
        return False


def _time_to_paint(app: QApplication, build: Any) -> float:
    """Milliseconds from calling ``build()`` to the first paint of the table it returns."""
    start = time.perf_counter()
    window, table = build()
    watch = _PaintWatch()
    table.viewport().installEventFilter(watch)
    window.show()
    while watch.painted_at is None:
        app.processEvents()
    elapsed = (watch.painted_at - start) * 1000
    window.close()
    window.deleteLater()
    app.processEvents()
    return elapsed


class _KeysetModel(QAbstractTableModel):
    """The floor: one page of rows from a keyset query, nothing else."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        super().__init__()
        self.rows = conn.execute(
            "SELECT id, serial, occurred_at, channel, member_names, resident_names, category, "
            "substr(content, 1, 80), handling, status, referred_unit, due_at FROM visit "
            "WHERE deleted_at IS NULL ORDER BY occurred_at DESC, id DESC LIMIT ?",
            (PAGE,),
        ).fetchall()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 11

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return str(self.rows[index.row()][index.column() + 1] or "")
        return None


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def bench_first_paint(db_file: Path, page_size: int = PAGE) -> None:
    from studio_app.paths import DataDir
    from studio_app.ui.app import application, build_main_window
    from studio_app.workspace import open_workspace

    workspace = open_workspace(DataDir(db_file.parent))
    app = application([])
    conn = sqlite3.connect(db_file)

    def floor() -> tuple[QWidget, QTableView]:
        view = QTableView()
        view.setModel(_KeysetModel(conn))
        view.resize(1366, 768)
        return view, view

    def ours() -> tuple[QWidget, QTableView]:
        window = build_main_window(workspace)
        window.resize(1366, 768)
        return window, window.visits.table

    # Memory first, in a fresh process state: Qt's own start-up (platform, fonts) is paid by
    # the bare view; what the main window adds on top is ours.
    _time_to_paint(app, floor)
    rss_before = _rss_mb()
    window = build_main_window(workspace)
    window.resize(1366, 768)
    window.show()
    while window.visits.model.rowCount() == 0 or not window.visits.table.isVisible():
        app.processEvents()
    app.processEvents()
    added = _rss_mb() - rss_before
    loaded = window.visits.model.rowCount()
    window.close()
    window.deleteLater()
    app.processEvents()

    floors, times = [], []
    for _ in range(ROUNDS):
        floors.append(_time_to_paint(app, floor))
        times.append(_time_to_paint(app, ours))
    floor_ms, ours_ms = statistics.median(floors), statistics.median(times)
    print(f"\nvisits page first paint (median of {ROUNDS}, warm)")
    print(
        f"  main window + visits page                     {ours_ms:9.2f} ms  floor "
        f"{floor_ms:9.2f} ms {ours_ms / floor_ms:6.2f}×  target ≤ 100 ms"
    )
    print(
        f"  rows loaded at first paint: {loaded}; memory added by a window: {added:.1f} MB "
        "(target ≤ 50 MB)"
    )
    workspace.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    bench_first_paint(parser.parse_args().data_dir / "studio.sqlite3")
