"""Logging in when the app starts (once the database has accounts).

A refusal says only that the name or the password is wrong, or how long to wait after
repeated failures. On the demo database, while its documented login still works, the form
fills in the user name and says the demo password. With ``STUDIO_APP_USER`` and
``STUDIO_APP_PASSWORD`` set (as for the command line), the app logs in without asking.
"""

from __future__ import annotations

import os

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from studio_app.services import accounts, audit
from studio_app.services.accounts import Account
from studio_app.workspace import Workspace


class LoginDialog(QDialog):
    """User name and password; :attr:`account` is set once they are accepted."""

    def __init__(self, site_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("Log in — {0}").format(site_name))
        self.account: Account | None = None
        self.login = QLineEdit(self)
        self.login.setObjectName("loginName")
        self.password = QLineEdit(self)
        self.password.setObjectName("loginPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.hint = QLabel(self)
        self.hint.setObjectName("loginHint")
        self.hint.setWordWrap(True)
        self.hint.hide()
        self.error = QLabel(self)
        self.error.setObjectName("loginError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.login)
        form.addRow(self.tr("Password"), self.password)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Log in"))
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        if accounts.demo_login_works():
            self.login.setText(accounts.DEMO_LOGIN)
            self.hint.setText(
                self.tr("Demo database: user name {0}, password {1}.").format(
                    accounts.DEMO_LOGIN, accounts.DEMO_PASSWORD
                )
            )
            self.hint.show()
        (self.password if self.login.text() else self.login).setFocus()
        self.resize(380, self.sizeHint().height())

    def try_login(self) -> None:
        try:
            self.account = accounts.authenticate(self.login.text(), self.password.text())
        except accounts.LoginRefused as exc:
            self.error.setText(exc.message)
            self.error.show()
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()


def log_in(workspace: Workspace, parent: QWidget | None = None, *, ask: bool = False) -> bool:
    """Ask who is there when the database has accounts; False when the user gave up.
    ``ask``: always ask (switching users), never take the login from the environment."""
    if not accounts.has_accounts():
        return True
    account, error = None, ""
    login, password = os.environ.get("STUDIO_APP_USER", ""), os.environ.get("STUDIO_APP_PASSWORD")
    if ask:
        login, password = "", None
    if login and password is not None:
        try:
            account = accounts.authenticate(login, password)
        except accounts.LoginRefused as exc:
            error = exc.message
    if account is None:
        site = workspace.site
        dialog = LoginDialog(site.name if site else "", parent)
        if login:
            dialog.login.setText(login)
            dialog.password.setFocus()
        if error:
            dialog.error.setText(error)
            dialog.error.show()
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.account is None:
            return False
        account = dialog.account
    workspace.login = account.login
    audit.record(workspace.context(), "login", "user", account.login)
    return True
