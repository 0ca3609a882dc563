"""The county's duty-point rules travel in feedback packages: the county sets a year's figure,
the studio takes it with the next feedback and its members' points follow; a studio cannot
set rules; the county's yearly minimums travel the same way; a feedback package of an
earlier release (without rules or minimums) keeps the studio's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from studio_app.core import kinds
from studio_app.core.errors import UserError
from studio_app.exchange.feedback import export_feedback
from studio_app.exchange.importer import import_package
from studio_app.services import kind_records, members, points
from studio_app.storage.models import database
from tests.exchange.conftest import Install
from tests.exchange.files import edit_manifest
from tests.exchange.test_county_loop import send, take

YEAR = 2026


def attended(studio: Install) -> int:
    """王建国 attends two activities of the year at the studio."""
    with studio as ctx:
        wang = members.create(ctx, {"name": "王建国"}).id
        for day in ("2026-03-02", "2026-04-02"):
            kind_records.create(ctx, kinds.ACTIVITY, {
                "title": "视察", "kind": "视察", "organiser": "studio",
                "starts_at": f"{day} 09:00",
                "attendance": [{"member": wang, "attendance": "present"}],
            })  # fmt: skip
        return int(wang)


def total(inst: Install, member_id: int) -> int:
    with inst:
        return points.totals(YEAR, member_id=member_id)[0].total


def test_the_countys_rules_reach_the_studio(
    studio: Install, county: Install, out: Path, tmp_path: Path
) -> None:
    wang = attended(studio)
    assert total(studio, wang) == 10
    take(county, send(studio, out, {"委员": 1, "委员活动": 2}), new=3)
    with studio as ctx, pytest.raises(UserError, match="县政协统一制定"):
        points.set_rule(ctx, YEAR, "activity.present", 8, None)
    with county as cctx:
        points.set_rule(cctx, YEAR, "activity.present", 8, 12)
        points.set_requirement(cctx, YEAR, "activities", 2)
        assert points.county_figures()["point_rules"] == [[YEAR, "activity.present", 8, 12]]
    with county as cctx:  # the rules changed since the studio last got them: a package
        package = export_feedback(cctx, "SQZ", out).path
        assert package is not None
        assert export_feedback(cctx, "SQZ", out).empty  # and then nothing new
    with studio as ctx:
        assert import_package(ctx, package).applied
        assert points.rules(YEAR)["activity.present"].cap == 12
        assert points.requirements(YEAR)[2].label == "至少参加2次委员活动"
        assert points.totals(YEAR, member_id=wang)[0].unmet[-1].code != "activities"
    with county as cctx:
        resent = export_feedback(cctx, "SQZ", out, full=True).path
    assert resent is not None
    older = _without_rules(resent, county, tmp_path)  # as an earlier release wrote it
    with studio as ctx:
        assert import_package(ctx, older).applied
        assert points.rules(YEAR)["activity.present"].points == 8  # the studio's kept
        assert points.requirements(YEAR)[2].least == 2
    assert total(studio, wang) == 12  # 2 × 8, capped at 12
    with county as cctx:  # back to the default: the figure is gone at the next feedback
        points.set_rule(cctx, YEAR, "activity.present", 5, None)
        points.set_requirement(cctx, YEAR, "activities", 3)
        assert points.county_figures()["point_rules"] == []
        again = export_feedback(cctx, "SQZ", out).path
    assert again is not None
    with studio as ctx:
        assert import_package(ctx, again).applied
        assert database.execute_sql("SELECT count(*) FROM point_rule").fetchone() == (0,)
        assert points.county_figures()["point_requirements"] == []
    assert total(studio, wang) == 10


def _without_rules(path: Path, county: Install, tmp_path: Path) -> Path:
    """The feedback package as an earlier release wrote it: no rules in its manifest."""
    from studio_app.services import peers

    copy = tmp_path / "older.xlsx"
    copy.write_bytes(path.read_bytes())
    with county:
        key = peers.own_private_key()

    def drop(m: dict[str, Any]) -> None:
        m.pop("point_rules")
        m.pop("point_requirements")

    return edit_manifest(copy, drop, sign_with=key)
