"""From the demo to real use: the setup wizard, the reopened window, the demo banner."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QPushButton

from studio_app import paths
from studio_app.services import accounts, site
from studio_app.storage.database import close_database
from studio_app.storage.models import Site, Visit
from studio_app.ui import app as ui_app
from studio_app.ui.dialogs import setup_wizard
from studio_app.ui.dialogs.setup_wizard import ADMIN, FOLDER, IDENTITY, KEY, SetupWizard
from studio_app.workspace import Workspace, ensure_demo, open_workspace

KEY_PATTERN = re.compile(r"^[A-Z2-9]{5}(-[A-Z2-9]{5}){4}$")


@pytest.fixture
def pointer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    found = tmp_path / "config" / paths.LOCATION_FILE
    monkeypatch.setattr(paths, "location_pointer", lambda: found)
    return found


@pytest.fixture
def demo_workspace(tmp_path: Path, pointer: Path) -> Iterator[Workspace]:
    """A demo installation as a first start leaves it, logged in as the demo admin."""
    workspace = open_workspace(paths.DataDir(tmp_path / "StudioLedger"))
    ensure_demo(workspace, visits=20)
    workspace.login = accounts.DEMO_LOGIN
    yield workspace
    close_database()


def visit_count(database: Path) -> int:
    with sqlite3.connect(database) as db:
        return int(db.execute("select count(*) from visit").fetchone()[0])


def fill(
    wizard: SetupWizard,
    *,
    county: bool = False,
    name: str = "白沙镇政协委员工作室",
    code: str = "bsz",
    admin: str = "zhang",
    password: str = "zhang password",
    again: str | None = None,
    folder: Path | None = None,
) -> None:
    """Type the answers of the first three steps (the folder only when given)."""
    (wizard.county_choice if county else wizard.studio_choice).setChecked(True)
    wizard.name.setText(name)
    wizard.code.setText(code)
    wizard.township.setText("白沙镇")
    wizard.county.setText("平阳县")
    wizard.admin.setText(admin)
    wizard.password.setText(password)
    wizard.password_again.setText(password if again is None else again)
    if folder is not None:
        wizard.folder.setText(str(folder))
        wizard.folder_chosen = True


class Spy:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, *_args: Any) -> Any:
        self.calls += 1
        raise AssertionError("nothing should be created")


def test_a_bad_code_or_name_is_refused_on_the_first_step(
    qtbot: Any, demo_workspace: Workspace
) -> None:
    spy = Spy()
    wizard = SetupWizard(demo_workspace.data_dir.root, create=spy)
    qtbot.addWidget(wizard)
    wizard.show()
    fill(wizard, code="1")
    assert not wizard.next()
    assert wizard.pages.currentIndex() == IDENTITY
    assert wizard.identity_error.isVisible() and "代码" in wizard.identity_error.text()
    fill(wizard, name="  ", code="BSZ")
    assert not wizard.next()
    assert "名称" in wizard.identity_error.text() and "代码" not in wizard.identity_error.text()
    fill(wizard)
    wizard.code.clear()
    qtbot.keyClicks(wizard.code, "bsz")  # typed lower case: shown as stored
    assert wizard.code.text() == "BSZ"
    assert wizard.next() and wizard.pages.currentIndex() == ADMIN
    assert spy.calls == 0


def test_passwords_must_match_and_follow_the_rules(qtbot: Any, demo_workspace: Workspace) -> None:
    wizard = SetupWizard(demo_workspace.data_dir.root, create=Spy())
    qtbot.addWidget(wizard)
    wizard.show()
    fill(wizard, again="zhang passwort")
    assert wizard.next()
    assert not wizard.next()
    assert wizard.pages.currentIndex() == ADMIN
    assert wizard.admin_error.isVisible()
    assert wizard.admin_error.text() == "两次输入的密码不一致。"
    assert wizard.password.text() == "" and wizard.password_again.text() == ""
    fill(wizard, password="abc")
    assert not wizard.next()
    assert "至少 4 个字符" in wizard.admin_error.text()
    fill(wizard, admin="zhang san")
    assert not wizard.next()
    assert "用户名" in wizard.admin_error.text()
    fill(wizard)
    assert wizard.next() and wizard.pages.currentIndex() == FOLDER
    assert not wizard.admin_error.isVisible()


def test_a_folder_with_a_database_or_other_files_is_refused(
    qtbot: Any, demo_workspace: Workspace, tmp_path: Path
) -> None:
    spy = Spy()
    wizard = SetupWizard(demo_workspace.data_dir.root, create=spy)
    qtbot.addWidget(wizard)
    wizard.show()
    fill(wizard)
    wizard.next()
    wizard.next()
    assert wizard.folder.text() == str(tmp_path / "StudioLedger-BSZ")  # beside the demo

    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / paths.DATABASE_FILE).write_bytes(b"someone's data")
    wizard.folder.setText(str(taken))
    assert not wizard.next()
    assert wizard.folder_error.isVisible() and "已经有数据库" in wizard.folder_error.text()
    assert (taken / paths.DATABASE_FILE).read_bytes() == b"someone's data"

    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("x", encoding="utf-8")
    wizard.folder.setText(str(other))
    assert not wizard.next()
    assert "不是空的" in wizard.folder_error.text()

    wizard.folder.setText(str(demo_workspace.data_dir.root))
    assert not wizard.next()
    assert wizard.pages.currentIndex() == FOLDER and spy.calls == 0
    assert list(other.iterdir()) == [other / "notes.txt"]
    assert not paths.location_pointer().exists()


def test_the_folder_can_be_chosen(
    qtbot: Any, demo_workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = tmp_path / "chosen"
    chosen.mkdir()
    monkeypatch.setattr(setup_wizard, "choose_folder", lambda _parent, _start: str(chosen))
    wizard = SetupWizard(demo_workspace.data_dir.root, create=Spy())
    qtbot.addWidget(wizard)
    fill(wizard)
    wizard.next()
    wizard.next()
    assert wizard.choose_folder()
    wizard.back()
    wizard.next()  # the choice is kept when coming back
    assert wizard.folder.text() == str(chosen)


def drive(answers: dict[str, Any], seen: dict[str, Any]):  # type: ignore[no-untyped-def]
    """A replacement for ``SetupWizard.exec`` that answers the steps like a user."""

    def run(wizard: SetupWizard) -> int:
        fill(wizard, **answers)
        assert wizard.next() and wizard.next()
        assert wizard.next(), wizard.folder_error.text()
        assert wizard.pages.currentIndex() == KEY
        seen["key"] = wizard.key.text()
        seen["done"] = wizard.done_label.text()
        assert not wizard.next_button.isEnabled()  # not before the key is written down
        finished: list[int] = []
        wizard.finished.connect(finished.append)
        wizard.reject()  # nor closed: the real ledger exists now
        assert finished == [] and wizard.pages.currentIndex() == KEY
        wizard.copy_key()
        wizard.written_down.setChecked(True)
        assert wizard.next()
        return int(wizard.result())

    return run


def test_setting_up_a_studio_reopens_the_window_on_it(
    qtbot: Any,
    demo_workspace: Workspace,
    tmp_path: Path,
    pointer: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    demo_root = demo_workspace.data_dir.root
    demo_visits = visit_count(demo_workspace.data_dir.database)
    shell = ui_app.Shell(demo_workspace)
    old = shell.open()
    assert "演示数据" in old.windowTitle()
    assert old.desk.demo_banner.isVisible()
    seen: dict[str, Any] = {}
    monkeypatch.setattr(SetupWizard, "exec", drive({}, seen))
    try:
        old.desk.findChild(QPushButton, "demoSetUpButton").click()  # type: ignore[union-attr]
        qtbot.waitUntil(lambda: shell.window is not old)
        window = shell.window
        assert window is not None
        real = tmp_path / "StudioLedger-BSZ"
        assert "白沙镇政协委员工作室（BSZ）" in seen["done"] and "zhang" in seen["done"]
        assert KEY_PATTERN.match(seen["key"])
        assert QApplication.clipboard().text() == seen["key"]

        assert window.windowTitle() == "委员工作室履职台账 — 白沙镇政协委员工作室"
        assert not window.desk.demo_banner.isVisible()
        assert window.visits.model.total == 0 and Visit.select().count() == 0
        assert window.ctx.user == "zhang" and shell.workspace.data_dir.root == real.resolve()
        assert "演示数据" in window.statusBar().currentMessage()
        assert Path(pointer.read_text(encoding="utf-8")) == real.resolve()
        assert paths.DataDir.resolve().root == real.resolve()

        local = site.require_site()
        assert (local.kind, local.code, local.township) == ("studio", "BSZ", "白沙镇")
        assert accounts.authenticate("zhang", "zhang password").role == "admin"
        with pytest.raises(accounts.LoginRefused):
            accounts.authenticate(accounts.DEMO_LOGIN, accounts.DEMO_PASSWORD)
        assert not accounts.demo_login_works()
        # The key shown is the one that works, and it is stored only as a hash.
        assert seen["key"] not in (real / paths.DATABASE_FILE).read_bytes().decode("latin-1")
        accounts.recover("zhang", seen["key"], "new password")

        assert visit_count(demo_root / paths.DATABASE_FILE) == demo_visits  # left as it was
    finally:
        for guard in shell.guards:
            guard.release()
        if shell.window is not None:
            shell.window.close()
            shell.window.deleteLater()


def test_setting_up_the_county_office(
    qtbot: Any, demo_workspace: Workspace, tmp_path: Path, pointer: Path
) -> None:
    wizard = SetupWizard(demo_workspace.data_dir.root)  # the real workspace.set_up
    qtbot.addWidget(wizard)
    county = tmp_path / "county data"
    fill(wizard, county=True, name="平阳县政协", code="PYX", admin="admin", folder=county)
    assert wizard.next() and wizard.next() and wizard.next()
    assert wizard.workspace is not None and wizard.workspace.login == "admin"
    local = Site.get(Site.is_local == True)  # noqa: E712
    assert (local.kind, local.name, local.code) == ("county", "平阳县政协", "PYX")
    assert accounts.authenticate("admin", "zhang password")
    assert Path(pointer.read_text(encoding="utf-8")) == county.resolve()
    assert (county / paths.DATABASE_FILE).is_file()


def test_a_failed_set_up_leaves_no_database_and_the_demo_open(
    qtbot: Any,
    demo_workspace: Workspace,
    tmp_path: Path,
    pointer: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from studio_app.core.errors import UserError

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise UserError("磁盘已满。")

    monkeypatch.setattr(site, "setup_with_admin", refuse)
    shell = ui_app.Shell(demo_workspace)
    shell.open()
    wizard = SetupWizard(demo_workspace.data_dir.root, create=shell._create)
    qtbot.addWidget(wizard)
    target = tmp_path / "new"
    fill(wizard, folder=target)
    try:
        assert wizard.next() and wizard.next()
        assert not wizard.next()
        assert wizard.folder_error.text() == "磁盘已满。"
        assert not (target / paths.DATABASE_FILE).exists()
        assert not pointer.exists()
        assert shell.workspace.data_dir.root == demo_workspace.data_dir.root
        assert Visit.select().count() == visit_count(demo_workspace.data_dir.database) > 0
    finally:
        if shell.window is not None:
            shell.window.close()
            shell.window.deleteLater()


def test_the_demo_marker_and_the_older_demo_fallback(
    qtbot: Any, demo_workspace: Workspace, tmp_path: Path
) -> None:
    from studio_app.demo import studio as demo
    from studio_app.storage.models import Setting

    assert demo.is_demo()
    Setting.delete().where(Setting.key == demo.DEMO_MARKER).execute()
    assert demo.is_demo()  # made before the marker: its name, code and demo login
    Site.update(name="石桥镇委员工作室").execute()
    assert not demo.is_demo()


def test_a_studio_set_up_like_the_demo_without_demo_data_is_not_a_demo(
    qtbot: Any, window: Any
) -> None:
    assert not window.is_demo and not window.desk.demo_banner.isVisible()
    assert "演示数据" not in window.windowTitle()
