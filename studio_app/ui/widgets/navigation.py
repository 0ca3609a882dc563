"""The page list on the left: an icon and a title per page, and under a title the figures
its page wants seen at a glance (e.g. 在办 29 · 超期 19), in grey (red when they call for
attention)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPainter
from PySide6.QtWidgets import (
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from studio_app.ui.i18n import resources_dir

NOTE_ROLE = Qt.ItemDataRole.UserRole + 1  # the grey line under a title
NAME_ROLE = Qt.ItemDataRole.UserRole + 2  # the page's name
ALARM_ROLE = Qt.ItemDataRole.UserRole + 3  # the note needs attention: drawn in red
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
ICON_SIZE = 20
PADDING = 7
STYLE = """
QListWidget#navigation { background: #f3f5f8; border: none; border-right: 1px solid #dde2ea; }
QListWidget#navigation::item:selected { background: #dbe6f5; color: #1f3a5f; }
QListWidget#navigation::item:hover:!selected { background: #e9eef5; }
"""


def nav_icon(name: str) -> QIcon:
    """The icon called ``name`` in resources/icons/nav (a generic one when there is none)."""
    folder = resources_dir() / "icons" / "nav"
    path = folder / f"{name}.svg"
    return QIcon(str(path if path.is_file() else folder / "records.svg"))


def note_font(font: QFont) -> QFont:
    """The smaller font of the notes under titles."""
    small = QFont(font)
    small.setPointSizeF(max(7.5, font.pointSizeF() - 1.5))
    return small


class _Delegate(QStyledItemDelegate):
    """Draws the icon and title, and the note (if any) smaller and grey underneath."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        lines = option.fontMetrics.height() * (2 if index.data(NOTE_ROLE) else 1)
        return QSize(option.rect.width(), max(ICON_SIZE, lines) + 2 * PADDING)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        plain = QStyleOptionViewItem(option)
        self.initStyleOption(plain, index)
        title, note, icon = plain.text, index.data(NOTE_ROLE) or "", QIcon(plain.icon)
        plain.text, plain.icon = "", QIcon()
        style = plain.widget.style() if plain.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, plain, painter, plain.widget)
        rect = option.rect.adjusted(PADDING + 2, PADDING, -PADDING, -PADDING)
        icon_rect = QRect(rect.left(), rect.top(), ICON_SIZE, ICON_SIZE)
        icon.paint(painter, icon_rect)
        text = rect.adjusted(ICON_SIZE + 8, 0, 0, 0)
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(QColor("#1f3a5f") if selected else option.palette.text().color())
        line = option.fontMetrics.height()
        painter.drawText(text.adjusted(0, 0, 0, -(line if note else 0)), LEFT, title)
        if note:
            painter.setFont(note_font(option.font))
            alarm = bool(index.data(ALARM_ROLE))
            painter.setPen(QColor("#b3261e") if alarm else QColor("#6b7280"))
            painter.drawText(text.adjusted(0, line, 0, 0), LEFT, note)
        painter.restore()


class Navigation(QListWidget):
    """One row per page, by name; ``set_note(name, text)`` writes the grey line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigation")
        self.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
        self.setItemDelegate(_Delegate(self))
        self.setStyleSheet(STYLE)
        self.setFixedWidth(max(150, self.fontMetrics().horizontalAdvance("提案与社情民意") + 60))

    def add(self, name: str, title: str, icon: str) -> QListWidgetItem:
        item = QListWidgetItem(nav_icon(icon), title, self)
        item.setData(NAME_ROLE, name)
        return item

    def set_note(self, name: str, note: str, alarm: bool = False) -> None:
        """The grey line under page ``name``'s title (red when ``alarm``); the list widens
        when the line would not fit (longer words in English, large figures)."""
        needed = QFontMetrics(note_font(self.font())).horizontalAdvance(note)
        needed += ICON_SIZE + 8 + 3 * PADDING + 4
        if needed > self.width():
            self.setFixedWidth(needed)
        for row in range(self.count()):
            item = self.item(row)
            if item.data(NAME_ROLE) == name:
                item.setData(NOTE_ROLE, note)
                item.setData(ALARM_ROLE, alarm)

    def note(self, name: str) -> str:
        found = [self.item(r) for r in range(self.count()) if self.item(r).data(NAME_ROLE) == name]
        return str(found[0].data(NOTE_ROLE) or "") if found else ""
