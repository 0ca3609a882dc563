"""Issue 11, part 1: fields the receiver ignores or owns never make a conflict.

A studio package is compared at the county on its studio-owned fields only, a feedback
package at a studio on its county-owned fields only; revisions and stamps never count.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path

import pytest

from studio_app.exchange.export import export_studio
from studio_app.exchange.feedback import export_feedback
from studio_app.exchange.importer import import_package
from studio_app.services import county_work, exchange_conflicts, proposals
from studio_app.storage.models import Proposal, database
from tests.conftest import fixed_clock
from tests.exchange.builders import fill
from tests.exchange.conftest import Install, everything
from tests.exchange.test_cli_exchange import COUNTY, cli

pytestmark = pytest.mark.both_engines  # the county's database: SQLite, then PostgreSQL

REVIEW = {
    "county_no": "PY-2026-018", "review": "accepted", "assigned_at": "2026-04-01",
    "reply_due": "2026-07-01", "reply_class": "A", "reply_summary": "已列入计划",
    "replied_at": "2026-05-20",
}  # fmt: skip


def _synced(studio: Install, county: Install, out: Path) -> str:
    """A studio's records at the county; returns the proposal's uuid."""
    with studio as ctx:
        made = fill(ctx)
        path = export_studio(ctx, out, include_identifiers=True).path
    with county as cctx:
        assert import_package(cctx, path).applied  # type: ignore[arg-type]
    return str(made["proposal"].uuid)


def _review(county: Install, uuid: str) -> None:
    """The county reviews and answers the proposal (county-owned fields, county_rev + 2)."""
    with county as cctx:
        proposals.update(cctx, uuid, REVIEW)
        county_work.set_units(cctx, uuid, [("lead", "01")])


def test_full_studio_package_after_a_county_review_is_unchanged(
    studio: Install, county: Install, out: Path
) -> None:
    uuid = _synced(studio, county, out)
    _review(county, uuid)
    with studio as ctx:
        full = export_studio(ctx, out, full=True, include_identifiers=True).path
    with county as cctx:
        before = everything()
        result = import_package(cctx, full)  # type: ignore[arg-type]
        assert result.applied and result.plan.of("conflict") == []
        assert result.plan.sheet_counts["提案与社情民意"]["unchanged"] == 1
        assert everything() == before  # the review and its county_rev stay


def test_full_feedback_after_the_member_rated_the_reply_is_unchanged(
    studio: Install, county: Install, out: Path
) -> None:
    uuid = _synced(studio, county, out)
    _review(county, uuid)
    with county as cctx:
        first = export_feedback(cctx, "SQZ", out).path
    with studio as ctx:
        assert import_package(ctx, first).applied  # type: ignore[arg-type]
        later = dataclasses.replace(ctx, clock=fixed_clock(datetime(2030, 1, 2, 3, 4, 5)))
        proposals.update(later, uuid, {"member_evaluation": "satisfied"})  # studio-owned
        rated = everything()
    with county as cctx:
        full = export_feedback(cctx, "SQZ", out, full=True).path
    with studio as ctx:
        result = import_package(ctx, full)  # type: ignore[arg-type]
        assert result.applied and result.plan.of("conflict") == []
        assert result.plan.counts["unchanged"] == 1
        assert everything() == rated


def test_a_feedback_row_is_never_a_conflict_the_county_wins(
    studio: Install, county: Install, out: Path
) -> None:
    """County-owned values at a studio under the county's own revision (as old demo data
    had) are the county's to set: the county's version is taken, nothing waits."""
    uuid = _synced(studio, county, out)
    _review(county, uuid)
    with county as cctx:
        county_rev = Proposal.get(Proposal.uuid == uuid).county_rev
        full = export_feedback(cctx, "SQZ", out, full=True).path
        at_county = everything()["proposal"][uuid]
    with studio as ctx:
        database.connection().execute(
            "UPDATE proposal SET review = 'rejected', county_rev = ? WHERE uuid = ?",
            (county_rev, uuid),
        )
        result = import_package(ctx, full)  # type: ignore[arg-type]
        assert result.applied and result.plan.of("conflict") == []
        assert result.plan.counts["update"] == 1
        assert everything()["proposal"][uuid]["review"] == at_county["review"] == "accepted"
        assert exchange_conflicts.pending() == []


def test_same_revision_with_other_studio_content_is_still_a_conflict(
    studio: Install, county: Install, out: Path
) -> None:
    """Only ignored fields are left out: a studio-owned difference still waits."""
    uuid = _synced(studio, county, out)
    with county as cctx:
        database.execute_sql("UPDATE proposal SET facts = '县里改过' WHERE uuid = ?", (uuid,))
    with studio as ctx:
        full = export_studio(ctx, out, full=True).path
    with county as cctx:
        result = import_package(cctx, full)  # type: ignore[arg-type]
        [conflict] = result.plan.of("conflict")
        assert conflict.uuid == uuid and conflict.reason == "版本号相同但内容不同"


def test_the_demo_studio_sends_full_packages_twice_without_conflicts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    studio, county, usb = tmp_path / "studio", tmp_path / "county", tmp_path / "usb"
    usb.mkdir()
    assert cli(studio, "demo", "--visits", "200") == 0  # sets up the demo studio first
    assert cli(county, *COUNTY) == 0
    for n in (1, 2):
        capsys.readouterr()
        assert cli(studio, "export", "--full", str(usb)) == 0
        [package] = [p for p in usb.iterdir() if p.name.endswith(f"_第{n}号.xlsx")]
        assert cli(county, "import", str(package)) == 0, capsys.readouterr()
        assert "冲突待定 0" in capsys.readouterr().out
    assert cli(county, "conflicts") == 0
    assert "没有待处理" in capsys.readouterr().out
