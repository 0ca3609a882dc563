"""Merging two residents: choose which record to keep, see what moves, then merge.

The preview has a line per kind of record that links or names residents, from the registry
of kinds (``RecordKind.merge_title``, else its short label), with the serials that move.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from studio_app.core import kinds
from studio_app.core.fields import by_key
from studio_app.core.identity import mask_phone
from studio_app.services import resident_merge
from studio_app.services.context import Context
from studio_app.storage.models import Resident
from studio_app.ui import screen_fit
from studio_app.ui.i18n import declared

SHOWN = 8  # serials listed before "…"


def _serials(items: list[str]) -> str:
    shown = "、".join(s for s in items[:SHOWN] if s)
    return shown + ("…" if len(items) > SHOWN else "")


class ResidentMergeDialog(QDialog):
    """Two radio buttons (the record to keep) and a preview of the merge."""

    def __init__(self, ctx: Context, first: int, second: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("residentMergeDialog")
        self.setWindowTitle(self.tr("Merge two residents"))
        self.ctx = ctx
        self.ids = (first, second)
        self.choices = [QRadioButton(self._describe(i), self) for i in self.ids]
        self.choices[0].setChecked(True)
        for button in self.choices:
            button.toggled.connect(lambda _on: self.show_preview())
        self.preview_label = QLabel(self)
        self.preview_label.setObjectName("mergePreview")
        self.preview_label.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Merge"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Keep this record:"), self))
        for button in self.choices:
            layout.addWidget(button)
        layout.addWidget(self.preview_label, 1)
        layout.addWidget(buttons)
        screen_fit.fit(self, 480, 320)
        self.show_preview()

    def _describe(self, resident_id: int) -> str:
        row = Resident.get_by_id(resident_id)
        phone = row.phone if self.ctx.may_see_pii else mask_phone(row.phone)
        parts = [row.name, phone, row.village, row.serial or ""]
        return " · ".join(p for p in parts if p)

    def kept(self) -> int:
        return self.ids[0] if self.choices[0].isChecked() else self.ids[1]

    def duplicate(self) -> int:
        return self.ids[1] if self.kept() == self.ids[0] else self.ids[0]

    def show_preview(self) -> None:
        found = resident_merge.preview(self.ctx, self.kept(), self.duplicate())
        labels = by_key(kinds.RESIDENT.fields)
        lines = [
            self.tr("“{0}” goes to the trash; what points to it moves to “{1}”:").format(
                found.duplicate.name, found.keep.name
            ),
        ]
        for name, serials in found.serials.items():
            kind = kinds.kind(name)
            title = declared(kind.merge_title or kind.short_label)
            lines.append(self.tr("{0}: {1} {2}").format(title, len(serials), _serials(serials)))
        if found.filled:
            filled = "、".join(declared(labels[k].label) for k in found.filled)
            lines.append(self.tr("Taken over where the kept record is empty: {0}").format(filled))
        lines.append(self.tr("The merge can be undone later (Undo merge)."))
        self.preview_label.setText("\n".join(lines))


def choose_kept(ctx: Context, first: int, second: int, parent: QWidget) -> tuple[int, int] | None:
    """(kept, duplicate) chosen in the dialog, or None when cancelled (tests replace this)."""
    dialog = ResidentMergeDialog(ctx, first, second, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.kept(), dialog.duplicate()
    finally:
        dialog.deleteLater()


def confirm_undo(parent: QWidget, text: str) -> bool:
    """Ask before undoing a merge (tests replace this)."""
    answer = QMessageBox.question(
        parent, QCoreApplication.translate("ResidentMergeDialog", "Undo merge"), text
    )
    return answer == QMessageBox.StandardButton.Yes
