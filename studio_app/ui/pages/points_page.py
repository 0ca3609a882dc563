"""履职积分: each member's duty points of a year (:mod:`studio_app.services.points`), highest
first, with the points of each group of rules and the minimums not met; "only members
missing a minimum" narrows the list, and at the county a studio can be chosen. Double-click
or Enter opens the member's year (:class:`MemberPointsDialog`): its entries, each opening
its source record, and at the county the adjustments. The page reads the points again when
records, members or the county's rules change.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studio_app.core import kinds
from studio_app.services import county_desk, points
from studio_app.services.context import Context
from studio_app.ui.changes_bridge import follow
from studio_app.ui.dialogs.member_points_dialog import MemberPointsDialog
from studio_app.ui.models import points_table as pt
from studio_app.ui.widgets.combos import combo_code

OpenRecord = Callable[[str, int], None]


def shown() -> frozenset[str]:
    """What the points are read from: the kinds with rules, the members, the county's rules."""
    found = {k.name for k in kinds.all_kinds() if k.point_rules}
    return frozenset({*found, kinds.MEMBER.name, points.POINT_RULES})


class PointsPage(QWidget):
    """The members' points of the year chosen (this year at first)."""

    def __init__(
        self, ctx: Context, parent: QWidget | None = None, open_record: OpenRecord | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pointsPage")
        self.ctx = ctx
        self.county = ctx.is_county
        self.open_record = open_record
        self.dialog: MemberPointsDialog | None = None

        self.year = QSpinBox(self)
        self.year.setObjectName("pointsYear")
        self.year.setRange(2000, 2999)
        self.year.setValue(ctx.now_local().year)
        year_label = QLabel(self.tr("&Year:"), self)
        year_label.setBuddy(self.year)
        self.studio: QComboBox | None = None
        if self.county:
            self.studio = QComboBox(self)
            self.studio.setObjectName("pointsStudio")
            self.studio.setMinimumContentsLength(12)
            self.studio.addItem(self.tr("All studios"), "")
        self.missing_only = QCheckBox(self.tr("Only members &missing a minimum"), self)
        self.missing_only.setObjectName("pointsMissingOnly")
        self.summary = QLabel(self)
        self.summary.setObjectName("pointsSummary")
        top = QHBoxLayout()
        top.addWidget(year_label)
        top.addWidget(self.year)
        if self.studio is not None:
            top.addWidget(self.studio)
        top.addWidget(self.missing_only)
        top.addStretch(1)
        top.addWidget(self.summary)

        self.model = pt.PointsTableModel(self, studios=self.county)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(pt.SORT_ROLE)
        self.table = QTableView(self)
        self.table.setObjectName("pointsTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(self.model.column_of(pt.TOTAL), Qt.SortOrder.DescendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.activated.connect(self._activated)
        hint = QLabel(
            self.tr(
                "Points are counted from the records of the year. Double-click a member or "
                "press Enter for the entries, each with its source record."
            ),
            self,
        )
        hint.setObjectName("pointsHint")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #667;")

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        self.reload()
        self.year.valueChanged.connect(lambda _y: self.reload())
        self.missing_only.toggled.connect(lambda _on: self.reload())
        if self.studio is not None:
            self.studio.currentIndexChanged.connect(lambda _i: self.reload())
        follow(self, shown, self.reload)

    # -- reading ---------------------------------------------------------------------------

    def chosen_studio(self) -> str:
        """At the county: the uuid of the studio chosen ("" all of them)."""
        return combo_code(self.studio) if self.studio is not None else ""

    def reload(self) -> None:
        """Read the year's points again, keeping the member selected."""
        chosen = self.current_member()
        year = self.year.value()
        names: dict[str, str] = {}
        if self.studio is not None:
            names = county_desk.studio_choices()
            self._refill_studios(self.studio, names)
        found = points.totals(year)
        studio = self.chosen_studio()
        if studio:
            found = [m for m in found if m.studio == studio]
        groups = pt.groups_with_points(found)
        members = len(found)
        missing = sum(1 for m in found if m.unmet)
        if self.missing_only.isChecked():
            found = [m for m in found if m.unmet]
        self.model.load(found, groups, points.labels(year), names)
        self._fit_columns()
        self.summary.setText(
            self.tr("%n member(s)", "", members)
            + self.tr(", ")
            + self.tr("%n missing a minimum", "", missing)
        )
        if chosen is not None:
            self.select_member(chosen)

    def _refill_studios(self, combo: QComboBox, studios: dict[str, str]) -> None:
        """Offer the studios heard from so far, keeping the one chosen."""
        offered = {combo.itemData(i): combo.itemText(i) for i in range(1, combo.count())}
        if offered == studios:
            return
        chosen = combo_code(combo)
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for uuid, name in studios.items():
            combo.addItem(name, uuid)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        combo.blockSignals(False)

    def _fit_columns(self) -> None:
        """Every column as wide as it needs, but the studios' names and the minimums within
        bounds (their tooltips say it all); the last column takes what is left."""
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        most = {self.model.column_of(pt.STUDIO): 150, self.model.column_of(pt.UNMET): 330}
        for column in range(self.model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.resizeColumnToContents(column)
            header.resizeSection(column, min(header.sectionSize(column) + 4, most.get(column, 220)))

    # -- the members -----------------------------------------------------------------------

    def row_of(self, member_id: int) -> int | None:
        """The row (in the table's order) of ``member_id``, or None when not shown."""
        for row in range(self.proxy.rowCount()):
            if self.proxy.index(row, 0).data(pt.MEMBER_ROLE) == member_id:
                return row
        return None

    def current_member(self) -> int | None:
        index = self.table.currentIndex()
        return int(index.data(pt.MEMBER_ROLE)) if index.isValid() else None

    def select_member(self, member_id: int) -> bool:
        row = self.row_of(member_id)
        if row is None:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.proxy.index(row, 0))
        return True

    def shown_members(self) -> list[int]:
        """The members' ids in the table's order."""
        return [self.proxy.index(r, 0).data(pt.MEMBER_ROLE) for r in range(self.proxy.rowCount())]

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_member(int(index.data(pt.MEMBER_ROLE)))

    def open_member(self, member_id: int) -> QDialog:
        """The member's year in its dialog (window-modal, as record dialogs are)."""
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        dialog = MemberPointsDialog(self.ctx, self.year.value(), member_id, self)
        dialog.recordActivated.connect(self._open_source)
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _dialog_closed(self, dialog: QDialog) -> None:
        self.dialog = None
        dialog.deleteLater()
        self.table.setFocus()

    def _open_source(self, kind: str, record_id: int) -> None:
        if self.open_record is not None:
            self.open_record(kind, record_id)
