"""Record details for the panel beside lists: labels, masking, links, a person's visits."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from studio_app.core.errors import NotFound
from studio_app.services import record_details, records, visits
from studio_app.services.context import Context
from tests.services.helpers import member, resident, visit

pytestmark = pytest.mark.both_engines  # also on PostgreSQL (the county's several PCs)

ID_NUMBER = "11010519491231002X"


def test_a_resident_s_identifiers_are_masked_without_the_grant(ctx: Context) -> None:
    person = resident(ctx, phone="13800001111", id_number=ID_NUMBER)
    shown = record_details.details(ctx, "resident", person.id)
    assert shown.row("联系电话").text == "13800001111"  # type: ignore[union-attr]
    assert shown.row("身份证号").text == ID_NUMBER  # type: ignore[union-attr]
    masked = record_details.details(replace(ctx, may_see_pii=False), "resident", person.id)
    assert masked.row("联系电话").text == "138****1111"  # type: ignore[union-attr]
    assert masked.row("身份证号").text == "110105********002X"  # type: ignore[union-attr]
    assert masked.row("类别").text == "村民"  # type: ignore[union-attr]


def test_a_member_lists_the_latest_visits_and_counts_the_rest(ctx: Context) -> None:
    someone = member(ctx)
    start = datetime(2026, 1, 1, 9, 0)
    with records.atomic():
        ids = [
            visit(ctx, member_ids=[someone.id], occurred_at=start + timedelta(days=i)).id
            for i in range(record_details.RECENT_VISITS + 3)
        ]
    visits.delete(ctx, ids[-1])  # the trash is not listed
    shown = record_details.details(ctx, "member", someone.id)
    row = shown.row("接待走访记录")
    assert row is not None and len(row.refs) == record_details.RECENT_VISITS
    assert row.refs[0].record_id == ids[-2] and row.more == 2
    assert row.refs[0].text == visits.get(ids[-2]).serial
    assert shown.row("界别").text == "农业界"  # type: ignore[union-attr]


def test_a_visit_names_its_people_as_links(ctx: Context) -> None:
    someone, person = member(ctx, "李梅"), resident(ctx, "张三")
    v = visit(ctx, member_ids=[someone.id], residents=[person.id])
    shown = record_details.details(ctx, "visit", v.id)
    assert shown.row("值班/走访委员").refs[0].kind == "member"  # type: ignore[union-attr]
    assert [r.text for r in shown.row("来访群众").refs] == ["张三"]  # type: ignore[union-attr]
    assert shown.row("状态").text == "已办结"  # type: ignore[union-attr]  # answered on the spot


def test_an_unknown_record_is_refused_plainly(ctx: Context) -> None:
    with pytest.raises(NotFound, match="找不到"):
        record_details.details(ctx, "proposal", 999)
