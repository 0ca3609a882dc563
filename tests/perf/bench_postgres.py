"""Visits list and search over 1,000,000 visits on PostgreSQL, beside the same on SQLite and
beside the bare queries (the floors).

    python -m tests.perf.bench_postgres [--sqlite-dir /tmp/studio-bench] [--database URL]

The data is ``bench_visits``'s demo database (generated the first time, kept), copied into
an empty PostgreSQL database with ``COPY``: the app's triggers build the search index and
the live counts as they do for any insert. Without ``--database`` a throwaway server is
started for the run (tests/pg_server.py). Each figure is the best of 5 after a warm-up.
"""

from __future__ import annotations

import argparse
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.perf.bench_visits import DEFAULT_TERMS, best_of, ensure_data

SKIPPED = {"live_count", "sqlite_sequence", "schema_version"}


def _tables_in_order(lite: sqlite3.Connection) -> list[str]:
    """The SQLite file's tables (not the search index's), each after those it refers to."""
    names = [
        n
        for (n,) in lite.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if n not in SKIPPED and "_fts" not in n and not n.startswith("sqlite_")
    ]
    after = {
        n: {r[2] for r in lite.execute(f'PRAGMA foreign_key_list("{n}")')} - {n} for n in names
    }
    ordered: list[str] = []
    while len(ordered) < len(names):
        ready = [n for n in names if n not in ordered and after[n] <= set(ordered)]
        assert ready, "a cycle of references"
        ordered += sorted(ready)
    return ordered


def copy_into(sqlite_file: Path, db: Any) -> None:
    """Copy every row of the SQLite file into the (migrated, empty) PostgreSQL database."""
    lite = sqlite3.connect(sqlite_file)
    conn = db.connection()
    start = time.perf_counter()
    for table in _tables_in_order(lite):
        columns = [r[1] for r in lite.execute(f'PRAGMA table_info("{table}")')]
        quoted = ", ".join(f'"{c}"' for c in columns)
        conn.execute(f'DELETE FROM "{table}"')  # rows the migrations seeded (code lists)
        sql = f'COPY "{table}" ({quoted}) FROM STDIN'
        with conn.cursor() as cursor, cursor.copy(sql) as copy:
            for row in lite.execute(f'SELECT {quoted} FROM "{table}"'):
                copy.write_row(row)
        if "id" in columns:
            conn.execute(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                f'COALESCE((SELECT max(id) FROM "{table}"), 1))'
            )
    conn.execute("VACUUM ANALYZE")
    print(f"copied into PostgreSQL in {time.perf_counter() - start:.0f} s")


def measure(label: str, terms: tuple[str, ...], page_size: int) -> dict[str, float]:
    """The services' figures on the open database."""
    from studio_app.services.lists import visits as visit_list
    from studio_app.services.lists.paging import ListQuery

    found: dict[str, float] = {}
    for name, query in (
        ("list: first page, newest first", ListQuery()),
        ("list: first page, sorted by status", ListQuery(sort="status")),
        ("list: first page, category filter", ListQuery(filters={"category": "09"})),
    ):
        found[name], _ = best_of(lambda q=query: visit_list.page(q, limit=page_size))
    found["list: count of live visits"], _ = best_of(lambda: visit_list.count(ListQuery()))
    for term in terms:
        query = ListQuery(text=term)
        found[f"search {term}: first page"], _ = best_of(
            lambda q=query: visit_list.page(q, limit=page_size)
        )
        found[f"search {term}: count"], n = best_of(lambda q=query: visit_list.count(q))
        found[f"search {term}: matches"] = float(n)  # type: ignore[arg-type]
    print(f"measured on {label}")
    return found


def floors(db: Any, terms: tuple[str, ...], page_size: int) -> dict[str, float]:
    """The bare queries on PostgreSQL: the page along the index, the live count, and for a
    term the lookup in the search index with nothing around it."""
    from studio_app.services.lists import text_search

    def run(sql: str, args: tuple[Any, ...] = ()) -> Callable[[], object]:
        return lambda: db.execute_sql(sql, args).fetchall()

    found: dict[str, float] = {}
    found["list: first page, newest first"], _ = best_of(
        run(
            "SELECT id, serial, occurred_at FROM visit WHERE deleted_at IS NULL "
            "ORDER BY occurred_at DESC, id DESC LIMIT ?",
            (page_size,),
        )
    )
    found["list: count of live visits"], _ = best_of(
        run("SELECT count(*) FROM visit WHERE deleted_at IS NULL")
    )
    for term in terms:
        found_sql, args = text_search.condition("visit_fts", "f", term) or ("TRUE", [])
        found[f"search {term}: count"], _ = best_of(
            run(f"SELECT count(*) FROM visit_fts f WHERE {found_sql}", tuple(args))
        )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sqlite-dir", type=Path, default=Path("/tmp/studio-bench"))
    parser.add_argument("--visits", type=int, default=1_000_000)
    parser.add_argument("--database", help="an empty PostgreSQL database (default: throwaway)")
    parser.add_argument("--terms", default=",".join(DEFAULT_TERMS))
    parser.add_argument("--page-size", type=int, default=200)
    args = parser.parse_args()
    terms = tuple(args.terms.split(","))

    from studio_app.storage.database import close_database, open_database, open_postgres
    from tests import pg_server

    args.sqlite_dir.mkdir(parents=True, exist_ok=True)
    ensure_data(args.sqlite_dir, args.visits)
    close_database()
    sqlite_file = args.sqlite_dir / "studio.sqlite3"
    open_database(sqlite_file)
    lite = measure(f"SQLite ({sqlite_file})", terms, args.page_size)
    close_database()

    url = args.database or pg_server.new_database()
    db = open_postgres(url)
    print(f"PostgreSQL {db.execute_sql('SHOW server_version').fetchone()[0]}: {url}")
    if not db.execute_sql("SELECT 1 FROM visit LIMIT 1").fetchone():
        copy_into(sqlite_file, db)
    pg = measure("PostgreSQL", terms, args.page_size)
    floor = floors(db, terms, args.page_size)
    size = db.execute_sql("SELECT pg_database_size(current_database())").fetchone()[0]
    close_database()

    print(f"\nPostgreSQL database: {size / 2**20:,.0f} MB")
    print(f"{'measure':<42}{'SQLite ms':>11}{'PostgreSQL ms':>15}{'PG floor ms':>13}")
    for name in pg:
        if name.endswith("matches"):
            continue
        floor_text = f"{floor[name]:>13.1f}" if name in floor else " " * 13
        print(f"{name:<42}{lite[name]:>11.1f}{pg[name]:>15.1f}{floor_text}")
    for term in terms:
        key = f"search {term}: matches"
        print(f"matches of {term}: SQLite {lite[key]:,.0f}, PostgreSQL {pg[key]:,.0f}")
    print("targets (QUALITY.md): list page ≤ 50 ms, search page ≤ 50 ms, count ≤ 100 ms")


if __name__ == "__main__":
    main()
