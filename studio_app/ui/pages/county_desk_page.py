"""The county office's desk (县政协工作台), shown instead of the studio desk at the county.

On the left the work, in order (``work``): through-train items (直通车) in hand, with their
stage, proposals waiting for review, replies overdue by lead unit, 社情民意 adopted this
year. On the right the studios heard from and their packages (an overdue studio's last
date in red); at the top a button to import one.

Keyboard: Tab goes from the import button through the lists; Enter on a record opens the
county's work dialog (``openProposal``), on a unit opens or closes its records, on a
studio shows the exchange page (``studioActivated``). Read again each time the page is
shown and after an import (:meth:`refresh`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from itertools import pairwise

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio_app.core.codes import AdoptionLevel, Coded, ProposalKind
from studio_app.services import changes, county_desk
from studio_app.services.context import Context
from studio_app.services.county_desk import Desk, Item
from studio_app.ui.changes_bridge import follow
from studio_app.ui.dialogs.county_assign_dialog import stage_names
from studio_app.ui.i18n import label
from studio_app.ui.pages.desk_page import demo_banner

RECORD = Qt.ItemDataRole.UserRole  # a record row's proposal id; a studio row's site uuid
RED = QBrush(QColor("#b3261e"))
GREY = QBrush(QColor("#777777"))
INACTIVE = QBrush(QColor("#dddddd"))


def _day(day: date | None) -> str:
    return day.isoformat() if day else ""


def _label(kind: type[Coded], code: str) -> str:
    """A code's label in the UI language (the code itself when unknown)."""
    try:
        return label(kind(code))
    except ValueError:
        return code


def _tree(parent: QWidget, name: str, headers: Sequence[str], stretch: int) -> QTreeWidget:
    """A list of rows (a tree where ``setRootIsDecorated``), Tab moving on, Enter opening."""
    tree = QTreeWidget(parent)
    tree.setObjectName(name)
    tree.setHeaderLabels(list(headers))
    tree.setRootIsDecorated(False)
    tree.setUniformRowHeights(True)
    tree.setAlternatingRowColors(True)
    tree.setAllColumnsShowFocus(True)
    tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    tree.setTabKeyNavigation(False)
    palette = tree.palette()  # the current row of the lists not in focus: grey, not blue
    palette.setBrush(QPalette.ColorGroup.Inactive, QPalette.ColorRole.Highlight, INACTIVE)
    palette.setBrush(
        QPalette.ColorGroup.Inactive,
        QPalette.ColorRole.HighlightedText,
        palette.brush(QPalette.ColorGroup.Inactive, QPalette.ColorRole.Text),
    )
    tree.setPalette(palette)
    header = tree.header()
    header.setStretchLastSection(False)
    for column in range(len(headers)):
        mode = (
            QHeaderView.ResizeMode.Stretch
            if column == stretch
            else QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(column, mode)
    return tree


def _top_items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    items = (tree.topLevelItem(n) for n in range(tree.topLevelItemCount()))
    return [item for item in items if item is not None]


def _children(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    children = (item.child(n) for n in range(item.childCount()))
    return [child for child in children if child is not None]


def _placeholder(tree: QTreeWidget, text: str) -> None:
    """A grey line saying the list is empty (it cannot be selected or activated)."""
    item = QTreeWidgetItem(tree, [text])
    item.setFlags(Qt.ItemFlag.NoItemFlags)
    item.setForeground(0, GREY)
    item.setFirstColumnSpanned(True)


def _box(parent: QWidget, widget: QWidget, *above: QWidget) -> QGroupBox:
    box = QGroupBox(parent)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(6, 4, 6, 6)
    for w in above:
        layout.addWidget(w)
    layout.addWidget(widget, 1)
    return box


class CountyDeskPage(QWidget):
    """Emits what the clerk asks for; the main window opens dialogs and pages."""

    openProposal = Signal(int)  # the county's work on this proposal-type record
    importRequested = Signal()  # import a studio's package (the exchange page)
    studioActivated = Signal(str)  # a studio's site uuid: its packages (the exchange page)
    setUpRequested = Signal()  # the demo banner's button

    def __init__(self, ctx: Context, parent: QWidget | None = None, *, demo: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("countyDeskPage")
        self.ctx = ctx
        self.desk: Desk | None = None
        self.demo_banner = demo_banner(self, self.setUpRequested)
        self.demo_banner.setVisible(demo)
        self.import_button = QPushButton(self.tr("Import a package…"), self)
        self.import_button.setObjectName("importPackageButton")
        self.import_button.setToolTip(self.tr("Import a studio's package on the exchange page"))
        self.import_button.clicked.connect(self.importRequested)
        self.summary = QLabel(self)
        self.summary.setObjectName("studioSummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("color: #b3261e;")

        self.train = _tree(
            self,
            "throughTrain",
            (
                self.tr("Studio"),
                self.tr("Serial"),
                self.tr("Kind"),
                self.tr("Title"),
                self.tr("Submitted"),
                self.tr("Stage"),
            ),
            stretch=3,
        )
        self.waiting = _tree(
            self,
            "waitingReview",
            (
                self.tr("Studio"),
                self.tr("Serial"),
                self.tr("Kind"),
                self.tr("Title"),
                self.tr("Submitted"),
            ),
            stretch=3,
        )
        self.overdue = _tree(
            self,
            "overdueReplies",
            (self.tr("Lead unit / record"), self.tr("Count / studio"), self.tr("Due")),
            stretch=0,
        )
        self.overdue.setRootIsDecorated(True)
        self.adopted_counts = QLabel(self)
        self.adopted_counts.setObjectName("adoptedCounts")
        self.adopted = _tree(
            self,
            "adoptedList",
            (self.tr("Adopted"), self.tr("Level"), self.tr("Studio"), self.tr("Title")),
            stretch=3,
        )
        self.studios = _tree(
            self,
            "studioTable",
            (
                self.tr("Studio"),
                self.tr("Packages"),
                self.tr("Last package"),
                self.tr("Waiting for review"),
            ),
            stretch=0,
        )
        for tree in (self.train, self.waiting, self.overdue, self.adopted, self.studios):
            tree.itemActivated.connect(self._activated)

        self.train_box = _box(self, self.train)
        self.waiting_box = _box(self, self.waiting)
        self.overdue_box = _box(self, self.overdue)
        self.adopted_box = _box(self, self.adopted, self.adopted_counts)
        self.studios_box = _box(self, self.studios, self.summary)
        # The work, in the order it is done, with its share of the height; Tab follows it.
        self.work: list[tuple[QGroupBox, QTreeWidget, int]] = [
            (self.train_box, self.train, 2),
            (self.waiting_box, self.waiting, 3),
            (self.overdue_box, self.overdue, 2),
            (self.adopted_box, self.adopted, 2),
        ]

        top = QHBoxLayout()
        heading = QLabel(self.tr("County desk"), self)
        heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.import_button)
        left = QVBoxLayout()
        for box, _, share in self.work:
            left.addWidget(box, share)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addWidget(self.studios_box, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.demo_banner)
        layout.addLayout(top)
        layout.addLayout(body, 1)
        order = [self.import_button, *(tree for _, tree, _ in self.work), self.studios]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)
        follow(self, lambda: ("proposal", changes.PACKAGES), self.refresh)

    # -- reading ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the desk again (keeping each list's current record where it still is)."""
        self.desk = county_desk.load(self.ctx)
        self._show_studios(self.desk)
        self._show_train(self.desk)
        self._show_waiting(self.desk)
        self._show_overdue(self.desk)
        self._show_adopted(self.desk)

    def _show_studios(self, desk: Desk) -> None:
        kept = self._current(self.studios)
        self.studios.clear()
        late = 0
        for s in desk.studios:
            last = f"{s.last_at:%Y-%m-%d}" if s.last_at else self.tr("none yet")
            item = QTreeWidgetItem(
                self.studios, [s.name, str(s.packages), last, str(s.waiting_review)]
            )
            item.setData(0, RECORD, s.uuid)
            for column in (1, 3):
                item.setTextAlignment(column, Qt.AlignmentFlag.AlignRight)
            if s.missing:
                tip = self.tr(
                    "%n package number(s) never arrived (see the exchange page)", "", s.missing
                )
                item.setToolTip(1, tip)
            if s.overdue:
                late += 1
                item.setForeground(2, RED)
                days = s.days_since or 0  # overdue: a package came once
                tip = self.tr("No package for %n day(s) (studios send one a month)", "", days)
                item.setToolTip(2, tip)
        if not desk.studios:
            _placeholder(self.studios, self.tr("No studio has sent a package yet."))
        self.studios_box.setTitle(self.tr("Studios ({0})").format(len(desk.studios)))
        if late:
            days = county_desk.OVERDUE_DAYS
            text = self.tr("{0} of them sent no package for more than %n day(s).", "", days)
            self.summary.setText(text.format(late))
        self.summary.setVisible(bool(late))
        self._restore(self.studios, kept)

    @staticmethod
    def _record(parent: QTreeWidget | QTreeWidgetItem, texts: list[str], i: Item) -> None:
        """A record's row (Enter opens it); its title in full as every cell's tooltip."""
        item = QTreeWidgetItem(parent, texts)
        item.setData(0, RECORD, i.id)
        for column in range(len(texts)):
            item.setToolTip(column, f"{i.serial} {i.title}".strip())

    def _show_train(self, desk: Desk) -> None:
        kept = self._current(self.train)
        self.train.clear()
        names = stage_names()
        for i in desk.train:
            kind, stage = _label(ProposalKind, i.kind), names.get(i.note, i.note)
            self._record(self.train, [i.studio, i.serial, kind, i.title, _day(i.day), stage], i)
        if not desk.train:
            _placeholder(self.train, self.tr("No through-train item is in hand."))
        title = self.tr("Through train: sent straight by members ({0}), oldest first")
        self.train_box.setTitle(title.format(desk.train_total))
        self._restore(self.train, kept)

    def _show_waiting(self, desk: Desk) -> None:
        kept = self._current(self.waiting)
        self.waiting.clear()
        for i in desk.waiting:
            kind = _label(ProposalKind, i.kind)
            self._record(self.waiting, [i.studio, i.serial, kind, i.title, _day(i.day)], i)
        if not desk.waiting:
            _placeholder(self.waiting, self.tr("Nothing waits for review."))
        title = self.tr("Waiting for review ({0}), oldest first").format(desk.waiting_total)
        if desk.waiting_total > len(desk.waiting):
            title = self.tr("Waiting for review ({0}), the oldest {1}").format(
                desk.waiting_total, len(desk.waiting)
            )
        self.waiting_box.setTitle(title)
        self._restore(self.waiting, kept)

    def _show_overdue(self, desk: Desk) -> None:
        kept = self._current(self.overdue)
        opened = {item.text(0) for item in _top_items(self.overdue) if item.isExpanded()}
        self.overdue.clear()
        for unit in desk.overdue:
            name = unit.label or self.tr("(no lead unit recorded)")
            top = QTreeWidgetItem(self.overdue, [name, str(unit.count), _day(unit.oldest_due)])
            top.setToolTip(2, self.tr("The oldest reply due"))
            for i in unit.items:
                self._record(top, [f"{i.serial} {i.title}", i.studio, _day(i.day)], i)
            if unit.count > len(unit.items):
                more = self.tr("… and {0} more").format(unit.count - len(unit.items))
                QTreeWidgetItem(top, [more]).setFlags(Qt.ItemFlag.NoItemFlags)
            top.setExpanded(name in opened)
        if not desk.overdue:
            _placeholder(self.overdue, self.tr("No reply is overdue."))
        self.overdue_box.setTitle(
            self.tr("Replies overdue, by lead unit ({0})").format(desk.overdue_total)
        )
        self._restore(self.overdue, kept)

    def _show_adopted(self, desk: Desk) -> None:
        kept = self._current(self.adopted)
        self.adopted.clear()
        found = desk.adopted
        levels = [f"{label(level)} {found.by_level.get(level.value, 0)}" for level in AdoptionLevel]
        self.adopted_counts.setText("　".join(levels))
        for i in found.latest:
            level = _label(AdoptionLevel, i.note)
            self._record(self.adopted, [_day(i.day), level, i.studio, i.title], i)
        if not found.latest:
            _placeholder(self.adopted, self.tr("None adopted this year yet."))
        self.adopted_box.setTitle(
            self.tr("Social-conditions reports adopted in {0} ({1})").format(
                found.year, found.total
            )
        )
        self._restore(self.adopted, kept)

    # -- current rows ----------------------------------------------------------------------

    @staticmethod
    def _key(item: QTreeWidgetItem) -> object:
        """What names a row across refreshes: its record (or studio), else its text."""
        value = item.data(0, RECORD)
        return item.text(0) if value is None else value

    def _current(self, tree: QTreeWidget) -> object:
        item = tree.currentItem()
        return self._key(item) if item is not None else None

    def _restore(self, tree: QTreeWidget, kept: object) -> None:
        """Make the row showing ``kept`` current again, else the first one that can be."""
        first = None
        for item in _top_items(tree):
            for row in [item, *_children(item)]:
                if not row.flags() & Qt.ItemFlag.ItemIsEnabled:
                    continue
                parent = row.parent()
                shown = parent is None or parent.isExpanded()
                if kept is not None and shown and self._key(row) == kept:
                    tree.setCurrentItem(row)
                    return
                if first is None:
                    first = row
        if first is not None:
            tree.setCurrentItem(first)

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        value = item.data(0, RECORD)
        if item.treeWidget() is self.studios:
            if value:
                self.studioActivated.emit(str(value))
        elif value is not None:
            self.openProposal.emit(int(value))
        elif item.childCount():
            item.setExpanded(not item.isExpanded())

    def showEvent(self, event: QShowEvent) -> None:
        """Fresh figures each time the desk is shown (a few grouped queries)."""
        super().showEvent(event)
        self.refresh()
