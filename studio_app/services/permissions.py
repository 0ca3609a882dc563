"""What each role may do, checked by the services so GUI, CLI and import obey alike.

Roles: ``viewer`` reads; ``staff`` also creates, edits and exchanges packages; ``admin``
does everything, including accounts, the audit log, purging, restoring and forgetting a
pinned sender (re-keying). Seeing full ID numbers and phones is a separate grant
(``Context.may_see_pii``).

A refused action raises :class:`PermissionDenied` and is written to the audit log. When the
refusal happens inside a transaction (which the exception rolls back), the entry waits
until the transaction ends (:func:`flush`, called by ``records.atomic``).
"""

from __future__ import annotations

import logging
from enum import StrEnum
from typing import NoReturn

import peewee as pw

from studio_app.core.codes import Role
from studio_app.core.errors import UserError
from studio_app.services import audit
from studio_app.services.context import Context
from studio_app.storage.models import database

log = logging.getLogger("studio_app.permissions")


class Permission(StrEnum):
    READ = "read"
    EDIT = "edit"
    EXCHANGE = "exchange"
    USERS = "users"
    AUDIT = "audit"
    PURGE = "purge"
    RESTORE = "restore"
    SEE_PII = "see_pii"
    PEERS = "peers"  # forget a pinned sender so that its next package pins a new key
    COPY_OUT = "copy_out"  # a copy of the whole database outside the backup folder
    BACKUP_SETTINGS = "backup_settings"  # where automatic backups go
    DEMO = "demo"  # generate the demo data set (into the demo studio only)


_STAFF = {Permission.READ, Permission.EDIT, Permission.EXCHANGE}
GRANTS: dict[str, frozenset[Permission]] = {
    Role.VIEWER: frozenset({Permission.READ}),
    Role.STAFF: frozenset(_STAFF),
    Role.ADMIN: frozenset(set(Permission) - {Permission.SEE_PII}),
}

_WHAT = {
    Permission.READ: "查看记录",
    Permission.EDIT: "新增、修改或删除记录",
    Permission.EXCHANGE: "导入或导出数据包",
    Permission.USERS: "管理用户",
    Permission.AUDIT: "查看操作日志",
    Permission.PURGE: "清理过期数据",
    Permission.RESTORE: "从备份恢复数据库",
    Permission.SEE_PII: "查看完整的身份证号和电话号码",
    Permission.PEERS: "解除对方单位的签名密钥登记",
    Permission.COPY_OUT: "把数据库复制到备份文件夹以外",
    Permission.BACKUP_SETTINGS: "更改备份文件夹",
    Permission.DEMO: "生成演示数据",
}


class PermissionDenied(UserError):
    """The acting user's role does not allow the action."""


def allowed(ctx: Context, permission: Permission) -> bool:
    if permission is Permission.SEE_PII:
        return bool(ctx.may_see_pii)
    return permission in GRANTS.get(str(ctx.role), frozenset())


def require(ctx: Context, permission: Permission, record_type: str = "") -> None:
    """Return when ``ctx``'s user may do ``permission``; else audit the refusal and raise."""
    if not allowed(ctx, permission):
        refuse(ctx, permission, record_type)


def refuse(ctx: Context, permission: Permission, record_type: str = "") -> NoReturn:
    """Audit that ``ctx``'s user may not do ``permission`` and raise :class:`PermissionDenied`."""
    _pending.append((ctx, permission, record_type))
    flush()
    try:
        role = Role(ctx.role).label
    except ValueError:
        role = str(ctx.role)
    raise PermissionDenied(f"当前用户 {ctx.user}（{role}）无权{_WHAT[permission]}。")


_pending: list[tuple[Context, Permission, str]] = []


def flush() -> None:
    """Write refusals that waited for a transaction to end (no-op inside one)."""
    if not _pending or database.obj is None or database.in_transaction():
        return
    while _pending:
        ctx, permission, record_type = _pending[0]
        try:
            audit.record(ctx, "refused", record_type or "-", "", {"permission": (None, permission)})
        except pw.DatabaseError:  # a full disk or a read-only view: the refusal itself stands
            log.warning("could not audit a refused %s by %s", permission, ctx.user, exc_info=True)
            return
        _pending.pop(0)
