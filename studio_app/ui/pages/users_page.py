"""User accounts (administrators): add, reset a password, role, identifiers, deactivate."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio_app.core.codes import Role
from studio_app.core.errors import UserError
from studio_app.services import accounts
from studio_app.services.context import Context
from studio_app.ui import i18n, messages, operations

NAME_COLUMN = 1  # the full name: the column that takes the page's width


def _role_label(role: str) -> str:
    try:
        return i18n.label(Role(role))
    except ValueError:
        return role


class AccountDialog(QDialog):
    """A new user (login, name, password) or an existing one's role and grant."""

    def __init__(self, account: accounts.Account | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("accountDialog")
        self.setWindowTitle(self.tr("New user") if account is None else account.login)
        self.login = QLineEdit(self)
        self.login.setObjectName("accountLogin")
        self.name = QLineEdit(self)
        self.name.setObjectName("accountName")
        self.password = QLineEdit(self)
        self.password.setObjectName("accountPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.role = QComboBox(self)
        self.role.setObjectName("accountRole")
        for role in Role:
            self.role.addItem(i18n.label(role), role.value)
        self.may_see_pii = QCheckBox(self.tr("May see full ID numbers and phones"), self)
        self.may_see_pii.setObjectName("accountMaySeePii")
        self.active = QCheckBox(self.tr("Active (may log in)"), self)
        self.active.setObjectName("accountActive")
        self.active.setChecked(True)
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.login)
        form.addRow(self.tr("Full name"), self.name)
        if account is None:
            form.addRow(self.tr("Password"), self.password)
            self.role.setCurrentIndex(self.role.findData(Role.STAFF.value))
        else:
            self.login.setText(account.login)
            self.login.setReadOnly(True)
            self.name.setText(account.name)
            self.role.setCurrentIndex(self.role.findData(account.role))
            self.may_see_pii.setChecked(account.may_see_pii)
            self.active.setChecked(account.active)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.may_see_pii)
        if account is not None:
            form.addRow(self.active)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)


class UsersPage(QWidget):
    """The list of accounts with buttons for what an administrator does with them."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usersPage")
        self.ctx = ctx
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("usersTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("User name"), self.tr("Full name"), self.tr("Role"),
             self.tr("Sees identifiers"), self.tr("Active")]
        )  # fmt: skip
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # The full name takes the width the others leave; they fit their contents, with room
        # for a short word (a column of 是/否 is no narrower than its title lets it be).
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("0") * 12)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        buttons = QHBoxLayout()
        for name, text, slot in (
            ("addUser", self.tr("Add…"), self.add_user),
            ("editUser", self.tr("Role and permission…"), self.edit_selected),
            ("resetPassword", self.tr("Reset password…"), self.reset_selected),
            ("deactivateUser", self.tr("Deactivate"), self.deactivate_selected),
            ("newRecoveryKey", self.tr("New recovery key…"), self.new_recovery_key),
        ):
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        note = QLabel(
            self.tr(
                "Viewers only read; staff also create, edit, import and export; administrators "
                "also manage users, see the audit log, purge and restore."
            ),
            self,
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        # Modal questions, replaceable by tests: (dialog) -> accepted, and a new password.
        self.run_dialog = lambda dialog: dialog.exec() == QDialog.DialogCode.Accepted
        self.ask_password = self._ask_password
        self.show_key = self._show_key
        self.accounts: list[accounts.Account] = []
        self.reload()

    def reload(self) -> None:
        try:
            self.accounts = accounts.list_accounts(self.ctx)
        except UserError as exc:
            messages.show_error(self, exc.message)
            self.accounts = []
        self.table.setRowCount(len(self.accounts))
        yes, no = self.tr("Yes"), self.tr("No")
        for row, a in enumerate(self.accounts):
            values = (
                a.login,
                a.name,
                _role_label(a.role),
                yes if a.may_see_pii else no,
                yes if a.active else no,
            )
            for col, text in enumerate(values):
                self.table.setItem(row, col, QTableWidgetItem(text))

    def selected(self) -> accounts.Account | None:
        row = self.table.currentRow()
        return self.accounts[row] if 0 <= row < len(self.accounts) else None

    def _do(self, action) -> bool:
        try:
            operations.call(action)
        except UserError as exc:
            messages.show_error(self, exc.message)
            return False
        self.reload()
        return True

    def add_user(self) -> bool:
        dialog = AccountDialog(None, self)
        if not self.run_dialog(dialog):
            return False
        return self._do(
            lambda: accounts.add(
                self.ctx,
                dialog.login.text(),
                dialog.password.text(),
                name=dialog.name.text(),
                role=dialog.role.currentData(),
                may_see_pii=dialog.may_see_pii.isChecked(),
            )
        )

    def edit_selected(self) -> bool:
        account = self.selected()
        if account is None:
            return False
        dialog = AccountDialog(account, self)
        if not self.run_dialog(dialog):
            return False
        return self._do(
            lambda: accounts.change(
                self.ctx,
                account.login,
                name=dialog.name.text(),
                role=dialog.role.currentData(),
                may_see_pii=dialog.may_see_pii.isChecked(),
                active=dialog.active.isChecked(),
            )
        )

    def _ask_password(self, login: str) -> str | None:
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("New password for {0}").format(login))
        edit = QLineEdit(dialog)
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
        )
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        layout = QFormLayout(dialog)
        layout.addRow(self.tr("New password"), edit)
        layout.addRow(buttons)
        edit.setFocus(Qt.FocusReason.OtherFocusReason)
        return edit.text() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def reset_selected(self) -> bool:
        account = self.selected()
        if account is None:
            return False
        password = self.ask_password(account.login)
        if password is None:
            return False
        return self._do(lambda: accounts.reset_password(self.ctx, account.login, password))

    def new_recovery_key(self) -> str | None:
        """Replace the recovery key and show the new one once (the old one stops working)."""
        try:
            key = accounts.new_recovery_key(self.ctx)
        except UserError as exc:
            messages.show_error(self, exc.message)
            return None
        self.show_key(key)
        return key

    def _show_key(self, key: str) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("New recovery key"))
        text = QLabel(
            self.tr(
                "Write this key down and keep it away from this PC. With it an administrator's "
                "forgotten password can be reset (studio-app user reset-password NAME "
                "--recovery-key KEY). It is shown only this once; the previous key no longer "
                "works."
            ),
            dialog,
        )
        text.setWordWrap(True)
        shown = QLineEdit(key, dialog)
        shown.setReadOnly(True)
        shown.setObjectName("recoveryKey")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, dialog)
        buttons.accepted.connect(dialog.accept)
        layout = QVBoxLayout(dialog)
        layout.addWidget(text)
        layout.addWidget(shown)
        layout.addWidget(buttons)
        dialog.exec()

    def deactivate_selected(self) -> bool:
        account = self.selected()
        if account is None:
            return False
        return self._do(lambda: accounts.deactivate(self.ctx, account.login))
