"""The GUI follows other PCs only where there are some (a county on PostgreSQL): the watch
polls on a timer, and what another PC wrote reaches the pages through the changes bridge."""

from __future__ import annotations

import multiprocessing as mp
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget

from studio_app.services import site
from studio_app.ui import other_pcs
from studio_app.ui.changes_bridge import bridge
from tests.conftest import POSTGRES
from tests.services.test_elsewhere import _other_pc


def test_a_file_database_has_no_watch(qtbot: Any, db_path: Path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    assert other_pcs.start(parent) is None


@pytest.mark.parametrize("engine", [POSTGRES])
def test_another_pcs_member_reaches_the_pages(qtbot: Any, engine: str, db_path: Path) -> None:
    from studio_app.storage.models import database

    site.setup("county", "平阳县政协", "PYX", "", "平阳县")
    parent = QWidget()
    qtbot.addWidget(parent)
    watch = other_pcs.start(parent)
    assert watch is not None and watch.timer.isActive()
    heard: list[frozenset[str]] = []
    bridge().changed.connect(heard.append)
    other = mp.get_context("spawn").Process(target=_other_pc, args=(database.obj.target.url,))
    other.start()
    other.join(60)
    assert other.exitcode == 0
    watch.poll()
    assert frozenset({"member"}) in heard
