"""A contact's follow-up, or what an activity found, grows into a visit (登记为来访) or a
社情民意 / proposal, linked to it both ways; saving or advancing the grown record keeps the
link; a trashed contact cannot be grown from, and one a record grew from outlives a purge
of the trash."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

import pytest

from studio_app.core import kinds
from studio_app.core.errors import NotFound, ValidationError
from studio_app.services import kind_records, origins, proposals, retention, visits
from studio_app.services.context import Context
from studio_app.storage.models import database
from tests.conftest import fixed_clock
from tests.services.helpers import member, resident

CONTENT = "东村张三反映村口路灯坏了半年"
FOLLOW_UP = "向镇建设办反映，督促维修"


def contact(ctx: Context, **values: Any) -> Any:
    lee = member(ctx, "李梅")
    zhang = resident(ctx, "张三")
    return kind_records.create(ctx, kinds.CONTACT, {
        "member": lee.id, "contacted_at": "2026-03-02 10:00", "channel": "visit",
        "residents": [zhang.id], "content": CONTENT, "follow_up": FOLLOW_UP, **values,
    })  # fmt: skip


def visit_values(start: dict[str, Any]) -> dict[str, Any]:
    return {"channel": "reception", "occurred_at": "2026-03-03 09:00", "category": "交通出行",
            "handling": "referred", "referred_unit": "02", **start}  # fmt: skip


def links() -> list[tuple[Any, ...]]:
    return database.execute_sql("SELECT * FROM visit_source ORDER BY id").fetchall()


def test_a_visit_grows_from_a_contact_and_both_show_the_link(ctx: Context) -> None:
    record = contact(ctx)
    start = origins.start_values("visit", "contact", [record.id])
    member_id = kind_records.values(kinds.CONTACT, record.id)["member"]
    resident_ids = kind_records.values(kinds.CONTACT, record.id)["residents"]
    assert start == {"content": f"2026-03-02：{CONTENT}；{FOLLOW_UP}", "members": [member_id],
                     "residents": resident_ids}  # fmt: skip
    grown = visits.create(ctx, visit_values(start), grew_from={"contact": [record.id]})
    assert grown.content.startswith("2026-03-02：东村张三")
    assert origins.of("visit", grown.id) == {"contact": [record.id], "activity": []}
    assert origins.grown("contact", record.id) == {"visit": [grown.id]}

    # saved unchanged, edited, advanced through its workflow: the link stays, once
    saved = links()
    visits.save(ctx, visits.values_of(grown), visit_id=grown.id, expected_rev=grown.rev)
    visits.update(ctx, grown.id, {"result": "已报修"})
    visits.advance(ctx, grown.id, "start", {})
    assert links() == saved and len(saved) == 1

    visits.delete(ctx, grown.id)  # a trashed visit is not listed as grown from the contact
    assert origins.grown("contact", record.id) == {}
    visits.restore(ctx, grown.id)
    assert origins.grown("contact", record.id) == {"visit": [grown.id]}


def test_a_visit_form_grown_from_a_contact_saves_all_or_nothing(ctx: Context) -> None:
    record = contact(ctx)
    start = origins.start_values("visit", "contact", [record.id])
    with pytest.raises(ValidationError):  # no category: refused, nothing linked
        visits.save(ctx, visit_values(start) | {"category": ""}, grew_from={"contact": [record.id]})
    assert links() == [] and database.execute_sql("SELECT count(*) FROM visit").fetchone() == (0,)
    saved = visits.save(ctx, visit_values(start), grew_from={"contact": [record.id]})
    assert origins.of("visit", saved.id) == {"contact": [record.id], "activity": []}


def test_a_sqmy_grows_from_contacts(ctx: Context) -> None:
    first = contact(ctx)
    second = contact(ctx, contacted_at="2026-03-05 15:00", content="路灯还是没修", follow_up="")
    lead = kind_records.values(kinds.CONTACT, first.id)["member"]
    proposal = proposals.create(
        ctx,
        {"kind": "sqmy", "title": "关于东村路灯长期失修的情况反映", "lead_member": lead},
        grew_from={"contact": [first.id, second.id]},
    )
    assert proposals.sources(proposal.id)["contact"] == [first.id, second.id]
    for record in (first, second):
        assert origins.grown("contact", record.id) == {"proposal": [proposal.id]}


def test_a_trashed_contact_cannot_be_grown_from(ctx: Context) -> None:
    record = contact(ctx)
    kind_records.trash(ctx, kinds.CONTACT, record.id)
    start = origins.start_values("visit", "contact", [record.id])
    with pytest.raises(NotFound):
        visits.create(ctx, visit_values(start), grew_from={"contact": [record.id]})
    assert database.execute_sql("SELECT count(*) FROM visit").fetchone() == (0,)


def test_a_purge_keeps_a_trashed_contact_a_visit_grew_from(ctx: Context) -> None:
    past = replace(ctx, clock=fixed_clock(datetime(2019, 5, 6, 9, 0)))
    cited = contact(past, contacted_at="2019-05-06 09:00")
    start = origins.start_values("visit", "contact", [cited.id])
    grown = visits.create(ctx, visit_values(start), grew_from={"contact": [cited.id]})
    lonely = contact(past, contacted_at="2019-05-06 10:00", content="无后续")
    for record in (cited, lonely):
        kind_records.trash(past, kinds.CONTACT, record.id)
    assert retention.preview(ctx, 3).trashed == (("联系记录", 1),)
    retention.purge(ctx, 3)
    left = [r for (r,) in database.execute_sql("SELECT id FROM contact ORDER BY id")]
    assert left == [cited.id]
    assert origins.of("visit", grown.id) == {"contact": [cited.id], "activity": []}


def test_what_an_activity_found_grows_into_a_visit_and_a_sqmy(ctx: Context) -> None:
    lee = member(ctx, "李梅")
    activity = kind_records.create(ctx, kinds.ACTIVITY, {
        "title": "水渠整治视察", "kind": "视察", "organiser": "本工作室",
        "starts_at": "2026-03-05 09:00", "summary": "查看东村水渠",
        "problems": "东村水渠淤塞，春灌用水困难",
        "attendance": [{"member": lee.id, "attendance": "出席"}],
    })  # fmt: skip
    start = origins.start_values("visit", "activity", [activity.id])
    assert start["content"] == "2026-03-05：东村水渠淤塞，春灌用水困难"
    grown = visits.create(
        ctx, visit_values(start) | {"members": [lee.id]}, grew_from={"activity": [activity.id]}
    )
    assert origins.of("visit", grown.id) == {"contact": [], "activity": [activity.id]}
    proposal = proposals.create(
        ctx,
        {"kind": "sqmy", "title": "关于东村水渠淤塞的情况反映", "lead_member": lee.id},
        grew_from={"activity": [activity.id]},
    )
    assert proposals.sources(proposal.id)["activity"] == [activity.id]
    assert origins.grown("activity", activity.id) == {
        "visit": [grown.id], "proposal": [proposal.id]
    }  # fmt: skip
