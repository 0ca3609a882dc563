"""``studio-app backup [PATH]``, ``backup --list`` and ``restore PATH`` (a county's
PostgreSQL dump: ``restore PATH.dump --into URL``) (docs/BACKUPS.md).

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
    p.add_argument("path", type=Path, help="the backup file (.sqlite3, or a county's .dump)")
    p.add_argument(
        "--into",
        metavar="URL",
        help="a county's PostgreSQL backup (.dump): the new empty database to restore it into",
    )


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

    if args.into or Path(args.path).suffix == ".dump":
        return _restore_to_server(args)
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


def _restore_to_server(args: argparse.Namespace) -> int:
    """A county's dump into a new, empty PostgreSQL database (checked by opening it after)."""
    import peewee as pw

    from studio_app.services import site
    from studio_app.storage import pg_backup
    from studio_app.storage.backup import BackupError
    from studio_app.storage.database import close_database, open_postgres
    from studio_app.storage.postgres import connection_problem, parse_url

    if not args.into:
        raise UserError(
            "恢复 PostgreSQL 备份须用 --into 指明一个新建的空数据库："
            "--into postgresql://用户名@服务器:5432/新数据库名。"
        )
    source = Path(args.path).expanduser()
    if not source.is_file():
        raise UserError(f"找不到备份文件 {source}。")
    target, password = parse_url(args.into)
    try:
        db = open_postgres(args.into, migrate=False)
        tables = db.execute_sql(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()[0]
        close_database()
    except pw.DatabaseError as exc:  # the server said no
        close_database()
        raise UserError(f"无法使用{target.display()}：{connection_problem(exc)}。") from exc
    if tables:
        raise UserError(f"{target.display()}不是空数据库（已有 {tables} 张表），恢复没有进行。")
    try:
        pg_backup.restore(source, target, password)
    except BackupError as exc:
        raise UserError(f"{exc}，恢复没有进行。") from exc
    open_postgres(args.into)  # migrated to this program's schema when the dump was older
    here = site.local_site()
    close_database()
    if here is None:
        raise UserError(f"{source.name} 中没有县政协的设置信息，不能使用。")
    print(f"已用 {source} 恢复到{target.display()}：{here.name}（{here.code}）。")
    print("请让各台电脑运行 studio-app setup --kind county … --database 新地址 连接它。")
    return EXIT_OK


COMMANDS = {"restore": cmd_restore}
