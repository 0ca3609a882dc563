"""Issue 11: packages arriving out of order, twice, or never converge (rows wait, then apply).

Package 2 adds a visit with a new resident; package 3 starts that visit (referred →
in_progress) and adds a proposal grown from it. The county imports them in any order.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import pytest

from studio_app.cli.exchange import cmd_import, cmd_resolve, cmd_sync_status
from studio_app.exchange.export import export_studio
from studio_app.exchange.feedback import sync_status
from studio_app.exchange.importer import import_package, plan_import
from studio_app.exchange.plan import AlreadyImported
from studio_app.services import audit, exchange_conflicts, integrity, proposals, residents, visits
from studio_app.storage.models import ExchangeWaiting, ExchangeWaitingRow, ImportHistory, Visit
from tests.exchange.builders import fill
from tests.exchange.conftest import Install, differences, everything
from tests.exchange.files import edit, header_index

pytestmark = pytest.mark.both_engines  # the county's database: SQLite, then PostgreSQL


def _packages(studio: Install, county: Install, out: Path) -> dict[str, Any]:
    """Package 1 imported at the county; packages 2 and 3 made, not imported yet."""
    with studio as ctx:
        base = fill(ctx)
        first = export_studio(ctx, out, include_identifiers=True).path
    with county as cctx:
        assert import_package(cctx, first).applied  # type: ignore[arg-type]
    with studio as ctx:
        resident = residents.create(ctx, {"name": "赵新来", "village": "南岙村"})
        visit = visits.create(ctx, {
            "channel": "reception", "occurred_at": "2026-04-02 09:00", "residents": [resident.id],
            "members": [base["members"][0].id],
            "category": "交通出行", "content": "南岙村路灯不亮", "handling": "referred",
            "referred_unit": "县住建局",
        })  # fmt: skip
        second = export_studio(ctx, out, include_identifiers=True).path
        visits.advance(ctx, visit.id, "start")
        proposal = proposals.create(
            ctx, {"kind": "sqmy", "title": "关于南岙村路灯的建议", "facts": "路灯不亮",
             "lead_member": base["members"][0].id},
            grew_from={"visit": [visit.id]},
        )  # fmt: skip
        third = export_studio(ctx, out, include_identifiers=True).path
        assert Visit.get_by_id(visit.id).status == "in_progress"
    return {"second": second, "third": third, "visit": visit.uuid, "resident": resident.uuid,
            "proposal": proposal.uuid}  # fmt: skip


def _same_at_both(studio: Install, county: Install) -> None:
    with studio:
        at_studio = everything()
    with county:
        assert differences(at_studio, everything()) == []
        assert integrity.problems() == []


def _waiting_rows() -> int:
    return ExchangeWaitingRow.select().count()


def test_package_3_before_2_converges(studio: Install, county: Install, out: Path) -> None:
    made = _packages(studio, county, out)
    with county as cctx:
        plan = plan_import(cctx, made["third"])  # the dry run says the rows will wait
        waiting = {r.record: r for r in plan.of("waiting")}
        assert set(waiting) == {"visit", "proposal"} and plan.of("rejected") == []
        assert "群众" in waiting["visit"].reason and "自动导入" in waiting["visit"].reason
        assert plan.counts["waiting"] == 2 and plan.counts["rejected"] == 0

        result = import_package(cctx, made["third"])
        assert result.applied and result.plan.counts["waiting"] == 2
        assert Visit.get_or_none(Visit.uuid == made["visit"]) is None
        [health] = sync_status()
        assert health.missing == [2]
        [held] = health.waiting
        assert (held.sequence, held.rows) == (3, 2)
        assert held.waits_for == {"群众": 1, "接待走访": 1}

        plan = plan_import(cctx, made["second"])
        assert any("第 3 号" in n and "2 行" in n for n in plan.notes)
        result = import_package(cctx, made["second"])
        assert result.applied
        assert [
            (r.sequence, r.counts["update"], r.counts["new"]) for r in result.plan.replayed
        ] == [(3, 1, 1)]
        assert any("第 3 号" in n for n in result.notes)
        visit = Visit.get(Visit.uuid == made["visit"])
        assert (visit.status, visit.rev) == ("in_progress", 2)
        assert _waiting_rows() == 0 and ExchangeWaiting.select().count() == 0
        [health] = sync_status()
        assert health.missing == [] and health.waiting == ()
        third = ImportHistory.get(ImportHistory.sequence == 3).package_uuid
        actions = [(e["action"], e["changes"]["package"][1], e["changes"]["rev"])
                   for e in audit.history(made["visit"])]  # fmt: skip
        assert actions[1] == ("import_update", third, [1, 2])  # names the package it came in
        assert actions[0][0] == "import_create"
    _same_at_both(studio, county)


def test_package_3_arriving_twice(studio: Install, county: Install, out: Path) -> None:
    made = _packages(studio, county, out)
    with county as cctx:
        import_package(cctx, made["third"])
        with pytest.raises(AlreadyImported, match="其中 2 行仍在等待"):
            import_package(cctx, made["third"])
        assert _waiting_rows() == 2
        import_package(cctx, made["second"])
        before = everything()
        with pytest.raises(AlreadyImported, match=r"导入过（第 3 号），本次"):
            import_package(cctx, made["third"])
        assert everything() == before and _waiting_rows() == 0
        assert Visit.get(Visit.uuid == made["visit"]).status == "in_progress"
    _same_at_both(studio, county)


def test_package_2_lost_then_a_full_package(studio: Install, county: Install, out: Path) -> None:
    made = _packages(studio, county, out)
    with county as cctx:
        import_package(cctx, made["third"])
    with studio as ctx:
        full = export_studio(ctx, out, full=True, include_identifiers=True).path
    with county as cctx:
        result = import_package(cctx, full)  # type: ignore[arg-type]
        assert result.applied and result.plan.counts["new"] >= 3
        # The waiting rows are no newer than what the full package brought: unchanged.
        [replayed] = result.plan.replayed
        assert replayed.counts["unchanged"] == 2 and replayed.counts["new"] == 0
        assert _waiting_rows() == 0 and sync_status()[0].waiting == ()
        assert Visit.get(Visit.uuid == made["visit"]).status == "in_progress"
        assert [e["action"] for e in audit.history(made["visit"])] == ["import_create"]
    _same_at_both(studio, county)


def test_a_row_that_never_gets_its_reference_stays_visible(
    studio: Install, county: Install, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    made = _packages(studio, county, out)
    with studio as ctx:  # package 4: an unrelated change
        other = Visit.select().where(Visit.uuid != made["visit"]).first()
        visits.update(ctx, other.id, {"place": "村委会"})
        fourth = export_studio(ctx, out).path
    with county as cctx:
        assert cmd_import(argparse.Namespace(path=made["third"], dry_run=False, password=None),
                          _Workspace(cctx)) == 0  # fmt: skip
        printed = capsys.readouterr().out
        assert "等待：接待走访" in printed and "拒收：" not in printed
        import_package(cctx, fourth)  # type: ignore[arg-type]
        assert cmd_sync_status(argparse.Namespace(), None) == 0
        printed = capsys.readouterr().out
        assert "缺少第 2 号" in printed
        assert "第 3 号数据包：2 行" in printed and "群众 1 条" in printed
        assert Visit.get_or_none(Visit.uuid == made["visit"]) is None


def test_a_waiting_row_edited_by_hand_is_a_conflict_when_it_can_apply(
    studio: Install, county: Install, out: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    made = _packages(studio, county, out)

    def hand_edit(wb: Any) -> None:
        ws = wb["接待走访"]
        ws.cell(2, header_index(ws, "反映内容")).value = "南岙村路灯不亮（县里补记）"

    edit(made["third"], hand_edit)
    with county as cctx:
        assert import_package(cctx, made["third"]).applied
        result = import_package(cctx, made["second"])
        [replayed] = result.plan.replayed
        assert replayed.conflicts == 1 and "冲突" in replayed.message()
        assert Visit.get(Visit.uuid == made["visit"]).status == "referred"  # nothing of 3 yet
        [c] = exchange_conflicts.pending()
        assert c.record_uuid == made["visit"] and "手工修改" in c.reason
        [held] = sync_status()[0].waiting
        assert held.conflicts == 1 and held.rows == 2
        assert cmd_resolve(argparse.Namespace(id=c.id, keep="incoming"), _Workspace(cctx)) == 0
        assert "已导入" in capsys.readouterr().out
        visit = Visit.get(Visit.uuid == made["visit"])
        assert visit.status == "in_progress" and visit.content == "南岙村路灯不亮（县里补记）"
        assert _waiting_rows() == 0 and exchange_conflicts.pending() == []


class _Workspace:
    def __init__(self, ctx: Any) -> None:
        self.ctx = ctx

    def context(self) -> Any:
        return self.ctx
