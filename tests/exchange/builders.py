"""Records made through the services, covering every field kind."""

from __future__ import annotations

from typing import Any

from studio_app.services import interviews, members, proposals, residents, visits
from studio_app.services.context import Context


def fill(ctx: Context, text: str = "村口道路破损，下雨天积水严重。") -> dict[str, Any]:
    """A small studio: two members, two residents, visits, an interview, a proposal."""
    lead = members.create(ctx, {"name": "王建国", "sector": "农业界", "phone": "13800001111",
                                "is_standing": True, "gender": "男"})  # fmt: skip
    other = members.create(ctx, {"name": "陈芳", "sector": "教育界", "contact_parent": lead.id})
    r1 = residents.create(ctx, {"name": "李秀英", "village": "东岙村", "phone": "0577 6360 1234",
                                "id_number": "11010519491231002x", "gender": "女"})  # fmt: skip
    r2 = residents.create(ctx, {"name": "张三", "village": "西岙村", "kind": "enterprise"})
    v1 = visits.create(ctx, {
        "channel": "reception", "occurred_at": "2026-03-02 09:30:15",
        "members": [lead.id, other.id],
        "residents": [r1.id, r2.id], "category": "交通出行", "content": text,
        "handling": "referred", "referred_unit": "县交通运输局", "place": "工作室",
        "onsite_reply": "=SUM(A1)", "visitor_count": 3,
    })  # fmt: skip
    v2 = visits.create(ctx, {
        "channel": "phone", "occurred_at": "2026-03-05 14:00", "members": [lead.id],
        "category": "教育", "content": "+86 孩子上学远", "handling": "answered",
        "satisfaction": "satisfied", "confidential": True,
    })  # fmt: skip
    visits.advance(ctx, v1.id, "start")
    iv = interviews.create(ctx, {
        "kind": "offline", "title": "@村民议事会", "occurred_at": "2026-03-06 10:00",
        "members": [other.id], "residents": [r1.id], "participant_count": 12,
        "views": "-大家认为\t应当修路\n第二行",
    })  # fmt: skip
    pr = proposals.create(ctx, {
        "kind": "proposal", "title": "关于修缮东岙村道路的建议", "lead_member": lead.id,
        "co_signers": [other.id], "sector": "农业界", "category": "规划建设",
        "facts": "道路破损", "analysis": "影响出行", "recommendations": "尽快修缮",
    }, grew_from={"visit": [v1.id], "interview": [iv.id]})  # fmt: skip
    proposals.submit(ctx, pr.id)
    return {"members": [lead, other], "residents": [r1, r2], "visits": [v1, v2],
            "interview": iv, "proposal": pr}  # fmt: skip
