"""The purge panel: preview, confirmation, the purge itself, and who may use it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from studio_app.core.codes import Role
from studio_app.services.context import Context
from studio_app.storage.models import AuditEntry, Visit
from studio_app.ui.dialogs import purge_dialog
from studio_app.ui.dialogs.purge_dialog import PurgeDialog, PurgePanel
from tests.services.helpers import visit


@pytest.fixture
def panel(qtbot, ctx: Context, db_path) -> PurgePanel:  # type: ignore[no-untyped-def]
    visit(ctx, occurred_at="2018-05-06 09:00", content="很久以前的来访")
    visit(ctx, occurred_at="2026-03-02 09:30")
    widget = PurgePanel(ctx)
    qtbot.addWidget(widget)
    return widget


def test_preview_then_confirm_then_purge(
    panel: PurgePanel, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not panel.purge_button.isEnabled()
    panel.years.setValue(3)
    panel.preview_button.click()
    assert "接待走访 1 条" in panel.summary.text() and panel.purge_button.isEnabled()
    asked: list[int] = []
    monkeypatch.setattr(
        purge_dialog, "confirm_purge", lambda _p, f: asked.append(f.visits) or False
    )
    panel.purge_button.click()
    assert asked == [1] and Visit.select().count() == 2  # declined: nothing happened
    monkeypatch.setattr(purge_dialog, "confirm_purge", lambda _p, _f: True)
    panel.purge_button.click()
    assert Visit.select().count() == 1
    assert "1" in panel.status.text() and not panel.purge_button.isEnabled()
    assert AuditEntry.select().where(AuditEntry.action == "purge").count() == 1


def test_changing_the_years_asks_for_a_new_preview(panel: PurgePanel) -> None:
    panel.years.setValue(3)
    panel.preview_button.click()
    assert panel.purge_button.isEnabled()
    panel.years.setValue(20)
    assert not panel.purge_button.isEnabled() and panel.summary.text() == ""
    panel.preview_button.click()
    assert not panel.purge_button.isEnabled() and panel.summary.text()


@pytest.mark.parametrize("role", [Role.STAFF, Role.VIEWER])
def test_only_an_administrator_may_use_it(qtbot, ctx: Context, role: Role) -> None:  # type: ignore[no-untyped-def]
    widget = PurgePanel(replace(ctx, role=role))
    qtbot.addWidget(widget)
    assert not widget.preview_button.isEnabled() and not widget.purge_button.isEnabled()
    assert widget.status.text()


def test_the_dialog_holds_the_panel(qtbot, ctx: Context) -> None:  # type: ignore[no-untyped-def]
    dialog = PurgeDialog(ctx)
    qtbot.addWidget(dialog)
    assert isinstance(dialog.panel, PurgePanel) and dialog.windowTitle()


def test_the_file_menu_opens_it_for_administrators_only(qtbot, workspace, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from studio_app.ui.app import build_main_window

    window = build_main_window(workspace)
    qtbot.addWidget(window)
    assert window.purge_action.isEnabled()
    opened: list[PurgeDialog] = []
    monkeypatch.setattr(PurgeDialog, "exec", lambda self: opened.append(self) or 0)
    window.purge_action.trigger()
    assert len(opened) == 1 and opened[0].panel.ctx == window.ctx
