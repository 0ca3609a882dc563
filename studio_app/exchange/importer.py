"""Importing a package: read → plan → (dry run: stop) → apply all or nothing.

Conflicts that wait for a person stop the import before anything is applied: both versions
are kept in ``exchange_conflict``; ``studio-app resolve`` records each decision, and
importing the same file again applies the package with those decisions.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, field
from pathlib import Path

from studio_app.core.errors import UserError
from studio_app.exchange.apply import apply_plan, store_conflicts
from studio_app.exchange.files import sha256_of
from studio_app.exchange.plan import Plan, make_plan
from studio_app.exchange.reader import read_package
from studio_app.exchange.writer import Cancelled, Progress
from studio_app.services.context import Context


@dataclass
class ImportResult:
    plan: Plan
    applied: bool = False
    waiting: int = 0  # conflicts stored for a decision
    notes: list[str] = field(default_factory=list)


def plan_import(
    ctx: Context,
    path: Path,
    password: str | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> Plan:
    """Read and classify; writes nothing."""
    package, _ = read_package(path, password, progress, cancelled)
    return make_plan(ctx, package, sha256_of(path), path.name)


def import_package(
    ctx: Context,
    path: Path,
    *,
    dry_run: bool = False,
    password: str | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportResult:
    """Read, plan and (unless a dry run, or conflicts wait) apply the package at ``path``.

    ``progress``/``cancelled`` cover reading, the long part; cancelling changes nothing.
    """
    if ctx.role == "viewer":
        raise UserError("查阅账号不能导入数据。")
    # Reading builds hundreds of thousands of small objects that all stay alive until the
    # end: the cyclic collector would rescan them again and again (quadratic time).
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        plan = plan_import(ctx, path, password, progress, cancelled)
        return _import(ctx, plan, dry_run=dry_run)
    finally:
        if gc_was_enabled:
            gc.enable()


def _import(ctx: Context, plan: Plan, *, dry_run: bool) -> ImportResult:
    result = ImportResult(plan)
    if dry_run:
        return result
    waiting = plan.open_conflicts
    if waiting:
        result.waiting = store_conflicts(ctx, plan, waiting)
        return result
    apply_plan(ctx, plan)
    result.applied = True
    return result
