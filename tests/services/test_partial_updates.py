"""A partial update changes what it was given and nothing else.

The visit dialog once sent only the changed fields and the service reset the residents it was
not given. These tests take every record kind of the demo data and check, on the stored rows
and every link row that points at them, that saving a record unchanged writes nothing, that a
random partial update changes exactly its keys, and that each workflow action changes only
what the action changes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import peewee as pw
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio_app.core import kinds
from studio_app.core.codes import Handling, VisitStatus
from studio_app.core.fields import Kind
from studio_app.core.workflow import initial_status
from studio_app.demo import studio as demo
from studio_app.services import kind_records, members, records, residents, visits
from studio_app.services.context import Context
from studio_app.storage.models import ALL_MODELS, SyncedModel

# The record kinds people edit in dialogs, with the service that writes each.
EDITED: dict[str, tuple[records.RecordType, kind_records.Service]] = {
    k.name: (records.record_type(k), kind_records.service(k)) for k in kinds.all_kinds()
}
# Columns every write stamps.
STAMPS = {"rev", "county_rev", "updated_at", "updated_by"}


def image(model: type[SyncedModel], record_id: int) -> dict[str, Any]:
    """The stored row and every row of any table that links to it."""
    found: dict[str, Any] = {
        "row": model.select().where(model.id == record_id).dicts().get(),
    }
    for other in ALL_MODELS:
        for fk in other._meta.refs:
            if isinstance(fk, pw.ForeignKeyField) and fk.rel_model is model:
                rows = other.select().where(fk == record_id).dicts()
                found[f"{other._meta.table_name}.{fk.name}"] = sorted(
                    tuple(sorted(r.items())) for r in rows
                )
    return found


def changed_columns(before: dict[str, Any], after: dict[str, Any]) -> set[str]:
    diff = {k for k in before["row"] if before["row"][k] != after["row"][k]}
    diff |= {k for k in before if k != "row" and before[k] != after[k]}
    return diff


@pytest.fixture
def demo_ctx(ctx: Context) -> Context:
    demo.generate(ctx, visits=120, seed=3)
    return ctx


@pytest.fixture
def rollback(demo_ctx: Context) -> Callable[[], Any]:
    """A transaction to roll back after each example, so examples start from the demo."""
    return lambda: SyncedModel._meta.database.atomic()


def sample(model: type[SyncedModel], n: int = 12) -> list[int]:
    query = model.select(model.id).where(model.deleted_at.is_null()).order_by(model.id)
    ids = [i for (i,) in query.tuples()]
    step = max(1, len(ids) // n)
    return ids[::step][:n]


@pytest.mark.parametrize("kind", sorted(EDITED))
def test_saving_every_record_unchanged_writes_nothing(demo_ctx: Context, kind: str) -> None:
    rt, service = EDITED[kind]
    ids = sample(rt.model)
    assert ids, f"the demo has no {kind}"
    for record_id in ids:
        before = image(rt.model, record_id)
        values = records.snapshot(rt, rt.model.get_by_id(record_id))
        service.update(demo_ctx, record_id, owned(demo_ctx, rt, values))
        assert image(rt.model, record_id) == before, f"{kind} {record_id} changed"


def owned(ctx: Context, rt: records.RecordType, values: dict[str, Any]) -> dict[str, Any]:
    """The fields this site may edit (a studio sends no county-owned field)."""
    return {k: v for k, v in values.items() if ctx.is_county or rt.field(k).owner != "county"}


@pytest.mark.parametrize("kind", sorted(EDITED))
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_a_random_partial_update_changes_only_its_keys(
    demo_ctx: Context, rollback: Callable[[], Any], kind: str, data: st.DataObject
) -> None:
    rt, service = EDITED[kind]
    record_id = data.draw(st.sampled_from(sample(rt.model, 30)))
    row = rt.model.get_by_id(record_id)
    current = owned(demo_ctx, rt, records.snapshot(rt, row))
    keys = data.draw(st.lists(st.sampled_from(sorted(current)), unique=True, max_size=6))
    edit = {k: current[k] for k in keys}
    text_keys = [
        k for k in keys if rt.field(k).kind in (Kind.TEXT, Kind.LONGTEXT) and not rt.field(k).enum
    ]
    to_change = data.draw(st.lists(st.sampled_from(text_keys), unique=True)) if text_keys else []
    for key in to_change:
        edit[key] = f"{current[key] or ''}改"[: rt.field(key).limit or 100]
    with rollback() as txn:
        before = image(rt.model, record_id)
        service.update(demo_ctx, record_id, edit)
        diff = changed_columns(before, image(rt.model, record_id))
        txn.rollback()
    expected = {k for k in to_change if edit[k] != current[k]}
    assert diff - STAMPS - search_columns(rt) == expected
    assert bool(diff & {"rev"}) == bool(expected)


def search_columns(rt: records.RecordType) -> set[str]:
    """Columns derived from the edited ones (names kept beside links, search text)."""
    return {n for n in rt.model._meta.columns if n.endswith(("_names", "_text", "_key"))}


# -- the visit workflow ---------------------------------------------------------------------

ACTION_FIELDS: dict[str, Callable[[visits.Visit], dict[str, Any]]] = {
    "refer": lambda v: {"referred_unit": v.referred_unit or unit_code()},
    "start": lambda v: {},
    "feed_back": lambda v: {
        "result": "已修复。",
        "feedback_at": max(v.occurred_at.date(), date.today() - timedelta(days=1)),
    },
    "reopen": lambda v: {},
    "close": lambda v: {},
}


def unit_code() -> str:
    from studio_app.storage.models import CodeItem

    return str(CodeItem.get(CodeItem.list_kind == "handling_unit").code)


def linked_visit(ctx: Context, handling: str) -> int:
    """A new visit with two demo residents and two members, as a clerk would register it."""
    people = [r.id for r in residents.Resident.select().limit(2)]
    team = [m.id for m in members.Member.select().limit(2)]
    values: dict[str, Any] = {
        "channel": "reception",
        "occurred_at": "2026-03-02 09:30",
        "members": team,
        "residents": people,
        "category": "交通出行",
        "content": "村口道路破损，下雨天积水严重。",
        "handling": handling,
    }
    if handling == "referred":
        values["referred_unit"] = unit_code()
    return visits.save(ctx, values).id


# Each chain walks a case as far as it goes, one dialog action at a time.
CHAINS = {
    "registered": ("refer", "start", "feed_back", "reopen", "feed_back", "close"),
    "referred": ("feed_back", "close"),
}


@pytest.mark.parametrize("handling", sorted(CHAINS))
def test_each_workflow_action_changes_only_what_it_does(demo_ctx: Context, handling: str) -> None:
    """Through ``visits.save`` as the dialog calls it: only the changed fields are sent."""
    if handling == "registered":
        handling = next(h.value for h in Handling if initial_status(h) is VisitStatus.REGISTERED)
        chain = CHAINS["registered"]
    else:
        chain = CHAINS[handling]
    visit_id = linked_visit(demo_ctx, handling)
    for action in chain:
        visit = visits.get(visit_id)
        given = ACTION_FIELDS[action](visit)
        before = image(visits.Visit, visit_id)
        visits.save(demo_ctx, given, visit_id=visit_id, action=action, expected_rev=visit.rev)
        after = image(visits.Visit, visit_id)
        allowed = {"status", *given}
        if action == "refer":
            allowed |= {"handling", *visits.REFERRAL_KEYS}
        diff = changed_columns(before, after) - STAMPS - search_columns(visits.VISIT)
        assert diff <= allowed, f"{action} also changed {diff - allowed}"
        assert visits.get(visit_id).status == str(visits.STEPS[action].target)
        assert len(before["visit_resident.visit"]) == 2


def test_changing_only_the_place_keeps_the_residents(demo_ctx: Context) -> None:
    """The case that lost residents: the dialog sends ``{"place": …}`` alone."""
    visit_id = next(
        v.id
        for v in visits.Visit.select().where(visits.Visit.resident_names != "")
        if v.status == "referred"
    )
    linked = records.link_ids(visits.VISIT, "residents", visit_id)
    assert linked
    visits.save(demo_ctx, {"place": "村委会二楼"}, visit_id=visit_id)
    visits.save(demo_ctx, {}, visit_id=visit_id, action="start")
    assert records.link_ids(visits.VISIT, "residents", visit_id) == linked
    assert visits.get(visit_id).resident_names
