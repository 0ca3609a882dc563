"""Identifiers in the GUI for users without the grant: the conflicts view and drafts.

Known identifiers (tests/known_identifiers.py) are planted; everything the view shows and
every draft file an ungranted user leaves on disk is grepped for them in any form.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from studio_app.services import accounts, residents
from studio_app.services.context import Context
from studio_app.storage.models import ExchangeConflict
from studio_app.ui import drafts, messages
from studio_app.ui.app import build_main_window, keep_drafts
from studio_app.ui.drafts import DraftStore
from studio_app.ui.exchange.conflicts_panel import ConflictsPanel
from studio_app.ui.exchange.table_model import TextTableModel
from studio_app.ui.main_window import MainWindow
from studio_app.workspace import Workspace
from tests import known_identifiers as known


def texts(model: TextTableModel) -> str:
    return "\n".join(
        str(model.data(model.index(r, c), Qt.ItemDataRole.DisplayRole))
        for r in range(model.rowCount())
        for c in range(model.columnCount())
    )


def shown_text(panel: ConflictsPanel) -> str:
    """Everything the view shows: the list, and the fields of each conflict in turn."""
    panel.refresh()
    found = [texts(panel.conflict_model)]
    for row in range(panel.conflict_model.rowCount()):
        panel.conflict_table.selectRow(row)
        found.append(texts(panel.diff_model))
    return "\n".join(found)


def test_the_conflicts_view_masks_identifiers_and_their_derived_columns(
    qtbot: Any, ctx: Context
) -> None:
    row = residents.create(
        ctx, {"name": "测试甲", "phone": known.MOBILE_2, "id_number": known.ID_1}
    )
    local = {"uuid": row.uuid, "serial": row.serial, "name": "测试甲", "phone": known.MOBILE_2,
             "phone_key": known.MOBILE_2, "id_number": known.ID_1}  # fmt: skip
    incoming = {**local, "phone": known.LANDLINE, "phone_key": "057786123456",
                "id_number": known.ID_3}  # fmt: skip
    ExchangeConflict.create(
        package_uuid="00000000-0000-4000-8000-000000000001", record_type="resident",
        record_uuid=row.uuid, reason="双方都修改了该记录", local=json.dumps(local),
        incoming=json.dumps(incoming), created_at=datetime(2026, 11, 2, 8, 0),
    )  # fmt: skip
    ungranted = ConflictsPanel(replace(ctx, may_see_pii=False))
    qtbot.addWidget(ungranted)
    text = shown_text(ungranted)
    assert "0577-****56" in text and "330326********" in text  # shown masked
    assert known.leaks(text) == []
    granted = ConflictsPanel(ctx)  # the control: a user with the grant sees them
    qtbot.addWidget(granted)
    assert known.LANDLINE in shown_text(granted)


@pytest.fixture
def users(ctx: Context) -> Context:
    """``zhang``, an administrator with the grant, and ``li``, staff without it."""
    accounts.first_admin("zhang", "zhang pw")
    zhang = accounts.as_user(ctx, "zhang")
    accounts.add(zhang, "li", "li password", role="staff", may_see_pii=False)
    return zhang


def start(qtbot: Any, workspace: Workspace, login: str) -> MainWindow:
    """``login`` starts the app: its drafts, a window with identifiers shown if granted."""
    workspace.login = login
    keep_drafts(workspace)
    window = build_main_window(workspace, show_identifiers=True)
    qtbot.addWidget(window)
    window.show()
    return window


def crash(window: MainWindow, page: str) -> None:
    """The app goes away with the dialog open: its draft stays (qtbot closes the rest)."""
    getattr(window, page).dialog.finished.disconnect()
    window.hide()


def draft_files(store: DraftStore) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in store.folder.rglob("*") if p.is_file())


def test_a_granted_users_draft_never_reaches_the_next_user_and_ungranted_drafts_hold_none(
    qtbot: Any,
    workspace: Workspace,
    users: Context,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    offered: list[datetime] = []
    monkeypatch.setattr(messages, "ask_restore_draft", lambda _p, at: offered.append(at) or True)
    resident = residents.create(users, {"name": "测试甲", "phone": known.MOBILE_1})
    try:
        window = start(qtbot, workspace, "zhang")
        dialog = window.residents.open_record(resident.id)
        assert dialog.edits["phone"].text() == known.MOBILE_1  # shown: zhang has the grant
        dialog.edits["phone"].setText(known.MOBILE_2)
        dialog.edits["id_number"].setText(known.ID_1)
        zhang = drafts.store()
        assert zhang is not None
        qtbot.waitUntil(lambda: zhang.path(f"resident-{resident.id}").exists())
        assert known.ID_1 in draft_files(zhang)  # kept for zhang, who may see it
        crash(window, "residents")

        window = start(qtbot, workspace, "li")  # the next user, without the grant
        li = drafts.store()
        assert li is not None and li.folder != zhang.folder
        assert drafts.listed() == []
        drafts.offer_at_start(window)
        assert window.residents.dialog is None and offered == []
        dialog = window.residents.open_record(resident.id)
        assert offered == [] and dialog.edits["phone"].text() == "139****1234"
        assert known.leaks(dialog.edits["id_number"].text() + dialog.edits["phone"].text()) == []
        dialog.reject()

        dialog = window.residents.open_record(None)  # li types a new resident
        dialog.edits["name"].setText("测试乙")
        dialog.edits["phone"].setText(known.LANDLINE)
        dialog.edits["id_number"].setText(known.ID_2)
        qtbot.waitUntil(lambda: li.path("resident-new").exists())
        on_disk = draft_files(li)
        assert "测试乙" in on_disk and known.leaks(on_disk) == []
        crash(window, "residents")

        window = start(qtbot, workspace, "li")  # li again: the draft, asking for the rest
        drafts.offer_at_start(window)
        restored = window.residents.dialog
        assert restored is not None and restored.edits["name"].text() == "测试乙"
        assert restored.edits["phone"].text() == "" and restored.edits["id_number"].text() == ""
        assert "请重新输入" in restored.rows["phone"].error_text()
        assert restored.rows["village"].error_text() == ""
        restored.reject()
    finally:
        drafts.configure(None)


def test_old_shared_drafts_lose_identifiers_and_a_withdrawn_grant_empties_drafts(
    workspace: Workspace, users: Context
) -> None:
    root = workspace.data_dir.root
    shared = root / drafts.DRAFTS_DIR
    shared.mkdir()
    values = {"name": "测试丙", "phone": known.MOBILE_3, "id_number": known.ID_3}
    old = {"saved_at": "2026-11-02T09:00:00", "data": {"rev": None, "values": values}}
    (shared / "resident-new.json").write_text(json.dumps(old), encoding="utf-8")
    (shared / ".visit-new-x1y2.tmp").write_text(json.dumps(old), encoding="utf-8")
    try:
        drafts.configure(root, "zhang", identifiers=True)  # takes the shared draft over
        zhang = drafts.store()
        assert zhang is not None
        assert sorted(p.name for p in shared.iterdir()) == [zhang.folder.name]
        kept = zhang.load("resident-new")
        assert kept is not None and kept.data["values"] == {"name": "测试丙"}
        zhang.save("resident-7", {"rev": 1, "values": values})
        assert known.ID_3 in draft_files(zhang)

        accounts.change(users, "zhang", may_see_pii=False)  # the grant is withdrawn
        drafts.configure(root, "zhang", identifiers=False)
        assert known.leaks(draft_files(zhang)) == []
        every = "\n".join(p.read_text(encoding="utf-8") for p in shared.rglob("*") if p.is_file())
        assert known.leaks(every) == []
    finally:
        drafts.configure(None)


def test_user_folders_never_collide(tmp_path: Path) -> None:
    names = ["admin", "Admin", "../x", "a/b", "a_b", "张三", ""]
    folders = {drafts.user_folder(n) for n in names}
    assert len(folders) == len(names)
    assert all("/" not in f and ".." not in f and f == f.strip() for f in folders)
