"""联系网络: the "一联十、十联百" chain as a tree, 常委 → 委员 → 群众.

For each standing member, member and resident: whom they keep in touch with against the
targets, the latest contact, and who has not been contacted for the set days (a setting,
90 by default); "only those not contacted" narrows the tree to them. From here the clerk
records a contact with the selected people (the 联系记录 dialog, filled in), assigns
residents to a member and members to a standing member (dialogs, or by dragging people onto
their new member in the tree), and sets the targets. The page is about people; the contact
records themselves are listed on their own page (联系记录).

At the county office the page shows each studio's chain, chosen in a combo, read-only: the
studios keep their chains; the county watches who is behind.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from studio_app.core import kinds
from studio_app.core.errors import UserError
from studio_app.services import contact_chain as cc
from studio_app.services import county_desk
from studio_app.services.context import Context
from studio_app.ui import drafts, messages, operations
from studio_app.ui.changes_bridge import follow
from studio_app.ui.models import chain_tree as t
from studio_app.ui.widgets.combos import code_combo, combo_code

SHOWN_KINDS = frozenset({kinds.MEMBER.name, kinds.RESIDENT.name, kinds.CONTACT.name, cc.CHAIN})


class ChainPage(QWidget):
    """The contact chain of the studio (at the county: of the studio chosen, read-only)."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chainPage")
        self.ctx = ctx
        self.county = ctx.is_county
        self.may_edit = not self.county and str(ctx.role) in kinds.CONTACT.editors
        self.dialog: QDialog | None = None

        self.summary = QLabel(self)
        self.summary.setObjectName("chainSummary")
        self.summary.setWordWrap(True)
        self.overdue_only = QCheckBox(self)
        self.overdue_only.setObjectName("overdueOnly")
        self.overdue_only.toggled.connect(lambda _on: self.reload())
        self.studio: QComboBox | None = None
        top = QHBoxLayout()
        if self.county:
            self.studio = code_combo({}, self, placeholder=self.tr("Choose a studio"))
            self.studio.setObjectName("chainStudio")
            self.studio.setMinimumContentsLength(12)
            self.studio.currentIndexChanged.connect(lambda _i: self.reload())
            top.addWidget(self.studio)
        top.addWidget(self.overdue_only)
        top.addStretch(1)
        self.buttons: dict[str, QPushButton] = {}
        for name, text, tip, run in (
            ("record", self.tr("Record &contact…"),
             self.tr("A contact record with the selected people filled in (Enter)"),
             self.record_contact),
            ("residents", self.tr("Assign &residents…"),
             self.tr("Choose a member, find residents by village or name, tick and assign"),
             self.assign_residents),
            ("members", self.tr("Assign &members…"),
             self.tr("Tick the members a standing member keeps in touch with"),
             self.assign_members),
            ("targets", self.tr("&Targets…"),
             self.tr("Members per standing member, residents per member, days before someone "
                     "counts as not contacted"),
             self.edit_targets),
        ):  # fmt: skip
            button = QPushButton(text, self)
            button.setObjectName(f"chain_{name}_button")
            button.setToolTip(tip)
            button.clicked.connect(run)
            button.setVisible(not self.county)
            button.setEnabled(self.may_edit)
            top.addWidget(button)
            self.buttons[name] = button

        self.model = t.ChainTreeModel(ctx, self, editable=self.may_edit)
        self.model.assignDropped.connect(self._dropped)
        self.tree = QTreeView(self)
        self.tree.setObjectName("chainTree")
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu)
        self.tree.activated.connect(self._activated)
        self.tree.expanded.connect(self._read_residents)
        if self.may_edit:
            self.tree.setDragEnabled(True)
            self.tree.setAcceptDrops(True)
            self.tree.setDropIndicatorShown(True)
            self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
            self.tree.setDefaultDropAction(Qt.DropAction.CopyAction)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(t.NAME, QHeaderView.ResizeMode.Stretch)
        for column in (t.REACH, t.LAST, t.OVERDUE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        self.hint = QLabel(self)
        self.hint.setObjectName("chainHint")
        self.hint.setStyleSheet("color: #667;")
        self.hint.setWordWrap(True)
        if self.county:
            self.hint.setText(self.tr("The studios keep their chains; here they are read-only."))
        elif self.may_edit:
            self.hint.setText(self.tr(
                "Drag residents onto a member (or members onto a standing member) to change "
                "whom they are linked to. Enter records a contact with the selected people."
            ))  # fmt: skip
        expand = QShortcut(QKeySequence("Ctrl+E"), self.tree, lambda: self.tree.expandToDepth(0))
        expand.setContext(Qt.ShortcutContext.WidgetShortcut)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.hint)
        self.reload()
        self._fit_columns()
        follow(self, lambda: SHOWN_KINDS, self.reload)

    # -- reading ---------------------------------------------------------------------------

    def chosen_studio(self) -> str | None:
        """At the county: the studio whose chain is shown ("": none chosen yet)."""
        return combo_code(self.studio) if self.studio is not None else None

    def reload(self) -> None:
        """Read the chain again, keeping what was expanded, selected and scrolled to."""
        expanded = self._expanded()
        chosen = [self.model.node(i).key for i in self.tree.selectionModel().selectedRows()]
        current = self.model.node(self.tree.currentIndex()).key
        scrolled = self.tree.verticalScrollBar().value()
        if self.studio is not None:
            self._refill_studios(self.studio)
        studio = self.chosen_studio()
        if self.county and not studio:
            studio = "-"  # no studio heard from yet: nobody's chain
        self.model.reload(overdue_only=self.overdue_only.isChecked(), studio=studio or "")
        for key in expanded:
            node = self.model.find(key)
            if node is not None:
                self.tree.expand(self.model.index_of(node))
        if not expanded:  # first read: the standing members open on their members
            for row in range(self.model.rowCount()):
                index = self.model.index(row, 0)
                if self.model.node(index).kind == t.STANDING:
                    self.tree.expand(index)
        self._select(chosen, current)
        self.tree.verticalScrollBar().setValue(scrolled)
        self._show_summary()

    def _refill_studios(self, combo: QComboBox) -> None:
        """At the county: offer the studios heard from so far, keeping the one chosen (the
        first when none was)."""
        studios = county_desk.studio_choices()
        offered = {combo.itemData(i): combo.itemText(i) for i in range(combo.count())}
        if offered == studios:
            return
        chosen = combo_code(combo)
        combo.blockSignals(True)
        combo.clear()
        for uuid, name in studios.items():
            combo.addItem(name, uuid)
        combo.setCurrentIndex(max(0, combo.findData(chosen)) if studios else -1)
        combo.blockSignals(False)

    def _expanded(self) -> list[tuple[str, int | None]]:
        """The rows open now (residents have no rows under them: not asked)."""
        found = []

        def walk(node: t.Node) -> None:
            for child in node.children:
                if child.kind != t.RESIDENT and self.tree.isExpanded(self.model.index_of(child)):
                    found.append(child.key)
                    walk(child)

        walk(self.model.root)
        return found

    def _select(self, keys: list[tuple[str, int | None]], current: tuple[str, int | None]) -> None:
        selection = self.tree.selectionModel()
        flags = selection.SelectionFlag
        for key in keys:
            node = self.model.find(key)
            if node is not None:
                selection.select(self.model.index_of(node), flags.Select | flags.Rows)
        node = self.model.find(current)
        if node is not None:
            selection.setCurrentIndex(self.model.index_of(node), flags.NoUpdate)

    def _show_summary(self) -> None:
        chain = self.model.chain
        if chain is None:
            return
        days = chain.targets.days
        self.overdue_only.setText(self.tr("Only those not contacted for over %n day(s)", "", days))
        members = sum(len(s.members) for s in chain.standing) + len(chain.unlinked)
        parts = [
            self.tr("%n standing member(s)", "", len(chain.standing)),
            self.tr("%n member(s)", "", members),
            self.tr("%n resident(s)", "", chain.residents),
            self.tr("%n not contacted for over {0} days", "", chain.overdue).format(days),
            self.tr("%n without a member", "", chain.unassigned),
        ]
        goal = self.tr("targets: {0} members per standing member, {1} residents per member")
        text = (
            self.tr(", ").join(parts)
            + " · "
            + goal.format(chain.targets.members, chain.targets.residents)
        )
        self.summary.setText(text)
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, t.OVERDUE, t.OVERDUE)

    def _fit_columns(self) -> None:
        """The figures' columns as wide as their titles and longest usual values; the name
        takes the rest."""
        metrics, header = self.tree.fontMetrics(), self.tree.header()
        reach = self.model.tr("{0} / {1} residents").format(1000, 1000)
        samples = {t.REACH: reach, t.LAST: "2026-12-31", t.OVERDUE: "9999"}
        for column, sample in samples.items():
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            width = max(
                metrics.horizontalAdvance(sample), header.fontMetrics().horizontalAdvance(title)
            )
            header.resizeSection(column, width + 28)

    # -- the selection ---------------------------------------------------------------------

    def selected(self) -> list[t.Node]:
        """The selected rows (the current one when none is)."""
        rows = self.tree.selectionModel().selectedRows()
        if not rows and self.tree.currentIndex().isValid():
            rows = [self.tree.currentIndex()]
        return [self.model.node(i) for i in rows]

    def contact_values(self) -> dict[str, Any]:
        """What a new contact record starts with, from the selection: residents (with the
        member who keeps in touch with them), or a member with their standing member."""
        nodes = self.selected()
        residents = [n for n in nodes if n.kind == t.RESIDENT]
        if residents:
            holder = residents[0].parent
            member = holder.holder if holder is not None else None
            values: dict[str, Any] = {"residents": [n.id for n in residents]}
            return values | ({"member": member} if member else {})
        for node in nodes:
            if node.kind == t.MEMBER and node.parent is not None and node.parent.kind == t.STANDING:
                return {"member": node.parent.id, "contacted_member": node.id}
            if node.kind in (t.MEMBER, t.STANDING, t.OWN):
                return {"member": node.id}
        return {}

    def _holder(self) -> int | None:
        """The member whose residents the selection is among (or the member selected)."""
        for node in self.selected():
            if node.kind in (t.MEMBER, t.OWN, t.STANDING):
                return node.id
            if node.kind == t.RESIDENT and node.parent is not None:
                return node.parent.holder
        return None

    # -- actions ---------------------------------------------------------------------------

    def record_contact(self) -> QDialog | None:
        """A new contact record, filled in from the selection (the 联系记录 dialog)."""
        if not self.may_edit:
            return None
        if self.dialog is not None:
            self.dialog.raise_()
            return self.dialog
        from studio_app.ui.dialogs.kind_dialog import KindDialog  # with the first dialog

        dialog = KindDialog(self.ctx, kinds.CONTACT, None, self)
        values = self.contact_values()
        dialog.fill(values)
        drafts.keep(dialog)
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def assign_residents(self) -> QDialog | None:
        if not self.may_edit or self.model.chain is None:
            return None
        from studio_app.ui.dialogs.chain_dialogs import AssignResidentsDialog

        chosen = [n.id for n in self.selected() if n.kind == t.RESIDENT and n.id]
        dialog = AssignResidentsDialog(
            self.ctx, self.model.chain, self, member_id=self._holder(), resident_ids=chosen
        )
        return self._open(dialog)

    def assign_members(self) -> QDialog | None:
        if not self.may_edit or self.model.chain is None:
            return None
        from studio_app.ui.dialogs.chain_dialogs import AssignMembersDialog

        nodes = self.selected()
        standing = next((n.id for n in nodes if n.kind in (t.STANDING, t.OWN)), None)
        if standing is None:
            parents = (n.parent for n in nodes if n.kind == t.MEMBER and n.parent is not None)
            standing = next((p.id for p in parents if p.kind == t.STANDING), None)
        chosen = [n.id for n in nodes if n.kind == t.MEMBER and n.id]
        dialog = AssignMembersDialog(
            self.ctx, self.model.chain, self, standing_id=standing, member_ids=chosen
        )
        return self._open(dialog)

    def edit_targets(self) -> QDialog | None:
        if not self.may_edit:
            return None
        from studio_app.ui.dialogs.chain_dialogs import TargetsDialog

        return self._open(TargetsDialog(self.ctx, self))

    def _open(self, dialog: QDialog) -> QDialog:
        """Open ``dialog`` window-modal (the event loop keeps running); what it saves is
        announced, and the tree reads it then."""
        if self.dialog is not None:
            self.dialog.raise_()
            return self.dialog
        dialog.finished.connect(lambda _result: self._closed(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _closed(self, dialog: QDialog) -> None:
        self.dialog = None
        dialog.deleteLater()
        self.tree.setFocus()

    def _dropped(self, kind: str, whom: int | None, ids: list[int], revs: dict[int, int]) -> None:
        """People dragged onto their new member (or onto nobody): assign them."""
        try:
            if kind == t.RESIDENT:
                operations.call(lambda: cc.assign_residents(self.ctx, whom, ids, revs=revs))
            else:
                operations.call(lambda: cc.assign_members(self.ctx, whom, ids, revs=revs))
        except UserError as exc:
            messages.show_error(self, exc.message)
            self.reload()

    def _menu(self, at: QPoint) -> None:
        menu = QMenu(self)
        for name in ("record", "residents", "members"):
            button = self.buttons[name]
            action = menu.addAction(button.text(), button.click)
            action.setEnabled(button.isEnabled() and button.isVisible())
        menu.addSeparator()
        menu.addAction(self.tr("Show every member (Ctrl+E)"), lambda: self.tree.expandToDepth(0))
        menu.addAction(self.tr("Collapse all"), self.tree.collapseAll)
        menu.popup(self.tree.viewport().mapToGlobal(at))

    def _read_residents(self, index: QModelIndex) -> None:
        """A member opened: their first residents (the view reads them itself, unless it
        was waiting to lay the tree out again, as after a reload)."""
        if self.model.rowCount(index) == 0 and self.model.canFetchMore(index):
            self.model.fetchMore(index)

    def _activated(self, index: QModelIndex) -> None:
        """Enter or a double click: a group opens or closes; a person gets a contact."""
        if self.model.node(index).kind in (t.LOOSE_MEMBERS, t.LOOSE_RESIDENTS):
            self.tree.setExpanded(index, not self.tree.isExpanded(index))
        else:
            self.record_contact()

    def select_people(self, keys: Iterable[tuple[str, int]]) -> None:
        """Select the rows of these people (kind, id) among those loaded (tests, links)."""
        chosen: list[tuple[str, int | None]] = list(keys)
        self.tree.clearSelection()
        self._select(chosen, chosen[0] if chosen else ("", None))
