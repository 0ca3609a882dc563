"""``studio-app selftest``: the smoke test of this installation (see :mod:`studio_app.selftest`).

Exit 0 when every step passed, 1 naming the failing step. Works in a new folder under the
system's temp folder, or under ``--data-dir`` when given (never in the data directory
itself); the folder is removed afterwards unless ``--keep`` or a step failed.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from studio_app import __version__
from studio_app.cli.common import EXIT_OK

EXIT_FAILED = 1


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "selftest",
        parents=[common],
        help="smoke test of this installation in a throwaway folder (exit 0 when sound)",
    )
    p.add_argument("--gui", action="store_true", help="also open and close the main window")
    p.add_argument("--keep", action="store_true", help="keep the test folder afterwards")
    p.add_argument("--json", action="store_true", help="machine-readable report")


def _where() -> str:
    build = "打包版" if getattr(sys, "frozen", False) else "源代码运行"
    return f"{build}，Python {platform.python_version()}，{platform.system()} {platform.machine()}"


def cmd_selftest(args: argparse.Namespace) -> int:
    from studio_app import selftest
    from studio_app.core.errors import UserError

    base = Path(args.data_dir).expanduser() if args.data_dir else None
    try:
        if base is not None:
            base.mkdir(parents=True, exist_ok=True)
        root = Path(tempfile.mkdtemp(prefix="studio-selftest-", dir=base))
    except OSError as exc:
        raise UserError(f"无法建立自检用的临时文件夹：{exc.strerror or exc}") from exc

    def show(step: selftest.StepResult) -> None:
        if not args.json:
            mark = "通过" if step.ok else "失败"
            print(f"  [{mark}] {step.name}（{step.seconds:.2f} 秒）：{step.detail}", flush=True)

    if not args.json:
        print(f"委员工作室履职台账 {__version__} 自检（{_where()}）")
        print(f"  临时文件夹：{root}")
    report = selftest.run(root, gui=args.gui, on_step=show)
    keep = args.keep or not report.ok
    if not keep:
        shutil.rmtree(root, ignore_errors=True)
    if args.json:
        json.dump({**report.as_dict(), "folder": str(root), "kept": keep}, sys.stdout,
                  ensure_ascii=False)  # fmt: skip
        print()
    failed = report.failed
    if failed is not None:
        print(f"自检失败：“{failed.name}”一步出错：{failed.detail}（文件保留在 {root}）",
              file=sys.stderr)  # fmt: skip
        return EXIT_FAILED
    if not args.json:
        total = sum(s.seconds for s in report.steps)
        print(f"自检通过：{len(report.steps)} 项全部正常，用时 {total:.1f} 秒。")
    return EXIT_OK
