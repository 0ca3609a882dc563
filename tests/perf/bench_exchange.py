"""Benchmark: export and import of a package of 100,000 visits against docs/QUALITY.md's floors.

Run explicitly (not collected by pytest)::

    .venv/bin/python -m tests.perf.bench_exchange --data-dir /tmp/bench-exchange
    .venv/bin/python -m tests.perf.bench_exchange --data-dir /tmp/bench-exchange \
        --package /tmp/bench-exchange/package.xlsx --runs 3   # import only, 3 times
    .venv/bin/python -m tests.perf.bench_exchange --data-dir /tmp/bench-exchange \
        --package /tmp/bench-exchange/package.xlsx --database postgresql://studio@host/postgres

With ``--database`` (a PostgreSQL server the user may create databases on) the county is a
fresh PostgreSQL database of that server for each run, dropped afterwards, and the import
floor copies the parsed rows into plain tables of it with ``COPY``.

A full run leaves its package in the data folder as ``package.xlsx`` for import-only runs.

The studio database is generated with the app's demo generator when the folder is empty.
Floors, measured in the same run on the same cells: xlsxwriter constant_memory and openpyxl
write_only writing the cells of the exported workbook (export); python-calamine parsing the
package plus sqlite3 executemany of its rows into a plain table (import). Peak memory is the
resident set size sampled every 5 ms, above what the process held before the step. CPU
time (user + system of this process) is printed too: on a busy machine it moves less than
the wall clock.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import sqlite3
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

PAGE = os.sysconf("SC_PAGE_SIZE")


def rss() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * PAGE


CPU: list[float] = []  # CPU seconds of each measured step, in order


def measure(work: Callable[[], Any]) -> tuple[float, float, Any]:
    """(seconds, peak MB above the start, result); the step's CPU time goes to ``CPU``."""
    gc.collect()
    base = rss()
    peak = [base]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], rss())
            time.sleep(0.005)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    start, cpu = time.perf_counter(), time.process_time()
    result = work()
    elapsed = time.perf_counter() - start
    CPU.append(time.process_time() - cpu)
    done.set()
    sampler.join()
    return elapsed, (peak[0] - base) / 1e6, result


def cells_of(path: Path) -> dict[str, list[list[Any]]]:
    import python_calamine as calamine

    book = calamine.CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def write_xlsxwriter(sheets: dict[str, list[list[Any]]], path: Path) -> None:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    fmt = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    for name, rows in sheets.items():
        ws = book.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value == "" or value is None:
                    continue
                if isinstance(value, str):
                    ws.write_string(r, c, value)
                elif isinstance(value, (datetime, date)):
                    ws.write_datetime(r, c, value, fmt)
                else:
                    ws.write_number(r, c, value)
    book.close()


def write_openpyxl(sheets: dict[str, list[list[Any]]], path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append([None if v == "" else v for v in row])
    book.save(str(path))


def floor_import(path: Path, scratch: Path) -> int:
    """calamine parse of every sheet + executemany of its rows into plain tables."""
    import python_calamine as calamine

    book = calamine.CalamineWorkbook.from_path(str(path))
    conn = sqlite3.connect(scratch)
    n = 0
    with conn:
        for i, name in enumerate(book.sheet_names):
            rows = book.get_sheet_by_name(name).to_python()
            if len(rows) < 2:
                continue
            width = max(len(r) for r in rows)
            cols = ", ".join(f"c{j}" for j in range(width))
            conn.execute(f"CREATE TABLE t{i} ({cols})")
            marks = ", ".join("?" * width)
            data = [[str(v) for v in r] + [None] * (width - len(r)) for r in rows[1:]]
            conn.executemany(f"INSERT INTO t{i} VALUES ({marks})", data)
            n += len(data)
    conn.close()
    return n


def floor_import_postgres(path: Path, url: str) -> int:
    """calamine parse of every sheet + COPY of its rows into plain PostgreSQL tables."""
    import python_calamine as calamine

    from studio_app.storage.postgres import driver, parse_url

    target, password = parse_url(url)
    book = calamine.CalamineWorkbook.from_path(str(path))
    n = 0
    with driver().connect(dbname=target.dbname, **target.connect_params(password)) as conn:
        for i, name in enumerate(book.sheet_names):
            rows = book.get_sheet_by_name(name).to_python()
            if len(rows) < 2:
                continue
            width = max(len(r) for r in rows)
            conn.execute(f"CREATE TABLE t{i} ({', '.join(f'c{j} text' for j in range(width))})")
            with conn.cursor() as cursor, cursor.copy(f"COPY t{i} FROM STDIN") as copy:
                for r in rows[1:]:
                    copy.write_row([str(v) for v in r] + [None] * (width - len(r)))
            n += len(rows) - 1
    return n


class _Databases:
    """Fresh databases on the PostgreSQL server of ``server`` (one of its URLs)."""

    def __init__(self, server: str) -> None:
        self.server = server

    def _admin(self, sql: str) -> None:
        from studio_app.storage.postgres import driver, parse_url

        target, password = parse_url(self.server)
        with driver().connect(
            dbname=target.dbname, autocommit=True, **target.connect_params(password)
        ) as conn:
            conn.execute(sql)

    def create(self, name: str) -> str:
        self._admin(f'DROP DATABASE IF EXISTS "{name}"')
        self._admin(f'CREATE DATABASE "{name}"')
        return self.server.rsplit("/", 1)[0] + f"/{name}"

    def drop(self, url: str) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


def measure_import(path: Path, tmp: Path, run: int, server: str | None = None) -> None:
    """The import of ``path`` into an empty county database (SQLite, or a database of the
    PostgreSQL ``server``), against the floor."""
    from studio_app.exchange.importer import import_package
    from studio_app.paths import DATABASE_FILE
    from studio_app.services import site
    from studio_app.storage.database import close_database, open_database, open_postgres

    folder = tmp / f"county{run}"  # a data folder: imports back the database up first
    folder.mkdir()
    if server is None:
        t_floor, m_floor, n = measure(lambda: floor_import(path, tmp / f"floor{run}.sqlite3"))
        floor_name = "calamine parse + sqlite3 executemany"
        open_database(folder / DATABASE_FILE)
    else:
        databases = _Databases(server)
        floor_db = databases.create(f"bench_floor_{run}")
        t_floor, m_floor, n = measure(lambda: floor_import_postgres(path, floor_db))
        databases.drop(floor_db)
        floor_name = "calamine parse + PostgreSQL COPY"
        county_db = databases.create(f"bench_county_{run}")
        open_postgres(county_db, folder=folder)
    c_floor = CPU[-1]
    cctx = site.context_for(site.setup("county", "平阳县政协", "PYX"))
    t_import, m_import, imported = measure(lambda: import_package(cctx, path))
    c_import = CPU[-1]
    assert imported.applied, imported.plan.counts
    close_database()
    if server is not None:
        databases.drop(county_db)
    print(f"\nImport into {'SQLite' if server is None else 'PostgreSQL'} "
          "(sniff, parse, validate, plan, apply in one transaction)")  # fmt: skip
    print(f"  floor {floor_name} ({n:,} rows): {t_floor:6.2f} s  "
          f"({m_floor:.0f} MB, CPU {c_floor:.2f} s)")  # fmt: skip
    print(
        f"  studio-app import:                                    {t_import:6.2f} s  "
        f"({m_import:.0f} MB added, CPU {c_import:.2f} s)  ratio {t_import / t_floor:.2f}×, "
        f"CPU {c_import / c_floor:.2f}× (target ≤ 2×)"
    )
    print(f"  plan: {imported.plan.counts}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--visits", type=int, default=100_000)
    parser.add_argument("--package", type=Path, help="import only: this package")
    parser.add_argument("--runs", type=int, default=1, help="import runs (with --package)")
    parser.add_argument("--database", help="import into PostgreSQL: a URL of its server")
    args = parser.parse_args()

    from studio_app.demo import studio as demo
    from studio_app.exchange.export import export_studio
    from studio_app.services import site
    from studio_app.storage.database import close_database, open_database
    from studio_app.storage.models import Visit

    tmp = Path(tempfile.mkdtemp(prefix="bench-exchange-"))
    try:
        if args.package is not None:
            for run in range(args.runs):
                measure_import(args.package, tmp, run, args.database)
            return
        args.data_dir.mkdir(parents=True, exist_ok=True)
        studio_db = args.data_dir / "studio.sqlite3"
        open_database(studio_db)
        local = site.local_site() or site.setup("studio", "石桥镇政协委员工作室", "SQZ", "石桥镇")
        ctx = site.context_for(local)
        if not Visit.select().exists():
            print(f"generating {args.visits:,} demo visits…", flush=True)
            demo.generate(ctx, visits=args.visits)
        t_export, m_export, result = measure(
            lambda: export_studio(ctx, tmp, full=True, include_identifiers=True)
        )
        path = result.path
        close_database()
        shutil.copyfile(path, args.data_dir / "package.xlsx")  # for --package runs
        print(f"package: {path.name}, {path.stat().st_size / 1e6:.1f} MB, {result.counts}")
        sheets = cells_of(path)
        t_xw, m_xw, _ = measure(lambda: write_xlsxwriter(sheets, tmp / "xw.xlsx"))
        t_op, m_op, _ = measure(lambda: write_openpyxl(sheets, tmp / "op.xlsx"))
        sheets.clear()
        floor = min(t_xw, t_op)
        print("\nExport (read records, write, verify the copy, mark as sent)")
        print(f"  floor xlsxwriter constant_memory, same cells: {t_xw:6.2f} s  ({m_xw:.0f} MB)")
        print(f"  floor openpyxl write_only, same cells:         {t_op:6.2f} s  ({m_op:.0f} MB)")
        print(
            f"  studio-app export --full:                     {t_export:6.2f} s  "
            f"({m_export:.0f} MB added)  ratio {t_export / floor:.2f}× (target ≤ 1.2×, ≤ 60 MB)"
        )
        measure_import(path, tmp, 0, args.database)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
