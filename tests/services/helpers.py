"""Small builders for service tests (everything goes through the services)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from studio_app.services import members, residents, visits
from studio_app.services.context import Context
from studio_app.storage.database import close_database, open_database, open_postgres
from studio_app.storage.models import Member, Resident, Visit


def member(ctx: Context, name: str = "王建国", **values: Any) -> Member:
    return members.create(ctx, {"name": name, "sector": "农业界", **values})


def resident(ctx: Context, name: str = "李秀英", **values: Any) -> Resident:
    return residents.create(ctx, {"name": name, "village": "东岙村", **values})


def visit(ctx: Context, *, member_ids: list[int] | None = None, **values: Any) -> Visit:
    if member_ids is None:
        found = Member.select().where(Member.deleted_at.is_null()).first()
        member_ids = [(found or member(ctx)).id]
    data = {
        "channel": "reception",
        "occurred_at": "2026-03-02 09:30",
        "members": member_ids,
        "category": "交通出行",
        "content": "村口道路破损，下雨天积水严重。",
        "handling": "answered",
        **values,
    }
    return visits.create(ctx, data)


def damage_table(path: Path, table: str = "member") -> None:
    """Overwrite the first page of ``table``, as a failing disk would."""
    close_database()
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(path.read_bytes())
    data[4096 * (root - 1) : 4096 * root] = b"\x55" * 4096
    path.write_bytes(bytes(data))
    for extra in ("-wal", "-shm"):
        Path(str(path) + extra).unlink(missing_ok=True)


def stats_json(db_path: Path, capsys: Any, url: str | None = None) -> dict[str, Any]:
    """What ``studio-app stats --json`` prints for the database at ``db_path`` (closed for
    the command, as another process would find it, and opened again), or for the PostgreSQL
    database ``url`` from the data folder ``db_path.parent``."""
    from studio_app.cli import main

    capsys.readouterr()
    close_database()
    server = ["--database", url] if url else []
    try:
        assert main(["--data-dir", str(db_path.parent), "stats", "--json", *server]) == 0
        found: dict[str, Any] = json.loads(capsys.readouterr().out)
    finally:
        if url:
            open_postgres(url, migrate=False)
        else:
            open_database(db_path)
    return found
