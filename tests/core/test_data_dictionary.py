"""docs/DATA.md is what the record-kind declarations say, and says all of it."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio_app.core import codes as c
from studio_app.core import data_dictionary as dd
from studio_app.core import defaults, kinds
from studio_app.exchange import schema
from studio_app.storage.database import close_database, open_database
from studio_app.storage.models import SyncedModel


def test_the_checked_in_data_dictionary_is_current() -> None:
    assert dd.PATH.read_text("utf-8") == dd.markdown(), (
        f"docs/DATA.md is stale: regenerate it with `{dd.REGENERATE}`"
    )


def test_every_kind_field_and_code_appears() -> None:
    text = dd.markdown()
    for k in kinds.all_kinds():
        assert f"## {k.label} `{k.name}`" in text
        assert f"Sheet {k.sheet_title} of a studio package" in text
        if k.serial_prefix:
            assert f"`{k.serial_prefix}`" in text
        for link in k.links:
            assert f"table `{link.table}`" in text
        for fld in k.fields:
            assert f"| `{fld.key}` | {fld.label} |" in text, (k.name, fld.key)
    for enum in [*dd.enums_in_use(), *dd.other_enums()]:
        assert f"`{enum.__name__}`" in text
        for member in enum:
            assert f"`{member.value}`" in text and member.label in text, member
    for lst in c.CodeListKind:
        assert f"### {lst.label} `{lst.value}`" in text
        for i, entry in enumerate(defaults.CODE_LISTS[lst], 1):
            assert f"| `{i:02d}` | {entry} |" in text
    for key, label, _ in dd.SYNCED:
        assert f"| `{key}` | {label} |" in text


def test_every_code_set_is_described() -> None:
    declared = {v for v in vars(c).values() if isinstance(v, type) and issubclass(v, c.Coded)}
    assert declared - {c.Coded, c.CodeListKind} == {*dd.enums_in_use(), *dd.other_enums()}


def test_sheet_columns_are_the_exchange_schemas() -> None:
    tail = [*schema.META_TAIL, schema.HASH_COLUMN]
    for k in kinds.all_kinds():
        sheet = schema.studio_sheet(k.name)
        headers = dd.sheet_headers(k)
        assert tuple(col.header for col in sheet.columns if not col.hidden) == headers.visible
        hidden = [col.header for col in sheet.columns if col.hidden]
        assert set(headers.links) <= set(hidden), k.name
        assert [col.header for col in sheet.columns[-len(tail) :]] == list(dd.SHEET_TAIL)
    assert [col.header for col in tail] == list(dd.SHEET_TAIL)


def test_every_synced_column_is_described() -> None:
    stored = {f.column_name for f in SyncedModel._meta.sorted_fields} - {"id"}  # type: ignore[attr-defined]
    assert stored == {key for key, _, _ in dd.SYNCED}


def test_every_table_and_undeclared_column_is_described(tmp_path: Path) -> None:
    db = open_database(tmp_path / "dictionary.sqlite3")
    try:
        tables = [r[0] for r in db.execute_sql("SELECT name FROM sqlite_master WHERE type='table'")]
        columns = {k.name: [r[1] for r in db.execute_sql(f'PRAGMA table_info("{k.name}")')]
                   for k in kinds.all_kinds()}  # fmt: skip
    finally:
        close_database()
    text = dd.markdown()
    fts = tuple(k.fts for k in kinds.indexed() if k.fts)
    for table in tables:
        if not table.startswith(("sqlite_", *fts)):
            assert f"`{table}`" in text, table
    synced = {key for key, _, _ in dd.SYNCED} | {"id", "status"}
    for k in kinds.all_kinds():
        declared = {link.names_column for link in k.links} | synced
        for fld in k.fields:
            declared |= {fld.key, f"{fld.key}_id", *fld.derived}
        for column in columns[k.name]:
            assert column in declared or f"`{k.name}.{column}`" in text, (k.name, column)


def test_it_prints_or_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert dd.main([]) == 0
    assert capsys.readouterr().out == dd.markdown()
    monkeypatch.setattr(dd, "PATH", tmp_path / "DATA.md")
    assert dd.main(["--write"]) == 0
    assert (tmp_path / "DATA.md").read_text("utf-8") == dd.markdown()
