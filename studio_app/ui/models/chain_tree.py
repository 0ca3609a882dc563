"""The contact chain as a tree: 常委 → 委员 → 群众 (:mod:`studio_app.services.contact_chain`).

The members come with the chain (one read of a few aggregates); a member's residents are
read a page at a time when the member is expanded and as the view scrolls down to them
(``canFetchMore``/``fetchMore`` on the member's row). Four columns: the name; whom they keep
in touch with against the target (常委: members, 委员: residents; a resident: where they
live); the latest contact (a member: their standing member's latest contact record with
them; a standing member: their latest with any of their members; a resident: their last
contact); and who is overdue (a count of those not contacted for the set days, or a
resident's days since). Figures below target are amber, overdue ones red.

Residents dragged onto a member (or onto "residents without a member"), and members onto
a standing member (or "members without a standing member"), ask for that assignment
(``assignDropped``, after the drop has finished); the page does it through the service.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from studio_app.services import contact_chain as cc
from studio_app.services.context import Context

NAME, REACH, LAST, OVERDUE = range(4)
MIME = "application/x-studio-ledger-chain"
AnyIndex = QModelIndex | QPersistentModelIndex
RED = QColor("#c0392b")
AMBER = QColor("#a85c00")

# Kinds of rows
STANDING = "standing"  # a standing member (常委)
MEMBER = "member"  # a member (委员) under a standing member or without one
OWN = "own"  # a standing member's own residents
LOOSE_MEMBERS = "loose_members"  # members without a standing member
LOOSE_RESIDENTS = "loose_residents"  # residents without a member
RESIDENT = "resident"
# What each kind of row accepts when people are dropped on it, and whom it assigns them to
ACCEPTS = {MEMBER: RESIDENT, OWN: RESIDENT, LOOSE_RESIDENTS: RESIDENT,
           STANDING: MEMBER, LOOSE_MEMBERS: MEMBER}  # fmt: skip


@dataclass(eq=False)
class Node:
    """A row of the tree."""

    kind: str
    id: int | None  # the member or resident (groups: None; OWN: the standing member)
    parent: Node | None
    cells: tuple[str, str, str, str] = ("", "", "", "")
    red: frozenset[int] = frozenset()  # columns drawn red
    amber: frozenset[int] = frozenset()
    tips: dict[int, str] = field(default_factory=dict)
    children: list[Node] = field(default_factory=list)
    lazy: bool = False  # residents read on demand
    total: int = 0  # residents it holds (lazy rows)
    rev: int = 0  # a resident's or member's revision as shown
    bold: bool = False

    @property
    def key(self) -> tuple[str, int | None]:
        """Names the row across reloads."""
        return self.kind, self.id

    @property
    def holder(self) -> int | None:
        """Whose residents a lazy row holds (None: nobody's)."""
        return None if self.kind == LOOSE_RESIDENTS else self.id

    def row(self) -> int:
        return 0 if self.parent is None else self.parent.children.index(self)


class ChainTreeModel(QAbstractItemModel):
    """The chain of ``ctx``'s studio (``studio``: another's, at the county), read-only
    unless ``editable`` (drag and drop)."""

    assignDropped = Signal(str, object, list, dict)  # RESIDENT/MEMBER, to whom, ids, revs

    def __init__(
        self,
        ctx: Context,
        parent: Any = None,
        *,
        studio: str | None = None,
        editable: bool = True,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.studio = studio
        self.editable = editable
        self.overdue_only = False
        self.root = Node("root", None, None)
        self.chain: cc.Chain | None = None
        self._flags = self._kind_flags()
        self._red, self._amber, self._bold = QBrush(RED), QBrush(AMBER), QFont()
        self._bold.setBold(True)
        self._root_flags = (Qt.ItemFlag.ItemIsDropEnabled if editable
                            else Qt.ItemFlag.NoItemFlags)  # fmt: skip

    # -- reading ---------------------------------------------------------------------------

    def reload(self, *, overdue_only: bool | None = None, studio: str | None = None) -> None:
        """Read the chain again (residents again when their member is expanded)."""
        if overdue_only is not None:
            self.overdue_only = overdue_only
        if studio is not None:
            self.studio = studio or None
        chain = cc.chain(self.ctx, studio=self.studio)
        self.beginResetModel()
        self.chain = chain
        self.root = Node("root", None, None)
        self._build(chain)
        self.endResetModel()

    def _build(self, chain: cc.Chain) -> None:
        root, only = self.root, self.overdue_only
        for group in chain.standing:
            node = self._standing(group, root)
            if group.member.residents and (group.member.overdue or not only):
                own = self._own(group.member, node)
                node.children.append(own)
            node.children += [self._member(m, node) for m in group.members if self._shown(m)]
            if node.children or group.overdue or not only:
                root.children.append(node)
        loose = [m for m in chain.unlinked if self._shown(m)]
        if loose:
            node = Node(LOOSE_MEMBERS, None, root, bold=True)
            node.cells = (self.tr("Members without a standing member"),
                          self.tr("%n member(s)", "", len(chain.unlinked)), "", "")  # fmt: skip
            node.tips = {NAME: self.tr("Give them a standing member with “Assign members…”")}
            node.children = [self._member(m, node) for m in loose]
            root.children.append(node)
        if chain.unassigned_overdue or (chain.unassigned and not only):
            node = Node(LOOSE_RESIDENTS, None, root, lazy=True, bold=True)
            node.total = chain.unassigned_overdue if only else chain.unassigned
            node.cells = (self.tr("Residents without a member"),
                          self.tr("%n resident(s)", "", chain.unassigned), "",
                          self._count(chain.unassigned_overdue))  # fmt: skip
            node.red = frozenset({OVERDUE} if chain.unassigned_overdue else ())
            node.tips = {NAME: self.tr("Give them a member with “Assign residents…”")}
            root.children.append(node)

    def _shown(self, m: cc.MemberLink) -> bool:
        return not self.overdue_only or bool(m.overdue) or m.contacted_overdue

    def _standing(self, group: cc.StandingLink, root: Node) -> Node:
        assert self.chain is not None
        goal, m = self.chain.targets, group.member
        node = Node(STANDING, m.id, root, bold=True)
        n = len(group.members)
        last = group.last_contact
        node.cells = (
            self._name(m),
            self.tr("{0} / {1} members").format(n, goal.members),
            self._day(last) if last else (self.tr("never") if n else ""),
            self.tr("%n member(s)", "", group.overdue) if group.overdue else "",
        )
        node.amber = frozenset({REACH} if n < goal.members else ())
        node.red = frozenset({OVERDUE} if group.overdue else ())
        node.tips = {
            NAME: self.tr("Standing committee member"),
            LAST: self.tr("Latest contact of {0} with one of their members").format(m.name),
            OVERDUE: self.tr("Their members they have not contacted for over %n day(s)", "",
                             goal.days),
        }  # fmt: skip
        return node

    def _own(self, m: cc.MemberLink, parent: Node) -> Node:
        node = self._holding(Node(OWN, m.id, parent, lazy=True), m)
        node.cells = (self.tr("Residents {0} keeps in touch with").format(m.name),
                      *node.cells[1:])  # fmt: skip
        return node

    def _member(self, m: cc.MemberLink, parent: Node) -> Node:
        assert self.chain is not None
        node = self._holding(Node(MEMBER, m.id, parent, lazy=True, rev=m.rev), m)
        last = ""
        if m.parent_id is not None:
            last = self._day(m.last_contacted) if m.last_contacted else self.tr("never")
            standing = self.chain.member(m.parent_id)
            who = standing.name if standing else ""
            node.tips[LAST] = self.tr("Latest contact of {0} with this member").format(who)
        else:
            node.tips[LAST] = self.tr("No standing member keeps in touch with this member")
        node.cells = (self._name(m), node.cells[REACH], last, node.cells[OVERDUE])
        if m.contacted_overdue:
            node.red |= {LAST}
        return node

    def _holding(self, node: Node, m: cc.MemberLink) -> Node:
        """A row holding member ``m``'s residents: the count against the target, the overdue."""
        assert self.chain is not None
        goal = self.chain.targets
        node.total = m.overdue if self.overdue_only else m.residents
        node.cells = (
            "",
            self.tr("{0} / {1} residents").format(m.residents, goal.residents),
            "",
            self._count(m.overdue),
        )
        node.amber = frozenset({REACH} if m.residents < goal.residents else ())
        node.red = frozenset({OVERDUE} if m.overdue else ())
        node.tips = {
            REACH: self.tr("Residents this member keeps in touch with, against the target"),
            OVERDUE: self.tr("Of them, not contacted for over %n day(s) (or never)", "",
                             goal.days),
        }  # fmt: skip
        return node

    def _name(self, m: cc.MemberLink) -> str:
        return m.name if m.active else self.tr("{0} (out of office)").format(m.name)

    def _count(self, overdue: int) -> str:
        return self.tr("%n resident(s)", "", overdue) if overdue else ""

    def _day(self, when: Any) -> str:
        return when.strftime("%Y-%m-%d") if when else ""

    def _resident(self, r: cc.ResidentLink, parent: Node) -> Node:
        assert self.chain is not None
        node = Node(RESIDENT, r.id, parent, rev=r.rev)
        place = " ".join(p for p in (r.village, r.group_name) if p)
        days = r.days_since(self.chain.today)
        late = ""
        if r.overdue:
            late = self.tr("never contacted") if days is None else self.tr("%n day(s)", "", days)
        node.cells = (r.name, place, self._day(r.last_contacted) or "—", late)
        node.red = frozenset({OVERDUE} if r.overdue else ())
        return node

    # -- lazy residents --------------------------------------------------------------------

    def canFetchMore(self, parent: AnyIndex) -> bool:
        node = self.node(parent)
        return node.lazy and len(node.children) < node.total

    def fetchMore(self, parent: AnyIndex) -> None:
        node = self.node(parent)
        if not self.canFetchMore(parent):
            return
        found = cc.residents_of(self.ctx, node.holder, overdue_only=self.overdue_only,
                                offset=len(node.children), studio=self.studio)  # fmt: skip
        if not found:  # fewer than counted (changed meanwhile): the next reload tells
            node.total = len(node.children)
            return
        first = len(node.children)
        self.beginInsertRows(self.index_of(node), first, first + len(found) - 1)
        node.children += [self._resident(r, node) for r in found]
        self.endInsertRows()

    # -- rows ------------------------------------------------------------------------------

    def node(self, index: AnyIndex) -> Node:
        if not index.isValid():
            return self.root
        found = index.internalPointer()
        assert isinstance(found, Node)
        return found

    def index_of(self, node: Node) -> QModelIndex:
        if node is self.root or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.row(), 0, node)

    def find(self, key: tuple[str, int | None], parent: Node | None = None) -> Node | None:
        """The loaded row named ``key`` (depth first)."""
        for child in (parent or self.root).children:
            if child.key == key:
                return child
            found = self.find(key, child)
            if found is not None:
                return found
        return None

    # -- QAbstractItemModel ----------------------------------------------------------------

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        node = self.node(parent)
        if not (0 <= row < len(node.children) and 0 <= column < 4):
            return QModelIndex()
        return self.createIndex(row, column, node.children[row])

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        up = self.node(index).parent
        return QModelIndex() if up is None or up is self.root else self.index_of(up)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 4

    def hasChildren(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return False
        node = self.node(parent)
        return bool(node.children) or (node.lazy and node.total > 0)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node, column = self.node(index), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return node.cells[column]
        if role == Qt.ItemDataRole.ForegroundRole:
            if column in node.red:
                return self._red
            if column in node.amber:
                return self._amber
            return None
        if role == Qt.ItemDataRole.FontRole and node.bold and column == NAME:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return node.tips.get(column) or node.cells[column] or None
        if role == Qt.ItemDataRole.UserRole:
            return node.id
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < 4:
            return None
        days = self.chain.targets.days if self.chain else cc.Targets().days
        if role == Qt.ItemDataRole.DisplayRole:
            titles = (self.tr("Name"), self.tr("Keeps in touch with"), self.tr("Latest contact"),
                      self.tr("Not contacted for over %n day(s)", "", days))  # fmt: skip
            return titles[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return self._root_flags
        return self._flags[index.internalPointer().kind]  # asked for every row at each layout

    def _kind_flags(self) -> dict[str, Qt.ItemFlag]:
        """Each kind of row's flags, worked out once (Python's flag arithmetic is slow)."""
        found = {}
        for kind in (STANDING, MEMBER, OWN, LOOSE_MEMBERS, LOOSE_RESIDENTS, RESIDENT):
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if kind == RESIDENT:
                flags |= Qt.ItemFlag.ItemNeverHasChildren
            if self.editable and kind in (RESIDENT, MEMBER):
                flags |= Qt.ItemFlag.ItemIsDragEnabled
            if self.editable and kind in ACCEPTS:
                flags |= Qt.ItemFlag.ItemIsDropEnabled
            found[kind] = flags
        return found

    # -- drag and drop ---------------------------------------------------------------------

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def mimeData(self, indexes: Any) -> QMimeData:
        """The dragged people: residents, else members (one kind at a time), with revisions."""
        nodes = {id(n): n for n in (self.node(i) for i in indexes) if n.kind in (RESIDENT, MEMBER)}
        chosen = list(nodes.values())
        kind = RESIDENT if any(n.kind == RESIDENT for n in chosen) else MEMBER
        people = [n for n in chosen if n.kind == kind]
        data = QMimeData()
        payload = {"kind": kind, "ids": [n.id for n in people],
                   "revs": {str(n.id): n.rev for n in people if n.rev}}  # fmt: skip
        data.setData(MIME, json.dumps(payload).encode())
        return data

    @staticmethod
    def dragged(data: QMimeData) -> dict[str, Any] | None:
        if not data.hasFormat(MIME):
            return None
        try:
            payload = json.loads(bytes(data.data(MIME).data()).decode())
        except ValueError:
            return None
        return payload if isinstance(payload, dict) and payload.get("ids") else None

    def target(self, parent: AnyIndex) -> Node | None:
        """The row people are dropped on: a resident's row stands for its holder's."""
        node = self.node(parent)
        if node.kind == RESIDENT and node.parent is not None:
            node = node.parent
        return node if node.kind in ACCEPTS else None

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        payload = self.dragged(data)
        node = self.target(parent)
        return bool(self.editable and payload and node and ACCEPTS[node.kind] == payload["kind"])

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: AnyIndex
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        payload = self.dragged(data)
        node = self.target(parent)
        assert payload is not None and node is not None
        whom = None if node.kind in (LOOSE_MEMBERS, LOOSE_RESIDENTS) else node.id
        revs = {int(k): int(v) for k, v in payload.get("revs", {}).items()}
        ids = [int(i) for i in payload["ids"]]
        # After the drop has finished: assigning reloads the tree under the view's feet
        QTimer.singleShot(
            0, self, lambda: self.assignDropped.emit(payload["kind"], whom, ids, revs)
        )
        return True
