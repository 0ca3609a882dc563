"""The Backups tab, the automatic backups of the running app, and recovery at start."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import peewee as pw
import pytest
from PySide6.QtCore import Qt

from studio_app.core.codes import Role
from studio_app.paths import DataDir
from studio_app.services import backups, data_location, members, site
from studio_app.services import site as site_service
from studio_app.services.context import Context
from studio_app.storage.database import close_database
from studio_app.storage.models import Member
from studio_app.ui import app as ui_app
from studio_app.ui.backup import panel as backup_panel
from studio_app.ui.backup import schedule as backup_schedule
from studio_app.ui.backup.panel import BackupPanel
from studio_app.ui.backup.schedule import BackupSchedule
from studio_app.ui.dialogs import recovery_dialog
from studio_app.ui.dialogs.recovery_dialog import Choice, RecoveryDialog
from studio_app.ui.settings import Settings
from studio_app.workspace import Workspace, open_read_only, open_workspace
from tests.services.helpers import damage_table
from tests.ui.conftest import Answers

WHEN = datetime(2026, 11, 27, 9, 0)


@pytest.fixture
def data_dir(workspace: Workspace, ctx: Context) -> DataDir:
    for i in range(30):
        members.create(ctx, {"name": f"委员{i:02d}", "unit_and_post": "某单位" * 20})
    return workspace.data_dir


@pytest.fixture
def panel(qtbot, ctx: Context, data_dir: DataDir) -> BackupPanel:
    widget = BackupPanel(ctx, data_dir)
    qtbot.addWidget(widget)
    return widget


def test_back_up_now_lists_the_new_backup(qtbot, panel: BackupPanel, data_dir: DataDir) -> None:
    assert panel.table.rowCount() == 0
    assert panel.folder_label.text() == str(data_dir.backups)
    qtbot.mouseClick(panel.backup_button, Qt.MouseButton.LeftButton)
    assert panel.table.rowCount() == 1
    assert panel.table.item(0, 1).text() == "手动"
    assert panel.table.item(0, 3).text() != ""
    written = Path(panel.table.item(0, 4).text())
    assert written.exists() and str(written) in panel.status.text()


def test_restore_selected_after_confirmation(
    qtbot, panel: BackupPanel, ctx: Context, data_dir: DataDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    backups.back_up(ctx, "manual", now=WHEN)
    members.create(ctx, {"name": "后来添加的委员"})
    panel.refresh()
    asked: list[Any] = []
    monkeypatch.setattr(backup_panel, "confirm_restore", lambda _p, b: asked.append(b) or False)
    panel.table.selectRow(0)
    assert panel.restore_button.isEnabled()
    qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and Member.select().count() == 31  # declined: nothing changed

    monkeypatch.setattr(backup_panel, "confirm_restore", lambda _p, _b: True)
    with qtbot.waitSignal(panel.restored):
        qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    assert Member.select().count() == 30
    reasons = [panel.table.item(r, 1).text() for r in range(panel.table.rowCount())]
    assert sorted(reasons) == sorted(["恢复前", "手动"])


def test_the_running_app_handles_the_restore_when_it_installed_a_handler(
    qtbot, panel: BackupPanel, ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    backups.back_up(ctx, "manual", now=WHEN)
    panel.refresh()
    handled: list[Path] = []
    backup_panel.configure(handled.append)
    try:
        monkeypatch.setattr(backup_panel, "confirm_restore", lambda _p, _b: True)
        panel.table.selectRow(0)
        qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    finally:
        backup_panel.configure(None)
    assert handled == [panel.entries[0].path]


def test_choosing_the_backup_folder(
    panel: BackupPanel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answers: Answers
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    monkeypatch.setattr(backup_panel, "choose_backup_folder", lambda _p, _s: str(stick))
    panel.choose_button.click()
    assert panel.folder_label.text() == str(stick)
    monkeypatch.setattr(backup_panel, "choose_backup_folder", lambda _p, _s: str(tmp_path / "x"))
    panel.choose_button.click()
    assert answers.errors and "不存在" in answers.errors[0]
    assert panel.folder_label.text() == str(stick)
    panel.default_button.click()
    assert panel.folder_label.text() == str(panel.data_dir.backups)


def test_staff_can_back_up_but_not_restore_or_move_backups(
    qtbot, ctx: Context, data_dir: DataDir
) -> None:
    staff = Context(ctx.site_uuid, ctx.site_code, ctx.site_kind, "clerk", Role.STAFF, False)
    widget = BackupPanel(staff, data_dir)
    qtbot.addWidget(widget)
    assert widget.backup_button.isEnabled()
    assert widget.restore_button.isHidden()
    assert not widget.choose_button.isEnabled()


def test_automatic_backup_runs_when_due_and_on_close(
    qtbot, ctx: Context, data_dir: DataDir, tmp_path: Path
) -> None:
    ticks = [0.0]
    policy = backups.AutoBackup(data_dir, monotonic=lambda: ticks[0], now=lambda: WHEN)
    notes: list[str] = []
    schedule = BackupSchedule(data_dir, notes.append, policy=policy)
    try:
        schedule.check()
        assert backups.list_backups(data_dir) == []  # no change yet
        members.create(ctx, {"name": "新委员"})
        gone = tmp_path / "pulled-out"
        gone.mkdir()
        backups.set_folder(ctx, gone)
        gone.rmdir()
        schedule.check()
        [auto] = backups.list_backups(data_dir)
        assert auto.reason == "auto"
        assert notes and "不可用" in notes[0]  # told: the chosen folder was unavailable
        members.create(ctx, {"name": "又一位"})
    finally:
        schedule.finish()
    assert [b.reason for b in backups.list_backups(data_dir)] == ["close", "auto"]


def test_location_warning_is_shown_once_per_folder(
    qapp, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(backup_schedule, "show_location_warning", lambda _p, t: shown.append(t))
    shell = SimpleNamespace(
        workspace=workspace,
        settings=Settings.in_data_dir(workspace.data_dir.root),
        window=None,
    )

    def risk(_folder: Path) -> data_location.LocationRisk:
        return data_location.LocationRisk("synced", "坚果云")

    assert backup_schedule.warn_about_location(shell, risk)
    assert not backup_schedule.warn_about_location(shell, risk)
    assert len(shown) == 1 and "坚果云" in shown[0] and str(workspace.data_dir.root) in shown[0]
    assert not backup_schedule.warn_about_location(
        SimpleNamespace(**{**vars(shell), "settings": Settings(workspace.data_dir.root / "b.ini")}),
        lambda _f: None,
    )


def test_recovery_dialog_offers_the_newest_backup(qtbot, ctx: Context, data_dir: DataDir) -> None:
    newest = backups.back_up(ctx, "close", now=WHEN).path
    damage_table(data_dir.database)
    with pytest.raises(backups.DatabaseDamaged) as caught:
        open_workspace(data_dir)
    dialog = RecoveryDialog(caught.value)
    qtbot.addWidget(dialog)
    assert dialog.restore_button.isEnabled() and dialog.source == newest
    assert str(newest) in dialog.found.text()
    dialog.read_only_button.click()
    assert dialog.choice is Choice.READ_ONLY


def test_damaged_database_at_start_offers_recovery_then_restores(
    qapp, ctx: Context, data_dir: DataDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    newest = backups.back_up(ctx, "close", now=WHEN).path
    damage_table(data_dir.database)
    offered: list[backups.DatabaseDamaged] = []

    def ask(damaged: backups.DatabaseDamaged, _parent: Any = None) -> tuple[Choice, Path | None]:
        offered.append(damaged)
        return Choice.QUIT, None

    monkeypatch.setattr(recovery_dialog, "ask", ask)
    assert ui_app.launch(data_dir, lambda: open_workspace(data_dir)) == ui_app.EXIT_REFUSED
    assert offered and offered[0].newest is not None and offered[0].newest.path == newest

    answers = iter([(Choice.READ_ONLY, None), (Choice.RESTORE, newest)])
    monkeypatch.setattr(recovery_dialog, "ask", lambda _d, _p=None: next(answers))
    damaged = offered[0]
    read_only = recovery_dialog.recover(damaged, lambda: open_workspace(data_dir))
    assert read_only is not None and read_only.read_only
    close_database()
    restored = recovery_dialog.recover(damaged, lambda: open_workspace(data_dir))
    assert restored is not None and not restored.read_only
    assert Member.select().count() == 30
    assert list(data_dir.root.glob("damaged-*.sqlite3"))  # the damaged file is kept
    close_database()


def test_restore_while_running_reopens_the_window(
    qtbot, ctx: Context, data_dir: DataDir, monkeypatch: pytest.MonkeyPatch
) -> None:
    earlier = backups.back_up(ctx, "manual", now=WHEN - timedelta(hours=1)).path
    members.create(ctx, {"name": "后来添加的委员"})
    shell = ui_app.Shell(Workspace(data_dir, site.local_site()))
    old = shell.open()
    schedule = backup_schedule.start(shell)
    try:
        assert schedule is not None
        backup_schedule.restore_and_reopen(shell, schedule, earlier)
        qtbot.waitUntil(lambda: shell.window is not old)
        assert Member.select().count() == 30
        assert Member.select().where(Member.name == "后来添加的委员").count() == 0
        assert "已恢复备份" in shell.window.statusBar().currentMessage()
        [before] = [b for b in backups.list_backups(data_dir) if b.reason == "restore"]
        assert before.intact
    finally:
        backup_schedule.stop(schedule)
        if shell.window is not None:
            shell.window.close()
            shell.window.deleteLater()


def test_the_background_check_reportsdamage_table(qtbot, data_dir: DataDir) -> None:
    damage_table(data_dir.database)
    check = backup_schedule.FullCheck(data_dir)
    with qtbot.waitSignal(check.done) as blocker:
        check.start()
    check.checker.join()
    assert isinstance(blocker.args[0], backups.DatabaseDamaged)


def test_a_read_only_session_refuses_writes_and_can_restore(
    qtbot, ctx: Context, data_dir: DataDir
) -> None:
    newest = backups.back_up(ctx, "close", now=WHEN).path
    damage_table(data_dir.database, "audit_entry")  # the window can still show the rest
    damaged_bytes = data_dir.database.read_bytes()
    workspace = open_read_only(data_dir)
    shell = ui_app.Shell(workspace)
    shell.open()
    schedule = backup_schedule.start(shell)
    try:
        assert schedule is None  # no automatic backups of a damaged database
        with pytest.raises(pw.OperationalError, match="readonly"):
            site_service.local_site().save()
        assert data_dir.database.read_bytes() == damaged_bytes  # the damaged file as it was
        old = shell.window
        backup_schedule.restore_and_reopen(shell, schedule, newest)
        qtbot.waitUntil(lambda: shell.window is not old)
        assert not shell.workspace.read_only
        members.create(ctx, {"name": "恢复后新增"})
        assert Member.select().count() == 31
        assert not (data_dir.root / backups.READ_ONLY_VIEW).exists()
    finally:
        backup_schedule.stop(schedule)
        if shell.window is not None:
            shell.window.close()
            shell.window.deleteLater()
