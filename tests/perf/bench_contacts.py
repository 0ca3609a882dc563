"""Contact records (联系记录) over 200,000 contacts, and the contact chain (联系网络) over
20,000 residents: the services and the pages.

    python -m tests.perf.bench_contacts --data-dir /tmp/bench-contacts
    xvfb-run -a env QT_QPA_PLATFORM=xcb .venv/bin/python -m tests.perf.bench_contacts ...

Run explicitly (not collected by pytest). The data is made the first time with the demo
generator (``demo.generate``): its contacts follow the visits (1,500 per 2,000 visits,
:func:`~studio_app.demo.contacts.contacts_for`), so ``--contacts 200000`` asks for 266,667
visits, and with them the demo's most residents (20,000) and its 30 members; it is kept for
the next run. Then it times, best of 5 after a warm-up: the contact list's first page and
count (newest first, by channel, by member, one year, searches), the chain
(:func:`~studio_app.services.contact_chain.chain`), a member's first page of residents, a
search for residents to assign, assigning 100 residents (rolled back), and the statistics
(every programme's section) of a month and of a year; and, unless
``--no-gui``, the contact list page's and the chain page's first paint (median of 7) and
opening a member in the chain. The figures are printed as a markdown table with their
targets (docs/QUALITY.md).
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import sqlite3
import statistics
import time
from pathlib import Path
from typing import Any

from studio_app.core import kinds
from tests.perf.bench_activities import COUNT_MS, PAGE_MS, PAINT_MS, ROUNDS, Figure, best_of, table

CONTACT = kinds.CONTACT
DEFAULT_TERMS = "春,春耕,养,养老,路灯,微信"  # as typed, one word after another
CHAIN_MS = 100.0  # the chain read whole: members, residents' counts, contacts
ASSIGN_MS = 2000.0  # 100 residents, each an audited edit, one transaction
STATS_MONTH_MS = 200.0  # a month's statistics, as over a million visits (README, Printing)


def ensure_data(data_dir: Path, contacts: int) -> None:
    from studio_app.demo import studio as demo
    from studio_app.demo.contacts import BASE_CONTACTS, BASE_VISITS
    from studio_app.paths import DataDir
    from studio_app.services import site
    from studio_app.storage.models import database
    from studio_app.workspace import DEMO_SITE, open_workspace

    ws = open_workspace(DataDir(data_dir))
    if ws.site is None:
        ws.site = site.setup(**DEMO_SITE)
        visits = math.ceil(contacts * BASE_VISITS / BASE_CONTACTS)
        start = time.perf_counter()
        demo.generate(ws.context(), visits=visits, seed=1)
        print(f"demo data: {visits:,} visits and their contacts generated in "
              f"{time.perf_counter() - start:.1f} s")  # fmt: skip
    for name in (CONTACT.name, "resident", "member"):
        have = database.execute_sql(f"SELECT count(*) FROM {name}").fetchone()[0]
        print(f"{name} rows in the database: {have:,}")


def bench_services(ctx: Any, terms: list[str], page_size: int) -> list[Figure]:
    """The contact list's lister, the chain and assigning."""
    from studio_app.services import contact_chain as cc
    from studio_app.services.lists.paging import ListQuery
    from studio_app.services.lists.records import kind_lister
    from studio_app.storage.models import database

    lister = kind_lister(CONTACT)
    figures = []

    def measure(label: str, query: ListQuery) -> None:
        ms, _ = best_of(lambda: lister.page(query, limit=page_size))
        figures.append(Figure(f"list, {label}: first page", ms, PAGE_MS))
        ms, n = best_of(lambda: lister.count(query))
        figures.append(Figure(f"list, {label}: count", ms, COUNT_MS, n))

    measure("newest first", ListQuery(sort=CONTACT.date_key))
    measure("channel = 座谈", ListQuery(filters={"channel": "talk"}))
    busiest = database.execute_sql(
        "SELECT member_id FROM contact GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    measure("member = the busiest", ListQuery(filters={"member": busiest}))
    last_year = str(ctx.today().year - 1)
    measure("dates (one year)", ListQuery(filters={"date_from": f"{last_year}-01-01",
                                                   "date_to": f"{last_year}-12-31"}))  # fmt: skip
    for term in terms:
        measure(f"search “{term}”", ListQuery(text=term))

    ms, chain = best_of(lambda: cc.chain(ctx))
    figures.append(Figure("chain: read whole", ms, CHAIN_MS, chain.residents))
    holder = max(chain.by_id.values(), key=lambda m: m.residents)
    ms, page = best_of(lambda: cc.residents_of(ctx, holder.id))
    figures.append(Figure(f"chain: first residents of a member ({holder.residents:,})", ms,
                          PAGE_MS, len(page)))  # fmt: skip
    ms, page = best_of(lambda: cc.residents_of(ctx, None))
    figures.append(Figure(f"chain: first residents without a member ({chain.unassigned:,})", ms,
                          PAGE_MS, len(page)))  # fmt: skip
    ms, (_found, total) = best_of(lambda: cc.find_residents(ctx, text="张"))
    figures.append(Figure("assign: find residents “张” (first 500)", ms, PAGE_MS, total))
    village = database.execute_sql(
        "SELECT village FROM resident GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    ms, (_found, total) = best_of(lambda: cc.find_residents(ctx, village=village))
    figures.append(Figure("assign: find a village's residents (first 500)", ms, PAGE_MS, total))
    ids = [r.id for r in cc.residents_of(ctx, None, limit=100)]
    target = next(m.id for m in chain.by_id.values() if m.active)

    def assign() -> None:
        with database.atomic() as tx:
            cc.assign_residents(ctx, target, ids)
            tx.rollback()

    ms, _ = best_of(assign, repeat=3)
    figures.append(Figure("assign: 100 residents to a member (rolled back)", ms, ASSIGN_MS, 100))
    return figures + bench_statistics(ctx)


def bench_statistics(ctx: Any) -> list[Figure]:
    """The statistics of last year's busiest month and of last year, every section in."""
    from studio_app.services.statistics import Period, report
    from studio_app.storage.models import database

    year = ctx.today().year - 1
    month, n = database.execute_sql(
        "SELECT CAST(substr(contacted_at, 6, 2) AS INTEGER), count(*) FROM contact "
        "WHERE contacted_at >= ? AND contacted_at < ? GROUP BY 1 ORDER BY 2 DESC LIMIT 1",
        (f"{year}-01-01", f"{year + 1}-01-01"),
    ).fetchone()
    figures = []
    for label, period, target in (
        (f"statistics: a month ({n:,} contacts)", Period.month(year, month), STATS_MONTH_MS),
        ("statistics: a year", Period.year(year), None),
    ):
        ms, found = best_of(lambda period=period: report(period), repeat=3)
        contacts = next(s.total for s in found.sections if s.kind == CONTACT.name)
        figures.append(Figure(label, ms, target, contacts))
    return figures


def bench_gui(data_dir: Path) -> list[Figure]:
    """The contact list page and the chain page: first paint; opening a member."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from studio_app.paths import DataDir
    from studio_app.ui import operations
    from studio_app.ui.app import application
    from studio_app.ui.lookups import Lookups
    from studio_app.ui.models import chain_tree
    from studio_app.ui.pages.chain_page import ChainPage
    from studio_app.ui.pages.kind_page import KindPage
    from studio_app.workspace import open_workspace
    from tests.perf.bench_gui import _PaintWatch, _time_to_paint

    workspace = open_workspace(DataDir(data_dir))
    app = application([])
    worker = operations.DbWorker()
    operations.install(worker)
    ctx = workspace.context()
    lookups = Lookups.load()

    def contact_list() -> tuple[Any, Any]:
        page = KindPage(ctx, lookups, CONTACT)
        page.resize(1366, 768)
        return page, page.table

    def chain_view() -> tuple[Any, Any]:
        page = ChainPage(ctx)
        page.resize(1366, 768)
        return page, page.tree

    figures = []
    for label, build in (("contact list page", contact_list), ("chain page", chain_view)):
        _time_to_paint(app, build)  # Qt's own start-up (fonts, platform) is not the page's
        paints = [_time_to_paint(app, build) for _ in range(ROUNDS)]
        figures.append(Figure(f"{label}: first paint", statistics.median(paints), PAINT_MS))

    page = ChainPage(ctx)
    page.resize(1366, 768)
    page.show()
    app.processEvents()
    members = [
        page.model.index(r, 0, page.model.index(s, 0))
        for s in range(page.model.rowCount())
        for r in range(page.model.rowCount(page.model.index(s, 0)))
    ]
    members = [i for i in members if page.model.node(i).kind == chain_tree.MEMBER]
    opened = []
    for index in members[:ROUNDS]:
        page.tree.scrollTo(index)
        app.processEvents()
        watch = _PaintWatch()
        page.tree.viewport().installEventFilter(watch)
        start = time.perf_counter()
        page.tree.expand(index)
        page.tree.viewport().update()
        while watch.painted_at is None:
            app.processEvents()
        opened.append((watch.painted_at - start) * 1000)
        page.tree.viewport().removeEventFilter(watch)
    figures.append(Figure("chain page: open a member (its residents)", statistics.median(opened),
                          PAGE_MS))  # fmt: skip
    start = time.perf_counter()
    page.overdue_only.setChecked(True)
    app.processEvents()
    figures.append(Figure("chain page: only those not contacted (reload)",
                          (time.perf_counter() - start) * 1000, PAINT_MS))  # fmt: skip
    page.close()
    worker.stop()
    operations.install(None)
    workspace.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/bench-contacts"))
    parser.add_argument("--contacts", type=int, default=200_000)
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
    ensure_data(args.data_dir, args.contacts)
    size = sum(p.stat().st_size for p in args.data_dir.glob("studio.sqlite3*"))
    print(f"database: {args.data_dir / 'studio.sqlite3'}, {size / 2**20:,.0f} MB\n")
    from studio_app.services import site

    ctx = site.context_for(site.require_site())
    terms = [t for t in args.terms.split(",") if t]
    figures = bench_services(ctx, terms, args.page_size)
    if not args.no_gui:
        from studio_app.storage.database import close_database

        close_database()
        figures += bench_gui(args.data_dir)
    print(table(figures))
    missed = [f.what for f in figures if f.verdict == "**missed**"]
    print(f"\n{len(figures) - len(missed)} of {len(figures)} within target" +
          (f"; missed: {', '.join(missed)}" if missed else ""))  # fmt: skip


if __name__ == "__main__":
    main()
