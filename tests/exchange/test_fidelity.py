"""Issue 11, exchange fidelity: no text is ever cut, and no cell ever becomes markup or a formula.

Lengths count UTF-16 code units everywhere (entry limit, export check), as Excel does; every
workbook the app writes is checked in its sheet XML for ``<f>`` elements and read back.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from python_calamine import CalamineWorkbook

from studio_app.cli import main
from studio_app.core import codes as c
from studio_app.core import kinds
from studio_app.core.errors import UserError, ValidationError
from studio_app.core.fields import MAX_LONGTEXT, Field, Kind
from studio_app.core.text import utf16_len
from studio_app.core.xlsx import EXCEL_ROWS, CellNotWritten, PlainWorkbook, check, write_text
from studio_app.exchange.export import export_studio
from studio_app.exchange.feedback import export_feedback
from studio_app.exchange.importer import import_package
from studio_app.exchange.ledger import export_ledger
from studio_app.exchange.schema import COUNTY, FIELDS, PackageKind, Role, SheetSpec, sheets_for
from studio_app.paths import DATABASE_FILE
from studio_app.services import (
    audit_review,
    code_lists,
    county_work,
    interviews,
    kind_records,
    members,
    proposals,
    residents,
    site,
    visits,
)
from studio_app.services.coerce import FieldError, coerce
from studio_app.services.context import Context
from studio_app.storage.database import close_database, open_database
from studio_app.storage.models import Proposal, Visit
from tests.exchange.builders import fill
from tests.exchange.conftest import Install, differences, everything
from tests.exchange.test_libreoffice import SOFFICE, resave
from tests.system_packages import needs

pytestmark = pytest.mark.both_engines  # the county's database: SQLite, then PostgreSQL

RARE = "\U00020000"  # 𠀀, CJK Extension B: one character, two UTF-16 units
EMOJI = "\U0001f600"
CONTENT = kinds.VISIT.field("content")
INJECTION = '<r>甲</r></is><f>HYPERLINK("http://x","点击")</f><is><r>乙</r>'
HOSTILE = (
    "=1+2",
    "+86 138",
    "-1",
    "@SUM(A1)",
    "\t=1+2",
    "\r=1+2",
    "<r>注意</r>",
    "<f>1+1</f>",
    INJECTION,
    "<r>甲</r></is><f>1+1</f><is><r>乙</r>",  # fits the 50-character fields
    "<r>_x0041_</r>",
)
FORMULA = re.compile(rb"<f[\s>/]")


# --- 1. lengths in UTF-16 units, never a silently short cell --------------------------------


def test_text_limits_count_utf16_units_as_excel_does() -> None:
    assert utf16_len(RARE * 3 + EMOJI + "字a") == 10
    assert coerce(CONTENT, EMOJI * (MAX_LONGTEXT // 2)) == EMOJI * (MAX_LONGTEXT // 2)
    with pytest.raises(FieldError, match=r"32,000 个字（现有 32,002 个；生僻字和表情符号按 2 个计"):
        coerce(CONTENT, EMOJI * (MAX_LONGTEXT // 2 + 1))
    with pytest.raises(FieldError, match=r"现有 32,001 个）"):
        coerce(CONTENT, "字" * (MAX_LONGTEXT + 1))  # no note when nothing counts double
    name = Field("name", "姓名", Kind.TEXT, max_len=50)
    with pytest.raises(FieldError, match="50"):
        coerce(name, RARE * 26)


def test_the_services_refuse_rare_characters_past_the_limit(studio: Install) -> None:
    with studio as ctx:
        made = fill(ctx)
        visit = made["visits"][0]
        with pytest.raises(ValidationError, match=r"反映内容：不能超过 32,000 个字（现有 40,000"):
            visits.update(ctx, visit.id, {"content": RARE * 20_000})
        # Under 32,000 characters, but 33,000 UTF-16 units: Excel would cut it.
        with pytest.raises(ValidationError, match=r"现有 33,000 个；生僻字和表情符号按 2 个计"):
            visits.update(ctx, visit.id, {"content": "字" * 30_000 + RARE * 1_500})
        assert Visit.get_by_id(visit.id).content == visit.content


def test_31000_characters_with_emoji_under_the_limit_round_trip_exactly(
    studio: Install, county: Install, out: Path
) -> None:
    text = "反映：" + "路" * 29_997 + (EMOJI + RARE) * 500  # 31,000 characters, 32,000 units
    assert len(text) == 31_000 and utf16_len(text) == MAX_LONGTEXT
    with studio as ctx:
        made = fill(ctx)
        visits.update(ctx, made["visits"][0].id, {"content": text, "result": "=" + text[:9_999]})
        path = export_studio(ctx, out, include_identifiers=True).path
        assert path is not None
        expected = everything()
    with county as cctx:
        result = import_package(cctx, path)
        assert result.applied and result.plan.counts["edited"] == 0
        assert Visit.get(Visit.uuid == made["visits"][0].uuid).content == text
        assert differences(everything(), expected) == []


def test_text_stored_past_excel_cell_limit_refuses_the_export_naming_the_serial(
    studio: Install, out: Path
) -> None:
    with studio as ctx:
        made = fill(ctx)
        # 20,000 characters but 40,000 UTF-16 units: stored by another tool, past the services.
        Visit.update(content=RARE * 20_000).where(Visit.id == made["visits"][0].id).execute()
        with pytest.raises(UserError, match=r"JD-2026-0001.*反映内容.*40,000.*32,767"):
            export_studio(ctx, out)
        with pytest.raises(UserError, match=r"JD-2026-0001.*反映内容"):
            export_ledger(ctx, out, "2026-03")
    assert list(out.iterdir()) == []


def test_the_county_counts_a_received_text_in_utf16_units_too(
    studio: Install, county: Install, out: Path
) -> None:
    """16,001 rare characters (32,002 units) fit an Excel cell but not the entry limit: the
    importer refuses the row as the services would have, it never lands past the limit."""
    with studio as ctx:
        made = fill(ctx)
        Visit.update(content=RARE * 16_001).where(Visit.id == made["visits"][0].id).execute()
        path = export_studio(ctx, out).path
    with county as cctx:
        plan = import_package(cctx, path, dry_run=True).plan  # type: ignore[arg-type]
        [row] = plan.of("rejected")
        assert "反映内容：不能超过 32,000 个字（现有 32,002 个；生僻字和表情符号按 2 个计）" in (
            row.reason
        )


def test_cli_export_of_an_over_long_text_exits_non_zero_and_writes_no_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, usb = tmp_path / "studio", tmp_path / "usb"
    usb.mkdir()

    def cli(*args: str) -> int:
        try:
            return main(["--data-dir", str(data), *args])
        finally:
            close_database()

    assert cli("setup", "--kind", "studio", "--name", "石桥镇政协委员工作室", "--code", "SQZ") == 0
    open_database(data / DATABASE_FILE)
    first = fill(site.context_for(site.require_site()))["visits"][0]
    serial = first.serial
    Visit.update(content=RARE * 20_000).where(Visit.id == first.id).execute()
    close_database()
    capsys.readouterr()
    assert cli("export", str(usb)) != 0
    err = capsys.readouterr().err
    assert serial in err and "32,767" in err
    assert list(usb.iterdir()) == []
    assert cli("export", "--full", str(usb)) != 0  # never a package with a short cell
    assert list(usb.iterdir()) == []


def test_every_xlsxwriter_refusal_is_an_error_never_a_short_or_missing_cell(
    tmp_path: Path,
) -> None:
    book = PlainWorkbook(tmp_path / "x.xlsx", {"in_memory": True}, tmpdir=tmp_path)
    assert book.constant_memory  # inline strings: the path PlainTextWorksheet guards
    ws = book.add_worksheet("表")
    write_text(ws, 0, 0, RARE * 16_383)  # 32,766 units: fits
    with pytest.raises(CellNotWritten, match=r"第 2 行第 1 列.*32,767") as cut:
        write_text(ws, 1, 0, RARE * 16_384)  # xlsxwriter would cut it and return -2
    assert cut.value.code == -2
    write_text(ws, 3, 0, "后一行")
    with pytest.raises(CellNotWritten):
        write_text(ws, 2, 0, "已写出的行")  # constant memory: row 3 is on disk already
    with pytest.raises(CellNotWritten, match="1,048,576"):
        check(ws.write_number(EXCEL_ROWS, 0, 1), ws, EXCEL_ROWS, 0)
    book.close()


# --- 2. no cell is ever markup or a formula ------------------------------------------------


def _formula_free(path: Path) -> None:
    """No ``<f>`` element in any part of the workbook's XML."""
    with zipfile.ZipFile(path) as z:
        found = [n for n in z.namelist() if n.endswith(".xml") and FORMULA.search(z.read(n))]
    assert found == []


def _text_keys(spec: SheetSpec, *, owner: str | None = None) -> list[Field]:
    return [
        col.field  # type: ignore[misc]
        for col in spec.columns
        if col.role is Role.DATA
        and col.field in FIELDS[spec.record]  # not the units (set through their own service)
        and col.kind in (Kind.TEXT, Kind.LONGTEXT)
        and not col.field.check  # type: ignore[union-attr]  (a credit code: its own rule)
        and (owner is None or (col.field.owner == COUNTY) == (owner == COUNTY))
    ]


def _fitting(fields: list[Field], value: str) -> dict[str, str]:
    return {f.key: value for f in fields if f.limit is None or utf16_len(value) <= f.limit}


def _hostile_records(ctx: Context) -> dict[str, list[dict[str, str]]]:
    """One record of each kind per hostile value, in every text field it fits (and uuid)."""
    specs = {s.record: s for s in sheets_for(PackageKind.STUDIO)}
    texts = {r: _text_keys(s, owner="studio") for r, s in specs.items()}
    given: dict[str, list[dict[str, str]]] = {r: [] for r in specs}
    for n, value in enumerate(HOSTILE):
        t = {r: _fitting(fields, value) for r, fields in texts.items()}
        covered = {r: set(t[r]) for r in t}
        m = members.create(ctx, {"name": f"委员{n}", **t["member"]})
        r = residents.create(ctx, {"name": f"群众{n}", "phone": f"1390000{n:04d}", **t["resident"]})
        v = visits.create(ctx, {
            "channel": "reception", "occurred_at": f"2026-03-{n + 10} 09:00", "members": [m.id],
            "residents": [r.id], "category": "交通出行", "handling": "answered", **t["visit"],
        })  # fmt: skip
        i = interviews.create(ctx, {
            "kind": "offline", "occurred_at": f"2026-03-{n + 10} 10:00", "members": [m.id],
            **t["interview"],
        })  # fmt: skip
        p = proposals.create(ctx, {"kind": "proposal", "lead_member": m.id, **t["proposal"]})
        proposals.submit(ctx, p.id)
        a = kind_records.create(ctx, kinds.ACTIVITY, {
            "kind": "视察", "organiser": "studio", "starts_at": f"2026-03-{n + 10} 14:00",
            "attendance": [{"member": m.id, "attendance": "present"}], **t["activity"],
        })  # fmt: skip
        xs = kind_records.create(ctx, kinds.CONSULTATION, {
            "source": "member", "format": "meeting", "held_at": f"2026-03-{n + 10} 15:00",
            **t["consultation"],
        })  # fmt: skip
        lx = kind_records.create(ctx, kinds.CONTACT, {
            "member": m.id, "contacted_at": f"2026-03-{n + 10} 16:00", "channel": "phone",
            "residents": [r.id], **t["contact"],
        })  # fmt: skip
        jc = kind_records.create(ctx, kinds.OBSERVATION_POINT, {
            "name": f"企业{n}", **t["observation_point"],
        })  # fmt: skip
        hj = kind_records.create(ctx, kinds.ELECTION, {
            "village": f"村{n}", "term": "2026年换届", "election_on": f"2026-03-{n + 10}",
            "observers": [m.id], "entries": [{"stage": "voting", "observer": m.id}],
            **t["election"],
        })  # fmt: skip
        zb = kind_records.create(ctx, kinds.REPORTING_POINT, {
            "name": f"直报点{n}", **t["reporting_point"],
        })  # fmt: skip
        ob = kind_records.create(ctx, kinds.OBSERVATION, {
            "point": jc.id, "observed_on": f"2026-03-{n + 10}", "members": [m.id],
            "method": "visit", "service_rating": "3", "summary": "走访", **t["observation"],
            "issues": [{"item": f"问题{n}", "status": "submitted"}],
        })  # fmt: skip
        made = {"member": m, "resident": r, "visit": v, "interview": i, "proposal": p,
                "activity": a, "consultation": xs, "contact": lx,
                "observation_point": jc, "observation": ob, "election": hj,
                "reporting_point": zb}  # fmt: skip
        assert set(made) == set(specs)
        for record, row in made.items():
            given[record].append({k: getattr(row, k) for k in {"uuid", *covered[record]}})
    for record, fields in texts.items():  # every text column got (nearly) every value
        for f in fields:
            assert len([g for g in given[record] if f.key in g]) >= len(HOSTILE) - 1, f.key
    return given


def _cells(path: Path, sheet: str) -> list[list[Any]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()


def test_no_text_of_any_sheet_becomes_a_formula_or_markup(
    studio: Install, county: Install, out: Path
) -> None:
    with studio as ctx:
        fill(ctx)
        given = _hostile_records(ctx)
        package = export_studio(ctx, out, include_identifiers=True).path
        assert package is not None
        at_studio = everything()
    _formula_free(package)
    sheet = _cells(package, "接待走访")
    content = [row[sheet[0].index("反映内容")] for row in sheet[1:]]
    assert "<r>注意</r>" in content and INJECTION in content  # read back as written
    with county as cctx:
        result = import_package(cctx, package)
        assert result.applied and result.plan.counts["edited"] == 0
        assert differences(everything(), at_studio) == []
        for record, model in (("visit", Visit), ("proposal", Proposal)):
            for g in given[record]:
                row = model.get(model.uuid == g["uuid"])
                assert {k: getattr(row, k) for k in g} == g

        county_texts = _text_keys(sheets_for(PackageKind.FEEDBACK)[0], owner=COUNTY)
        units = [code_lists.add(cctx, c.CodeListKind.HANDLING_UNIT, v).code
                 for v in HOSTILE if v == v.strip()]  # fmt: skip
        for n, value in enumerate(HOSTILE):
            proposals.update(cctx, given["proposal"][n]["uuid"], {
                "review": "accepted", "replied_at": "2026-05-20", **_fitting(county_texts, value),
            })  # fmt: skip
        first = export_feedback(cctx, "SQZ", out).path  # carries the new units' code list
        assert first is not None
        for n, g in enumerate(given["proposal"]):
            county_work.set_units(cctx, g["uuid"], [("lead", units[n % len(units)])])
        second = export_feedback(cctx, "SQZ", out).path
        assert second is not None
        at_county = everything()
        ledger = export_ledger(cctx, out / "county-ledger.xlsx", "2026-03")
    sheet = _cells(second, "提案与社情民意")
    shown = {row[sheet[0].index("承办单位")] for row in sheet[1:]}
    assert {f"{c.UnitRole.LEAD.label}：{v}" for v in HOSTILE if v == v.strip()} <= shown
    with studio as ctx:
        for feedback in (first, second):
            _formula_free(feedback)
            result = import_package(ctx, feedback)
            assert result.applied and result.plan.counts["edited"] == 0
        assert differences(everything(), at_county) == []
    _formula_free(ledger)


@pytest.mark.slow
@needs("libreoffice-calc-nogui", SOFFICE is not None, "re-saves workbooks as a person would")
def test_hostile_text_survives_a_libreoffice_resave(
    studio: Install, county: Install, out: Path, tmp_path: Path
) -> None:
    with studio as ctx:
        _hostile_records(ctx)
        package = export_studio(ctx, out, include_identifiers=True).path
        assert package is not None
        at_studio = everything()
    resaved = resave(package, tmp_path)
    _formula_free(resaved)
    with county as cctx:
        result = import_package(cctx, resaved)
        assert result.applied and result.plan.counts["edited"] == 0
        assert differences(everything(), at_studio) == []


def test_the_ledger_and_the_audit_export_keep_hostile_text_as_text(
    studio: Install, out: Path
) -> None:
    with studio as ctx:
        fill(ctx)
        _hostile_records(ctx)
        # Stored by another tool, past the services' cleaning: CRs and Excel's own escape.
        raw = ("\r=1+2\r_x000D_", "<r>\r@SUM(A1)_x000D_</r>")
        Visit.update(result=raw[0]).where(Visit.place == "<r>注意</r>").execute()
        Visit.update(result=raw[1]).where(Visit.place == "@SUM(A1)").execute()
        ledger = export_ledger(ctx, out, "2026-03")
        expected = {
            v.serial: [v.member_names, v.resident_names, v.content, v.result]
            for v in Visit.select()
            if not v.confidential
        }
        audit = audit_review.export(ctx, audit_review.entries(ctx), out / "audit.xlsx")
        audit_rows = audit_review.rows(audit_review.entries(ctx))
    _formula_free(ledger)
    rows = _cells(ledger, "接待走访台账")[2:]
    got = {r[1]: [r[4], r[5], r[7], r[11]] for r in rows if r[1] in expected}
    assert got == expected and set(raw) <= {g[3] for g in got.values()}
    villages = {r[0] for r in _cells(ledger, "月度统计")}
    assert {"<r>注意</r>", INJECTION, "=1+2"} <= villages
    _formula_free(audit)
    assert _cells(audit, "操作日志")[1:] == audit_rows
