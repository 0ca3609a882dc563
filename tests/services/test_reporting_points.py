"""Direct reporting points (社情民意直报点) as records: a visit through a point (channel 直报点)
names it, is refused without it and may not name one through another channel; a visit saved
before points existed keeps working (advanced, edited) without one; a point's panel lists its
visits; its visits are counted by month and category; ``stats --json`` counts the points."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from studio_app.core import kinds
from studio_app.core.errors import ValidationError
from studio_app.services import kind_records, named_counts, record_details, visits
from studio_app.services.context import Context
from studio_app.storage.models import Visit, database
from tests.services.helpers import member, stats_json
from tests.services.helpers import visit as make_visit

POINT = kinds.REPORTING_POINT


def point(ctx: Context, name: str = "东岙村社情民意直报点") -> int:
    return int(kind_records.create(ctx, POINT, {
        "name": name, "village": "东岙村", "liaison": "林秀珍", "phone": "13800001111",
        "hours": "每周一、三、五上午",
    }).id)  # fmt: skip


def through(ctx: Context, point_id: int | None, **more: Any) -> Visit:
    return make_visit(ctx, channel="reporting_point", reporting_point=point_id, **more)


def test_a_visit_through_a_point_names_it(ctx: Context) -> None:
    member(ctx)
    found = through(ctx, point(ctx))
    assert found.reporting_point_id is not None
    details = record_details.details(ctx, "visit", found.id)
    shown = {row.label: row for row in details.rows}
    assert [r.text for r in shown["直报点"].refs] == ["东岙村社情民意直报点"]


@pytest.mark.parametrize(
    ("channel", "named", "message"),
    [("reporting_point", False, "直报点：接待方式为“直报点”时必填"),
     ("reception", True, "直报点：只有接待方式为“直报点”时才填写")],
)  # fmt: skip
def test_a_point_goes_with_its_channel_only(
    ctx: Context, channel: str, named: bool, message: str
) -> None:
    member(ctx)
    chosen = point(ctx) if named else None
    with pytest.raises(ValidationError) as refused:
        make_visit(ctx, channel=channel, reporting_point=chosen)
    assert refused.value.errors["reporting_point"] == message
    assert Visit.select().count() == 0


def test_changing_the_channel_to_a_point_asks_for_the_point(ctx: Context) -> None:
    member(ctx)
    found = make_visit(ctx, channel="reception")
    with pytest.raises(ValidationError) as refused:
        visits.update(ctx, found.id, {"channel": "reporting_point"})
    assert "通过直报点反映时必填" in refused.value.errors["reporting_point"]
    visits.update(ctx, found.id, {"channel": "reporting_point", "reporting_point": point(ctx)})


def test_an_older_visit_through_a_point_without_one_keeps_working(ctx: Context) -> None:
    member(ctx)
    found = make_visit(ctx, channel="reception", handling="referred", referred_unit="02")
    database.execute_sql("UPDATE visit SET channel = 'reporting_point' WHERE id = ?", (found.id,))
    kept = visits.values_of(Visit.get_by_id(found.id))
    visits.update(ctx, found.id, kept)  # saved unchanged
    visits.advance(ctx, found.id, "start")  # advanced
    visits.update(ctx, found.id, {"onsite_reply": "已记录"})  # edited
    assert Visit.get_by_id(found.id).reporting_point_id is None


def test_a_points_panel_lists_its_visits_and_counts_them_by_month(ctx: Context) -> None:
    member(ctx)
    east, west = point(ctx), point(ctx, "西岙村社情民意直报点")
    for when, category in (
        ("2026-01-05 09:00", "01"),
        ("2026-01-20 09:00", "01"),
        ("2026-03-02 09:00", "02"),
        ("2025-12-30 09:00", "01"),
    ):
        through(ctx, east, occurred_at=when, category=category)
    through(ctx, west, occurred_at="2026-01-06 09:00")
    gone = through(ctx, east, occurred_at="2026-02-01 09:00")
    visits.delete(ctx, gone.id)
    details = record_details.details(ctx, POINT.name, east)
    (row,) = [r for r in details.rows if r.key == "named:visit"]
    assert len(row.refs) == 4 and row.refs[0].note.startswith("2026-03-02")
    ((owner, key),) = named_counts.counted(POINT.name)
    table = named_counts.by_month(owner, key, east, 2026)
    assert table.label == "问题类别" and table.total == 3
    assert table.totals[:3] == (2, 0, 1)
    assert [(label, counts[:3]) for label, counts in table.lines] == [
        (label, (2, 0, 0)) for label in [table.lines[0][0]]
    ] + [(table.lines[1][0], (0, 0, 1))]  # fmt: skip


def test_stats_json_counts_the_points(
    ctx: Context, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    point(ctx)
    found = stats_json(db_path, capsys)
    assert found["reporting_points"]["total"] == 1
    assert found["reporting_points"]["label"] == "社情民意直报点"
