"""Settings tab: the duty-point rules of a year (履职积分规则) and its minimums. The county
edits a rule's points and yearly cap in the table (:func:`studio_app.services.points
.set_rule`; a value refused is explained and put back) and the minimums beside it
(``point_minimums``); a studio sees them read-only, with the reason."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio_app.core.errors import UserError
from studio_app.services import points
from studio_app.services.context import Context
from studio_app.ui import messages, operations
from studio_app.ui.changes_bridge import follow
from studio_app.ui.pages.settings.point_minimums import MinimumsTable

LABEL, DEFAULT, POINTS, CAP = range(4)
CODE_ROLE = Qt.ItemDataRole.UserRole
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _whole(text: str) -> int | None:
    """``text`` as a whole number ("+5", "-5", "−5" too), None when it is not one."""
    text = text.strip().replace("−", "-")
    try:
        return int(text)
    except ValueError:
        return None


class PointRulesTab(QWidget):
    """A year chooser above every rule: its label, default points, the year's points and
    yearly cap (blank: none)."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pointRulesTab")
        self.ctx = ctx
        self.reason = points.read_only_reason(ctx)
        self._filling = False
        self.year = QSpinBox(self)
        self.year.setObjectName("pointRulesYear")
        self.year.setRange(2000, 2999)
        self.year.setValue(ctx.now_local().year)
        year_label = QLabel(self.tr("&Year:"), self)
        year_label.setBuddy(self.year)
        self.notice = QLabel(self)
        self.notice.setObjectName("pointRulesNotice")
        self.notice.setWordWrap(True)
        self.notice.setText(self.tr("Read only: {0}").format(self.reason) if self.reason else "")
        self.notice.setVisible(bool(self.reason))
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("pointRulesTable")
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        triggers = QAbstractItemView.EditTrigger
        self.table.setEditTriggers(
            triggers.NoEditTriggers
            if self.reason
            else triggers.DoubleClicked | triggers.EditKeyPressed | triggers.AnyKeyPressed
        )
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column in (LABEL, DEFAULT, POINTS, CAP):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # as wide as its columns (no gap in the middle of a row), as tall as the tab
        self.table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.table.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Expanding)
        self.table.itemChanged.connect(self._edited)
        self.minimums = MinimumsTable(ctx, self.editable(), self)
        hint = QLabel(
            self.tr(
                "Points per record (negative: a deduction); the yearly cap limits a member's "
                "points from a rule (blank: no cap). A figure equal to the default keeps the "
                "default. A yearly minimum counts a member's entries: at least so many (0: not "
                "required that year), or at most so many for absences. Changes reach the "
                "studios with the next feedback package."
            ),
            self,
        )
        hint.setObjectName("pointRulesHint")
        hint.setWordWrap(True)
        hint.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(year_label)
        top.addWidget(self.year)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addLayout(top)
        row = QHBoxLayout()
        row.addWidget(self.table)
        row.addWidget(self.minimums, 0, Qt.AlignmentFlag.AlignTop)
        row.addStretch(1)
        layout.addLayout(row, 1)
        layout.addWidget(hint)
        self.year.valueChanged.connect(lambda _y: self.reload())
        self.reload()
        follow(self, lambda: {points.POINT_RULES}, self.reload)

    def editable(self) -> bool:
        return self.reason is None

    def reload(self) -> None:
        """Show the chosen year's rules again."""
        year = self.year.value()
        self.table.setHorizontalHeaderLabels([
            self.tr("Rule"), self.tr("Default points"), self.tr("Points in {0}").format(year),
            self.tr("Yearly cap"),
        ])  # fmt: skip
        defaults = {code: rule for code, (_kind, rule) in points.declared().items()}
        found = points.rules(year)
        self._filling = True
        self.table.setRowCount(len(found))
        for row, (code, rule) in enumerate(found.items()):
            default = defaults[code]
            cells = (rule.label, str(default.points), str(rule.points),
                     "" if rule.cap is None else str(rule.cap))  # fmt: skip
            for column, text in enumerate(cells):
                item = self.table.item(row, column)  # in place: this may run inside an edit
                if item is None:
                    item = QTableWidgetItem()
                    self.table.setItem(row, column, item)
                item.setText(text)
                item.setData(CODE_ROLE, code)
                flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                if column in (POINTS, CAP) and self.editable():
                    flags |= Qt.ItemFlag.ItemIsEditable
                item.setFlags(flags)
                if column != LABEL:
                    item.setTextAlignment(RIGHT)
            default_cap = self.tr("none") if default.cap is None else str(default.cap)
            self._cell(row, DEFAULT).setToolTip(
                self.tr("Default yearly cap: {0}").format(default_cap)
            )
            self._mark(row, POINTS, rule.points != default.points)
            self._mark(row, CAP, rule.cap != default.cap)
        self._filling = False
        self.minimums.show_year(year)

    def _cell(self, row: int, column: int) -> QTableWidgetItem:
        item = self.table.item(row, column)
        assert item is not None
        return item

    def _mark(self, row: int, column: int, changed: bool) -> None:
        """A figure the county set for the year (not the default) in bold."""
        item = self._cell(row, column)
        font = QFont(item.font())
        font.setBold(changed)
        item.setFont(font)

    def row_of(self, code: str) -> int:
        return next(r for r in range(self.table.rowCount())
                    if self._cell(r, LABEL).data(CODE_ROLE) == code)  # fmt: skip

    def set_figure(self, code: str, column: int, text: str) -> bool:
        """Type ``text`` into rule ``code``'s cell ``column`` (POINTS or CAP), as an edit."""
        item = self._cell(self.row_of(code), column)
        item.setText(text)  # → _edited
        return self._cell(self.row_of(code), column).text() == text.strip()

    def _edited(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() not in (POINTS, CAP):
            return
        row, code = item.row(), str(item.data(CODE_ROLE))
        value = _whole(self._cell(row, POINTS).text())
        cap_text = self._cell(row, CAP).text().strip()
        cap = None if not cap_text else _whole(cap_text)
        if value is None or (cap_text and cap is None):
            messages.show_error(self, self.tr("Enter a whole number (a blank cap: no cap)."))
            self.reload()
            return
        year = self.year.value()
        try:
            operations.call(lambda: points.set_rule(self.ctx, year, code, value, cap))
        except UserError as exc:
            messages.show_error(self, exc.message)
        self.reload()  # the figures as kept (the announcement reads them too)
