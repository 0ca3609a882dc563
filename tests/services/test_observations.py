"""Observations 监测记录 of the private-economy environment: a record linked to its observation
point, the five environments rated 1–5 with a note each, and the issues found following the
referral workflow (submitted → assigned to a unit → supervised → fed back → evaluated by the
enterprise), whose due dates reach the desk."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from studio_app.core import kinds
from studio_app.core.errors import NotFound, ValidationError
from studio_app.services import due_items, kind_records, members, record_details
from studio_app.services.context import Context
from studio_app.storage.models import database

pytestmark = pytest.mark.both_engines  # also on PostgreSQL (the county's several PCs)

POINT, OBSERVATION = kinds.OBSERVATION_POINT, kinds.OBSERVATION


def point(ctx: Context, name: str = "石桥精密机械有限公司") -> int:
    return kind_records.create(ctx, POINT, {"name": name}).id


def values(ctx: Context, point_id: int, **more: Any) -> dict[str, Any]:
    lee = members.create(ctx, {"name": "李梅"}).id
    return {"point": point_id, "observed_on": "2026-03-12", "members": [lee],
            "method": "visit", "service_rating": "4", "service_note": "审批窗口办事效率高",
            "market_rating": "3", "legal_rating": "2", "legal_note": "合同纠纷执行慢",
            "summary": "走访企业，了解用工、融资和审批情况。", **more}  # fmt: skip


def test_an_observation_is_linked_to_its_point_and_numbered(ctx: Context) -> None:
    found = kind_records.create(ctx, OBSERVATION, values(ctx, point(ctx)))
    assert found.serial.startswith(f"JC-{ctx.today().year}-")
    kept = kind_records.values(OBSERVATION, found.id)
    assert kept["point"] == found.point_id and kept["service_rating"] == "4"
    assert kept["government_rating"] == "" and kept["issues"] == []
    details = record_details.details(ctx, "observation", found.id)
    shown = {row.label: row for row in details.rows}
    assert [ref.text for ref in shown["监测点"].refs] == ["石桥精密机械有限公司"]


@pytest.mark.parametrize(
    ("change", "key", "message"),
    [({"point": None}, "point", "必填"),
     ({"point": 999}, "point", "监测点不存在"),
     ({"service_rating": "6"}, "service_rating", "6"),
     ({"method": "mail"}, "method", "mail")],
)  # fmt: skip
def test_a_wrong_observation_is_refused_and_nothing_is_kept(
    ctx: Context, change: dict[str, Any], key: str, message: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        kind_records.create(ctx, OBSERVATION, values(ctx, point(ctx), **change))
    assert message in refused.value.errors[key]
    assert database.execute_sql("SELECT count(*) FROM observation").fetchone() == (0,)


def test_an_observation_rates_at_least_one_environment(ctx: Context) -> None:
    unrated = {f"{e}_rating": "" for e in ("service", "market", "legal")}
    with pytest.raises(ValidationError):
        kind_records.create(ctx, OBSERVATION, values(ctx, point(ctx), **unrated))


def test_a_point_in_the_trash_takes_no_new_observation(ctx: Context) -> None:
    gone = point(ctx)
    kind_records.trash(ctx, POINT, gone)
    with pytest.raises(ValidationError) as refused:
        kind_records.create(ctx, OBSERVATION, values(ctx, gone))
    assert "回收站" in refused.value.errors["point"]


def test_saving_an_observation_unchanged_changes_nothing(ctx: Context) -> None:
    issue = {
        "item": "用地指标紧张",
        "environment": "government",
        "unit": "",
        "due": date(2026, 4, 30),
        "status": "submitted",
        "result": "",
        "evaluation": "",
    }
    found = kind_records.create(ctx, OBSERVATION, values(ctx, point(ctx), issues=[issue]))
    before = kind_records.values(OBSERVATION, found.id)
    rev = kind_records.get(OBSERVATION, found.id).rev
    kind_records.update(ctx, OBSERVATION, found.id, before, expected_rev=rev)
    assert kind_records.values(OBSERVATION, found.id) == before
    assert kind_records.get(OBSERVATION, found.id).rev == rev


def test_an_issue_goes_along_the_referral_workflow(ctx: Context) -> None:
    issue: dict[str, Any] = {"item": "用地指标紧张", "due": date(2026, 4, 30),
                             "status": "submitted"}  # fmt: skip
    found = kind_records.create(ctx, OBSERVATION, values(ctx, point(ctx), issues=[issue]))
    with pytest.raises(ValidationError) as refused:  # assigned: to a unit
        kind_records.update(
            ctx, OBSERVATION, found.id, {"issues": [issue | {"status": "assigned"}]}
        )
    assert "交办单位" in refused.value.errors["issues"]
    steps = [{"status": "assigned", "unit": "县自然资源局"}, {"status": "supervised"},
             {"status": "fed_back", "result": "已调剂用地指标"}, {"status": "closed",
             "evaluation": "satisfied"}]  # fmt: skip
    for step in steps:
        issue |= step
        kind_records.update(ctx, OBSERVATION, found.id, {"issues": [issue]})
    kept = kind_records.values(OBSERVATION, found.id)["issues"][0]
    assert kept["status"] == "closed" and kept["evaluation"] == "satisfied"
    with pytest.raises(ValidationError) as refused:  # closed: with the enterprise's evaluation
        kind_records.update(ctx, OBSERVATION, found.id, {"issues": [issue | {"evaluation": ""}]})
    assert "企业评价" in refused.value.errors["issues"]


def test_an_overdue_issue_is_on_the_desk_until_fed_back(ctx: Context) -> None:
    issue = {"item": "用地指标紧张", "unit": "县自然资源局", "due": date(2026, 1, 31),
             "status": "assigned"}  # fmt: skip
    found = kind_records.create(ctx, OBSERVATION, values(ctx, point(ctx), issues=[issue]))
    late = due_items.overdue(date(2026, 2, 1))
    assert [(d.kind, d.rows, d.serial, d.item, d.status) for d in late] == [
        ("observation", "issues", found.serial, "用地指标紧张", "assigned")
    ]
    issue |= {"status": "fed_back", "result": "已调剂"}
    kind_records.update(ctx, OBSERVATION, found.id, {"issues": [issue]})
    assert due_items.overdue(date(2026, 2, 1)) == []


def test_a_point_observed_cannot_be_purged_but_its_observation_keeps_it(ctx: Context) -> None:
    observed = point(ctx)
    found = kind_records.create(ctx, OBSERVATION, values(ctx, observed))
    kind_records.trash(ctx, POINT, observed)
    kept = kind_records.values(OBSERVATION, found.id)
    assert kept["point"] == observed  # a trashed point still names the observation's point
    kind_records.update(ctx, OBSERVATION, found.id, kept)  # and saving it unchanged is fine
    with pytest.raises(NotFound):
        kind_records.get(POINT, 10_000)
