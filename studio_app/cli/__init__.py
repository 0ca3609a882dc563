"""``studio-app``: no subcommand opens the desktop app; subcommands work headless.

Exit codes: 0 done, 1 refused (one plain sentence on stderr, nothing changed), 2 usage.
This module parses and dispatches and holds the small commands (setup, stats, check,
repair-residents); the others have a module each, sharing :mod:`.common` and :mod:`.login`.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence

from studio_app import __version__
from studio_app.cli import (
    accounts,
    backup,
    county,
    demo,
    exchange,
    peers,
    points,
    printing,
    retention,
    selftest,
)
from studio_app.cli.common import EXIT_OK, EXIT_REFUSED, EXIT_USAGE, open_data_dir
from studio_app.cli.login import setup_admin_password
from studio_app.core.errors import UserError
from studio_app.paths import ENV_VAR, DataDir

log = logging.getLogger("studio_app.cli")


class _Parser(argparse.ArgumentParser):
    """argparse with Chinese-friendly, single-line usage errors (exit 2)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: 用法错误：{message}（--help 查看用法）\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="studio-app",
        description="委员工作室履职台账 (Studio Ledger). Without a subcommand, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"studio-app {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"data directory (database, backups/, logs/); default: ${ENV_VAR}, data/ beside "
        "a portable program (portable.txt), or the user's local app-data folder",
    )
    parser.add_argument(
        "--user",
        metavar="NAME",
        help="log in as NAME (default: $STUDIO_APP_USER); the password is asked for or "
        "read from $STUDIO_APP_PASSWORD",
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help="county office: work on the PostgreSQL database postgresql://USER@HOST:PORT/DB "
        "(default: the one setup recorded in the data directory, else its SQLite file); the "
        "password is read from $PGPASSWORD or ~/.pgpass",
    )
    # --data-dir, --user and --database are accepted before or after the subcommand.
    common = _Parser(add_help=False)
    common.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="as above")
    common.add_argument("--user", metavar="NAME", default=argparse.SUPPRESS, help="as above")
    common.add_argument("--database", metavar="URL", default=argparse.SUPPRESS, help="as above")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser(
        "setup", parents=[common], help="set up this installation as a studio or the county office"
    )
    p.add_argument("--kind", required=True, choices=["studio", "county"])
    p.add_argument("--name", required=True, help="e.g. 石桥镇政协委员工作室")
    p.add_argument("--code", required=True, help="short code used in serials and file names")
    p.add_argument("--township", default="")
    p.add_argument("--county", default="")
    p.add_argument("--admin", metavar="NAME", help="first administrator's login (default: admin)")

    p = sub.add_parser(
        "demo", parents=[common], help="fill an empty database with realistic demo data"
    )
    p.add_argument("--visits", type=_positive, metavar="N", help="per studio (2000; county: 400)")
    p.add_argument("--seed", type=int, default=1, metavar="S")
    p.add_argument(
        "--county",
        action="store_true",
        help="the county office, with demo studios' packages imported and its work on them",
    )
    p.add_argument("--studios", type=_positive, metavar="N", help="with --county: how many (3)")

    p = sub.add_parser("stats", parents=[common], help="counts per record type and status")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--period", help="county: work on records submitted in 2026, 2026-Q4, 2026-11")

    p = sub.add_parser(
        "check", parents=[common], help="integrity and foreign-key checks (exit 0 when sound)"
    )
    p.add_argument(
        "--all-text",
        action="store_true",
        help="check every record's text against the search index (default: a sample)",
    )
    p = sub.add_parser(
        "repair-residents",
        parents=[common],
        help="list visits whose residents an earlier version unlinked; --apply links them back",
    )
    p.add_argument("--apply", action="store_true", help="link them back (audited)")
    printing.register(sub, common)
    exchange.register(sub, common)
    peers.register(sub, common)
    retention.register(sub, common)
    selftest.register(sub, common)
    accounts.register(sub, common)
    backup.register(sub, common)
    county.register(sub, common)
    points.register(sub, common)
    return parser


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"应为正整数：{text}") from None
    if value < 1 or value > 10_000_000:
        raise argparse.ArgumentTypeError(f"应在 1 到 10,000,000 之间：{text}")
    return value


def cmd_setup(args: argparse.Namespace) -> int:
    from studio_app.services import site

    if args.database:
        return _setup_on_server(args)
    workspace = open_data_dir(args, login=False)
    admin = setup_admin_password()
    fields = (args.kind, args.name, args.code, args.township, args.county)
    if admin is None:  # an administrator exists already
        created, key = site.setup(*fields, for_real=True), None
    else:
        login = args.admin or admin[0]
        created, key = site.setup_with_admin(*fields, admin=login, password=admin[1])
    print(f"已设置：{created.name}（{created.code}），数据目录 {workspace.data_dir.root}")
    if key is not None:
        print(f"管理员账号：{login.strip()}")
        print(f"恢复密钥（只显示这一次，请抄下并与电脑分开保管）：{key}")
    return EXIT_OK


def _setup_on_server(args: argparse.Namespace) -> int:
    """``setup --kind county --database URL``: the county on its PostgreSQL database, set up
    by the first PC; another PC of the same county joins it. The folder remembers the
    address (never the password)."""
    from studio_app.services import site
    from studio_app.storage.postgres import parse_url

    if args.kind != "county":
        raise UserError("只有县政协可以使用 PostgreSQL 数据库；工作室始终使用本机的数据库文件。")
    target, _password = parse_url(args.database)
    data_dir = DataDir.resolve(args.data_dir)
    if data_dir.database.exists():
        raise UserError(
            f"数据目录 {data_dir.root} 中已有本机数据库文件；请为 PostgreSQL 另选一个空的数据目录。"
        )
    workspace = open_data_dir(args, login=False)
    here = site.local_site()
    if here is not None:
        if here.code != args.code.strip().upper():
            raise UserError(
                f"{target.display()}已设置为“{here.name}”（{here.code}），与 --code {args.code} "
                "不符，未作改动。"
            )
        data_dir.remember_server(target.url)
        print(f"已连接：{here.name}（{here.code}），{target.display()}；数据目录 {data_dir.root}")
        return EXIT_OK
    admin = setup_admin_password()
    fields = (args.kind, args.name, args.code, args.township, args.county)
    login = args.admin or (admin[0] if admin else "admin")
    if admin is None:
        created, key = site.setup(*fields, for_real=True), None
    else:
        created, key = site.setup_with_admin(*fields, admin=login, password=admin[1])
    data_dir.remember_server(target.url)
    where = f"{target.display()}；数据目录 {workspace.data_dir.root}"
    print(f"已设置：{created.name}（{created.code}），{where}")
    if key is not None:
        print(f"管理员账号：{login.strip()}")
        print(f"恢复密钥（只显示这一次，请抄下并与电脑分开保管）：{key}")
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    """Counts of records; at the county also its work on proposals (county_stats)."""
    from studio_app.services import county_stats, record_counts, site
    from studio_app.services.statistics import Period

    workspace = open_data_dir(args, create=False, reading=True)
    here = site.require_site()
    if args.period and here.kind != "county":
        raise UserError("--period 只用于县政协的审查办理统计。")
    counts = record_counts.counts()
    work = None
    if here.kind == "county":
        work = county_stats.work(Period.parse(args.period) if args.period else None)
    if args.json:
        extra = {"county_work": county_stats.as_dict(work)} if work else {}
        extra["points"] = _points(workspace.context().today().year)
        json.dump({**counts, **extra}, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print(f"{workspace.site.name}（{workspace.site.code}）")
        _print_counts(counts)
        for line in county_stats.as_lines(work) if work else []:
            print(line)
    return EXIT_OK


def _points(year: int) -> dict[str, object]:
    """This year's duty points: each member's total, highest first (``points`` has more)."""
    from studio_app.services import points

    return {"year": year, "members": [{"name": m.name, "total": m.total}
                                      for m in points.totals(year)]}  # fmt: skip


def _print_counts(counts: dict, indent: str = "") -> None:
    """Nested counts as indented lines; a kind's label follows its name."""
    for key, value in counts.items():
        if isinstance(value, dict):
            label = value.get("label")
            print(f"{indent}{key}（{label}）:" if isinstance(label, str) else f"{indent}{key}:")
            _print_counts({k: v for k, v in value.items() if k != "label"}, indent + "  ")
        else:
            print(f"{indent}{key}: {value}")


def cmd_check(args: argparse.Namespace) -> int:
    from studio_app.services import integrity, link_repair
    from studio_app.storage.database import on_postgres, where

    workspace = open_data_dir(args, create=False, reading=True)
    skipped: list[str] = []
    found = integrity.problems(skipped, text_sample=None if args.all_text else 100)
    if found:
        for line in found:
            print(line, file=sys.stderr)
        return EXIT_REFUSED
    for line in skipped:
        print(line, file=sys.stderr)
    print(f"数据库完好：{where() if on_postgres() else workspace.data_dir.database}")
    dropped = link_repair.find()
    if dropped:
        print(
            f"有 {len(dropped)} 条接待走访记录的来访群众曾被旧版本误删关联，"
            "可运行 studio-app repair-residents 查看并恢复。"
        )
    return EXIT_OK


def cmd_repair_residents(args: argparse.Namespace) -> int:
    from studio_app.services import link_repair

    workspace = open_data_dir(args, create=False)
    found = link_repair.find()
    if not found:
        print("没有需要恢复的来访群众关联。")
        return EXIT_OK
    done = {d.visit_id for d in link_repair.restore(workspace.context())} if args.apply else set()
    for item in found:
        names = "、".join(item.names)
        if item.visit_id in done:
            state = "已恢复"
        elif item.unresolved:
            state = f"无法自动恢复（{'、'.join(item.unresolved)} 不止一人或已不存在，请手工选择）"
        else:
            state = "可恢复"
        print(f"{item.serial}：{names} — {state}")
    if not args.apply and any(i.restorable for i in found):
        print("加 --apply 恢复可恢复的关联（每条记录留有操作日志，并在下次导出时发给县政协）。")
    return EXIT_OK


def cmd_gui(args: argparse.Namespace) -> int:
    """Open the desktop app; the data directory is claimed before its database is opened."""
    from studio_app.ui.app import launch
    from studio_app.workspace import Workspace, ensure_demo

    def prepare() -> Workspace:
        workspace = open_data_dir(args, login=False)  # the window asks who is there
        ensure_demo(workspace)
        return workspace

    return launch(DataDir.resolve(args.data_dir), prepare)


COMMANDS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    "setup": cmd_setup,
    "demo": demo.cmd_demo,
    "stats": cmd_stats,
    "check": cmd_check,
    "repair-residents": cmd_repair_residents,
    "print": printing.cmd_print,
    "selftest": selftest.cmd_selftest,
    **backup.COMMANDS,  # type: ignore[dict-item]  # its str keys are str | None keys
    None: cmd_gui,
}


def _exchange(args: argparse.Namespace) -> int:
    workspace = open_data_dir(args, create=False)
    return exchange.COMMANDS[args.command](args, workspace)


def _unexpected(exc: Exception) -> str:
    """A storage fault (disk full, locked, damaged, read-only) in plain words; else a bug."""
    from studio_app.workspace import storage_fault

    return storage_fault(exc) or f"程序内部错误：{type(exc).__name__}: {exc}（详情见日志）"


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if hasattr(args, "run"):  # subcommands that bring their own handler
            reading = getattr(args, "reading", False)
            return args.run(args, open_data_dir(args, create=False, reading=reading))
        if args.command in exchange.COMMANDS:
            return _exchange(args)
        return COMMANDS[args.command](args)
    except UserError as exc:
        print(exc.message, file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into a command that stopped reading (| head)
        sys.stderr.close()
        return EXIT_OK
    except Exception as exc:
        log.exception("unexpected error")
        print(_unexpected(exc), file=sys.stderr)
        return EXIT_REFUSED
    finally:
        from studio_app.storage import folder_lock
        from studio_app.storage.database import close_database

        close_database()
        folder_lock.release()


if __name__ == "__main__":
    raise SystemExit(main())
