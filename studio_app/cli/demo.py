"""``studio-app demo``: demo data in an empty data folder, a studio's or (``--county``) the
county office's (:mod:`studio_app.demo`)."""

from __future__ import annotations

import argparse
import sys

from studio_app.cli.common import EXIT_OK, EXIT_USAGE, open_data_dir
from studio_app.core.errors import UserError


def cmd_demo(args: argparse.Namespace) -> int:
    from studio_app.demo import studio as demo
    from studio_app.services import accounts, site
    from studio_app.storage.models import Member, Resident, Visit
    from studio_app.workspace import DEMO_SITE, DEMO_VISITS

    if args.studios is not None and not args.county:
        print("studio-app demo: 用法错误：--studios 只能与 --county 一起使用", file=sys.stderr)
        return EXIT_USAGE
    workspace = open_data_dir(args)
    if workspace.site is not None:  # an administrator, and never a ledger in real use
        demo.check_allowed(workspace.context())
    if args.county:
        return _demo_county(args, workspace)
    if any(m.select().exists() for m in (Member, Resident, Visit)):
        raise UserError(
            "数据库中已有记录，演示数据只能生成到空数据库（可用 --data-dir 另选目录）。"
        )
    if workspace.site is None:
        workspace.site = site.setup(**DEMO_SITE)

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(f"\r生成演示数据… {done * 100 // max(total, 1)}%", end="", file=sys.stderr)

    summary = demo.generate(
        workspace.context(), visits=args.visits or DEMO_VISITS, seed=args.seed, progress=progress
    )
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(
        f"已生成演示数据：委员 {summary.members}，群众 {summary.residents}，"
        f"接待走访 {summary.visits}，{_counted(summary.counted)}提案与社情民意 {summary.proposals}"
    )
    if not accounts.has_accounts():
        accounts.ensure_demo_admin()
        print(f"演示管理员：用户名 {accounts.DEMO_LOGIN}，密码 {accounts.DEMO_PASSWORD}")
    return EXIT_OK


def _counted(counts: dict[str, int]) -> str:
    """The records of each kind the statistics count, by its tally's label: "访谈 10，"."""
    from studio_app.services.statistics import tallies

    return "".join(f"{t.label} {counts[name]}，" for name, t in tallies() if name in counts)


def _demo_county(args: argparse.Namespace, workspace) -> int:
    """``demo --county``: the county office, made of demo studios' packages.

    See :mod:`studio_app.demo.county`.
    """
    from studio_app.demo import county as county_demo
    from studio_app.services import accounts, site

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(f"\r生成县政协演示数据… {done * 100 // max(total, 1)}%", end="", file=sys.stderr)

    visits = args.visits or county_demo.VISITS
    s = county_demo.generate(
        studios=args.studios or 3, visits=visits, seed=args.seed, progress=progress
    )
    if sys.stderr.isatty():
        print(file=sys.stderr)
    workspace.site = county = site.require_site()
    print(
        f"已生成县政协演示数据：{county.name}，收到 {len(s.studios)} 个工作室"
        f"（{'、'.join(s.studios)}）的数据包：接待走访 {s.visits}，{_counted(s.counted)}"
        f"提案与社情民意 {s.proposals}；已审查 {s.reviewed}，待审查 {s.waiting}，"
        f"交办 {s.assigned}，已答复 {s.replied}（超期答复 {s.late}），超期未复 {s.overdue}，"
        f"采用 {s.adopted}，批示 {s.instructed}，重点/优秀提案 {s.designated}，"
        f"委员已评价 {s.evaluated}"
    )
    accounts.ensure_demo_admin()
    print(f"演示管理员：用户名 {accounts.DEMO_LOGIN}，密码 {accounts.DEMO_PASSWORD}")
    return EXIT_OK
