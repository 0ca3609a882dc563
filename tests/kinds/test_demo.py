"""The demo studio gets records of a kind declared only in the tests, valid by its own rules."""

from __future__ import annotations

from studio_app.core import kinds
from studio_app.demo import studio as demo
from studio_app.services import kind_records
from studio_app.services.coerce import clean
from studio_app.services.context import Context
from studio_app.storage.models import database


def test_demo_makes_valid_records_of_a_generic_kind(
    ctx: Context, tea_talk: kinds.RecordKind
) -> None:
    demo.generate(ctx, visits=200, seed=3)
    ids = [r[0] for r in database.execute_sql("SELECT id FROM tea_talk ORDER BY id")]
    assert len(ids) == 10
    for record_id in ids:
        values = kind_records.values(tea_talk, record_id)
        clean(tea_talk.fields, values, partial=False)  # every stored value passes validation
        assert values["members"]
    counted = database.execute_sql("SELECT n FROM live_count WHERE table_name='tea_talk'")
    assert counted.fetchone()[0] == 10
