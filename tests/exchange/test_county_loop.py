"""The county's work, end to end: the acceptance test of ``services.county_work``.

Studio exports → county imports → the county reviews, assigns, replies, records adoptions
and instructions (and rejects, merges, converts, returns others) → feedback → the studio
imports → the member rates the reply → the studio exports → the county imports. Three rounds,
with edits on both sides between and during them. Every import raises no conflict and
updates exactly the rows that changed; both databases end equal field by field; the studio's
own fields never move when feedback arrives. Once more through the command line.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from studio_app.cli import main
from studio_app.core.errors import TransitionRefused
from studio_app.exchange import tables
from studio_app.exchange.export import export_studio
from studio_app.exchange.feedback import export_feedback
from studio_app.exchange.importer import ImportResult, import_package
from studio_app.exchange.plan import AlreadyImported
from studio_app.exchange.schema import NAME_WORDS, PackageKind, sheets_for
from studio_app.services import (
    code_lists,
    county_work,
    exchange_conflicts,
    integrity,
    proposals,
    site,
)
from studio_app.services.context import Context
from studio_app.services.site import code_labels
from studio_app.storage.database import close_database, open_database
from studio_app.storage.models import Proposal
from tests.exchange.conftest import Install, differences, everything, same_at_both, use
from tests.exchange.county_records import proposal, studio_records

pytestmark = pytest.mark.both_engines  # the county's database: SQLite, then PostgreSQL

SHEET = "提案与社情民意"
# Stamps both sides share (whoever changed the record last): the county's arrive with its work.
SHARED = ("county_rev", "updated_at", "updated_by")


def send(studio: Install, out: Path, expect: dict[str, int], **kw: Any) -> Path:
    """The studio's next package, holding ``expect`` rows per sheet (those not named: 0)."""
    with studio as ctx:
        result = export_studio(ctx, out, include_identifiers=True, **kw)
        assert result.path is not None
        assert {k: v for k, v in result.counts.items() if v} == expect
        return result.path


def feedback(county: Install, out: Path, rows: int, **kw: Any) -> Path:
    """The county's next feedback package for SQZ, holding ``rows`` records."""
    with county as cctx:
        result = export_feedback(cctx, "SQZ", out, **kw)
        assert result.path is not None, "nothing new in the feedback"
        assert result.counts == {SHEET: rows}
        return result.path


def nothing_to_send(studio: Install, county: Install, out: Path) -> None:
    """Neither side has anything new for the other."""
    with studio as ctx:
        assert export_studio(ctx, out).empty
    with county as cctx:
        assert export_feedback(cctx, "SQZ", out).empty


def take(inst: Install, path: Path, **expect: int) -> ImportResult:
    """Import and apply: the plan holds exactly ``expect`` rows per action (others: 0, and
    never a conflict); no conflict is stored, the database stays sound."""
    with inst as ctx:
        result = import_package(ctx, path)
        assert result.applied, [(r.record, r.reason) for r in result.plan.rows]
        counts = {k: v for k, v in result.plan.counts.items() if v and k != "unchanged"}
        assert counts == expect, result.plan.rows
        assert exchange_conflicts.pending() == []
        assert integrity.problems() == []
        return result


def studio_owned() -> dict[tuple[str, str], dict[str, Any]]:
    """What the studio owns, of every record: its fields, revisions and trash state."""
    found = {}
    for spec in sheets_for(PackageKind.STUDIO):
        for values in tables.read(spec):
            for key in ("_id", *SHARED):
                values.pop(key)
            found[spec.record, values["uuid"]] = values
    for record in ("member", "resident", "visit", "interview", "proposal"):
        for uuid, rev, sent in tables.sql(f"SELECT uuid, rev, exchanged_rev FROM {record}"):
            found[record, uuid].update(_rev=rev, _sent=sent)
    return found


def feedback_arrives(studio: Install, path: Path, updated: int) -> None:
    """The studio imports feedback: ``updated`` records change, nothing the studio owns."""
    with studio:
        before = studio_owned()
    take(studio, path, update=updated)
    with studio as ctx:
        assert studio_owned() == before
        with pytest.raises(AlreadyImported):  # the same stick again
            import_package(ctx, path)


def get(uuid: str) -> Proposal:
    return Proposal.get(Proposal.uuid == uuid)


def test_three_rounds_of_county_work_converge(studio: Install, county: Install, out: Path) -> None:
    # -- round 1 ---------------------------------------------------------------------------
    with studio as ctx:
        made = studio_records(ctx)
    uuid = {k: made[k].uuid for k in ("proposal", "second", "sqmy", "suggestion", "draft")}
    main, second, sqmy, suggestion = (uuid[k] for k in ("proposal", "second", "sqmy", "suggestion"))
    everything_once = {"委员": 2, "群众": 2, "接待走访": 2, "访谈": 1, SHEET: 5}
    take(county, send(studio, out, everything_once), new=12)
    nothing_to_send(studio, county, out)

    with county as cctx:
        county_work.review(cctx, main, "accepted", county_no="PY-2026-001")
    first = feedback(county, out, 1)  # a review alone is news for the studio
    nothing_to_send(studio, county, out)

    with county as cctx:
        county_work.accept_many(cctx, [sqmy])
        county_work.assign(cctx, [main, sqmy], "县住建局", ["02"], on="2026-03-02")
        county_work.reply(cctx, main, "B", "已列入明年计划", on="2026-05-20", text="答复全文")
        county_work.instruct(cctx, main, "张县长", "county", "请抓紧落实", on="2026-05-25")
        county_work.adopt(cctx, sqmy, "city", on="2026-06-01", by="市政协办公室")
        county_work.review(cctx, second, "merged", into=made["proposal"].serial)
        county_work.review(cctx, suggestion, "returned", reason="请补充调查材料")
    second_feedback = feedback(county, out, 4)
    feedback_arrives(studio, first, 1)
    feedback_arrives(studio, second_feedback, 4)
    same_at_both(studio, county)
    nothing_to_send(studio, county, out)  # feedback is no change of the studio's

    with studio as ctx:  # the member rates the reply
        proposals.update(ctx, main, {"member_evaluation": "satisfied"})
    take(county, send(studio, out, {SHEET: 1}), update=1)
    with county as cctx:
        row = get(main)
        assert (row.member_evaluation, row.reply_class, row.county_no) == (
            "satisfied", "B", "PY-2026-001"
        )  # fmt: skip
        assert county_work.stage(row, cctx.today()) == county_work.EVALUATED
    same_at_both(studio, county)
    nothing_to_send(studio, county, out)

    # -- rounds 2 and 3: both sides keep working, also on the same records at once --------
    lead = made["members"][0].id
    waiting: list[str] = []  # drafts of earlier rounds, submitted later
    for round_ in (2, 3):
        with studio as ctx:
            proposals.update(ctx, main, {"facts": f"第 {round_} 轮补充的情况"})
            fresh = proposal(ctx, "proposal", f"第 {round_} 轮的新提案", lead)
            report = proposal(ctx, "sqmy", f"第 {round_} 轮的社情民意", lead)
            draft = proposal(ctx, "suggestion", f"第 {round_} 轮的草稿", lead, submit=False)
            proposals.delete(ctx, suggestion if round_ == 2 else second)
            for earlier in waiting:
                proposals.submit(ctx, earlier)
        with county as cctx:  # meanwhile, before the studio's package arrives
            county_work.instruct(cctx, main, "李副县长", "county", f"第 {round_} 轮批示")
            county_work.assign(cctx, [sqmy], f"0{round_ + 1}", on="2026-07-01")  # re-assigned
        changed = 1 + len(waiting)  # main, and the drafts submitted
        take(county, send(studio, out, {SHEET: 4 + changed}), new=3, update=changed, tombstone=1)
        with county as cctx:
            assert get(main).instruction_text == f"第 {round_} 轮批示"  # kept
            assert get(main).facts == f"第 {round_} 轮补充的情况"  # arrived
            county_work.review(cctx, fresh.uuid, "accepted", county_no=f"PY-2026-10{round_}")
            county_work.review(cctx, report.uuid, "converted")
            if round_ == 2:  # the county renames a unit; records keep its code
                code_lists.rename(cctx, "handling_unit", "01", "县住房和城乡建设局")
                unit = "01"
            else:  # the county adds a unit the studio has never heard of
                unit = code_lists.add(cctx, "handling_unit", "县城市管理局").code
            county_work.assign(cctx, [fresh.uuid], unit, on="2026-07-01")
            county_work.reply(cctx, fresh.uuid, "A", "已解决", on="2026-07-20")
            with pytest.raises(TransitionRefused):
                county_work.review(cctx, draft.uuid, "accepted")
            county_work.accept_many(cctx, waiting)
        with studio as ctx:  # meanwhile the studio edits a record the feedback carries
            proposals.update(ctx, sqmy, {"analysis": f"第 {round_} 轮补充分析"})
        worked = 4 + len(waiting)  # main, sqmy, fresh, report and the drafts submitted
        feedback_arrives(studio, feedback(county, out, worked), worked)
        with studio as ctx:
            proposals.update(ctx, fresh.uuid, {"member_evaluation": "basic"})
            assert get(sqmy).analysis == f"第 {round_} 轮补充分析"
            assert county_work.units_of(get(sqmy)) == [("lead", f"0{round_ + 1}")]
            assert county_work.units_of(get(fresh.uuid)) == [("lead", unit)]
            studio_units = code_labels("handling_unit")
        take(county, send(studio, out, {SHEET: 2}), update=2)  # sqmy's analysis, the rating
        same_at_both(studio, county)
        nothing_to_send(studio, county, out)
        with county:
            assert code_labels("handling_unit") == studio_units  # the lists came along
            assert all(get(u).review == "accepted" for u in waiting)
        waiting = [draft.uuid]

    # -- at the end, everything once more both ways: nothing moves ------------------------
    take(county, send(studio, out, {"委员": 2, "群众": 2, "接待走访": 2, "访谈": 1, SHEET: 11},
                      full=True))  # fmt: skip
    take(studio, feedback(county, out, 11, full=True))
    same_at_both(studio, county)
    with county as cctx:
        assert get(second).deleted_at is not None and get(suggestion).deleted_at is not None
        assert get(main).instruction_leader == "李副县长"
        assert [county_work.stage(get(u), date(2026, 12, 31)).code for u in uuid.values()] == [
            "evaluated", "settled", "overdue", "settled", "draft"
        ]  # fmt: skip


# -- the same loop through the command line --------------------------------------------------

COUNTY = ["setup", "--kind", "county", "--name", "平阳县政协", "--code", "PYX"]


def cli(data: Path, *args: str) -> int:
    try:
        return main(["--data-dir", str(data), *args])
    finally:
        close_database()


def services(data: Path) -> Context:
    """The services of a data directory's database (opened until :func:`close_database`)."""
    open_database(data / "studio.sqlite3")
    local = site.local_site()
    assert local is not None
    return site.context_for(local)


def package(usb: Path, kind: str) -> Path:
    """The newest package of ``kind`` (studio, feedback) on the stick: the highest number."""
    found = usb.glob(f"*_{NAME_WORDS[PackageKind(kind)]}_*.xlsx")
    return max(found, key=lambda p: int(p.name.rsplit("_第", 1)[1].removesuffix("号.xlsx")))


def test_the_loop_through_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    studio, county, usb = tmp_path / "studio", tmp_path / "county", tmp_path / "usb"
    usb.mkdir()
    assert cli(studio, "setup", "--kind", "studio", "--name", "石桥镇政协委员工作室",
               "--code", "SQZ") == 0  # fmt: skip
    try:
        made = studio_records(services(studio))
    finally:
        close_database()
    main_, sqmy, second = (made[k].serial for k in ("proposal", "sqmy", "second"))
    assert cli(studio, "export", "--include-identifiers", str(usb)) == 0
    assert cli(county, *COUNTY) == 0
    assert cli(county, "import", str(package(usb, "studio"))) == 0

    for args in (
        ["review", main_, "--result", "accepted", "--county-no", "PY-2026-001"],
        ["review", sqmy, "--result", "accepted"],
        ["review", second, "--result", "merged", "--into", main_],
        ["assign", main_, sqmy, "--lead", "县住建局", "--assist", "县交通运输局"],
        ["reply", main_, "--class", "A", "--summary", "已修缮完毕"],
        ["adopt", sqmy, "--level", "province", "--by", "省政协"],
        ["instruct", main_, "--leader", "张县长", "--level", "county", "--text", "请抓紧落实"],
    ):
        assert cli(county, *args) == 0, capsys.readouterr()
    capsys.readouterr()
    assert cli(county, "feedback", "--studio", "SQZ", str(usb)) == 0
    assert "第 1 号反馈包" in capsys.readouterr().out
    assert cli(county, "feedback", "--studio", "SQZ", str(usb)) == 0
    assert "没有新的" in capsys.readouterr().out

    assert cli(studio, "import", str(package(usb, "feedback"))) == 0
    out = capsys.readouterr().out
    assert "更新 3" in out and "冲突待定 0" in out, out
    assert cli(studio, "import", str(package(usb, "feedback"))) == 1
    assert "导入过" in capsys.readouterr().err
    try:
        proposals.update(
            services(studio), made["proposal"].uuid, {"member_evaluation": "satisfied"}
        )
    finally:
        close_database()
    assert cli(studio, "export", str(usb)) == 0
    assert cli(county, "import", str(package(usb, "studio"))) == 0
    out = capsys.readouterr().out
    assert "更新 1" in out and "冲突待定 0" in out, out

    found = {}
    for data in (studio, county):
        use(data / "studio.sqlite3")
        try:
            found[data] = everything()
        finally:
            close_database()
    assert differences(found[studio], found[county]) == []
    assert found[county]["proposal"][made["proposal"].uuid]["member_evaluation"] == "satisfied"
    assert found[studio]["proposal"][made["sqmy"].uuid]["adoption_level"] == "province"
