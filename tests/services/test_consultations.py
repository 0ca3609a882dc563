"""Consultations (协商议事): agreed points and an outcome list carried out item by item; a
consultation is closed only when every item is done or explained; visits added to a
consultation's topic link to it both ways."""

from __future__ import annotations

import pytest

from studio_app.core import kinds
from studio_app.core.errors import TransitionRefused
from studio_app.services import kind_records, members, origins, visits
from studio_app.services.context import Context
from studio_app.storage.models import AuditEntry

pytestmark = pytest.mark.both_engines  # also on PostgreSQL (the county's several PCs)


def _values(ctx: Context, **changes: object) -> dict:
    lee = members.create(ctx, {"name": "李梅"}).id
    return {
        "topic": "老旧小区加装电梯费用分摊",
        "source": "群众提出",
        "format": "议事会",
        "held_at": "2026-04-16 14:30",
        "place": "城东社区议事厅",
        "chair": "李梅",
        "members": [lee],
        "participants": [
            {"kind": "部门", "name": "县住建局", "headcount": 2},
            {"kind": "群众代表", "name": "3号楼住户", "headcount": 12},
        ],
        "positions": "低层住户担心采光和噪音，高层住户希望尽快加装。",
        "agreed_points": "按楼层系数分摊费用，一楼住户不出资并给予适当补偿。",
        "outcome_kind": "纪要",
        "outcomes": [
            {"item": "制定分摊方案并公示", "unit": "镇人民政府", "due": "2026-05-31"},
            {"item": "申请加装电梯补助", "unit": "县住建局", "due": "2026-06-30"},
        ],
    } | changes


def test_a_consultation_keeps_its_outcome_list(ctx: Context) -> None:
    record = kind_records.create(ctx, kinds.CONSULTATION, _values(ctx))
    assert record.serial.startswith("XS-") and record.status == "open"
    kept = kind_records.values(kinds.CONSULTATION, record.id)
    assert [o["item"] for o in kept["outcomes"]] == ["制定分摊方案并公示", "申请加装电梯补助"]
    assert kept["participants"][1]["headcount"] == 12


def test_closed_only_when_every_item_is_done_or_explained(ctx: Context) -> None:
    record = kind_records.create(ctx, kinds.CONSULTATION, _values(ctx))
    with pytest.raises(TransitionRefused) as refused:
        kind_records.advance(ctx, kinds.CONSULTATION, record.id, "close")
    assert "成果清单中还有2项未完成也未说明无法落实" in refused.value.message
    assert kind_records.get(kinds.CONSULTATION, record.id).status == "open"
    outcomes = kind_records.values(kinds.CONSULTATION, record.id)["outcomes"]
    outcomes[0] |= {"status": "done", "done_on": "2026-05-20"}
    outcomes[1] |= {"status": "not_feasible", "note": "今年补助名额已满，明年优先安排"}
    kind_records.update(ctx, kinds.CONSULTATION, record.id, {"outcomes": outcomes})
    kind_records.advance(ctx, kinds.CONSULTATION, record.id, "close")
    assert kind_records.get(kinds.CONSULTATION, record.id).status == "closed"
    kind_records.advance(ctx, kinds.CONSULTATION, record.id, "reopen")
    assert kind_records.get(kinds.CONSULTATION, record.id).status == "open"
    actions = [
        e.action for e in AuditEntry.select().where(AuditEntry.record_type == "consultation")
    ]
    assert actions == ["create", "update", "close", "reopen"]


def test_visits_added_to_a_consultation_link_both_ways(ctx: Context) -> None:
    lee = members.create(ctx, {"name": "王建国"}).id
    visit = visits.create(
        ctx,
        {"channel": "reception", "occurred_at": "2026-04-01 09:00", "members": [lee],
         "visitor_count": 3, "category": "城乡建设与管理", "handling": "to_consultation",
         "content": "想加装电梯，楼上楼下意见不一"},
    )  # fmt: skip
    record = kind_records.create(
        ctx, kinds.CONSULTATION, _values(ctx, source="来访转入"), grew_from={"visit": [visit.id]}
    )
    assert origins.of("consultation", record.id) == {"visit": [visit.id], "election": []}
    assert origins.grown("visit", visit.id) == {"consultation": [record.id]}
    start = origins.start_values("consultation", "visit", [visit.id])
    assert start == {"positions": "2026-04-01：想加装电梯，楼上楼下意见不一", "members": [lee],
                     "source": "from_visits"}  # fmt: skip
