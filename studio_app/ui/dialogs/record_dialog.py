"""What the create/edit dialogs of records share (proposals, members, residents, any kind).

A form of :class:`FieldRow` s with inline errors, Save (Enter, Ctrl+S), Cancel (Esc, asks
before throwing changes away), optional workflow buttons, and writes through a service.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from studio_app.core.errors import StaleRecord, UserError, ValidationError
from studio_app.core.fields import Field
from studio_app.services.context import Context
from studio_app.ui import identifiers, messages, operations
from studio_app.ui.i18n import declared
from studio_app.ui.widgets.edits import on_input
from studio_app.ui.widgets.field_row import ERROR_STYLE, FieldRow


def text_box(parent: QWidget, height: int = 80) -> QPlainTextEdit:
    """A multi-line box where Tab moves on (keyboard entry)."""
    box = QPlainTextEdit(parent)
    box.setTabChangesFocus(True)
    box.setMinimumHeight(height)
    return box


class RecordDialog(QDialog):
    """A new record (``record_id`` None) or a saved one; ``saved`` fires after each write."""

    saved = Signal(int)
    fields: tuple[Field, ...] = ()
    draft_kind = ""  # names the drafts of this kind of record ("proposal-new", "proposal-7")

    def __init__(self, ctx: Context, record_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.record_id = record_id
        self.saved_id: int | None = None
        self.rev: int | None = None
        self.rows: dict[str, FieldRow] = {}
        self.row_forms: dict[str, QFormLayout] = {}  # the form each row is in
        self._baseline: Any = None
        self._labels = {f.key: f.label for f in self.fields}

        self.form_widget = QWidget(self)
        self.form = QFormLayout(self.form_widget)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from the form to the buttons
        scroll.setWidget(self.form_widget)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("statusLabel")
        self.status_label.setStyleSheet("font-weight: bold;")
        self.status_label.hide()
        self.general_error = QLabel(self)
        self.general_error.setObjectName("generalError")
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.general_error.hide()

        self.save_button = QPushButton(self.tr("&Save"), self)
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(True)
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(self.tr("&Cancel"), self)
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        self.actions_row = QHBoxLayout()
        buttons = QHBoxLayout()
        buttons.addLayout(self.actions_row)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.status_label)
        self.layout_.addWidget(scroll, 1)
        self.layout_.addWidget(self.general_error)
        self.layout_.addLayout(buttons)

    def finish_setup(self) -> None:
        """Call at the end of a subclass ``__init__``: load the record, remember the state."""
        if self.record_id is not None:
            self.reload()
        self._baseline = self.values()
        first = next(iter(self.rows.values()), None)
        if first is not None:
            first.setFocus()

    # -- what subclasses say ---------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    def load(self, record_id: int) -> None:
        """Fill the form from the saved record; set ``self.rev``."""
        raise NotImplementedError

    def fill(self, values: dict[str, Any]) -> None:
        """Put ``values`` (as :meth:`values` returns them) into the form: restores drafts."""
        raise NotImplementedError

    def write(self, values: dict[str, Any]) -> Any:
        """Create or update through the service; returns the row."""
        raise NotImplementedError

    # -- building --------------------------------------------------------------------------

    def add_row(
        self, key: str, editor: QWidget, title: str | None = "", form: QFormLayout | None = None
    ) -> FieldRow:
        """A labelled row of ``form`` (default: the dialog's); the label defaults to the
        field's declared label (in the UI language); ``title`` None: no label (e.g. a tick
        with its own text)."""
        editor.setObjectName(key)
        layout = form if form is not None else self.form
        row = self.rows[key] = FieldRow(editor, layout.parentWidget() or self.form_widget)
        self.row_forms[key] = layout
        on_input(editor, lambda: row.set_error(""))  # a message goes as the field is fixed
        if isinstance(editor, QPlainTextEdit):
            row.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        if title is None:
            layout.addRow(row)
        else:
            layout.addRow(title or declared(self._labels.get(key, key)), row)
        return row

    def set_row_shown(self, key: str, shown: bool) -> None:
        """Show or hide the row of ``key`` with its label."""
        self.row_forms[key].setRowVisible(self.rows[key], shown)

    def add_action(self, name: str, title: str, run: Callable[[], Any]) -> QPushButton:
        """A workflow button: saves pending changes first, then runs ``run``."""
        button = QPushButton(title, self)
        button.setObjectName(f"action_{name}")
        button.setAutoDefault(False)
        button.clicked.connect(lambda: self.run_action(run))
        self.actions_row.addWidget(button)
        return button

    def show_status(self, text: str) -> None:
        """A line on the saved record's status, in bold above the form."""
        self.status_label.setText(text)
        self.status_label.show()

    def reload(self) -> None:
        assert self.record_id is not None
        self.load(self.record_id)
        identifiers.mask_edits(self)
        self._baseline = self.values()

    # -- writing ---------------------------------------------------------------------------

    def has_changes(self) -> bool:
        return self.values() != self._baseline

    def changed_values(self) -> dict[str, Any]:
        values = self.values()
        if self.record_id is None or self._baseline is None:
            return values
        return {k: v for k, v in values.items() if self._baseline.get(k) != v}

    def commit(self) -> bool:
        """Write the changes (if any); True when the record is saved."""
        if self.record_id is not None and not self.has_changes():
            return True
        return self.attempt(lambda: self.write(self.changed_values()))

    def attempt(self, work: Callable[[], Any]) -> bool:
        """Run a service call, showing refusals in place; True when it went through."""
        try:
            row = operations.call(work)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return False
        except StaleRecord as exc:  # another PC or window saved it since it was opened
            self.show_errors({})
            if messages.ask_reload(self, exc.message) and self.record_id is not None:
                self.reload()
            return False
        except UserError as exc:
            self.show_errors({})
            messages.show_error(self, exc.message)
            return False
        self.show_errors({})
        if row is not None:
            self.record_id = self.saved_id = row.id
            self.saved.emit(row.id)
        return True

    def save(self) -> None:
        if self.commit():
            self.accept()

    def run_action(self, run: Callable[[], Any]) -> None:
        if self.commit() and self.attempt(run):
            self.reload()
            self.stepped()

    def stepped(self) -> None:
        """A workflow step is saved at once: nothing is left to cancel, so Cancel closes."""
        self.cancel_button.setText(self.tr("&Close"))
        self.cancel_button.setToolTip(self.tr("The step is saved; close the window"))

    def show_errors(self, errors: dict[str, str]) -> None:
        """Each message under its field (first one focused); the others, and those of
        fields not shown, above the buttons."""
        first = None
        shown = {k for k, row in self.rows.items() if row.isVisibleTo(self)}
        for key, row in self.rows.items():
            message = errors.get(key, "") if key in shown else ""
            row.set_error(self.field_error(key, message))
            if message and first is None:
                first = row
        unplaced = [m for k, m in errors.items() if k not in shown]
        self.general_error.setText("\n".join(unplaced))
        self.general_error.setVisible(bool(unplaced))
        if first is not None:
            first.editor.setFocus()

    def field_error(self, key: str, message: str) -> str:
        """What the row of ``key`` says of ``message`` (the service's, keyed by field)."""
        prefix = f"{self._labels.get(key, '')}："
        return message[len(prefix) :] if message.startswith(prefix) else message

    def error_of(self, key: str) -> str:
        return self.rows[key].error_text()

    # -- closing ---------------------------------------------------------------------------

    def reject(self) -> None:
        """Esc, Cancel or the close button: ask first when something would be lost."""
        if self.has_changes() and not messages.confirm_discard(self):
            return
        super().reject()
