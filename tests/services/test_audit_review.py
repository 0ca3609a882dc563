"""The audit log in words: what a township clerk reads on the 操作日志 page, on the command
line and in the exported files — the step as its kind declares it, the kind's label, the
record's serial or name, each field's label with its values before and after in words, and
local time — with identifiers masked exactly as before."""

from __future__ import annotations

import csv
import json
import re
import time
import uuid as uuidlib
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from studio_app.core.errors import UserError
from studio_app.services import (
    accounts,
    audit,
    audit_review,
    backups,
    exchange_conflicts,
    interviews,
    members,
    resident_merge,
    residents,
    visits,
)
from studio_app.services.audit_labels import ACTIONS, action_label, type_label
from studio_app.services.context import Context
from studio_app.services.permissions import PermissionDenied
from studio_app.storage.models import AuditEntry, ImportHistory, Resident, Visit, database
from tests import known_identifiers as known
from tests.conftest import fixed_clock

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-")
AT = datetime(2026, 3, 2, 17, 5, 9, tzinfo=UTC)  # 3 March 2026, 01:05:09 in Shanghai


@pytest.fixture
def shanghai(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's clock in China (UTC+8), as at the studios."""
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def clerk(ctx: Context, shanghai: None) -> Context:
    return replace(ctx, clock=fixed_clock(AT))


def _visit(ctx: Context, **values: object) -> Visit:
    member = members.create(ctx, {"name": "李梅"})
    resident = residents.create(ctx, {"name": "张三", "phone": known.MOBILE_1})
    base = {
        "channel": "reception", "occurred_at": datetime(2026, 3, 2, 16, 30),
        "members": [member.id], "residents": [resident.id], "category": "03",
        "content": "路灯不亮", "handling": "referred", "referred_unit": "02",
    }  # fmt: skip
    return visits.create(ctx, {**base, **values})


def _lines(entry: audit_review.Entry) -> list[tuple[str, str, str]]:
    return [(x.label, x.before, x.after) for x in entry.lines]


def test_a_visit_created_started_and_edited_reads_in_words(clerk: Context, tmp_path: Path) -> None:
    visit = _visit(clerk)
    visits.advance(clerk, visit.id, "start")
    zhang = Resident.get(Resident.name == "张三")
    li = residents.create(clerk, {"name": "李四"})
    visits.update(clerk, visit.id, {"residents": [zhang.id, li.id], "visitor_count": 2})

    found = audit_review.entries(clerk, record_type="visit")
    edited, started, created = found
    assert (edited.action_label, started.action_label, created.action_label) == (
        "修改", "开始办理", "新建",
    )  # fmt: skip
    assert {e.type_label for e in found} == {"接待走访记录"}
    assert {e.record_label for e in found} == {visit.serial} and visit.serial.startswith("JD-")
    assert {e.time_text for e in found} == {"2026-03-03 01:05:09"}  # local, not 17:05 UTC
    assert {e.user_label for e in found} == {"管理员（admin）"}
    assert _lines(started) == [("状态", "已转办", "办理中")]
    assert started.summary == "状态：已转办 → 办理中"
    assert _lines(edited) == [("来访群众", "张三", "张三、李四"), ("来访人数", "1", "2")]
    assert ("处理方式", "（空）", "转有关部门") in _lines(created)
    assert ("问题类别", "（空）", "城乡建设与管理") in _lines(created)
    assert ("转办单位", "（空）", "县交通运输局") in _lines(created)
    assert ("接待方式", "（空）", "坐班接待") in _lines(created)
    assert ("接待时间", "（空）", "2026-03-02 16:30") in _lines(created)  # as entered
    assert created.summary.startswith("接待方式：坐班接待；接待时间：2026-03-02 16:30；")
    table = audit_review.rows(found)
    assert ["2026-03-03 01:05:09", "管理员（admin）", "开始办理", "接待走访记录", visit.serial,
            "状态", "已转办", "办理中"] in table  # fmt: skip
    assert not UUID.search(json.dumps(table, ensure_ascii=False))
    for raw in ("start", "visit", "residents", "in_progress", "referred", "reception"):
        assert all(raw not in cell for row in table for cell in row[2:]), raw

    # The JSON output keeps the stored codes beside the words.
    data = started.as_dict()
    assert (data["action"], data["action_label"]) == ("start", "开始办理")
    assert (data["record"], data["record_label"]) == (visit.uuid, visit.serial)
    assert (data["at"], data["at_utc"]) == ("2026-03-03 01:05:09", "2026-03-02 17:05:09")
    assert data["changes"] == {"status": ["referred", "in_progress"]}
    assert data["details"] == [
        {"key": "status", "field": "状态", "before": "已转办", "after": "办理中"}
    ]

    # The export: the same words, in both formats.
    for suffix in ("csv", "xlsx"):
        path = audit_review.export(clerk, found, tmp_path / f"audit.{suffix}")
        if suffix == "csv":
            with path.open(encoding="utf-8-sig") as f:
                cells = list(csv.reader(f))
        else:
            sheet = load_workbook(path).active
            assert sheet is not None
            cells = [[c.value or "" for c in row] for row in sheet.iter_rows()]
        assert cells[0] == list(audit_review.HEADERS)
        assert cells[0][0] == "时间"
        assert [[str(c) for c in row] for row in cells[1:]] == table


def test_local_days_filter_by_the_local_clock(clerk: Context) -> None:
    visit = _visit(clerk)
    late = replace(clerk, clock=fixed_clock(datetime(2026, 3, 3, 15, 59, tzinfo=UTC)))
    visits.advance(late, visit.id, "start")  # 23:59 on 3 March in Shanghai
    next_day = replace(clerk, clock=fixed_clock(datetime(2026, 3, 3, 16, 0, tzinfo=UTC)))
    visits.update(next_day, visit.id, {"visitor_count": 3})  # 00:00 on 4 March

    def actions(since: date | None, until: date | None) -> list[str]:
        found = audit_review.entries(clerk, since=since, until=until, record_type="visit")
        return [e.action_label for e in found]

    assert actions(date(2026, 3, 2), date(2026, 3, 2)) == []  # the UTC day of the creation
    assert actions(date(2026, 3, 3), date(2026, 3, 3)) == ["开始办理", "新建"]
    assert actions(date(2026, 3, 4), None) == ["修改"]
    assert actions(None, date(2026, 3, 4)) == ["修改", "开始办理", "新建"]


def test_the_same_action_reads_as_each_kind_declares_it(ctx: Context) -> None:
    member = members.create(ctx, {"name": "李梅"})
    talk = interviews.create(
        ctx,
        {"kind": "offline", "title": "乡村振兴座谈", "occurred_at": datetime(2026, 3, 2, 9),
         "members": [member.id]},
    )  # fmt: skip
    interviews.set_status(ctx, talk.id, "closed")
    interviews.set_status(ctx, talk.id, "open")
    visit = _visit(ctx, handling="to_proposal", referred_unit="")  # registered
    visits.advance(ctx, visit.id, "close")
    closed, reopened = (audit_review.entries(ctx, record_type="interview"))[1::-1]
    assert (closed.action_label, reopened.action_label) == ("结束访谈", "重新打开")
    assert _lines(closed) == [("状态", "进行中", "已结束")]
    assert closed.record_label == talk.serial and talk.serial.startswith("FT-")
    [visit_closed, _] = audit_review.entries(ctx, record_type="visit")
    assert (visit_closed.action_label, visit_closed.record_label) == ("办结", visit.serial)

    assert action_label("visit", "feed_back") == "反馈"
    assert action_label("interview", "close") == "结束访谈"
    assert action_label("package", "close") == "办结"  # the generic table
    assert action_label("visit", "something_new") == "something_new"  # as stored
    assert (type_label("visit"), type_label("code_item"), type_label("odd")) == (
        "接待走访记录", "代码表", "odd",
    )  # fmt: skip


def test_every_audited_action_has_a_label() -> None:
    """A new ``audit.record(ctx, "…")`` or ``action="…"`` in the services needs its words."""
    root = Path(__file__).parents[2] / "studio_app"
    source = "\n".join(p.read_text(encoding="utf-8") for p in root.rglob("*.py"))
    services = "\n".join(p.read_text(encoding="utf-8") for p in (root / "services").rglob("*.py"))
    written = set(re.findall(r'audit\.record\(\s*[\w.]+(?:\([^()]*\))?,\s*"(\w+)"', source))
    written |= set(re.findall(r'\baction="(\w+)"', services))
    written |= set(re.findall(r'_write\(ctx, row, [^\n]*, "(\w+)"\)', source))
    written |= {"merge", "merge_undo", "login_failed"}  # written without audit.record
    imported = (root / "services" / "received.py").read_text(encoding="utf-8")  # in SQL
    written |= {f"import_keep_{keep}" for keep in exchange_conflicts.KEEP}
    written |= set(re.findall(r"'(import_[a-z]+)'", imported))
    assert {"login", "recover", "setup", "start", "import_update"} - written == {"start"}
    assert len(written) > 25
    assert sorted(written - set(ACTIONS)) == []


def test_records_and_people_are_named_from_one_query_per_table(ctx: Context) -> None:
    """A page of 5000 entries: serials and names read in bulk, quickly."""
    visit = _visit(ctx)
    people = [residents.create(ctx, {"name": f"居民{i}"}).id for i in range(30)]
    gone = str(uuidlib.uuid4())
    rows = [
        {
            "at": datetime(2026, 3, 2, 8) + timedelta(seconds=i),
            "user": "admin",
            "action": "update",
            "record_type": "visit",
            "record_uuid": gone if i == 0 else visit.uuid,
            "changes": json.dumps(
                {
                    "status": ["referred", "in_progress"],
                    "category": ["01", f"{i % 13 + 1:02d}"],
                    "residents": [[people[i % 30]], [people[(i + 1) % 30], people[(i + 2) % 30]]],
                    "content": [f"旧内容{i}", f"新内容{i}"],
                    "confidential": [False, True],
                }
            ),
        }
        for i in range(5000)
    ]
    with database.atomic():
        AuditEntry.insert_many(rows).execute()
    statements: list[str] = []
    database.obj.connection().set_trace_callback(statements.append)
    try:
        started = time.perf_counter()
        found = audit_review.entries(ctx, limit=5000)
        took = time.perf_counter() - started
    finally:
        database.obj.connection().set_trace_callback(None)
    assert len(found) == 5000
    assert len(statements) <= 8, statements  # entries, users, visits, residents, code list
    assert took < 1.0
    oldest = found[-1]
    assert oldest.record_label == f"{gone[:8]}…"  # purged: its row is gone
    assert ("来访群众", "居民0", "居民1、居民2") in _lines(oldest)  # ids of older entries
    assert ("问题类别", "经济发展", "经济发展") in _lines(oldest)
    assert ("保密", "否", "是") in _lines(oldest)
    assert found[0].record_label == visit.serial


def test_trashed_merged_and_restored_records_keep_their_names(ctx: Context) -> None:
    visit = _visit(ctx)
    visits.delete(ctx, visit.id)
    visits.restore(ctx, visit.id)
    keep = residents.create(ctx, {"name": "王五", "contact_member": members.create(
        ctx, {"name": "陈志强"}).id})  # fmt: skip
    dup = residents.create(ctx, {"name": "王五", "village": "东村"})
    entry_id = resident_merge.merge(ctx, keep.id, dup.id)
    resident_merge.undo(ctx, entry_id)

    restored, deleted = audit_review.entries(ctx, record_type="visit")[:2]
    assert (restored.action_label, restored.record_label) == ("恢复", visit.serial)
    assert _lines(deleted)[0][:2] == ("删除时间", "（空）")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d(:\d\d)?", _lines(deleted)[0][2])
    by_action = {e.action: e for e in audit_review.entries(ctx, record_type="resident")}
    merged = by_action["merge"]
    assert (merged.action_label, merged.record_label) == ("合并重复的群众", "王五")
    assert ("被合并的记录", "王五", "（空）") in _lines(merged)
    assert ("撤销所需的数据", "（已保存，可撤销这次合并）", "（空）") in _lines(merged)
    assert ("补入的信息", "（空）", "村/社区：东村") in _lines(merged)
    assert by_action["merge_undo"].action_label == "撤销合并"
    back = next(e for e in audit_review.entries(ctx) if e.action == "restore")
    assert (back.record_label, back.lines) == ("王五", ())  # (empty, empty) says nothing
    assert (
        "撤销的合并", f"第 {entry_id} 条日志", "（空）"
    ) in _lines(by_action["merge_undo"])  # fmt: skip
    created = [e for e in audit_review.entries(ctx) if e.record_label == "王五"][-1]
    assert ("联系委员", "（空）", "陈志强") in _lines(created)  # a member's id, by name


def test_users_settings_code_lists_and_packages_read_in_words(ctx: Context, tmp_path: Path) -> None:
    accounts.reset_password(ctx, "admin", "admin password")
    accounts.add(ctx, "wang", "wang password", name="王芳")
    accounts.change(ctx, "wang", role="viewer", may_see_pii=True)
    with pytest.raises(PermissionDenied):
        audit_review.entries(replace(ctx, user="wang", role="viewer"))
    with pytest.raises(accounts.LoginRefused):
        accounts.authenticate("nobody", "wrong")
    backups.set_folder(ctx, tmp_path)
    audit.record(ctx, "update", "code_item", "issue_category:01", {"label": ("经济", "经济发展")})
    audit.record(
        ctx, "import", "package", str(uuidlib.uuid4()),
        {"file": (None, "SQZ-0003.xlsx"), "site": (None, "石桥镇政协委员工作室"),
         "sequence": (None, 3), "counts": (None, {"new": 3, "update": 1, "rejected": 0})},
    )  # fmt: skip
    package = str(uuidlib.uuid4())
    ImportHistory.create(
        package_uuid=package, file_hash="x", site_uuid=ctx.site_uuid, sequence=4,
        imported_at=datetime(2026, 3, 2, 9), kind="feedback", file_name="县政协反馈-0004.xlsx",
    )  # fmt: skip
    visit = _visit(ctx)
    audit.record(ctx, "import_update", "visit", visit.uuid, {"package": (None, package),
                                                              "rev": (1, 2)})  # fmt: skip
    audit.record(
        ctx, "purge", "visit", "",
        {"years": (None, 5), "residents": (None, 2), "trashed": (None, [["访谈记录", 3]])},
    )  # fmt: skip

    found = {(e.action, e.record_type): e for e in audit_review.entries(ctx)}
    changed = found[("update", "user")]
    assert (changed.type_label, changed.record_label) == ("用户", "王芳（wang）")
    assert _lines(changed) == [
        ("角色", "工作人员", "查阅"),
        ("可查看完整身份证号和电话", "否", "是"),
    ]
    refused = found[("refused", "audit")]
    assert (refused.action_label, refused.user_label, refused.type_label) == (
        "被拒绝", "王芳（wang）", "操作日志",
    )  # fmt: skip
    assert _lines(refused) == [("被拒绝的操作", "（空）", "查看操作日志")]
    failed = found[("login_failed", "user")]
    assert (failed.action_label, failed.record_label) == ("登录失败", "nobody")
    assert _lines(failed) == [("原因", "（空）", "用户名不存在")]
    folder = found[("update", "setting")]
    assert (folder.type_label, folder.record_label) == ("设置", "自动备份文件夹")
    item = found[("update", "code_item")]
    assert (item.type_label, item.record_label) == ("代码表", "问题类别：01 经济发展")
    assert _lines(item) == [("名称", "经济", "经济发展")]
    imported = found[("import", "package")]
    assert (imported.action_label, imported.record_label) == ("导入数据包", "SQZ-0003.xlsx")
    assert ("记录数", "（空）", "新增 3、更新 1") in _lines(imported)
    assert ("发送单位", "（空）", "石桥镇政协委员工作室") in _lines(imported)
    per_record = found[("import_update", "visit")]
    assert (per_record.action_label, per_record.record_label) == ("导入更新", visit.serial)
    assert _lines(per_record) == [("数据包", "（空）", "县政协反馈-0004.xlsx"), ("版本", "1", "2")]
    purged = found[("purge", "visit")]
    assert (purged.action_label, purged.record_label) == ("清理过期数据", "")
    assert _lines(purged) == [
        ("保留年限", "（空）", "5"),
        ("群众", "（空）", "2"),
        ("回收站中的记录", "（空）", "访谈记录 3"),
    ]

    users, types = audit_review.filter_choices()
    assert ("wang", "王芳（wang）") in users and ("admin", "管理员（admin）") in users
    assert types[:3] == [("member", "委员"), ("resident", "群众"), ("visit", "接待走访记录")]
    assert ("package", "数据包") in types and ("user", "用户") in types


def test_the_words_mask_identifiers_as_the_codes_did(ctx: Context) -> None:
    first = residents.create(ctx, {"name": "甲", "phone": known.MOBILE_1, "id_number": known.ID_1})
    residents.update(ctx, first.id, {"phone": known.MOBILE_2})
    dup = residents.create(ctx, {"name": "乙", "phone": known.LANDLINE, "id_number": known.ID_2})
    keep = residents.create(ctx, {"name": "乙"})
    resident_merge.merge(ctx, keep.id, dup.id)

    ungranted = replace(ctx, may_see_pii=False)
    found = audit_review.entries(ungranted)
    words = json.dumps(
        [[e.as_dict(), e.summary, [x.text for x in e.lines]] for e in found], ensure_ascii=False
    )
    assert known.leaks(words + str(audit_review.rows(found))) == []
    phone = next(e for e in found if e.action == "update" and "phone" in e.changes)
    assert ("联系电话", "139****1234", "138****9876") in _lines(phone)
    assert ("联系电话（查重用，phone_key）", "139****1234", "138****9876") in _lines(phone)
    merged = next(e for e in found if e.action == "merge")
    filled = dict((x.label, x.after) for x in merged.lines)["补入的信息"]
    assert "联系电话：0577-****56" in filled and "身份证号：" in filled

    with pytest.raises(PermissionDenied):  # the grant is the user's, not the caller's wish
        audit_review.entries(ungranted, show_identifiers=True)
    shown = audit_review.entries(ctx, show_identifiers=True)
    phone = next(e for e in shown if e.action == "update" and "phone" in e.changes)
    assert ("联系电话", known.MOBILE_1, known.MOBILE_2) in _lines(phone)


def test_odd_entries_read_as_stored_and_never_break_the_page(ctx: Context, tmp_path: Path) -> None:
    odd = [
        ("visit", "a_new_step", "not json"),
        ("visit", "update", json.dumps(["a list"])),
        ("visit", "update", json.dumps({"handling": "teleported", "category": "99"})),
        ("gadget", "tinker", json.dumps({"knob": [1, 2], "flag": [None, True], "deep": {"a": 1}})),
        ("resident", "update", json.dumps({"contact_member": [None, 999]})),
        ("visit", "update", json.dumps({"content": ["=1+2", "@SUM(A1)"]})),
    ]
    for record_type, action, changes in odd:
        AuditEntry.create(
            at=datetime(2026, 3, 2, 9), user="admin", action=action, record_type=record_type,
            record_uuid="not-a-uuid", changes=changes,
        )  # fmt: skip
    formula, dangling, gadget, codes, a_list, not_json = audit_review.entries(ctx)[:6]
    assert (not_json.action_label, not_json.lines) == ("a_new_step", ())
    assert a_list.lines == ()
    assert _lines(codes) == [("处理方式", "（空）", "teleported"), ("问题类别", "（空）", "99")]
    assert (gadget.action_label, gadget.type_label, gadget.record_label) == (
        "tinker", "gadget", "not-a-uuid",
    )  # fmt: skip
    assert _lines(gadget) == [
        ("knob", "1", "2"),
        ("flag", "（空）", "是"),
        ("deep", "（空）", "a 1"),
    ]
    assert _lines(dangling) == [("联系委员", "（空）", "#999")]
    assert audit_review.rows([not_json]) == [
        [not_json.time_text, "管理员（admin）", "a_new_step",
         "接待走访记录", "not-a-uuid", "", "", ""],
    ]  # fmt: skip

    path = audit_review.export(ctx, [formula], tmp_path / "odd.csv")
    with path.open(encoding="utf-8-sig") as f:
        [_, row] = list(csv.reader(f))
    assert row[5:] == ["反映内容", "'=1+2", "'@SUM(A1)"]  # never run as a formula
    with pytest.raises(UserError, match=r"\.csv 或 \.xlsx"):
        audit_review.export(ctx, [formula], tmp_path / "odd.txt")
    assert not (tmp_path / "odd.txt").exists()
