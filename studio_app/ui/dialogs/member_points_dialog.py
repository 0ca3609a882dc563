"""One member's duty points of a year: every entry (day, serial, rule, points), activated to
open its source record (:attr:`MemberPointsDialog.recordActivated`, the dialog closes); the
points of each rule with its yearly cap; the minimums; the county's adjustments with their
reasons, and at the county "Adjust…" (:class:`AdjustmentDialog`, a reason required)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio_app.core.errors import UserError
from studio_app.services import county_desk, points
from studio_app.services.context import Context
from studio_app.services.permissions import Permission, allowed
from studio_app.services.points import Adjustment, Entry, MemberPoints
from studio_app.ui import messages, operations, screen_fit
from studio_app.ui.changes_bridge import follow

SOURCE_ROLE = Qt.ItemDataRole.UserRole  # an entry's (kind, record id); None: an adjustment
RED = "#c0392b"
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def table(parent: QWidget, name: str, headers: list[str], stretch: int) -> QTableWidget:
    """A read-only table of whole rows; column ``stretch`` takes the width left."""
    found = QTableWidget(0, len(headers), parent)
    found.setObjectName(name)
    found.setHorizontalHeaderLabels(headers)
    found.verticalHeader().hide()
    found.verticalHeader().setDefaultSectionSize(parent.fontMetrics().height() + 8)
    found.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    found.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    found.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    found.setAlternatingRowColors(True)
    header = found.horizontalHeader()
    header.setHighlightSections(False)
    modes = QHeaderView.ResizeMode
    for column in range(len(headers)):
        mode = modes.Stretch if column == stretch else modes.Interactive
        header.setSectionResizeMode(column, mode)
    return found


def fill(found: QTableWidget, rows: list[list[str]], numeric: set[int]) -> None:
    """Put ``rows`` in ``found``; the columns of ``numeric`` right-aligned."""
    found.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if c in numeric:
                item.setTextAlignment(RIGHT)
            found.setItem(r, c, item)
    found.resizeColumnsToContents()


class AdjustmentDialog(QDialog):
    """Points (±, not 0) and the reason of an adjustment; OK once both are given."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adjustmentDialog")
        self.setWindowTitle(self.tr("Adjust the points of {0}").format(name))
        self.points = QSpinBox(self)
        self.points.setObjectName("adjustmentPoints")
        self.points.setRange(-100, 100)
        self.points.setValue(0)
        self.reason = QLineEdit(self)
        self.reason.setObjectName("adjustmentReason")
        self.reason.setMaxLength(200)
        self.reason.setPlaceholderText(self.tr("Required, e.g. a speech at the plenary session"))
        form = QFormLayout()
        form.addRow(self.tr("&Points (+ or −):"), self.points)
        form.addRow(self.tr("&Reason:"), self.reason)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.points.valueChanged.connect(lambda _v: self._update())
        self.reason.textChanged.connect(lambda _t: self._update())
        self._update()
        self.resize(420, self.sizeHint().height())

    def _update(self) -> None:
        self.ok.setEnabled(self.points.value() != 0 and bool(self.reason.text().strip()))

    def answer(self) -> tuple[int, str]:
        return self.points.value(), self.reason.text().strip()


def ask_adjustment(parent: QWidget, name: str) -> tuple[int, str] | None:
    """The points and reason of an adjustment of ``name``'s year, or None (tests replace
    this)."""
    dialog = AdjustmentDialog(name, parent)
    try:
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


class MemberPointsDialog(QDialog):
    """The year ``year`` of member ``member_id``. Read only but for the county's adjustments;
    Close or Esc."""

    recordActivated = Signal(str, int)  # an entry's source record: kind, id

    def __init__(self, ctx: Context, year: int, member_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("memberPointsDialog")
        self.ctx, self.year, self.member_id = ctx, year, member_id
        self.may_adjust = ctx.is_county and allowed(ctx, Permission.EDIT)
        self.heading = QLabel(self)
        self.heading.setObjectName("memberPointsHeading")
        font = QFont(self.heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.heading.setFont(font)
        self.entries = table(self, "memberPointsEntries", [
            self.tr("Date"), self.tr("Serial"), self.tr("Rule"), self.tr("Points"),
        ], 2)  # fmt: skip
        self.entries.itemActivated.connect(lambda item: self.open_entry(item.row()))
        self.rules = table(self, "memberPointsRules", [
            self.tr("Rule"), self.tr("Entries"), self.tr("Points"), self.tr("Yearly cap"),
        ], 0)  # fmt: skip
        self.minimums = QLabel(self)
        self.minimums.setObjectName("memberPointsMinimums")
        self.minimums.setTextFormat(Qt.TextFormat.RichText)
        self.minimums.setWordWrap(True)
        self.adjustments = table(self, "memberPointsAdjustments", [
            self.tr("Date"), self.tr("Points"), self.tr("Reason"), self.tr("By"),
        ], 2)  # fmt: skip
        rows = self.adjustments.verticalHeader().defaultSectionSize()
        self.adjustments.setMaximumHeight(4 * rows + 8)  # a header and three (it scrolls)
        self.adjust_button = QPushButton(self.tr("&Adjust…"), self)
        self.adjust_button.setObjectName("adjustPointsButton")
        self.adjust_button.setToolTip(
            self.tr("Add or take away points for something the records do not show")
        )
        self.adjust_button.clicked.connect(self.adjust)
        self.adjust_button.setVisible(self.may_adjust)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        for button in (self.close_button, self.adjust_button):
            button.setAutoDefault(False)  # Enter on an entry opens it, not a button

        entries_box = QGroupBox(self.tr("Entries (Enter or double-click opens the record)"), self)
        QVBoxLayout(entries_box).addWidget(self.entries)
        rules_box = QGroupBox(self.tr("Points by rule"), self)
        QVBoxLayout(rules_box).addWidget(self.rules)
        minimums_box = QGroupBox(self.tr("Yearly minimums"), self)
        QVBoxLayout(minimums_box).addWidget(self.minimums)
        self.adjustments_box = QGroupBox(self.tr("County adjustments"), self)
        QVBoxLayout(self.adjustments_box).addWidget(self.adjustments)
        right = QVBoxLayout()
        right.addWidget(rules_box, 5)
        right.addWidget(minimums_box)
        right.addWidget(self.adjustments_box, 2)
        middle = QHBoxLayout()
        middle.addWidget(entries_box, 5)
        middle.addLayout(right, 4)
        bottom = QHBoxLayout()
        bottom.addWidget(self.adjust_button)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(middle, 1)
        layout.addLayout(bottom)
        self.reload()
        screen_fit.fit(self, 1060, 680)
        self.entries.setFocus()
        if self.entries.rowCount():
            self.entries.selectRow(0)
        follow(self, lambda: {points.POINT_RULES}, self.reload)

    def reload(self) -> None:
        """Read the member's year again."""
        found = points.totals(self.year, member_id=self.member_id)
        if not found:
            self.heading.setText(self.tr("This member is no longer in the ledger."))
            return
        member = found[0]
        labels = points.labels(self.year)
        adjustments = points.adjustments(self.year, member_id=self.member_id)
        self.setWindowTitle(self.tr("Duty points of {0}, {1}").format(member.name, self.year))
        heading = self.tr("{0}, {1}: {2} points").format(member.name, self.year, member.total)
        studio = county_desk.studio_choices().get(member.studio, "") if self.ctx.is_county else ""
        self.heading.setText(f"{heading} · {studio}" if studio else heading)
        reasons = {a.id: a.reason for a in adjustments}
        self._show_entries(points.ledger(self.year, member_id=self.member_id), labels, reasons)
        self._show_rules(member, labels)
        self._show_minimums(member)
        self._show_adjustments(adjustments)

    def _show_entries(
        self, entries: list[Entry], labels: dict[str, str], reasons: dict[int, str]
    ) -> None:
        rows = []
        for e in entries:
            label = labels.get(e.rule, e.rule)
            if e.kind == points.ADJUSTMENT:
                label = self.tr("County adjustment: {0}").format(reasons.get(e.record_id, ""))
            rows.append([e.day.isoformat(), e.serial, label, f"{e.points:+d}" if e.points else "0"])
        fill(self.entries, rows, {3})
        for row, e in enumerate(entries):
            source = None if e.kind == points.ADJUSTMENT else (e.kind, e.record_id)
            item = self.entries.item(row, 0)
            assert item is not None
            item.setData(SOURCE_ROLE, source)

    def _show_rules(self, member: MemberPoints, labels: dict[str, str]) -> None:
        year_rules = points.rules(self.year)
        rows = []
        for code, value in member.by_rule.items():
            rule = year_rules.get(code)
            label = self.tr("County adjustment") if rule is None else labels.get(code, code)
            cap = "" if rule is None or rule.cap is None else str(rule.cap)
            n = member.counts.get(code)
            rows.append([label, "" if n is None else str(n), str(value), cap])
        rows.append([self.tr("Total"), "", str(member.total), ""])
        fill(self.rules, rows, {1, 2, 3})
        for row, code in enumerate(member.by_rule):
            rule = year_rules.get(code)
            earned = member.counts.get(code, 0) * rule.points if rule is not None else 0
            if rule is not None and rule.cap is not None and earned > rule.cap:
                tip = self.tr("{0} entries × {1} = {2}, capped at {3}")
                self._bold(row, 3, tip.format(member.counts[code], rule.points, earned, rule.cap))
        for column in range(self.rules.columnCount()):
            self._bold(self.rules.rowCount() - 1, column)

    def _bold(self, row: int, column: int, tip: str = "") -> None:
        item = self.rules.item(row, column)
        if item is not None:
            bold = QFont(item.font())
            bold.setBold(True)
            item.setFont(bold)
            item.setToolTip(tip)

    def _show_minimums(self, member: MemberPoints) -> None:
        unmet = {r.code for r in member.unmet}
        lines = []
        for r in points.requirements(self.year):
            count = sum(member.counts.get(code, 0) for code in r.rules)
            if r.code in unmet:
                text = self.tr("✗ {0} (has {1})").format(escape(r.label), count)
                lines.append(f'<span style="color:{RED}">{text}</span>')
            else:
                lines.append(self.tr("✓ {0} (has {1})").format(escape(r.label), count))
        self.minimums.setText("<br>".join(lines))

    def _show_adjustments(self, adjustments: list[Adjustment]) -> None:
        rows = [[a.day.isoformat(), f"{a.points:+d}", a.reason, a.by] for a in adjustments]
        fill(self.adjustments, rows, {1})
        self.adjustments_box.setVisible(self.may_adjust or bool(adjustments))

    def source_of(self, row: int) -> tuple[str, int] | None:
        """The (kind, record id) entry ``row`` counts, None for an adjustment."""
        item = self.entries.item(row, 0)
        found = item.data(SOURCE_ROLE) if item is not None else None
        return (str(found[0]), int(found[1])) if found else None

    def open_entry(self, row: int) -> bool:
        """Close and open the source record of entry ``row`` (an adjustment has none)."""
        source = self.source_of(row)
        if source is None:
            return False
        self.accept()
        self.recordActivated.emit(*source)
        return True

    def adjust(self) -> bool:
        """At the county: adjust the member's year by points given with a reason."""
        if not self.may_adjust:
            return False
        name = points.totals(self.year, member_id=self.member_id)[0].name
        answer = ask_adjustment(self, name)
        if answer is None:
            return False
        value, reason = answer
        try:
            operations.call(
                lambda: points.add_adjustment(self.ctx, self.year, self.member_id, value, reason)
            )
        except UserError as exc:
            messages.show_error(self, exc.message)
            return False
        self.reload()  # heard already when the change was announced; read again all the same
        return True
