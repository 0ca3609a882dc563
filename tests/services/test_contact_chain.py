"""The "一联十、十联百" chain: targets as settings, the chain read in a few aggregates, and
people assigned in bulk as audited edits — all or nothing."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

import pytest

from studio_app.core import kinds
from studio_app.core.codes import Role
from studio_app.core.errors import NotFound, StaleRecord, UserError, ValidationError
from studio_app.services import contact_chain as cc
from studio_app.services import kind_records, members, records, residents
from studio_app.services.context import Context
from studio_app.services.permissions import PermissionDenied
from studio_app.storage.models import AuditEntry, Member, Resident, Setting, database
from tests.conftest import fixed_clock
from tests.services.helpers import member, resident, visit

NOW = datetime(2026, 6, 15, 12, 0)


@pytest.fixture
def c(ctx: Context) -> Context:
    return dataclasses.replace(ctx, clock=fixed_clock(NOW))


def ago(c: Context, days: int, hour: int = 10) -> str:
    """A local moment ``days`` days before today, at ``hour``."""
    return f"{(c.today() - timedelta(days=days)).isoformat()} {hour:02d}:00"


def contact(c: Context, by: int, *, whom: int | None = None, people: list[int] | None = None,
            when: str = "2026-06-01 10:00") -> int:  # fmt: skip
    values: dict[str, Any] = {"member": by, "contacted_at": when, "channel": "phone",
                              "content": "了解近况"}  # fmt: skip
    if whom is not None:
        values["contacted_member"] = whom
    if people:
        values["residents"] = people
    return kind_records.create(c, kinds.CONTACT, values).id


@contextmanager
def statements() -> Iterator[list[str]]:
    """The SQL statements run inside the block."""
    ran: list[str] = []
    conn = database.connection()
    conn.set_trace_callback(ran.append)
    try:
        yield ran
    finally:
        conn.set_trace_callback(None)


def snapshot() -> tuple[Any, ...]:
    """What assigning may change: every member's and resident's link and revision, the
    audit log's length, the settings."""
    people = list(Member.select(Member.id, Member.contact_parent, Member.rev).tuples())
    residents_ = list(Resident.select(Resident.id, Resident.contact_member, Resident.rev).tuples())
    settings = list(Setting.select().tuples())
    return people, residents_, AuditEntry.select().count(), settings


# -- targets ----------------------------------------------------------------------------


def test_targets_default_to_ten_a_hundred_and_ninety_days(c: Context) -> None:
    assert cc.targets() == cc.Targets(members=10, residents=100, days=90)


def test_targets_are_set_as_local_settings_and_audited(c: Context) -> None:
    assert cc.set_targets(c, members=8, days="60") == cc.Targets(8, 100, 60)
    assert cc.targets() == cc.Targets(8, 100, 60)
    entries = AuditEntry.select().where(AuditEntry.record_type == "setting").order_by(AuditEntry.id)
    assert [(e.record_uuid, json.loads(e.changes)) for e in entries] == [
        ("chain.members_per_standing", {"每名常委联系委员数": [10, 8]}),
        ("chain.days_not_contacted", {"未联系提醒天数": [90, 60]}),
    ]
    count = AuditEntry.select().count()
    cc.set_targets(c, members=8)  # unchanged: nothing written
    assert AuditEntry.select().count() == count


@pytest.mark.parametrize(
    ("values", "errors"),
    [
        ({"members": 0}, {"members": "每名常委联系委员数：应为正整数（至少为 1）"}),
        ({"residents": -5}, {"residents": "每名委员联系群众数：应为正整数（至少为 1）"}),
        ({"days": "九十"}, {"days": "未联系提醒天数：应为正整数"}),
        ({"days": 1.5}, {"days": "未联系提醒天数：应为正整数"}),
        ({"days": True}, {"days": "未联系提醒天数：应为正整数"}),
        ({"days": ""}, {"days": "未联系提醒天数：应为正整数"}),
        ({"members": 101}, {"members": "每名常委联系委员数：不能超过 100"}),
        ({"weeks": 3}, {"_": "未知设置：weeks"}),
    ],
)
def test_bad_targets_are_refused_and_nothing_is_written(
    c: Context, values: dict[str, Any], errors: dict[str, str]
) -> None:
    before = snapshot()
    with pytest.raises(ValidationError) as refused:
        good = {"members": 5} if "members" not in values else {"days": 30}
        cc.set_targets(c, **good, **values)  # a good value beside: not written either
    assert refused.value.errors == errors
    assert snapshot() == before and cc.targets() == cc.Targets()


def test_a_viewer_may_not_set_targets(c: Context) -> None:
    viewer = dataclasses.replace(c, user="guest", role=Role.VIEWER)
    with pytest.raises(PermissionDenied):
        cc.set_targets(viewer, days=30)
    assert cc.targets().days == 90


def test_an_unreadable_stored_target_reads_as_its_default(c: Context) -> None:
    Setting.insert(key="chain.days_not_contacted", value="abc").execute()
    Setting.insert(key="chain.members_per_standing", value="0").execute()
    assert cc.targets() == cc.Targets()


# -- the chain --------------------------------------------------------------------------


@dataclasses.dataclass
class Studio:
    wang: int  # 常委 with two members
    zhao: int  # 常委 with none, in office
    lee: int
    chen: int
    liu: int  # no 常委
    gone: int  # in the trash, had a resident
    residents: dict[str, int]


@pytest.fixture
def studio(c: Context) -> Studio:
    wang = member(c, "王建国", is_standing=True).id
    zhao = member(c, "赵丽华", is_standing=True).id
    lee = member(c, "李梅", contact_parent=wang).id
    chen = member(c, "陈志强", contact_parent=wang).id
    liu = member(c, "刘洋").id
    gone = member(c, "孙离").id
    people = {}
    for name, who in (("张三", lee), ("李四", lee), ("王五", lee), ("赵六", chen),
                      ("钱七", wang), ("孙八", gone), ("周九", None)):  # fmt: skip
        people[name] = resident(c, name, contact_member=who).id
    # Contacts: 张三 recently, 李四 long ago (by a visit), 王五 never; 赵六 recently.
    contact(c, lee, people=[people["张三"]], when=ago(c, 10))
    visit(c, member_ids=[lee], residents=[people["李四"]], occurred_at=ago(c, 120))
    contact(c, chen, people=[people["赵六"]], when=ago(c, 90, hour=8))  # exactly 90 days
    contact(c, wang, whom=lee, when=ago(c, 30))
    contact(c, wang, whom=lee, when=ago(c, 200))
    contact(c, wang, whom=chen, when=ago(c, 91))
    contact(c, wang, whom=chen, when=ago(c, -3))  # planned: not a contact yet
    trashed = contact(c, wang, whom=chen, when=ago(c, 5))
    kind_records.trash(c, kinds.CONTACT, trashed)
    contact(c, zhao, whom=liu, when=ago(c, 1))  # 刘洋 is not 赵丽华's: not her link
    members.delete(c, gone)
    return Studio(wang, zhao, lee, chen, liu, gone, people)


def test_the_chain_links_standing_members_members_and_residents(c: Context, studio: Studio) -> None:
    chain = cc.chain(c)
    assert chain.targets == cc.Targets() and chain.today == c.today()
    assert [(s.member.name, [m.name for m in s.members]) for s in chain.standing] == [
        ("王建国", ["李梅", "陈志强"]),
        ("赵丽华", []),
    ]
    wang, zhao = chain.standing
    lee, chen = wang.members
    assert (lee.residents, lee.overdue) == (3, 2)  # 李四 120 days ago, 王五 never
    assert lee.residents_last == datetime.fromisoformat(ago(c, 10))
    assert lee.last_contacted == datetime.fromisoformat(ago(c, 30)) and not lee.contacted_overdue
    assert (chen.residents, chen.overdue) == (1, 0)  # 90 days is not more than 90
    assert chen.last_contacted == datetime.fromisoformat(ago(c, 91)) and chen.contacted_overdue
    assert wang.last_contact == lee.last_contacted and wang.overdue == 1
    assert (wang.member.residents, wang.member.overdue) == (1, 1)  # 钱七: never contacted
    assert zhao.last_contact is None and zhao.overdue == 0
    assert [m.name for m in chain.unlinked] == ["刘洋"]
    assert chain.unlinked[0].last_contacted is None and not chain.unlinked[0].contacted_overdue
    # 周九 has no member; 孙八's member is in the trash
    assert (chain.unassigned, chain.unassigned_overdue) == (2, 2)
    assert (chain.residents, chain.overdue) == (7, 5)
    assert chain.member(studio.gone) is None and chain.member(studio.lee) == lee


def test_the_days_setting_moves_who_is_overdue(c: Context, studio: Studio) -> None:
    cc.set_targets(c, days=20)
    chain = cc.chain(c)
    lee, chen = chain.standing[0].members
    assert lee.contacted_overdue and (lee.overdue, chen.overdue) == (2, 1)
    assert chain.cutoff == datetime.combine(c.today() - timedelta(days=20), datetime.min.time())


def test_members_out_of_office_show_only_while_they_hold_residents(
    c: Context, studio: Studio
) -> None:
    members.update(c, studio.liu, {"active": False})
    members.update(c, studio.chen, {"active": False})
    chain = cc.chain(c)
    assert [m.name for m in chain.standing[0].members] == ["李梅", "陈志强"]  # 赵六 is his
    assert chain.unlinked == ()
    members.update(c, studio.zhao, {"active": False})
    assert [s.member.name for s in cc.chain(c).standing] == ["王建国"]


def test_a_member_under_someone_no_longer_standing_is_unlinked(c: Context, studio: Studio) -> None:
    members.update(c, studio.wang, {"is_standing": False})
    chain = cc.chain(c)
    assert [s.member.name for s in chain.standing] == ["赵丽华"]
    assert [m.name for m in chain.unlinked] == sorted(["王建国", "李梅", "陈志强", "刘洋"])
    assert chain.member(studio.lee).last_contacted is None  # type: ignore[union-attr]


def test_the_chain_is_read_in_a_few_statements_whatever_its_size(c: Context) -> None:
    """No query per member or resident: 3 standing, 30 members, 300 residents."""
    standing = [member(c, f"常委{i}", is_standing=True).id for i in range(3)]
    ids = [member(c, f"委员{i}", contact_parent=standing[i % 3]).id for i in range(30)]
    with records.atomic():
        for i in range(300):
            resident(c, f"群众{i}", contact_member=ids[i % 30])
    with statements() as ran:
        chain = cc.chain(c)
    assert len(ran) <= 3, ran  # the targets, the members with contacts, the residents
    assert chain.residents == 300 and sum(len(s.members) for s in chain.standing) == 30


def test_residents_of_a_member_come_a_page_at_a_time_never_contacted_first(
    c: Context, studio: Studio
) -> None:
    page = cc.residents_of(c, studio.lee)
    assert [(r.name, r.overdue, r.days_since(c.today())) for r in page] == [
        ("王五", True, None),
        ("李四", True, 120),
        ("张三", False, 10),
    ]
    assert [r.name for r in cc.residents_of(c, studio.lee, offset=1, limit=1)] == ["李四"]
    assert [r.name for r in cc.residents_of(c, studio.lee, overdue_only=True)] == ["王五", "李四"]
    assert sorted(r.name for r in cc.residents_of(c, None)) == ["周九", "孙八"]
    assert {r.member for r in cc.residents_of(c, None)} == {""}
    assert cc.residents_of(c, studio.zhao) == []


def test_residents_are_found_by_village_and_name_for_assigning(c: Context, studio: Studio) -> None:
    resident(c, "张小明", village="西村", contact_member=studio.chen)
    found, total = cc.find_residents(c, text="张")
    assert total == 2
    assert [(r.name, r.member) for r in found] == [("张三", "李梅"), ("张小明", "陈志强")]
    found, total = cc.find_residents(c, village="西村")
    assert [r.name for r in found] == ["张小明"] and total == 1
    found, total = cc.find_residents(c, unassigned_only=True)
    assert sorted(r.name for r in found) == ["周九", "孙八"]
    found, total = cc.find_residents(c, limit=2)
    assert len(found) == 2 and total == 8
    assert cc.find_residents(c, text="100%_") == ([], 0)  # LIKE's wildcards taken literally


# -- assigning --------------------------------------------------------------------------


def test_residents_are_assigned_as_audited_edits_in_one_go(c: Context, studio: Studio) -> None:
    r = studio.residents
    revs = {rid: Resident.get_by_id(rid).rev for rid in r.values()}
    moved = cc.assign_residents(c, studio.liu, [r["周九"], r["张三"], r["周九"]], revs=revs)
    assert moved == 2
    for name in ("周九", "张三"):
        row = Resident.get_by_id(r[name])
        assert row.contact_member_id == studio.liu and row.rev == revs[r[name]] + 1
        entry = AuditEntry.select().where(AuditEntry.record_uuid == row.uuid).order_by(
            AuditEntry.id.desc()).first()  # fmt: skip
        assert entry.action == "update"
        was = None if name == "周九" else studio.lee
        assert json.loads(entry.changes) == {"contact_member": [was, studio.liu]}
    assert cc.assign_residents(c, studio.liu, [r["张三"]]) == 0  # already: nothing written
    assert cc.assign_residents(c, None, [r["张三"]]) == 1  # taken off any member
    assert Resident.get_by_id(r["张三"]).contact_member_id is None


def test_members_are_assigned_to_a_standing_member(c: Context, studio: Studio) -> None:
    assert cc.assign_members(c, studio.zhao, [studio.liu, studio.chen]) == 2
    chain = cc.chain(c)
    assert [(s.member.name, [m.name for m in s.members]) for s in chain.standing] == [
        ("王建国", ["李梅"]),
        ("赵丽华", ["刘洋", "陈志强"]),  # by name, as SQLite sorts it
    ]
    assert chain.standing[1].members[0].last_contacted == datetime.fromisoformat(ago(c, 1))
    row = Member.get_by_id(studio.liu)
    assert row.rev == 2
    assert cc.assign_members(c, None, [studio.liu]) == 1
    assert Member.get_by_id(studio.liu).contact_parent_id is None


BAD_RESIDENT_ASSIGNMENTS = [
    ("unknown member", lambda s: (9999, [s.residents["张三"]]), NotFound, "找不到该委员"),
    ("trashed member", lambda s: (s.gone, [s.residents["张三"]]), UserError, "“孙离”在回收站中"),
    ("unknown resident", lambda s: (s.liu, [s.residents["张三"], 9999]), NotFound,
     "找不到1名群众（编号 9999）"),
    ("no resident", lambda s: (s.liu, []), UserError, "请至少选择一名群众"),
    ("not an id", lambda s: (s.liu, ["张三"]), UserError, "无法识别的群众编号"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "args", "error", "message"), BAD_RESIDENT_ASSIGNMENTS, ids=lambda v: str(v)[:20]
)
def test_bad_resident_assignments_are_refused_whole(
    c: Context, studio: Studio, case: str, args: Any, error: type[Exception], message: str
) -> None:
    before = snapshot()
    with pytest.raises(error) as refused:
        cc.assign_residents(c, *args(studio))
    assert message in str(refused.value), case
    assert snapshot() == before


def test_a_trashed_resident_among_many_refuses_them_all(c: Context, studio: Studio) -> None:
    r = studio.residents
    residents.delete(c, r["王五"])
    before = snapshot()
    with pytest.raises(UserError) as refused:
        cc.assign_residents(c, studio.liu, [r["张三"], r["王五"], r["周九"]])
    assert refused.value.message == "群众“王五”在回收站中，不能分配。请先恢复，或不选他们。"
    assert snapshot() == before


def test_a_resident_changed_since_it_was_shown_refuses_them_all(c: Context, studio: Studio) -> None:
    r = studio.residents
    shown = {rid: Resident.get_by_id(rid).rev for rid in r.values()}
    residents.update(c, r["周九"], {"phone": "13800001111"})  # someone else, meanwhile
    before = snapshot()
    with pytest.raises(StaleRecord) as refused:
        cc.assign_residents(c, studio.liu, [r["张三"], r["周九"]], revs=shown)
    assert refused.value.message == "群众“周九”已被他人修改，请刷新后重新分配。"
    assert snapshot() == before


def test_a_member_out_of_office_gets_no_residents(c: Context, studio: Studio) -> None:
    members.update(c, studio.liu, {"active": False})
    before = snapshot()
    with pytest.raises(UserError, match="委员“刘洋”已不在任"):
        cc.assign_residents(c, studio.liu, [studio.residents["张三"]])
    assert snapshot() == before


def test_a_failure_half_way_leaves_nothing_written(
    c: Context, studio: Studio, monkeypatch: pytest.MonkeyPatch
) -> None:
    r = studio.residents
    real, calls = residents.update, []

    def failing(ctx: Context, rid: int, changes: Any, **kw: Any) -> Any:
        calls.append(rid)
        if len(calls) == 2:
            raise StaleRecord("该群众已被他人修改")
        return real(ctx, rid, changes, **kw)

    monkeypatch.setattr(residents, "update", failing)
    before = snapshot()
    with pytest.raises(StaleRecord):
        cc.assign_residents(c, studio.liu, [r["张三"], r["李四"], r["周九"]])
    assert len(calls) == 2 and snapshot() == before


BAD_MEMBER_ASSIGNMENTS = [
    ("parent not standing", lambda s: (s.lee, [s.liu]), UserError,
     "“李梅”不是常委，不能作为委员的联系常委"),
    ("unknown parent", lambda s: (9999, [s.liu]), NotFound, "找不到该常委"),
    ("standing child", lambda s: (s.wang, [s.liu, s.zhao]), UserError,
     "“赵丽华”是常委，由常委联系的只能是委员"),
    ("itself", lambda s: (s.wang, [s.wang]), UserError, "“王建国”是常委"),
    ("unknown member", lambda s: (s.zhao, [s.liu, 4242]), NotFound, "找不到1名委员（编号 4242）"),
    ("trashed member", lambda s: (s.zhao, [s.gone]), UserError, "委员“孙离”在回收站中"),
    ("no member", lambda s: (s.zhao, []), UserError, "请至少选择一名委员"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "args", "error", "message"), BAD_MEMBER_ASSIGNMENTS, ids=lambda v: str(v)[:20]
)
def test_bad_member_assignments_are_refused_whole(
    c: Context, studio: Studio, case: str, args: Any, error: type[Exception], message: str
) -> None:
    before = snapshot()
    with pytest.raises(error) as refused:
        cc.assign_members(c, *args(studio))
    assert message in str(refused.value), case
    assert snapshot() == before


def test_a_member_changed_since_it_was_shown_refuses_them_all(c: Context, studio: Studio) -> None:
    shown = {m: Member.get_by_id(m).rev for m in (studio.liu, studio.chen)}
    members.update(c, studio.chen, {"phone": "13900002222"})
    before = snapshot()
    with pytest.raises(StaleRecord, match="委员“陈志强”已被他人修改"):
        cc.assign_members(c, studio.zhao, [studio.liu, studio.chen], revs=shown)
    assert snapshot() == before


def test_a_viewer_may_not_assign(c: Context, studio: Studio) -> None:
    viewer = dataclasses.replace(c, user="guest", role=Role.VIEWER)
    before = snapshot()
    with pytest.raises(PermissionDenied):
        cc.assign_residents(viewer, studio.liu, [studio.residents["张三"]])
    with pytest.raises(PermissionDenied):
        cc.assign_members(viewer, studio.zhao, [studio.liu])
    people, linked, _audited, settings = snapshot()
    assert (people, linked, settings) == (before[0], before[1], before[3])  # refusals audited


def test_a_standing_member_gets_exactly_the_members_given(c: Context, studio: Studio) -> None:
    assert cc.set_standing_members(c, studio.wang, [studio.chen, studio.liu]) == 2
    assert {m.id: m.contact_parent_id for m in Member.select()} == {
        studio.wang: None, studio.zhao: None, studio.lee: None, studio.chen: studio.wang,
        studio.liu: studio.wang, studio.gone: None,
    }  # fmt: skip
    assert cc.set_standing_members(c, studio.wang, []) == 2  # nobody left
    before = snapshot()
    with pytest.raises(UserError, match="“刘洋”不是常委"):
        cc.set_standing_members(c, studio.liu, [])
    with pytest.raises(UserError, match="“赵丽华”是常委"):
        cc.set_standing_members(c, studio.wang, [studio.lee, studio.zhao])
    assert snapshot() == before


def test_residents_are_found_by_id_for_those_selected(c: Context, studio: Studio) -> None:
    r = studio.residents
    found, total = cc.find_residents(c, ids=[r["钱七"], r["张三"], 9999])
    assert total == 2 and {x.name for x in found} == {"钱七", "张三"}
    assert cc.find_residents(c, ids=[]) == ([], 0)
