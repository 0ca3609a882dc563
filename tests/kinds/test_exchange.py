"""A kind declared only in the tests travels from a studio to the county: every field, then
an edit and a trash, and a package sent twice changes nothing.

Two installations as in ``tests/exchange`` (each its own SQLite file); the throwaway kind is
registered and its migration run on both. Records are made through ``services.kind_records``,
exported with the real exporter and imported with the real importer.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from python_calamine import CalamineWorkbook

from studio_app.core import kinds
from studio_app.exchange import hooks, tables
from studio_app.exchange.export import export_studio
from studio_app.exchange.importer import import_package
from studio_app.exchange.plan import AlreadyImported
from studio_app.exchange.schema import (
    PackageKind,
    feedback_records,
    maskable,
    sheets_for,
    studio_sheet,
)
from studio_app.services import kind_records, members, record_rows
from studio_app.services.site import code_labels
from studio_app.storage.migrations import create_kind
from studio_app.storage.models import Member, database
from tests.exchange.conftest import Install, county, everything, out, same_at_both, studio
from tests.exchange.files import edit
from tests.exchange.test_county_loop import take
from tests.kinds.throwaway import TEA_TALK

__all__ = ["county", "out", "studio"]  # the two installations of tests/exchange
PACKAGE_MODULES = Path(__file__).resolve().parents[2] / "studio_app" / "exchange"
BOOKKEEPING = ("uuid", "serial", "rev", "deleted_at")


@pytest.fixture
def talk(studio: Install, county: Install) -> Iterator[kinds.RecordKind]:
    """TEA_TALK declared, its tables made in the county's and the studio's databases."""
    with kinds.registered(TEA_TALK):
        for inst in (county, studio):  # the studio's stays open
            with inst:
                create_kind(database.obj, TEA_TALK.name)
        yield TEA_TALK


def portable(kind: kinds.RecordKind) -> dict[str, dict[str, Any]]:
    """Every record of ``kind`` as the services read it, members named by uuid (ids differ
    between installations), with its uuid, serial, revision and trash stamp; by uuid."""
    uuid_of = dict(Member.select(Member.id, Member.uuid).tuples())
    found = {}
    for (rid,) in database.execute_sql(f"SELECT id FROM {kind.name}"):
        values = kind_records.values(kind, rid)
        values["host"] = uuid_of.get(values["host"])
        values["members"] = [uuid_of[i] for i in values["members"]]
        values["agenda"] = [{**r, "speaker": uuid_of.get(r["speaker"])} for r in values["agenda"]]
        row = kind_records.get(kind, rid)
        values.update({key: getattr(row, key) for key in BOOKKEEPING})
        found[row.uuid] = values
    return found


def agenda(lead: int, other: int, topic: str) -> list[dict[str, Any]]:
    """Three rows of the tea talk's agenda: every kind of column, blanks too."""
    return [
        {"item": "春茶销路", "speaker": lead, "minutes": 20, "topic": topic,
         "mood": "satisfied", "due": "2026-12-01", "settled": True},
        {"item": "=村道修缮", "speaker": other, "mood": "basic", "due": date(2027, 1, 15)},
        {"item": "下次茶叙时间"},
    ]  # fmt: skip


def sheet_cells(path: Path, title: str) -> tuple[list[Any], list[list[Any]]]:
    """The header and the rows of sheet ``title`` as calamine reads them."""
    book = CalamineWorkbook.from_path(str(path))
    try:
        cells = book.get_sheet_by_name(title).to_python()
    finally:
        book.close()
    return cells[0], cells[1:]


def send(studio: Install, out: Path, expect: dict[str, int], **kw: Any) -> Path:
    with studio as ctx:
        result = export_studio(ctx, out, **kw)
        assert result.path is not None
        assert {k: v for k, v in result.counts.items() if v} == expect
        return result.path


def test_every_field_travels_then_an_edit_and_a_trash(
    studio: Install, county: Install, out: Path, talk: kinds.RecordKind
) -> None:
    with studio as ctx:
        lead = members.create(ctx, {"name": "王建国", "sector": "农业界"})
        other = members.create(ctx, {"name": "陈芳"})
        topic = next(iter(code_labels("issue_category")))
        full = kind_records.create(ctx, talk, {
            "title": "=春茶话发展", "held_on": "2026-11-20", "topic": topic, "host": lead.id,
            "members": [other.id, lead.id], "guests": 12, "contact_phone": "0577 6360 1234",
            "notes": "-第一行\n\t第二行", "public": True,
            "agenda": agenda(lead.id, other.id, topic),
        })  # fmt: skip
        bare = kind_records.create(
            ctx, talk, {"title": "议事", "held_on": "2026-11-21", "members": [other.id]}
        )
        sent = portable(talk)
        lines = record_rows.lines(
            talk.field("agenda"), kind_records.values(talk, full.id)["agenda"]
        )
    assert sent[full.uuid]["held_on"] == date(2026, 11, 20)
    assert sent[full.uuid]["serial"].startswith("CX")
    assert len(sent[full.uuid]["agenda"]) == 3 and sent[bare.uuid]["agenda"] == []

    first = send(studio, out, {"委员": 2, "茶叙": 2}, include_identifiers=True)
    header, rows = sheet_cells(first, talk.sheet_title)
    shown = {r[header.index("编号")]: r for r in rows}
    readable = shown[sent[full.uuid]["serial"]][header.index("议程")]
    assert readable == "\n".join(lines)  # one line per row, as the services tell them
    category = code_labels("issue_category")[topic]
    assert readable.splitlines()[0] == (
        f"春茶销路，王建国，时长(分钟)：20，{category}，满意，落实期限：2026-12-01，已落实"
    )
    data = json.loads(shown[sent[full.uuid]["serial"]][header.index("议程（数据）")])
    assert data[1] == {"item": "=村道修缮", "speaker": other.uuid, "mood": "basic",
                       "due": "2027-01-15"}  # fmt: skip
    assert data[2] == {"item": "下次茶叙时间"}  # blanks left out
    assert shown[sent[bare.uuid]["serial"]][header.index("议程（数据）")] == ""
    take(county, first, new=4)
    with county:
        assert portable(talk) == sent
        row = kind_records.get(talk, full.uuid)
        assert row.member_names == "陈芳、王建国"
        assert row.origin_site == studio.ctx.site_uuid
    same_at_both(studio, county)

    with studio as ctx:
        kind_records.update(ctx, talk, full.id, {"guests": 15, "public": False, "topic": ""})
        kind_records.trash(ctx, talk, bare.id)
        changed = portable(talk)
    assert changed[full.uuid]["rev"] == 2
    second = send(studio, out, {"茶叙": 2}, include_identifiers=True)
    take(county, second, update=1, tombstone=1)
    with county:
        assert portable(talk) == changed
        assert kind_records.get(talk, bare.uuid).deleted_at is not None
        assert database.execute_sql(
            "SELECT n FROM live_count WHERE table_name = ?", (talk.name,)
        ).fetchone() == (1,)
    same_at_both(studio, county)

    with studio as ctx:  # one row of the agenda changes: the record's revision goes up
        rows = kind_records.values(talk, full.id)["agenda"]
        rows[1] = {**rows[1], "minutes": 45, "settled": True, "speaker": None}
        kind_records.update(ctx, talk, full.id, {"agenda": rows[:2]})
        changed = portable(talk)
    assert changed[full.uuid]["rev"] == 3
    assert changed[full.uuid]["agenda"][1]["minutes"] == 45
    take(county, send(studio, out, {"茶叙": 1}), update=1)
    with county:
        assert portable(talk) == changed
        assert len(kind_records.values(talk, full.uuid)["agenda"]) == 2
    same_at_both(studio, county)

    with county as cctx:
        before = everything()
        with pytest.raises(AlreadyImported):  # the same stick again
            import_package(cctx, second)
        assert everything() == before
    again = send(studio, out, {"委员": 2, "茶叙": 2}, full=True, include_identifiers=True)
    take(county, again)  # a full package of the same records: all unchanged
    with county:
        assert everything() == before


def set_cell(path: Path, title: str, serial: str, header: str, text: str) -> Path:
    """A person (or a tool) overwrites one cell of the row of ``serial``, and saves."""

    def change(wb: Any) -> None:
        ws = wb[title]
        heads = [c.value for c in ws[1]]
        for row in ws.iter_rows(min_row=2):
            if row[heads.index("编号")].value == serial:
                row[heads.index(header)].value = text
                return
        raise KeyError(serial)

    return edit(path, change)


def agenda_rows() -> int:
    return int(database.execute_sql("SELECT count(*) FROM tea_talk_agenda").fetchone()[0])


@pytest.mark.parametrize(
    ("cell", "why"),
    [
        ('[{"item": "春茶"', "议程：内容无法读取（隐藏的数据列被改动过）"),
        ('[{"item": "春茶"}, {"minutes": 5}]', "议程：第2项的“议题”必填"),
        ('[{"item": "春茶", "speaker": "王建国"}]', "议程：第1项的“发言委员”标识“王建国”格式"),
        ('[{"item": "春茶", "mood": "很好"}]', "议程：第1项的“反响”“很好”不是可选值"),
        ('[{"item": "春茶", "due": "2026-13-01"}]', "议程：第1项的“落实期限”日期不存在"),
    ],
)
def test_broken_agenda_data_rejects_the_row_and_writes_nothing(
    studio: Install, county: Install, out: Path, talk: kinds.RecordKind, cell: str, why: str
) -> None:
    """The hidden 议程（数据） cell edited so that it no longer holds valid rows: that tea
    talk's row is refused naming the sheet, the row, the field and the item; nothing of it
    is written (a new record is not created, an existing one keeps its rows)."""
    with studio as ctx:
        m = members.create(ctx, {"name": "王建国"})
        new = kind_records.create(ctx, talk, {
            "title": "新茶叙", "held_on": "2026-11-20", "members": [m.id],
            "agenda": [{"item": "春茶", "speaker": m.id}],
        })  # fmt: skip
    path = set_cell(
        send(studio, out, {"委员": 1, "茶叙": 1}), "茶叙", new.serial, "议程（数据）", cell
    )
    with county as cctx:
        result = import_package(cctx, path)
        assert result.applied
        (refused,) = result.plan.of("rejected")
        assert (refused.sheet, refused.number) == ("茶叙", 2)
        assert why in refused.reason, refused.reason
        assert result.plan.counts["new"] == 1  # the member
        assert kind_records.count(talk) == 0 if hasattr(kind_records, "count") else True
        assert database.execute_sql("SELECT count(*) FROM tea_talk").fetchone() == (0,)
        assert agenda_rows() == 0
    full = send(studio, out, {"委员": 1, "茶叙": 1}, full=True)
    take(county, full, new=1)  # the sender's own file goes through
    with studio as ctx:  # an existing record keeps its rows when the update is refused
        kind_records.update(ctx, talk, new.id, {"agenda": [{"item": "夏茶"}]})
    path = set_cell(send(studio, out, {"茶叙": 1}), "茶叙", new.serial, "议程（数据）", cell)
    with county as cctx:
        before = everything()
        result = import_package(cctx, path)
        assert [r.number for r in result.plan.of("rejected")] == [2]
        assert everything() == before
        assert kind_records.values(talk, new.uuid)["agenda"][0]["item"] == "春茶"


def test_an_agenda_naming_a_member_not_received_waits_for_it(
    studio: Install, county: Install, out: Path, talk: kinds.RecordKind
) -> None:
    """A speaker's uuid the county has never seen (a hand edit, or a package not arrived):
    the row is not written; like any link to a person not there, it waits for them."""
    with studio as ctx:
        m = members.create(ctx, {"name": "王建国"})
        row = kind_records.create(ctx, talk, {
            "title": "茶叙", "held_on": "2026-11-20", "members": [m.id],
            "agenda": [{"item": "春茶", "speaker": m.id}],
        })  # fmt: skip
    stranger = "0badc0de-0000-4000-8000-000000000001"
    cell = json.dumps([{"item": "春茶", "speaker": stranger}], ensure_ascii=False)
    path = set_cell(
        send(studio, out, {"委员": 1, "茶叙": 1}), "茶叙", row.serial, "议程（数据）", cell
    )
    with county as cctx:
        result = import_package(cctx, path, dry_run=True)
        (held,) = result.plan.of("waiting")
        assert "引用的议程尚未收到" in held.reason
        result = import_package(cctx, path)
        assert result.applied and result.plan.counts["waiting"] == 1
        assert database.execute_sql("SELECT count(*) FROM tea_talk").fetchone() == (0,)
        assert agenda_rows() == 0


def test_the_phone_is_masked_unless_identifiers_are_included(
    studio: Install, county: Install, out: Path, talk: kinds.RecordKind
) -> None:
    """A phone is a personal identifier (``Field.identifier``): a package carries it masked
    unless the user may see identifiers and includes them; the county then keeps its own."""
    assert maskable(talk.name) == {"contact_phone"}
    with studio as ctx:
        m = members.create(ctx, {"name": "王建国"})
        row = kind_records.create(ctx, talk, {
            "title": "茶叙", "held_on": "2026-11-20", "members": [m.id],
            "contact_phone": "13800001111",
        })  # fmt: skip
    path = send(studio, out, {"委员": 1, "茶叙": 1})
    book = CalamineWorkbook.from_path(str(path))
    try:
        cells = book.get_sheet_by_name(talk.sheet_title).to_python()
    finally:
        book.close()
    header, first = cells[0], cells[1]
    assert first[header.index("联系电话")] == "138****1111"
    take(county, path, new=2)
    with county:
        assert kind_records.get(talk, row.uuid).contact_phone == ""  # never the masked text
        assert kind_records.get(talk, row.uuid).title == "茶叙"

    with studio as ctx:
        kind_records.update(ctx, talk, row.id, {"title": "春茶"})
    take(county, send(studio, out, {"茶叙": 1}, include_identifiers=True), update=1)
    with county:
        assert kind_records.get(talk, row.uuid).contact_phone == "13800001111"
    with studio as ctx:
        kind_records.update(ctx, talk, row.id, {"title": "夏茶"})
    take(county, send(studio, out, {"茶叙": 1}), update=1)
    with county:
        kept = kind_records.get(talk, row.uuid)
        assert (kept.title, kept.contact_phone) == ("夏茶", "13800001111")  # masked: kept


def test_the_sheets_follow_the_registry_at_call_time(ctx: object) -> None:
    assert TEA_TALK.name not in [s.record for s in sheets_for(PackageKind.STUDIO)]
    with kinds.registered(TEA_TALK):
        specs = sheets_for(PackageKind.STUDIO)
        assert specs[-1].record == TEA_TALK.name
        spec = studio_sheet(TEA_TALK.name)
        assert spec.title == "茶叙"
        assert hooks.of(TEA_TALK.name) is hooks.PLAIN
        keys = [c.key for c in spec.columns]
        assert keys[2:14] == [
            "title", "held_on", "topic", "host", "host__uuid", "members", "members__uuid",
            "guests", "contact_phone", "notes", "public", "agenda",
        ]  # fmt: skip
        assert keys[14:16] == ["agenda__rows", "uuid"]
        shown, data = spec.column("agenda"), spec.column("agenda__rows")
        assert (shown.header, shown.hidden, data.header, data.hidden) == (
            "议程",
            False,
            "议程（数据）",
            True,
        )
        assert "agenda__rows" in spec.hashed_keys and "agenda" not in spec.hashed_keys
        assert TEA_TALK.name not in feedback_records()  # no county-owned field
        assert tables.links(TEA_TALK.name)["members"].table == "tea_talk_member"
    assert TEA_TALK.name not in [s.record for s in sheets_for(PackageKind.STUDIO)]


# The generic modules of the exchange: they read kinds from the registry and what a kind
# carries besides its fields from ``exchange.hooks`` (``exchange.extras`` declares those).
# Not generic: ``extras``, ``rules`` (the visit's rules) and ``ledger`` (the visits' ledger);
# ``sniff`` checks zip files (whose "members" are no record kind).
GENERIC = (
    "apply", "canonical", "columns", "export", "feedback", "files", "hooks", "importer",
    "labels", "normalise", "plan", "reader", "rows_list", "schema", "signature", "staging",
    "tables", "waiting", "writer",
)  # fmt: skip


def _named_kinds(path: Path) -> set[str]:
    """Kinds a module names in code: in a string (SQL too) or as a name (``kinds.VISIT``,
    ``Visit``); docstrings and comments may talk about them, and field kinds (``Kind.MEMBER``,
    a link to a member) are no record kind."""
    tree = ast.parse(path.read_text("utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found = set()
    for node in ast.walk(tree):
        words: list[str] = []
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if id(node) not in docstrings:
                words = re.findall(r"[A-Za-z_]+", node.value)
        elif isinstance(node, ast.Attribute):  # not a field kind: Kind.MEMBERS links members
            if not (isinstance(node.value, ast.Name) and node.value.id == "Kind"):
                words = [node.attr]
        elif isinstance(node, ast.Name):
            words = [node.id]
        for name in kinds.names():
            camel = "".join(part.title() for part in name.split("_"))
            if any(w.lower() in (name, f"{name}_id") or w == camel for w in words):
                found.add(name)
    return found


@pytest.mark.parametrize("module", GENERIC)
def test_generic_exchange_code_names_no_record_kind(module: str) -> None:
    assert _named_kinds(PACKAGE_MODULES / f"{module}.py") == set()


def test_the_built_in_kinds_are_named_where_their_hooks_are_declared() -> None:
    """Interviews have no hooks: a proposal's sources come from its declared origins."""
    assert _named_kinds(PACKAGE_MODULES / "extras.py") == {
        "member", "resident", "visit", "proposal",
    }  # fmt: skip
