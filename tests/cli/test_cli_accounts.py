"""Logging in on the command line, ``user`` and ``audit``; the rule scripts rely on.

The shared fixtures set STUDIO_APP_USER/STUDIO_APP_PASSWORD to the demo administrator.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from studio_app.cli import main

SETUP = ["setup", "--kind", "studio", "--name", "石桥镇政协委员工作室", "--code", "SQZ"]


@pytest.fixture
def data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """A demo database (its administrator: admin / demo)."""
    assert main(["--data-dir", str(tmp_path), "demo", "--visits", "30"]) == 0
    assert "用户名 admin，密码 demo" in capsys.readouterr().out
    return str(tmp_path)


def cli(data: str, *args: str) -> int:
    return main(["--data-dir", data, *args])


def test_commands_log_in_with_user_and_password_from_the_environment(
    data: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("STUDIO_APP_USER")
    assert cli(data, "--user", "admin", "stats") == 0  # --user before the subcommand
    assert cli(data, "stats", "--user", "admin", "--json") == 0  # or after it
    assert "visits" in capsys.readouterr().out


def test_without_a_login_commands_are_refused_in_one_sentence(
    data: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("STUDIO_APP_USER")
    monkeypatch.delenv("STUDIO_APP_PASSWORD")
    for command in (["stats"], ["check"], ["export", data]):
        assert cli(data, *command) == 1
        out = capsys.readouterr()
        assert out.out == ""
        assert out.err.count("\n") == 1 and "--user" in out.err and "STUDIO_APP_PASSWORD" in out.err
    assert cli(data, "--user", "admin", "stats") == 1  # no password, no terminal to ask on
    assert "STUDIO_APP_PASSWORD" in capsys.readouterr().err


def test_a_wrong_password_is_refused_without_saying_which_part(
    data: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STUDIO_APP_PASSWORD", "guess")
    assert cli(data, "stats") == 1
    assert capsys.readouterr().err == "用户名或密码不正确。\n"
    assert cli(data, "--user", "nobody", "stats") == 1
    assert capsys.readouterr().err == "用户名或密码不正确。\n"


def test_admin_adds_a_viewer_who_reads_but_cannot_import_or_manage(
    data: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STUDIO_APP_NEW_PASSWORD", "chen password")
    assert cli(data, "user", "add", "chen", "--name", "陈志强", "--role", "viewer") == 0
    assert "已添加用户 chen（查阅）" in capsys.readouterr().out
    monkeypatch.setenv("STUDIO_APP_USER", "chen")
    monkeypatch.setenv("STUDIO_APP_PASSWORD", "chen password")
    assert cli(data, "stats") == 0
    capsys.readouterr()
    assert cli(data, "import", str(Path(data) / "none.xlsx")) == 1
    assert capsys.readouterr().err == "当前用户 chen（查阅）无权导入或导出数据包。\n"
    assert cli(data, "user", "list") == 1
    assert "无权管理用户" in capsys.readouterr().err

    monkeypatch.setenv("STUDIO_APP_USER", "admin")
    monkeypatch.setenv("STUDIO_APP_PASSWORD", "demo")
    assert cli(data, "user", "list", "--json") == 0
    listed = {u["login"]: u for u in json.loads(capsys.readouterr().out)}
    assert listed["chen"] == {
        "login": "chen",
        "name": "陈志强",
        "role": "viewer",
        "may_see_identifiers": False,
        "active": True,
    }
    assert cli(data, "audit", "--by", "chen", "--json") == 0
    refused = json.loads(capsys.readouterr().out)
    assert [(e["action"], e["record_type"]) for e in refused] == [
        ("refused", "user"),
        ("refused", "package"),
    ]


def test_set_reset_and_deactivate(
    data: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STUDIO_APP_NEW_PASSWORD", "li password")
    assert cli(data, "user", "add", "li") == 0
    assert cli(data, "user", "set", "li", "--role", "admin", "--may-see-identifiers") == 0
    monkeypatch.setenv("STUDIO_APP_NEW_PASSWORD", "li new password")
    assert cli(data, "user", "reset-password", "li") == 0
    assert cli(data, "user", "deactivate", "li") == 0
    capsys.readouterr()
    monkeypatch.setenv("STUDIO_APP_USER", "li")
    monkeypatch.setenv("STUDIO_APP_PASSWORD", "li new password")
    assert cli(data, "stats") == 1  # deactivated: the same answer as a wrong password
    assert capsys.readouterr().err == "用户名或密码不正确。\n"


def test_setup_creates_the_first_admin_and_prints_a_recovery_key_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STUDIO_APP_PASSWORD", "zhang password")
    data = str(tmp_path)
    assert cli(data, *SETUP, "--admin", "zhang") == 0
    out = capsys.readouterr().out
    key = re.search(r"恢复密钥.*：(\S+)", out)
    assert "管理员账号：zhang" in out and key
    monkeypatch.setenv("STUDIO_APP_USER", "zhang")
    assert cli(data, "stats") == 0
    capsys.readouterr()

    # The password is forgotten: no login, only the recovery key.
    monkeypatch.setenv("STUDIO_APP_PASSWORD", "forgotten")
    monkeypatch.setenv("STUDIO_APP_NEW_PASSWORD", "remembered")
    assert cli(data, "user", "reset-password", "zhang", "--recovery-key", "WRONG") == 1
    assert capsys.readouterr().err == "恢复密钥或管理员用户名不正确。\n"
    assert cli(data, "user", "reset-password", "zhang", "--recovery-key", key.group(1)) == 0
    fresh = re.search(r"新的恢复密钥.*：(\S+)", capsys.readouterr().out)
    assert fresh and fresh.group(1) != key.group(1)
    monkeypatch.setenv("STUDIO_APP_PASSWORD", "remembered")
    assert cli(data, "stats") == 0


def test_setup_without_a_password_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("STUDIO_APP_PASSWORD")
    assert cli(str(tmp_path), *SETUP) == 1
    assert "STUDIO_APP_PASSWORD" in capsys.readouterr().err
    monkeypatch.setenv("STUDIO_APP_PASSWORD", "abc")  # too short
    assert cli(str(tmp_path), *SETUP) == 1
    assert "至少" in capsys.readouterr().err
    monkeypatch.setenv("STUDIO_APP_PASSWORD", "demo")
    assert cli(str(tmp_path), *SETUP) == 0  # nothing was half set up before


def test_a_database_without_accounts_needs_no_login(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from studio_app.services import site
    from studio_app.storage.database import close_database, open_database

    open_database(tmp_path / "studio.sqlite3")
    site.setup("studio", "石桥镇政协委员工作室", "SQZ")  # as older versions left it
    close_database()
    monkeypatch.delenv("STUDIO_APP_USER")
    monkeypatch.delenv("STUDIO_APP_PASSWORD")
    assert cli(str(tmp_path), "stats") == 0
    # Giving the local administrator a password turns logging in on.
    monkeypatch.setenv("STUDIO_APP_NEW_PASSWORD", "admin password")
    assert cli(str(tmp_path), "user", "reset-password", "admin") == 0
    assert cli(str(tmp_path), "stats") == 1


def test_audit_filters_and_exports_csv_and_xlsx(
    data: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STUDIO_APP_NEW_PASSWORD", "li password")
    assert cli(data, "user", "add", "li") == 0
    out = Path(data) / "audit.csv"
    assert cli(data, "audit", "--type", "user", "--output", str(out)) == 0
    with out.open(encoding="utf-8-sig") as f:
        table = list(csv.reader(f))
    assert table[0] == ["时间", "用户", "操作", "记录类型", "记录", "字段", "修改前", "修改后"]
    assert table[1][1:] == ["管理员（admin）", "新建", "用户", "li", "角色", "（空）", "工作人员"]
    assert table[2][5:] == ["可查看完整身份证号和电话", "（空）", "否"]
    xlsx = Path(data) / "audit.xlsx"
    assert cli(data, "audit", "--since", "2000-01-01", "--output", str(xlsx)) == 0
    sheet = load_workbook(xlsx).active
    assert sheet is not None and sheet.max_row > 2
    assert cli(data, "audit", "--output", str(Path(data) / "audit.txt")) == 1
    capsys.readouterr()
    assert cli(data, "audit", "--type", "site") == 0  # the demo, in words
    listing = capsys.readouterr().out
    assert "\t生成演示数据\t本单位信息\t石桥镇政协委员工作室\t接待走访记录\t（空）\t30" in listing
    assert "demo" not in listing and "visits" not in listing
    assert cli(data, "audit", "--type", "site", "--json") == 0
    [demo, _setup] = json.loads(capsys.readouterr().out)
    assert (demo["action"], demo["action_label"]) == ("demo", "生成演示数据")
    assert demo["record_label"] == "石桥镇政协委员工作室"
    assert demo["changes"]["visits"] == [None, 30]
    assert {"key": "visits", "field": "接待走访记录", "before": "（空）", "after": "30"} in (
        demo["details"]
    )
    with pytest.raises(SystemExit) as usage:
        cli(data, "audit", "--since", "2000-13-01")
    assert usage.value.code == 2
