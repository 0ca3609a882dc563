"""How a list's table is set up and its columns sized: every list page, the desk's lists
and the trash (kept apart from the list page, which the desk does not need at start)."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from studio_app.ui.models.lister_table import ListerTableModel

MAX_COLUMN_WIDTH = 260
FIT_SAMPLE_ROWS = 20


def fit_columns(table: QTableView, stretch: int = -1) -> None:
    """Widths from the first rows (a sample, not the whole page), capped; ``stretch`` fills.
    A column is at least as wide as its ``sample`` (an empty list reads well once filled).

    Measuring every loaded row cost ~45 ms per list at start-up; the first rows give the
    same widths for lists whose values have similar lengths.
    """
    header = table.horizontalHeader()
    header.setResizeContentsPrecision(FIT_SAMPLE_ROWS)
    table.resizeColumnsToContents()
    model = table.model()
    columns = model.columns if isinstance(model, ListerTableModel) else ()
    metrics = table.fontMetrics()
    for column in range(header.count()):
        width = header.sectionSize(column) + 8
        if column < len(columns) and columns[column].sample:
            width = max(width, metrics.horizontalAdvance(columns[column].sample) + 12)
        header.resizeSection(column, min(width, MAX_COLUMN_WIDTH))
    if stretch >= 0:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


def setup_table(table: QTableView, model: ListerTableModel, stretch: str = "") -> None:
    """Row selection, no editing, compact rows; ``stretch`` column takes the spare width."""
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    if stretch:
        header.setSectionResizeMode(model.column_of(stretch), QHeaderView.ResizeMode.Stretch)
    else:
        header.setStretchLastSection(True)
