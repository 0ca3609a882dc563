"""Interviews and proposal-type records."""

from __future__ import annotations

import pytest

from studio_app.core.errors import NotFound, TransitionRefused, UserError, ValidationError
from studio_app.services import interviews, proposals
from studio_app.services.context import Context
from tests.services.helpers import member, resident, visit

pytestmark = pytest.mark.both_engines  # also on PostgreSQL (the county's several PCs)


def _interview(ctx: Context, **values: object):  # type: ignore[no-untyped-def]
    m = member(ctx)
    return interviews.create(
        ctx,
        {
            "kind": "online",
            "title": "委员有话说：农村养老",
            "occurred_at": "2026-03-01 19:00",
            "members": [m.id],
            "views": "希望增加村级养老服务站。",
            **values,
        },
    )


def test_interview_lifecycle(ctx: Context) -> None:
    i = _interview(ctx, participant_count=12)
    assert i.serial.startswith("FT-") and i.status == "open" and i.member_names == "王建国"
    interviews.update(ctx, i.id, {"follow_up": "形成社情民意一篇"})
    interviews.set_status(ctx, i.id, "closed")
    assert interviews.get(i.id).status == "closed" and interviews.get(i.id).rev == 3
    with pytest.raises(TransitionRefused):
        interviews.set_status(ctx, i.id, "closed")
    with pytest.raises(ValidationError, match="主题"):
        _interview(ctx, title="")


def _proposal(ctx: Context, **values: object):  # type: ignore[no-untyped-def]
    lead = member(ctx, "陈委员")
    return proposals.create(
        ctx,
        {
            "kind": "proposal",
            "title": "关于加快农村道路修复的建议",
            "lead_member": lead.id,
            "category": "规划建设",
            "facts": "多个村道路破损。",
            **values,
        },
        grew_from={"visit": [visit(ctx).id]},
    )


def test_proposal_from_a_visit_is_drafted_then_submitted(ctx: Context) -> None:
    p = _proposal(ctx)
    assert p.serial.startswith("TA-") and p.status == "draft"
    assert proposals.sources(p.id)["visit"] != []
    with pytest.raises(ValidationError, match="建议"):
        proposals.submit(ctx, p.id)
    proposals.update(ctx, p.id, {"recommendations": "列入年度计划。"})
    proposals.submit(ctx, p.id)
    p = proposals.get(p.id)
    assert p.status == "submitted" and p.submitted_at is not None
    with pytest.raises(TransitionRefused):
        proposals.submit(ctx, p.id)
    with pytest.raises(TransitionRefused):
        proposals.update(ctx, p.id, {"kind": "sqmy"})


def test_county_fields_are_refused_in_a_studio(ctx: Context) -> None:
    p = _proposal(ctx)
    with pytest.raises(UserError, match="县政协"):
        proposals.update(ctx, p.id, {"review": "accepted"})
    with pytest.raises(ValidationError, match="县政协"):
        _proposal(ctx, county_no="2026-001")
    assert proposals.get(p.id).review == ""


def test_county_fields_bump_county_rev_in_county_mode(ctx: Context) -> None:
    import dataclasses

    p = _proposal(ctx)
    county = dataclasses.replace(ctx, site_kind="county")
    proposals.update(county, p.id, {"review": "立案", "reply_class": "A"})
    p = proposals.get(p.id)
    assert (p.review, p.reply_class, p.rev, p.county_rev) == ("accepted", "A", 1, 1)


def test_ideas_are_short_and_name_a_resident(ctx: Context) -> None:
    r = resident(ctx)
    idea = proposals.create(
        ctx, {"kind": "idea", "title": "村口装路灯", "lead_resident": r.id, "facts": "装路灯。"}
    )
    assert idea.serial.startswith("JZ-")
    with pytest.raises(ValidationError, match="100"):
        proposals.create(
            ctx, {"kind": "idea", "title": "长", "lead_resident": r.id, "facts": "字" * 101}
        )
    with pytest.raises(ValidationError, match="第一提案人"):
        proposals.create(ctx, {"kind": "sqmy", "title": "无人"})


def test_co_signers_and_missing_sources(ctx: Context) -> None:
    a, b = member(ctx, "甲委员"), member(ctx, "乙委员")
    p = proposals.create(
        ctx,
        {"kind": "sqmy", "title": "关于X", "lead_member": a.id, "co_signers": [b.id]},
    )
    assert p.co_signer_names == "乙委员" and p.serial.startswith("SQ-")
    with pytest.raises(ValidationError, match="联名人"):
        proposals.update(ctx, p.id, {"co_signers": [a.id, b.id]})
    with pytest.raises(NotFound):
        proposals.create(
            ctx, {"kind": "sqmy", "title": "关于Y", "lead_member": a.id}, grew_from={"visit": [999]}
        )
