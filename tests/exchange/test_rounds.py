"""Three rounds of studio ⇄ county with edits on both sides, as a year of USB sticks goes.

Packages arrive out of order, one is lost, one is sent twice, one is edited by hand in
Excel and one is forged; at the end both databases hold the same records field by field,
and no conflict was raised that a person did not make.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from studio_app.core.errors import UserError
from studio_app.exchange.export import export_studio
from studio_app.exchange.feedback import export_feedback, sync_status
from studio_app.exchange.importer import ImportResult, import_package
from studio_app.exchange.plan import AlreadyImported
from studio_app.services import (
    county_work,
    exchange_conflicts,
    integrity,
    interviews,
    proposals,
    residents,
    visits,
)
from tests.exchange.builders import fill
from tests.exchange.conftest import Install, same_at_both
from tests.exchange.files import edit, edit_manifest, header_index

pytestmark = pytest.mark.both_engines  # the county's database: SQLite, then PostgreSQL

PLACE = visits.VISIT.field("place").label
CONTENT = visits.VISIT.field("content").label


def send(inst: Install, out: Path, **kw: object) -> Path:
    """The studio's next package (all changes since the last one, or ``full``)."""
    with inst as ctx:
        result = export_studio(ctx, out, include_identifiers=True, **kw)  # type: ignore[arg-type]
        assert result.path is not None
        return result.path


def feedback(county: Install, out: Path, **kw: object) -> Path:
    with county as cctx:
        result = export_feedback(cctx, "SQZ", out, **kw)  # type: ignore[arg-type]
        assert result.path is not None
        return result.path


def take(inst: Install, path: Path) -> ImportResult:
    """Import and apply; a conflict here would be one nobody made."""
    with inst as ctx:
        result = import_package(ctx, path)
        assert result.applied, [(r.record, r.reason) for r in result.plan.rows]
        assert result.plan.counts["conflict"] == 0, result.plan.of("conflict")
        assert result.plan.counts["rejected"] == 0, result.plan.of("rejected")
        assert exchange_conflicts.pending() == []
        assert integrity.problems() == []
        return result


def test_three_rounds_converge_field_by_field(
    studio: Install, county: Install, out: Path, tmp_path: Path
) -> None:
    # -- round 1: everything to the county; review and assignment come back ------------
    with studio as ctx:
        made = fill(ctx)
    take(county, send(studio, out))
    proposal = made["proposal"].uuid
    with county as cctx:
        proposals.update(cctx, proposal, {
            "county_no": "PY-2026-001", "review": "accepted", "assigned_at": "2026-04-01",
            "reply_due": "2026-07-01",
        })  # fmt: skip
        county_work.set_units(cctx, proposal, [("lead", "01"), ("assisting", "02")])
    take(studio, feedback(county, out))
    same_at_both(studio, county)

    # -- round 2: package 3 before 2, a forged copy of 3, package 2 twice ---------------
    with studio as ctx:
        newcomer = residents.create(ctx, {"name": "赵新来", "village": "南岙村"})
        visit = visits.create(ctx, {
            "channel": "reception", "occurred_at": "2026-04-02 09:00",
            "residents": [newcomer.id], "members": [made["members"][0].id],
            "category": "交通出行", "content": "南岙村路灯不亮", "handling": "referred",
            "referred_unit": "县住建局",
        })  # fmt: skip
    second = send(studio, out)
    with studio as ctx:
        visits.save(ctx, {}, visit_id=visit.id, action="start")
        interviews.update(ctx, made["interview"].id, {"follow_up": "形成社情民意一篇"})
    third = send(studio, out)

    forged = shutil.copy(third, tmp_path / "forged.xlsx")
    edit_manifest(Path(forged), lambda m: m.update(site_code="WQZ"))
    with county as cctx, pytest.raises(UserError):
        import_package(cctx, Path(forged))

    early = take(county, third)
    assert early.plan.counts["waiting"] == 1  # the visit waits for its resident
    with county:
        [health] = sync_status()
        assert health.missing == [2] and health.waiting[0].sequence == 3
    late = take(county, second)
    assert [r.sequence for r in late.plan.replayed] == [3]
    with county as cctx, pytest.raises(AlreadyImported):
        import_package(cctx, second)
    with county:
        [health] = sync_status()
        assert health.missing == [] and health.waiting == ()
        assert visits.Visit.get(visits.Visit.uuid == visit.uuid).status == "in_progress"

    with county as cctx:
        proposals.update(cctx, proposal, {
            "reply_class": "A", "reply_summary": "已列入明年计划", "replied_at": "2026-05-20",
        })  # fmt: skip
    take(studio, feedback(county, out))
    same_at_both(studio, county)

    # -- round 3: the member rates the reply; a stick is lost; the studio sends --full ---
    with studio as ctx:
        proposals.update(ctx, proposal, {"member_evaluation": "satisfied"})
    send(studio, out)  # package 4: lost on the way
    with studio as ctx:
        visits.delete(ctx, made["visits"][1].id)
        visits.save(ctx, {"place": "村委会"}, visit_id=made["visits"][0].id)
    full = send(studio, out, full=True)

    # A clerk at the county opens the package in Excel and "corrects" the place of a visit
    # nobody changed since round 2.
    edited = Path(shutil.copy(full, tmp_path / "edited.xlsx"))

    def hand_edit(wb: object) -> None:
        ws = wb["接待走访"]  # type: ignore[index]
        content = header_index(ws, CONTENT)
        [row] = [
            r for r in range(2, ws.max_row + 1) if ws.cell(r, content).value == "南岙村路灯不亮"
        ]
        ws.cell(row, header_index(ws, PLACE)).value = "县政协办公室"

    edit(edited, hand_edit)
    with county as cctx:
        result = import_package(cctx, edited)
        assert not result.applied
        [conflict] = result.plan.of("conflict")  # the one a person made, and only it
        assert conflict.edited
        [stored] = exchange_conflicts.pending()
        exchange_conflicts.resolve(cctx, stored.id, "local")
        assert import_package(cctx, edited).applied
        with pytest.raises(AlreadyImported):
            import_package(cctx, full)  # the original file: the same package
        assert exchange_conflicts.pending() == []
    # The county kept its version of the hand-edited row, which is the studio's.
    same_at_both(studio, county)

    # Both sides send everything once more: nothing moves, no conflict.
    again = take(county, send(studio, out, full=True))
    assert again.plan.counts["new"] == again.plan.counts["update"] == 0
    back = take(studio, feedback(county, out, full=True))
    assert back.plan.counts["update"] == 0
    same_at_both(studio, county)
    with studio:
        assert visits.get(made["visits"][1].id).deleted_at is not None
