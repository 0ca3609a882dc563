"""Settings tab: UI language, the font printed forms use, where the data folder is, and the
fingerprints of package signatures (this installation's and the senders pinned)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import peewee as pw
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QFontDatabase, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
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

from studio_app import paths
from studio_app.core.errors import UserError
from studio_app.services import peers, print_settings
from studio_app.storage.database import where
from studio_app.ui import messages
from studio_app.ui.i18n import DEFAULT_LANGUAGE, current_language
from studio_app.ui.language import LANGUAGES

MAX_WIDTH = 900
SAMPLE = "中"  # a font that cannot print this cannot print the forms


def choose_font_file(parent: QWidget, start: str) -> str:
    """A font file picked by the user, or "" (tests replace this)."""
    caption = QCoreApplication.translate("GeneralTab", "Choose a font for printing")
    found, _ = QFileDialog.getOpenFileName(
        parent,
        caption,
        start,
        QCoreApplication.translate("GeneralTab", "TrueType fonts (*.ttf *.ttc)"),
    )
    return found


def choose_folder(parent: QWidget, start: str) -> str:
    """A folder picked by the user, or "" (tests replace this)."""
    return QFileDialog.getExistingDirectory(
        parent, QCoreApplication.translate("GeneralTab", "Choose the data folder"), start
    )


def font_problem(path: Path) -> str | None:
    """Why reportlab cannot embed ``path`` for Chinese forms (a translated sentence), or None."""
    from studio_app.reports import fonts  # reportlab: loaded when a font is chosen

    try:
        kind = fonts.outline_kind(path)
    except OSError as exc:
        return QCoreApplication.translate("GeneralTab", "The file cannot be read: {0}").format(
            exc.strerror or exc
        )
    if kind == "cff":
        return QCoreApplication.translate(
            "GeneralTab",
            "This font has PostScript (CFF) outlines, which cannot be embedded in PDF forms. "
            "Choose a TrueType font (.ttf), e.g. SimSun or Microsoft YaHei.",
        )
    if kind != "truetype":
        return QCoreApplication.translate("GeneralTab", "This is not a TrueType font file.")
    from reportlab.pdfbase.ttfonts import TTFont

    try:
        font = TTFont("StudioFontCheck", str(path), subfontIndex=0)
    except Exception as exc:  # reportlab raises TTFError and others for odd or restricted fonts
        return QCoreApplication.translate(
            "GeneralTab", "The font cannot be used for printing: {0}"
        ).format(exc)
    if ord(SAMPLE) not in font.face.charToGlyph:
        return QCoreApplication.translate("GeneralTab", "This font has no Chinese characters.")
    return None


class GeneralTab(QWidget):
    """Language, print font, data folder and package signatures, each in its own group."""

    def __init__(self, data_root: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("generalTab")
        self.setMaximumWidth(MAX_WIDTH)
        self.data_root = Path(data_root)

        self.language = QComboBox(self)
        self.language.setObjectName("languageCombo")
        self.language.addItem("中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(
            self.language.findData(current_language() or DEFAULT_LANGUAGE)
        )
        self.language.currentIndexChanged.connect(lambda _i: self.choose_language())
        language_box = QGroupBox(self.tr("Language"), self)
        language_form = QFormLayout(language_box)
        language_form.addRow(self.tr("Display language"), self.language)

        self.font_label = QLabel(self)
        self.font_label.setObjectName("fontLabel")
        self.font_label.setWordWrap(True)
        self.choose_font_button = QPushButton(self.tr("Choose file…"), self)
        self.choose_font_button.setObjectName("chooseFontButton")
        self.choose_font_button.clicked.connect(self.choose_font)
        self.reset_font_button = QPushButton(self.tr("Use default"), self)
        self.reset_font_button.setObjectName("resetFontButton")
        self.reset_font_button.clicked.connect(self.reset_font)
        font_box = QGroupBox(self.tr("Font for printing"), self)
        font_layout = QVBoxLayout(font_box)
        font_layout.addWidget(self.font_label)
        row = QHBoxLayout()
        row.addWidget(self.choose_font_button)
        row.addWidget(self.reset_font_button)
        row.addStretch(1)
        font_layout.addLayout(row)

        self.folder_label = QLabel(self)
        self.folder_label.setObjectName("dataFolderLabel")
        self.folder_label.setWordWrap(True)
        self.database_label = QLabel(self)
        self.database_label.setObjectName("databaseLabel")
        self.database_label.setWordWrap(True)
        self.database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.next_label = QLabel(self)
        self.next_label.setObjectName("nextFolderLabel")
        self.next_label.setWordWrap(True)
        self.change_folder_button = QPushButton(self.tr("Change location…"), self)
        self.change_folder_button.setObjectName("changeFolderButton")
        self.change_folder_button.clicked.connect(self.change_folder)
        self.default_folder_button = QPushButton(self.tr("Use default location"), self)
        self.default_folder_button.setObjectName("defaultFolderButton")
        self.default_folder_button.clicked.connect(self.default_folder)
        note = QLabel(
            self.tr(
                "The change takes effect at the next start. Data is not moved: choose an empty "
                "folder (a new studio is set up there) or a folder that already holds a studio "
                "database (e.g. a copy). Backups and logs are kept in the data folder too."
            ),
            self,
        )
        note.setWordWrap(True)
        note.setEnabled(False)
        folder_box = QGroupBox(self.tr("Data folder"), self)
        folder_layout = QVBoxLayout(folder_box)
        folder_layout.addWidget(self.folder_label)
        folder_layout.addWidget(self.database_label)
        folder_layout.addWidget(self.next_label)
        row = QHBoxLayout()
        row.addWidget(self.change_folder_button)
        row.addWidget(self.default_folder_button)
        row.addStretch(1)
        folder_layout.addLayout(row)
        folder_layout.addWidget(note)

        layout = QVBoxLayout(self)
        layout.addWidget(language_box)
        layout.addWidget(font_box)
        layout.addWidget(folder_box)
        layout.addWidget(self._signatures_box())
        layout.addStretch(1)
        self.show_font()
        self.show_folder()
        self.show_signatures()

    def _signatures_box(self) -> QGroupBox:
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.own_fingerprint = QLineEdit(self)  # selectable, and copied as it is
        self.own_fingerprint.setObjectName("ownFingerprint")
        self.own_fingerprint.setReadOnly(True)
        self.own_fingerprint.setFont(mono)
        self.peer_table = QTableWidget(0, 5, self)
        self.peer_table.setObjectName("peerTable")
        self.peer_table.setHorizontalHeaderLabels(
            [
                self.tr("Code"),
                self.tr("Name"),
                self.tr("Kind"),
                self.tr("Fingerprint"),
                self.tr("Pinned on"),
            ]
        )
        self.peer_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.peer_table.verticalHeader().setVisible(False)
        header = self.peer_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.peer_table.setMinimumHeight(120)
        self.no_peers = QLabel(
            self.tr("No sender pinned yet: one is pinned when its first package is imported."),
            self,
        )
        self.no_peers.setObjectName("noPeersLabel")
        note = QLabel(
            self.tr(
                "Every package is signed. Compare fingerprints group by group with what the "
                "other side's settings page shows, on paper or by phone. A package signed "
                "with another key is refused; only an administrator can forget a sender "
                "(on the command line), so that its next package is pinned again."
            ),
            self,
        )
        note.setWordWrap(True)
        note.setEnabled(False)
        box = QGroupBox(self.tr("Package signatures"), self)
        form = QFormLayout()
        form.addRow(self.tr("This installation's fingerprint"), self.own_fingerprint)
        box_layout = QVBoxLayout(box)
        box_layout.addLayout(form)
        box_layout.addWidget(QLabel(self.tr("Senders pinned on first contact:"), self))
        box_layout.addWidget(self.peer_table)
        box_layout.addWidget(self.no_peers)
        box_layout.addWidget(note)
        return box

    def showEvent(self, event: QShowEvent) -> None:
        self.show_signatures()  # an import may have pinned a sender since
        super().showEvent(event)

    # -- language --------------------------------------------------------------------------

    def choose_language(self) -> bool:
        """Switch through the window's language menu (it rebuilds the window)."""
        chosen = str(self.language.currentData())
        if chosen not in LANGUAGES or chosen == current_language():
            return False
        window = self.window()
        action = window.findChild(QAction, f"language_{chosen}") if window else None
        if action is None:
            return False
        action.trigger()
        return True

    # -- print font ------------------------------------------------------------------------

    def show_font(self) -> None:
        chosen = print_settings.font_path()
        if chosen:
            self.font_label.setText(self.tr("Chosen font: {0}").format(chosen))
        else:
            self.font_label.setText(
                self.tr(
                    "Automatic: a Chinese TrueType font installed on this computer "
                    "(SimSun, SimHei or Microsoft YaHei on Windows)."
                )
            )
        self.reset_font_button.setEnabled(bool(chosen))

    def choose_font(self) -> bool:
        current = print_settings.font_path() or ""
        found = choose_font_file(self, str(Path(current).parent) if current else "")
        if not found:
            return False
        problem = font_problem(Path(found))
        if problem:
            messages.show_error(self, problem)
            return False
        print_settings.set_font_path(found)
        self.show_font()
        return True

    def reset_font(self) -> None:
        print_settings.set_font_path(None)
        self.show_font()

    # -- package signatures ----------------------------------------------------------------

    def show_signatures(self) -> None:
        try:
            own, pinned = peers.own_fingerprint(), peers.pinned()
        except (pw.DatabaseError, sqlite3.DatabaseError, UserError):  # a read-only view
            own, pinned = self.tr("Not available"), []
        self.own_fingerprint.setText(own)
        self.peer_table.setRowCount(len(pinned))
        for row, p in enumerate(pinned):
            kind = self.tr("County office") if p.kind == "county" else self.tr("Studio")
            cells = [
                p.code,
                p.name,
                kind,
                p.fingerprint or self.tr("None yet (unsigned packages only)"),
                p.pinned_at.strftime("%Y-%m-%d %H:%M"),
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 3 and p.fingerprint:
                    item.setFont(self.own_fingerprint.font())
                self.peer_table.setItem(row, column, item)
        self.peer_table.setVisible(bool(pinned))
        self.no_peers.setVisible(not pinned)

    # -- data folder -----------------------------------------------------------------------

    def show_folder(self) -> None:
        self.folder_label.setText(self.tr("Current location: {0}").format(self.data_root))
        self.database_label.setText(self.tr("Database: {0}").format(where()))
        chosen = paths.remembered_data_dir()
        if chosen is not None and Path(chosen).resolve() != self.data_root.resolve():
            self.next_label.setText(self.tr("From the next start: {0}").format(chosen))
        else:
            self.next_label.setText("")
        self.next_label.setVisible(bool(self.next_label.text()))
        self.default_folder_button.setEnabled(chosen is not None)

    def change_folder(self) -> bool:
        found = choose_folder(self, str(self.data_root))
        if not found:
            return False
        reason = paths.unusable_reason(Path(found))
        if reason:
            messages.show_error(self, reason)
            return False
        try:
            paths.remember_data_dir(Path(found))
        except OSError as exc:
            messages.show_error(self, self.tr("Cannot save the choice: {0}").format(exc))
            return False
        self.show_folder()
        return True

    def default_folder(self) -> None:
        try:
            paths.remember_data_dir(None)
        except OSError as exc:
            messages.show_error(self, self.tr("Cannot save the choice: {0}").format(exc))
        self.show_folder()
