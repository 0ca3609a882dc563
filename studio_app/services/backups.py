"""When and where backups are taken, restoring one, and the start-up check (docs/BACKUPS.md).

Backups go to the folder in the ``backup_folder`` setting (a USB stick or second disk), or
to ``backups/`` in the data directory. When the chosen folder cannot be written, the backup
goes to the default folder and the result says why. The mechanics of writing and checking
a copy are in :mod:`studio_app.storage.backup`.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import peewee as pw

from studio_app.core.errors import UserError
from studio_app.paths import DataDir
from studio_app.services import audit, changes, permissions
from studio_app.services.context import Context
from studio_app.services.permissions import Permission
from studio_app.storage import backup as files
from studio_app.storage import faults, folder_lock
from studio_app.storage.backup import BackupError, BackupFile
from studio_app.storage.database import close_database, data_folder, on_postgres, open_database
from studio_app.storage.migrations import LATEST
from studio_app.storage.models import Setting, database

FOLDER_KEY = "backup_folder"
AUTO_INTERVAL = timedelta(minutes=30)
REASONS = {
    "auto": "自动",
    "close": "关闭时",
    "manual": "手动",
    "import": "导入前",
    "migration": "升级前",
    "restore": "恢复前",
    "purge": "清理前",
}


class DatabaseDamaged(UserError):
    """The database failed its start-up check; ``newest`` is the backup to offer."""

    def __init__(self, data_dir: DataDir, problem: str, newest: BackupFile | None) -> None:
        self.data_dir = data_dir
        self.problem = problem
        self.newest = newest
        if newest is not None:
            advice = (
                f"最新的完好备份是 {newest.path}（{newest.taken_at:%Y-%m-%d %H:%M}），"
                f'可运行 studio-app restore "{newest.path}" 恢复。'
            )
        else:
            advice = "没有找到完好的备份，请勿再写入该文件，并联系技术人员。"
        super().__init__(f"无法打开数据库 {data_dir.database}：数据库已损坏（{problem}）。{advice}")


@dataclass(frozen=True)
class Written:
    """A backup just written; ``note`` says why it is not where the user asked (or "")."""

    path: Path
    note: str = ""

    def __str__(self) -> str:
        return str(self.path)


# -- where --------------------------------------------------------------------------------


def data_dir_of(where: Context | DataDir | Path | str) -> DataDir:
    """The data directory of a context (the open database's folder) or of a path."""
    if isinstance(where, DataDir):
        return where
    if isinstance(where, Context):
        folder = data_folder()
        if folder is None:
            raise UserError("数据库尚未打开。")
        return DataDir(folder)
    return DataDir(Path(where))


def configured_folder() -> Path | None:
    """The folder chosen in Settings, or None (default; also when the database is unreadable)."""
    if database.obj is None:
        return None
    try:
        row = Setting.get_or_none(Setting.key == FOLDER_KEY)
    except (pw.DatabaseError, sqlite3.Error):
        return None
    value = row.value.strip() if row else ""
    return Path(value) if value else None


def set_folder(ctx: Context, folder: Path | str | None) -> None:
    """Choose the backup folder (None or "": ``backups/`` in the data directory)."""
    permissions.require(ctx, Permission.BACKUP_SETTINGS, "setting")
    old = configured_folder()
    if not folder:
        Setting.delete().where(Setting.key == FOLDER_KEY).execute()
        audit.record(ctx, "update", "setting", FOLDER_KEY, {FOLDER_KEY: (str(old or ""), "")})
        return
    chosen = Path(folder).expanduser()
    problem = _unwritable(chosen)
    if problem:
        raise UserError(f"不能使用备份文件夹 {chosen}：{problem}")
    Setting.insert(key=FOLDER_KEY, value=str(chosen)).on_conflict_replace().execute()
    audit.record(ctx, "update", "setting", FOLDER_KEY, {FOLDER_KEY: (str(old or ""), str(chosen))})


def _unwritable(folder: Path) -> str:
    """ "" when a file can be created in ``folder``, else why not (a plain sentence)."""
    if not folder.is_absolute():
        return "请选择完整路径。"
    if not folder.is_dir():
        return "文件夹不存在（U 盘或移动硬盘未插入？）。"
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".write-test-"):
            pass
    except OSError as exc:
        return f"无法写入（{exc.strerror or exc}）。"
    return ""


def target_folder(data_dir: DataDir) -> tuple[Path, str]:
    """Where the next backup goes, and why not the chosen folder when it is unavailable."""
    chosen = configured_folder()
    if chosen is None or chosen == data_dir.backups:
        return data_dir.backups, ""
    problem = _unwritable(chosen)
    if problem:
        return data_dir.backups, _fallback_note(chosen, problem, data_dir)
    return chosen, ""


def _fallback_note(chosen: Path, problem: str, data_dir: DataDir) -> str:
    why = problem.rstrip("。")
    return f"备份文件夹 {chosen} 不可用（{why}），本次备份已保存到 {data_dir.backups}。"


# -- writing ------------------------------------------------------------------------------


def back_up(
    where: Context | DataDir | Path | str,
    reason: str = "manual",
    *,
    now: datetime | None = None,
    keep: Path | None = None,
) -> Written:
    """Write a checked backup to the backup folder and rotate that folder (never removing
    ``keep``: the file a restore is about to use)."""
    data_dir = data_dir_of(where)
    if isinstance(where, Context) and now is None:
        now = where.now_local()
    now = now or datetime.now().replace(microsecond=0)
    if not on_postgres() and not data_dir.database.exists():
        raise UserError(f"数据目录 {data_dir.root} 中还没有数据库，无需备份。")
    folder, note = target_folder(data_dir)
    try:
        path = _write(data_dir, folder, reason, now)
    except (BackupError, OSError) as exc:
        if folder == data_dir.backups:
            raise UserError(f"备份失败：{_why(exc)}") from exc
        note = _fallback_note(folder, _why(exc), data_dir)
        folder = data_dir.backups
        try:
            path = _write(data_dir, folder, reason, now)
        except (BackupError, OSError) as again:
            raise UserError(f"备份失败：{_why(again)}") from again
    files.rotate(folder, now, protect=[path] if keep is None else [path, keep])
    return Written(path, note)


def _write(data_dir: DataDir, folder: Path, reason: str, now: datetime) -> Path:
    folder.mkdir(parents=folder == data_dir.backups, exist_ok=True)
    if on_postgres():  # the county's database on its server: pg_dump
        from studio_app.storage import pg_backup

        db = database.obj
        return pg_backup.dump(db.target, db.password, folder, reason, now)
    return files.write_backup(data_dir.database, folder, reason, now)


def _why(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        fault = faults.diagnose(exc)
        return f"{fault.text}。" if fault is not None else exc.strerror or str(exc)
    return str(exc)


def back_up_to(
    where: Context | DataDir | Path | str, target: Path, *, now: datetime | None = None
) -> Path:
    """A manual copy to ``target``: a folder (a timestamped name inside) or a new file name.

    A copy outside the backup folder takes the whole database away: administrators only.
    """
    if isinstance(where, Context):
        permissions.require(where, Permission.COPY_OUT, "backup")
        now = now or where.now_local()
    data_dir = data_dir_of(where)
    now = now or datetime.now().replace(microsecond=0)
    target = Path(target).expanduser()
    if on_postgres():
        if not target.is_dir():
            raise UserError(f"PostgreSQL 数据库的备份只能写入文件夹：{target} 不是文件夹。")
        try:
            return _write(data_dir, target, "manual", now)
        except (BackupError, OSError) as exc:
            raise UserError(f"备份失败：{_why(exc)}") from exc
    if not data_dir.database.exists():
        raise UserError(f"数据目录 {data_dir.root} 中还没有数据库，无需备份。")
    name = None
    if not target.is_dir():
        if target.exists():
            raise UserError(f"文件 {target} 已存在，请换一个文件名。")
        if not target.parent.is_dir():
            raise UserError(f"文件夹 {target.parent} 不存在。")
        name = target.name
        target = target.parent
    try:
        return files.write_backup(data_dir.database, target, "manual", now, name=name)
    except (BackupError, OSError) as exc:
        raise UserError(f"备份失败：{_why(exc)}") from exc


def backup_before(
    where: Context | DataDir | Path | str,
    reason: str,
    *,
    now: datetime | None = None,
    keep: Path | None = None,
) -> Written:
    """The backup every risky operation (import, migration, restore, purge) takes first.

    Raises :class:`UserError` when it cannot be written: the operation must not go on.
    """
    try:
        return back_up(where, reason, now=now, keep=keep)
    except UserError as exc:
        raise UserError(
            f"{exc.message}为保护数据，{REASONS.get(reason, '')}的操作没有进行。"
        ) from exc


# -- listing ------------------------------------------------------------------------------


def list_backups(data_dir: DataDir) -> list[BackupFile]:
    """Backups in the chosen folder and in the default one, newest first."""
    folders = [data_dir.backups]
    chosen = configured_folder()
    if chosen is not None and chosen not in folders:
        folders.insert(0, chosen)
    found = {b.path: b for folder in folders for b in files.list_folder(folder)}
    return files.sort_newest_first(found.values())


def newest_sound(data_dir: DataDir, limit: int = 5) -> BackupFile | None:
    """The newest backup that passes ``quick_check`` now (trying at most ``limit``)."""
    candidates = [b for b in list_backups(data_dir) if b.intact][:limit]
    for b in candidates:
        if files.quick_check(b.path) is None:
            return b
    return None


# -- start-up check -------------------------------------------------------------------------


FULL_CHECK_BYTES = 64 * 1024 * 1024  # about 0.2 s of quick_check on an ordinary disk
START_TABLES = ("sqlite_master", "site", "user", "setting", "member", "code_item")


def check_at_start(data_dir: DataDir, *, full_limit: int = FULL_CHECK_BYTES) -> bool:
    """Raise :class:`DatabaseDamaged` when the database fails its start-up check.

    Up to ``full_limit`` bytes the whole file gets ``PRAGMA quick_check``; a bigger one
    (seconds to read) gets the cheap check of its header and small tables, and False is
    returned: the caller runs :func:`full_check` later, off the start-up path.
    """
    path = data_dir.database
    if not path.exists() or path.stat().st_size == 0:
        return True
    whole = path.stat().st_size <= full_limit
    try:
        problem = files.damage(path, None if whole else START_TABLES)
    except (sqlite3.Error, OSError) as exc:  # not damage: a full disk, read-only, busy…
        raise UserError(cannot_open(path, exc)) from exc
    if problem is not None:
        _refuse(data_dir, problem)
    return whole


def cannot_open(path: Path, exc: BaseException) -> str:
    """One sentence: the database at ``path`` cannot be opened, and why (never "damaged"
    unless SQLite said so)."""
    fault = faults.diagnose(exc, path)
    if fault is not None and fault.kind == faults.BUSY:
        return "数据库正被其他程序使用，请稍后重试。"
    if fault is not None and fault.kind == faults.FULL:
        return f"无法打开数据库 {path}：磁盘已满，请先在该磁盘上腾出空间再试。"
    why = fault.text if fault is not None else str(exc)
    return f"无法打开数据库 {path}：{why}。"


def full_check(data_dir: DataDir) -> DatabaseDamaged | None:
    """The whole-file ``quick_check`` (any thread): the damage found, or None (also when the
    check could not run: busy, a full disk… are not damage)."""
    try:
        problem = files.damage(data_dir.database)
    except (sqlite3.Error, OSError):
        return None
    if problem is None:
        return None
    try:
        _refuse(data_dir, problem)
    except DatabaseDamaged as damaged:
        return damaged
    return None


def _refuse(data_dir: DataDir, problem: str) -> None:
    raise DatabaseDamaged(data_dir, _plain_problem(problem), newest_sound(data_dir))


def _plain_problem(problem: str) -> str:
    text = problem.lower()
    if "not a database" in text:
        return "文件不是数据库"
    if "malformed" in text:
        return "文件内容损坏"
    return problem


# -- restoring ----------------------------------------------------------------------------


def check_restorable(source: Path) -> tuple[int, int]:
    """Refuse unless ``source`` is a sound studio database this program can open.

    Returns (its schema version, its size in bytes).
    """
    source = Path(source)
    if not source.is_file():
        raise UserError(f"找不到备份文件 {source}。")
    if not files.header_intact(source):
        raise UserError(f"{source.name} 不是完整的数据库文件（已损坏或被截断）。")
    try:
        problem = files.damage(source)
    except (sqlite3.Error, OSError) as exc:
        fault = faults.diagnose(exc, source)
        why = fault.text if fault is not None else str(exc)
        raise UserError(f"无法读取 {source}：{why}。") from exc
    if problem is not None:
        raise UserError(
            f"{source.name} 未通过完整性检查，不能用来恢复：{_plain_problem(problem)}。"
        )
    try:
        version, tables = files.schema_version(source)
    except sqlite3.Error as exc:
        raise UserError(f"无法读取 {source.name}：{exc}") from exc
    if not tables >= files.REQUIRED_TABLES or version < 1:
        raise UserError(f"{source.name} 不是本程序的数据库。")
    if version > LATEST:
        raise UserError(
            f"{source.name} 由更新版本的程序保存（数据库版本 {version}，本程序支持到 {LATEST}），"
            "请先升级程序。"
        )
    return version, source.stat().st_size


POSTGRES_RESTORE = (
    "PostgreSQL 数据库的备份要恢复到一个新建的空数据库中：请由管理员在命令行运行 "
    "studio-app restore 备份文件.dump --into postgresql://用户名@服务器:5432/新数据库名，"
    "再让各台电脑用 setup --database 连接它。"
)


def restore(
    data_dir: DataDir,
    source: Path,
    *,
    ctx: Context | None = None,
    now: datetime | None = None,
) -> Written | None:
    """Replace the database by ``source`` (checked first), after backing up the current one.

    Refused (:class:`~studio_app.storage.folder_lock.FolderBusy`, nothing changed) while
    another process holds the data folder's lock; this process's shared lock is let go
    meanwhile. The caller makes sure this process's other threads have closed their
    connections. The database is open (and migrated) afterwards. Returns the pre-restore
    backup (or, when the current database was too damaged to copy, its raw file kept next
    to it; None when there was no database). ``ctx`` is the logged-in user when there is
    one (an administrator); without it (a damaged database nobody can log in to) the file
    system's permissions are the guard.
    """
    if ctx is not None:
        permissions.require(ctx, Permission.RESTORE, "database")
    if on_postgres() or Path(source).suffix == ".dump":
        raise UserError(POSTGRES_RESTORE)
    source = Path(source).resolve()
    check_restorable(source)
    if source == data_dir.database.resolve():
        raise UserError("不能用数据库自身来恢复。")
    now = now or (ctx.now_local() if ctx is not None else datetime.now().replace(microsecond=0))
    with folder_lock.exclusive(data_dir.root, "恢复"):
        written = _restore(data_dir, source, now)
    changes.everything()
    return written


def _restore(data_dir: DataDir, source: Path, now: datetime) -> Written | None:
    before: Written | None = None
    if data_dir.database.exists():
        try:
            problem = files.damage(data_dir.database)
        except (sqlite3.Error, OSError) as exc:  # cannot tell: change nothing
            raise UserError(f"恢复没有进行：{cannot_open(data_dir.database, exc)}") from exc
        if problem is None:
            before = backup_before(data_dir, "restore", now=now, keep=source)
        else:
            kept = _keep_damaged(data_dir, now)
            before = Written(kept, f"损坏的数据库已原样保留为 {kept}。")
    close_database()
    _remove_view(data_dir)
    try:
        files.install(source, data_dir.database)
    except (BackupError, OSError) as exc:
        raise UserError(f"恢复失败，数据库未改变：{_why(exc)}") from exc
    finally:
        if data_dir.database.exists() and files.quick_check(data_dir.database) is None:
            open_database(data_dir.database)
    return before


READ_ONLY_VIEW = ".read-only-view.sqlite3"


def read_only_view(data_dir: DataDir) -> Path:
    """A fresh copy of the (damaged) database and its WAL to look at; the file stays as is."""
    view = data_dir.root / READ_ONLY_VIEW
    _remove_view(data_dir)
    shutil.copyfile(data_dir.database, view)
    wal = Path(str(data_dir.database) + "-wal")
    if wal.exists():
        shutil.copyfile(wal, Path(str(view) + "-wal"))
    return view


def _remove_view(data_dir: DataDir) -> None:
    for extra in ("", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            Path(str(data_dir.root / READ_ONLY_VIEW) + extra).unlink()


def _keep_damaged(data_dir: DataDir, now: datetime) -> Path:
    """Keep the damaged file as it is (it may still hold something worth rescuing)."""
    kept = data_dir.root / f"damaged-{now:%Y%m%d-%H%M%S}-{os.getpid()}.sqlite3"
    close_database()
    try:
        shutil.copy2(data_dir.database, kept)
    except OSError as exc:
        why = _why(exc).rstrip("。")
        raise UserError(f"无法保留损坏的数据库副本：{why}，恢复没有进行。") from exc
    return kept


# -- the automatic backup ---------------------------------------------------------------------


class ChangeWatch:
    """Tells whether the database changed since :meth:`mark` (any connection, cheaply).

    ``PRAGMA data_version`` on a connection of its own changes whenever another connection
    commits: one page read, no table scans.
    """

    def __init__(self, path: Path) -> None:
        self._conn: sqlite3.Connection | None = None
        self._server = on_postgres()  # there: the newest audit entry (every write has one)
        if not self._server:
            self._conn = files.connect(path, any_thread=True)
        self._seen = self._version()

    def _version(self) -> int:
        if self._server:
            return int(database.execute_sql("SELECT COALESCE(max(id), 0) FROM audit_entry")
                       .fetchone()[0])  # fmt: skip
        if self._conn is None:
            return 0
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def changed(self) -> bool:
        """False once closed: a closed watch has nothing more to report."""
        return (self._server or self._conn is not None) and self._version() != self._seen

    def mark(self) -> None:
        self._seen = self._version()

    def close(self) -> None:
        self._server = False
        if self._conn is not None:
            self._conn.close()
            self._conn = None


class AutoBackup:
    """The policy of one running app: a backup after changes, at most one per 30 minutes,
    and one on close when something changed since the last one."""

    def __init__(
        self,
        data_dir: DataDir,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        self.data_dir = data_dir
        self._monotonic = monotonic
        self._now = now
        self.watch = ChangeWatch(data_dir.database)
        newest = next(iter(list_backups(data_dir)), None)
        age = AUTO_INTERVAL
        if newest is not None:
            age = min(
                max(now().replace(microsecond=0) - newest.taken_at, timedelta(0)), AUTO_INTERVAL
            )
        self._last = monotonic() - age.total_seconds()

    def due(self) -> bool:
        interval = AUTO_INTERVAL.total_seconds()
        return self.watch.changed() and self._monotonic() - self._last >= interval

    def run(self, reason: str = "auto") -> Written:
        """Back up now (marking the changes seen first, so later ones count next time)."""
        self.watch.mark()
        written = back_up(self.data_dir, reason, now=self._now().replace(microsecond=0))
        self._last = self._monotonic()
        return written

    def on_close(self) -> Written | None:
        if not self.watch.changed():
            return None
        return self.run("close")

    def close(self) -> None:
        self.watch.close()


def describe(b: BackupFile) -> str:
    """One line for lists: time, reason, size."""
    return f"{b.taken_at:%Y-%m-%d %H:%M:%S}  {REASONS.get(b.reason, b.reason)}  {_size(b.size)}"


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.1f} MB"
    return f"{max(n, 1024) // 1024} KB"


def reason_label(reason: str) -> str:
    return REASONS.get(reason, reason)
