"""The record-kind declarations agree with the database and with every module that reads them."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio_app.core import kinds
from studio_app.core.codes import SERIAL_PREFIX
from studio_app.core.fields import SINGLE_LINKS, Field, Kind, rows_table
from studio_app.storage import kind_tables
from studio_app.storage.database import close_database, open_database
from studio_app.storage.models import ALL_MODELS, SyncedModel

LINKS = (Kind.MEMBERS, Kind.RESIDENTS)


@pytest.fixture
def db(tmp_path: Path):  # type: ignore[no-untyped-def]
    database = open_database(tmp_path / "kinds.sqlite3")
    yield database
    close_database()


def columns(db, table: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {row[1] for row in db.execute_sql(f'PRAGMA table_info("{table}")')}


def test_every_synced_table_is_a_declared_kind() -> None:
    """Hand-written models are kinds; a kind without one gets its model from the declaration."""
    synced = {m._meta.table_name for m in ALL_MODELS if issubclass(m, SyncedModel)}  # type: ignore[attr-defined]
    assert synced <= set(kinds.names())
    for k in kinds.all_kinds():
        assert kind_tables.model(k)._meta.table_name == k.name  # type: ignore[attr-defined]


def test_fields_and_links_are_stored(db) -> None:  # type: ignore[no-untyped-def]
    for k in kinds.all_kinds():
        have = columns(db, k.name)
        for fld in k.fields:
            if fld.kind in LINKS:
                link = k.link(fld.key)
                assert {link.owner, link.target} <= columns(db, link.table), link
                assert link.names_column is None or link.names_column in have
            elif fld.kind is Kind.ROWS:
                kept = columns(db, rows_table(k.name, fld.key))
                named = {f"{c.key}_id" if c.kind is Kind.MEMBER else c.key for c in fld.columns}
                assert {f"{k.name}_id", "position", *named} <= kept, f"{k.name}.{fld.key}"
                assert fld.key not in have
            else:
                column = f"{fld.key}_id" if fld.kind in SINGLE_LINKS else fld.key
                assert column in have, f"{k.name}.{fld.key}"
        assert {link.key for link in k.links} == {
            fld.key for fld in k.fields if fld.kind in LINKS
        }, k.name


def test_indexes_and_live_counts_exist_for_the_kinds_that_declare_them(db) -> None:  # type: ignore[no-untyped-def]
    tables = {r[0] for r in db.execute_sql("SELECT name FROM sqlite_master WHERE type='table'")}
    for k in kinds.indexed():
        assert k.fts in tables
    triggers = " ".join(
        r[0] for r in db.execute_sql("SELECT sql FROM sqlite_master WHERE type='trigger'")
    )
    for k in kinds.all_kinds():
        counted = f"table_name = '{k.name}'" in triggers
        assert counted == k.live_counted, k.name


def test_serial_prefixes_are_unique() -> None:
    prefixes = [k.serial_prefix for k in kinds.all_kinds() if k.serial_prefix]
    prefixes += list(SERIAL_PREFIX.values())
    assert len(prefixes) == len(set(prefixes))


def test_a_kind_declared_twice_or_linking_forward_is_refused() -> None:
    with pytest.raises(ValueError, match="declared twice"):
        kinds.register(kinds.VISIT)
    forward = kinds.RecordKind(
        "later", "后来", "后来", "后来", (Field("x", "x", Kind.MEMBERS),),
        links=(kinds.LinkTable("x", "later_x", "later_id", "x_id", "not_yet"),),
    )  # fmt: skip
    with pytest.raises(ValueError, match="declared later"):
        kinds.register(forward)
    assert "later" not in kinds.names()
