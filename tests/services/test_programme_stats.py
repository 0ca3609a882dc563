"""The programmes' statistics (``Report.sections``): activities by kind, organiser and
attendance with the people served and their follow-up items; consultations by format and
source with their outcome lists; contacts by channel with the people reached against the
contact chain. Only the period's live records count; items are overdue as of the day. The
printed report has them as its part five (the statistics page: tests/ui)."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from studio_app.core import kinds
from studio_app.reports import monthly_report
from studio_app.services import kind_records, members, residents
from studio_app.services.context import Context
from studio_app.services.kind_stats import Section, has_section
from studio_app.services.statistics import Period, report
from studio_app.storage.models import Site
from tests.reports import pdf

MARCH = Period.month(2026, 3)
TODAY = date(2026, 4, 1)


def counts(section: Section, path: str) -> dict[str, int]:
    (found,) = [b for b in section.breakdowns if b.path == path]
    return {c.label: c.count for c in found.items if c.count}


def figures(section: Section) -> dict[str, str]:
    return {f.name: f.text for f in section.figures}


@pytest.fixture
def month(ctx: Context) -> dict[str, int]:
    """A month of the programmes, and records outside it (April, trashed)."""
    wang = members.create(ctx, {"name": "王建国", "is_standing": True}).id
    lee = members.create(ctx, {"name": "李梅", "contact_parent": wang}).id
    chen = members.create(ctx, {"name": "陈志强", "contact_parent": wang}).id
    zhang, li, zhao = (
        residents.create(ctx, {"name": n, "village": "东村", **chain}).id
        for n, chain in (("张三", {"contact_member": lee}), ("李四", {"contact_member": lee}),
                         ("赵六", {}))
    )  # fmt: skip

    def activity(day: str, kind: str, served: int, **more: object) -> int:
        return int(kind_records.create(ctx, kinds.ACTIVITY, {
            "title": f"{kind}活动", "kind": kind, "organiser": "本工作室",
            "starts_at": f"{day} 09:00", "served_count": served,
            "attendance": [{"member": lee, "attendance": "出席"},
                           {"member": chen, "attendance": "请假", "reason": "外出"},
                           {"member": wang, "attendance": "缺席"}], **more,
        }).id)  # fmt: skip

    activity("2026-03-05", "视察", 30, follow_ups=[
        {"item": "修渠", "due": "2026-03-20", "status": "推进中"},  # overdue on 1 April
        {"item": "补路灯", "due": "2026-03-25", "status": "已完成", "done_on": "2026-03-24"},
        {"item": "清淤", "due": "2026-04-30", "status": "未启动"},
    ])  # fmt: skip
    activity("2026-03-18", "调研", 50)
    activity("2026-04-02", "视察", 99)  # April: not in March
    trashed = activity("2026-03-20", "视察", 1000)
    kind_records.trash(ctx, kinds.ACTIVITY, trashed)

    kind_records.create(ctx, kinds.CONSULTATION, {
        "topic": "加装电梯", "source": "群众提出", "format": "议事会",
        "held_at": "2026-03-10 14:00", "members": [lee],
        "outcomes": [{"item": "制定分摊方案", "due": "2026-03-31", "status": "未启动"},
                     {"item": "申请补助", "status": "无法落实", "note": "名额已满"}],
    })  # fmt: skip

    for day, values in (
        ("2026-03-02", {"member": lee, "residents": [zhang, zhao], "channel": "走访"}),
        ("2026-03-09", {"member": lee, "residents": [zhang], "channel": "电话"}),
        ("2026-03-16", {"member": wang, "contacted_member": lee, "channel": "电话"}),
        ("2026-04-03", {"member": lee, "residents": [li], "channel": "微信"}),
    ):
        kind_records.create(ctx, kinds.CONTACT, {"contacted_at": f"{day} 10:00",
                                                 "content": "了解近况", **values})  # fmt: skip
    return {"wang": wang, "lee": lee}


def test_each_programme_has_its_section(ctx: Context, month: dict[str, int]) -> None:
    sections = {s.kind: s for s in report(MARCH, today=TODAY).sections}
    assert list(sections) == [k.name for k in kinds.counted() if has_section(k)]
    assert list(sections)[:3] == ["activity", "consultation", "contact"]

    act = sections["activity"]
    assert act.total == 2 and act.title == "委员活动"
    assert counts(act, "kind") == {"视察": 1, "调研": 1}
    assert counts(act, "organiser") == {"本工作室": 2}
    assert counts(act, "attendance.attendance") == {"出席": 2, "请假": 2, "缺席": 2}
    assert figures(act) == {"受益群众人数合计": "80"}
    assert counts(act, "follow_ups") == {"未启动": 1, "推进中": 1, "已完成": 1, "逾期未落实": 1}
    assert act.sentence() == (
        "组织委员活动2次，受益群众人数合计80，委员出席6人次（出席2，请假2，缺席2），"
        "后续事项3项（未启动1，推进中1，已完成1，逾期未落实1）。"
    )

    talk = sections["consultation"]
    assert talk.total == 1
    assert counts(talk, "format") == {"议事会": 1} and counts(talk, "source") == {"群众提出": 1}
    assert counts(talk, "outcomes") == {"未启动": 1, "无法落实": 1, "逾期未落实": 1}

    log = sections["contact"]
    assert log.total == 3 and counts(log, "channel") == {"走访": 1, "电话": 2}
    assert figures(log) == {
        "联系的群众": "2",  # 张三 (twice) and 赵六
        "联系网络中的群众": "2",  # 张三 and 李四 have a 联系委员
        "联系的群众覆盖率": "50.0%",  # 张三 of the two
        "联系的委员": "1",
        "联系网络中的委员": "2",  # 李梅 and 陈志强 have a 联系人(常委)
        "联系的委员覆盖率": "50.0%",
    }


def test_an_empty_period_has_zeros_and_no_share(ctx: Context) -> None:
    sections = {s.kind: s for s in report(MARCH, today=TODAY).sections}
    assert sections["activity"].total == 0
    assert figures(sections["activity"]) == {"受益群众人数合计": "0"}
    assert figures(sections["contact"])["联系的群众覆盖率"] == "—"
    assert sections["contact"].sentence().startswith("委员联系群众和委员0次")


@pdf.needs_poppler
def test_the_report_prints_each_programmes_section(
    ctx: Context, month: dict[str, int], tmp_path: Path
) -> None:
    out = tmp_path / "r.pdf"
    monthly_report.render(ctx, MARCH, out)
    text = pdf.flat(out)
    for value in (
        "五、履职活动情况", "（一）委员活动", "组织委员活动2次，受益群众人数合计80",
        "（二）协商议事", "成果清单2项", "（三）联系记录", "联系的群众2人", "联系的群众覆盖率50.0%",
        "活动类型件数占比", "视察150.0%", "逾期未落实1",
    ):  # fmt: skip
        assert value in text, value


def test_a_studio_section_counts_its_own_records_the_total_all(
    ctx: Context, month: dict[str, int]
) -> None:
    other = Site.create(
        uuid=str(uuid.uuid4()), kind="studio", name="大岙镇政协委员工作室", code="DAZ",
        created_at=datetime(2026, 1, 1),
    )  # fmt: skip
    there = replace(ctx, site_uuid=other.uuid, site_code="DAZ")
    sun = members.create(there, {"name": "孙丽"}).id
    kind_records.create(there, kinds.CONTACT, {
        "member": sun, "contacted_at": "2026-03-20 10:00", "channel": "座谈",
        "contacted_member": month["lee"], "content": "交流",
    })  # fmt: skip
    own = {s.kind: s for s in report(MARCH, origin_site=ctx.site_uuid, today=TODAY).sections}
    everyone = {s.kind: s for s in report(MARCH, today=TODAY).sections}
    assert own["contact"].total == 3 and everyone["contact"].total == 4
    assert counts(own["contact"], "channel") == {"走访": 1, "电话": 2}
    assert counts(everyone["contact"], "channel") == {"走访": 1, "电话": 2, "座谈": 1}
    assert figures(everyone["contact"])["联系的委员"] == "1"  # 李梅, contacted twice
    assert own["activity"].total == everyone["activity"].total == 2
