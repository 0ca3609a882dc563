"""Logging in at start, the account menu, and identifiers masked on screen."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from studio_app.core.codes import Role
from studio_app.services import accounts
from studio_app.services.context import Context
from studio_app.storage.models import AuditEntry
from studio_app.ui.app import Shell
from studio_app.ui.dialogs import login_dialog
from studio_app.ui.dialogs.login_dialog import LoginDialog
from studio_app.ui.dialogs.person_dialogs import ResidentDialog
from studio_app.ui.main_window import MainWindow
from studio_app.ui.pages.users_page import UsersPage
from studio_app.workspace import Workspace
from tests.ui.conftest import People, type_text


@pytest.fixture
def with_accounts(ctx: Context) -> Context:
    accounts.first_admin("admin", "admin password")
    li = accounts.as_user(ctx, "admin")
    accounts.add(li, "li", "li password", name="李梅", role="staff")
    return li


def test_the_dialog_accepts_the_right_password(qtbot, with_accounts: Context) -> None:
    dialog = LoginDialog("石桥镇")
    qtbot.addWidget(dialog)
    assert not dialog.hint.isVisibleTo(dialog)  # not the demo database
    type_text(dialog.login, "li")
    type_text(dialog.password, "li password")
    dialog.try_login()
    assert dialog.result() == LoginDialog.DialogCode.Accepted
    assert dialog.account is not None and dialog.account.login == "li"


def test_the_dialog_refuses_a_wrong_password_without_saying_which_part(
    qtbot, with_accounts: Context
) -> None:
    dialog = LoginDialog("石桥镇")
    qtbot.addWidget(dialog)
    dialog.show()
    for login in ("li", "lee"):
        dialog.login.setText(login)
        dialog.password.setText("guess")
        dialog.try_login()
        assert dialog.isVisible() and dialog.account is None
        assert dialog.error.text() == "用户名或密码不正确。"
        assert dialog.password.text() == ""


def test_the_demo_database_fills_in_the_user_name_and_says_the_password(
    qtbot, ctx: Context
) -> None:
    accounts.ensure_demo_admin()
    dialog = LoginDialog("石桥镇")
    qtbot.addWidget(dialog)
    assert dialog.login.text() == "admin" and dialog.password.text() == ""
    assert "admin" in dialog.hint.text() and "demo" in dialog.hint.text()


def test_log_in_sets_the_workspace_user_and_audits_it(
    qtbot, with_accounts: Context, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("STUDIO_APP_PASSWORD")

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, LoginDialog)
        dialog.login.setText("li")
        dialog.password.setText("li password")
        dialog.try_login()

    QTimer.singleShot(0, answer)
    assert login_dialog.log_in(workspace)
    assert workspace.login == "li" and workspace.context().role == Role.STAFF
    assert AuditEntry.get(AuditEntry.action == "login").user == "li"


def test_cancelling_the_login_opens_nothing(
    qtbot, with_accounts: Context, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("STUDIO_APP_PASSWORD")
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())
    assert not login_dialog.log_in(workspace)
    assert workspace.login is None


def test_the_environment_logs_in_without_asking(
    qtbot, with_accounts: Context, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STUDIO_APP_USER", "li")
    monkeypatch.setenv("STUDIO_APP_PASSWORD", "li password")
    assert login_dialog.log_in(workspace) and workspace.login == "li"


def test_a_wrong_password_in_the_environment_asks_with_the_refusal(
    qtbot, with_accounts: Context, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STUDIO_APP_USER", "li")
    monkeypatch.setenv("STUDIO_APP_PASSWORD", "guess")
    seen = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, LoginDialog)
        seen.append((dialog.login.text(), dialog.error.text()))
        dialog.reject()

    QTimer.singleShot(0, look)
    assert not login_dialog.log_in(workspace)
    assert seen == [("li", "用户名或密码不正确。")]


def test_identifiers_are_masked_until_a_permitted_user_shows_them(
    qtbot, workspace: Workspace, people: People
) -> None:
    shell = Shell(workspace)
    window = shell.open()
    qtbot.addWidget(window)
    page = window.residents
    page.model.reload()
    phones = {page.model.index(r, 0).data(): page.model.index(r, 2).data() for r in range(2)}
    assert phones["张三"] == "138****1111"
    dialog = page.open_record(people.residents["张三"])
    assert isinstance(dialog, ResidentDialog)
    assert dialog.edits["phone"].text() == "138****1111" and dialog.edits["phone"].isReadOnly()
    dialog.edits["village"].setText("北村")
    dialog.save()  # the masked phone is not written back
    from studio_app.storage.models import Resident

    row = Resident.get_by_id(people.residents["张三"])
    assert (row.phone, row.village) == ("13800001111", "北村")

    toggle = window.findChild(type(window.menuBar().actions()[0]), "showIdentifiersAction")
    assert toggle is not None and toggle.isEnabled()
    toggle.trigger()
    shown = shell.window
    assert shown is not None and shown is not window and shown.ctx.may_see_pii
    qtbot.addWidget(shown)
    page = shown.residents
    page.model.reload()
    assert "13800001111" in [page.model.index(r, 2).data() for r in range(2)]


def test_a_user_without_the_grant_cannot_show_identifiers(
    qtbot, with_accounts: Context, workspace: Workspace, people: People
) -> None:
    workspace.login = "li"
    shell = Shell(workspace)
    window: MainWindow = shell.open()
    qtbot.addWidget(window)
    toggle = window.findChild(type(window.menuBar().actions()[0]), "showIdentifiersAction")
    assert toggle is not None and not toggle.isEnabled()
    assert not window.ctx.may_see_pii
    assert "users" not in window._lazy and "audit" not in window._lazy  # staff
    window.close()


def test_a_viewer_gets_no_new_record_actions_and_edits_are_refused(
    qtbot, with_accounts: Context, workspace: Workspace, people: People, answers
) -> None:
    accounts.add(with_accounts, "chen", "chen password", role="viewer")
    workspace.login = "chen"
    window = Shell(workspace).open()
    qtbot.addWidget(window)
    assert not window.new_actions["visit"].isEnabled()
    assert not window.new_actions["proposal"].isEnabled()
    dialog = window.residents.open_record(people.residents["李四"])
    assert isinstance(dialog, ResidentDialog)
    dialog.edits["village"].setText("北村")
    dialog.save()
    assert dialog.isVisible()
    assert answers.errors == ["当前用户 chen（查阅）无权新增、修改或删除记录。"]
    from studio_app.storage.models import Resident

    assert Resident.get_by_id(people.residents["李四"]).village == "西村"
    assert AuditEntry.get(AuditEntry.action == "refused").user == "chen"
    dialog.reject()


def test_admin_adds_a_user_and_resets_a_password(qtbot, with_accounts: Context) -> None:
    page = UsersPage(with_accounts)
    qtbot.addWidget(page)

    def fill(dialog) -> bool:  # type: ignore[no-untyped-def]
        dialog.login.setText("chen")
        dialog.name.setText("陈志强")
        dialog.password.setText("chen password")
        dialog.role.setCurrentIndex(dialog.role.findData("viewer"))
        return True

    page.run_dialog = fill
    assert page.add_user()
    assert [a.login for a in page.accounts] == ["admin", "chen", "li"]
    page.table.setCurrentCell(1, 0)
    page.ask_password = lambda _login: "chen new password"
    assert page.reset_selected()
    assert accounts.authenticate("chen", "chen new password").role == "viewer"
    assert page.deactivate_selected()
    assert page.table.item(1, 4).text() == "否"

    def reactivate(dialog) -> bool:  # type: ignore[no-untyped-def]
        assert not dialog.active.isChecked() and dialog.login.isReadOnly()
        dialog.active.setChecked(True)
        dialog.may_see_pii.setChecked(True)
        return True

    page.run_dialog = reactivate
    page.table.setCurrentCell(1, 0)
    assert page.edit_selected()
    assert [page.table.item(1, c).text() for c in range(5)] == [
        "chen",
        "陈志强",
        "查阅",
        "是",
        "是",
    ]


def test_a_staff_user_sees_the_refusal_on_the_users_page(qtbot, answers, with_accounts) -> None:
    page = UsersPage(replace(with_accounts, user="li", role=Role.STAFF))
    qtbot.addWidget(page)
    assert page.accounts == [] and "无权管理用户" in answers.errors[0]


def test_admin_makes_a_new_recovery_key_that_works(qtbot, with_accounts: Context) -> None:
    page = UsersPage(with_accounts)
    qtbot.addWidget(page)
    shown: list[str] = []
    page.show_key = shown.append
    key = page.new_recovery_key()
    assert key is not None and shown == [key]
    assert accounts.recover("admin", key, "fresh password")


def test_another_clerk_switches_user_on_the_shared_pc(
    qtbot, workspace: Workspace, with_accounts: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace.login = "admin"
    shell = Shell(workspace)
    window = shell.open()
    qtbot.addWidget(window)
    window.show_page(window.visits)
    asked: list[bool] = []

    def log_in_as_li(ws: Workspace, _parent: object = None, *, ask: bool = False) -> bool:
        asked.append(ask)
        ws.login = "li"
        return True

    monkeypatch.setattr(login_dialog, "log_in", log_in_as_li)
    switch = window.findChild(type(window.menuBar().actions()[0]), "switchUserAction")
    assert switch is not None
    switch.trigger()
    now = shell.window
    assert now is not None and now is not window and now.ctx.user == "li"
    qtbot.addWidget(now)
    assert asked == [True]  # always the dialog, never the environment's login
    assert now.stack.currentWidget() is now.visits  # the same page for the next clerk
    assert now.findChild(type(switch), "switchUserAction") is not None
    assert AuditEntry.select().where(AuditEntry.action == "logout").count() == 1
    assert [p for p in ("users", "audit") if p in now._lazy] == []  # li is not an admin


def test_giving_up_the_switch_keeps_the_user(
    qtbot, workspace: Workspace, with_accounts: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace.login = "admin"
    shell = Shell(workspace)
    window = shell.open()
    qtbot.addWidget(window)
    monkeypatch.setattr(login_dialog, "log_in", lambda *_a, **_k: False)
    window.findChild(type(window.menuBar().actions()[0]), "switchUserAction").trigger()
    assert shell.window is window and window.ctx.user == "admin"
