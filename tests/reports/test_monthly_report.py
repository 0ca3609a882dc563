"""The statistics report: numbers from statistics.report(), tables, charts, county mode."""

from __future__ import annotations

import re
import uuid
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from studio_app.core import kinds
from studio_app.reports import monthly_report
from studio_app.services import proposals, site
from studio_app.services.context import Context
from studio_app.services.statistics import Period, report
from studio_app.storage.models import Site, Visit
from tests.conftest import fixed_clock
from tests.reports import pdf
from tests.services import county_scenario as scenario
from tests.services.county_scenario import DAZ_NAME, SQZ_NAME, Worked
from tests.services.helpers import member, visit

studio, county, out, worked = scenario.studio, scenario.county, scenario.out, scenario.worked

pytestmark = pdf.needs_poppler

MARCH = Period.month(2026, 3)


def test_studio_report_shows_the_statistics_of_the_period(
    march: Context, referred_visit: Visit, tmp_path: Path
) -> None:
    visit(march, occurred_at="2026-03-10 09:00", handling="explained")
    out = tmp_path / "r.pdf"
    result = monthly_report.render(march, MARCH, out)
    assert result.pages == pdf.pages(out) >= 2
    text = pdf.flat(out)
    stats = report(MARCH)
    assert stats.visits == 2
    for value in (
        "石桥镇政协委员工作室履职统计报表",
        "统计期间：2026年3月（2026年3月1日至2026年3月31日）",
        "本期共接待走访群众2件，已办结2件，办结率100.0%",
        "转办1件，其中已到期1件，按期反馈1件，按期率100.0%；满意度评价1件，满意率100.0%。",
        "按问题类别", "按接待方式", "按处理方式", "按办理状态", "满意度", "按村（社区）",
        "委员履职情况", "王建国", "农业界", "提案等（按类型和状态）",
        "入户走访", "解释疏导", "东岙村",
    ):  # fmt: skip
        assert value in text, value
    assert [f["emb"] for f in pdf.fonts(out)] == ["yes"] * len(pdf.fonts(out))


def test_empty_period_prints_zeros(march: Context, tmp_path: Path) -> None:
    out = tmp_path / "empty.pdf"
    monthly_report.render(march, Period.month(2025, 1), out)
    text = pdf.flat(out)
    assert "接待走访群众0件" in text and "本期无数据" in text and "—" in text


def test_county_mode_has_one_section_per_studio_and_the_total(
    march: Context, referred_visit: Visit, tmp_path: Path
) -> None:
    other = Site.create(
        uuid=str(uuid.uuid4()), kind="studio", name="大岙镇政协委员工作室", code="DAZ",
        created_at=datetime(2026, 1, 1),
    )  # fmt: skip
    there = replace(
        march, site_uuid=other.uuid, site_code="DAZ", clock=fixed_clock(datetime(2026, 3, 31))
    )
    visit(there, occurred_at="2026-03-15 09:00")
    out = tmp_path / "county.pdf"
    result = monthly_report.render(march, MARCH, out, county=True)
    assert result.records == 3
    text = pdf.flat(out)
    assert "平阳县委员工作室履职统计报表" in text and "各工作室概况" in text
    first, second, total = (
        text.index("大岙镇政协委员工作室一、"),
        text.index("石桥镇政协委员工作室一、"),
        text.index("全县合计一、"),
    )
    assert first < second < total


def test_county_report_has_the_county_work_section(worked: Worked, tmp_path: Path) -> None:
    ctx = replace(site.context_for(site.require_site()), clock=fixed_clock(datetime(2026, 8, 1)))
    dest = tmp_path / "county.pdf"
    monthly_report.render(ctx, Period.year(2026), dest)  # county by the installation's kind
    text = pdf.flat(dest)
    assert (
        text.index("各工作室概况")
        < text.index("县政协审查办理情况")
        < text.index(f"{DAZ_NAME}一、总体情况")
    )
    for value in (
        "报送提案、社情民意信息、意见建议和百字金点子共7件（草稿不计），已审查6件，待审查1件；"
        "立案5件，交办承办单位5件，已答复3件。已到期4件中按期答复2件，按期答复率50.0%，超期未复1件。"
        "社情民意信息3件，被采用3件，采用率100.0%。委员对答复已评价2件，答复满意率50.0%。",
        "审查、交办、答复、采用情况截至2026年8月1日",
        # 工作室 报送 立案 不立案 并案 转 退回 待审查
        f"{DAZ_NAME}3200001", f"{SQZ_NAME}4310000", "全县合计7510001",
        # 类型: 提案 2 立案 2; 百字金点子 1 待审查 1
        "提案2200000", "百字金点子1000001",
        # 交办 已答复 已到期 按期答复 超期未复 按期答复率 A B C
        f"{DAZ_NAME}21110100.0%001", f"{SQZ_NAME}3231133.3%110", "全县合计5342150.0%111",
        "县住建局3121150.0%100", "县交通运输局111000.0%010", "县教育局11110100.0%001",
        # 社情民意 县级 市级 省级 全国 被采用 采用率
        f"{SQZ_NAME}211002100.0%", "全县合计311103100.0%",
        # 已答复 已评价 满意 基本满意 不满意 答复满意率
        f"{SQZ_NAME}2210150.0%", f"{DAZ_NAME}10000—",
        "采用级别（全县）",
    ):  # fmt: skip
        assert value in text, value
    assert [f["emb"] for f in pdf.fonts(dest)] == ["yes"] * len(pdf.fonts(dest))


def test_studio_report_has_no_county_work_section(march: Context, tmp_path: Path) -> None:
    out = tmp_path / "r.pdf"
    monthly_report.render(march, MARCH, out)
    assert "县政协审查办理情况" not in pdf.flat(out)


def test_chart_axis_steps_are_whole_numbers() -> None:
    from studio_app.reports.charts import nice_step

    assert [nice_step(n) for n in (1, 2, 4, 9, 23, 160, 36_000)] == [1, 1, 1, 2, 5, 50, 10_000]


def at(ctx: Context, *day: int) -> Context:
    """``ctx`` with its clock at ten in the morning of ``day`` (year, month, day)."""
    return replace(ctx, clock=fixed_clock(datetime(*day, 10, 0)))


def test_proposals_count_in_the_period_they_were_submitted_in(ctx: Context, tmp_path: Path) -> None:
    lead = member(at(ctx, 2026, 2, 1), "王建国")
    text = {"facts": "村道年久失修。", "recommendations": "列入年度养护计划。"}
    drafts = [
        proposals.create(at(ctx, 2026, 2, 20), {"kind": kind, "title": title,
                                                "lead_member": lead.id, **text})
        for kind, title in (("proposal", "关于村道养护的提案"), ("sqmy", "关于看病难的反映"))
    ]  # fmt: skip
    for record, day in zip(drafts, (5, 20), strict=True):  # written in February, sent in March
        proposals.submit(at(ctx, 2026, 3, day), record.id)
    april = proposals.create(at(ctx, 2026, 3, 25), {"kind": "proposal", "title": "四月报送的",
                                                    "lead_member": lead.id, **text})  # fmt: skip
    proposals.submit(at(ctx, 2026, 4, 2), april.id)

    out = tmp_path / "march.pdf"
    monthly_report.render(at(ctx, 2026, 3, 31), MARCH, out)
    text_ = pdf.flat(out)
    section = text_[text_.index("四、提案等（按类型和状态）") : text_.index("填报单位")]
    assert "本期无" not in section
    # kind·status, count, share: the two sent in March, not the one written then and sent later
    assert "提案·已报送150.0%社情民意信息·已报送150.0%合计2100.0%" in section
    assert "待审查2" in section  # the county has not reviewed them yet
    zeros = "0" * (1 + len(kinds.counted()))  # visits and each counted kind (interviews, …)
    assert f"王建国农业界{zeros}22" in text_  # 提案等 2, total 2
    out = tmp_path / "april.pdf"
    monthly_report.render(at(ctx, 2026, 4, 30), Period.month(2026, 4), out)
    assert "提案·已报送1100.0%合计1100.0%" in pdf.flat(out)


def test_the_report_ends_with_the_signature_block(
    march: Context, referred_visit: Visit, tmp_path: Path
) -> None:
    out = tmp_path / "r.pdf"
    monthly_report.render(march, MARCH, out)
    pages = pdf.pages(out)
    last = [re.sub(r"\s+", "", line) for line in pdf.text(out, first=pages).splitlines()]
    last = [line for line in last if line]
    # who reports, a blank line the reviewer signs on, the day it was made; then the page number
    assert last[-4:] == [
        "填报单位：石桥镇政协委员工作室", "审核人：", "填报日期：2026年3月31日", f"—{pages}—",
    ]  # fmt: skip
    assert pdf.flat(out).count("填报单位") == 1


def test_the_county_report_is_signed_by_the_county_office(worked: Worked, tmp_path: Path) -> None:
    here = site.require_site()
    ctx = replace(site.context_for(here), clock=fixed_clock(datetime(2026, 8, 1)))
    out = tmp_path / "county.pdf"
    monthly_report.render(ctx, Period.year(2026), out)
    text = pdf.flat(out)
    assert text.endswith(f"填报单位：{here.name}审核人：填报日期：2026年8月1日—{pdf.pages(out)}—")
