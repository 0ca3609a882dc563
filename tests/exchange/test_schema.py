"""Field ownership in the workbook layouts, and the schema of migration 0005."""

from __future__ import annotations

from pathlib import Path

from studio_app.core import kinds
from studio_app.core.fields import COUNTY
from studio_app.exchange.schema import PackageKind, Role, sheets_for
from studio_app.storage.database import close_database, open_database
from studio_app.storage.models import EXCHANGE_MODELS


def test_studio_packages_carry_no_county_owned_field_and_feedback_only_those() -> None:
    county_keys = {f.key for f in kinds.PROPOSAL.fields if f.owner == COUNTY}
    for spec in sheets_for(PackageKind.STUDIO):
        keys = {c.field.key for c in spec.columns if c.field is not None}
        assert not keys & county_keys, spec.title
    [feedback] = sheets_for(PackageKind.FEEDBACK)
    data = {c.key for c in feedback.columns if c.role is Role.DATA}
    assert data - {"serial"} == county_keys | {"units"}


def test_headers_are_unique_and_chinese_per_sheet() -> None:
    for kind in PackageKind:
        for spec in sheets_for(kind):
            headers = [c.header for c in spec.columns]
            assert len(headers) == len(set(headers)), spec.title
            assert all(any("\u4e00" <= ch <= "\u9fff" for ch in h) for h in headers)


def test_exchange_tables_match_their_models(tmp_path: Path) -> None:
    db = open_database(tmp_path / "a.sqlite3")
    try:
        for model in EXCHANGE_MODELS:
            table = model._meta.table_name  # type: ignore[attr-defined]
            columns = {row[1] for row in db.execute_sql(f'PRAGMA table_info("{table}")')}
            assert columns == {f.column_name for f in model._meta.sorted_fields}  # type: ignore[attr-defined]
    finally:
        close_database()
