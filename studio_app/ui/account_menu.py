"""The "Account" menu: show identifiers, change one's password, switch user; the admin pages.

Identifiers are masked on screen for everyone at first. A user allowed to see them turns
"Show identifiers" on; the window is then rebuilt with identifiers shown (and unmasked
export and print offered), like a language switch.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from studio_app.core import kinds
from studio_app.core.errors import UserError
from studio_app.services import accounts
from studio_app.services.context import Context
from studio_app.services.permissions import Permission, allowed
from studio_app.ui import help_menu, messages

if TYPE_CHECKING:
    from studio_app.ui.main_window import MainWindow


def may_edit(account: Context, kind: kinds.RecordKind) -> bool:
    """Whether ``account`` may create and edit records of ``kind`` (the services refuse
    otherwise: the window says so upfront by disabling what would be refused)."""
    return allowed(account, Permission.EDIT) and str(account.role) in kind.editors


def install(
    window: MainWindow,
    account: Context,
    shown: bool,
    show_identifiers: Callable[[bool], None],
    switch_user: Callable[[], object] | None = None,
) -> QAction:
    """Add the menu (and, for administrators, the users and audit pages) to ``window``.

    ``account`` is the logged-in user's own context (its real identifier grant); returns the
    "Show identifiers" action.
    """
    menu = help_menu.add_menu(window, QCoreApplication.translate("account", "&Account"))
    menu.setObjectName("accountMenu")
    toggle = QAction(QCoreApplication.translate("account", "Show identifiers"), menu)
    toggle.setObjectName("showIdentifiersAction")
    toggle.setCheckable(True)
    toggle.setChecked(shown and account.may_see_pii)
    toggle.setEnabled(account.may_see_pii)
    toggle.setToolTip(
        QCoreApplication.translate(
            "account", "Show full ID numbers and phones on screen, in exports and in print"
        )
    )
    toggle.toggled.connect(show_identifiers)
    menu.addAction(toggle)
    if accounts.has_accounts():
        change = QAction(QCoreApplication.translate("account", "Change my password…"), menu)
        change.setObjectName("changePasswordAction")
        change.triggered.connect(lambda: change_password(window, account))
        menu.addAction(change)
        if switch_user is not None:  # a shared PC: the next clerk logs in
            switch = QAction(QCoreApplication.translate("account", "Switch user…"), menu)
            switch.setObjectName("switchUserAction")
            switch.triggered.connect(lambda: switch_user())
            menu.addAction(switch)
    if allowed(account, Permission.USERS):
        from studio_app.ui.pages.users_page import UsersPage

        window.add_lazy_page(
            "users",
            QCoreApplication.translate("account", "Users"),
            lambda: UsersPage(account, window),
        )
    if allowed(account, Permission.AUDIT):
        from studio_app.ui.pages.audit_page import AuditPage

        window.add_lazy_page(
            "audit",
            QCoreApplication.translate("account", "Audit log"),
            lambda: AuditPage(window.ctx, window),
        )
    for name, action in window.new_actions.items():
        if name in kinds.names() and not may_edit(account, kinds.kind(name)):
            action.setEnabled(False)
    window.account_ctx = account
    return toggle


def change_password(parent: QWidget, account: Context) -> bool:
    """Ask for the current password and a new one (twice); True when changed."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(QCoreApplication.translate("account", "Change my password"))
    edits = [QLineEdit(dialog) for _ in range(3)]
    form = QFormLayout(dialog)
    labels = (
        QCoreApplication.translate("account", "Current password"),
        QCoreApplication.translate("account", "New password"),
        QCoreApplication.translate("account", "New password again"),
    )
    for edit, label in zip(edits, labels, strict=True):
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(label, edit)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    current, new, again = (e.text() for e in edits)
    try:
        accounts.authenticate(account.user, current)
        if new != again:
            raise UserError("两次输入的新密码不一致。")
        accounts.reset_password(account, account.user, new)
    except UserError as exc:
        messages.show_error(parent, exc.message)
        return False
    return True
