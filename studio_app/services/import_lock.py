"""One import at a time in a county's shared PostgreSQL database: the import holds a
session advisory lock (let go when it ends, or when its PC's connection drops) and notes
which PC holds it, so another PC's import is refused in one sentence naming that PC. A file
database needs none: SQLite lets one writer in at a time, and the data folder one app.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager

from studio_app.core.errors import UserError
from studio_app.services.context import Context
from studio_app.storage.database import on_postgres
from studio_app.storage.models import Setting, database

LOCK_KEY = 0x5354_5544_494F  # "STUDIO": the advisory lock every import takes
HOLDER = "import_running"  # the setting that names the PC importing now


def _holder() -> str:
    found = Setting.get_or_none(Setting.key == HOLDER)
    return str(found.value) if found is not None else ""


@contextmanager
def held(ctx: Context) -> Iterator[None]:
    """Hold the import lock for the block (nothing to do on a file database)."""
    if not on_postgres():
        yield
        return
    got = database.execute_sql("SELECT pg_try_advisory_lock(?)", (LOCK_KEY,)).fetchone()[0]
    if not got:
        who = _holder() or "另一台电脑"
        raise UserError(f"{who}正在导入数据包，请等它完成后再导入（本次没有导入任何内容）。")
    try:
        here = f"电脑 {socket.gethostname()}（{ctx.user}，{ctx.now_local():%H:%M} 起）"
        Setting.insert(key=HOLDER, value=here).on_conflict_replace().execute()
        yield
    finally:
        Setting.delete().where(Setting.key == HOLDER).execute()
        database.execute_sql("SELECT pg_advisory_unlock(?)", (LOCK_KEY,))
