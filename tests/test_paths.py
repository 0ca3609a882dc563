"""Where the data directory is: option, environment, portable mode, the user's folder."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from studio_app import cli, paths
from studio_app.paths import ENV_VAR, PORTABLE_MARKER, DataDir


@pytest.fixture
def program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A frozen program in a folder of its own (a USB stick), with no environment override."""
    folder = tmp_path / "U盘" / "StudioLedger"
    folder.mkdir(parents=True)
    exe = folder / "StudioLedger.exe"
    exe.write_bytes(b"MZ")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.setattr(paths, "default_data_dir", lambda: tmp_path / "AppData" / "StudioLedger")
    monkeypatch.setattr(paths, "remembered_data_dir", lambda: None, raising=False)
    return folder


def test_without_the_marker_the_data_goes_to_the_users_folder(
    program: Path, tmp_path: Path
) -> None:
    assert paths.portable_data_dir() is None
    assert DataDir.resolve().root == (tmp_path / "AppData" / "StudioLedger").resolve()


def test_the_marker_puts_the_data_beside_the_program(program: Path) -> None:
    (program / PORTABLE_MARKER).write_text("", "utf-8")
    assert DataDir.resolve().root == (program / "data").resolve()


def test_explicit_choices_win_over_portable_mode(
    program: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (program / PORTABLE_MARKER).write_text("", "utf-8")
    assert DataDir.resolve(tmp_path / "chosen").root == (tmp_path / "chosen").resolve()
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "from-env"))
    assert DataDir.resolve().root == (tmp_path / "from-env").resolve()
    assert DataDir.resolve(tmp_path / "chosen").root == (tmp_path / "chosen").resolve()


def test_a_folder_named_like_the_marker_is_not_the_marker(program: Path) -> None:
    (program / PORTABLE_MARKER).mkdir()
    assert paths.portable_data_dir() is None


def test_run_from_source_is_never_portable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    (tmp_path / PORTABLE_MARKER).write_text("", "utf-8")
    assert paths.program_dir() is None
    assert paths.portable_data_dir() is None


def test_a_portable_program_creates_its_database_beside_itself(
    program: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (program / PORTABLE_MARKER).write_text("", "utf-8")
    code = cli.main(
        ["setup", "--kind", "studio", "--name", "石桥镇政协委员工作室", "--code", "SQZ"]
    )
    assert code == 0, capsys.readouterr().err
    assert (program / "data" / "studio.sqlite3").is_file()
    assert str(program / "data") in capsys.readouterr().out


def test_portable_mode_wins_over_a_folder_chosen_in_settings(
    program: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(paths, "remembered_data_dir", lambda: tmp_path / "chosen", raising=False)
    (program / PORTABLE_MARKER).write_text("", "utf-8")
    assert DataDir.resolve().root == (program / "data").resolve()
