"""Duty points (履职积分) computed from the records: each entry names its source record and
rule; a record trashed loses its entries and restored gets them back; a rule's yearly cap
limits a member's total from it; the county's figures for a year replace the defaults; the
yearly minimums are counted from the same entries; ``points`` and ``stats --json`` print
them, and an unknown member exits non-zero."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from studio_app.cli import main
from studio_app.core import kinds
from studio_app.core.errors import NotFound, UserError, ValidationError
from studio_app.services import kind_records, members, points, proposals, site
from studio_app.services.context import Context
from studio_app.storage.database import close_database, open_database
from studio_app.storage.models import database
from tests.services.helpers import stats_json

YEAR = 2026


def activity(ctx: Context, day: str, rows: list[dict[str, Any]]) -> Any:
    return kind_records.create(ctx, kinds.ACTIVITY, {
        "title": "视察水渠", "kind": "视察", "organiser": "studio",
        "starts_at": f"{day} 09:00", "attendance": rows,
    })  # fmt: skip


@pytest.fixture
def year(ctx: Context) -> dict[str, Any]:
    """王建国 attends three activities and leads a proposal the county accepted, co-signed by
    李梅, who missed one activity without leave and was on leave for another; 陈芳 contacts
    residents 40 times (capped at 30); one activity of last year."""
    wang = members.create(ctx, {"name": "王建国"}).id
    lee = members.create(ctx, {"name": "李梅"}).id
    chen = members.create(ctx, {"name": "陈芳"}).id
    first = activity(ctx, "2026-03-02", [{"member": wang, "attendance": "present"},
                                         {"member": lee, "attendance": "absent"}])  # fmt: skip
    activity(
        ctx,
        "2026-04-02",
        [
            {"member": wang, "attendance": "present"},
            {"member": lee, "attendance": "leave", "reason": "出差"},
        ],
    )
    activity(ctx, "2026-05-02", [{"member": wang, "attendance": "present"}])
    activity(ctx, "2025-12-30", [{"member": wang, "attendance": "present"}])
    lead = proposals.create(ctx, {
        "kind": "proposal", "title": "关于加快农村供水改造的提案", "lead_member": wang,
        "co_signers": [lee], "facts": "部分村供水管网老化", "recommendations": "分批改造",
    })  # fmt: skip
    proposals.submit(ctx, lead.id)
    database.execute_sql("UPDATE proposal SET review = 'accepted' WHERE id = ?", (lead.id,))
    for n in range(40):
        kind_records.create(ctx, kinds.CONTACT, {
            "member": chen, "contacted_at": f"2026-06-{n % 28 + 1:02d} 10:00",
            "channel": "phone", "contacted_member": wang, "content": f"电话沟通{n}",
        })  # fmt: skip
    return {"wang": wang, "lee": lee, "chen": chen, "first": first, "proposal": lead}


@pytest.mark.both_engines
def test_entries_name_their_record_and_rule(ctx: Context, year: dict[str, Any]) -> None:
    entries = points.ledger(YEAR, member_id=year["wang"])
    found = [(e.rule, e.serial, e.points) for e in entries]
    assert ("activity.present", year["first"].serial, 5) in found
    assert ("proposal.accepted", year["proposal"].serial, 15) in found
    assert ("proposal.lead", year["proposal"].serial, 0) in found
    assert sum(1 for e in entries if e.rule == "activity.present") == 3  # not last year's
    assert all(e.day.year == YEAR for e in entries)


@pytest.mark.both_engines
def test_totals_with_caps_deductions_and_the_minimums(ctx: Context, year: dict[str, Any]) -> None:
    by_name = {m.name: m for m in points.totals(YEAR)}
    wang, lee, chen = by_name["王建国"], by_name["李梅"], by_name["陈芳"]
    assert wang.by_rule == {"proposal.lead": 0, "proposal.accepted": 15, "activity.present": 15}
    assert wang.total == 30
    assert lee.by_rule == {"proposal.accepted_co": 3, "activity.absent": -5} and lee.total == -2
    assert chen.by_rule == {"contact.member": 30} and chen.counts["contact.member"] == 40
    assert [r.code for r in wang.unmet] == ["sqmy"]
    assert [r.code for r in lee.unmet] == ["proposal", "sqmy", "activities", "absence"]
    found = [m.total for m in points.totals(YEAR)]
    assert found == sorted(found, reverse=True)  # highest first


@pytest.mark.both_engines
def test_a_trashed_record_loses_its_points_and_gets_them_back(
    ctx: Context, year: dict[str, Any]
) -> None:
    kind_records.trash(ctx, kinds.ACTIVITY, year["first"].id)
    lee = points.totals(YEAR, member_id=year["lee"])[0]
    assert "activity.absent" not in lee.by_rule and lee.total == 3
    kind_records.restore(ctx, kinds.ACTIVITY, year["first"].id)
    assert points.totals(YEAR, member_id=year["lee"])[0].total == -2


@pytest.mark.both_engines
def test_the_countys_figures_for_a_year_replace_the_defaults(
    ctx: Context, year: dict[str, Any]
) -> None:
    database.execute_sql(
        "INSERT INTO point_rule (year, code, points, cap) VALUES (?, 'activity.present', 8, 20),"
        " (?, 'contact.member', 1, NULL)",
        (YEAR, YEAR),
    )
    by_name = {m.name: m for m in points.totals(YEAR)}
    assert by_name["王建国"].by_rule["activity.present"] == 20  # 3 × 8, capped at 20
    assert by_name["陈芳"].total == 40  # no cap any more
    assert points.rules(YEAR - 1)["activity.present"].points == 5  # other years keep theirs


@pytest.mark.both_engines
def test_the_countys_minimums_for_a_year_replace_the_defaults(
    ctx: Context, year: dict[str, Any]
) -> None:
    database.execute_sql(
        "INSERT INTO point_requirement (year, code, figure) VALUES (?, 'activities', 4),"
        " (?, 'sqmy', 0), (?, 'absence', 1)",
        (YEAR, YEAR, YEAR),
    )
    found = {r.code: r.label for r in points.requirements(YEAR)}
    assert found == {"proposal": "至少提交1件提案", "activities": "至少参加4次委员活动",
                     "absence": "无故缺席不超过1次"}  # 社情民意: not required  # fmt: skip
    by_name = {m.name: m for m in points.totals(YEAR)}
    assert [r.code for r in by_name["王建国"].unmet] == ["activities"]  # 3 of 4
    assert [r.code for r in by_name["李梅"].unmet] == ["proposal", "activities"]  # one absence
    assert [r.label for r in points.requirements(YEAR - 1)][-1] == "无无故缺席"


@pytest.mark.both_engines
def test_the_county_sets_a_minimum(db_path: Path) -> None:
    ctx = site.context_for(site.setup("county", "平阳县政协", "PYX", "", "平阳县"))
    points.set_requirement(ctx, YEAR, "activities", 5)
    assert points.county_figures()["point_requirements"] == [[YEAR, "activities", 5]]
    for code, figure in (("activities", -1), ("activities", 1001), ("nothing", 1)):
        with pytest.raises((ValidationError, NotFound)):
            points.set_requirement(ctx, YEAR, code, figure)
    points.set_requirement(ctx, YEAR, "activities", 3)  # the default: the year's figure goes
    assert points.county_figures()["point_requirements"] == []
    changes = database.execute_sql(
        "SELECT changes FROM audit_entry WHERE record_type = 'point_requirement' ORDER BY id"
    ).fetchall()
    assert [json.loads(c)["figure"] for (c,) in changes] == [[3, 5], [5, 3]]


@pytest.mark.both_engines
def test_a_studio_cannot_set_a_minimum(ctx: Context) -> None:
    with pytest.raises(UserError, match="县政协统一制定"):
        points.set_requirement(ctx, YEAR, "activities", 5)
    assert points.county_figures()["point_requirements"] == []


def test_the_points_command_and_stats_json(
    ctx: Context,
    year: dict[str, Any],
    db_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    close_database()
    try:
        data = ["--data-dir", str(db_path.parent)]
        assert main([*data, "points", "--year", str(YEAR), "--json"]) == 0
        found = json.loads(capsys.readouterr().out)
        wang = next(m for m in found["members"] if m["name"] == "王建国")
        assert wang["total"] == 30 and wang["by_rule"]["activity.present"]["entries"] == 3
        assert [u["label"] for u in wang["unmet"]] == ["至少报送1件社情民意信息"]
        assert main([*data, "points", "--year", str(YEAR), "--member", "李梅"]) == 0
        text = capsys.readouterr().out
        assert "李梅：-2 分" in text and "无故缺席委员活动 -5" in text
        assert f"{year['first'].serial} 无故缺席委员活动 -5" in text
        assert main([*data, "points", "--year", str(YEAR), "--member", "没有这人"]) == 1
        assert "找不到委员“没有这人”" in capsys.readouterr().err
        with pytest.raises(SystemExit) as usage:
            main([*data, "points", "--year", "26"])
        assert usage.value.code == 2
    finally:
        open_database(db_path)
    stats = stats_json(db_path, capsys)
    assert stats["points"]["year"] == date.today().year


@pytest.mark.both_engines
def test_the_county_adjusts_a_year_with_a_reason(db_path: Path) -> None:
    ctx = site.context_for(site.setup("county", "平阳县政协", "PYX", "", "平阳县"))
    wang = members.create(ctx, {"name": "王建国"}).id
    with pytest.raises(ValidationError):
        points.add_adjustment(ctx, YEAR, wang, 5, " ")
    made = points.add_adjustment(ctx, YEAR, wang, 5, "全会大会发言")
    (entry,) = points.ledger(YEAR, member_id=wang)
    assert (entry.rule, entry.kind, entry.record_id, entry.points) == (
        points.ADJUSTMENT,
        points.ADJUSTMENT,
        made,
        5,
    )
    (found,) = points.totals(YEAR, member_id=wang)
    assert found.by_rule == {points.ADJUSTMENT: 5} and found.total == 5
    (adjustment,) = points.adjustments(YEAR)
    assert adjustment.reason == "全会大会发言" and adjustment.by == ctx.user
    actions = database.execute_sql(
        "SELECT action FROM audit_entry WHERE record_type = 'point_adjustment'"
    ).fetchall()
    assert actions == [("create",)]


@pytest.mark.both_engines
def test_a_studio_cannot_adjust(ctx: Context) -> None:
    wang = members.create(ctx, {"name": "王建国"}).id
    with pytest.raises(UserError, match="只有县政协"):
        points.add_adjustment(ctx, YEAR, wang, 5, "发言")
    assert points.adjustments(YEAR) == []


def test_a_name_two_members_share_is_refused_not_guessed(
    ctx: Context, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    members.create(ctx, {"name": "王建国"})
    members.create(ctx, {"name": "王建国"})
    with pytest.raises(UserError, match="有2名委员叫“王建国”"):
        points.member_named("王建国")
    close_database()
    try:
        argv = ["--data-dir", str(db_path.parent), "points", "--year", "2026", "--member", "王建国"]
        assert main(argv) == 1
        assert "无法确定是哪一位" in capsys.readouterr().err
    finally:
        open_database(db_path)
