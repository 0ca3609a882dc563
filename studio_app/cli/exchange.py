"""Subcommands of the Excel exchange: export, import, conflicts, resolve, feedback, sync-status.

Exit codes: 0 done (or a dry run), 1 refused, 3 conflicts wait for a decision (nothing
applied then).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from studio_app.cli.common import EXIT_OK

EXIT_CONFLICTS = 3


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "export", parents=[common], help="write a package for the county office (.xlsx)"
    )
    p.add_argument("path", nargs="?", type=Path, help="folder or .xlsx file (default: here)")
    p.add_argument("--full", action="store_true", help="every record, not only changes")
    p.add_argument(
        "--include-identifiers", action="store_true", help="ID numbers and phones unmasked"
    )
    p.add_argument("--password", help="encrypt the workbook with this password")

    p = sub.add_parser("import", parents=[common], help="import a package (.xlsx)")
    p.add_argument("path", type=Path)
    p.add_argument("--dry-run", action="store_true", help="show the plan, change nothing")
    p.add_argument("--password", help="password of an encrypted package")

    sub.add_parser("conflicts", parents=[common], help="list conflicts waiting for a decision")
    p = sub.add_parser("resolve", parents=[common], help="decide a conflict")
    p.add_argument("id", type=int)
    p.add_argument("--keep", required=True, choices=["local", "incoming"])

    p = sub.add_parser("feedback", parents=[common], help="county: feedback package for a studio")
    p.add_argument("--studio", required=True, metavar="CODE")
    p.add_argument("path", nargs="?", type=Path)
    p.add_argument("--full", action="store_true")

    sub.add_parser(
        "sync-status", parents=[common], help="county: packages received per studio, rows waiting"
    )

    p = sub.add_parser(
        "ledger", parents=[common], help="monthly ledger and statistics workbook (to print)"
    )
    p.add_argument("path", type=Path, help="folder or .xlsx file")
    p.add_argument("--month", required=True, metavar="YYYY-MM")


def _progress(done: int, total: int, what: str = "导出中") -> None:
    if sys.stderr.isatty():
        print(f"\r{what}… {done * 100 // max(total, 1)}%", end="", file=sys.stderr)


def cmd_export(args: argparse.Namespace, workspace: Any) -> int:
    from studio_app.exchange.export import export_studio

    result = export_studio(
        workspace.context(),
        args.path,
        full=args.full,
        include_identifiers=args.include_identifiers,
        password=args.password,
        progress=_progress,
    )
    if sys.stderr.isatty():
        print(file=sys.stderr)
    if result.empty:
        print("自上次导出以来没有新增或修改的记录，未生成数据包。")
        return EXIT_OK
    counts = "，".join(f"{k} {v}" for k, v in result.counts.items())
    print(f"已导出第 {result.sequence} 号数据包：{result.path}（{counts}）")
    return EXIT_OK


def print_plan(plan: Any) -> None:
    """The plan's counts, warnings and notes, then the first :data:`SHOWN` rows of each kind
    a person should look at, and how many more there are."""
    from studio_app.exchange.plan import LABELS, SHOWN

    counts = plan.counts
    print(f"数据包：{plan.file_name}（{plan.package.manifest.get('site_name', '')}，"
          f"第 {plan.package.manifest['sequence']} 号）")  # fmt: skip
    print("  " + "，".join(f"{LABELS[k]} {v}" for k, v in counts.items()))
    for warning in plan.warnings:
        print(f"  注意：{warning}")
    for note in plan.notes:
        print(f"  说明：{note}")
    for rp in plan.of("rejected")[:SHOWN]:
        print(f"  拒收：{rp.sheet} 第 {rp.number} 行：{rp.reason}")
    _more(counts["rejected"] - min(len(plan.of("rejected")), SHOWN), "行被拒收")
    for rp in plan.of("waiting")[:SHOWN]:
        print(f"  等待：{rp.sheet} 第 {rp.number} 行 {rp.values.get('serial', '')}：{rp.reason}")
    _more(counts["waiting"] - min(len(plan.of("waiting")), SHOWN), "行在等待引用的记录")
    conflicts = plan.of("conflict")
    for rp in conflicts[:SHOWN]:
        state = (
            f"（已决定：{'保留本机' if rp.decision == 'local' else '采用文件'}）"
            if rp.decision
            else ""
        )
        serial = rp.values.get("serial", "")
        print(f"  冲突：{rp.sheet} 第 {rp.number} 行 {serial}：{rp.reason}{state}")
    _more(len(conflicts) - SHOWN, "条冲突（conflicts 可查看全部）")


def _more(n: int, what: str) -> None:
    """The rows counted beyond those listed: one line."""
    if n > 0:
        print(f"  另有 {n:,} {what}")


def cmd_import(args: argparse.Namespace, workspace: Any) -> int:
    from studio_app.exchange.importer import import_package

    stage = ["读取"]  # 读取 → 核对 → 写入, told by the importer
    result = import_package(
        workspace.context(),
        args.path,
        dry_run=args.dry_run,
        password=args.password,
        progress=lambda done, total: _progress(done, total, f"{stage[0]}中"),
        stage=lambda name: stage.__setitem__(0, name),
    )
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print_plan(result.plan)
    if args.dry_run:
        print("（试导入：未做任何更改）")
        return EXIT_OK
    if result.waiting:
        print(
            f"有 {result.waiting} 条冲突需要人工决定，本次未导入任何内容。"
            "请用 conflicts 查看、resolve 决定后，再次导入同一文件。",
            file=sys.stderr,
        )
        return EXIT_CONFLICTS
    print("已导入。")
    waiting = result.plan.counts["waiting"]
    if waiting:
        print(f"有 {waiting} 行在等待引用的记录，已保留，收到后自动导入（sync-status 可查看）。")
    for note in result.notes:
        print(note)
    return EXIT_OK


def cmd_conflicts(args: argparse.Namespace, workspace: Any) -> int:
    from studio_app.services import exchange_conflicts

    found = exchange_conflicts.listing(workspace.context())  # identifiers masked unless granted
    if not found:
        print("没有待处理的冲突。")
        return EXIT_OK
    for c in found:
        decided = {"local": "保留本机", "incoming": "采用文件"}.get(c.decision, "未决定")
        serial = c.incoming.get("serial") or c.record_uuid
        print(f"[{c.id}] {c.record_type} {serial}：{c.reason}（{decided}）")
        for key, (mine, theirs) in list(exchange_conflicts.differences(c).items())[:12]:
            print(f"      {key}: 本机={str(mine)[:60]!s}  文件={str(theirs)[:60]!s}")
    return EXIT_OK


def cmd_resolve(args: argparse.Namespace, workspace: Any) -> int:
    from studio_app.exchange import waiting
    from studio_app.services import exchange_conflicts

    ctx = workspace.context()
    c = exchange_conflicts.resolve(ctx, args.id, args.keep)
    decided = f"冲突 {c.id} 已决定：{exchange_conflicts.KEEP[c.decision]}。"
    if not waiting.holds(c.package_uuid):
        print(f"{decided}再次导入该数据包即可生效。")
    elif not waiting.ready():
        print(f"{decided}该记录来自已导入数据包中等待的行：其余冲突决定后自动导入。")
    else:
        print(decided)
        for replayed in waiting.settle(ctx):
            print(replayed.message())
    return EXIT_OK


def cmd_feedback(args: argparse.Namespace, workspace: Any) -> int:
    from studio_app.exchange.feedback import export_feedback

    result = export_feedback(workspace.context(), args.studio, args.path, full=args.full)
    if result.empty:
        print("该工作室自上次反馈以来没有新的县政协办理信息，未生成反馈包。")
        return EXIT_OK
    print(f"已导出第 {result.sequence} 号反馈包：{result.path}")
    return EXIT_OK


def cmd_sync_status(args: argparse.Namespace, workspace: Any) -> int:
    from studio_app.exchange.feedback import sync_status

    rows = sync_status()
    if not rows:
        print("还没有导入过任何数据包。")
        return EXIT_OK
    for r in rows:
        gaps = f"，缺少第 {'、'.join(map(str, r.missing))} 号" if r.missing else ""
        print(f"{r.name}（{r.code}）：已收 {r.packages} 个，最近第 {r.last_sequence} 号，"
              f"{r.last_at:%Y-%m-%d %H:%M}{gaps}")  # fmt: skip
        for w in r.waiting:
            print(f"  等待：{w.message()}")
    return EXIT_OK


def cmd_ledger(args: argparse.Namespace, workspace: Any) -> int:
    from studio_app.exchange.ledger import export_ledger

    path = export_ledger(workspace.context(), args.path, args.month)
    print(f"已导出台账：{path}")
    return EXIT_OK


COMMANDS = {
    "export": cmd_export,
    "import": cmd_import,
    "conflicts": cmd_conflicts,
    "resolve": cmd_resolve,
    "feedback": cmd_feedback,
    "sync-status": cmd_sync_status,
    "ledger": cmd_ledger,
}
