"""Imports at a county on PostgreSQL go one at a time: while one PC imports, another PC's
import is refused naming the PC that imports; the lock goes when that import ends, and when
its PC's connection is gone (a PC switched off mid-import does not block the office)."""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import socket
from pathlib import Path
from typing import Any

import pytest

from studio_app.core.errors import UserError
from studio_app.exchange.importer import import_package
from studio_app.services import import_lock, site
from studio_app.storage.database import close_database, open_postgres
from studio_app.storage.models import Setting
from tests import pg_server
from tests.conftest import POSTGRES


def _importing(url: str, started: Any, finish: Any) -> None:
    """A PC whose import holds the lock until told to finish (or is killed)."""
    open_postgres(url, migrate=False)
    ctx = site.context_for(site.require_site(), "clerk1")
    with import_lock.held(ctx):
        started.set()
        finish.wait(60)
    close_database()


@pytest.mark.parametrize("engine", [POSTGRES])
def test_one_import_at_a_time(engine: str, tmp_path: Path) -> None:
    url = pg_server.new_database()
    spawn = mp.get_context("spawn")
    try:
        open_postgres(url)
        ctx = site.context_for(site.setup("county", "平阳县政协", "PYX", "", "平阳县"))
        for ending in ("finishes", "is killed"):
            started, finish = spawn.Event(), spawn.Event()
            other = spawn.Process(target=_importing, args=(url, started, finish))
            other.start()
            assert started.wait(60)
            package = tmp_path / "any.xlsx"
            package.write_bytes(b"not read: the lock comes first")
            with pytest.raises(UserError) as refused:
                import_package(ctx, package)
            assert refused.value.message.startswith(f"电脑 {socket.gethostname()}（clerk1，")
            assert "本次没有导入任何内容" in refused.value.message
            if ending == "finishes":
                finish.set()
            else:
                os.kill(other.pid or 0, signal.SIGKILL)
            other.join(60)
            with import_lock.held(ctx):  # free again
                assert Setting.get_or_none(Setting.key == import_lock.HOLDER) is not None
            assert Setting.get_or_none(Setting.key == import_lock.HOLDER) is None
    finally:
        close_database()
        pg_server.drop(url)
