"""Importing a package: read → plan → (dry run: stop) → apply all or nothing.

Conflicts that wait for a person stop the import before anything is applied: both versions
are kept in ``exchange_conflict``; ``studio-app resolve`` records each decision, and
importing the same file again applies the package with those decisions. Rows waiting for
a record not received yet are kept when the package is applied, and the rows kept from
earlier packages are planned again (``waiting``).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from studio_app.exchange import staging, waiting
from studio_app.exchange.apply import apply_plan, store_conflicts
from studio_app.exchange.plan import Plan, make_plan
from studio_app.exchange.reader import ImportCancelled, Package, read_package
from studio_app.exchange.schema import PackageKind, sheets_for
from studio_app.exchange.writer import Cancelled, Progress
from studio_app.services import backups, import_lock, permissions
from studio_app.services.context import Context


@dataclass
class ImportResult:
    plan: Plan
    applied: bool = False
    waiting: int = 0  # conflicts stored for a decision
    notes: list[str] = field(default_factory=list)  # rows of earlier packages let in, or not


# Shares of the progress bar: reading (parse + clean + stage), planning, applying.
READ, PLAN, APPLY = 6, 1, 3


class _Progress:
    """One bar over the three stages: ``progress(done, total)`` never goes backwards."""

    def __init__(
        self,
        progress: Progress | None,
        cancelled: Cancelled | None,
        stage: Callable[[str], None] | None,
    ) -> None:
        self.progress, self.cancelled, self.stage = progress, cancelled, stage
        self.rows = 0
        self.base = 0

    def check(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise ImportCancelled()

    def begin(self, label: str, base: int) -> None:
        self.check()
        self.base = base
        if self.stage is not None:
            self.stage(label)

    def read(self, done: int, total: int) -> None:
        self.rows = max(total, 1)
        self._report(done * READ)

    def planned(self, done: int) -> None:
        self.check()
        self._report(self.base + done * PLAN)

    def applied(self, done: int) -> None:
        self.check()
        self._report(self.base + min(done, 2 * self.rows) * APPLY // 2)

    def finish(self) -> None:
        self._report(self.rows * (READ + PLAN + APPLY))

    def _report(self, done: int) -> None:
        if self.progress is not None:
            total = self.rows * (READ + PLAN + APPLY)
            self.progress(min(done, total), total)


def plan_import(
    ctx: Context,
    path: Path,
    password: str | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    stage: Callable[[str], None] | None = None,
) -> Plan:
    """Read and classify; writes nothing.

    ``progress(done, total)`` and ``cancelled()`` cover reading and planning; ``stage`` is told
    which of them is running ("读取", "核对").
    """
    with _paused_gc():
        plan, package = _plan(ctx, path, password, _Progress(progress, cancelled, stage))
        staging.drop(sd.spec.record for sd in package.sheets)
        return plan


def import_package(
    ctx: Context,
    path: Path,
    *,
    dry_run: bool = False,
    password: str | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    stage: Callable[[str], None] | None = None,
) -> ImportResult:
    """Read, plan and (unless a dry run, or conflicts wait) apply the package at ``path``.

    ``progress(done, total)`` covers reading, planning and applying on one scale;
    ``cancelled()`` is checked in all three (cancelling changes nothing); ``stage`` is told
    which one is running ("读取", "核对", "写入").
    """
    permissions.require(ctx, permissions.Permission.EXCHANGE, "package")
    steps = _Progress(progress, cancelled, stage)
    records = [spec.record for spec in sheets_for(PackageKind.STUDIO)]
    with import_lock.held(ctx), _paused_gc():
        try:
            plan, _ = _plan(ctx, path, password, steps)
            return _import(ctx, plan, steps, dry_run=dry_run)
        finally:
            staging.drop(records)


@contextmanager
def _paused_gc() -> Iterator[None]:
    # Reading makes many short-lived objects in long loops: the cyclic collector would only
    # rescan what is alive again and again.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _plan(ctx: Context, path: Path, password: str | None, steps: _Progress) -> tuple[Plan, Package]:
    steps.begin("读取", 0)
    try:
        package, sniffed = read_package(path, password, steps.read, steps.cancelled, ctx)
    except BaseException:
        staging.drop(spec.record for spec in sheets_for(PackageKind.STUDIO))
        raise
    try:
        steps.begin("核对", steps.rows * READ)
        # The hash of the bytes read, not of the path read again (it may have changed since).
        plan = make_plan(ctx, package, sniffed.sha256, path.name, steps.planned)
        plan.notes += waiting.expected(plan)
    except BaseException:
        staging.drop(sd.spec.record for sd in package.sheets)
        raise
    return plan, package


def _import(ctx: Context, plan: Plan, steps: _Progress, *, dry_run: bool) -> ImportResult:
    result = ImportResult(plan)
    if dry_run:
        steps.finish()
        return result
    waiting = plan.open_conflicts
    if waiting:
        result.waiting = store_conflicts(ctx, plan, waiting)
        steps.finish()
        return result
    backups.backup_before(ctx, "import")  # refuses the import when no backup can be made
    steps.begin("写入", steps.rows * (READ + PLAN))
    apply_plan(ctx, plan, steps.applied, steps.cancelled)
    result.applied = True
    result.notes = [r.message() for r in plan.replayed]
    steps.finish()
    return result
