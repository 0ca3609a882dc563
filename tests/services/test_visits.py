"""Visits: validation, serials, revisions and audit, the case workflow, trash."""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime, timedelta

import pytest

from studio_app.core.errors import StaleRecord, TransitionRefused, UserError, ValidationError
from studio_app.services import audit, visits
from studio_app.services.context import Context
from studio_app.storage.models import AuditEntry, Visit
from tests.conftest import fixed_clock
from tests.services.helpers import member, resident, visit

pytestmark = pytest.mark.both_engines  # also on PostgreSQL (the county's several PCs)


@pytest.fixture
def c(ctx: Context) -> Context:
    """The studio context on a fixed clock: 2026-06-15 12:00 UTC."""
    return dataclasses.replace(ctx, clock=fixed_clock(datetime(2026, 6, 15, 12)))


def test_create_answered_visit_closes_at_once_with_serial_and_names(c: Context) -> None:
    m = member(c)
    r = resident(c, phone="13800001111")
    v = visit(c, member_ids=[m.id], residents=[r.id], onsite_reply="已答复")
    assert v.serial == "JD-2026-0001"
    assert v.status == "closed"
    assert (v.member_names, v.resident_names) == ("王建国", "李秀英")
    assert v.rev == 1 and v.origin_site == c.site_uuid and v.created_by == "admin"
    assert visits.values_of(visits.get(v.uuid))["residents"] == [r.id]


@pytest.mark.parametrize(
    ("change", "field", "text"),
    [
        ({"content": ""}, "content", "必填"),
        ({"members": []}, "members", "必填"),
        ({"channel": "fax"}, "channel", "不是可选值"),
        ({"category": "不存在的类别"}, "category", "代码表"),
        ({"occurred_at": "2026-06-16 09:00"}, "occurred_at", "不能晚于现在"),
        ({"occurred_at": "2026-02-30"}, "occurred_at", "不存在"),
        ({"visitor_count": 0}, "visitor_count", "至少为 1"),
        ({"content": "长" * 32_001}, "content", "不能超过 32,000"),
        ({"handling": "referred"}, "referred_unit", "必填"),
        ({"referred_unit": "县交通运输局"}, "referred_unit", "只有"),
        ({"place": 12}, "place", "文字"),
        ({"flavour": "x"}, "_", "未知字段"),
    ],
)
def test_invalid_visits_are_refused_with_a_clear_message(
    c: Context, change: dict, field: str, text: str
) -> None:
    member(c)
    with pytest.raises(ValidationError) as info:
        visit(c, **change)
    assert text in info.value.errors[field]
    assert Visit.select().count() == 0
    assert AuditEntry.select().where(AuditEntry.record_type == "visit").count() == 0


def test_text_is_cleaned_and_dates_accept_chinese_forms(c: Context) -> None:
    v = visit(c, content="第一行\r\n第二\x01行\ud800", occurred_at="2026年3月2日 9:05")
    assert v.content == "第一行\n第二行"
    assert v.occurred_at == datetime(2026, 3, 2, 9, 5)


def test_serials_are_never_reused_after_deletion(c: Context) -> None:
    first, second = visit(c), visit(c)
    visits.delete(c, second.id)
    third = visit(c)
    assert [first.serial, second.serial, third.serial] == [
        "JD-2026-0001",
        "JD-2026-0002",
        "JD-2026-0003",
    ]


def test_update_bumps_rev_and_audits_before_and_after(c: Context) -> None:
    v = visit(c)
    m2 = member(c, "陈美华")
    visits.update(c, v.id, {"content": "新的内容", "members": [m2.id]}, expected_rev=1)
    v = visits.get(v.id)
    assert v.rev == 2 and v.member_names == "陈美华"
    entry = audit.history(v.uuid)[-1]
    assert entry["action"] == "update"
    assert entry["changes"]["content"] == ["村口道路破损，下雨天积水严重。", "新的内容"]
    assert entry["changes"]["members"] == [["王建国"], ["陈美华"]]


def test_update_without_changes_keeps_rev(c: Context) -> None:
    v = visit(c)
    visits.update(c, v.id, {"content": v.content})
    assert visits.get(v.id).rev == 1


def test_stale_update_is_refused(c: Context) -> None:
    v = visit(c)
    visits.update(c, v.id, {"place": "工作室"})
    with pytest.raises(StaleRecord):
        visits.update(c, v.id, {"place": "村委会"}, expected_rev=1)
    assert visits.get(v.id).place == "工作室"


def test_status_cannot_be_edited_directly(c: Context) -> None:
    v = visit(c)
    with pytest.raises(UserError, match="状态"):
        visits.update(c, v.id, {"status": "registered"})


def test_referred_case_runs_the_whole_workflow(c: Context) -> None:
    v = visit(c, handling="referred", referred_unit="县交通运输局")
    assert v.status == "referred"
    assert str(v.referred_at) == "2026-03-02" and str(v.due_at) == "2026-03-17"
    with pytest.raises(TransitionRefused):
        visits.advance(c, v.id, "close")
    with pytest.raises(ValidationError, match="办理结果"):
        visits.advance(c, v.id, "feed_back")
    visits.advance(c, v.id, "start")
    visits.advance(
        c,
        v.id,
        "feed_back",
        {"result": "已修复", "feedback_at": "2026-03-10", "feedback_channel": "电话"},
    )
    visits.advance(c, v.id, "reopen")
    visits.advance(c, v.id, "feed_back", {"result": "已再次修复", "feedback_at": "2026-03-12"})
    visits.advance(c, v.id, "close", {"satisfaction": "满意", "revisit_at": "2026-03-20"})
    v = visits.get(v.id)
    assert v.status == "closed" and v.satisfaction == "satisfied" and v.rev == 6
    actions = [e["action"] for e in audit.history(v.uuid)]
    assert actions == ["create", "start", "feed_back", "reopen", "feed_back", "close"]
    for action in ("refer", "start", "feed_back", "reopen", "close"):
        with pytest.raises(TransitionRefused):
            visits.advance(c, v.id, action, {"referred_unit": "县交通运输局"})


def test_registered_case_can_be_referred_later(c: Context) -> None:
    v = visit(c, handling="to_sqmy")
    assert v.status == "registered"
    with pytest.raises(TransitionRefused):
        visits.advance(c, v.id, "feed_back", {"result": "x", "feedback_at": "2026-03-03"})
    visits.advance(c, v.id, "refer", {"referred_unit": "县住建局", "due_at": "2026-04-01"})
    v = visits.get(v.id)
    assert (v.status, v.handling, v.referred_unit, str(v.due_at)) == (
        "referred",
        "referred",
        "01",
        "2026-04-01",
    )


def test_handling_may_change_only_before_work_starts(c: Context) -> None:
    v = visit(c)  # answered → closed at once
    visits.update(c, v.id, {"handling": "referred", "referred_unit": "县住建局"})
    assert visits.get(v.id).status == "referred"
    visits.update(c, v.id, {"handling": "answered"})
    v = visits.get(v.id)
    assert (v.status, v.referred_unit, v.due_at) == ("closed", "", None)
    visits.update(c, v.id, {"handling": "referred", "referred_unit": "县住建局"})
    visits.advance(c, v.id, "start")
    with pytest.raises(UserError, match="办理中"):
        visits.update(c, v.id, {"handling": "answered"})


def test_due_date_before_referral_is_refused(c: Context) -> None:
    with pytest.raises(ValidationError, match="办理时限"):
        visit(
            c,
            handling="referred",
            referred_unit="县住建局",
            referred_at="2026-03-05",
            due_at="2026-03-04",
        )


def test_visitor_count_covers_the_residents(c: Context) -> None:
    a, b = resident(c, "甲"), resident(c, "乙")
    assert visit(c, residents=[a.id, b.id]).visitor_count == 2
    with pytest.raises(ValidationError, match="来访人数"):
        visit(c, residents=[a.id, b.id], visitor_count=1)
    anonymous = visit(c, visitor_count=3)
    assert anonymous.resident_names == "" and anonymous.visitor_count == 3


def test_trash_and_restore(c: Context) -> None:
    v = visit(c)
    visits.delete(c, v.id)
    assert visits.get(v.id).deleted_at is not None and visits.get(v.id).rev == 2
    with pytest.raises(UserError, match="回收站"):
        visits.update(c, v.id, {"place": "x"})
    visits.restore(c, v.id)
    assert visits.get(v.id).deleted_at is None
    assert [e["action"] for e in audit.history(v.uuid)] == ["create", "delete", "restore"]


def test_trashed_member_cannot_be_linked(c: Context) -> None:
    from studio_app.services import members

    m = member(c)
    members.delete(c, m.id)
    with pytest.raises(ValidationError, match="回收站"):
        visit(c, member_ids=[m.id])


def test_audit_json_is_readable_chinese(c: Context) -> None:
    v = visit(c)
    raw = AuditEntry.get(AuditEntry.record_uuid == v.uuid).changes
    assert "村口道路" in raw and json.loads(raw)["category"] == [None, "09"]


def test_future_tolerance_is_small(c: Context) -> None:
    now = c.now_local()
    visit(c, occurred_at=now + timedelta(minutes=4))
    with pytest.raises(ValidationError):
        visit(c, occurred_at=now + timedelta(minutes=6))


def test_save_from_the_form_creates_new_residents_all_or_nothing(c: Context) -> None:
    from studio_app.storage.models import Resident

    known = resident(c, "李秀英")
    m = member(c)
    base = {
        "channel": "reception",
        "occurred_at": "2026-03-02 09:30",
        "members": [m.id],
        "category": "交通出行",
        "handling": "answered",
    }
    new = {"name": "张敏", "phone": "13900001111", "village": "上林村"}
    with pytest.raises(ValidationError) as info:
        visits.save(c, {**base, "content": "", "residents": [known.id, new, {"name": ""}]})
    assert set(info.value.errors) == {"content", "residents"}
    assert Resident.select().count() == 1 and Visit.select().count() == 0

    v = visits.save(c, {**base, "content": "路灯坏了", "residents": [known.id, new]})
    assert v.resident_names == "李秀英、张敏" and Resident.select().count() == 2
    v = visits.save(c, {"place": "村委会"}, visit_id=v.id, expected_rev=1)
    assert v.rev == 2
    with pytest.raises(StaleRecord):
        visits.save(c, {"place": "工作室"}, visit_id=v.id, expected_rev=1)
