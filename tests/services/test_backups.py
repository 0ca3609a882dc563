"""Backup policy, restore and the start-up check, on real database files."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from studio_app.core.codes import Role
from studio_app.core.errors import UserError
from studio_app.paths import DataDir
from studio_app.services import backups, data_location, site
from studio_app.services.context import Context
from studio_app.services.permissions import PermissionDenied
from studio_app.storage import backup as files
from studio_app.storage import migrations
from studio_app.storage.database import close_database, open_database
from studio_app.storage.models import Member
from studio_app.workspace import open_read_only, open_workspace
from tests.services.helpers import damage_table, member

WHEN = datetime(2026, 11, 27, 9, 0)


def _members(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return sorted(r[0] for r in conn.execute("SELECT name FROM member"))
    finally:
        conn.close()


@pytest.fixture
def data_dir(ctx: Context, db_path: Path) -> DataDir:
    for i in range(40):
        member(ctx, f"委员{i:02d}", unit_and_post="某单位" * 20)
    return DataDir(db_path.parent)


def test_backup_goes_to_the_default_folder_checked_and_complete(
    ctx: Context, data_dir: DataDir
) -> None:
    written = backups.back_up(ctx, "manual", now=WHEN)
    assert written.note == ""
    assert written.path.parent == data_dir.backups
    assert written.path.name == "studio-20261127-090000-manual.sqlite3"
    assert files.quick_check(written.path) is None
    assert len(_members(written.path)) == 40
    assert [b.path for b in backups.list_backups(data_dir)] == [written.path]


def test_chosen_folder_is_used_and_an_unavailable_one_falls_back(
    ctx: Context, data_dir: DataDir, tmp_path: Path
) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    backups.set_folder(ctx, stick)
    assert backups.back_up(ctx, "auto", now=WHEN).path.parent == stick

    shutil.rmtree(stick)  # the stick was pulled out
    written = backups.back_up(ctx, "auto", now=WHEN + timedelta(hours=1))
    assert written.path.parent == data_dir.backups
    assert str(stick) in written.note and "不可用" in written.note
    assert files.quick_check(written.path) is None
    assert not stick.exists()  # never created on a missing drive


def test_choosing_a_missing_folder_is_refused(ctx: Context, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="不存在"):
        backups.set_folder(ctx, tmp_path / "nowhere")
    assert backups.configured_folder() is None


def test_backup_before_an_operation_refuses_when_no_backup_can_be_made(
    ctx: Context, data_dir: DataDir
) -> None:
    data_dir.backups.write_text("a file where the folder should be", encoding="utf-8")
    with pytest.raises(UserError, match="导入前的操作没有进行"):
        backups.backup_before(ctx, "import")


def test_upgrading_an_existing_database_takes_a_backup_first(tmp_path: Path) -> None:
    data_dir = DataDir(tmp_path)
    db = open_database(data_dir.database, migrate=False)
    migrations.migrate(db, target=migrations.LATEST - 1)
    db.execute_sql("INSERT INTO setting (key, value) VALUES ('old', 'kept')")
    close_database()

    open_workspace(data_dir)
    close_database()
    [taken] = backups.list_backups(data_dir)
    assert taken.reason == "migration"
    version, _ = files.schema_version(taken.path)
    assert version == migrations.LATEST - 1  # the copy is of the database before the upgrade


def test_a_new_database_is_not_backed_up_before_its_first_migration(tmp_path: Path) -> None:
    open_workspace(DataDir(tmp_path))
    close_database()
    assert backups.list_backups(DataDir(tmp_path)) == []


def test_restore_replaces_the_data_and_backs_up_the_current_database(
    ctx: Context, data_dir: DataDir
) -> None:
    earlier = backups.back_up(ctx, "manual", now=WHEN).path
    member(ctx, "后来添加的委员")
    before = backups.restore(data_dir, earlier, ctx=ctx, now=WHEN + timedelta(hours=2))

    assert before is not None and before.path.name.endswith("-restore.sqlite3")
    assert "后来添加的委员" in _members(before.path)
    assert not Member.select().where(Member.name == "后来添加的委员").exists()
    assert Member.select().count() == 40  # the database is open again, restored
    assert files.quick_check(data_dir.database) is None


@pytest.mark.parametrize("kind", ["corrupt", "foreign", "newer", "truncated"])
def test_restore_of_an_unsuitable_file_is_refused_and_changes_nothing(
    ctx: Context, data_dir: DataDir, tmp_path: Path, kind: str
) -> None:
    good = backups.back_up(ctx, "manual", now=WHEN).path
    bad = tmp_path / f"{kind}.sqlite3"
    if kind == "foreign":
        conn = sqlite3.connect(bad)
        conn.execute("CREATE TABLE contacts (name TEXT)")
        conn.execute("PRAGMA user_version = 1")
        conn.commit()
        conn.close()
    elif kind == "newer":
        bad.write_bytes(good.read_bytes())
        conn = sqlite3.connect(bad)
        conn.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
        conn.commit()
        conn.close()
    elif kind == "truncated":
        bad.write_bytes(good.read_bytes()[:10000])
    else:
        bad.write_bytes(good.read_bytes())
        damage_table(bad)
        open_database(data_dir.database)
    listed = backups.list_backups(data_dir)
    expected = {"corrupt": "完整性检查", "foreign": "不是本程序", "newer": "更新版本"}
    with pytest.raises(UserError, match=expected.get(kind, "不完整|截断")):
        backups.restore(data_dir, bad, ctx=ctx)
    assert backups.list_backups(data_dir) == listed  # not even a pre-restore backup
    assert Member.select().count() == 40


def test_restore_needs_an_administrator(ctx: Context, data_dir: DataDir) -> None:
    good = backups.back_up(ctx, "manual", now=WHEN).path
    staff = Context(ctx.site_uuid, ctx.site_code, ctx.site_kind, "clerk", Role.STAFF, False)
    with pytest.raises(PermissionDenied):
        backups.restore(data_dir, good, ctx=staff)
    with pytest.raises(PermissionDenied):
        backups.back_up_to(staff, data_dir.root / "copy.sqlite3")


def test_damaged_database_at_start_names_the_newest_sound_backup(
    ctx: Context, data_dir: DataDir
) -> None:
    older = backups.back_up(ctx, "auto", now=WHEN).path
    newest = backups.back_up(ctx, "close", now=WHEN + timedelta(hours=1)).path
    broken = newest.with_name(files.file_name(WHEN + timedelta(hours=2), "auto"))
    broken.write_bytes(newest.read_bytes()[:8192])  # a later copy that got truncated
    damage_table(data_dir.database)

    with pytest.raises(backups.DatabaseDamaged) as caught:
        open_workspace(data_dir)
    assert caught.value.newest is not None and caught.value.newest.path == newest
    assert str(newest) in caught.value.message and "studio-app restore" in caught.value.message

    workspace = open_read_only(data_dir)  # what is still readable can be looked at
    assert workspace.read_only and workspace.site is not None

    before = backups.restore(data_dir, newest)  # no login possible: restored without ctx
    assert before is not None and before.path.name.startswith("damaged-")
    assert before.path.read_bytes()[:16] == b"SQLite format 3\x00"  # the damaged file is kept
    assert Member.select().count() == 40
    assert older.exists()


def test_automatic_backup_after_changes_at_most_every_30_minutes(
    ctx: Context, data_dir: DataDir
) -> None:
    ticks = [1000.0]
    clock = [WHEN]
    auto = backups.AutoBackup(data_dir, monotonic=lambda: ticks[0], now=lambda: clock[0])
    try:
        assert not auto.due()  # nothing changed yet
        member(ctx, "新委员")
        assert auto.due()  # no backup so far: the first change makes one due
        first = auto.run()
        assert first.path.name.endswith("-auto.sqlite3")
        assert not auto.due()
        member(ctx, "又一位委员")
        ticks[0] += 29 * 60
        assert not auto.due()  # changed, but only 29 minutes later
        ticks[0] += 60
        clock[0] = WHEN + timedelta(minutes=30)
        assert auto.due()
        auto.run()
        assert auto.on_close() is None  # nothing changed since
        member(ctx, "第三位委员")
        assert auto.on_close() is not None
    finally:
        auto.close()
    reasons = [b.reason for b in backups.list_backups(data_dir)]
    assert reasons == ["close", "auto", "auto"]


def test_a_recent_backup_from_an_earlier_session_counts(ctx: Context, data_dir: DataDir) -> None:
    backups.back_up(ctx, "close", now=WHEN - timedelta(minutes=10))
    ticks = [500.0]
    auto = backups.AutoBackup(data_dir, monotonic=lambda: ticks[0], now=lambda: WHEN)
    try:
        member(ctx, "新委员")
        assert not auto.due()
        ticks[0] += 20 * 60
        assert auto.due()
    finally:
        auto.close()


def test_data_directory_location_warnings() -> None:
    mounts = [
        ("/dev/sda1", "/", "ext4"),
        ("/dev/sdb1", "/srv/data", "xfs"),
        ("server:/export", "/mnt/office", "nfs4"),
        ("//pc/share", "/mnt/share", "cifs"),
        ("/dev/sdc1", "/media/user/U盘", "vfat"),
        ("/dev/sdd1", "/mnt/stick", "exfat"),
    ]

    def risk(path: str) -> data_location.LocationRisk | None:
        return data_location.location_risk(
            Path(path), mounts=lambda: mounts, removable_device=lambda dev: dev == "/dev/sdd1"
        )

    assert risk("/home/user/.local/share/StudioLedger") is None
    assert risk("/srv/data/StudioLedger") is None
    assert risk("/mnt/office/台账") == data_location.LocationRisk("network", "nfs4")
    assert risk("/mnt/share/a") == data_location.LocationRisk("network", "cifs")
    assert risk("/media/user/U盘/data") == data_location.LocationRisk(
        "removable", "/media/user/U盘"
    )
    assert risk("/mnt/stick/data") == data_location.LocationRisk("removable", "/mnt/stick")
    assert risk("/home/user/OneDrive/台账").kind == "synced"  # type: ignore[union-attr]
    assert risk("/home/user/坚果云/台账").kind == "synced"  # type: ignore[union-attr]
    assert risk("/home/user/百度网盘同步/data").kind == "synced"  # type: ignore[union-attr]

    def on_windows(kind: int) -> data_location.LocationRisk | None:
        return data_location.location_risk(Path("E:/台账"), drive_type=lambda _root: kind)

    assert on_windows(3) is None  # a fixed disk
    assert on_windows(data_location.DRIVE_REMOVABLE).kind == "removable"  # type: ignore[union-attr]
    assert on_windows(data_location.DRIVE_REMOTE).kind == "network"  # type: ignore[union-attr]
    assert data_location.location_risk(Path("\\\\server\\share\\data")) is not None


def test_the_site_survives_a_backup_restore_round_trip(ctx: Context, data_dir: DataDir) -> None:
    written = backups.back_up(ctx, "manual", now=WHEN).path
    backups.restore(data_dir, written, ctx=ctx, now=WHEN + timedelta(minutes=1))
    assert site.require_site().code == "SQZ"


def test_a_big_database_gets_the_cheap_check_at_start_and_the_full_one_later(
    ctx: Context, data_dir: DataDir
) -> None:
    assert backups.check_at_start(data_dir) is True  # small: checked whole
    assert backups.check_at_start(data_dir, full_limit=0) is False  # "big": cheap check only
    damage_table(data_dir.database, "visit")  # a table the cheap check does not read
    assert backups.check_at_start(data_dir, full_limit=0) is False
    found = backups.full_check(data_dir)
    assert found is not None and "已损坏" in found.message
    damage_table(data_dir.database, "member")  # one it does
    with pytest.raises(backups.DatabaseDamaged):
        backups.check_at_start(data_dir, full_limit=0)


def test_restoring_an_old_backup_that_rotation_would_remove_keeps_it(
    ctx: Context, data_dir: DataDir
) -> None:
    data_dir.backups.mkdir(exist_ok=True)
    old = [
        files.write_backup(
            data_dir.database, data_dir.backups, "import", WHEN - timedelta(days=90 + d)
        )
        for d in range(6)
    ]
    oldest = old[-1]
    member(ctx, "后来添加的委员")
    backups.restore(data_dir, oldest, ctx=ctx, now=WHEN)
    assert Member.select().count() == 40
    assert oldest.exists()  # the file restored from stays (rotation protects it this time)
