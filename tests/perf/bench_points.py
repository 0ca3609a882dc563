"""Duty points (履职积分) of a year for 300 members over about 1,000,000 source records.

    python -m tests.perf.bench_points --data-dir /tmp/bench-points

Run explicitly (not collected by pytest). The data is made the first time and kept: the demo
studio (``demo.generate``) with ``--visits`` visits (its contacts, activities, proposals and
the rest follow them: 570,000 visits give about 1,000,000 records that earn points), then its
30 members are spread over 300 (nine copies; every record's members move together to one
copy, chosen by the record's id, so no record names a member twice). Then it times, best of
5 after a warm-up, what the points page and ``points --year`` wait for: every member's total,
by rule, with the minimums (:func:`~studio_app.services.points.totals`) for the busiest year,
against its floor — one SQL ``GROUP BY`` of the same (member, record) pairs; and one member's
ledger, entry by entry (:func:`~studio_app.services.points.ledger`). Targets: docs/QUALITY.md.
"""

from __future__ import annotations

import argparse
import platform
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from studio_app.services.context import Context

TOTALS_MS = 5000.0  # a year for 300 members over 1,000,000 records (issue: ≤ 5 s)
ARCHIVES_S = 30.0  # the year's archives of 300 members in one PDF (issue: ≤ 30 s)
COPIES = 10  # the demo's 30 members and nine copies of them


def best_of(run: Callable[[], Any], repeat: int = 5) -> tuple[float, Any]:
    run()  # warm-up
    times, found = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        found = run()
        times.append((time.perf_counter() - start) * 1000)
    return min(times), found


def spread_members() -> None:
    """Nine copies of each demo member; each record's members move to one copy (by id)."""
    from studio_app.storage.models import database

    n = database.execute_sql("SELECT max(id) FROM member").fetchone()[0]
    columns = [c.name for c in database.get_columns("member") if c.name != "id"]
    made = {"uuid": "lower(hex(randomblob(16)))", "name": "m.name || k.i",
            "contact_parent_id": "NULL", "serial": "NULL"}  # fmt: skip
    picks = ", ".join(made.get(c, f"m.{c}") for c in columns)
    moves = {  # table: (member column, record column)
        "visit_member": ("member_id", "visit_id"),
        "interview_member": ("member_id", "interview_id"),
        "proposal_co_signer": ("member_id", "proposal_id"),
        "consultation_member": ("member_id", "consultation_id"),
        "observation_member": ("member_id", "observation_id"),
        "election_member": ("member_id", "election_id"),
        "activity_attendance": ("member_id", "activity_id"),
        "contact": ("member_id", "id"),
        "proposal": ("lead_member_id", "id"),
    }
    with database.atomic():
        copies = f"SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < {COPIES - 1}"
        database.execute_sql(
            f"WITH RECURSIVE k(i) AS ({copies}) INSERT INTO member (id, {', '.join(columns)}) "
            f"SELECT m.id + {n} * k.i, {picks} FROM member m, k"
        )
        for table, (member, record) in moves.items():
            database.execute_sql(
                f"UPDATE {table} SET {member} = {member} + {n} * ({record} % {COPIES}) "
                f"WHERE {member} IS NOT NULL"
            )


def ensure_data(data_dir: Path, visits: int) -> Context:
    from studio_app.demo import studio as demo
    from studio_app.paths import DataDir
    from studio_app.services import site
    from studio_app.workspace import DEMO_SITE, open_workspace

    ws = open_workspace(DataDir(data_dir))
    if ws.site is None:
        ws.site = site.setup(**DEMO_SITE)
        start = time.perf_counter()
        demo.generate(ws.context(), visits=visits, seed=1)
        spread_members()
        print(f"demo data: {visits:,} visits and the rest generated in "
              f"{time.perf_counter() - start:.1f} s")  # fmt: skip
    return ws.context()


def print_archives(ctx: Context, year: int) -> tuple[float, int, int]:
    """Seconds to print every member's archive of ``year`` into one PDF; pages, archives."""
    from studio_app.reports import archive

    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        made = archive.render(ctx, year, Path(folder) / "archives.pdf")
        return time.perf_counter() - start, made.pages, made.records


def floor_sql(year: int) -> tuple[str, list[Any]]:
    """One GROUP BY of every (member, record) pair the year's rules count."""
    from studio_app.services import points

    parts, params = [], []
    for code, rule in points.rules(year).items():
        sql, args = points._query(year, code, rule, "m, id", None)
        parts.append(sql)
        params += args
    return f"SELECT m, COUNT(*) FROM ({' UNION ALL '.join(parts)}) GROUP BY m", params


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/bench-points"))
    parser.add_argument("--visits", type=int, default=570_000)
    args = parser.parse_args()
    ctx = ensure_data(args.data_dir, args.visits)

    from studio_app.services import points
    from studio_app.storage.models import Member, database

    years = database.execute_sql(
        "SELECT CAST(substr(occurred_at, 1, 4) AS INTEGER), count(*) FROM visit GROUP BY 1"
    ).fetchall()
    year = max(years, key=lambda row: row[1])[0]
    sources = sum(
        database.execute_sql(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in ("visit", "interview", "proposal", "activity", "consultation", "contact",
                      "observation", "election")
    )  # fmt: skip
    print(f"machine: {platform.machine()}, SQLite {sqlite3.sqlite_version}, "
          f"{Member.select().count():,} members, {sources:,} source records (all years), "
          f"busiest year {year}")  # fmt: skip
    totals_ms, found = best_of(lambda: points.totals(year))
    sql, params = floor_sql(year)
    floor_ms, _ = best_of(lambda: database.execute_sql(sql, params).fetchall())
    busiest = found[0]
    ledger_ms, entries = best_of(lambda: points.ledger(year, member_id=busiest.member_id))
    entries_year = sum(sum(m.counts.values()) for m in found)
    archives_s, pages, archives = print_archives(ctx, year)
    print()
    print("| measurement | ms | floor | target | rows |")
    print("|---|---:|---:|---:|---:|")
    print(f"| {year}: every member's total, by rule, minimums | {totals_ms:.0f} | "
          f"{floor_ms:.0f} | ≤ {TOTALS_MS:.0f} | {len(found)} members, {entries_year:,} "
          "entries |")  # fmt: skip
    print(f"| {year}: the busiest member's ledger | {ledger_ms:.1f} | | | {len(entries):,} |")
    print(f"| {year}: every member's archive in one PDF (once) | {archives_s * 1000:.0f} | | "
          f"≤ {ARCHIVES_S * 1000:.0f} | {archives} archives, {pages:,} pages |")  # fmt: skip
    print()
    within = totals_ms <= TOTALS_MS and archives_s <= ARCHIVES_S
    print("within target" if within else "OVER TARGET")


if __name__ == "__main__":
    main()
