"""Import stages: one progress scale over reading, planning and applying; cancel in any of
them changes nothing; the staging tables never outlive an import; counts per sheet."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from studio_app.core import kinds
from studio_app.demo import studio as demo
from studio_app.exchange.export import export_studio
from studio_app.exchange.importer import import_package, plan_import
from studio_app.exchange.reader import ImportCancelled
from studio_app.storage.database import on_postgres
from studio_app.storage.models import AuditEntry, ImportHistory, database
from tests.exchange.conftest import Install, everything

pytestmark = pytest.mark.both_engines  # the county's database: SQLite, then PostgreSQL

STAGES = ["读取", "核对", "写入"]


def _package(studio: Install, out: Path, visits: int = 300) -> Path:
    with studio as ctx:
        demo.generate(ctx, visits=visits)
        path = export_studio(ctx, out).path
    assert path is not None
    return path


def _temp_tables() -> list[str]:
    if on_postgres():
        sql = "SELECT tablename FROM pg_tables WHERE schemaname LIKE 'pg_temp%'"
    else:
        sql = "SELECT name FROM sqlite_temp_master WHERE type = 'table'"
    return [name for (name,) in database.obj.execute_sql(sql)]


def test_progress_runs_once_over_reading_planning_and_applying(
    studio: Install, county: Install, out: Path
) -> None:
    path = _package(studio, out)
    with county as cctx:
        seen: list[tuple[int, int]] = []
        stages: list[str] = []
        result = import_package(
            cctx, path, progress=lambda d, t: seen.append((d, t)), stage=stages.append
        )
        assert result.applied and stages == STAGES
        done = [d for d, _ in seen]
        assert done == sorted(done) and len({t for _, t in seen}) == 1
        assert seen[-1][0] == seen[-1][1] > 0
        assert _temp_tables() == []


@pytest.mark.parametrize("stage", STAGES)
def test_cancelling_in_any_stage_changes_nothing(
    studio: Install, county: Install, out: Path, stage: str
) -> None:
    path = _package(studio, out)
    with county as cctx:
        before = everything()
        audit_before = AuditEntry.select().count()
        current: list[str] = []
        calls = [0]

        def cancelled() -> bool:
            if current and current[-1] == stage:
                calls[0] += 1
                return calls[0] > 1  # not at once: in the middle of the stage
            return False

        with pytest.raises(ImportCancelled, match="没有做任何更改"):
            import_package(cctx, path, cancelled=cancelled, stage=current.append)
        assert current[-1] == stage
        assert everything() == before and ImportHistory.select().count() == 0
        assert AuditEntry.select().count() == audit_before and _temp_tables() == []
        assert import_package(cctx, path).applied


@pytest.mark.sqlite_only  # PostgreSQL's cancel: tests/storage/test_postgres.py
def test_cancelling_while_a_statement_runs_rolls_back(
    studio: Install, county: Install, out: Path
) -> None:
    path = _package(studio, out, visits=1500)
    with county as cctx:
        before = everything()
        asked = [0]

        def cancelled() -> bool:
            # Only SQLite's progress handler (a lambda in apply_plan) hears "yes": the
            # INSERT … SELECT of the visits is interrupted half-way.
            if sys._getframe(1).f_code.co_name != "<lambda>":
                return False
            asked[0] += 1
            return asked[0] > 3

        with pytest.raises(ImportCancelled):
            import_package(cctx, path, cancelled=cancelled)
        assert asked[0] > 3
        assert everything() == before and ImportHistory.select().count() == 0
        assert _temp_tables() == []
        assert import_package(cctx, path).applied


def test_the_plan_counts_every_sheet_and_keeps_only_rows_to_show(
    studio: Install, county: Install, out: Path
) -> None:
    path = _package(studio, out)
    with county as cctx:
        stages: list[str] = []
        plan = plan_import(cctx, path, stage=stages.append)
        assert stages == STAGES[:2] and _temp_tables() == []
        assert list(plan.sheet_counts) == [k.sheet_title for k in kinds.link_order()]
        # linked kinds first: contacts, activities, reporting points before what grows from
        # them or names them
        assert list(plan.sheet_counts)[:8] == [
            "委员", "群众", "联系记录", "委员活动", "直报点", "接待走访", "访谈", "提案与社情民意"
        ]  # fmt: skip
        assert plan.sheet_counts["接待走访"]["new"] == 300
        assert plan.counts["new"] == sum(c["new"] for c in plan.sheet_counts.values())
        assert plan.rows == [] and plan.counts["rejected"] == plan.counts["conflict"] == 0
