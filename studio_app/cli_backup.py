"""``studio-app backup [PATH]``, ``backup --list`` and ``restore PATH`` (docs/BACKUPS.md).

Exit codes: 0 done, 1 refused (one sentence on stderr, nothing changed), 2 usage.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from studio_app.core.errors import UserError
from studio_app.paths import DataDir

EXIT_OK = 0


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "backup",
        parents=[common],
        help="write a checked copy of the database (default: into the backup folder)",
    )
    p.add_argument(
        "path", nargs="?", type=Path, help="folder or new file name for the copy (optional)"
    )
    p.add_argument("--list", action="store_true", help="list the backups, newest first")
    p.set_defaults(run=cmd_backup)

    p = sub.add_parser(
        "restore",
        parents=[common],
        help="administrator: replace the database by a backup (the current one is backed up)",
    )
    p.add_argument("path", type=Path, help="the backup file (.sqlite3)")


def cmd_backup(args: argparse.Namespace, workspace: Any) -> int:
    from studio_app.services import backups

    ctx = workspace.context()
    if args.list:
        if args.path is not None:
            raise UserError("--list 不能与备份路径同时使用。")
        found = backups.list_backups(workspace.data_dir)
        if not found:
            print("还没有备份。")
        for b in found:
            state = "完好" if b.intact else "已损坏"
            print(f"{backups.describe(b)}  {state}  {b.path}")
        return EXIT_OK
    if args.path is not None:
        print(backups.back_up_to(ctx, args.path))
        return EXIT_OK
    written = backups.back_up(ctx, "manual")
    if written.note:
        print(written.note, file=sys.stderr)
    print(written.path)
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    """Restore while holding the data directory, so no window has the database open."""
    from studio_app import cli_accounts
    from studio_app.logs import configure
    from studio_app.services import backups
    from studio_app.workspace import open_workspace

    data_dir = DataDir.resolve(args.data_dir)
    source = Path(args.path).expanduser()
    backups.check_restorable(source)
    data_dir.create()
    configure(data_dir.logs)
    with _holding(data_dir):
        ctx = None
        if data_dir.database.exists():
            try:
                workspace = open_workspace(data_dir)
            except backups.DatabaseDamaged:
                workspace = None  # nobody can log in to a damaged file: restore it
            if workspace is not None and workspace.site is not None:
                cli_accounts.log_in(workspace, args)
                ctx = workspace.context()
        before = backups.restore(data_dir, source, ctx=ctx)
    print(f"已用 {source} 恢复数据库 {data_dir.database}。")
    if before is not None:
        print(before.note or f"恢复前的数据库已备份为 {before.path}。")
    return EXIT_OK


@contextlib.contextmanager
def _holding(data_dir: DataDir) -> Iterator[None]:
    """Hold the lock an open window holds; refuse when a window has the directory open."""
    from studio_app.ui.single_instance import SingleInstance

    lock = SingleInstance(data_dir.root).lock
    if not lock.tryLock(0):
        raise UserError("数据目录正被打开的履职台账程序使用，请先关闭程序再恢复。")
    try:
        yield
    finally:
        lock.unlock()


COMMANDS = {"restore": cmd_restore}
