"""The county office's demo (``studio-app demo --county``), made of real packages.

Each demo studio's records are generated (:mod:`.studio`) in a scratch
database of its own, exported with the real exporter and imported at the county with the real
importer, so the county database holds exactly what real packages make of them (sync status,
import history, pinned peers). The county's work on them goes through ``county_work``
(:mod:`.county_work`); its feedback goes back to each studio, whose members
rate most replies, and the studio's second package brings the ratings. Work of the last
:data:`FEEDBACK_LAG` days is done after that: what the county has still to send.

Clock: the dates of the work (交办、答复、采用、批示) follow each record's submission, while
the audit log and the records' stamps carry the moment the demo is made, as for a clerk
entering past work that day. Pretending past clocks would date the county's work before the
packages that brought the records (and the last package years back).

All or nothing: everything is built in a private working folder (:mod:`studio_app.scratch`)
and copied into the open, empty database in one step at the end; if anything fails, that
database stays as it was (empty) and the working folder is removed.

Above the exchange layer (it exports and imports), like :mod:`studio_app.selftest`.
"""

from __future__ import annotations

import dataclasses
import random
import sqlite3
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from studio_app import scratch
from studio_app.core import kinds
from studio_app.core.errors import UserError
from studio_app.demo import studio as demo
from studio_app.demo import text as t
from studio_app.demo.county_work import (
    COUNTY,
    STUDIOS,
    CountyDemoSummary,
    CountyWork,
    studio_name,
    summary,
)
from studio_app.exchange.export import export_studio
from studio_app.exchange.feedback import export_feedback
from studio_app.exchange.importer import import_package
from studio_app.paths import DATABASE_FILE
from studio_app.services import accounts, audit, proposals, site
from studio_app.services.context import Context, utc_now
from studio_app.storage.database import close_database, on_postgres, open_database
from studio_app.storage.models import Proposal, Setting, Site, database

Progress = Callable[[int, int], None]

VISITS = 400  # per studio: quick enough for a first start
FEEDBACK_LAG = 10  # days: the county's work of the last days has not gone back yet
NOT_EMPTY = (
    "县政协演示数据只能生成到空的数据目录（这里已经设置过或已有记录），"
    "请用 --data-dir 另选一个空目录。"
)
__all__ = ["NOT_EMPTY", "STUDIOS", "VISITS", "CountyDemoSummary", "generate"]


def proposals_per_studio(visits: int) -> int:
    """More proposal-type records than a studio's demo has: the county's work is on them."""
    return max(30, min(visits // 10, 150))


def generate(
    *,
    studios: int = 3,
    visits: int = VISITS,
    seed: int = 1,
    clock: Callable[[], datetime] = utc_now,
    progress: Progress | None = None,
) -> CountyDemoSummary:
    """Fill the open, empty database with the county office's demo (see the module).

    Deterministic for a seed and a clock, apart from uuids. Refused (:data:`NOT_EMPTY`)
    unless the database has no site, no accounts and no records; all or nothing.
    """
    if not 1 <= studios <= len(STUDIOS):
        raise UserError(f"演示工作室的数量应在 1 到 {len(STUDIOS)} 之间。")
    if visits < 0:
        raise ValueError("visits must not be negative")
    target = _open_file()
    if site.local_site() is not None or accounts.has_accounts() or _has_records():
        raise UserError(NOT_EMPTY)
    close_database()
    try:
        with scratch.workdir("demo", target.parent) as work:
            build = _Build(work, studios, visits, seed, clock, progress)
            try:
                result = build.run()
            finally:
                close_database()
            open_database(target, migrate=False)
            _copy(build.county, database.connection())
    finally:
        if database.obj is None or database.obj.is_closed():
            open_database(target, migrate=False)
    return result


def _open_file() -> Path:
    db = database.obj
    if on_postgres():
        raise UserError(
            "县政协演示数据只能生成到本机的 SQLite 数据库，不能生成到 PostgreSQL 数据库。"
        )
    if db is not None and not db.is_closed():
        for _seq, name, file in db.connection().execute("PRAGMA database_list"):
            if name == "main" and file:
                return Path(file)
    raise UserError("演示数据只能生成到数据目录中的数据库。")


def _has_records() -> bool:
    conn = database.connection()
    tables = kinds.names()
    return any(conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() for table in tables)


def _copy(source: Path, target: sqlite3.Connection) -> None:
    """Copy the finished database over the open one: one transaction, all or nothing."""
    src = sqlite3.connect(source)
    try:
        src.backup(target)
    finally:
        src.close()


def _use(path: Path) -> None:
    """Switch the models to the database at ``path`` (made when missing)."""
    close_database()
    path.parent.mkdir(exist_ok=True)
    open_database(path)


def _apply(ctx: Context, package: Path) -> None:
    result = import_package(ctx, package)
    if not result.applied or result.waiting:
        raise RuntimeError(f"the demo package {package.name} was not applied")


class _Build:
    """One run in the working folder ``work``: studios, packages, the county's work."""

    def __init__(
        self,
        work: Path,
        studios: int,
        visits: int,
        seed: int,
        clock: Callable[[], datetime],
        progress: Progress | None,
    ) -> None:
        self.work, self.visits, self.seed = work, visits, seed
        self.chosen = STUDIOS[:studios]
        self.clock, self.progress = clock, progress
        self.county = work / "county" / DATABASE_FILE
        self.packages = work / "packages"
        self.rng = random.Random(f"county-demo-{seed}")
        self.done, self.total = 0, 4 * studios + 2

    def step(self, weight: int = 1) -> None:
        self.done += weight
        if self.progress is not None:
            self.progress(self.done, self.total)

    def context(self, local: Site) -> Context:
        return dataclasses.replace(site.context_for(local), clock=self.clock)

    def run(self) -> CountyDemoSummary:
        self.packages.mkdir()
        _use(self.county)
        cctx = self.context(site.setup(**COUNTY))
        studios: list[tuple[Path, Context]] = []
        for i, (code, town) in enumerate(self.chosen):
            path = self.work / code.lower() / DATABASE_FILE
            _use(path)
            ctx = self.context(
                site.setup("studio", studio_name(town), code, town, COUNTY["county"])
            )
            demo.generate(ctx, visits=self.visits, seed=self.seed * 1000 + i,
                          proposals=proposals_per_studio(self.visits))  # fmt: skip
            self.step(2)
            self.send(ctx, cctx)
            studios.append((path, ctx))
        work = CountyWork(cctx, self.rng)
        today = cctx.today()
        cutoff = today - timedelta(FEEDBACK_LAG)
        work.run(until=cutoff)
        self.step()
        for path, ctx in studios:
            feedback = export_feedback(cctx, ctx.site_code, self.packages).path
            if feedback is None:  # nothing done on this studio's records yet (tiny runs)
                self.step()
                continue
            _use(path)
            _apply(ctx, feedback)
            self.rate(ctx, cutoff)
            self.send(ctx, cctx)
        work.run(until=today)
        result = summary([code for code, _ in self.chosen], today)
        with database.atomic():
            changes = {"studios": (None, list(result.studios)), "visits": (None, self.visits)}
            audit.record(
                cctx, "demo", "site", cctx.site_uuid, changes | {"seed": (None, self.seed)}
            )
            Setting.insert(key=demo.DEMO_MARKER, value="1").on_conflict_replace().execute()
        self.step()
        return result

    def send(self, ctx: Context, cctx: Context) -> None:
        """The studio's next package, exported at the studio and imported at the county
        (none when nothing changed at the studio since the last one)."""
        package = export_studio(ctx, self.packages).path
        _use(self.county)
        if package is not None:
            _apply(cctx, package)
        self.step()

    def rate(self, ctx: Context, cutoff: date) -> None:
        """At the studio: members rate most replies received (委员评价), through services."""
        query = Proposal.select(Proposal.id).where(
            Proposal.reply_class != "",
            Proposal.member_evaluation == "",
            Proposal.replied_at <= cutoff - timedelta(7),
            Proposal.deleted_at.is_null(),
        )
        bag = t.SATISFACTION_BAG
        with database.atomic():
            for n, row in enumerate(list(query.order_by(Proposal.serial))):
                if n == 0 or self.rng.random() < 0.75:
                    value = bag[int(self.rng.random() * len(bag))]
                    proposals.update(ctx, row.id, {"member_evaluation": value})
