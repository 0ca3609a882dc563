"""A ROWS field's editor: a compact table, one column per declared column, edited in place.

Keyboard: Tab enters the table and leaves it (one stop, also from a cell being edited);
the arrows move between cells; Enter, F2 or typing edits a cell, Enter keeps the edit (a
long text: Ctrl+Enter) and Esc drops it; Space ticks a tick; Backspace empties a cell.
Insert adds a row (and edits its first cell), Delete removes the selected rows,
Ctrl+Up / Ctrl+Down move the current row; the buttons under the table do the same with
their Alt+letters (they take no Tab stop).

:meth:`RowsEdit.value` is the rows as the service takes them: one dict per row holding
every column's key — a member's id (or None), a :class:`date` (or None), an int, a bool, a
code ("" for none), a text. Rows loaded with :meth:`RowsEdit.set_value` and left alone read
back exactly as loaded, so saving an unchanged record writes nothing. A number never
typed reads None (blank to the service, which keeps it as 0), so a row added and left
empty is dropped, not refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio_app.core.fields import Field, Kind
from studio_app.services import members, record_rows, site
from studio_app.ui.i18n import declared
from studio_app.ui.lookups import enum_labels
from studio_app.ui.widgets.combos import code_combo, combo_code, entry_combo, set_combo_code
from studio_app.ui.widgets.optional_date import DATE_FORMAT, EMPTY_DAY, DateEdit

VALUE = Qt.ItemDataRole.UserRole  # a cell's value as the service takes it
VISIBLE_ROWS = 5  # the table is at least this many rows tall
MAX_NUMBER = 100_000
LONG_LINES = 4  # a long text's editor is this many lines tall
SHORT_CHARS = 4  # a column of codes or members is this many Chinese characters wide at least
TEXT_CHARS = 8  # a text column, at least
_FILLING = frozenset({Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Escape, Qt.Key.Key_Return,
                      Qt.Key.Key_Enter, Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt,
                      Qt.Key.Key_Delete, Qt.Key.Key_Backspace})  # fmt: skip
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def plain(text: str) -> str:
    """A button's text without its Alt+letter: "删除(&D)" → "删除", "&Add row" → "Add row"."""
    return re.sub(r"\(&[^)]\)", "", text).replace("&", "")


def blank(col: Field) -> Any:
    """An empty cell of ``col``: what a new row holds (a number never typed is None)."""
    if col.kind in (Kind.DATE, Kind.MEMBER, Kind.INT):
        return None
    return False if col.kind is Kind.BOOL else ""


def is_blank(row: Mapping[str, Any]) -> bool:
    """A row with nothing in it (the service drops it)."""
    return all(v in (None, "", False, 0) for v in row.values())


class CellDate(DateEdit):
    """A date in a cell; an optional one shows "(none)" while empty. The first key typed
    into an empty one (or a click) fills in today, to change from there; Delete empties it."""

    def __init__(self, parent: QWidget | None, *, optional: bool) -> None:
        super().__init__(parent)
        self.optional = optional
        self.setCalendarPopup(True)
        self.setDisplayFormat(DATE_FORMAT)
        if optional:
            self.setMinimumDate(EMPTY_DAY)
            self.setSpecialValueText(QCoreApplication.translate("OptionalDateEdit", "(none)"))

    def value(self) -> date | None:
        if self.optional and self.date() == EMPTY_DAY:
            return None
        day: date = self.date().toPython()  # type: ignore[assignment]
        return day

    def set_value(self, day: date | None) -> None:
        if day is not None:
            self.setDate(QDate(day.year, day.month, day.day))
        else:
            self.setDate(EMPTY_DAY if self.optional else QDate.currentDate())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.optional and event.key() == Qt.Key.Key_Delete:
            self.setDate(EMPTY_DAY)
            return
        if self.optional and self.value() is None and event.key() not in _FILLING:
            self.setDate(QDate.currentDate())  # the first key fills in today
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: Any) -> None:
        if self.optional and self.value() is None:
            self.setDate(QDate.currentDate())
        super().mousePressEvent(event)


_Index = QModelIndex | QPersistentModelIndex


class _Cells(QStyledItemDelegate):
    """One editor per column kind; Tab in an editor keeps the edit and leaves the table."""

    def __init__(self, owner: RowsEdit) -> None:
        super().__init__(owner)
        self.owner = owner
        self.editing: QWidget | None = None

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        col = self.owner.columns[index.column()]
        editor = self.owner.make_editor(col, parent, index.row())
        editor.setObjectName(f"{col.key}Editor")
        self.editing = editor
        return editor

    def destroyEditor(self, editor: QWidget, index: _Index) -> None:
        if editor is self.editing:
            self.editing = None
        super().destroyEditor(editor, index)

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        value = index.data(VALUE)
        if isinstance(editor, CellDate):
            editor.set_value(value)
        elif isinstance(editor, QComboBox):
            set_combo_code(editor, value)
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value or 0))
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(str(value or ""))
        elif isinstance(editor, QLineEdit):
            editor.setText(str(value or ""))

    def setModelData(
        self,
        editor: QWidget,
        model: QAbstractItemModel,
        index: _Index,
    ) -> None:
        old = index.data(VALUE)
        value: Any
        if isinstance(editor, CellDate):
            value = editor.value()
        elif isinstance(editor, QComboBox):
            code = combo_code(editor)
            is_member = self.owner.columns[index.column()].kind is Kind.MEMBER
            value = (int(code) if code else None) if is_member else code
        elif isinstance(editor, QSpinBox):
            value = editor.value() or (None if old is None else 0)  # 0 stays "never typed"
        elif isinstance(editor, QPlainTextEdit):
            value = editor.toPlainText()
        elif isinstance(editor, QLineEdit):
            value = editor.text().strip()
        else:
            return
        self.owner.set_cell(index.row(), index.column(), value)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: _Index
    ) -> None:
        """An editor over its cell, at least as wide as it needs; a long text's, taller."""
        rect = QRect(option.rect)
        rect.setWidth(max(rect.width(), editor.minimumSizeHint().width()))
        if isinstance(editor, QPlainTextEdit):
            rect.setHeight(max(rect.height(), editor.fontMetrics().height() * LONG_LINES + 10))
        editor.setGeometry(rect)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        pressed = isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
        if isinstance(editor, QWidget) and isinstance(event, QKeyEvent) and pressed:
            key = event.key()
            if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
                self.owner.leave(forward=key == Qt.Key.Key_Tab)
                return True
            ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
            if isinstance(editor, QPlainTextEdit) and key in _ENTER and ctrl:
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)
                return True
        return super().eventFilter(editor, event)


class RowsTable(QTableWidget):
    """The table: one Tab stop; Enter edits (never the dialog's default button); Insert,
    Delete, Ctrl+Up/Down and Backspace act on rows and cells; a hint while it is empty."""

    def __init__(self, owner: RowsEdit) -> None:
        super().__init__(owner)
        self.owner = owner
        self.setTabKeyNavigation(False)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        ctrl = mods & Qt.KeyboardModifier.ControlModifier
        editing = self.state() == QAbstractItemView.State.EditingState
        if editing:
            super().keyPressEvent(event)
        elif key == Qt.Key.Key_Insert:
            self.owner.add_row()
        elif key == Qt.Key.Key_Delete:
            self.owner.remove_rows()
        elif ctrl and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.owner.move_row(-1 if key == Qt.Key.Key_Up else 1)
        elif key == Qt.Key.Key_Backspace:
            self.owner.clear_cells()
        elif key in _ENTER and not mods & ~Qt.KeyboardModifier.KeypadModifier:
            self.owner.edit_current()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.owner.fit_columns()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.rowCount():
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().placeholderText().color())
        painter.drawText(
            self.viewport().rect().adjusted(8, 8, -8, -8),
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
            self.owner.empty_hint(),
        )


class RowsEdit(QWidget):
    """The rows of ``fld`` (a ROWS field) in a table, with buttons to add, remove and
    move rows; ``changed`` fires on each edit (not while rows are loaded)."""

    changed = Signal()

    def __init__(self, fld: Field, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert fld.kind is Kind.ROWS, fld
        self.field = fld
        self.columns = fld.columns
        self._loading = False
        self.active = (
            {m.id: m.name for m in members.list_active()}
            if any(c.kind is Kind.MEMBER for c in self.columns)
            else {}
        )
        self.names = dict(self.active)  # every member a cell may name
        self.labels = {c.key: self._labels(c) for c in self.columns}

        self.table = RowsTable(self)
        self.table.setObjectName("rowsTable")
        self.table.setColumnCount(len(self.columns))
        self.table.setHorizontalHeaderLabels([declared(c.label) for c in self.columns])
        self.delegate = _Cells(self)
        self.table.setItemDelegate(self.delegate)
        self._size_columns()
        self.table.itemChanged.connect(self._item_changed)
        self.table.model().rowsRemoved.connect(self._rows_changed)
        self.table.currentCellChanged.connect(lambda *_a: self._enable())
        self.table.itemSelectionChanged.connect(self._enable)

        self.add_button = self._button("addRowButton", self.tr("&Add row"), self.add_row, "Ins")
        self.remove_button = self._button(
            "removeRowsButton", self.tr("&Remove selected rows"), self.remove_rows, "Del"
        )
        self.up_button = self._button(
            "moveUpButton", self.tr("Move &up"), lambda: self.move_row(-1), "Ctrl+Up"
        )
        self.down_button = self._button(
            "moveDownButton", self.tr("Move dow&n"), lambda: self.move_row(1), "Ctrl+Down"
        )
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for button in self.buttons():
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.setFocusProxy(self.table)
        self.table.setMinimumHeight(self._height(VISIBLE_ROWS))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._enable()

    # -- building --------------------------------------------------------------------------

    def _labels(self, col: Field) -> dict[Any, str]:
        if col.kind is Kind.ENUM and col.enum is not None:
            return dict(enum_labels(col.enum))
        if col.kind is Kind.CODE and col.code_list is not None:
            return dict(site.code_labels(col.code_list))
        return {}

    def _button(self, name: str, text: str, run: Any, keys: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys do it from the table
        shown = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
        button.setToolTip(f"{plain(button.text())} ({shown})")
        button.clicked.connect(run)
        return button

    def buttons(self) -> list[QPushButton]:
        return [self.add_button, self.remove_button, self.up_button, self.down_button]

    def drop_mnemonics(self) -> None:
        """Take the Alt+letters off the buttons (a second rows field in the same dialog)."""
        for button in self.buttons():
            button.setText(plain(button.text()))

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setMinimumSectionSize(self.fontMetrics().horizontalAdvance("0") * 4)
        header.setStretchLastSection(not self._texts())
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.fit_columns()

    def _texts(self) -> list[int]:
        return [i for i, c in enumerate(self.columns) if c.kind in (Kind.TEXT, Kind.LONGTEXT)]

    def _short_width(self, col: Field) -> int:
        """A column of short values: as wide as its header, or what its values need."""
        title = self.table.horizontalHeader().fontMetrics().horizontalAdvance(declared(col.label))
        metrics = self.fontMetrics()
        content = {
            Kind.INT: metrics.horizontalAdvance("00000"),
            Kind.BOOL: metrics.height(),
            Kind.DATE: metrics.horizontalAdvance("2026-12-31") + metrics.height(),
        }.get(col.kind, metrics.horizontalAdvance("中") * SHORT_CHARS)
        return max(title, content) + 18

    def fit_columns(self) -> None:
        """Short columns as wide as they need; the text columns share the rest (at least a
        few characters each: the table scrolls sideways when the room is less)."""
        header = self.table.horizontalHeader()
        texts = self._texts()
        used = 0
        for i, col in enumerate(self.columns):
            if i not in texts:
                width = self._short_width(col)
                header.resizeSection(i, width)
                used += width
        if texts:
            least = self.fontMetrics().horizontalAdvance("中") * TEXT_CHARS
            spare = self.table.viewport().width() - used
            for i in texts:
                header.resizeSection(i, max(least, spare // len(texts)))

    def _height(self, rows: int) -> int:
        table = self.table
        head = table.horizontalHeader().sizeHint().height()
        return head + rows * table.verticalHeader().defaultSectionSize() + 2 * table.frameWidth()

    def sizeHint(self) -> Any:
        hint = super().sizeHint()
        hint.setHeight(max(hint.height(), self._height(VISIBLE_ROWS + 1) + 36))
        return hint

    def empty_hint(self) -> str:
        what = declared(self.field.row_label) if self.field.row_label else self.tr("row")
        return self.tr("None yet: press Insert or “Add row” to add a {0}.").format(what)

    def make_editor(self, col: Field, parent: QWidget, row: int) -> QWidget:
        """The editor of a cell of ``col`` (in row ``row``)."""
        kind = col.kind
        if kind is Kind.LONGTEXT:
            box = QPlainTextEdit(parent)
            box.setTabChangesFocus(True)
            return box
        if kind is Kind.INT:
            spin = QSpinBox(parent)
            spin.setRange(0, MAX_NUMBER)
            return spin
        if kind is Kind.DATE:
            return CellDate(parent, optional=not col.required)
        if kind in (Kind.ENUM, Kind.CODE, Kind.MEMBER):
            return self._combo(col, parent, row)
        return QLineEdit(parent)

    def _combo(self, col: Field, parent: QWidget, row: int) -> QComboBox:
        # "(none)" and "Choose…" as the dialog's own combos say them
        none = None if col.required else QCoreApplication.translate("KindDialog", "(none)")
        if col.kind is Kind.CODE and col.code_list is not None:
            combo = entry_combo(col.code_list, parent, empty=none)
        elif col.kind is Kind.MEMBER:
            offered = dict(self.active)
            current = self.cell(row, self.columns.index(col))
            if current is not None and current not in offered:  # no longer active: still shown
                offered[current] = self.names.get(current, str(current))
            combo = code_combo(offered, parent, empty=none)
        else:
            combo = code_combo(self.labels[col.key], parent, empty=none)
        if none is None:
            combo.setPlaceholderText(QCoreApplication.translate("KindDialog", "Choose…"))
        return combo

    # -- cells -----------------------------------------------------------------------------

    def cell(self, row: int, column: int) -> Any:
        item = self.table.item(row, column)
        if item is None:
            return blank(self.columns[column])
        if self.columns[column].kind is Kind.BOOL:
            return item.checkState() == Qt.CheckState.Checked
        return item.data(VALUE)

    def text(self, col: Field, value: Any) -> str:
        """What a cell shows of ``value``."""
        if value is None or value == "" or col.kind is Kind.BOOL:
            return ""
        if col.kind is Kind.MEMBER:
            return self.names.get(int(value), str(value))
        if col.kind in (Kind.ENUM, Kind.CODE):
            return self.labels[col.key].get(value, str(value))
        if col.kind is Kind.INT:
            return str(value) if value else ""
        if isinstance(value, date):
            return value.isoformat()
        return " ".join(str(value).split()) if col.kind is Kind.LONGTEXT else str(value)

    def _item(self, col: Field, value: Any) -> QTableWidgetItem:
        item = QTableWidgetItem()
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if col.kind is Kind.BOOL:
            item.setFlags(flags | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
            return item
        item.setFlags(flags | Qt.ItemFlag.ItemIsEditable)
        self._show(item, col, value)
        return item

    def _show(self, item: QTableWidgetItem, col: Field, value: Any) -> None:
        item.setData(VALUE, value)
        shown = self.text(col, value)
        item.setData(Qt.ItemDataRole.DisplayRole, shown)
        if col.kind in (Kind.TEXT, Kind.LONGTEXT):
            item.setToolTip(str(value or ""))
        if col.kind in (Kind.INT,):
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def set_cell(self, row: int, column: int, value: Any) -> None:
        """Put ``value`` into a cell (an edit: ``changed`` fires when it differs)."""
        col = self.columns[column]
        item = self.table.item(row, column)
        if item is None:
            self.table.setItem(row, column, self._item(col, value))
            return
        if col.kind is Kind.BOOL:
            item.setCheckState(Qt.CheckState.Checked if value else Qt.CheckState.Unchecked)
        elif item.data(VALUE) != value or type(item.data(VALUE)) is not type(value):
            self._show(item, col, value)

    def _item_changed(self, _item: QTableWidgetItem) -> None:
        if not self._loading:
            self.changed.emit()

    def _rows_changed(self, *_args: Any) -> None:
        self._enable()
        if not self._loading:
            self.changed.emit()

    # -- value -----------------------------------------------------------------------------

    def commit(self) -> None:
        """Keep what the cell being edited holds (Ctrl+S saves while a cell is open)."""
        if self.delegate.editing is not None:
            self.delegate.commitData.emit(self.delegate.editing)

    def value(self) -> list[dict[str, Any]]:
        """The rows, in order: every column's value (see the module's docstring)."""
        self.commit()
        return [
            {c.key: self.cell(r, i) for i, c in enumerate(self.columns)}
            for r in range(self.table.rowCount())
        ]

    def set_value(self, rows: Iterable[Mapping[str, Any]] | None) -> None:
        """Show ``rows`` (the service's values, or a draft's) in place of the table's."""
        rows = [dict(r) for r in rows or []]
        before = self.value()
        missing = {v for r in rows for c in self.columns if c.kind is Kind.MEMBER
                   if (v := r.get(c.key)) is not None and v not in self.names}  # fmt: skip
        if missing:
            self.names.update(record_rows.member_names(rows, self.field))
        self._loading = True
        try:
            if self.table.state() == QAbstractItemView.State.EditingState:
                self.table.setCurrentIndex(QModelIndex())  # closes the open editor
            self.table.setRowCount(0)
            self.table.setRowCount(len(rows))
            for r, row in enumerate(rows):
                for i, col in enumerate(self.columns):
                    value = row.get(col.key, blank(col))
                    self.table.setItem(r, i, self._item(col, value))
        finally:
            self._loading = False
        self._enable()
        if self.value() != before:
            self.changed.emit()

    # -- rows ------------------------------------------------------------------------------

    def current_row(self) -> int:
        return self.table.currentRow()

    def selected_rows(self) -> list[int]:
        """The rows with a selected cell, or the current row."""
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        current = self.current_row()
        return rows or ([current] if current >= 0 else [])

    def add_row(self) -> None:
        """A new empty row at the end, its first cell being edited."""
        self.commit()
        row = self.table.rowCount()
        self._loading = True
        try:
            self.table.insertRow(row)
            for i, col in enumerate(self.columns):
                self.table.setItem(row, i, self._item(col, blank(col)))
        finally:
            self._loading = False
        self.table.setFocus()
        self.table.setCurrentCell(row, 0)
        self.table.scrollTo(self.table.model().index(row, 0))
        self._enable()
        self.changed.emit()
        self.edit_current()

    def remove_rows(self) -> None:
        """Remove the selected rows; the row after them becomes the current one."""
        rows = self.selected_rows()
        if not rows:
            return
        column = max(0, self.table.currentColumn())
        self.table.setCurrentIndex(QModelIndex())
        for row in reversed(rows):
            self.table.removeRow(row)
        if self.table.rowCount():
            self.table.setCurrentCell(min(rows[0], self.table.rowCount() - 1), column)
        self.table.setFocus()

    def move_row(self, step: int) -> None:
        """Move the current row up (``step`` -1) or down (1)."""
        self.commit()
        row, column = self.current_row(), max(0, self.table.currentColumn())
        target = row + step
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        self.table.setCurrentIndex(QModelIndex())
        self._loading = True
        try:
            taken = [self.table.takeItem(row, i) for i in range(len(self.columns))]
            self.table.removeRow(row)
            self.table.insertRow(target)
            for i, item in enumerate(taken):
                self.table.setItem(target, i, item)
        finally:
            self._loading = False
        self.table.setCurrentCell(target, column)
        self.table.setFocus()
        self._enable()
        self.changed.emit()

    def edit_current(self) -> None:
        """Edit the current cell (a tick is ticked or unticked)."""
        index = self.table.currentIndex()
        if not index.isValid():
            return
        if self.columns[index.column()].kind is Kind.BOOL:
            self.set_cell(index.row(), index.column(), not self.cell(index.row(), index.column()))
            return
        self.table.edit(index)

    def clear_cells(self) -> None:
        """Empty the selected cells (or the current one)."""
        indexes = self.table.selectedIndexes() or [self.table.currentIndex()]
        for index in indexes:
            if index.isValid():
                self.set_cell(index.row(), index.column(), blank(self.columns[index.column()]))

    def select_row(self, row: int) -> None:
        """Make row ``row`` (from 0) the current one, e.g. the one an error names."""
        if 0 <= row < self.table.rowCount():
            self.table.setCurrentCell(row, 0)
            self.table.scrollTo(self.table.model().index(row, 0))

    def leave(self, *, forward: bool) -> None:
        """Move the focus past the table (Tab from a cell being edited)."""
        self.table.setFocus()
        self.table.focusNextPrevChild(forward)

    def _enable(self) -> None:
        row, count = self.current_row(), self.table.rowCount()
        self.remove_button.setEnabled(count > 0 and bool(self.selected_rows()))
        self.up_button.setEnabled(0 < row < count)
        self.down_button.setEnabled(0 <= row < count - 1)
