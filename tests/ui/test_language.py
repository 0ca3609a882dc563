"""Switching 中文 / English at run time keeps the window's state and is remembered."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtWidgets import QApplication

from studio_app.ui import settings as opt
from studio_app.ui.app import Shell
from studio_app.ui.i18n import LANGUAGE_ENV, current_language, install_translation
from studio_app.ui.language import remembered
from studio_app.ui.settings import Settings
from studio_app.workspace import Workspace
from tests.ui.conftest import AddVisits


@pytest.fixture
def shell(qtbot, qapp: QApplication, workspace: Workspace) -> Iterator[Shell]:
    shell = Shell(workspace)
    yield shell
    for translator in qapp.findChildren(QTranslator):  # back to what the test started with
        qapp.removeTranslator(translator)
    install_translation(qapp)
    if shell.window is not None:
        shell.window.close()
        shell.window.deleteLater()


def test_switching_rebuilds_the_window_in_the_other_language(
    qtbot, shell: Shell, add_visits: AddVisits, workspace: Workspace
) -> None:
    add_visits(5)
    window = shell.open()
    assert window.windowTitle().startswith("委员工作室履职台账")
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus[-2:] == ["语言(&L)", "帮助(&H)"]  # Help stays last
    window.show_page(window.visits)
    window.visits.search.setText("水渠")
    window.visits.apply_query()
    english = window.findChild(type(window.menuBar().actions()[0]), "language_en")
    assert english is not None and not english.isChecked()
    chinese_name = window.findChild(type(english), "language_zh_CN").text()
    assert (chinese_name, english.text()) == ("中文", "English")  # each in its own language
    english.trigger()

    now = shell.window
    assert now is not None and now is not window and current_language() == "en"
    assert now.windowTitle() == "Studio Ledger — 石桥镇政协委员工作室"
    assert now.nav.item(0).text() == "Desk" or now.nav.item(0).text() == "Visits"
    assert now.visits.search.text() == "水渠"  # the state came along
    assert now.stack.currentWidget() is now.visits  # and the page: not back to the desk
    assert now.findChild(type(english), "language_zh_CN").text() == "中文"
    assert now.visits.model.headerData(0, Qt.Orientation.Horizontal) == "Serial"
    assert Settings.in_data_dir(workspace.data_dir.root).get(opt.LANGUAGE) == "en"

    chinese = now.findChild(type(english), "language_zh_CN")
    chinese.trigger()
    assert current_language() == "zh_CN" and shell.window.windowTitle().startswith("委员")


def test_the_remembered_language_unless_the_environment_says(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings.in_data_dir(workspace.data_dir.root)
    monkeypatch.delenv(LANGUAGE_ENV, raising=False)
    assert remembered(settings, "zh_CN") == "zh_CN"
    settings.set(opt.LANGUAGE, "en")
    assert remembered(settings, "zh_CN") == "en"
    monkeypatch.setenv(LANGUAGE_ENV, "zh_CN")
    assert remembered(settings, "zh_CN") == "zh_CN"
