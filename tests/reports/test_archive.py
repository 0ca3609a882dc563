"""委员履职档案 and the yearly points summary: one member's archive has every part with the
year's values (attendance, proposals with the county's result, other duties, points with
caps and adjustments, the minimums, a masked phone, the signature block); the batch lists
every member behind a cover; the summary prints as a PDF table and an Excel workbook of
plain cells; ``print archive`` and ``print points-summary`` write them, and refuse an
unknown member or file type in one sentence."""

from __future__ import annotations

import uuid
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from studio_app.cli import main
from studio_app.core import kinds
from studio_app.core.errors import UserError
from studio_app.reports import archive, points_summary
from studio_app.services import kind_records, members, points, proposals, site
from studio_app.services.context import Context
from studio_app.storage.database import close_database, open_database
from studio_app.storage.models import Member, Site, database
from tests.reports import pdf

pytestmark = pdf.needs_poppler

YEAR = 2026
PHONE = "13812345678"


def activity(ctx: Context, day: str, title: str, rows: list[dict[str, Any]]) -> Any:
    return kind_records.create(ctx, kinds.ACTIVITY, {
        "title": title, "kind": "视察", "organiser": "studio",
        "starts_at": f"{day} 09:00", "attendance": rows,
    })  # fmt: skip


@pytest.fixture
def year(ctx: Context) -> dict[str, Any]:
    """王建国 attends three activities (one of last year besides) and leads a proposal the
    county accepted and made a key proposal, co-signed by 李梅, who missed one activity and
    was on leave for another;
    陈芳 contacts residents 40 times (capped at 30) and receives a visit with 王建国."""
    wang = members.create(ctx, {
        "name": "王建国", "gender": "male", "sector": "农业界", "party": "中共党员",
        "unit_and_post": "石桥镇农业服务中心主任", "phone": PHONE, "is_standing": True,
        "term": "第十届",
    }).id  # fmt: skip
    lee = members.create(ctx, {"name": "李梅", "gender": "female"}).id
    chen = members.create(ctx, {"name": "陈芳"}).id
    first = activity(ctx, "2026-03-02", "视察农村供水", [
        {"member": wang, "attendance": "present"}, {"member": lee, "attendance": "absent"},
    ])  # fmt: skip
    activity(ctx, "2026-04-02", "调研乡村道路", [
        {"member": wang, "attendance": "present"},
        {"member": lee, "attendance": "leave", "reason": "外出培训"},
    ])  # fmt: skip
    activity(ctx, "2026-05-02", "走访困难群众", [{"member": wang, "attendance": "present"}])
    activity(ctx, "2025-12-30", "去年的活动", [{"member": wang, "attendance": "present"}])
    lead = proposals.create(ctx, {
        "kind": "proposal", "title": "关于加快农村供水改造的提案", "lead_member": wang,
        "co_signers": [lee], "facts": "部分村供水管网老化", "recommendations": "分批改造",
    })  # fmt: skip
    proposals.submit(ctx, lead.id)
    database.execute_sql(
        "UPDATE proposal SET review = 'accepted', instruction_leader = '张县长', key_proposal = 1"
        " WHERE id = ?",
        (lead.id,),
    )
    for n in range(40):
        kind_records.create(ctx, kinds.CONTACT, {
            "member": chen, "contacted_at": f"2026-06-{n % 28 + 1:02d} 10:00",
            "channel": "phone", "contacted_member": wang, "content": f"电话沟通{n}",
        })  # fmt: skip
    return {"wang": wang, "lee": lee, "chen": chen, "first": first, "proposal": lead}


def print_one(ctx: Context, member: int, tmp_path: Path, **kw: Any) -> Path:
    return archive.render(ctx, YEAR, tmp_path / "one.pdf", member_id=member, **kw).path


def test_one_members_archive_has_every_part(
    ctx: Context, year: dict[str, Any], tmp_path: Path
) -> None:
    text = pdf.flat(print_one(ctx, year["wang"], tmp_path))
    assert "石桥镇政协委员工作室委员履职档案（2026年）" in text
    for part in ("姓名王建国", "性别男", "界别农业界", "政治面貌中共党员", "石桥镇农业服务中心主任",
                 "是否常委是", "届次第十届"):  # fmt: skip
        assert part in text
    assert "138****5678" in text and PHONE not in text
    assert "参加委员活动（3次：出席3次、请假0次、缺席0次）" in text
    assert "3月2日视察农村供水视察出席" in text and "去年的活动" not in text
    serial = year["proposal"].serial
    assert f"{serial}提案关于加快农村供水改造的提案第一提案人立案；重点提案；获张县长批示" in text
    assert "提案和社情民意（1件）" in text
    assert "联系记录0" in text  # 王建国 made no contact himself
    # points by rule with the total: 3 × 5 present, 15 accepted, 15 key, 10 instruction
    assert "参加委员活动（出席）3" in text and "提案立案（第一提案人）115" in text
    assert "重点提案（第一提案人）115" in text
    assert "获领导批示110" in text and "履职积分（合计55分）" in text and "合计55" in text
    assert "至少提交1件提案1√" in text and "至少报送1件社情民意信息0未达到" in text
    assert "无无故缺席0√" in text
    for who in ("委员本人（签字）", "工作室负责人（签字）", "县政协（签字）"):
        assert who in text


def test_leave_absence_caps_and_the_countys_adjustment(
    ctx: Context, year: dict[str, Any], tmp_path: Path
) -> None:
    text = pdf.flat(print_one(ctx, year["lee"], tmp_path))
    assert "参加委员活动（2次：出席0次、请假1次、缺席1次）" in text
    assert "3月2日视察农村供水视察缺席" in text and "4月2日调研乡村道路视察请假外出培训" in text
    assert "联名人" in text and "提案立案（联名人）13" in text and "重点提案（联名人）13" in text
    assert "无故缺席委员活动1-5" in text and "无无故缺席1未达到" in text
    chen = pdf.flat(print_one(ctx, year["chen"], tmp_path))
    assert "联系群众和委员403030" in chen  # 40 contacts, 30 points, the cap 30
    assert "联系记录40次" in chen and "等40件" in chen  # counted, ten serials shown
    database.execute_sql(
        "INSERT INTO point_adjustment (year, member_id, points, reason, created_at, created_by)"
        " VALUES (?, ?, 5, '全会大会发言', '2026-11-02 10:00:00', 'admin')",
        (YEAR, year["chen"]),
    )
    adjusted = pdf.flat(print_one(ctx, year["chen"], tmp_path))
    assert "县政协调整日期分值原因2026年11月2日+5全会大会发言" in adjusted
    assert "履职积分（合计35分）" in adjusted


def test_unmasked_phone_is_audited(ctx: Context, year: dict[str, Any], tmp_path: Path) -> None:
    assert PHONE in pdf.flat(print_one(ctx, year["wang"], tmp_path, unmasked=True))
    (n,) = database.execute_sql(
        "SELECT count(*) FROM audit_entry WHERE action = 'print_unmasked'"
    ).fetchone()
    assert n == 1


def test_the_batch_lists_everyone_behind_a_cover(
    ctx: Context, year: dict[str, Any], tmp_path: Path
) -> None:
    seen: list[tuple[int, int]] = []
    three = archive.render(ctx, YEAR, tmp_path / "three.pdf", progress=lambda *a: seen.append(a))
    assert three.records == 3 and seen[-1] == (3, 3)
    cover = pdf.flat(three.path, first=1)
    assert "委员名单" in cover and "共3名委员" in cover
    for line in ("1李梅1至少提交1件提案", "2王建国55至少报送1件社情民意信息", "3陈芳30"):
        assert line in cover
    text = pdf.flat(three.path)
    assert text.count("委员履职档案（2026年）") >= 4
    members.create(ctx, {"name": "赵强"})
    four = archive.render(ctx, YEAR, tmp_path / "four.pdf")
    assert four.records == 4 and pdf.pages(four.path) > pdf.pages(three.path)
    assert four.pages == pdf.pages(four.path)
    with pytest.raises(UserError, match="取消"):
        archive.render(ctx, YEAR, tmp_path / "gone.pdf", cancelled=lambda: True)
    assert not (tmp_path / "gone.pdf").exists() and not pdf.leftovers(tmp_path)


def test_the_summary_as_pdf_and_workbook(
    ctx: Context, year: dict[str, Any], tmp_path: Path
) -> None:
    made = points_summary.render(ctx, YEAR, tmp_path / "sum.pdf")
    text = pdf.flat(made.path)
    assert "石桥镇政协委员工作室委员履职积分汇总表（2026年）" in text
    assert "石桥镇政协委员工作室（3名委员）" in text and "制表人（签字）" in text
    assert "1王建国55154000至少报送1件社情民意信息" in text and "3李梅1-560" in text
    members.create(ctx, {"name": '=HYPERLINK("x")'})
    book = points_summary.render(ctx, YEAR, tmp_path / "sum.xlsx")
    sheet = openpyxl.load_workbook(book.path).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "石桥镇政协委员工作室委员履职积分汇总表（2026年）"
    assert rows[1] == ["工作室", "姓名", "合计", "委员活动", "提案和社情民意", "联系服务群众",
                       "其他履职", "未达到的基本要求"]  # fmt: skip
    by_name = {r[1]: r for r in rows[2:]}
    assert by_name["王建国"][2:7] == [55, 15, 40, 0, 0] and by_name["陈芳"][5] == 30
    assert by_name['=HYPERLINK("x")'][2] == 0
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    with pytest.raises(UserError, match=r"\.pdf 或 \.xlsx"):
        points_summary.render(ctx, YEAR, tmp_path / "sum.csv")


def test_at_the_county_members_are_grouped_by_studio(db_path: Path, tmp_path: Path) -> None:
    ctx = site.context_for(site.setup("county", "平阳县政协", "PYX", "", "平阳县"))
    studios = {}
    for name, code in (("石桥镇政协委员工作室", "SQZ"), ("大岙镇政协委员工作室", "DAZ")):
        studios[name] = Site.create(uuid=uuid.uuid4().hex, kind="studio", name=name, code=code,
                                    created_at=datetime(2026, 1, 1)).uuid  # fmt: skip
    for name, studio in (("王建国", "石桥镇政协委员工作室"), ("周敏", "大岙镇政协委员工作室")):
        made = members.create(ctx, {"name": name}).id
        Member.update(studio=studios[studio]).where(Member.id == made).execute()
    points.add_adjustment(ctx, YEAR, made, 3, "专题调研")
    batch = archive.render(ctx, YEAR, tmp_path / "county.pdf")
    cover = pdf.flat(batch.path, first=1)
    assert "平阳县政协委员履职档案（2026年）" in cover
    assert "1大岙镇政协委员工作室周敏3" in cover and "2石桥镇政协委员工作室王建国0" in cover
    one = archive.render(ctx, YEAR, tmp_path / "daz.pdf", studio=studios["大岙镇政协委员工作室"])
    assert one.records == 1 and "大岙镇政协委员工作室委员履职档案" in pdf.flat(one.path)
    text = pdf.flat(points_summary.render(ctx, YEAR, tmp_path / "sum.pdf").path)
    assert "大岙镇政协委员工作室（1名委员）" in text and "1周敏300003" in text


def run(db_path: Path, *args: str) -> int:
    return main(["--data-dir", str(db_path.parent), "print", *args])


def test_the_print_commands(
    ctx: Context,
    year: dict[str, Any],
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    close_database()
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)
    try:
        assert run(db_path, "archive", "--year", "2026", "--member", "王建国") == 0
        assert "王建国" in pdf.flat(out / "履职档案_2026年_王建国.pdf")
        assert run(db_path, "archive", "--year", "2026") == 0
        assert "委员名单" in pdf.flat(out / "履职档案_2026年.pdf", first=1)
        assert run(db_path, "points-summary", "--year", "2026") == 0
        assert "汇总表" in pdf.flat(out / "履职积分汇总_2026年.pdf")
        assert run(db_path, "points-summary", "--year", "2026", "-o", "sum.xlsx") == 0
        assert "3 名委员" in capsys.readouterr().out and (out / "sum.xlsx").is_file()
        before = sorted(p.name for p in out.iterdir())
        assert run(db_path, "archive", "--year", "2026", "--member", "没有这人") == 1
        err = capsys.readouterr().err.strip()
        assert err == "找不到委员“没有这人”。"
        assert run(db_path, "points-summary", "--year", "2026", "-o", "sum.csv") == 1
        assert "\n" not in capsys.readouterr().err.strip()
        assert sorted(p.name for p in out.iterdir()) == before
        with pytest.raises(SystemExit) as usage:
            run(db_path, "archive", "--year", "26")
        assert usage.value.code == 2
    finally:
        open_database(db_path)
