"""ROWS fields (a record's sub-table) in the exchange: the tea talk's 议程 and a county-owned
list travel with their records, with the guarantees of every other field.

The readable 议程 column is for people (never imported); the hidden 议程（数据） column holds
the rows as JSON, covered by the row hash and checked row by row on import. See
``studio_app/exchange/rows_list.py``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from studio_app.core import codes as c
from studio_app.core import kinds
from studio_app.core.errors import UserError
from studio_app.core.fields import COUNTY, MAX_ROWS, Field, Kind
from studio_app.core.text import utf16_len
from studio_app.exchange import tables
from studio_app.exchange.canonical import row_hash
from studio_app.exchange.export import export_studio
from studio_app.exchange.feedback import export_feedback
from studio_app.exchange.importer import import_package
from studio_app.exchange.labels import Labels
from studio_app.exchange.normalise import CellError
from studio_app.exchange.plan import EDITED
from studio_app.exchange.rows_list import RowsList
from studio_app.exchange.schema import PackageKind, feedback_sheet, sheets_for, studio_sheet
from studio_app.services import coerce, exchange_conflicts, kind_records, members, record_rows
from studio_app.services.site import code_labels
from studio_app.storage.migrations import create_kind
from studio_app.storage.models import Member, database
from studio_app.ui.exchange.rows import conflict_fields
from tests.exchange.conftest import Install, differences, everything, same_at_both
from tests.exchange.test_county_loop import take
from tests.exchange.test_fidelity import _formula_free as formula_free
from tests.exchange.test_libreoffice import SOFFICE, resave
from tests.kinds.test_exchange import (
    agenda,
    agenda_rows,
    portable,
    send,
    set_cell,
    sheet_cells,
    talk,
)
from tests.kinds.throwaway import TEA_TALK
from tests.system_packages import needs

__all__ = ["talk"]  # the fixture: TEA_TALK registered at the studio and the county
DATA = "议程（数据）"


def parser() -> Any:
    side = studio_sheet(TEA_TALK.name).column("agenda__rows").side
    assert isinstance(side, RowsList)
    return side.parser(Labels.load())


def test_the_data_cell_is_checked_against_the_column_declarations(
    ctx: object, tea_talk: kinds.RecordKind
) -> None:
    parse = parser()
    topic, label = next(iter(code_labels("issue_category").items()))
    uuid = "0badc0de-0000-4000-8000-000000000001"
    assert parse("") == [] and parse(None) == [] and parse("[]") == []
    # Labels for codes, loose dates, explicit blanks (null, "", 0, false) — all made canonical.
    cell = [{"item": " 春茶 ", "speaker": uuid, "minutes": 20.0, "topic": label, "mood": "满意",
             "due": "2026/12/1", "settled": 1},
            {"item": "议事", "speaker": None, "minutes": 0, "topic": "", "mood": None,
             "due": "", "settled": False}]  # fmt: skip
    assert parse(json.dumps(cell, ensure_ascii=False)) == [
        {"item": "春茶", "speaker": uuid, "minutes": 20, "topic": topic, "mood": "satisfied",
         "due": "2026-12-01", "settled": True},
        {"item": "议事"},
    ]  # fmt: skip
    refused = {
        "{}": "内容应为各项的列表",
        "[1]": "第1项格式不对",
        '[{"item": "a", "colour": "red"}]': "第1项有本程序不认识的内容“colour”",
        '[{"item": 5}]': "第1项的“议题”应为文字",
        '[{"item": "a", "minutes": "20"}]': "第1项的“时长(分钟)”应为整数",
        '[{"item": "a", "minutes": true}]': "第1项的“时长(分钟)”应为整数",
        '[{"item": "a", "settled": "是"}]': "第1项的“已落实”应为 true 或 false",
        '[{"item": "a", "topic": "火星"}]': "第1项的“类别”“火星”不在代码表中",
        '[{"item": "a", "due": 20261201}]': "第1项的“落实期限”日期格式应为 2026-11-26",
        '[{"item": "a", "speaker": 7}]': "第1项的“发言委员”标识“7”格式不对",
        '[{"item": "a"}, {}, {}, {}, {}]': "第3项的“议题”必填；第4项的“议题”必填等 4 处",
        json.dumps([{"item": "长" * 101}]): "第1项的“议题”不能超过 100 个字",
        "[" * 50_000: "内容无法读取",
        json.dumps([{"item": "a"}] * (MAX_ROWS + 1)): f"最多 {MAX_ROWS} 项",
    }
    for text, why in refused.items():
        with pytest.raises(CellError) as caught:
            parse(text)
        assert why in str(caught.value), (text[:40], str(caught.value))


@pytest.fixture
def tea_talk(ctx: object) -> Iterator[kinds.RecordKind]:
    with kinds.registered(TEA_TALK):
        create_kind(database.obj, TEA_TALK.name)
        yield TEA_TALK


def test_readable_lines_are_the_services_words(ctx: Any, tea_talk: kinds.RecordKind) -> None:
    """The readable column says what the audit log says (``record_rows.lines``)."""
    lead = members.create(ctx, {"name": "王建国"})
    other = members.create(ctx, {"name": "陈芳"})
    topic = next(iter(code_labels("issue_category")))
    row = kind_records.create(ctx, tea_talk, {
        "title": "茶叙", "held_on": "2026-11-20", "members": [lead.id],
        "agenda": [*agenda(lead.id, other.id, topic), {"item": "0", "minutes": 0}],
    })  # fmt: skip
    (values,) = tables.read(studio_sheet(tea_talk.name))
    stored = kind_records.values(tea_talk, row.id)["agenda"]
    assert values["agenda"] == "\n".join(record_rows.lines(tea_talk.field("agenda"), stored))
    assert values["agenda__rows"][0]["speaker"] == lead.uuid


def test_a_hand_edit_of_the_readable_column_is_ignored(
    studio: Install, county: Install, out: Path, talk: kinds.RecordKind
) -> None:
    with studio as ctx:
        m = members.create(ctx, {"name": "王建国"})
        row = kind_records.create(ctx, talk, {
            "title": "茶叙", "held_on": "2026-11-20", "members": [m.id],
            "agenda": [{"item": "春茶", "speaker": m.id, "minutes": 15}],
        })  # fmt: skip
        sent = portable(talk)
    path = set_cell(
        send(studio, out, {"委员": 1, "茶叙": 1}), "茶叙", row.serial, "议程", "随便写写"
    )
    result = take(county, path, new=2)
    assert result.plan.counts["edited"] == 0  # not hashed, not imported
    with county:
        assert portable(talk) == sent
    same_at_both(studio, county)


def test_a_valid_hand_edit_of_the_data_is_a_conflict_shown_as_lines(
    studio: Install, county: Install, out: Path, talk: kinds.RecordKind
) -> None:
    """The JSON changed by hand (still valid): the row hash no longer matches, so the row is
    a conflict for a person; its field list names 议程 and shows both versions as lines.
    Taking the file's version writes its rows under a revision of its own."""
    with studio as ctx:
        m = members.create(ctx, {"name": "王建国"})
        row = kind_records.create(ctx, talk, {
            "title": "茶叙", "held_on": "2026-11-20", "members": [m.id],
            "agenda": [{"item": "春茶", "speaker": m.id, "minutes": 15}],
        })  # fmt: skip
    take(county, send(studio, out, {"委员": 1, "茶叙": 1}), new=2)
    with studio as ctx:
        kind_records.update(ctx, talk, row.id, {"title": "春茶会"})
    cell = json.dumps(
        [{"item": "春茶", "speaker": m.uuid, "minutes": 30}, {"item": "秋茶", "settled": True}],
        ensure_ascii=False,
    )
    path = set_cell(send(studio, out, {"茶叙": 1}), "茶叙", row.serial, DATA, cell)
    with county as cctx:
        result = import_package(cctx, path)
        assert not result.applied and result.waiting == 1
        (conflict,) = exchange_conflicts.pending()
        assert conflict.reason == EDITED
        fields = {d.label: (d.ours, d.theirs) for d in conflict_fields(conflict, True)}
        assert fields["议程"] == (
            "春茶，王建国，时长(分钟)：15",
            "春茶，王建国，时长(分钟)：30\n秋茶，已落实",
        )
        assert "议程（数据）" not in fields
        exchange_conflicts.resolve(cctx, conflict.id, "incoming")
        assert import_package(cctx, path).applied
        got = kind_records.get(talk, row.uuid)
        assert got.rev == 3  # past both sides' 2: the hand edit is a version of its own
        rows = kind_records.values(talk, row.uuid)["agenda"]
    assert [(r["item"], r["minutes"], r["settled"]) for r in rows] == [
        ("春茶", 30, False), ("秋茶", 0, True),
    ]  # fmt: skip


def test_a_trashed_talk_keeps_its_rows_and_a_restore_travels(
    studio: Install, county: Install, out: Path, talk: kinds.RecordKind
) -> None:
    with studio as ctx:
        m = members.create(ctx, {"name": "王建国"})
        row = kind_records.create(ctx, talk, {
            "title": "茶叙", "held_on": "2026-11-20", "members": [m.id],
            "agenda": [{"item": "春茶", "speaker": m.id}, {"item": "秋茶"}],
        })  # fmt: skip
    take(county, send(studio, out, {"委员": 1, "茶叙": 1}), new=2)
    with studio as ctx:
        kind_records.trash(ctx, talk, row.id)
    take(county, send(studio, out, {"茶叙": 1}), tombstone=1)
    with county:
        assert kind_records.get(talk, row.uuid).deleted_at is not None
        assert len(kind_records.values(talk, row.uuid)["agenda"]) == 2
    same_at_both(studio, county)
    with studio as ctx:
        kind_records.restore(ctx, talk, row.id)
    take(county, send(studio, out, {"茶叙": 1}), update=1)
    same_at_both(studio, county)


def test_rows_naming_a_member_from_a_lost_package_wait_and_then_go_in(
    studio: Install, county: Install, out: Path, talk: kinds.RecordKind
) -> None:
    """Packages out of order: package 3 arrives before package 2, which brings the speaker."""
    with studio as ctx:
        host = members.create(ctx, {"name": "王建国"})
    take(county, send(studio, out, {"委员": 1}), new=1)
    with studio as ctx:
        speaker = members.create(ctx, {"name": "陈芳"})
        row = kind_records.create(ctx, talk, {
            "title": "茶叙", "held_on": "2026-11-20", "members": [host.id],
            "agenda": [{"item": "春茶", "speaker": speaker.id}],
        })  # fmt: skip
    second = send(studio, out, {"委员": 1, "茶叙": 1})
    with studio as ctx:
        kind_records.update(ctx, talk, row.id, {"title": "春茶会"})
    third = send(studio, out, {"茶叙": 1})
    result = take(county, third, waiting=1)
    assert "引用的议程尚未收到" in result.plan.of("waiting")[0].reason
    with county:
        assert agenda_rows() == 0
    take(county, second, new=2)
    with county:
        assert kind_records.get(talk, row.uuid).title == "春茶会"
    same_at_both(studio, county)


@pytest.mark.sqlite_only  # counts statements with sqlite3's trace callback
def test_many_rows_go_in_with_one_statement_per_sheet(
    studio: Install, county: Install, out: Path, talk: kinds.RecordKind
) -> None:
    with studio as ctx:
        ids = [members.create(ctx, {"name": f"委员{i}"}).id for i in range(5)]
        topic = next(iter(code_labels("issue_category")))
        made = []
        for n in range(60):
            rows = [
                {"item": f"议题{n}-{i}", "speaker": ids[i], "minutes": i, "topic": topic,
                 "mood": "basic", "due": f"2026-12-{i + 1:02d}", "settled": i % 2 == 0}
                for i in range(5)
            ]  # fmt: skip
            made.append(kind_records.create(ctx, talk, {
                "title": f"茶叙{n}", "held_on": "2026-11-20", "members": ids[:2], "agenda": rows,
            }))  # fmt: skip
        big = kind_records.create(ctx, talk, {
            "title": "大会", "held_on": "2026-11-21", "members": ids[:1],
            "agenda": [{"item": f"第{i}项", "settled": True} for i in range(MAX_ROWS)],
        })  # fmt: skip
    path = send(studio, out, {"委员": 5, "茶叙": 61})
    statements: list[str] = []
    with county as cctx:
        conn: sqlite3.Connection = database.obj.connection()
        conn.set_trace_callback(statements.append)
        try:
            assert import_package(cctx, path).applied
        finally:
            conn.set_trace_callback(None)
        assert agenda_rows() == 60 * 5 + MAX_ROWS
        assert len(kind_records.values(talk, big.uuid)["agenda"]) == MAX_ROWS
    inserts = [s for s in statements if s.lstrip().startswith("INSERT INTO tea_talk_agenda")]
    assert len(inserts) == 1, inserts
    same_at_both(studio, county)
    with studio as ctx:
        for row in made[:10]:
            kind_records.update(ctx, talk, row.id, {"agenda": [{"item": "改"}]})
    take(county, send(studio, out, {"茶叙": 10}), update=10)
    with county:
        assert agenda_rows() == 50 * 5 + MAX_ROWS + 10
    same_at_both(studio, county)


def test_rows_too_big_for_one_cell_stop_the_export_naming_the_record(
    studio: Install, out: Path, talk: kinds.RecordKind, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Excel keeps 32,767 characters in a cell: the rows' data must fit in one. Nothing is
    cut: the export is refused, naming the record and the field, and no file is written.
    (Entry refuses such rows already; a record kept by an older version may still have them.)"""
    monkeypatch.setattr(coerce, "MAX_ROWS_CELL", 10**9)
    with studio as ctx:
        m = members.create(ctx, {"name": "王建国"})
        row = kind_records.create(ctx, talk, {
            "title": "大会", "held_on": "2026-11-21", "members": [m.id],
            "agenda": [{"item": "长" * 100, "speaker": m.id} for _ in range(MAX_ROWS)],
        })  # fmt: skip
        with pytest.raises(UserError) as refused:
            export_studio(ctx, out)
        assert f"茶叙“{row.serial}”的“议程（数据）”有" in str(refused.value)
        assert "超过 Excel 单元格上限 32,767 字，未导出" in str(refused.value)
        assert list(out.iterdir()) == []


def test_the_readable_cell_is_cut_to_fit_not_the_data(ctx: object, tea_talk: Any) -> None:
    side = studio_sheet(tea_talk.name).column("agenda__rows").side
    assert isinstance(side, RowsList)
    rows = [{"item": "𠀀" * 100} for _ in range(MAX_ROWS)]  # 2 UTF-16 units each
    text = side.text(rows, Labels.load(), {})
    assert utf16_len(text) <= 32_767 and text.endswith("……（共 500 项，未列全）")
    assert side.text(rows[:3], Labels.load(), {}) == "\n".join(["𠀀" * 100] * 3)


@pytest.mark.slow
@needs("libreoffice-calc-nogui", SOFFICE is not None, "re-saves workbooks as a person would")
def test_rows_survive_a_libreoffice_resave(
    studio: Install, county: Install, out: Path, tmp_path: Path, talk: kinds.RecordKind
) -> None:
    with studio as ctx:
        lead = members.create(ctx, {"name": "王建国"})
        other = members.create(ctx, {"name": "陈芳"})
        topic = next(iter(code_labels("issue_category")))
        rows = [{"item": '=HYPERLINK("x")'}, *agenda(lead.id, other.id, topic)]
        rows.append({"item": "“引号”\\反斜杠 <r>标记</r> 😀\t", "minutes": 7})
        kind_records.create(ctx, talk, {
            "title": "茶叙", "held_on": "2026-11-20", "members": [lead.id], "agenda": rows,
        })  # fmt: skip
        path = export_studio(ctx, out, include_identifiers=True).path
        assert path is not None
        at_studio = everything()
    formula_free(path)  # the readable cell starts with "=": still text
    header, cells = sheet_cells(path, "茶叙")
    assert cells[0][header.index("议程")].startswith('=HYPERLINK("x")\n春茶销路，')
    with county as cctx:
        result = import_package(cctx, resave(path, tmp_path))
        assert result.applied and result.plan.counts["edited"] == 0
        assert differences(everything(), at_studio) == []


# --- a county-owned ROWS field: travels back in feedback packages ---------------------------

FOLLOW_UP = kinds.RecordKind(
    "follow_up",
    "回访记录",
    "回访",
    "回访",
    (
        Field("title", "主题", required=True, max_len=100),
        Field("held_on", "回访日期", Kind.DATE, required=True),
        Field(
            "steps",
            "落实步骤",
            Kind.ROWS,
            row_label="步",
            columns=(
                Field("item", "步骤", required=True),
                Field("who", "负责委员", Kind.MEMBER),
                Field("status", "落实情况", Kind.ENUM, enum=c.ItemStatus),
                Field("done_on", "完成日期", Kind.DATE, required_if=("status", "done")),
            ),
        ),
        Field(
            "opinions",
            "县政协意见",
            Kind.ROWS,
            owner=COUNTY,
            row_label="条",
            columns=(
                Field("text", "意见", Kind.LONGTEXT, required=True),
                Field("unit", "承办单位", Kind.CODE, code_list=c.CodeListKind.HANDLING_UNIT),
                Field("rating", "评价", Kind.ENUM, enum=c.Satisfaction),
                Field("due", "办结期限", Kind.DATE),
                Field("done", "已办结", Kind.BOOL),
                Field("who", "联系委员", Kind.MEMBER),
            ),
        ),
    ),
    serial_prefix="HF",
    title_key="title",
    date_key="held_on",
)


@pytest.fixture
def follow_up(studio: Install, county: Install) -> Iterator[kinds.RecordKind]:
    with kinds.registered(FOLLOW_UP):
        for inst in (county, studio):
            with inst:
                create_kind(database.obj, FOLLOW_UP.name)
        yield FOLLOW_UP


def test_county_owned_rows_travel_back_in_feedback(
    studio: Install, county: Install, out: Path, follow_up: kinds.RecordKind
) -> None:
    assert [c.key for c in studio_sheet(follow_up.name).columns if "opinions" in c.key] == []
    assert [c.key for c in feedback_sheet(follow_up.name).columns][2:4] == [
        "opinions", "opinions__rows",
    ]  # fmt: skip
    assert follow_up.name in [s.record for s in sheets_for(PackageKind.FEEDBACK)]
    with studio as ctx:
        m = members.create(ctx, {"name": "王建国"})
        row = kind_records.create(ctx, follow_up, {
            "title": "回访", "held_on": "2026-11-20", "steps": [{"item": "走访", "who": m.id}],
        })  # fmt: skip
    take(county, send(studio, out, {"委员": 1, "回访": 1}), new=2)
    unit = next(iter(code_labels("handling_unit")))
    with county as cctx:
        with pytest.raises(UserError):  # the studio's rows are read-only at the county
            kind_records.update(cctx, follow_up, row.uuid, {"steps": [{"item": "改"}]})
        who = Member.get(Member.uuid == m.uuid).id
        kind_records.update(cctx, follow_up, row.uuid, {"opinions": [
            {"text": "第一行\n第二行", "unit": unit, "rating": "basic", "due": "2027-01-31",
             "done": True, "who": who},
            {"text": "请尽快办理"},
        ]})  # fmt: skip
        result = export_feedback(cctx, "SQZ", out)
        assert result.path is not None and result.counts["回访"] == 1
        at_county = portable_opinions(follow_up)
    header, cells = sheet_cells(result.path, "回访")
    assert cells[0][header.index("县政协意见")].startswith("第一行\n第二行，")
    with studio as ctx:
        before = kind_records.get(follow_up, row.id)
        imported = import_package(ctx, result.path)
        assert imported.applied and imported.plan.counts["update"] == 1
        assert portable_opinions(follow_up) == at_county
        after = kind_records.get(follow_up, row.id)
        assert (after.rev, after.county_rev) == (before.rev, 1)
        assert kind_records.values(follow_up, row.id)["steps"][0]["item"] == "走访"
        assert export_studio(ctx, out).empty  # nothing of the studio's changed
    same_at_both(studio, county)
    with county as cctx:  # the county clears its list: an empty list travels too
        kind_records.update(cctx, follow_up, row.uuid, {"opinions": []})
        path = export_feedback(cctx, "SQZ", out).path
        assert path is not None
    with studio as ctx:
        assert import_package(ctx, path).applied
        assert kind_records.values(follow_up, row.id)["opinions"] == []
    same_at_both(studio, county)


def test_columns_required_when_another_has_a_code_are_checked(
    ctx: object, follow_up_here: kinds.RecordKind
) -> None:
    side = studio_sheet(follow_up_here.name).column("steps__rows").side
    assert isinstance(side, RowsList)
    parse = side.parser(Labels.load())
    assert parse('[{"item": "走访", "status": "done", "done_on": "2026-12-01"}]')[0]["status"] == (
        "done"
    )
    assert parse('[{"item": "走访", "status": "in_progress"}]') == [
        {"item": "走访", "status": "in_progress"}
    ]
    with pytest.raises(CellError) as caught:
        parse('[{"item": "走访"}, {"item": "回访", "status": "已完成"}]')
    assert str(caught.value) == "第2步的“完成日期”在“落实情况”为“已完成”时必填"


@pytest.fixture
def follow_up_here(ctx: object) -> Iterator[kinds.RecordKind]:
    with kinds.registered(FOLLOW_UP):
        create_kind(database.obj, FOLLOW_UP.name)
        yield FOLLOW_UP


def portable_opinions(kind: kinds.RecordKind) -> list[dict[str, Any]]:
    """The county's opinions of every record, members by uuid."""
    uuid_of = dict(Member.select(Member.id, Member.uuid).tuples())
    found = []
    for (rid,) in database.execute_sql(f"SELECT id FROM {kind.name} ORDER BY uuid"):
        for r in kind_records.values(kind, rid)["opinions"]:
            found.append({**r, "who": uuid_of.get(r["who"])})
    return found


def test_a_row_hash_covers_the_rows(ctx: object, tea_talk: kinds.RecordKind) -> None:
    spec = studio_sheet(tea_talk.name)
    base = {"uuid": "u", "agenda": "春茶", "agenda__rows": [{"item": "春茶"}]}
    assert row_hash(spec, base) == row_hash(spec, {**base, "agenda": "别的字"})
    assert row_hash(spec, base) != row_hash(spec, {**base, "agenda__rows": [{"item": "秋茶"}]})
