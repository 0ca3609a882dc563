"""Merging two residents, and undoing the merge exactly (also from the audit entry alone)."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from studio_app.core.codes import Role
from studio_app.core.errors import UserError
from studio_app.services import interviews, proposals, resident_merge, residents, visits
from studio_app.services.context import Context
from studio_app.storage.database import close_database, open_database
from studio_app.storage.models import AuditEntry, Interview, Proposal, Resident, Visit
from tests.services.helpers import member, resident, visit

TABLES = ("resident", "visit", "visit_resident", "interview", "interview_resident", "proposal")
SYNC_STAMPS = {"rev", "updated_at", "updated_by"}


def _rows(db_path: Path) -> dict[str, list[dict[str, Any]]]:
    """Every row of the tables a merge touches, read with plain sqlite3."""
    con = sqlite3.connect(db_path)
    con.row_factory = sqlite3.Row
    try:
        found = {}
        for table in TABLES:
            rows = con.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
            found[table] = [dict(r) for r in rows]
        return found
    finally:
        con.close()


def _without_stamps(rows: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    return {
        t: [{k: v for k, v in r.items() if k not in SYNC_STAMPS} for r in rs]
        for t, rs in rows.items()
    }


@pytest.fixture
def pair(ctx: Context) -> tuple[Resident, Resident]:
    """Two records of 李秀英; the duplicate has the phone and some history of its own."""
    m = member(ctx)
    keep = resident(ctx, "李秀英", id_number="")
    dup = resident(ctx, "李 秀英", phone="13800001111", address="东岙村5号")
    visit(ctx, member_ids=[m.id], residents=[keep.id])
    visit(ctx, member_ids=[m.id], residents=[dup.id])
    visit(ctx, member_ids=[m.id], residents=[dup.id, keep.id])  # both on one visit
    other = resident(ctx, "王五")
    visit(ctx, member_ids=[m.id], residents=[other.id, dup.id])
    interviews.create(
        ctx,
        {
            "kind": "online",
            "title": "委员有话说：农村养老",
            "occurred_at": "2026-03-01 19:00",
            "members": [m.id],
            "residents": [dup.id],
        },
    )
    proposals.create(
        ctx, {"kind": "idea", "title": "村口装路灯", "lead_resident": dup.id, "facts": "装路灯。"}
    )
    return residents.get(keep.id), residents.get(dup.id)  # as the visits left them (last contact)


def test_preview_lists_what_moves(ctx: Context, pair: tuple[Resident, Resident]) -> None:
    keep, dup = pair
    found = resident_merge.preview(ctx, keep.id, dup.id)
    assert len(found.visits) == 3 and len(found.serials["interview"]) == 1
    assert len(found.proposals) == 1
    assert found.filled == {"phone": "13800001111", "address": "东岙村5号"}


def test_merge_moves_everything_and_bumps_revisions(
    ctx: Context, pair: tuple[Resident, Resident]
) -> None:
    keep, dup = pair
    visit_revs = {v.id: v.rev for v in Visit.select()}
    resident_merge.merge(ctx, keep.id, dup.id)
    kept, gone = residents.get(keep.id), residents.get(dup.id)
    assert gone.deleted_at is not None and gone.rev == dup.rev + 1
    assert kept.phone == "13800001111" and kept.phone_key == "13800001111"
    assert kept.rev == keep.rev + 1
    moved = [v for v in Visit.select() if v.rev != visit_revs[v.id]]
    assert len(moved) == 3 and all(v.rev == visit_revs[v.id] + 1 for v in moved)
    assert sorted(v.resident_names for v in moved) == ["李秀英", "李秀英", "王五、李秀英"]
    links = [link.resident_id for v in Visit.select() for link in v.resident_links]
    assert dup.id not in links and links.count(keep.id) == 4
    lead = Proposal.select().where(Proposal.lead_resident == keep.id).get()
    assert lead.rev == 2 and Interview.select().first().resident_names == "李秀英"
    entry = AuditEntry.get(AuditEntry.action == "merge")
    assert entry.record_uuid == keep.uuid and "李 秀英" in entry.changes


def test_undo_restores_every_row_exactly(
    ctx: Context, db_path: Path, pair: tuple[Resident, Resident]
) -> None:
    keep, dup = pair
    before = _rows(db_path)
    entry_id = resident_merge.merge(ctx, keep.id, dup.id)
    assert _without_stamps(_rows(db_path)) != _without_stamps(before)
    # Undo from the audit entry id alone, after closing and reopening the database.
    close_database()
    open_database(db_path)
    assert resident_merge.last_merge(keep.id) == entry_id
    resident_merge.undo(ctx, entry_id)
    after = _rows(db_path)
    assert _without_stamps(after) == _without_stamps(before)
    # ...but every changed record has a newer revision, so the county receives the undo.
    for table in ("resident", "visit", "interview", "proposal"):
        old = {r["id"]: r["rev"] for r in before[table]}
        changed = [r for r in after[table] if r["rev"] != old[r["id"]]]
        assert all(r["rev"] == old[r["id"]] + 2 for r in changed)
    assert resident_merge.last_merge(keep.id) is None
    with pytest.raises(UserError, match="已经撤销"):
        resident_merge.undo(ctx, entry_id)


def test_undo_refused_after_a_later_change(ctx: Context, pair: tuple[Resident, Resident]) -> None:
    keep, dup = pair
    entry_id = resident_merge.merge(ctx, keep.id, dup.id)
    residents.update(ctx, keep.id, {"village": "西岙村"})
    with pytest.raises(UserError, match="又被修改"):
        resident_merge.undo(ctx, entry_id)
    assert residents.get(dup.id).deleted_at is not None


def test_refusals(ctx: Context, pair: tuple[Resident, Resident]) -> None:
    keep, dup = pair
    with pytest.raises(UserError, match="自己"):
        resident_merge.merge(ctx, keep.id, keep.id)
    residents.delete(ctx, dup.id)
    with pytest.raises(UserError, match="回收站"):
        resident_merge.merge(ctx, keep.id, dup.id)
    with pytest.raises(UserError, match="回收站"):
        resident_merge.preview(ctx, dup.id, keep.id)
    residents.restore(ctx, dup.id)
    viewer = dataclasses.replace(ctx, role=Role.VIEWER)
    with pytest.raises(UserError, match="查阅"):
        resident_merge.merge(viewer, keep.id, dup.id)
    entry_id = resident_merge.merge(ctx, keep.id, dup.id)
    with pytest.raises(UserError, match="查阅"):
        resident_merge.undo(viewer, entry_id)
    with pytest.raises(UserError, match="找不到"):
        resident_merge.undo(ctx, entry_id + 1000)
    assert visits.get(Visit.select().first().id) is not None
