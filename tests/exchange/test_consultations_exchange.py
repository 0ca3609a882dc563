"""A studio's consultation (协商议事) travels to the county: its members, other participants,
outcome list and the visits it grew from (``consultation_source``, the generic
``来源记录（标识）`` column), field by field; an outcome item carried out and the 办结 travel
in the next package; at the county the record is the studio's, read-only."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from studio_app.core import kinds
from studio_app.core.errors import UserError
from studio_app.exchange import hooks
from studio_app.exchange.schema import studio_sheet
from studio_app.services import kind_records, members, origins, record_details, visits
from studio_app.storage.models import Member, Visit, database
from tests.exchange.conftest import Install, everything, same_at_both
from tests.exchange.test_county_loop import take
from tests.kinds.test_exchange import send, sheet_cells

CONSULTATION = kinds.CONSULTATION
BOOKKEEPING = ("uuid", "serial", "rev", "status", "deleted_at", "origin_site")


def portable() -> dict[str, dict[str, Any]]:
    """Every consultation as the services read it, members and source visits by uuid (ids
    differ between installations), with its bookkeeping; by uuid."""
    member_uuid = dict(Member.select(Member.id, Member.uuid).tuples())
    visit_uuid = dict(Visit.select(Visit.id, Visit.uuid).tuples())
    found = {}
    for (rid,) in database.execute_sql("SELECT id FROM consultation"):
        values = kind_records.values(CONSULTATION, rid)
        values["members"] = [member_uuid[i] for i in values["members"]]
        values["sources"] = [visit_uuid[i] for i in origins.of(CONSULTATION.name, rid)["visit"]]
        row = kind_records.get(CONSULTATION, rid)
        values.update({key: getattr(row, key) for key in BOOKKEEPING})
        found[row.uuid] = values
    return found


def consultation_visits(ctx: Any) -> list[int]:
    """Three members; two visits added to a consultation's topic, by two of them."""
    chair, other, _third = (members.create(ctx, {"name": n}) for n in ("李梅", "王建国", "陈芳"))
    return [
        visits.create(ctx, {
            "channel": "reception", "occurred_at": f"2026-04-0{day} 09:00", "members": [m.id],
            "visitor_count": 2, "category": "03", "handling": "to_consultation",
            "content": text,
        }).id
        for day, m, text in ((1, chair, "想加装电梯，楼上楼下意见不一"),
                             (3, other, "一楼住户担心加装电梯挡光"))
    ]  # fmt: skip


def consultation_from(ctx: Any, visit_ids: list[int]) -> int:
    """A consultation grown from the visits, every kind of field filled: its id."""
    start = origins.start_values(CONSULTATION.name, "visit", visit_ids)
    third = Member.get(Member.name == "陈芳").id
    unit = "01"  # 县住建局 in the default code list
    record = kind_records.create(ctx, CONSULTATION, {
        "topic": "=老旧小区加装电梯费用分摊", "source": "from_visits", "format": "council",
        "held_at": "2026-04-16 14:30", "place": "城东社区议事厅", "chair": "李梅",
        "members": [*start["members"], third],
        "participants": [
            {"kind": "department", "name": "县住建局", "headcount": 2},
            {"kind": "resident", "name": "3号楼住户", "headcount": 12},
            {"kind": "expert", "name": "电梯企业技术人员"},
        ],
        "positions": start["positions"] + "\n高层住户希望尽快加装；\n低层住户担心采光。",
        "agreed_points": "按楼层系数分摊费用，一楼不出资。",
        "outcome_kind": "minutes",
        "outcomes": [
            {"item": "制定分摊方案并公示", "unit": unit, "due": "2026-05-31",
             "status": "in_progress", "note": "方案已起草"},
            {"item": "申请加装电梯补助", "unit": unit, "due": date(2026, 6, 30)},
            {"item": "协调电梯用电接入", "status": "not_feasible", "note": "需上级审批"},
        ],
    }, grew_from={"visit": visit_ids})  # fmt: skip
    return record.id


def test_a_consultation_travels_with_its_rows_and_source_visits(
    studio: Install, county: Install, out: Path
) -> None:
    assert hooks.of(CONSULTATION.name).columns == (hooks.origin_links(CONSULTATION).column,)
    sheet = studio_sheet(CONSULTATION.name)
    keys = [c.key for c in sheet.columns]
    assert {"participants__rows", "outcomes__rows", "sources"} <= set(keys)
    with studio as ctx:
        visit_ids = consultation_visits(ctx)
    take(county, send(studio, out, {"委员": 3, "接待走访": 2}), new=5)  # the month's visits
    with studio as ctx:
        record_id = consultation_from(ctx, visit_ids)
        sent = portable()
        serial = kind_records.get(CONSULTATION, record_id).serial
        visit_uuids = [visits.get(v).uuid for v in visit_ids]
    (uuid,) = sent
    assert sent[uuid]["sources"] == visit_uuids and sent[uuid]["status"] == "open"
    assert sent[uuid]["positions"].startswith("2026-04-01：想加装电梯")
    assert len(sent[uuid]["outcomes"]) == 3 and len(sent[uuid]["participants"]) == 3

    first = send(studio, out, {"协商议事": 1})  # links to visits the county already has
    header, rows = sheet_cells(first, CONSULTATION.sheet_title)
    (row,) = rows
    assert row[header.index("编号")] == serial
    assert row[header.index("来源记录（标识）")] == " ".join(f"v:{u}" for u in visit_uuids)
    assert "制定分摊方案并公示" in row[header.index("成果清单")]
    take(county, first, new=1)
    with county as cctx:
        assert portable() == sent
        arrived = kind_records.get(CONSULTATION, uuid)
        county_visits = [Visit.get(Visit.uuid == u).id for u in visit_uuids]
        assert origins.of(CONSULTATION.name, arrived.id) == {"visit": county_visits, "election": []}
        stored = database.execute_sql(
            "SELECT consultation_id, visit_id FROM consultation_source ORDER BY id"
        ).fetchall()
        assert stored == [(arrived.id, v) for v in county_visits]
        for visit in county_visits:  # each visit lists the consultation grown from it
            assert origins.grown("visit", visit) == {CONSULTATION.name: [arrived.id]}
        shown = record_details.details(cctx, CONSULTATION.name, arrived.id)
        sources = shown.row("来源")
        assert sources is not None and [r.record_id for r in sources.refs] == county_visits[::-1]
        grown = record_details.details(cctx, "visit", county_visits[0]).row("形成的协商议事")
        assert grown is not None and grown.refs[0].text.startswith(serial)
    same_at_both(studio, county)

    # an outcome item carried out, another explained, then 办结: the next package
    with studio as ctx:
        items = kind_records.values(CONSULTATION, record_id)["outcomes"]
        items[0] |= {"status": "done", "done_on": date(2026, 5, 28), "note": "已公示七天"}
        items[1] |= {"status": "not_feasible", "note": "今年补助名额已满"}
        kind_records.update(ctx, CONSULTATION, record_id, {"outcomes": items})
        kind_records.advance(ctx, CONSULTATION, record_id, "close")
        changed = portable()
    assert changed[uuid]["rev"] == 3 and changed[uuid]["status"] == "closed"
    take(county, send(studio, out, {"协商议事": 1}), update=1)
    with county:
        assert portable() == changed
        assert kind_records.values(CONSULTATION, uuid)["outcomes"][0]["done_on"] == date(
            2026, 5, 28
        )
        assert database.execute_sql("SELECT count(*) FROM consultation_source").fetchone() == (2,)
    same_at_both(studio, county)
    again = send(studio, out, {"委员": 3, "接待走访": 2, "协商议事": 1}, full=True)
    take(county, again)  # everything again: all unchanged, no source linked twice
    with county:
        assert portable() == changed
        assert database.execute_sql("SELECT count(*) FROM consultation_source").fetchone() == (2,)

    # the county sees the studio's consultation, and changes nothing of it
    with county as cctx:
        before = everything()
        with pytest.raises(UserError):
            kind_records.update(cctx, CONSULTATION, uuid, {"topic": "改过的议题"})
        with pytest.raises(UserError):
            kind_records.update(cctx, CONSULTATION, uuid, {"outcomes": []})
        with pytest.raises(UserError):
            kind_records.advance(cctx, CONSULTATION, uuid, "reopen")
        assert everything() == before and portable() == changed
