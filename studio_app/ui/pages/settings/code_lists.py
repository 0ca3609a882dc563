"""Settings tab: the editable code lists (add, rename, deactivate; codes are never deleted)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio_app.core.codes import CodeListKind
from studio_app.core.errors import UserError
from studio_app.services import code_lists
from studio_app.services.context import Context
from studio_app.ui import messages, operations
from studio_app.ui.i18n import label
from studio_app.ui.lookups import Lookups


def ask_text(parent: QWidget, title: str, prompt: str, text: str = "") -> str | None:
    """One line of text from the user, or None when cancelled (tests replace this)."""
    value, ok = QInputDialog.getText(parent, title, prompt, QLineEdit.EchoMode.Normal, text)
    return value if ok else None


class CodeListsTab(QWidget):
    """The lists on the left, the chosen list's codes on the right."""

    def __init__(
        self, ctx: Context, parent: QWidget | None = None, lookups: Lookups | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("codeListsTab")
        self.ctx = ctx
        self.lookups = lookups
        self.kinds = list(CodeListKind)
        self.lists = QListWidget(self)
        self.lists.setObjectName("codeListKinds")
        for kind in self.kinds:
            self.lists.addItem(label(kind))
        self.lists.setFixedWidth(160)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("codeTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Code"), self.tr("Label"), self.tr("Used by"), self.tr("In use")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemActivated.connect(lambda _item: self.rename_selected())
        self.notice = QLabel(self)
        self.notice.setObjectName("codeListNotice")
        self.notice.setWordWrap(True)
        self.add_button = QPushButton(self.tr("Add…"), self)
        self.add_button.setObjectName("addCodeButton")
        self.add_button.clicked.connect(self.add_code)
        self.rename_button = QPushButton(self.tr("Rename…"), self)
        self.rename_button.setObjectName("renameCodeButton")
        self.rename_button.clicked.connect(self.rename_selected)
        self.active_button = QPushButton(self.tr("Deactivate"), self)
        self.active_button.setObjectName("activeCodeButton")
        self.active_button.clicked.connect(self.toggle_selected)
        hint = QLabel(
            self.tr(
                "Codes are never deleted: records keep them. A deactivated entry is no longer "
                "offered for new records; old records still show it."
            ),
            self,
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.rename_button, self.active_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.notice)
        right.addWidget(self.table, 1)
        right.addLayout(buttons)
        right.addWidget(hint)
        layout = QHBoxLayout(self)
        layout.addWidget(self.lists)
        layout.addLayout(right, 1)
        self.lists.currentRowChanged.connect(lambda _row: self.reload())
        self.lists.setCurrentRow(0)

    def current_kind(self) -> CodeListKind:
        return self.kinds[max(self.lists.currentRow(), 0)]

    def read_only_reason(self) -> str | None:
        return code_lists.read_only_reason(self.ctx, self.current_kind())

    def reload(self, select: str = "") -> None:
        entries = code_lists.entries(self.current_kind())
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            cells = (
                entry.code,
                entry.label,
                str(entry.used),
                self.tr("Yes") if entry.active else self.tr("No"),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, entry.code)
                if not entry.active:
                    item.setForeground(self.palette().placeholderText())
                self.table.setItem(row, column, item)
            if entry.code == select:
                self.table.selectRow(row)
        self.table.resizeColumnToContents(0)
        reason = self.read_only_reason()
        self.notice.setText(self.tr("Read only: {0}").format(reason) if reason else "")
        self.notice.setVisible(bool(reason))
        self._update_buttons()

    def selected_code(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.table.item(rows[0].row(), 0)
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else None

    def _selected_active(self) -> bool:
        rows = self.table.selectionModel().selectedRows()
        item = self.table.item(rows[0].row(), 3) if rows else None
        return item is not None and item.text() == self.tr("Yes")

    def _update_buttons(self) -> None:
        editable = self.read_only_reason() is None
        chosen = self.selected_code() is not None
        self.add_button.setEnabled(editable)
        self.rename_button.setEnabled(editable and chosen)
        self.active_button.setEnabled(editable and chosen)
        active = not chosen or self._selected_active()
        self.active_button.setText(self.tr("Deactivate") if active else self.tr("Activate"))

    def _run(self, action: Callable[[], Any], select: str = "") -> bool:
        try:
            result = operations.call(action)
        except UserError as exc:
            messages.show_error(self, exc.message)
            return False
        self.reload(select or getattr(result, "code", "") or "")
        self._refresh_lookups()
        return True

    def _refresh_lookups(self) -> None:
        """The lists and forms already open show new labels at once (they share the maps)."""
        if self.lookups is not None:
            self.lookups.reread_code_lists()

    def add_code(self) -> bool:
        kind = self.current_kind()
        text = ask_text(self, self.tr("Add to {0}").format(label(kind)), self.tr("Label:"))
        if text is None:
            return False
        return self._run(lambda: code_lists.add(self.ctx, kind, text))

    def rename_selected(self) -> bool:
        code = self.selected_code()
        if code is None or self.read_only_reason():
            return False
        kind = self.current_kind()
        item = self.table.item(self.table.currentRow(), 1)
        old = item.text() if item else ""
        text = ask_text(self, self.tr("Rename {0}").format(code), self.tr("New label:"), old)
        if text is None:
            return False
        return self._run(lambda: code_lists.rename(self.ctx, kind, code, text), code)

    def toggle_selected(self) -> bool:
        code = self.selected_code()
        if code is None:
            return False
        active = not self._selected_active()
        kind = self.current_kind()
        return self._run(lambda: code_lists.set_active(self.ctx, kind, code, active), code)
