"""Settings tab: the local studio's (or county office's) name, township, county and contact."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio_app.core.codes import SiteKind
from studio_app.core.errors import UserError, ValidationError
from studio_app.services import site
from studio_app.services.context import Context
from studio_app.ui import messages, operations
from studio_app.ui.i18n import label

MAX_WIDTH = 760
FIELDS = ("name", "township", "county", "address", "phone")


class ProfileTab(QWidget):
    """Edits the editable fields of the local site; the code is shown, fixed."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profileTab")
        self.setMaximumWidth(MAX_WIDTH)
        self.ctx = ctx
        titles = {
            "name": self.tr("Name"),
            "township": self.tr("Township"),
            "county": self.tr("County"),
            "address": self.tr("Address"),
            "phone": self.tr("Phone"),
        }
        limits = {key: limit for key, (_label, limit, _req) in site.PROFILE_EDITABLE.items()}
        form = QFormLayout()
        self.kind_label = QLabel(self)
        form.addRow(self.tr("Kind"), self.kind_label)
        self.code_label = QLabel(self)
        self.code_label.setObjectName("siteCode")
        form.addRow(self.tr("Code"), self.code_label)
        code_note = QLabel(
            self.tr(
                "The code is fixed after setup: serial numbers and exchange file names use it."
            ),
            self,
        )
        code_note.setWordWrap(True)
        code_note.setEnabled(False)
        form.addRow("", code_note)
        self.edits: dict[str, QLineEdit] = {}
        for key in FIELDS:
            edit = QLineEdit(self)
            edit.setObjectName(f"site_{key}")
            edit.setMaxLength(limits[key])
            edit.textEdited.connect(lambda _text: self.status.clear())
            self.edits[key] = edit
            form.addRow(titles[key], edit)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("saveProfileButton")
        self.save_button.clicked.connect(self.save)
        self.status: QLabel = QLabel(self)
        self.status.setObjectName("profileStatus")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addStretch(1)
        if ctx.role == "viewer":
            for edit in self.edits.values():
                edit.setReadOnly(True)
            self.save_button.setEnabled(False)
        self.load()

    def load(self) -> None:
        found = site.profile()
        self.kind_label.setText(label(SiteKind(found.kind)))
        self.code_label.setText(found.code)
        for key, edit in self.edits.items():
            edit.setText(getattr(found, key))

    def save(self) -> bool:
        """Save what was typed; a refusal is shown and nothing is written."""
        values = {key: edit.text() for key, edit in self.edits.items()}
        try:
            changes = operations.call(lambda: site.update_profile(self.ctx, values))
        except ValidationError as exc:
            messages.show_error(self, "\n".join(exc.errors.values()))
            return False
        except UserError as exc:
            messages.show_error(self, exc.message)
            return False
        self.load()
        self.status.setText(self.tr("Saved.") if changes else self.tr("Nothing changed."))
        return True
