"""``studio-app user …`` and ``studio-app audit``; logging in is :mod:`.login`."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from studio_app.cli.common import EXIT_OK
from studio_app.cli.login import new_password
from studio_app.core.codes import Role


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应为 YYYY-MM-DD：{text}") from None


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("user", parents=[common], help="administrator: local user accounts")
    users = p.add_subparsers(dest="user_command", metavar="ACTION", required=True)

    a = users.add_parser("add", parents=[common], help="add a user (password asked twice)")
    a.add_argument("login")
    a.add_argument("--name", default="", help="full name shown in the app")
    a.add_argument("--role", choices=[r.value for r in Role], default=Role.STAFF.value)
    a.add_argument(
        "--may-see-identifiers", action="store_true", help="may see full ID numbers and phones"
    )
    a.set_defaults(run=cmd_user_add)

    a = users.add_parser("list", parents=[common], help="list users")
    a.add_argument("--json", action="store_true")
    a.set_defaults(run=cmd_user_list)

    a = users.add_parser(
        "set", parents=[common], help="change a user's name, role or identifier permission"
    )
    a.add_argument("login")
    a.add_argument("--name")
    a.add_argument("--role", choices=[r.value for r in Role])
    a.add_argument(
        "--may-see-identifiers",
        dest="may_see_pii",
        action=argparse.BooleanOptionalAction,
        default=None,
    )
    a.add_argument("--activate", action="store_true", help="re-activate a deactivated user")
    a.set_defaults(run=cmd_user_set)

    a = users.add_parser(
        "reset-password",
        parents=[common],
        help="new password for a user (admin), or for an admin with the recovery key",
    )
    a.add_argument("login")
    a.add_argument("--recovery-key", metavar="KEY", help="the key printed when set up")
    a.set_defaults(run=cmd_user_reset)

    a = users.add_parser("deactivate", parents=[common], help="stop a user from logging in")
    a.add_argument("login")
    a.set_defaults(run=cmd_user_deactivate)

    a = users.add_parser(
        "recovery-key",
        parents=[common],
        help="print a new recovery key (the old one stops)",
    )
    a.set_defaults(run=cmd_recovery_key)

    p = sub.add_parser("audit", parents=[common], help="administrator: the audit log")
    p.add_argument("--since", type=_day, metavar="YYYY-MM-DD", help="from this day (local time)")
    p.add_argument("--until", type=_day, metavar="YYYY-MM-DD", help="to this day, inclusive")
    p.add_argument("--by", dest="audit_user", default="", metavar="NAME", help="only this user")
    p.add_argument(
        "--type", dest="record_type", default="", help="only this record type, e.g. visit, user"
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--output", type=Path, metavar="FILE", help="write a .csv or .xlsx file")
    p.add_argument(
        "--include-identifiers", action="store_true", help="ID numbers and phones unmasked"
    )
    p.set_defaults(run=cmd_audit)


# --- user ---------------------------------------------------------------------------


def _ctx(workspace: Any) -> Any:
    return workspace.context()


def _require_manager(ctx: Any) -> None:
    """Refuse (audited) before asking for a password that could not be used."""
    from studio_app.services.permissions import Permission, require

    require(ctx, Permission.USERS, "user")


def cmd_user_add(args: argparse.Namespace, workspace: Any) -> int:
    from studio_app.services import accounts

    ctx = _ctx(workspace)
    _require_manager(ctx)
    password = new_password()
    account = accounts.add(
        ctx,
        args.login,
        password,
        name=args.name,
        role=args.role,
        may_see_pii=args.may_see_identifiers,
    )
    print(f"已添加用户 {account.login}（{Role(account.role).label}）。")
    return EXIT_OK


def cmd_user_list(args: argparse.Namespace, workspace: Any) -> int:
    from studio_app.services import accounts

    found = accounts.list_accounts(_ctx(workspace))
    if args.json:
        data = [
            {
                "login": a.login,
                "name": a.name,
                "role": a.role,
                "may_see_identifiers": a.may_see_pii,
                "active": a.active,
            }
            for a in found
        ]
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return EXIT_OK
    for a in found:
        flags = ("可看完整证件号" if a.may_see_pii else "") + ("" if a.active else " 已停用")
        print(f"{a.login}\t{a.name}\t{Role(a.role).label}\t{flags.strip()}")
    return EXIT_OK


def cmd_user_set(args: argparse.Namespace, workspace: Any) -> int:
    from studio_app.services import accounts

    account = accounts.change(
        _ctx(workspace),
        args.login,
        name=args.name,
        role=args.role,
        may_see_pii=args.may_see_pii,
        active=True if args.activate else None,
    )
    print(f"已更新用户 {account.login}（{Role(account.role).label}）。")
    return EXIT_OK


def cmd_user_reset(args: argparse.Namespace, workspace: Any) -> int:
    from studio_app.services import accounts

    if args.recovery_key:
        password = new_password()
        fresh = accounts.recover(args.login, args.recovery_key, password)
        print(f"已重设 {args.login} 的密码。原恢复密钥已作废。")
        print(f"新的恢复密钥（只显示这一次，请抄下并与电脑分开保管）：{fresh}")
        return EXIT_OK
    ctx = _ctx(workspace)
    if args.login != ctx.user:
        _require_manager(ctx)
    accounts.reset_password(ctx, args.login, new_password())
    print(f"已重设 {args.login} 的密码。")
    return EXIT_OK


def cmd_user_deactivate(args: argparse.Namespace, workspace: Any) -> int:
    from studio_app.services import accounts

    account = accounts.deactivate(_ctx(workspace), args.login)
    print(f"已停用用户 {account.login}。")
    return EXIT_OK


def cmd_recovery_key(args: argparse.Namespace, workspace: Any) -> int:
    from studio_app.services import accounts

    key = accounts.new_recovery_key(_ctx(workspace))
    print(f"新的恢复密钥（只显示这一次，请抄下并与电脑分开保管）：{key}")
    return EXIT_OK


# --- audit ----------------------------------------------------------------------------


def cmd_audit(args: argparse.Namespace, workspace: Any) -> int:
    from studio_app.services import audit_review

    ctx = _ctx(workspace)
    limit = None if args.output or args.json else 5000
    found = audit_review.entries(
        ctx,
        since=args.since,
        until=args.until,
        user=args.audit_user,
        record_type=args.record_type,
        limit=limit,
        show_identifiers=args.include_identifiers,
    )
    if args.output:
        path = audit_review.export(
            ctx, found, args.output, show_identifiers=args.include_identifiers
        )
        print(f"已导出 {len(found)} 条操作记录：{path}")
    elif args.json:
        json.dump([e.as_dict() for e in found], sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        for row in audit_review.rows(found):
            print("\t".join(row))
    return EXIT_OK
