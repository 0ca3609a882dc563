"""Records grown from contacts travel with their link: a visit registered from a contact and
a 社情民意 written from one reach the county in the same package as the contact (its sheet
comes first), linked to it there; the package sent again, or everything sent again, links
nothing twice; a visit whose contact has not arrived waits for it, then goes in linked."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from studio_app.core import kinds
from studio_app.exchange.importer import import_package
from studio_app.exchange.plan import AlreadyImported
from studio_app.services import kind_records, members, origins, proposals, residents, visits
from studio_app.storage.models import Proposal, Visit, database
from tests.exchange.conftest import Install, same_at_both
from tests.exchange.test_county_loop import take
from tests.kinds.test_exchange import send, sheet_cells

CONTACT = kinds.CONTACT


def contact(ctx: Any, member_id: int, resident_id: int, day: int, text: str) -> Any:
    return kind_records.create(ctx, CONTACT, {
        "member": member_id, "contacted_at": f"2026-03-{day:02d} 10:00", "channel": "visit",
        "residents": [resident_id], "content": text, "follow_up": "登记为来访",
    })  # fmt: skip


def first_contact(ctx: Any) -> tuple[int, int, Any]:
    """李梅 contacted 张三 on 2 March: their ids and the contact."""
    lee = members.create(ctx, {"name": "李梅"}).id
    zhang = residents.create(ctx, {"name": "张三", "village": "东村"}).id
    return lee, zhang, contact(ctx, lee, zhang, 2, "村口路灯坏了半年")


def grown_visit(ctx: Any, contact_id: int, day: int) -> Visit:
    start = origins.start_values("visit", CONTACT.name, [contact_id])
    return visits.create(ctx, {
        **start, "channel": "reception", "occurred_at": f"2026-03-{day:02d} 09:00",
        "category": "03", "handling": "referred", "referred_unit": "02",
    }, grew_from={CONTACT.name: [contact_id]})  # fmt: skip


def sources_by_uuid() -> dict[str, list[str]]:
    """What each visit and proposal grew from, by uuid (ids differ between installations)."""
    contact_uuid = dict(database.execute_sql("SELECT id, uuid FROM contact").fetchall())
    found = {}
    for model, name in ((Visit, "visit"), (Proposal, "proposal")):
        for row in model.select():
            ids = origins.of(name, row.id)[CONTACT.name]
            found[row.uuid] = [contact_uuid[i] for i in ids]
    return found


def test_visits_and_sqmy_grown_from_contacts_arrive_linked(
    studio: Install, county: Install, out: Path
) -> None:
    with studio as ctx:
        lee, zhang, first = first_contact(ctx)
        visit = grown_visit(ctx, first.id, 3)
        sqmy = proposals.create(
            ctx, {"kind": "sqmy", "title": "关于东村路灯失修的情况反映", "lead_member": lee,
                  "facts": "村口路灯坏了半年", "recommendations": "尽快修复"},
            grew_from={CONTACT.name: [first.id]},
        )  # fmt: skip
        proposals.submit(ctx, sqmy.id)
        sent = sources_by_uuid()
    assert sent == {visit.uuid: [first.uuid], sqmy.uuid: [first.uuid]}
    package = send(studio, out, {"委员": 1, "群众": 1, "联系记录": 1, "接待走访": 1,
                                 "提案与社情民意": 1})  # fmt: skip
    header, rows = sheet_cells(package, kinds.VISIT.sheet_title)
    assert rows[0][header.index("来源记录（标识）")] == f"c:{first.uuid}"
    take(county, package, new=5)
    with county:
        assert sources_by_uuid() == sent
        arrived = Visit.get(Visit.uuid == visit.uuid)
        assert arrived.content.endswith("村口路灯坏了半年；登记为来访")
    same_at_both(studio, county)

    with county as cctx, pytest.raises(AlreadyImported):  # the same package again: refused
        import_package(cctx, package)
    with county:
        assert database.execute_sql("SELECT count(*) FROM visit_source").fetchone() == (1,)

    # the next month: a second contact and its visit; then everything sent again
    with studio as ctx:
        second = contact(ctx, lee, zhang, 20, "路灯修好了，但水渠还没清")
        later = grown_visit(ctx, second.id, 21)
        sent = sources_by_uuid()
    # (the resident's latest contact moved on: it travels too)
    take(county, send(studio, out, {"群众": 1, "联系记录": 1, "接待走访": 1}), new=2, update=1)
    take(county, send(studio, out, {"委员": 1, "群众": 1, "联系记录": 2, "接待走访": 2,
                                    "提案与社情民意": 1}, full=True))  # fmt: skip
    with county:
        assert sources_by_uuid() == sent and sent[later.uuid] == [second.uuid]
        assert database.execute_sql("SELECT count(*) FROM visit_source").fetchone() == (2,)
    same_at_both(studio, county)


def test_a_visit_whose_contact_has_not_arrived_waits_for_it(
    studio: Install, county: Install, out: Path, tmp_path: Path
) -> None:
    with studio as ctx:
        _lee, _zhang, record = first_contact(ctx)
        visit = grown_visit(ctx, record.id, 3)
    package = send(studio, out, {"委员": 1, "群众": 1, "联系记录": 1, "接待走访": 1})
    book = openpyxl.load_workbook(package)  # a hand edit: the contact's row taken out
    book[CONTACT.sheet_title].delete_rows(2)
    edited = tmp_path / "edited.xlsx"
    book.save(edited)
    with county as cctx:
        result = import_package(cctx, edited)
        assert result.applied and result.plan.counts["waiting"] == 1
        assert [r.record for r in result.plan.rows] == ["visit"]
        assert "来源记录尚未收到" in result.plan.rows[0].reason
        assert Visit.select().count() == 0
        assert database.execute_sql("SELECT count(*) FROM visit_source").fetchone() == (0,)
    full = send(studio, out, {"委员": 1, "群众": 1, "联系记录": 1, "接待走访": 1}, full=True)
    with county as cctx:  # the contact arrives: the visit that waited goes in, linked
        assert import_package(cctx, full).applied
        assert sources_by_uuid() == {visit.uuid: [record.uuid]}
    same_at_both(studio, county)


def test_a_visit_grown_from_an_activity_arrives_linked(
    studio: Install, county: Install, out: Path
) -> None:
    with studio as ctx:
        lee = members.create(ctx, {"name": "李梅"}).id
        activity = kind_records.create(ctx, kinds.ACTIVITY, {
            "title": "水渠整治视察", "kind": "视察", "organiser": "本工作室",
            "starts_at": "2026-03-05 09:00", "problems": "东村水渠淤塞",
            "attendance": [{"member": lee, "attendance": "出席"}],
        })  # fmt: skip
        start = origins.start_values("visit", kinds.ACTIVITY.name, [activity.id])
        visit = visits.create(ctx, {
            **start, "members": [lee], "channel": "reception", "occurred_at": "2026-03-06 09:00",
            "category": "03", "handling": "answered",
        }, grew_from={kinds.ACTIVITY.name: [activity.id]})  # fmt: skip
    package = send(studio, out, {"委员": 1, "委员活动": 1, "接待走访": 1})
    header, rows = sheet_cells(package, kinds.VISIT.sheet_title)
    assert rows[0][header.index("来源记录（标识）")] == f"a:{activity.uuid}"
    take(county, package, new=3)
    with county:
        arrived = Visit.get(Visit.uuid == visit.uuid)
        (there,) = database.execute_sql("SELECT id FROM activity").fetchall()
        assert origins.of("visit", arrived.id) == {"contact": [], "activity": [there[0]]}
    same_at_both(studio, county)
