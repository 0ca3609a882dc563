"""Two read-only views of the election observations (:mod:`studio_app.services.elections`):
one election's stages in order with its open issues, and one term's villages against the
stages observed in each (a village opens its election's stages)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio_app.core.codes import ElectionStage
from studio_app.services import elections
from studio_app.services.context import Context
from studio_app.ui import screen_fit
from studio_app.ui.i18n import declared, label

OPEN_COLOUR = QColor("#b3261e")
SEEN_COLOUR = QColor("#e3efe3")


def _day(value: date | None) -> str:
    return value.isoformat() if value else ""


def _table(headers: Sequence[str], parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(True)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _cell(text: str, *, tip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setToolTip(tip or text)
    return item


class ElectionStagesDialog(QDialog):
    """One election's observations stage by stage (a stage not observed says so), then the
    issues still waiting for a reply."""

    def __init__(self, ctx: Context, election_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("electionStagesDialog")
        line = elections.timeline(election_id)
        self.timeline = line
        self.setWindowTitle(self.tr("{0}: stages observed").format(line.village))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"{line.term}  {_day(line.election_on)}", self))
        headers = [declared(c.label) for c in elections.ELECTION.field("entries").columns]
        self.table = _table(headers, self)
        self.table.setObjectName("stagesTable")
        for stage, found in line.stages:
            for entry in found or (None,):
                self._add(stage, entry)
        self.table.resizeColumnsToContents()
        for column in (3, 4, 7):  # what was seen, issues, reply
            self.table.setColumnWidth(column, 200)
        self.table.resizeRowsToContents()
        layout.addWidget(self.table, 1)
        issues = line.open_issues
        title = self.tr("Open issues: %n", "", len(issues))
        layout.addWidget(QLabel(title, self))
        self.issues = QListWidget(self)
        self.issues.setObjectName("openIssues")
        for entry in issues:
            said = entry.issues or (label(entry.rating) if entry.rating else "")
            self.issues.addItem(f"{label(entry.stage)}: {said}")
        self.issues.setMaximumHeight(110)
        layout.addWidget(self.issues)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        screen_fit.fit(self, 1100, 600)

    def _add(self, stage: ElectionStage, entry: elections.Entry | None) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, _cell(label(stage)))
        if entry is None:
            self.table.setItem(row, 1, _cell(self.tr("Not observed")))
            return
        cells = (
            "",
            _day(entry.observed_on),
            entry.observer,
            entry.seen,
            entry.issues,
            label(entry.rating) if entry.rating else "",
            entry.reported_to,
            entry.reply,
        )
        for column, text in enumerate(cells[1:], start=1):
            item = _cell(text)
            if entry.open and column in (4, 5):
                item.setForeground(QBrush(OPEN_COLOUR))
            self.table.setItem(row, column, item)


class ElectionTermDialog(QDialog):
    """A term's villages (rows) against the stages (columns): how many observations each
    stage had in each village, its flags and open issues; a village opens its stages."""

    def __init__(self, ctx: Context, parent: QWidget | None = None, term: str = "") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("electionTermDialog")
        self.setWindowTitle(self.tr("Elections by term"))
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Term:"), self))
        self.terms = QComboBox(self)
        self.terms.setObjectName("termCombo")
        self.terms.addItems(elections.terms())
        if term:
            self.terms.setCurrentText(term)
        top.addWidget(self.terms, 1)
        layout.addLayout(top)
        stages = [label(s) for s in elections.STAGES]
        headers = [declared(elections.ELECTION.field("village").label), self.tr("Election day"),
                   self.tr("Flags"), *stages, self.tr("Open issues")]  # fmt: skip
        self.table = _table(headers, self)
        self.table.setObjectName("termTable")
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.doubleClicked.connect(lambda index: self.open_village(index.row()))
        layout.addWidget(self.table, 1)
        self.summary = QLabel(self)
        self.summary.setObjectName("termSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.terms.currentTextChanged.connect(self.show_term)
        self.view: elections.Term | None = None
        self.show_term(self.terms.currentText())
        screen_fit.fit(self, 1100, 560)

    def show_term(self, term: str) -> None:
        """The villages of ``term`` with a mark per stage observed."""
        view = elections.term(term) if term else elections.Term("", ())
        self.view = view
        self.table.setRowCount(0)
        for village in view.villages:
            row = self.table.rowCount()
            self.table.insertRow(row)
            self.table.setItem(row, 0, _cell(village.village, tip=village.serial))
            self.table.setItem(row, 1, _cell(_day(village.election_on)))
            self.table.setItem(row, 2, _cell(", ".join(declared(f) for f in village.flags)))
            for n, stage in enumerate(elections.STAGES, start=3):
                count = village.observed.get(stage.value, 0)
                item = _cell("✓" if count == 1 else f"✓{count}" if count else "—")
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if count:
                    item.setBackground(QBrush(SEEN_COLOUR))
                self.table.setItem(row, n, item)
            issues = _cell(str(village.open_issues) if village.open_issues else "")
            if village.open_issues:
                issues.setForeground(QBrush(OPEN_COLOUR))
            self.table.setItem(row, 3 + len(elections.STAGES), issues)
        self.table.resizeColumnsToContents()
        observed = "; ".join(
            f"{label(s)} {view.observed_in(s)}/{len(view.villages)}" for s in elections.STAGES
        )
        self.summary.setText(
            self.tr("%n village(s)", "", len(view.villages)) + ("  " + observed if term else "")
        )

    def open_village(self, row: int) -> QDialog | None:
        """The stages of the village on ``row``."""
        if self.view is None or not 0 <= row < len(self.view.villages):
            return None
        dialog = ElectionStagesDialog(self.ctx, self.view.villages[row].election_id, self)
        dialog.open()
        return dialog
