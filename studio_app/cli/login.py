"""Logging in on the command line.

Once the database has accounts, every command logs in: the user comes from ``--user`` or
``STUDIO_APP_USER``, the password from ``STUDIO_APP_PASSWORD`` or a prompt (on a terminal).
A new password (``user add``, ``user reset-password``, ``setup``) comes from a prompt, asked
twice, or from ``STUDIO_APP_NEW_PASSWORD`` (``setup`` also accepts ``STUDIO_APP_PASSWORD``).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any

from studio_app.core.errors import UserError

USER_VAR, PASSWORD_VAR, NEW_PASSWORD_VAR = (
    "STUDIO_APP_USER",
    "STUDIO_APP_PASSWORD",
    "STUDIO_APP_NEW_PASSWORD",
)

NEED_LOGIN = (
    "本数据库已启用用户登录：请用 --user 指定用户名（或设置环境变量 STUDIO_APP_USER），"
    "密码在提示时输入，或由环境变量 STUDIO_APP_PASSWORD 提供。"
)


def _interactive() -> bool:
    return sys.stdin.isatty()


def needs_login(args: argparse.Namespace) -> bool:
    """False for the recovery path, which proves itself with the recovery key."""
    return not getattr(args, "recovery_key", None)


def log_in(workspace: Any, args: argparse.Namespace) -> None:
    """Log the CLI user in when the database has accounts; refuse with one sentence."""
    from studio_app.services import accounts

    if not accounts.has_accounts():
        return
    login = getattr(args, "user", None) or os.environ.get(USER_VAR, "")
    if not login:
        raise UserError(NEED_LOGIN)
    password = os.environ.get(PASSWORD_VAR)
    if password is None:
        if not _interactive():
            raise UserError(NEED_LOGIN)
        password = getpass.getpass(f"{login} 的密码：")
    workspace.login = accounts.authenticate(login, password).login


def new_password(*, also: str | None = None) -> str:
    """A new password from the environment or asked twice on a terminal (checked)."""
    from studio_app.services import accounts

    for var in (NEW_PASSWORD_VAR, also):
        if var and os.environ.get(var) is not None:
            return accounts.check_password(os.environ[var])
    if not _interactive():
        raise UserError(f"请在提示时输入新密码，或由环境变量 {also or NEW_PASSWORD_VAR} 提供。")
    first = accounts.check_password(getpass.getpass("新密码："))
    if getpass.getpass("再输入一次：") != first:
        raise UserError("两次输入的密码不一致。")
    return first


def setup_admin_password() -> tuple[str, str] | None:
    """Before ``setup``: the first admin's login and password, or None when one exists."""
    from studio_app.services import accounts

    if accounts.has_accounts():
        return None
    login = os.environ.get(USER_VAR, "") or "admin"
    return login, new_password(also=PASSWORD_VAR)
