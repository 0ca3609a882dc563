"""The contact chain's dialogs: assign residents to a member, members to a standing member,
and the targets (:mod:`studio_app.services.contact_chain`).

Assigning writes through the services on the database worker, all or nothing; a refusal
(a resident changed or trashed meanwhile, a member no longer in office) is shown and the
dialog stays open with the list read again.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio_app.core.errors import UserError
from studio_app.services import contact_chain as cc
from studio_app.services import residents
from studio_app.services.context import Context
from studio_app.ui import messages, operations, screen_fit
from studio_app.ui.widgets.combos import code_combo, combo_code

SEARCH_DELAY_MS = 250
SHOWN = 500  # residents listed at a time
ID = Qt.ItemDataRole.UserRole
REV = Qt.ItemDataRole.UserRole + 1


def _checklist(parent: QWidget, name: str, titles: list[str]) -> QTreeWidget:
    """A flat list of rows with a tick each."""
    tree = QTreeWidget(parent)
    tree.setObjectName(name)
    tree.setRootIsDecorated(False)
    tree.setUniformRowHeights(True)
    tree.setAlternatingRowColors(True)
    tree.setHeaderLabels(titles)
    tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    tree.header().setStretchLastSection(True)
    return tree


def _row(tree: QTreeWidget, cells: list[str], record_id: int, rev: int, on: bool) -> None:
    item = QTreeWidgetItem(tree, cells)
    item.setData(0, ID, record_id)
    item.setData(0, REV, rev)
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(0, Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


def _items(tree: QTreeWidget) -> list[QTreeWidgetItem]:
    found = (tree.topLevelItem(i) for i in range(tree.topLevelItemCount()))
    return [item for item in found if item is not None]


def _choose(combo: QComboBox, record_id: int) -> None:
    """Choose the item of ``record_id`` (nothing when it is not offered)."""
    combo.setCurrentIndex(combo.findData(record_id))


def _buttons(dialog: QDialog, ok: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, dialog)
    button = box.addButton(ok, QDialogButtonBox.ButtonRole.AcceptRole)
    button.setObjectName("assignButton")
    button.setDefault(True)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class AssignResidentsDialog(QDialog):
    """Choose a member, find residents by village and name, tick them, assign them."""

    def __init__(
        self,
        ctx: Context,
        chain: cc.Chain,
        parent: QWidget | None = None,
        *,
        member_id: int | None = None,
        resident_ids: Iterable[int] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("assignResidentsDialog")
        self.setWindowTitle(self.tr("Assign residents to a member"))
        self.ctx, self.chain = ctx, chain
        self.moved = 0
        self.ticked: dict[int, int] = {}  # resident id → revision as shown
        goal = chain.targets.residents
        people = {m.id: self.tr("{0} ({1} / {2})").format(m.name, m.residents, goal)
                  for m in chain.by_id.values() if m.active}  # fmt: skip
        self.member = code_combo(people, self, placeholder=self.tr("Choose a member"))
        self.member.addItem(self.tr("(no member: take them off their member)"), "none")
        self.member.setObjectName("memberChoice")
        if member_id is not None:
            _choose(self.member, member_id)
        self.village = code_combo(
            {v: v for v in residents.villages()}, self, empty=self.tr("All villages")
        )
        self.village.setObjectName("villageFilter")
        self.search = QLineEdit(self)
        self.search.setObjectName("residentSearch")
        self.search.setPlaceholderText(self.tr("Name or address…"))
        self.search.setClearButtonEnabled(True)
        self.unassigned = QCheckBox(self.tr("Only residents without a member"), self)
        self.unassigned.setObjectName("unassignedOnly")
        titles = [self.tr("Name"), self.tr("Village / group"), self.tr("Member now"),
                  self.tr("Latest contact")]  # fmt: skip
        self.list = _checklist(self, "residentChecklist", titles)
        self.shown_label = QLabel(self)
        self.shown_label.setObjectName("shownLabel")
        self.ticked_label = QLabel(self)
        self.ticked_label.setObjectName("tickedLabel")
        tick_all = QPushButton(self.tr("Tick all shown"), self)
        tick_all.setObjectName("tickAll")
        tick_all.clicked.connect(lambda: self._tick_all(True))
        untick = QPushButton(self.tr("Untick all"), self)
        untick.setObjectName("untickAll")
        untick.clicked.connect(lambda: self._tick_all(False))

        form = QFormLayout()
        form.addRow(self.tr("&Member:"), self.member)
        finder = QHBoxLayout()
        finder.addWidget(self.village)
        finder.addWidget(self.search, 1)
        finder.addWidget(self.unassigned)
        find = QLabel(self.tr("&Find:"), self)
        find.setBuddy(self.search)
        form.addRow(find, finder)
        ticks = QHBoxLayout()
        ticks.addWidget(self.shown_label, 1)
        ticks.addWidget(self.ticked_label)
        ticks.addWidget(tick_all)
        ticks.addWidget(untick)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.list, 1)
        layout.addLayout(ticks)
        layout.addWidget(_buttons(self, self.tr("Assign")))

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.village.currentIndexChanged.connect(lambda _i: self.refresh())
        self.unassigned.toggled.connect(lambda _on: self.refresh())
        self.list.itemChanged.connect(self._item_changed)
        chosen = list(dict.fromkeys(resident_ids))
        if chosen:  # the residents selected in the tree, ticked
            found, _total = cc.find_residents(ctx, ids=chosen, limit=len(chosen))
            self.ticked = {r.id: r.rev for r in found}
            self._show(found, len(found))
        else:
            self.unassigned.blockSignals(True)
            self.unassigned.setChecked(chain.unassigned > 0)
            self.unassigned.blockSignals(False)
            self.refresh()
        screen_fit.fit(self, 820, 600)
        (self.search if member_id is not None else self.member).setFocus()

    def chosen_member(self) -> int | str | None:
        """The member chosen (None: none, to take residents off theirs; "": not chosen)."""
        code = combo_code(self.member)
        if code == "none":
            return None
        return int(code) if code else ""

    def refresh(self) -> None:
        """List the residents the village, the text and the tick box select."""
        self._timer.stop()
        found, total = cc.find_residents(
            self.ctx,
            village=combo_code(self.village),
            text=self.search.text(),
            unassigned_only=self.unassigned.isChecked(),
            limit=SHOWN,
        )
        self._show(found, total)

    def _show(self, found: list[cc.ResidentLink], total: int) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for r in found:
            place = " ".join(p for p in (r.village, r.group_name) if p)
            last = r.last_contacted.strftime("%Y-%m-%d") if r.last_contacted else "—"
            _row(self.list, [r.name, place, r.member, last], r.id, r.rev, r.id in self.ticked)
        self.list.blockSignals(False)
        if total > len(found):
            text = self.tr("Showing the first {0} of {1}: narrow the search").format(
                len(found), total
            )
        else:
            text = self.tr("%n resident(s) found", "", total)
        self.shown_label.setText(text)
        self._show_ticked()

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        record_id = int(item.data(0, ID))
        if item.checkState(0) == Qt.CheckState.Checked:
            self.ticked[record_id] = int(item.data(0, REV))
        else:
            self.ticked.pop(record_id, None)
        self._show_ticked()

    def _tick_all(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        for item in _items(self.list):
            item.setCheckState(0, state)
        if not on:
            self.ticked.clear()
            self._show_ticked()

    def _show_ticked(self) -> None:
        self.ticked_label.setText(self.tr("%n ticked", "", len(self.ticked)))

    def accept(self) -> None:
        member = self.chosen_member()
        if member == "":
            messages.show_error(self, self.tr("Choose the member to assign the residents to."))
            self.member.setFocus()
            return
        if not self.ticked:
            messages.show_error(self, self.tr("Tick the residents to assign."))
            self.list.setFocus()
            return
        ids, revs = list(self.ticked), dict(self.ticked)
        whom = member if isinstance(member, int) else None
        try:
            self.moved = operations.call(
                lambda: cc.assign_residents(self.ctx, whom, ids, revs=revs)
            )
        except UserError as exc:
            messages.show_error(self, exc.message)
            self.ticked = {}
            self.refresh()  # what is there now, ticks cleared: choose again
            return
        super().accept()


class AssignMembersDialog(QDialog):
    """Choose a standing member and tick exactly the members they keep in touch with."""

    def __init__(
        self,
        ctx: Context,
        chain: cc.Chain,
        parent: QWidget | None = None,
        *,
        standing_id: int | None = None,
        member_ids: Iterable[int] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("assignMembersDialog")
        self.setWindowTitle(self.tr("Assign members to a standing member"))
        self.ctx, self.chain = ctx, chain
        self.moved = 0
        self.extra = list(member_ids)  # ticked besides the standing member's own, at first
        goal = chain.targets.members
        standing = {s.member.id: self.tr("{0} ({1} / {2})").format(s.member.name,
                    len(s.members), goal) for s in chain.standing if s.member.active}  # fmt: skip
        self.standing = code_combo(standing, self, placeholder=self.tr("Choose a standing member"))
        self.standing.setObjectName("standingChoice")
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        titles = [self.tr("Member"), self.tr("Standing member now"), self.tr("Their residents")]
        self.list = _checklist(self, "memberChecklist", titles)
        self.everyone = sorted(
            (m for m in chain.by_id.values() if not m.is_standing and m.active),
            key=lambda m: m.name,
        )
        form = QFormLayout()
        form.addRow(self.tr("&Standing member:"), self.standing)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.list, 1)
        layout.addWidget(_buttons(self, self.tr("Save")))
        self.standing.currentIndexChanged.connect(lambda _i: self._fill())
        if standing_id is not None:
            _choose(self.standing, standing_id)
        self._fill()
        screen_fit.fit(self, 640, 560)
        self.standing.setFocus()

    def _fill(self) -> None:
        code = combo_code(self.standing)
        chosen = int(code) if code else None
        name = self.chain.by_id[chosen].name if chosen in self.chain.by_id else ""
        self.note.setText(
            self.tr("Tick the members {0} keeps in touch with; members left unticked who had "
                    "{0} will have no standing member.").format(name) if name
            else self.tr("Choose a standing member first.")
        )  # fmt: skip
        self.list.clear()
        self.list.setEnabled(chosen is not None)
        mine = [
            m for m in self.everyone if chosen and (m.parent_id == chosen or m.id in self.extra)
        ]
        for m in mine + [m for m in self.everyone if m not in mine]:  # theirs first
            now = self.chain.by_id.get(m.parent_id or 0)
            on = chosen is not None and (m.parent_id == chosen or m.id in self.extra)
            cells = [m.name, now.name if now else "", str(m.residents)]
            _row(self.list, cells, m.id, m.rev, on)

    def ticked(self) -> tuple[list[int], dict[int, int]]:
        ids, revs = [], {}
        for item in _items(self.list):
            if item.checkState(0) == Qt.CheckState.Checked:
                ids.append(int(item.data(0, ID)))
                revs[ids[-1]] = int(item.data(0, REV))
        return ids, revs

    def accept(self) -> None:
        code = combo_code(self.standing)
        if not code:
            messages.show_error(self, self.tr("Choose the standing member."))
            self.standing.setFocus()
            return
        standing = int(code)
        ids, revs = self.ticked()
        revs |= {m.id: m.rev for m in self.everyone if m.parent_id == standing}
        try:
            self.moved = operations.call(
                lambda: cc.set_standing_members(self.ctx, standing, ids, revs=revs)
            )
        except UserError as exc:
            messages.show_error(self, exc.message)
            return
        super().accept()


class TargetsDialog(QDialog):
    """The chain's targets and the days before someone counts as not contacted."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chainTargetsDialog")
        self.setWindowTitle(self.tr("Contact targets"))
        self.ctx = ctx
        now = cc.targets()
        titles = {
            "members": self.tr("Members each standing member keeps in touch with:"),
            "residents": self.tr("Residents each member keeps in touch with:"),
            "days": self.tr("Not contacted after (days):"),
        }
        form = QFormLayout()
        self.boxes: dict[str, QSpinBox] = {}
        for setting in cc.SETTINGS:
            box = QSpinBox(self)
            box.setObjectName(f"{setting.name}Target")
            box.setRange(1, setting.most)
            box.setValue(getattr(now, setting.name))
            box.setGroupSeparatorShown(True)
            self.boxes[setting.name] = box
            form.addRow(titles[setting.name], box)
        hint = QLabel(self.tr("“一联十、十联百”: each standing member about ten members, each "
                              "member about a hundred residents."), self)  # fmt: skip
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(_buttons(self, self.tr("Save")))

    def accept(self) -> None:
        values = {name: box.value() for name, box in self.boxes.items()}
        try:
            operations.call(lambda: cc.set_targets(self.ctx, **values))
        except UserError as exc:
            messages.show_error(self, exc.message)
            return
        super().accept()
