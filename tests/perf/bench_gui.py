"""The visits page over a large database: first paint, then sort, filter and search.

Run through ``python -m tests.perf.bench_visits`` (or alone with ``--data-dir``). The floor
is the least a Qt table over SQLite can do: a QAbstractTableModel holding one keyset page
of 200 rows read with sqlite3, in a bare QTableView (docs/QUALITY.md: ~40 ms); ours is the whole
main window with the visits page, its count, filters and labels.

``--interactions`` measures what a user does next, through the page's own widgets with
the app's database worker thread: clicking a column header, choosing a filter, and a
search (from the moment the search runs — after the 250 ms typing pause — to the repaint
of the new first page, and on to the total count arriving from the worker).
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
    """The visits page alone (what a user waits for when opening the list), beside the
    floor; then the whole main window with every page, for reference."""
    from studio_app.paths import DataDir
    from studio_app.ui.app import application, build_main_window
    from studio_app.ui.lookups import Lookups
    from studio_app.ui.pages.visits_page import VisitsPage
    from studio_app.workspace import open_workspace

    workspace = open_workspace(DataDir(db_file.parent))
    app = application([])
    conn = sqlite3.connect(db_file)
    ctx = workspace.context()

    def floor() -> tuple[QWidget, QTableView]:
        view = QTableView()
        view.setModel(_KeysetModel(conn))
        view.resize(1366, 768)
        return view, view

    def page() -> tuple[QWidget, QTableView]:
        visits = VisitsPage(ctx, Lookups.load())
        visits.resize(1366, 768)
        return visits, visits.table

    def window() -> tuple[QWidget, QTableView]:
        main = build_main_window(workspace)
        main.resize(1366, 768)
        main.show_page(main.visits)  # the desk opens first; the visits list is measured
        return main, main.visits.table

    # Memory first: Qt's own start-up (platform, fonts) is paid by the bare view; what the
    # visits page adds on top is ours.
    _time_to_paint(app, floor)
    rss_before = _rss_mb()
    shown, table = page()
    shown.show()
    while table.model().rowCount() == 0 or not table.isVisible():
        app.processEvents()
    app.processEvents()
    added = _rss_mb() - rss_before
    loaded = table.model().rowCount()
    shown.close()
    shown.deleteLater()
    app.processEvents()

    floors, pages, windows = [], [], []
    for _ in range(ROUNDS):
        floors.append(_time_to_paint(app, floor))
        pages.append(_time_to_paint(app, page))
        windows.append(_time_to_paint(app, window))
    floor_ms = statistics.median(floors)
    print(f"\nvisits page first paint (median of {ROUNDS}, warm)")
    for label, times in (("visits page", pages), ("main window (desk and visits built)", windows)):
        ms = statistics.median(times)
        print(f"  {label:<44} {ms:9.2f} ms  floor {floor_ms:9.2f} ms {ms / floor_ms:6.2f}×")
    print("  target ≤ 100 ms for the visits page")
    print(
        f"  rows loaded at first paint: {loaded}; memory added by the page: {added:.1f} MB "
        "(target ≤ 50 MB)"
    )
    workspace.close()


def _repaint_after(
    app: QApplication, table: QTableView, act: Any, page: Any
) -> tuple[float, float]:
    """(ms to the table's next paint, ms to the count) after calling ``act()``."""
    watch = _PaintWatch()
    counted: list[float] = []

    def on_total(total: int) -> None:
        if total >= 0 and not counted:
            counted.append(time.perf_counter())

    page.model.totalChanged.connect(on_total)
    table.viewport().installEventFilter(watch)
    start = time.perf_counter()
    act()
    table.viewport().update()
    while watch.painted_at is None or not counted:
        app.processEvents()
    table.viewport().removeEventFilter(watch)
    page.model.totalChanged.disconnect(on_total)
    return (watch.painted_at - start) * 1000, (counted[0] - start) * 1000


def bench_interactions(db_file: Path, terms: list[str]) -> None:
    """Sort, filter and search through the visits page's widgets (median of ROUNDS)."""
    from studio_app.paths import DataDir
    from studio_app.ui import operations
    from studio_app.ui.app import application
    from studio_app.ui.lookups import Lookups
    from studio_app.ui.models.visit_table import COLUMNS
    from studio_app.ui.pages.visits_page import VisitsPage
    from studio_app.workspace import open_workspace

    workspace = open_workspace(DataDir(db_file.parent))
    app = application([])
    worker = operations.DbWorker()
    operations.install(worker)
    page = VisitsPage(workspace.context(), Lookups.load())
    page.resize(1366, 768)
    page.show()
    while page.model.total < 0 or not page.table.isVisible():
        app.processEvents()
    table = page.table
    bar = page.filter_widgets

    def search(text: str) -> Any:
        def act() -> None:
            page.search.blockSignals(True)
            page.search.setText(text)
            page.search.blockSignals(False)
            page.apply_query()

        return act

    def choose(combo: Any, index: int) -> Any:
        return lambda: combo.setCurrentIndex(index)

    steps: list[tuple[str, Any, Any]] = []  # label, act, undo
    for key in ("status", "category", "serial", "occurred_at"):
        column = COLUMNS.index(key)
        steps.append(
            (f"sort by {key} (header click)", lambda c=column: page._header_clicked(c), None)
        )
    steps.append(
        ("filter: channel = first code", choose(bar["channel"], 1), choose(bar["channel"], 0))
    )
    steps.append(
        ("filter: status = second code", choose(bar["status"], 2), choose(bar["status"], 0))
    )
    steps.append(("filter: member = first", choose(bar["member"], 1), choose(bar["member"], 0)))
    steps.append(("filter: village = first", choose(bar["village"], 1), choose(bar["village"], 0)))
    steps.append(
        (
            "filter: overdue only",
            lambda: bar["overdue"].setChecked(True),
            lambda: bar["overdue"].setChecked(False),
        )
    )
    for term in terms:
        steps.append((f"search {term}", search(term), search("")))

    print(f"\nvisits page interactions (median of {ROUNDS}, warm, worker thread counting)")
    print(f"  {'action':<40} {'repaint':>10} {'count':>10}")
    for label, act, undo in steps:
        paints, counts = [], []
        for _ in range(ROUNDS):
            paint_ms, count_ms = _repaint_after(app, table, act, page)
            paints.append(paint_ms)
            counts.append(count_ms)
            rows = page.model.total
            if undo is not None:
                _repaint_after(app, table, undo, page)
        print(
            f"  {label:<40} {statistics.median(paints):8.1f} ms "
            f"{statistics.median(counts):8.1f} ms   rows {rows:,}"
        )
    print("  targets (QUALITY.md): search first page ≤ 50 ms, count ≤ 100 ms; sort/filter in SQL")
    page.close()
    worker.stop()
    operations.install(None)
    workspace.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--interactions", action="store_true", help="sort, filter, search")
    parser.add_argument("--terms", default="村,道路,委员,养老保险", help="comma-separated")
    args = parser.parse_args()
    if args.interactions:
        bench_interactions(args.data_dir / "studio.sqlite3", args.terms.split(","))
    else:
        bench_first_paint(args.data_dir / "studio.sqlite3")
