"""One instance per data directory: a second launch activates the first, or says why not."""

from __future__ import annotations

import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QProcess

from studio_app.ui import app as ui_app
from studio_app.ui.single_instance import Claim, Outcome, SingleInstance, server_name
from studio_app.workspace import Workspace
from tests.ui.conftest import Answers

SECOND_LAUNCH = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from PySide6.QtCore import QCoreApplication
    from studio_app.ui.i18n import install_translation
    from studio_app.ui.single_instance import SingleInstance
    app = QCoreApplication([])
    install_translation(app)
    claim = SingleInstance(Path(sys.argv[1])).claim()
    print(claim.outcome.value)
    print(claim.reason)
    """
)


def second_launch(qtbot, data_dir: Path) -> list[str]:
    """Claim ``data_dir`` from another process while this one keeps its event loop going."""
    process = QProcess()
    process.start(sys.executable, ["-c", SECOND_LAUNCH, str(data_dir)])
    assert process.waitForStarted()
    qtbot.waitUntil(lambda: process.state() == QProcess.ProcessState.NotRunning, timeout=20_000)
    return bytes(process.readAllStandardOutput().data()).decode("utf-8").splitlines()


@pytest.fixture
def first(tmp_path: Path) -> Iterator[SingleInstance]:
    guard = SingleInstance(tmp_path)
    assert guard.claim().outcome is Outcome.FIRST
    yield guard
    guard.release()


def test_names_differ_per_directory(tmp_path: Path) -> None:
    assert server_name(tmp_path / "a") != server_name(tmp_path / "b")
    assert server_name(tmp_path / "a") == server_name(tmp_path / "x" / ".." / "a")


def test_a_second_launch_brings_the_first_forward(
    qtbot, tmp_path: Path, first: SingleInstance
) -> None:
    asked: list[bool] = []
    first.activated.connect(lambda: asked.append(True))
    assert second_launch(qtbot, tmp_path)[0] == "activated"
    assert asked == [True]


def test_a_first_that_does_not_answer_is_explained(
    qtbot, tmp_path: Path, first: SingleInstance
) -> None:
    assert first.server is not None
    first.server.close()  # alive and holding the lock, but deaf
    outcome, reason = second_launch(qtbot, tmp_path)[:2]
    assert outcome == "refused"
    assert "已在另一个" in reason and "没有响应" in reason


def test_a_lock_left_by_a_killed_process_is_taken_over(tmp_path: Path) -> None:
    script = (
        "import os, signal, sys\nfrom PySide6.QtCore import QLockFile\n"
        "lock = QLockFile(sys.argv[1]); assert lock.tryLock(0)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    QProcess.execute(sys.executable, ["-c", script, str(tmp_path / "studio-app.lock")])
    assert (tmp_path / "studio-app.lock").exists()
    guard = SingleInstance(tmp_path)
    try:
        assert guard.claim().outcome is Outcome.FIRST
    finally:
        guard.release()


def test_run_refuses_with_a_message_and_exit_code_1(
    workspace: Workspace, answers: Answers, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(SingleInstance, "claim", lambda self: Claim(Outcome.REFUSED, "忙"))
    assert ui_app.run(workspace, []) == 1
    assert answers.errors == ["忙"]


def test_run_ends_at_once_when_the_first_was_activated(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(SingleInstance, "claim", lambda self: Claim(Outcome.ACTIVATED))
    assert ui_app.run(workspace, []) == 0


def test_a_second_launch_never_opens_the_database(
    tmp_path: Path, answers: Answers, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The CLI claims the data directory before preparing (opening, migrating) it."""
    from studio_app.paths import DataDir

    prepared: list[bool] = []
    monkeypatch.setattr(SingleInstance, "claim", lambda self: Claim(Outcome.ACTIVATED))
    assert ui_app.launch(DataDir(tmp_path / "data"), lambda: prepared.append(True)) == 0  # type: ignore[arg-type, func-returns-value]
    monkeypatch.setattr(SingleInstance, "claim", lambda self: Claim(Outcome.REFUSED, "忙"))
    assert ui_app.launch(DataDir(tmp_path / "data"), lambda: prepared.append(True)) == 1  # type: ignore[arg-type, func-returns-value]
    assert prepared == [] and not (tmp_path / "data" / "studio.sqlite3").exists()


def test_the_app_holds_its_folder_so_a_restore_from_the_command_line_is_refused(
    tmp_path: Path, answers: Answers, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From its claim on, the app holds the data folder's lock (shared, all its life): a
    ``studio-app restore`` in another process is refused while it is open."""
    from studio_app.paths import DataDir
    from studio_app.services import backups
    from studio_app.storage import folder_lock
    from studio_app.storage.database import close_database
    from studio_app.workspace import open_workspace
    from tests.faults.helpers import run

    data = DataDir(tmp_path / "data")
    open_workspace(data)
    copy = backups.back_up_to(data, tmp_path / "copy.sqlite3")
    close_database()
    folder_lock.release()

    class Stop(Exception):
        pass

    refused = []

    def prepare() -> Workspace:
        refused.append(run(["--data-dir", str(data.root), "restore", str(copy)]))
        raise Stop

    monkeypatch.setattr(SingleInstance, "claim", lambda self: Claim(Outcome.FIRST))
    with pytest.raises(Stop):
        ui_app.launch(data, prepare)
    assert refused[0].returncode == 1
    assert "恢复没有进行" in refused[0].stderr and "请先关闭程序" in refused[0].stderr
    assert folder_lock.holds(data.root) is None  # let go with the failed start
    assert run(["--data-dir", str(data.root), "restore", str(copy)]).returncode == 0
