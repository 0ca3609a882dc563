"""Opening a data directory: the database, the local site and the acting user."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

import peewee as pw

from studio_app.core.errors import UserError, ValidationError
from studio_app.paths import DATABASE_FILE, DataDir, unusable_reason
from studio_app.services import accounts
from studio_app.services import site as site_service
from studio_app.services.context import Context
from studio_app.storage.database import close_database, open_database
from studio_app.storage.models import Site

DEMO_SITE = {
    "kind": "studio",
    "name": "石桥镇政协委员工作室",
    "code": "SQZ",
    "township": "石桥镇",
    "county": "平阳县",
}
DEMO_VISITS = 2000


@dataclass
class Workspace:
    data_dir: DataDir
    site: Site | None
    login: str | None = None  # who logged in; None before a login
    read_only: bool = False  # a damaged database opened only to read
    fully_checked: bool = True  # False: too big to check whole at start (checked later)

    def context(self, user: str | None = None) -> Context:
        """The acting user's context; once the database has accounts, someone must log in."""
        site = site_service.require_site()
        login = user or self.login
        if accounts.has_accounts():
            if login is None:
                raise UserError("请先登录。")
            return accounts.context_for(site, login)
        return site_service.context_for(site, login or "admin")

    def close(self) -> None:
        close_database()


def explain(exc: Exception) -> str:
    """SQLite's English error in plain Chinese."""
    text = str(exc).lower()
    if "not a database" in text or "malformed" in text:
        return "文件已损坏，或不是本程序的数据库。"
    if "locked" in text or "busy" in text:
        return "数据库正被其他程序使用，请稍后重试。"
    if "disk" in text and "full" in text:
        return "磁盘已满。"
    if "readonly" in text or "read-only" in text:
        return "文件是只读的。"
    return str(exc)


def storage_fault(exc: BaseException) -> str | None:
    """A storage fault (disk full, locked, damaged, read-only) in one plain sentence for the
    user; None when ``exc`` is something else (a bug)."""
    if not isinstance(exc, sqlite3.Error | pw.DatabaseError):
        return None
    plain = explain(exc)
    if plain == str(exc):
        return None
    return f"操作未能完成：{plain}未完成的更改已撤销。"


def open_workspace(data_dir: DataDir) -> Workspace:
    """Open (creating and migrating as needed) the database of ``data_dir``.

    A damaged database raises :class:`~studio_app.services.backups.DatabaseDamaged`
    (naming the newest sound backup); an upgrade of an existing one is backed up first.
    """
    from studio_app.services import backups
    from studio_app.storage.migrations import migrate

    try:
        data_dir.create()
        checked = backups.check_at_start(data_dir)
        db = open_database(data_dir.database, migrate=False)
        migrate(db, before_upgrade=lambda _v: backups.backup_before(data_dir, "migration"))
    except UserError:
        close_database()
        raise
    except PermissionError as exc:
        raise UserError(f"无法写入数据目录 {data_dir.root}：没有权限。") from exc
    except (sqlite3.DatabaseError, pw.DatabaseError) as exc:
        close_database()
        raise UserError(f"无法打开数据库 {data_dir.database}：{explain(exc)}") from exc
    except OSError as exc:
        raise UserError(f"无法使用数据目录 {data_dir.root}：{exc.strerror or exc}") from exc
    return Workspace(data_dir, site_service.local_site(), fully_checked=checked)


def open_read_only(data_dir: DataDir) -> Workspace:
    """Open a view of a damaged database to read or copy out what it still holds.

    The view is a copy (``backups.READ_ONLY_VIEW`` in the data folder), so logging in can
    write its bookkeeping without touching the damaged file; once the user is in, the app
    makes the connection refuse writes (``PRAGMA query_only``).
    """
    from studio_app.services import backups

    try:
        view = backups.read_only_view(data_dir)
        open_database(view, migrate=False)
        site = site_service.local_site()
    except (sqlite3.DatabaseError, pw.DatabaseError, OSError) as exc:
        close_database()
        why = explain(exc) if not isinstance(exc, OSError) else (exc.strerror or str(exc))
        raise UserError(f"无法以只读方式打开数据库 {data_dir.database}：{why}") from exc
    return Workspace(data_dir, site, read_only=True)


@dataclass(frozen=True)
class Installation:
    """What a real installation is set up with (as ``studio-app setup`` takes it)."""

    kind: str
    name: str
    code: str
    township: str
    county: str
    admin: str
    password: str


def folder_refusal(folder: Path) -> str | None:
    """Why a real installation cannot be set up in ``folder`` (one sentence), or None."""
    if (Path(folder) / DATABASE_FILE).exists():
        return f"文件夹 {folder} 中已经有数据库。请选择空文件夹，已有的数据不会被覆盖。"
    reason = unusable_reason(Path(folder))
    if reason:
        return reason
    return None


def set_up(data_dir: DataDir, wanted: Installation) -> tuple[Workspace, str]:
    """Create a real installation in the empty folder ``data_dir`` and open it (logged in as
    its administrator); returns the workspace and the recovery key, shown once.

    Whatever database is open is closed first. Everything is checked before anything is
    written; if writing fails, the new folder is left without a database.
    """
    refusal = folder_refusal(data_dir.root)
    if refusal:
        raise UserError(refusal)
    errors = site_service.identity_errors(wanted.kind, wanted.name, wanted.code)
    errors |= site_service.admin_errors(wanted.admin, wanted.password)
    if errors:
        raise ValidationError(errors)
    close_database()
    try:
        workspace = open_workspace(data_dir)
        workspace.site, key = site_service.setup_with_admin(
            wanted.kind,
            wanted.name,
            wanted.code,
            wanted.township,
            wanted.county,
            admin=wanted.admin,
            password=wanted.password,
        )
    except BaseException:
        close_database()
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{data_dir.database}{suffix}").unlink(missing_ok=True)
        raise
    workspace.login = wanted.admin.strip()
    return workspace, key


def ensure_demo(workspace: Workspace, visits: int = DEMO_VISITS) -> bool:
    """Set up a demo studio with demo data when the database is empty; True if it did."""
    if workspace.site is not None:
        return False
    from studio_app.services import demo

    workspace.site = site_service.setup(**DEMO_SITE)
    demo.generate(workspace.context(), visits=visits, seed=1)
    accounts.ensure_demo_admin()
    return True
