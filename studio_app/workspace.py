"""Opening a data directory: the database, the local site and the acting user."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

import peewee as pw

from studio_app import scratch
from studio_app.core.errors import UserError, ValidationError
from studio_app.paths import DATABASE_FILE, DataDir, unusable_reason
from studio_app.services import accounts
from studio_app.services import site as site_service
from studio_app.services.context import Context
from studio_app.storage import faults, folder_lock
from studio_app.storage.database import close_database, open_database, open_postgres
from studio_app.storage.models import Site, database

DEMO_SITE: site_service.SiteFields = {
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
    server: str | None = None  # the county's PostgreSQL database (its address), if it is one

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


def explain(exc: BaseException, database: Path | None = None) -> str:
    """SQLite's English error in plain Chinese (the cause, found anywhere in the chain of
    ``exc``; ``database``: the file concerned, asked when SQLite's code is ambiguous)."""
    fault = faults.diagnose(exc, database)
    if fault is None:
        return str(exc)
    if fault.kind == faults.BUSY:
        return "数据库正被其他程序使用，请稍后重试。"
    return f"{fault.text}。"


def _open_file() -> Path | None:
    """The file of the open database (for a closer look at a fault), or None."""
    db = database.obj
    if db is None or not isinstance(db.database, str):
        return None
    name = db.database
    if name.startswith("file:"):  # opened read-only by URI
        from urllib.parse import urlparse
        from urllib.request import url2pathname

        name = url2pathname(urlparse(name).path)
    return Path(name) if name and name != ":memory:" else None


def storage_fault(exc: BaseException) -> str | None:
    """A storage fault (disk full, locked, damaged, read-only, no permission) in one plain
    sentence for the user; None when ``exc`` is something else (a bug)."""
    if faults.diagnose(exc) is None:  # cheap: the file system is asked only for a fault
        return None
    return f"操作未能完成：{explain(exc, _open_file())}未完成的更改已撤销。"


def open_workspace(
    data_dir: DataDir, *, reading: bool = False, server: str | None = None
) -> Workspace:
    """Open (creating and migrating as needed) the database of ``data_dir``.

    This process holds the data folder's shared lock from here on (``folder_lock``); an
    upgrade takes it exclusive and is backed up first. A damaged database raises
    :class:`~studio_app.services.backups.DatabaseDamaged` (naming the newest sound backup).
    A database this process cannot write (a read-only folder, file or disk, no permission)
    is refused with that cause, or opened read-only when the caller only ``reading``
    (``Workspace.read_only``). A county's folder that works on PostgreSQL (``server``, or
    the one the folder remembers) opens that database instead (:func:`_open_server`).
    """
    from studio_app.services import backups

    url = server or data_dir.server_url
    if url is not None:
        return _open_server(data_dir, url)
    path = data_dir.database
    try:
        try:
            data_dir.create()
        except OSError:
            if not (reading and path.is_file()):
                raise
        folder_lock.hold(data_dir.root)
        _remove_stale_side_files(data_dir)
        if not reading:  # working files of killed exports and imports hold personal data
            scratch.sweep(data_dir.root / scratch.FOLDER)
        blocker = faults.write_blocker(path) if path.exists() else None
        if blocker is not None and not reading:
            raise UserError(f"无法写入数据库 {path}：{blocker.text}。")
        read_only = blocker is not None
        checked = backups.check_at_start(data_dir)
        db = open_database(path, migrate=False, read_only=read_only)
        _migrate(db, data_dir, read_only=read_only)
    except UserError:
        close_database()
        raise
    except (sqlite3.DatabaseError, pw.DatabaseError) as exc:
        close_database()
        raise UserError(f"无法打开数据库 {path}：{explain(exc, path)}") from exc
    except OSError as exc:
        close_database()
        fault = faults.diagnose(exc, path)
        why = f"{fault.text}。" if fault is not None else f"{exc.strerror or exc}。"
        raise UserError(f"无法使用数据目录 {data_dir.root}：{why}") from exc
    workspace = Workspace(data_dir, site_service.local_site(), fully_checked=checked)
    workspace.read_only = read_only
    return workspace


def _open_server(data_dir: DataDir, url: str) -> Workspace:
    """Open the county's PostgreSQL database at ``url`` for the folder ``data_dir`` (which
    keeps this PC's logs, backups and settings): connected, migrated, a county's."""
    from studio_app.storage.postgres import connection_problem, parse_url

    target, _password = parse_url(url)
    try:
        data_dir.create()
        folder_lock.hold(data_dir.root)
        scratch.sweep(data_dir.root / scratch.FOLDER)
        open_postgres(url, folder=data_dir.root)
    except UserError:
        close_database()
        raise
    except pw.DatabaseError as exc:
        close_database()
        raise UserError(f"无法使用{target.display()}：{connection_problem(exc)}。") from exc
    except OSError as exc:
        close_database()
        raise UserError(f"无法使用数据目录 {data_dir.root}：{exc.strerror or exc}。") from exc
    here = site_service.local_site()
    if here is not None and here.kind != "county":
        close_database()
        raise UserError(f"{target.display()}中是工作室的数据；PostgreSQL 只用于县政协。")
    return Workspace(data_dir, here, server=target.url)


def _migrate(db: pw.SqliteDatabase, data_dir: DataDir, *, read_only: bool) -> None:
    """Bring the schema up to date, alone in the folder (another program could still be
    using the old one); backed up first when the database already had data."""
    from studio_app.services import backups
    from studio_app.storage.migrations import migrate, pending

    if not pending(db):
        return
    if read_only:
        blocker = faults.write_blocker(data_dir.database)
        why = blocker.text if blocker is not None else "只读"
        raise UserError(
            f"数据库 {data_dir.database} 需要升级到本程序的版本才能打开，但它不能写入（{why}）。"
        )
    try:
        with folder_lock.exclusive(data_dir.root, "数据库升级", wait=folder_lock.WAIT):
            migrate(db, before_upgrade=lambda _v: backups.backup_before(data_dir, "migration"))
    except folder_lock.FolderBusy:
        if pending(db):
            raise  # else a command started at the same time has just upgraded it


def _remove_stale_side_files(data_dir: DataDir) -> None:
    """Remove a read-only ``-shm`` left beside a database that is writable again (a run on the
    read-only file made it), when no other program has the folder open."""
    stale = faults.stale_side_files(data_dir.database)
    if not stale:
        return
    try:
        with folder_lock.exclusive(data_dir.root, "修复"):
            for path in faults.stale_side_files(data_dir.database):
                path.unlink()
    except (folder_lock.FolderBusy, OSError):
        pass  # the open then says which file blocks it


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
    """Set up a demo studio with demo data when the database is empty; True if it did (never
    on a county's PostgreSQL database)."""
    if workspace.site is not None or workspace.server is not None:
        return False
    from studio_app.demo import studio as demo

    workspace.site = site_service.setup(**DEMO_SITE)
    demo.generate(workspace.context(), visits=visits, seed=1)
    accounts.ensure_demo_admin()
    return True
