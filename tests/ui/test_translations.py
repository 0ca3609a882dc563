"""The Chinese catalogue is complete and compiled, and no English is left on screen."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTableView,
    QWidget,
)

from studio_app.core import kinds
from studio_app.ui.app import build_main_window
from studio_app.ui.i18n import catalogue_path
from studio_app.ui.main_window import MainWindow
from studio_app.workspace import Workspace
from tests.ui.conftest import AddVisits, People, fields_of

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
TS = catalogue_path("zh_CN", ".ts")
QM = catalogue_path("zh_CN", ".qm")
HOW = "run resources/translations/update.sh (and translate what it marks unfinished)"


def tool(name: str) -> str:
    found = BIN / name
    if not found.exists():
        pytest.skip(f"{name} is not installed")
    return str(found)


def test_the_compiled_catalogue_matches_the_source(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.qm"
    subprocess.run(
        [tool("pyside6-lrelease"), str(TS), "-qm", str(fresh)], check=True, capture_output=True
    )
    assert fresh.read_bytes() == QM.read_bytes(), f"the .qm is stale: {HOW}"


def test_every_source_string_is_in_the_catalogue_and_translated(tmp_path: Path) -> None:
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "studio_app/ui").rglob("*.py"))
    options = ["-target-language", "zh_CN", "-no-obsolete", "-locations", "none"]
    subprocess.run(
        [tool("pyside6-lupdate"), *sources, "-ts", str(copy), *options],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    updated = copy.read_text(encoding="utf-8")
    assert 'type="unfinished"' not in updated, f"untranslated strings: {HOW}"
    assert updated == TS.read_text(encoding="utf-8"), f"the catalogue is out of date: {HOW}"


# Two or more Latin letters in a row are English, except serials, key names and signing
# fingerprints (ten groups of four hex digits).
ENGLISH = re.compile(r"[A-Za-z]{2,}")
ALLOWED = re.compile(
    r"\b[A-Z]{2,}-\d{4}-\d+\b|Ctrl\+\w|\(&\w\)|&|\b[0-9A-F]{4}(?: [0-9A-F]{4}){9}\b"
)


def texts_of(root: QWidget) -> list[tuple[str, str]]:
    """Every text a user can see in ``root``, shown or about to be shown, with its source."""
    found = [("window title", root.windowTitle())]
    for w in [root, *root.findChildren(QWidget)]:
        name = f"{type(w).__name__} {w.objectName()}"
        if isinstance(w, (QLabel, QAbstractButton)):
            found.append((name, w.text()))
        if isinstance(w, QGroupBox):
            found.append((name, w.title()))
        if isinstance(w, (QLineEdit, QPlainTextEdit)):
            found.append((name, w.placeholderText()))
        if isinstance(w, QComboBox):
            found.append((name, w.placeholderText()))
            found += [(name, w.itemText(i)) for i in range(w.count())]
        if isinstance(w, QListWidget):
            found += [(name, w.item(i).text()) for i in range(w.count())]
        if isinstance(w, QTableView):
            model = w.model()
            found += [
                (name, model.headerData(c, Qt.Orientation.Horizontal))
                for c in range(model.columnCount())
            ]
        if w.toolTip():
            found.append((f"{name} tooltip", w.toolTip()))
    for action in root.findChildren(QAction):
        found += [("action", action.text()), ("action tooltip", action.toolTip())]
    return found


def english(root: QWidget) -> list[tuple[str, str]]:
    return [(s, t) for s, t in texts_of(root) if t and ENGLISH.search(ALLOWED.sub("", t))]


@pytest.fixture
def window(qtbot, workspace: Workspace, people: People) -> MainWindow:
    window = build_main_window(workspace)
    qtbot.addWidget(window)
    window.show()
    return window


def test_no_english_in_the_main_window_and_the_visits_page(
    window: MainWindow, add_visits: AddVisits
) -> None:
    add_visits(5)
    window.visits.model.reload()
    assert english(window) == []
    assert len(texts_of(window)) > 20


def test_no_english_in_the_visit_dialogs(window: MainWindow, add_visits: AddVisits) -> None:
    (visit_id,) = add_visits(1, handling="referred", referred_unit="01")
    new = window.visits.open_record(None)
    fields_of(new).residents.new_button.click()
    assert english(new) == []
    new.reject()
    edit = window.visits.open_record(visit_id)
    for button in edit.steps.values():
        button.show()
    assert english(edit) == []
    assert all(text for _, text in texts_of(edit) if _.startswith("QPushButton"))
    edit.reject()


def test_form_labels_are_the_field_labels_of_the_data_dictionary(window: MainWindow) -> None:
    form = fields_of(window.visits.open_record(None))
    labels = {f.key: f.label for f in kinds.VISIT.fields}
    for key, row in form.rows.items():
        layout = form.row_forms[key]
        assert isinstance(layout, QFormLayout)
        label = layout.labelForField(row)
        if label is not None:
            assert label.text() == labels[key], key


def test_list_headers(window: MainWindow) -> None:
    model = window.visits.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [
        "编号",
        "接待时间",
        "接待方式",
        "委员",
        "来访群众",
        "问题类别",
        "反映内容",
        "处理方式",
        "状态",
        "转办单位",
        "办理时限",
    ]


def test_ellipses_are_the_chinese_double_ellipsis() -> None:
    """打印…… everywhere, never 打印… (the catalogue and the declared texts alike)."""
    lone = re.compile(r"(?<!…)…(?!…)")
    translations = re.findall(r"<translation>([^<]*)</translation>", TS.read_text("utf-8"))
    declared = [
        text
        for kind in kinds.all_kinds()
        for text in (kind.search_hint, *(o.button for o in kind.origins))
    ]
    # " … " alone stands for a number still being counted (共 … 条), not an ellipsis
    assert [t for t in translations + declared if lone.search(t.replace(" … ", " "))] == []
