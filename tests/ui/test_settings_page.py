"""The settings page: studio profile, code lists, language, print font, data folder."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from studio_app import paths
from studio_app.core.codes import CodeListKind
from studio_app.paths import DataDir
from studio_app.services import code_lists, print_settings, site
from studio_app.services.context import Context
from studio_app.ui.app import build_main_window
from studio_app.ui.lookups import Lookups
from studio_app.ui.main_window import MainWindow
from studio_app.ui.pages.settings import code_lists as settings_code_lists
from studio_app.ui.pages.settings import general as settings_general
from studio_app.ui.pages.settings.page import SettingsPage
from studio_app.workspace import Workspace
from tests.ui.conftest import Answers

DROID = Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")
NOTO_CFF = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


@pytest.fixture
def pointer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The per-user location file, kept inside the test's folder."""
    found = tmp_path / "config" / paths.LOCATION_FILE
    monkeypatch.setattr(paths, "location_pointer", lambda: found)
    monkeypatch.delenv(paths.ENV_VAR, raising=False)
    return found


@pytest.fixture
def page(qtbot, workspace: Workspace, pointer: Path) -> SettingsPage:
    window = build_main_window(workspace)
    qtbot.addWidget(window)
    window.show()
    found = window.settings_page
    window.show_page(found)
    assert isinstance(found, SettingsPage)
    return found


def test_tabs_and_add_tab(page: SettingsPage) -> None:
    rules = page.tr("Duty-point rules")  # 履职积分规则
    assert page.tab_titles() == ["工作室", "代码表", rules, "语言、打印与数据", "备份"]
    page.add_tab("其他", QLabel("more"))
    assert page.tab_titles()[-1] == "其他" and page.count() == 6


def test_profile_is_saved_and_validated(page: SettingsPage, answers: Answers) -> None:
    tab = page.profile
    assert tab.code_label.text() == "SQZ" and tab.edits["name"].text() == "石桥镇政协委员工作室"
    tab.edits["address"].setText("石桥镇人民路1号")
    tab.edits["phone"].setText("13812345678")
    assert tab.save() and tab.status.text() == "已保存。"
    assert site.profile().address == "石桥镇人民路1号"
    tab.edits["name"].setText("")
    tab.edits["phone"].setText("12")
    assert not tab.save()
    assert "名称：必填" in answers.errors[-1] and "联系电话" in answers.errors[-1]
    assert site.profile().name == "石桥镇政协委员工作室"


def test_county_edits_code_lists(
    qtbot,
    ctx: Context,
    db_path: Path,
    answers: Answers,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    county = dataclasses.replace(ctx, site_kind="county")
    lookups = Lookups.load()
    page = SettingsPage(county, db_path.parent, None, lookups)
    qtbot.addWidget(page)
    tab = page.code_lists
    tab.lists.setCurrentRow(tab.kinds.index(CodeListKind.ISSUE_CATEGORY))
    assert tab.table.rowCount() == 13 and tab.notice.isHidden()
    typed = iter(["文化旅游", "文旅融合", "教育"])
    monkeypatch.setattr(settings_code_lists, "ask_text", lambda *_a, **_k: next(typed))
    assert tab.add_code() and tab.selected_code() == "14"
    assert tab.rename_selected()
    assert code_lists.entries(CodeListKind.ISSUE_CATEGORY)[-1].label == "文旅融合"
    assert lookups.category["14"] == "文旅融合"  # open lists and forms share the map
    assert tab.active_button.text() == "停用"
    assert tab.toggle_selected() and tab.active_button.text() == "启用"
    assert "14" not in code_lists.active_labels(CodeListKind.ISSUE_CATEGORY)
    assert not tab.add_code() and "已有“教育”" in answers.errors[-1]
    assert tab.table.rowCount() == 14


def test_code_lists_are_read_only_in_a_studio_with_the_reason(page: SettingsPage) -> None:
    tab = page.code_lists
    for kind in (CodeListKind.HANDLING_UNIT, CodeListKind.ISSUE_CATEGORY):
        tab.lists.setCurrentRow(tab.kinds.index(kind))
        assert tab.notice.isVisibleTo(tab) and "县政协统一维护" in tab.notice.text()
        tab.table.selectRow(0)
        assert not tab.add_button.isEnabled() and not tab.rename_button.isEnabled()
        assert not tab.active_button.isEnabled() and not tab.rename_selected()


def test_print_font_choose_validate_reset(
    page: SettingsPage, answers: Answers, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    tab = page.general
    assert not tab.reset_font_button.isEnabled()
    bogus = tmp_path / "x.ttf"
    bogus.write_bytes(b"not a font at all")
    chosen = iter([str(bogus), str(NOTO_CFF), str(DROID)])
    monkeypatch.setattr(settings_general, "choose_font_file", lambda *_a: next(chosen))
    assert not tab.choose_font() and "TrueType" in answers.errors[-1]
    if NOTO_CFF.is_file():
        assert not tab.choose_font() and "CFF" in answers.errors[-1]
    else:
        next(chosen)
    if not DROID.is_file():
        pytest.skip("no TrueType Chinese font on this machine")
    assert tab.choose_font() and print_settings.font_path() == str(DROID)
    assert str(DROID) in tab.font_label.text() and tab.reset_font_button.isEnabled()
    tab.reset_font()
    assert print_settings.font_path() is None and "自动" in tab.font_label.text()


def test_data_folder_pointer_is_read_at_the_next_start(
    page: SettingsPage,
    answers: Answers,
    pointer: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    db_path: Path,
) -> None:
    tab = page.general
    assert str(db_path.parent) in tab.folder_label.text() and tab.next_label.isHidden()
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("x")
    copy = tmp_path / "copy"
    copy.mkdir()
    shutil.copy(db_path, copy / "studio.sqlite3")
    empty = tmp_path / "empty"
    empty.mkdir()
    chosen = iter([str(busy), str(copy), str(empty)])
    monkeypatch.setattr(settings_general, "choose_folder", lambda *_a: next(chosen))
    assert not tab.change_folder() and "不是空的" in answers.errors[-1]
    assert not pointer.exists()
    assert tab.change_folder() and pointer.read_text(encoding="utf-8") == str(copy.resolve())
    assert DataDir.resolve().root == copy.resolve()
    assert DataDir.resolve(str(empty)).root == empty.resolve()  # --data-dir still wins
    monkeypatch.setenv(paths.ENV_VAR, str(busy))
    assert DataDir.resolve().root == busy.resolve()  # and the environment variable
    monkeypatch.delenv(paths.ENV_VAR)
    assert tab.change_folder() and "下次启动" in tab.next_label.text()
    assert DataDir.resolve().root == empty.resolve()
    tab.default_folder()
    assert not pointer.exists() and DataDir.resolve().root == paths.default_data_dir()


def test_language_switch_goes_through_the_window_menu(
    page: SettingsPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = page.window()
    assert isinstance(window, MainWindow)
    chosen: list[str] = []
    from studio_app.ui import language

    language.add_menu(window, chosen.append)
    tab = page.general
    assert tab.language.currentData() == "zh_CN"
    tab.language.setCurrentIndex(tab.language.findData("en"))
    assert chosen == ["en"]


def test_the_main_window_settings_include_backups(qtbot, workspace: Workspace) -> None:
    from studio_app.ui.backup.panel import BackupPanel

    window = build_main_window(workspace)
    qtbot.addWidget(window)
    page = window.settings_page
    assert isinstance(page, SettingsPage)
    assert page.tab_titles()[-1] == "备份"
    panel = page.findChild(BackupPanel)
    assert panel is not None and panel.data_dir == workspace.data_dir
