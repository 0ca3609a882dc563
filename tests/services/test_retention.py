"""Retention purge: preview, what goes and what stays, audit, and no trace in the file."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from studio_app.cli import main
from studio_app.core.codes import Role
from studio_app.core.errors import UserError
from studio_app.services import integrity, interviews, proposals, retention, visits
from studio_app.services.context import Context
from studio_app.storage.models import AuditEntry, Resident, Visit, VisitResident
from tests.conftest import POSTGRES
from tests.services.helpers import member, resident, visit

SECRET = "紫藤巷拆迁补偿款QZX7PURGE"  # content of the old visit only
NAME = "欧阳紫藤"  # a resident met only in the old visit
ID_NUMBER = "11010519491231002X"


def _raw(db_path: Path) -> bytes:
    """Every byte SQLite keeps for the database: the file and its write-ahead log."""
    data = db_path.read_bytes()
    wal = db_path.with_name(db_path.name + "-wal")
    return data + (wal.read_bytes() if wal.exists() else b"")


def _traces(raw: bytes) -> list[str]:
    needles = [SECRET, NAME, ID_NUMBER, "qzx7purge", "QZX7PURGE"]
    return [n for n in needles if n.encode("utf-8") in raw]


@pytest.fixture
def old_and_new(ctx: Context) -> dict[str, int]:
    lead = member(ctx)
    gone = resident(ctx, NAME, id_number=ID_NUMBER, phone="13900009999")
    both = resident(ctx, "李秀英")
    interviewed = resident(ctx, "张三")
    old = visit(ctx, occurred_at="2019-05-06 09:00", content=SECRET,
                residents=[gone.id, both.id, interviewed.id])  # fmt: skip
    trashed = visit(ctx, occurred_at="2018-01-02 10:00", content="已删除的旧记录")
    visits.delete(ctx, trashed.id)
    cited = visit(ctx, occurred_at="2019-07-08 10:00", content="被提案引用的旧记录")
    new = visit(ctx, occurred_at="2026-03-02 09:30", residents=[both.id])
    interviews.create(ctx, {"kind": "offline", "title": "村民议事会",
                            "occurred_at": "2026-03-06 10:00", "members": [lead.id],
                            "residents": [interviewed.id]})  # fmt: skip
    proposals.create(ctx, {"kind": "proposal", "title": "关于修路的建议",
                           "lead_member": lead.id, "facts": "道路破损"},
                     grew_from={"visit": [cited.id]})  # fmt: skip
    return {"old": old.id, "trashed": trashed.id, "cited": cited.id, "new": new.id,
            "gone": gone.id, "both": both.id, "interviewed": interviewed.id}  # fmt: skip


def test_preview_counts_and_changes_nothing(ctx: Context, old_and_new: dict[str, int]) -> None:
    before = (Visit.select().count(), Resident.select().count(), AuditEntry.select().count())
    found = retention.preview(ctx, 3)
    assert found.cutoff == retention.cutoff_for(ctx.today(), 3)
    assert (found.visits, found.residents, found.kept_cited) == (2, 1, 1)
    assert (found.member_links, found.resident_links) == (2, 3)
    assert found.audit_entries >= 3  # creations of both visits and the resident, the trashing
    assert "2 条" in found.summary() and "予以保留" in found.summary()
    after = (Visit.select().count(), Resident.select().count(), AuditEntry.select().count())
    assert after == before


def test_purge_removes_old_visits_links_and_lonely_residents_only(
    ctx: Context, old_and_new: dict[str, int]
) -> None:
    ids = old_and_new
    result = retention.purge(ctx, 3)
    assert result.preview.visits == 2 and result.scrubbed
    left = {v.id for v in Visit.select()}
    assert left == {ids["cited"], ids["new"]}
    assert {r.id for r in Resident.select()} == {ids["both"], ids["interviewed"]}
    assert not VisitResident.select().where(VisitResident.visit == ids["old"]).exists()
    assert integrity.problems() == []
    assert visits.get(ids["new"]).resident_names == "李秀英"


def test_purge_is_audited_with_counts_not_data(ctx: Context, old_and_new: dict[str, int]) -> None:
    gone_uuid = Resident.get_by_id(old_and_new["gone"]).uuid
    retention.purge(ctx, 3)
    entry = AuditEntry.select().where(AuditEntry.action == "purge").get()
    changes = json.loads(entry.changes)
    assert changes["visits"] == [None, 2] and changes["residents"] == [None, 1]
    assert changes["years"] == [None, 3]
    assert SECRET not in entry.changes and NAME not in entry.changes
    assert not AuditEntry.select().where(AuditEntry.record_uuid == gone_uuid).exists()


def test_purged_text_is_not_left_in_the_database_file(
    ctx: Context, old_and_new: dict[str, int], db_path: Path
) -> None:
    assert set(_traces(_raw(db_path))) >= {SECRET, NAME, ID_NUMBER}  # the check can see them
    retention.purge(ctx, 3)
    assert _traces(_raw(db_path)) == []
    assert Visit.select().count() == 2  # and the rest is readable


def test_only_an_administrator_may_purge(ctx: Context, old_and_new: dict[str, int]) -> None:
    for role in (Role.STAFF, Role.VIEWER):
        with pytest.raises(UserError, match="无权清理过期数据"):
            retention.preview(replace(ctx, role=role), 3)
        with pytest.raises(UserError, match="无权清理过期数据"):
            retention.purge(replace(ctx, role=role), 3)
    with pytest.raises(UserError, match="1 到 100"):
        retention.purge(ctx, 0)
    assert Visit.select().count() == 4


def test_nothing_old_enough_changes_nothing_but_the_audit(ctx: Context) -> None:
    visit(ctx, occurred_at="2026-03-02 09:30")
    result = retention.purge(ctx, 1)
    assert result.preview.empty and Visit.select().count() == 1


def test_a_backup_is_taken_first_and_still_holds_the_purged_data(
    ctx: Context, old_and_new: dict[str, int], db_path: Path
) -> None:
    result = retention.purge(ctx, 3)
    assert result.backup is not None and result.backup.parent == db_path.parent / "backups"
    assert SECRET.encode() in result.backup.read_bytes()  # documented: backups keep it


def test_no_backup_means_no_purge(
    ctx: Context, old_and_new: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    def fails(where: object, reason: str) -> None:
        raise UserError(f"备份失败：磁盘已满。为保护数据，{reason}的操作没有进行。")

    monkeypatch.setattr(retention.backups, "backup_before", fails)
    with pytest.raises(UserError, match="备份失败"):
        retention.purge(ctx, 3)
    assert Visit.select().count() == 4


def test_cutoff_keeps_the_day_and_handles_29_february() -> None:
    assert retention.cutoff_for(date(2026, 11, 27), 3) == date(2023, 11, 27)
    assert retention.cutoff_for(date(2024, 2, 29), 1) == date(2023, 2, 28)


def test_cli_purge_dry_run_then_purge(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = str(tmp_path / "data")
    assert main(["--data-dir", data, "demo", "--visits", "300"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", data, "purge", "--older-than", "1", "--dry-run"]) == 0
    shown = capsys.readouterr().out
    assert "将永久删除" in shown and "试运行" in shown
    assert main(["--data-dir", data, "purge", "--older-than", "1"]) == 1
    assert "--yes" in capsys.readouterr().err
    assert main(["--data-dir", data, "purge", "--older-than", "1", "--yes"]) == 0
    assert "已删除" in capsys.readouterr().out
    assert main(["--data-dir", data, "check"]) == 0
    with pytest.raises(SystemExit) as usage:
        main(["--data-dir", data, "purge", "--older-than", "0", "--yes"])
    assert usage.value.code == 2


@pytest.mark.parametrize("engine", [POSTGRES])
def test_purge_is_refused_on_a_county_postgres_database(ctx: Context, engine: str) -> None:
    old = visit(ctx, occurred_at="2019-05-06 09:00", content=SECRET)
    for attempt in (retention.preview, retention.purge):
        with pytest.raises(UserError) as refused:
            attempt(ctx, 3)
        assert refused.value.message == retention.ON_POSTGRES
    assert Visit.get_by_id(old.id).content == SECRET
