"""Members' duty points of a year as a table (:mod:`studio_app.services.points`): the name,
at the county the studio, the total, the minimums not met (in red), then one column per
group of rules (a record kind's rules summed, the county's adjustments apart).

Every cell sorts by :data:`SORT_ROLE` (numbers as numbers); :data:`MEMBER_ROLE` is the
member's id on every cell; a group's cell shows its rules one by one in its tooltip.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from studio_app.services import points
from studio_app.services.points import MemberPoints
from studio_app.ui.i18n import declared

SORT_ROLE = Qt.ItemDataRole.UserRole
MEMBER_ROLE = Qt.ItemDataRole.UserRole + 1
RED = QColor("#c0392b")
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
AnyIndex = QModelIndex | QPersistentModelIndex
NAME, STUDIO, TOTAL, UNMET = "name", "studio", "total", "unmet"


def group_of(code: str) -> str:
    """The group a rule is summed in: its record kind's name (adjustments: their own)."""
    found = points.declared().get(code)
    return found[0].name if found is not None else points.ADJUSTMENT


def groups() -> list[str]:
    """Every group, in the order the kinds declare their rules; the adjustments last."""
    return [*dict.fromkeys(k.name for k, _rule in points.declared().values()), points.ADJUSTMENT]


def groups_with_points(found: Iterable[MemberPoints]) -> list[str]:
    """The groups some member of ``found`` has entries or points in, in :func:`groups` order."""
    used = {group_of(code) for m in found for code in m.by_rule}
    return [g for g in groups() if g in used]


@dataclass(frozen=True)
class Column:
    key: str  # NAME, STUDIO, TOTAL, UNMET or a group
    title: str


class PointsTableModel(QAbstractTableModel):
    """One row per member; :meth:`load` sets the rows and the groups shown."""

    def __init__(self, parent: QObject | None = None, *, studios: bool = False) -> None:
        super().__init__(parent)
        self.studios = studios  # a studio column (at the county)
        self.studio_names: Mapping[str, str] = {}
        self.rows: list[MemberPoints] = []
        self.labels: dict[str, str] = {}
        self.columns: list[Column] = self._columns([])

    def _columns(self, shown: list[str]) -> list[Column]:
        found = [Column(NAME, self.tr("Member"))]
        if self.studios:
            found.append(Column(STUDIO, self.tr("Studio")))
        found += [Column(TOTAL, self.tr("Total")), Column(UNMET, self.tr("Minimums"))]
        return found + [Column(g, self.group_title(g)) for g in shown]

    def group_title(self, group: str) -> str:
        """A group's column title: its kind's short label (plural), or the adjustments'."""
        found = next((k for k, _r in points.declared().values() if k.name == group), None)
        if found is None:
            return self.tr("County adjustments")
        return declared(found.short_label, 2)

    def unmet_text(self, member: MemberPoints) -> str:
        """ "Not met: …" with the minimums ``member`` misses ("" when none)."""
        if not member.unmet:
            return ""
        names = self.tr(", ").join(r.label for r in member.unmet)
        return self.tr("Not met: {0}").format(names)

    def load(
        self,
        rows: list[MemberPoints],
        shown: list[str],
        labels: dict[str, str],
        studio_names: Mapping[str, str] | None = None,
    ) -> None:
        """Show ``rows`` with a column per group of ``shown``; ``labels``: rule code → label
        (the tooltips); ``studio_names``: uuid → studio name."""
        self.beginResetModel()
        self.rows, self.labels = rows, labels
        self.studio_names = studio_names or {}
        self.columns = self._columns(shown)
        self.endResetModel()

    def column_of(self, key: str) -> int:
        return next((i for i, c in enumerate(self.columns) if c.key == key), -1)

    def member_id(self, row: int) -> int:
        return self.rows[row].member_id

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].title
        if role == Qt.ItemDataRole.TextAlignmentRole and self._numeric(section):
            return RIGHT
        return None

    def _numeric(self, column: int) -> bool:
        return self.columns[column].key not in (NAME, STUDIO, UNMET)

    def _group_points(self, member: MemberPoints, group: str) -> int | None:
        found = [p for code, p in member.by_rule.items() if group_of(code) == group]
        return sum(found) if found else None

    def _tooltip(self, member: MemberPoints, group: str) -> str:
        lines = []
        for code, value in member.by_rule.items():
            if group_of(code) == group:
                n = member.counts.get(code)
                label = self.labels.get(code, code)
                if group == points.ADJUSTMENT:
                    label = self.tr("County adjustment")
                lines.append(f"{label}: {value}" + (f" ({n}×)" if n else ""))
        return "\n".join(lines)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        member, key = self.rows[index.row()], self.columns[index.column()].key
        if role == MEMBER_ROLE:
            return member.member_id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return RIGHT if self._numeric(index.column()) else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return RED if key == UNMET or (key == TOTAL and member.total < 0) else None
        if key == NAME:
            value: Any = member.name
        elif key == STUDIO:
            value = self.studio_names.get(member.studio, "")
        elif key == TOTAL:
            value = member.total
        elif key == UNMET:
            if role == SORT_ROLE:
                return len(member.unmet)
            value = self.unmet_text(member)
        else:
            value = self._group_points(member, key)
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._tooltip(member, key) or None
        if role == SORT_ROLE:
            return 0 if value is None else value
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return "" if value is None else str(value)
        return None
