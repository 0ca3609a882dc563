"""The county designates accepted proposals 重点提案 / 优秀提案 (``county_work.designate``):
only accepted proposals, only at the county, audited; the designations reach the studio in
feedback packages and earn the authors their points there as at the county; taking one back
takes its points back; a feedback package of an earlier release, without the columns,
leaves the studio's designations as they are."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from studio_app.core.errors import TransitionRefused, UserError
from studio_app.exchange.feedback import export_feedback
from studio_app.exchange.importer import import_package
from studio_app.services import audit, county_work, points
from studio_app.storage.models import Proposal, database
from tests.exchange import conftest as pair
from tests.exchange.conftest import Install
from tests.exchange.county_records import at_county
from tests.exchange.files import without_columns

studio, county, out = pair.studio, pair.county, pair.out  # the two installations' fixtures

DESIGNATED = {"proposal.key": 15, "proposal.excellent": 10}
CO_SIGNED = {"proposal.key_co": 3, "proposal.excellent_co": 2}


def flags(uuid: str) -> tuple[bool, bool]:
    row = Proposal.get(Proposal.uuid == uuid)
    return bool(row.key_proposal), bool(row.excellent)


def earned(year: int, member_id: int, rules: dict[str, int]) -> dict[str, int]:
    """The member's points of ``year`` under ``rules`` (those they have)."""
    (found,) = points.totals(year, member_id=member_id)
    return {code: n for code, n in found.by_rule.items() if code in rules}


def feedback(county: Install, out: Path, **kw: Any) -> Path:
    with county as cctx:
        path = export_feedback(cctx, "SQZ", out, **kw).path
    assert path is not None
    return path


def test_only_the_county_designates_accepted_proposals(
    studio: Install, county: Install, out: Path
) -> None:
    made = at_county(studio, county, out)
    main, sqmy = made["proposal"].uuid, made["sqmy"].uuid
    with studio as ctx, pytest.raises(UserError, match="重点/优秀提案由县政协填写"):
        county_work.designate(ctx, main, key=True, excellent=False)
    with county as cctx:
        county_work.accept_many(cctx, [sqmy])
        before = list(database.execute_sql("SELECT * FROM proposal ORDER BY id"))
        with pytest.raises(TransitionRefused, match="立案后才能"):
            county_work.designate(cctx, main, key=True, excellent=False)
        with pytest.raises(TransitionRefused, match="只有提案"):
            county_work.designate(cctx, sqmy, key=False, excellent=True)
        assert list(database.execute_sql("SELECT * FROM proposal ORDER BY id")) == before
        # accepted and designated in one save, as the county dialog does
        county_work.apply(cctx, main, {"review": {"result": "accepted"},
                                       "designate": {"key": True, "excellent": False}})  # fmt: skip
        assert flags(main) == (True, False)
        rev = Proposal.get(Proposal.uuid == main).county_rev
        county_work.designate(cctx, main, key=True, excellent=False)  # unchanged: no write
        assert Proposal.get(Proposal.uuid == main).county_rev == rev
        changes = [e["changes"] for e in audit.history(main) if e["action"] == "designate"]
        assert changes == [{"key_proposal": [False, True]}]


def test_designations_reach_the_studio_and_earn_points_there(
    studio: Install, county: Install, out: Path, tmp_path: Path
) -> None:
    made = at_county(studio, county, out)
    main = made["proposal"].uuid
    lead, co = (m.id for m in made["members"])
    year = made["proposal"].submitted_at.year
    with county as cctx:
        county_work.review(cctx, main, "accepted")
        county_work.designate(cctx, main, key=True, excellent=True)
        at_county_points = earned(year, int(Proposal.get(Proposal.uuid == main).lead_member_id),
                                  DESIGNATED)  # fmt: skip
    assert at_county_points == DESIGNATED
    with studio:
        assert earned(year, lead, DESIGNATED) == {}
    package = feedback(county, out)  # (outside the studio's block: it binds the county's)
    with studio as ctx:
        assert import_package(ctx, package).applied
        assert flags(main) == (True, True)
        assert earned(year, lead, DESIGNATED) == DESIGNATED
        assert earned(year, co, CO_SIGNED) == CO_SIGNED
        assert earned(year, lead, CO_SIGNED) == {}
    with county as cctx:  # the county takes one back: its points go at the studio too
        county_work.designate(cctx, main, key=True, excellent=False)
    older = without_columns(feedback(county, out, full=True), county, "proposal",
                            ["key_proposal", "excellent"], feedback=True)  # fmt: skip
    with studio as ctx:  # an earlier release's package says nothing of them: kept
        assert import_package(ctx, older).applied
        assert flags(main) == (True, True)
    package = feedback(county, out, full=True)
    with studio as ctx:
        assert import_package(ctx, package).applied
        assert flags(main) == (True, False)
        assert earned(year, lead, DESIGNATED) == {"proposal.key": 15}
        assert earned(year, co, CO_SIGNED) == {"proposal.key_co": 3}
