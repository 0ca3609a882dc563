"""What the command modules share: exit codes and opening the data folder with a login."""

from __future__ import annotations

import argparse

from studio_app.cli.login import log_in, needs_login
from studio_app.core.errors import UserError
from studio_app.paths import DataDir

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


def open_data_dir(
    args: argparse.Namespace, *, create: bool = True, login: bool = True, reading: bool = False
):
    """Open the data directory (commands that only read refuse to create one) and log in.

    ``reading``: the command only reads, so a database that cannot be written (a read-only
    folder, file or disk) is opened read-only instead of refused.
    """
    from studio_app.logs import configure
    from studio_app.workspace import open_workspace

    data_dir = DataDir.resolve(args.data_dir)
    server = getattr(args, "database", None)
    if not create and not server and not data_dir.has_database:
        raise UserError(f"数据目录 {data_dir.root} 中还没有数据库，请先运行 setup 或 demo。")
    workspace = open_workspace(data_dir, reading=reading, server=server)
    configure(data_dir.logs)
    if login and needs_login(args):
        log_in(workspace, args)
    return workspace


def year_arg(text: str) -> int:
    """A year on the command line (2000–2100), for argparse."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为年份：{text}") from None
    if not 2000 <= value <= 2100:
        raise argparse.ArgumentTypeError(f"年份应在 2000 到 2100 之间：{text}")
    return value
