"""Visits whose residents an earlier version unlinked get them back, from the audit log."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio_app.cli import main
from studio_app.demo import studio as demo
from studio_app.services import link_repair, records, visits
from studio_app.services.context import Context
from studio_app.storage.database import close_database
from studio_app.storage.models import AuditEntry, Visit


def lose_residents(ctx: Context, visit: Visit, action: str, **other: object) -> None:
    """What the old ``visits.save`` did: write ``residents = []`` with the action's change."""
    with records.atomic():
        records.modify(ctx, visits.VISIT, visit, {"residents": [], **other}, action=action)


def linked(ctx: Context, n: int) -> list[Visit]:
    query = Visit.select().where(Visit.resident_names != "", Visit.deleted_at.is_null())
    return list(query.order_by(Visit.id).limit(n))


@pytest.fixture
def demo_ctx(ctx: Context) -> Context:
    demo.generate(ctx, visits=80, seed=2)
    return ctx


def test_the_demo_generator_links_every_named_resident(demo_ctx: Context) -> None:
    for visit in Visit.select():
        ids = records.link_ids(visits.VISIT, "residents", visit.id)
        assert bool(ids) == bool(visit.resident_names), visit.serial
    assert link_repair.find() == []


def test_lost_residents_are_found_and_linked_back(demo_ctx: Context) -> None:
    by_action, by_edit, on_purpose = linked(demo_ctx, 3)
    before = {v.id: records.link_ids(visits.VISIT, "residents", v.id) for v in (by_action, by_edit)}
    lose_residents(demo_ctx, by_action, "start")
    lose_residents(demo_ctx, by_edit, "update", place="村委会")
    lose_residents(demo_ctx, on_purpose, "update")  # only the residents: a person's choice
    found = {d.visit_id: d for d in link_repair.find()}
    assert set(found) == {by_action.id, by_edit.id}
    assert all(d.restorable for d in found.values())

    revs = {i: visits.get(i).rev for i in found}
    done = link_repair.restore(demo_ctx)
    assert {d.visit_id for d in done} == set(found)
    for visit_id, ids in before.items():
        assert records.link_ids(visits.VISIT, "residents", visit_id) == ids
        assert visits.get(visit_id).resident_names
        assert visits.get(visit_id).rev == revs[visit_id] + 1  # travels to the county
    assert records.link_ids(visits.VISIT, "residents", on_purpose.id) == []
    assert AuditEntry.select().where(AuditEntry.action == "repair_residents").count() == 2
    assert link_repair.find() == []


def test_an_ambiguous_name_is_listed_not_guessed(demo_ctx: Context) -> None:
    from studio_app.services import residents

    (visit,) = linked(demo_ctx, 1)
    name = visit.resident_names.split("、")[0]
    residents.create(demo_ctx, {"name": name, "village": "别的村"})
    lose_residents(demo_ctx, visit, "close")
    (item,) = link_repair.find()
    assert name in item.unresolved and not item.restorable
    assert link_repair.restore(demo_ctx) == []
    assert records.link_ids(visits.VISIT, "residents", visit.id) == []


def test_the_command_lists_then_applies(
    demo_ctx: Context, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (visit,) = linked(demo_ctx, 1)
    lose_residents(demo_ctx, visit, "feed_back")
    close_database()
    args = ["--data-dir", str(db_path.parent)]
    assert main([*args, "check"]) == 0
    assert "repair-residents" in capsys.readouterr().out
    assert main([*args, "repair-residents"]) == 0
    out = capsys.readouterr().out
    assert f"{visit.serial}：" in out and "可恢复" in out and "--apply" in out
    assert main([*args, "repair-residents", "--apply"]) == 0
    assert "已恢复" in capsys.readouterr().out
    assert main([*args, "repair-residents"]) == 0
    assert "没有需要恢复" in capsys.readouterr().out
