"""A resident's 最近联系时间 follows the live records that link them, in the same transaction.

Visits and interviews through their services, and a kind declared here alone through the
generic service: whatever links residents and has a date keeps their last contact.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from datetime import date, datetime

import pytest

from studio_app.core import kinds
from studio_app.core.errors import ValidationError
from studio_app.core.fields import Field, Kind
from studio_app.services import contacts, interviews, kind_records, residents, visits
from studio_app.services.context import Context
from studio_app.storage.migrations import create_kind
from studio_app.storage.models import AuditEntry, Resident, database
from tests.conftest import fixed_clock
from tests.services.helpers import member, resident, visit

# Declared by this test alone: dated by a day, linking residents.
CHAT = kinds.RecordKind(
    "doorstep_chat",
    "院坝会记录",
    "院坝会",
    "院坝会",
    (
        Field("title", "主题", required=True, max_len=100),
        Field("held_on", "日期", Kind.DATE, required=True),
        Field("people", "参加群众", Kind.RESIDENTS),
    ),
    serial_prefix="YB",
    links=(
        kinds.LinkTable(
            "people", "doorstep_chat_resident", "doorstep_chat_id", "resident_id", "resident"
        ),
    ),
    title_key="title",
    date_key="held_on",
)


@pytest.fixture
def c(ctx: Context) -> Context:
    """The studio on a fixed clock: 2026-06-15 12:00 UTC (20:00 local)."""
    return dataclasses.replace(ctx, clock=fixed_clock(datetime(2026, 6, 15, 12)))


def last(r: Resident) -> datetime | None:
    return Resident.get_by_id(r.id).last_contacted_at


def test_a_saved_visit_sets_its_residents_last_contact_at_once(c: Context) -> None:
    a, b = resident(c), resident(c, "张伟")
    visit(c, residents=[a.id, b.id], occurred_at="2026-03-02 09:30")
    assert last(a) == last(b) == datetime(2026, 3, 2, 9, 30)
    visit(c, residents=[a.id], occurred_at="2026-01-05 10:00")  # an older one changes nothing
    assert last(a) == datetime(2026, 3, 2, 9, 30)
    visit(c, residents=[a.id], occurred_at="2026-05-20 15:00")
    assert (last(a), last(b)) == (datetime(2026, 5, 20, 15), datetime(2026, 3, 2, 9, 30))


def test_the_entry_form_with_a_new_resident_sets_theirs(c: Context) -> None:
    m = member(c)
    v = visits.save(
        c,
        {
            "channel": "reception",
            "occurred_at": "2026-06-01 09:00",
            "members": [m.id],
            "residents": [{"name": "赵敏", "village": "西岙村"}],
            "category": "城乡建设与管理",
            "content": "路灯不亮。",
            "handling": "answered",
        },
    )
    (rid,) = visits.values_of(v)["residents"]
    assert Resident.get_by_id(rid).last_contacted_at == datetime(2026, 6, 1, 9)


def test_editing_the_date_or_the_residents_moves_it_both_ways(c: Context) -> None:
    a, b = resident(c), resident(c, "张伟")
    visit(c, residents=[a.id], occurred_at="2026-02-01 09:00")
    v = visit(c, residents=[a.id], occurred_at="2026-04-01 09:00")
    visits.update(c, v.id, {"occurred_at": "2026-04-02 10:00"})
    assert last(a) == datetime(2026, 4, 2, 10)
    visits.update(c, v.id, {"residents": [b.id]})  # a was not at that one after all
    assert (last(a), last(b)) == (datetime(2026, 2, 1, 9), datetime(2026, 4, 2, 10))
    visits.update(c, v.id, {"content": "只改内容"})
    assert last(b) == datetime(2026, 4, 2, 10)


def test_trash_and_restore_take_it_back_and_forth(c: Context) -> None:
    a = resident(c)
    only = visit(c, residents=[a.id], occurred_at="2026-04-01 09:00")
    visits.delete(c, only.id)
    assert last(a) is None
    visits.restore(c, only.id)
    assert last(a) == datetime(2026, 4, 1, 9)


def test_interviews_count_but_not_one_planned_for_later(c: Context) -> None:
    a = resident(c)
    m = member(c)
    base = {"kind": "offline", "title": "院落议事", "members": [m.id], "residents": [a.id]}
    done = interviews.create(c, {**base, "occurred_at": "2026-06-10 19:00"})
    assert last(a) == datetime(2026, 6, 10, 19)
    interviews.create(c, {**base, "occurred_at": "2026-07-01 19:00"})  # planned
    assert last(a) == datetime(2026, 6, 10, 19)
    visit(c, residents=[a.id], occurred_at="2026-06-12 09:00")
    assert last(a) == datetime(2026, 6, 12, 9)
    interviews.update(c, done.id, {"occurred_at": "2026-06-15 19:30"})  # later today counts
    assert last(a) == datetime(2026, 6, 15, 19, 30)


@pytest.fixture
def chat(ctx: Context) -> Iterator[kinds.RecordKind]:
    with kinds.registered(CHAT):
        create_kind(database.obj, CHAT.name)
        yield CHAT


def test_any_declared_kind_linking_residents_keeps_it(c: Context, chat: kinds.RecordKind) -> None:
    a = resident(c)
    visit(c, residents=[a.id], occurred_at="2026-03-02 09:30")
    row = kind_records.create(
        c, chat, {"title": "院坝会", "held_on": "2026-05-01", "people": [a.id]}
    )
    assert last(a) == datetime(2026, 5, 1)
    kind_records.trash(c, chat, row.id)
    assert last(a) == datetime(2026, 3, 2, 9, 30)
    assert contacts.latest(c, [a.id]) == {a.id: datetime(2026, 3, 2, 9, 30)}


def test_a_change_is_a_new_audited_revision_of_the_resident(c: Context) -> None:
    a = resident(c)
    assert Resident.get_by_id(a.id).rev == 1
    visit(c, residents=[a.id], occurred_at="2026-03-02 09:30")
    row = Resident.get_by_id(a.id)
    assert row.rev == 2 and row.updated_by == c.user  # sent in the next package
    entry = (
        AuditEntry.select()
        .where(AuditEntry.record_uuid == a.uuid, AuditEntry.action == "update")
        .get()
    )
    assert json.loads(entry.changes) == {"last_contacted_at": [None, "2026-03-02 09:30:00"]}
    visit(c, residents=[a.id], occurred_at="2026-01-01 09:00")
    assert Resident.get_by_id(a.id).rev == 2  # nothing changed, no new revision


def test_a_refused_visit_leaves_the_last_contact_alone(c: Context) -> None:
    a = resident(c)
    with pytest.raises(ValidationError):
        visit(c, residents=[a.id], occurred_at="2026-06-20 09:00")  # in the future
    row = Resident.get_by_id(a.id)
    assert (row.last_contacted_at, row.rev) == (None, 1)


def test_at_the_county_a_studios_resident_keeps_what_the_studio_sent(c: Context) -> None:
    a = resident(c)
    visit(c, residents=[a.id], occurred_at="2026-03-02 09:30")
    Resident.update(origin_site="another-studio").where(Resident.id == a.id).execute()
    county = dataclasses.replace(c, site_kind="county")
    visit(county, residents=[a.id], occurred_at="2026-06-01 09:00")
    row = Resident.get_by_id(a.id)
    assert (row.last_contacted_at, row.rev) == (datetime(2026, 3, 2, 9, 30), 2)
    own = residents.create(county, {"name": "县里登记的"})
    visit(county, residents=[own.id], occurred_at="2026-06-01 09:00")
    assert last(own) == datetime(2026, 6, 1, 9)


def test_refresh_sets_every_resident_from_scratch(c: Context) -> None:
    a, b = resident(c), resident(c, "张伟")
    visit(c, residents=[a.id], occurred_at="2026-03-02 09:30")
    Resident.update(last_contacted_at=None).execute()  # as data kept before this was kept
    Resident.update(last_contacted_at=date(2020, 1, 1)).where(Resident.id == b.id).execute()
    assert contacts.refresh(c) == 2
    assert (last(a), last(b)) == (datetime(2026, 3, 2, 9, 30), None)
    assert contacts.refresh(c) == 0
