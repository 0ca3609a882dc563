"""Setting up a real installation (a studio or the county office) from the demo.

Four steps: what is set up (kind, name, code, township, county), the first administrator,
the data folder for the real records, then the recovery key, shown once. The database is
created by :func:`studio_app.workspace.set_up` — the same services as ``studio-app setup``;
the demo folder is left as it is. The new folder is remembered for the next starts.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from studio_app import paths
from studio_app.core.codes import SiteKind
from studio_app.core.errors import UserError, ValidationError
from studio_app.paths import APP_NAME, DataDir
from studio_app.services import site
from studio_app.ui import screen_fit
from studio_app.workspace import Installation, Workspace, folder_refusal
from studio_app.workspace import set_up as set_up_workspace

Create = Callable[[DataDir, Installation], tuple[Workspace, str]]
IDENTITY, ADMIN, FOLDER, KEY = range(4)


def choose_folder(parent: QWidget, start: str) -> str:
    """A folder picked by the user, or "" (tests replace this)."""
    return QFileDialog.getExistingDirectory(
        parent, QCoreApplication.translate("SetupWizard", "Folder for the real data"), start
    )


def default_folder(current_root: Path, code: str) -> Path:
    """Beside the current (demo) data folder: ``StudioLedger-<CODE>``."""
    name = f"{APP_NAME}-{code.strip().upper()}" if code.strip() else f"{APP_NAME}-new"
    return Path(current_root).parent / name


def _error_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020;")
    label.hide()
    return label


def _note(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label


class SetupWizard(QDialog):
    """After :meth:`exec`, :attr:`workspace` is the new installation (None: nothing made)."""

    def __init__(
        self,
        current_root: Path,
        parent: QWidget | None = None,
        *,
        create: Create = set_up_workspace,
        remember: Callable[[Path], None] = paths.remember_data_dir,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("setupWizard")
        self.setWindowTitle(self.tr("Set up for real use"))
        self.current_root = Path(current_root)
        self.set_up_with = create
        self.remember = remember
        self.workspace: Workspace | None = None
        self.recovery_key = ""
        self.folder_chosen = False  # the user picked or typed a folder: keep it

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._identity_page())
        self.pages.addWidget(self._admin_page())
        self.pages.addWidget(self._folder_page())
        self.pages.addWidget(self._key_page())
        self.step = QLabel(self)
        self.step.setObjectName("setupStep")
        font = self.step.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.step.setFont(font)

        self.back_button = QPushButton(self.tr("< Back"), self)
        self.back_button.setObjectName("setupBack")
        self.back_button.clicked.connect(self.back)
        self.next_button = QPushButton(self.tr("Next >"), self)
        self.next_button.setObjectName("setupNext")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.next)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("setupCancel")
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.step)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self.show_page(IDENTITY)
        screen_fit.fit(self, 600, 460)

    # -- pages -----------------------------------------------------------------------------

    def _identity_page(self) -> QWidget:
        page = QWidget(self)
        intro = _note(
            self.tr(
                "The demo data stays where it is. The real ledger gets a data folder of its "
                "own and starts empty, with your own administrator."
            ),
            page,
        )
        self.studio_choice = QRadioButton(self.tr("A member studio"), page)
        self.studio_choice.setObjectName("kindStudio")
        self.studio_choice.setChecked(True)
        self.county_choice = QRadioButton(self.tr("The county CPPCC office"), page)
        self.county_choice.setObjectName("kindCounty")
        self.kind_group = QButtonGroup(page)
        self.kind_group.addButton(self.studio_choice)
        self.kind_group.addButton(self.county_choice)
        kinds = QHBoxLayout()
        kinds.addWidget(self.studio_choice)
        kinds.addWidget(self.county_choice)
        kinds.addStretch(1)
        self.name = QLineEdit(page)
        self.name.setObjectName("siteName")
        self.name.setPlaceholderText(self.tr("e.g. 石桥镇政协委员工作室"))
        self.code = QLineEdit(page)
        self.code.setObjectName("siteCode")
        self.code.setMaxLength(12)
        self.code.setPlaceholderText(self.tr("e.g. SQZ"))
        self.code.textEdited.connect(self._code_edited)
        code_note = _note(
            self.tr(
                "2–12 Latin letters or digits, starting with a letter. It is part of every "
                "serial number and exchange file name and cannot be changed afterwards."
            ),
            page,
        )
        self.township = QLineEdit(page)
        self.township.setObjectName("siteTownship")
        self.county = QLineEdit(page)
        self.county.setObjectName("siteCounty")
        self.identity_error = _error_label(page, "identityError")
        form = QFormLayout()
        form.addRow(self.tr("Set up as"), kinds)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Code"), self.code)
        form.addRow("", code_note)
        form.addRow(self.tr("Township"), self.township)
        form.addRow(self.tr("County"), self.county)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.identity_error)
        layout.addStretch(1)
        return page

    def _admin_page(self) -> QWidget:
        page = QWidget(self)
        self.admin = QLineEdit("admin", page)
        self.admin.setObjectName("adminLogin")
        self.password = QLineEdit(page)
        self.password.setObjectName("adminPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_again = QLineEdit(page)
        self.password_again.setObjectName("adminPasswordAgain")
        self.password_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.admin_error = _error_label(page, "adminError")
        form = QFormLayout()
        form.addRow(self.tr("User name"), self.admin)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Password again"), self.password_again)
        layout = QVBoxLayout(page)
        layout.addWidget(
            _note(
                self.tr(
                    "The first administrator of the real ledger; other users are added later "
                    "under Users. The password needs at least 4 characters, without spaces at "
                    "the start or end."
                ),
                page,
            )
        )
        layout.addLayout(form)
        layout.addWidget(self.admin_error)
        layout.addStretch(1)
        return page

    def _folder_page(self) -> QWidget:
        page = QWidget(self)
        self.folder = QLineEdit(page)
        self.folder.setObjectName("dataFolder")
        self.folder.textEdited.connect(self._folder_edited)
        choose = QPushButton(self.tr("Choose…"), page)
        choose.setObjectName("chooseDataFolder")
        choose.clicked.connect(self.choose_folder)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(choose)
        self.folder_error = _error_label(page, "folderError")
        layout = QVBoxLayout(page)
        layout.addWidget(
            _note(
                self.tr(
                    "The real data, its backups and logs are kept in this folder. It must be "
                    "empty or not exist yet; a folder that already holds a database is "
                    "refused. The app opens this folder from now on; the demo folder ({0}) "
                    "is left as it is."
                ).format(self.current_root),
                page,
            )
        )
        layout.addLayout(row)
        layout.addWidget(self.folder_error)
        layout.addStretch(1)
        return page

    def _key_page(self) -> QWidget:
        page = QWidget(self)
        self.done_label = QLabel(page)
        self.done_label.setObjectName("setupDone")
        self.done_label.setWordWrap(True)
        warning = QLabel(
            self.tr(
                "Recovery key — shown only this once. Write it down on paper and keep it away "
                "from the computer. With it an administrator's forgotten password can be "
                "reset; without it, nobody can."
            ),
            page,
        )
        warning.setObjectName("recoveryWarning")
        warning.setWordWrap(True)
        warning.setStyleSheet("font-weight: bold; color: #8a4b00;")
        self.key = QLineEdit(page)
        self.key.setObjectName("recoveryKey")
        self.key.setReadOnly(True)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(mono.pointSizeF() * 1.3)
        mono.setWeight(QFont.Weight.Bold)
        self.key.setFont(mono)
        copy = QPushButton(self.tr("Copy"), page)
        copy.setObjectName("copyRecoveryKey")
        copy.clicked.connect(self.copy_key)
        row = QHBoxLayout()
        row.addWidget(self.key, 1)
        row.addWidget(copy)
        self.written_down = QCheckBox(self.tr("I have written the recovery key down"), page)
        self.written_down.setObjectName("keyWrittenDown")
        self.written_down.toggled.connect(lambda on: self.next_button.setEnabled(on))
        self.remember_note = QLabel(page)
        self.remember_note.setObjectName("rememberNote")
        self.remember_note.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(self.done_label)
        layout.addWidget(warning)
        layout.addLayout(row)
        layout.addWidget(self.written_down)
        layout.addWidget(self.remember_note)
        layout.addStretch(1)
        return page

    # -- moving between pages --------------------------------------------------------------

    def show_page(self, index: int) -> None:
        titles = [
            self.tr("Step 1 of 4: the studio or county office"),
            self.tr("Step 2 of 4: the administrator"),
            self.tr("Step 3 of 4: where the data is kept"),
            self.tr("Step 4 of 4: the recovery key"),
        ]
        self.pages.setCurrentIndex(index)
        self.step.setText(titles[index])
        self.back_button.setVisible(index in (ADMIN, FOLDER))
        self.cancel_button.setVisible(index != KEY)
        texts = {FOLDER: self.tr("Set up"), KEY: self.tr("Open the real ledger")}
        self.next_button.setText(texts.get(index, self.tr("Next >")))
        self.next_button.setEnabled(index != KEY or self.written_down.isChecked())
        if index == FOLDER and not self.folder_chosen:
            self.folder.setText(str(default_folder(self.current_root, self.code.text())))

    def back(self) -> None:
        if self.pages.currentIndex() in (ADMIN, FOLDER):
            self.show_page(self.pages.currentIndex() - 1)

    def next(self) -> bool:
        """Check the page shown and go on; False (with the reason shown) when refused."""
        index = self.pages.currentIndex()
        if index == IDENTITY and self._identity_ok():
            self.show_page(ADMIN)
        elif index == ADMIN and self._admin_ok():
            self.show_page(FOLDER)
        elif index == FOLDER and self._set_up():
            self.show_page(KEY)
        elif index == KEY and self.written_down.isChecked():
            self.accept()
        else:
            return False
        return True

    def reject(self) -> None:
        if self.workspace is not None and not self.written_down.isChecked():
            return  # the key must be seen to; the new ledger opens with the last button
        super().reject()

    # -- checks ----------------------------------------------------------------------------

    def kind(self) -> str:
        return SiteKind.COUNTY.value if self.county_choice.isChecked() else SiteKind.STUDIO.value

    def _identity_ok(self) -> bool:
        errors = site.identity_errors(self.kind(), self.name.text(), self.code.text())
        return self._show(self.identity_error, errors)

    def _admin_ok(self) -> bool:
        errors = site.admin_errors(self.admin.text(), self.password.text())
        if not errors and self.password.text() != self.password_again.text():
            errors["password_again"] = self.tr("The two passwords are not the same.")
        if errors:
            self.password.clear()
            self.password_again.clear()
        return self._show(self.admin_error, errors)

    def _show(self, label: QLabel, errors: dict[str, str]) -> bool:
        label.setText("\n".join(errors.values()))
        label.setVisible(bool(errors))
        return not errors

    def chosen_folder(self) -> Path:
        return Path(self.folder.text().strip()).expanduser()

    def _set_up(self) -> bool:
        text = self.folder.text().strip()
        refusal = folder_refusal(self.chosen_folder()) if text else self.tr("Choose a folder.")
        if not refusal and self.chosen_folder().resolve() == self.current_root.resolve():
            refusal = self.tr("This is the current data folder. Choose another one.")
        if refusal:
            return self._show(self.folder_error, {"folder": refusal})
        wanted = Installation(
            kind=self.kind(),
            name=self.name.text(),
            code=self.code.text(),
            township=self.township.text(),
            county=self.county.text(),
            admin=self.admin.text(),
            password=self.password.text(),
        )
        try:
            created, key = self.set_up_with(DataDir(self.chosen_folder()), wanted)
        except ValidationError as exc:
            return self._show(self.folder_error, exc.errors)
        except UserError as exc:
            return self._show(self.folder_error, {"folder": exc.message})
        self.workspace, self.recovery_key = created, key
        self._show(self.folder_error, {})
        local = created.site
        self.done_label.setText(
            self.tr("{0} ({1}) is set up in {2}. Administrator: {3}.").format(
                local.name if local else wanted.name,
                local.code if local else wanted.code,
                created.data_dir.root,
                created.login or wanted.admin,
            )
        )
        self.key.setText(key)
        try:
            self.remember(created.data_dir.root)
            self.remember_note.setText(self.tr("The app opens this folder from now on."))
        except OSError as exc:
            self.remember_note.setText(
                self.tr(
                    "The folder could not be remembered for the next start ({0}); choose it "
                    "under Settings, Data folder."
                ).format(exc.strerror or exc)
            )
        return True

    # -- helpers ---------------------------------------------------------------------------

    def _code_edited(self, text: str) -> None:
        upper = text.upper()
        if upper != text:
            cursor = self.code.cursorPosition()
            self.code.setText(upper)
            self.code.setCursorPosition(cursor)

    def _folder_edited(self, _text: str) -> None:
        self.folder_chosen = True

    def choose_folder(self) -> bool:
        found = choose_folder(self, str(self.chosen_folder().parent))
        if not found:
            return False
        self.folder.setText(found)
        self.folder_chosen = True
        return True

    def copy_key(self) -> None:
        QGuiApplication.clipboard().setText(self.recovery_key)
        self.written_down.setFocus()
