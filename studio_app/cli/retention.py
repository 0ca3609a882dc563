"""``studio-app purge --older-than N``: remove old visits beyond recovery, after a preview.

``--dry-run`` prints what would go and changes nothing. A real purge asks for confirmation
on a terminal and needs ``--yes`` otherwise, so a script cannot purge by accident.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from studio_app.cli.common import EXIT_OK
from studio_app.core.errors import UserError


def _years(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为年数（正整数）：{text}") from None
    if not 1 <= value <= 100:
        raise argparse.ArgumentTypeError(f"应在 1 到 100 年之间：{text}")
    return value


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "purge",
        parents=[common],
        help="administrator: permanently remove visits older than N years (preview first)",
    )
    p.add_argument("--older-than", type=_years, required=True, metavar="YEARS")
    p.add_argument("--dry-run", action="store_true", help="show what would go, change nothing")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(run=cmd_purge)


def cmd_purge(args: argparse.Namespace, workspace: Any) -> int:
    from studio_app.services import retention

    ctx = workspace.context()
    found = retention.preview(ctx, args.older_than)
    print(found.summary())
    if args.dry_run:
        print("（试运行：未做任何更改）")
        return EXIT_OK
    if found.empty:
        print("没有需要清理的记录。")
        return EXIT_OK
    if not args.yes:
        if not sys.stdin.isatty():
            raise UserError("清理无法撤销：确认无误后请加 --yes 再运行。")
        answer = input("删除后无法从数据库恢复（此前的备份中仍有这些数据）。确认删除？[y/N] ")
        if answer.strip().lower() not in ("y", "yes", "是"):
            print("已取消，未做任何更改。")
            return EXIT_OK
    result = retention.purge(ctx, args.older_than)
    done = result.preview
    print(f"已删除接待走访 {done.visits} 条、群众 {done.residents} 人。")
    if done.trashed:
        print(f"已删除回收站中的{'、'.join(f'{label} {n} 条' for label, n in done.trashed)}。")
    if result.backup:
        print(f"清理前的备份：{result.backup}（其中仍有被清理的数据）")
    if not result.scrubbed:
        print("注意：数据库仍被其他程序打开，旧数据将在其关闭后彻底清除。", file=sys.stderr)
    return EXIT_OK
