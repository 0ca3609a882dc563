"""Proposal / 社情民意 and interview forms read back from the PDF."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio_app.core.errors import NotFound
from studio_app.reports import interview_form, proposal_form
from studio_app.services import interviews, proposals
from studio_app.services.context import Context
from studio_app.storage.models import Proposal, ProposalUnit
from tests.reports import pdf
from tests.services.helpers import member, visit

pytestmark = pdf.needs_poppler


def test_proposal_in_the_standard_layout_with_the_county_reply(
    march: Context, tmp_path: Path
) -> None:
    lead = member(march, "王建国", sector="农业界")
    co = member(march, "陈丽", sector="教育界")
    source = visit(march)
    p = proposals.create(
        march,
        {
            "kind": "proposal",
            "title": "关于加快农村道路修复的建议",
            "lead_member": lead.id,
            "co_signers": [co.id],
            "sector": "农业界",
            "category": "规划建设",
            "facts": "多个村道路破损，雨天积水。",
            "analysis": "养护资金不足，责任主体不清。",
            "recommendations": "一是设立养护专项资金；二是明确镇村责任。",
        },
        grew_from={"visit": [source.id]},
    )
    proposals.submit(march, p.id)
    Proposal.update(
        county_no="2026第015号", review="accepted", reply_class="A", replied_at="2026-03-25",
        reply_summary="已列入今年农村公路养护计划。",
    ).where(Proposal.id == p.id).execute()  # fmt: skip
    ProposalUnit.create(proposal=p.id, unit="02", role="lead", position=0)

    out = tmp_path / "p.pdf"
    assert proposal_form.render(march, p.serial, out).pages == 1
    text = pdf.flat(out)
    for value in (
        "政协平阳县委员会提案", p.serial, "案由", "关于加快农村道路修复的建议",
        "第一提案人", "王建国", "联名人", "陈丽", "界别", "农业界", "规划建设",
        "情况", "多个村道路破损，雨天积水。", "分析(理由)", "养护资金不足，责任主体不清。",
        "建议(办法)", "一是设立养护专项资金；二是明确镇村责任。", "来源记录", source.serial,
        "已报送", "县政协编号", "2026第015号", "审查结果", "立案", "主办：县交通运输局",
        "A已解决或采纳", "2026年3月25日", "已列入今年农村公路养护计划。",
    ):  # fmt: skip
        assert value in text, value


def test_sqmy_draft_has_no_county_part(march: Context, tmp_path: Path) -> None:
    lead = member(march, "王建国")
    p = proposals.create(
        march,
        {"kind": "sqmy", "title": "关于村级养老服务站运营困难的情况反映", "lead_member": lead.id,
         "facts": "服务站缺少护理人员。"},
    )  # fmt: skip
    out = tmp_path / "s.pdf"
    proposal_form.render(march, p.serial, out)
    text = pdf.flat(out)
    assert "石桥镇政协委员工作室社情民意信息" in text and "反映人" in text and "草稿" in text
    assert "审查结果" not in text and "县政协编号" not in text
    with pytest.raises(NotFound):
        proposal_form.render(march, "TA-2026-0999", tmp_path / "none.pdf")


def test_interview_record(march: Context, tmp_path: Path) -> None:
    m = member(march, "王建国")
    i = interviews.create(
        march,
        {"kind": "online", "title": "委员有话说：农村养老", "occurred_at": "2026-03-01 19:00",
         "members": [m.id], "participant_count": 12, "place_or_platform": "微信群",
         "views": "希望增加村级养老服务站。", "follow_up": "形成社情民意一篇。"},
    )  # fmt: skip
    out = tmp_path / "i.pdf"
    assert interview_form.render(march, i.serial, out).pages == 1
    text = pdf.flat(out)
    for value in (
        "委员访谈记录表", i.serial, "线上", "2026年3月1日19:00", "委员有话说：农村养老", "微信群",
        "12人", "王建国", "希望增加村级养老服务站。", "形成社情民意一篇。", "进行中",
        "主持委员（签字）",
    ):  # fmt: skip
        assert value in text, value
