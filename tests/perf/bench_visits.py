"""Visits list and search over a large demo database, side by side with the bare floors.

    python -m tests.perf.bench_visits --data-dir /tmp/bench-1m --visits 1000000

The database is generated with the app's own demo generator the first time (kept for the
next run). Each figure is printed with its floor and the ratio; the floors are what the
bare libraries take for the same work, measured in the same run (docs/QUALITY.md).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sqlite3
import statistics
import time
from collections.abc import Callable
from pathlib import Path

DEFAULT_TERMS = ("村", "路", "道路", "补贴", "路灯不亮", "医疗保险")


def best_of(fn: Callable[[], object], repeat: int = 5) -> tuple[float, object]:
    """Fastest of ``repeat`` runs in milliseconds (after one warm-up), and its result."""
    result = fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    return min(times), result


def median_of(fn: Callable[[], object], repeat: int = 5) -> float:
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def line(what: str, ms: float, floor: float | None = None, target: str = "") -> None:
    ratio = f"{ms / floor:6.2f}×" if floor else "       "
    floor_text = f"{floor:9.2f} ms" if floor is not None else " " * 12
    print(f"  {what:<44} {ms:9.2f} ms  floor {floor_text} {ratio}  {target}")


def ensure_data(data_dir: Path, visits: int) -> None:
    from studio_app.demo import studio as demo
    from studio_app.paths import DataDir
    from studio_app.services import site
    from studio_app.workspace import DEMO_SITE, open_workspace

    ws = open_workspace(DataDir(data_dir))
    if ws.site is None:
        ws.site = site.setup(**DEMO_SITE)
        start = time.perf_counter()
        demo.generate(ws.context(), visits=visits, seed=1)
        print(f"demo data: {visits:,} visits generated in {time.perf_counter() - start:.1f} s")


def trigram_floor(db_file: Path, scratch: Path) -> sqlite3.Connection:
    """A plain trigram FTS5 index over visit content, in a scratch file (built once)."""
    tri = scratch / "trigram-floor.sqlite3"
    fresh = not tri.exists()
    conn = sqlite3.connect(tri)
    if fresh:
        start = time.perf_counter()
        conn.execute(f"ATTACH DATABASE '{db_file}' AS src")
        conn.execute("CREATE VIRTUAL TABLE tri USING fts5(content, tokenize='trigram')")
        conn.execute("INSERT INTO tri(rowid, content) SELECT id, content FROM src.visit")
        conn.commit()
        conn.execute("DETACH DATABASE src")
        print(f"trigram floor index built in {time.perf_counter() - start:.1f} s")
    return conn


def bench_search(db_file: Path, scratch: Path, terms: tuple[str, ...], page_size: int) -> None:
    """Our search beside the floors: a trigram FTS5 index and a LIKE scan of the content."""
    from studio_app.services.lists import visits as visit_list
    from studio_app.services.lists.paging import ListQuery

    raw = sqlite3.connect(db_file)
    tri = trigram_floor(db_file, scratch)
    print(f"\nsearch: first page ({page_size} rows, newest first) and total count")
    print(
        f"  {'term':<10}{'matches':>9}{'page ms':>9}{'count ms':>9}"
        f"{'trigram page/count ms (rows)':>31}{'LIKE count ms':>15}"
    )
    for term in terms:
        query = ListQuery(text=term)
        page_ms, _ = best_of(lambda q=query: visit_list.page(q, limit=page_size))
        count_ms, count = best_of(lambda q=query: visit_list.count(q))
        like_ms, _ = best_of(
            lambda t=term: raw.execute(
                "SELECT count(*) FROM visit WHERE deleted_at IS NULL AND content LIKE ?",
                (f"%{t}%",),
            ).fetchone(),
            repeat=1,
        )
        phrase = '"' + term.replace('"', '""') + '"'
        tri_page, _ = best_of(
            lambda p=phrase: tri.execute(
                "SELECT rowid FROM tri WHERE tri MATCH ? ORDER BY rowid DESC LIMIT ?",
                (p, page_size),
            ).fetchall()
        )
        tri_count, tri_n = best_of(
            lambda p=phrase: tri.execute(
                "SELECT count(*) FROM tri WHERE tri MATCH ?", (p,)
            ).fetchone()[0]
        )
        trigram = f"{tri_page:.2f} / {tri_count:.2f} ({tri_n:,})"
        print(
            f"  {term:<10}{count:>9,}{page_ms:>9.2f}{count_ms:>9.2f}{trigram:>31}{like_ms:>15.1f}"
        )
    print("  targets: page ≤ 50 ms, count ≤ 100 ms for any term of 1 or more characters")


def bench_list(page_size: int) -> None:
    from studio_app.services.lists import visits as visit_list
    from studio_app.services.lists.paging import ListQuery

    print("\nlist queries (services, no GUI)")
    for label, query in (
        ("first page, newest first", ListQuery()),
        ("first page, sorted by status", ListQuery(sort="status")),
        ("first page, category filter", ListQuery(filters={"category": "09"})),
        ("first page, overdue filter", ListQuery(filters={"overdue": True})),
    ):
        ms, _ = best_of(lambda q=query: visit_list.page(q, limit=page_size))
        line(label, ms)
    ms, total = best_of(lambda: visit_list.count(ListQuery()))
    line(f"count of all live visits ({total:,})", ms)
    page = visit_list.page(ListQuery(), limit=page_size)
    cursor = page.cursor
    for _ in range(1000):  # deep keyset paging costs what the first page costs
        page = visit_list.page(ListQuery(), after=cursor, limit=page_size)
        cursor = page.cursor
    ms, _ = best_of(lambda: visit_list.page(ListQuery(), after=cursor, limit=page_size))
    line(f"page after {1000 * page_size:,} rows", ms)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/studio-bench"))
    parser.add_argument("--visits", type=int, default=1_000_000)
    parser.add_argument("--terms", default=",".join(DEFAULT_TERMS))
    parser.add_argument("--page-size", type=int, default=200)
    parser.add_argument("--no-gui", action="store_true", help="skip the first-paint benchmark")
    args = parser.parse_args()

    print(
        f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}"
    )
    print(f"date: {time.strftime('%Y-%m-%d %H:%M')}")
    args.data_dir.mkdir(parents=True, exist_ok=True)
    ensure_data(args.data_dir, args.visits)
    db_file = args.data_dir / "studio.sqlite3"
    size = sum(p.stat().st_size for p in args.data_dir.glob("studio.sqlite3*"))
    print(f"database: {db_file}, {size / 2**20:,.0f} MB (target ≤ 1 GB with the search index)")

    if not args.no_gui:
        from tests.perf.bench_gui import bench_first_paint

        bench_first_paint(db_file, args.page_size)
    bench_list(args.page_size)
    bench_search(db_file, args.data_dir, tuple(args.terms.split(",")), args.page_size)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS of this process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
