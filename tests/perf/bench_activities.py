"""Member activities list over 100,000 activities: the generic lister and the kind's page.

    python -m tests.perf.bench_activities --data-dir /tmp/bench-activities
    xvfb-run -a env QT_QPA_PLATFORM=xcb .venv/bin/python -m tests.perf.bench_activities ...

Run explicitly (not collected by pytest). The data is made the first time with the demo
generator's bulk activities (``demo.generate(…, activities=N)``: the default demo studio
plus ``--activities`` activities with their attendance, participants and follow-up items)
and kept for the next run. Then it times, best of 5 after a warm-up, what the services do
for the list (:func:`~studio_app.services.lists.records.kind_lister`): the first page, the
count, a page and count per sort column, per filter and per search term typed one character
at a time; and, unless ``--no-gui``, the activities page
(:class:`~studio_app.ui.pages.kind_page.KindPage`) through its own widgets with the
database worker (median of 7): first paint, header clicks, the kind filter and the search
(from the moment it runs, after the typing pause, to the repaint and to the count). The
figures are printed as a markdown table with their targets (docs/QUALITY.md).
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from studio_app.core import kinds

ACTIVITY = kinds.ACTIVITY
DEFAULT_TERMS = "下,下乡,村,调,调研,协,协商"  # as typed, one character after another
PAGE_MS, COUNT_MS, PAINT_MS = 50.0, 100.0, 100.0
ROUNDS = 7


@dataclass
class Figure:
    what: str
    ms: float
    target: float | None
    rows: int | None = None

    @property
    def verdict(self) -> str:
        if self.target is None:
            return ""
        return "ok" if self.ms <= self.target else "**missed**"


def best_of(fn: Callable[[], Any], repeat: int = 5) -> tuple[float, Any]:
    """Fastest of ``repeat`` runs in milliseconds (after one warm-up), and its result."""
    result = fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return min(times), result


def ensure_data(data_dir: Path, activities: int) -> None:
    from studio_app.demo import studio as demo
    from studio_app.paths import DataDir
    from studio_app.services import site
    from studio_app.storage.models import database
    from studio_app.workspace import DEMO_SITE, open_workspace

    ws = open_workspace(DataDir(data_dir))
    if ws.site is None:
        ws.site = site.setup(**DEMO_SITE)
        start = time.perf_counter()
        demo.generate(ws.context(), activities=activities, seed=1)
        print(f"demo data: {activities:,} activities generated in "
              f"{time.perf_counter() - start:.1f} s")  # fmt: skip
    have = database.execute_sql("SELECT count(*) FROM activity").fetchone()[0]
    print(f"activities in the database: {have:,}")


def bench_services(terms: list[str], page_size: int) -> list[Figure]:
    """The lister alone: first page, counts, sorts, filters, search."""
    from studio_app.services import site
    from studio_app.services.lists.paging import ListQuery
    from studio_app.services.lists.records import kind_lister

    lister = kind_lister(ACTIVITY)
    figures = []

    def measure(label: str, query: ListQuery, count: bool = True) -> None:
        ms, _ = best_of(lambda: lister.page(query, limit=page_size))
        figures.append(Figure(f"{label}: first page", ms, PAGE_MS))
        if count:
            ms, n = best_of(lambda: lister.count(query))
            figures.append(Figure(f"{label}: count", ms, COUNT_MS, n))

    measure("list, newest first", ListQuery(sort=ACTIVITY.date_key))
    for column in lister.spec.columns:
        if column.sortable and column.key != ACTIVITY.date_key:
            for descending in (False, True):
                order = "↓" if descending else "↑"
                query = ListQuery(sort=column.key, descending=descending)
                measure(f"sort by {column.key} {order}", query, count=False)
    labels = site.code_labels("activity_kind")
    for label in ("视察", "开门协商", "其他"):
        code = next((c for c, name in labels.items() if name == label), None)
        if code is not None:
            measure(f"filter kind = {label}", ListQuery(filters={"kind": code}))
    measure("filter organiser = county", ListQuery(filters={"organiser": "county"}))
    measure(
        "filter dates (one year)",
        ListQuery(filters={"date_from": "2025-01-01", "date_to": "2025-12-31"}),
    )
    for term in terms:
        measure(f"search “{term}”", ListQuery(text=term))
    query = ListQuery(sort=ACTIVITY.date_key)
    page = lister.page(query, limit=page_size)
    for _ in range(200):  # deep keyset paging costs what the first page costs
        if page.cursor is None:
            break
        page = lister.page(query, after=page.cursor, limit=page_size)
    if page.cursor is not None:
        cursor = page.cursor
        ms, _ = best_of(lambda: lister.page(query, after=cursor, limit=page_size))
        figures.append(Figure(f"page after {200 * page_size:,} rows", ms, PAGE_MS))
    return figures


def bench_gui(data_dir: Path, terms: list[str]) -> list[Figure]:
    """The activities page: first paint, then header clicks, the kind filter, the search."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt

    from studio_app.paths import DataDir
    from studio_app.ui import operations
    from studio_app.ui.app import application
    from studio_app.ui.lookups import Lookups
    from studio_app.ui.pages.kind_page import KindPage
    from studio_app.workspace import open_workspace
    from tests.perf.bench_gui import _repaint_after, _time_to_paint

    workspace = open_workspace(DataDir(data_dir))
    app = application([])
    worker = operations.DbWorker()
    operations.install(worker)
    ctx = workspace.context()
    lookups = Lookups.load()

    def build() -> tuple[Any, Any]:
        page = KindPage(ctx, lookups, ACTIVITY)
        page.resize(1366, 768)
        return page, page.table

    _time_to_paint(app, build)  # Qt's own start-up (fonts, platform) is not the page's
    paints = [_time_to_paint(app, build) for _ in range(ROUNDS)]
    figures = [Figure("page: first paint", statistics.median(paints), PAINT_MS)]

    page = KindPage(ctx, lookups, ACTIVITY)
    page.resize(1366, 768)
    page.show()
    while page.model.total < 0 or not page.table.isVisible():
        app.processEvents()
    table, bar = page.table, page.filter_widgets

    def search(text: str) -> Callable[[], None]:
        def act() -> None:
            page.search.blockSignals(True)
            page.search.setText(text)
            page.search.blockSignals(False)
            page.apply_query()

        return act

    def choose(index: int) -> Callable[[], None]:
        return lambda: bar["kind"].setCurrentIndex(index)

    def first_sort() -> None:  # newest first, as the page opens
        page.model.sort(page.model.column_of(ACTIVITY.date_key), Qt.SortOrder.DescendingOrder)

    steps: list[tuple[str, Callable[[], None], Callable[[], None] | None]] = []
    for column, shown in enumerate(page.model.columns):
        if page.model.is_sortable(column):
            click = partial(page._header_clicked, column)
            steps.append((f"page: sort by {shown.key}", click, first_sort))
    steps.append(("page: filter kind (first)", choose(1), choose(0)))
    steps.append(("page: filter kind (last)", choose(bar["kind"].count() - 1), choose(0)))
    for term in terms:  # a search runs afresh whatever was typed before
        steps.append((f"page: search “{term}”", search(term), search("")))
    title = page.model.column_of("title")  # searching a list sorted by another column
    steps.append(("page: sort by title", partial(page._header_clicked, title), None))
    steps.append((f"page: search “{terms[0]}” by title", search(terms[0]), search("")))
    for label, act, undo in steps:
        repaints, counts, rows = [], [], 0
        for _ in range(ROUNDS):
            paint_ms, count_ms = _repaint_after(app, table, act, page)
            repaints.append(paint_ms)
            counts.append(count_ms)
            rows = page.model.total
            if undo is not None:
                _repaint_after(app, table, undo, page)
        figures.append(Figure(f"{label}: repaint", statistics.median(repaints), PAGE_MS, rows))
        if not label.startswith("page: sort"):  # a new sort keeps the count
            figures.append(Figure(f"{label}: count", statistics.median(counts), COUNT_MS, rows))
    page.close()
    worker.stop()
    operations.install(None)
    workspace.close()
    return figures


def explain(sql_of: Callable[[], tuple[str, list[Any]]]) -> list[str]:
    """The query plan of a statement (``sql_of`` returns it and its parameters)."""
    from studio_app.storage.models import database

    sql, params = sql_of()
    rows = database.execute_sql(f"EXPLAIN QUERY PLAN {sql}", params).fetchall()
    return [str(r[-1]) for r in rows]


def table(figures: list[Figure]) -> str:
    lines = ["| measurement | ms | target | rows | |", "|---|---:|---:|---:|---|"]
    for f in figures:
        target = f"≤ {f.target:.0f}" if f.target is not None else ""
        rows = f"{f.rows:,}" if f.rows is not None else ""
        lines.append(f"| {f.what} | {f.ms:.1f} | {target} | {rows} | {f.verdict} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/bench-activities"))
    parser.add_argument("--activities", type=int, default=100_000)
    parser.add_argument("--terms", default=DEFAULT_TERMS, help="comma-separated, as typed")
    parser.add_argument("--page-size", type=int, default=200, help="rows of a page (the GUI's)")
    parser.add_argument("--no-gui", action="store_true", help="skip the page benchmarks")
    args = parser.parse_args()

    print(
        f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}"
    )
    print(f"date: {time.strftime('%Y-%m-%d %H:%M')}")
    args.data_dir.mkdir(parents=True, exist_ok=True)
    ensure_data(args.data_dir, args.activities)
    size = sum(p.stat().st_size for p in args.data_dir.glob("studio.sqlite3*"))
    print(f"database: {args.data_dir / 'studio.sqlite3'}, {size / 2**20:,.0f} MB\n")
    terms = [t for t in args.terms.split(",") if t]
    figures = bench_services(terms, args.page_size)
    if not args.no_gui:
        from studio_app.storage.database import close_database

        close_database()
        figures += bench_gui(args.data_dir, terms)
    print(table(figures))
    missed = [f.what for f in figures if f.verdict == "**missed**"]
    print(f"\n{len(figures) - len(missed)} of {len(figures)} within target" +
          (f"; missed: {', '.join(missed)}" if missed else ""))  # fmt: skip


if __name__ == "__main__":
    main()
