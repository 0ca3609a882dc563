"""Benchmark: the county office's desk, statistics and proposals list on a large county.

Run explicitly (not collected by pytest)::

    .venv/bin/python -m tests.perf.bench_county [--records 100000] [--dir /tmp/bench-county]

Builds the county demo (``demo --county``: three studios' real packages and the county's
work, with an administrator account), then copies its proposal-type records, with their
county work and units, until there are ``--records`` of them, and times (best of 5) what a
county clerk waits for: the county desk (``county_desk.load``), the county statistics of the
year (``county_stats.work``) and the first page of the proposals list filtered by stage.
"""

from __future__ import annotations

import argparse
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from studio_app.demo import county as county_demo
from studio_app.paths import DataDir
from studio_app.services import accounts, county_desk, county_stats, site
from studio_app.services.lists.paging import ListQuery
from studio_app.services.lists.records import PROPOSALS
from studio_app.services.statistics import Period
from studio_app.storage.models import Proposal, database
from studio_app.workspace import open_workspace


def grow(records: int) -> int:
    """Copy the demo's proposal-type records (new uuids and serials) up to ``records``."""
    have = Proposal.select().count()
    columns = [c.name for c in database.get_columns("proposal") if c.name != "id"]
    made = {"uuid": "lower(hex(randomblob(16)))", "serial": "p.serial || '-' || n.i"}
    picks = ", ".join(made.get(c, f"p.{c}") for c in columns)
    rounds = max(0, (records - have) // max(have, 1))
    with database.atomic():
        database.execute_sql(
            f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rounds}) "
            f"INSERT INTO proposal ({', '.join(columns)}) SELECT {picks} "
            "FROM n CROSS JOIN proposal p WHERE p.serial NOT LIKE '%-%-%-%'"
        )
        database.execute_sql(
            "INSERT INTO proposal_unit (proposal_id, unit, role, position) "
            "SELECT c.id, u.unit, u.role, u.position FROM proposal c "
            "JOIN proposal p ON p.origin_site = c.origin_site "
            "AND c.serial LIKE p.serial || '-%' AND p.serial NOT LIKE '%-%-%-%' "
            "JOIN proposal_unit u ON u.proposal_id = p.id"
        )
    database.execute_sql("ANALYZE")
    return int(Proposal.select().count())


def best(run: Callable[[], Any], times: int = 5) -> float:
    found = []
    for _ in range(times):
        started = time.perf_counter()
        run()
        found.append(time.perf_counter() - started)
    return min(found) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/bench-county"))
    args = parser.parse_args(argv)
    shutil.rmtree(args.dir, ignore_errors=True)
    args.dir.mkdir(parents=True)
    workspace = open_workspace(DataDir(args.dir))
    started = time.perf_counter()
    county_demo.generate(studios=3, seed=1)
    print(f"demo --county (3 studios): {time.perf_counter() - started:.1f} s")
    workspace.site = site.require_site()
    accounts.ensure_demo_admin()
    ctx = workspace.context(accounts.DEMO_LOGIN)
    total = grow(args.records)
    today = ctx.today()
    year = Period.year(today.year)
    print(f"proposal-type records: {total:,}")
    print(f"county desk (county_desk.load):      {best(lambda: county_desk.load(ctx)):7.1f} ms")
    print(f"county statistics of {today.year}:         "
          f"{best(lambda: county_stats.work(year, today=today)):7.1f} ms")  # fmt: skip
    for stage in ("review", "overdue", "replied"):
        query = ListQuery(filters={"stage": stage, "status": ["submitted"]})
        ms = best(lambda query=query: PROPOSALS.page(query, limit=100, today=today))
        print(f"proposals list, stage {stage:8} (100 rows): {ms:7.1f} ms")
    workspace.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
