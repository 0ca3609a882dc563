"""``studio-app backup [PATH]``, ``backup --list`` and ``restore PATH`` (docs/BACKUPS.md).

Exit codes: 0 done, 1 refused (one sentence on stderr, nothing changed), 2 usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from studio_app.cli.common import EXIT_OK
from studio_app.core.errors import UserError
from studio_app.paths import DataDir


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
    p.set_defaults(run=cmd_backup, reading=True)  # works on a database that cannot be written

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
    """Restore alone in the data folder: refused (nothing changed) while a window or another
    command holds its lock (``storage.folder_lock``)."""
    from studio_app.cli.login import log_in
    from studio_app.logs import configure
    from studio_app.services import backups
    from studio_app.storage import faults, folder_lock
    from studio_app.workspace import open_workspace

    data_dir = DataDir.resolve(args.data_dir)
    source = Path(args.path).expanduser()
    backups.check_restorable(source)
    try:
        data_dir.create()
    except OSError as exc:
        fault = faults.diagnose(exc, data_dir.database)
        why = fault.text if fault is not None else exc.strerror or str(exc)
        raise UserError(f"无法使用数据目录 {data_dir.root}：{why}，恢复没有进行。") from exc
    configure(data_dir.logs)
    with folder_lock.exclusive(data_dir.root, "恢复"):
        ctx = None
        if data_dir.database.exists():
            try:
                workspace = open_workspace(data_dir)
            except backups.DatabaseDamaged:
                workspace = None  # nobody can log in to a damaged file: restore it
            if workspace is not None and workspace.site is not None:
                log_in(workspace, args)
                ctx = workspace.context()
        before = backups.restore(data_dir, source, ctx=ctx)
    print(f"已用 {source} 恢复数据库 {data_dir.database}。")
    if before is not None:
        print(before.note or f"恢复前的数据库已备份为 {before.path}。")
    return EXIT_OK


COMMANDS = {"restore": cmd_restore}
