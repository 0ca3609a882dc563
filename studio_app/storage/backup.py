"""Backup files of the SQLite database: writing, checking, listing, rotating, installing.

A backup is written with ``VACUUM INTO`` to a temporary ``.partial`` file in the backup
folder, checked with ``PRAGMA quick_check``, flushed to disk and only then renamed to its
final name ``studio-YYYYMMDD-HHMMSS-<reason>.sqlite3``: a final name always means a complete,
checked copy. A process killed half-way leaves only a ``.partial`` file, removed by the next
backup. Policy (when to back up, which folder) lives in :mod:`studio_app.services.backups`.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from studio_app.storage import faults

NAME = re.compile(r"studio-(\d{8})-(\d{6})-([a-z]+)(?:-(\d+))?\.sqlite3")
# A county's PostgreSQL database, dumped by pg_dump (storage/pg_backup.py).
DUMP_NAME = re.compile(r"county-(\d{8})-(\d{6})-([a-z]+)(?:-(\d+))?\.dump")
DUMP_MAGIC = b"PGDMP"
PARTIAL_SUFFIX = ".partial"
HEADER = b"SQLite format 3\x00"

# Tables every studio database has had since the first schema version.
REQUIRED_TABLES = frozenset({"site", "member", "resident", "visit", "setting", "audit_entry"})

REGULAR = frozenset({"auto", "close", "manual"})  # rotated by day, week and month
KEEP_RECENT = 6
KEEP_DAILY = 12
KEEP_WEEKLY = 10
KEEP_MONTHLY = 9
KEEP_OPERATION_DAYS = 30
KEEP_OPERATION_RECENT = 5


class BackupError(Exception):
    """Writing or checking a copy failed; ``str()`` says why in plain Chinese."""


@dataclass(frozen=True)
class BackupFile:
    """One backup in a folder, described by its name and header (cheap: no full read)."""

    path: Path
    taken_at: datetime  # local wall-clock time in the name
    reason: str
    size: int
    intact: bool  # header sound and length matches its page count

    @property
    def regular(self) -> bool:
        return self.reason in REGULAR


# -- checking ------------------------------------------------------------------------------


def connect(path: Path, *, read_only: bool = True, any_thread: bool = False) -> sqlite3.Connection:
    """A plain connection (no peewee) to ``path``; read-only never creates the file.

    ``any_thread``: the caller uses it from one thread at a time, not always the same one.
    """
    same = not any_thread
    if read_only:
        uri = faults.read_only_uri(Path(path))
        return sqlite3.connect(uri, uri=True, timeout=5, check_same_thread=same)
    return sqlite3.connect(str(path), timeout=5, check_same_thread=same)


def damage(path: Path, tables: Iterable[str] | None = None) -> str | None:
    """The damage ``PRAGMA quick_check`` finds in ``path`` (None: sound); ``tables``: only
    these (the small ones every screen needs: milliseconds on any size of database).

    Only damage is returned: a check that cannot run for another reason (a full disk, a
    read-only folder, no permission, a lock) raises its ``sqlite3.Error`` or ``OSError``.
    """
    if tables is not None:
        with open(path, "rb") as f:
            head = f.read(100)
        size = os.path.getsize(path)
        page_size = int.from_bytes(head[16:18], "big") if len(head) == 100 else 0
        page_size = 65536 if page_size == 1 else page_size
        if not head.startswith(HEADER) or page_size < 512 or size % page_size:
            return "file is not a database"
    try:
        conn = connect(path)
        try:
            if tables is None:
                rows = [r[0] for r in conn.execute("PRAGMA quick_check")]
                return None if rows == ["ok"] else "; ".join(str(r) for r in rows[:3])
            query = "SELECT name FROM sqlite_master WHERE type='table'"
            present = {r[0] for r in conn.execute(query)}
            for table in tables:
                if table != "sqlite_master" and table not in present:
                    continue
                rows = [r[0] for r in conn.execute(f"PRAGMA quick_check('{table}')")]
                if rows != ["ok"]:
                    return "; ".join(str(r) for r in rows[:3])
            return None
        finally:
            conn.close()
    except sqlite3.Error as exc:
        fault = faults.diagnose(exc)
        if fault is not None and fault.kind == faults.DAMAGED:
            return str(exc)
        raise


def quick_check(path: Path) -> str | None:
    """None when ``PRAGMA quick_check`` finds ``path`` sound, else the first problem (or why
    the check could not run: see :func:`damage` to tell the two apart)."""
    try:
        return damage(path)
    except (sqlite3.Error, OSError) as exc:
        return str(exc)


def quick_check_tables(path: Path, tables: Iterable[str]) -> str | None:
    """The cheap part of :func:`quick_check` (see :func:`damage`)."""
    try:
        return damage(path, tables)
    except (sqlite3.Error, OSError) as exc:
        return str(exc)


def schema_version(path: Path) -> tuple[int, set[str]]:
    """``PRAGMA user_version`` and the table names of the database at ``path``."""
    conn = connect(path)
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()
    return version, tables


def header_intact(path: Path) -> bool:
    """The first 100 bytes say SQLite and the file is as long as its page count says."""
    try:
        with open(path, "rb") as f:
            head = f.read(100)
        size = os.path.getsize(path)
    except OSError:
        return False
    if len(head) < 100 or not head.startswith(HEADER):
        return False
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    return page_size >= 512 and pages > 0 and pages * page_size == size


def dump_intact(path: Path) -> bool:
    """A PostgreSQL dump's first bytes say so (checked whole before it was kept)."""
    try:
        with open(path, "rb") as f:
            return f.read(len(DUMP_MAGIC)) == DUMP_MAGIC
    except OSError:
        return False


# -- writing -------------------------------------------------------------------------------


def file_name(taken_at: datetime, reason: str, n: int = 1) -> str:
    suffix = f"-{n}" if n > 1 else ""
    return f"studio-{taken_at:%Y%m%d-%H%M%S}-{reason}{suffix}.sqlite3"


def write_backup(
    database: Path, folder: Path, reason: str, taken_at: datetime, *, name: str | None = None
) -> Path:
    """Copy ``database`` into ``folder`` as a checked backup; returns the final path.

    ``name`` replaces the timestamped file name (a copy the user names; never overwrites).
    Raises :class:`BackupError` (nothing left under a final name) when it cannot.
    """
    if not re.fullmatch(r"[a-z]+", reason):
        raise ValueError(f"bad backup reason {reason!r}")
    remove_partials(folder)
    n = 1
    while (folder / file_name(taken_at, reason, n)).exists():
        n += 1
    final = folder / (name or file_name(taken_at, reason, n))
    if final.exists():
        raise BackupError(f"文件 {final} 已存在。")
    temp = folder / f".{final.stem}.{os.getpid()}{PARTIAL_SUFFIX}"
    try:
        _vacuum_into(database, temp)
        problem = quick_check(temp)
        if problem is not None:
            raise BackupError(f"备份副本未通过检查：{problem}")
        _fsync(temp)
        os.replace(temp, final)
        _fsync_dir(folder)
    except BaseException:
        _remove_quietly(temp)
        raise
    return final


def _vacuum_into(database: Path, target: Path, what: str = "备份") -> None:
    """Copy ``database`` into the new file ``target`` (``what`` it is, for the messages)."""
    try:
        # a database this process cannot write is read without a -shm (faults.read_only_uri)
        conn = connect(database, read_only=faults.write_blocker(database) is not None)
    except sqlite3.Error as exc:
        raise BackupError(f"无法打开数据库：{_cause(exc, database)}。") from exc
    try:
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("VACUUM INTO ?", (str(target),))
    except sqlite3.Error as exc:
        raise BackupError(_plain(exc, database, target, what)) from exc
    finally:
        conn.close()


def _cause(exc: BaseException, database: Path) -> str:
    fault = faults.diagnose(exc, database)
    return fault.text if fault is not None else str(exc)


def _plain(exc: Exception, database: Path, target: Path, what: str) -> str:
    """Why ``VACUUM INTO`` failed: the copy's side (full, not writable) or the database's."""
    fault = faults.diagnose(exc)
    if fault is not None and fault.kind == faults.FULL:
        return f"{target.parent} 所在的磁盘已满，无法写入{what}。"
    if fault is not None and fault.kind == faults.DAMAGED:
        return "数据库已损坏，无法复制。"
    if fault is not None and fault.kind == faults.BUSY:
        return "数据库正被其他程序使用，请稍后重试。"
    blocker = faults.folder_blocker(target.parent)
    if blocker is not None:
        return f"无法写入{what}：{blocker.text}。"
    if faults.free_bytes(target.parent) < faults.NEARLY_FULL:
        return f"{target.parent} 所在的磁盘已满，无法写入{what}。"
    return f"无法写入{what}：{_cause(exc, database)}。"


def remove_partials(folder: Path) -> list[Path]:
    """Remove ``.partial`` files left by interrupted backups (not those being written)."""
    removed: list[Path] = []
    try:
        candidates = [
            p
            for p in folder.iterdir()
            if p.name.startswith(".studio") and p.name.endswith(PARTIAL_SUFFIX)
        ]
    except OSError:
        return removed
    for path in candidates:
        pid = _writer_pid(path)
        if pid is not None and pid != os.getpid() and _running(pid):
            continue
        if _remove_quietly(path):
            removed.append(path)
    return removed


def _writer_pid(path: Path) -> int | None:
    m = re.search(r"\.(\d+)\.partial$", path.name)
    return int(m.group(1)) if m else None


def _running(pid: int) -> bool:
    if os.name == "nt":  # an open file cannot be removed there: removing just fails
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _remove_quietly(path: Path) -> bool:
    removed = False
    for extra in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(OSError):
            Path(str(path) + extra).unlink()
            removed = removed or extra == ""
    return removed


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # directories cannot be opened for fsync on Windows
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# -- installing a copy as the database -----------------------------------------------------


def install(source: Path, database: Path) -> None:
    """Replace ``database`` by a checked copy of ``source`` in one rename.

    The caller has closed every connection to ``database``; a leftover ``-wal`` file with
    content means one is still open, and then nothing is replaced.
    """
    wal = Path(str(database) + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise BackupError("数据库仍被其他程序打开，无法替换。")
    remove_partials(database.parent)  # left by a restore that was killed half-way
    temp = database.with_name(f".{database.name}.restore.{os.getpid()}{PARTIAL_SUFFIX}")
    try:
        _vacuum_into(source, temp, "恢复用的副本")
        problem = quick_check(temp)
        if problem is not None:
            raise BackupError(f"恢复用的副本未通过检查：{problem}")
        _fsync(temp)
        for extra in ("-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                Path(str(database) + extra).unlink()
        os.replace(temp, database)
        _fsync_dir(database.parent)
    except BaseException:
        _remove_quietly(temp)
        raise


# -- listing and rotating ------------------------------------------------------------------


def parse(path: Path) -> tuple[datetime, str] | None:
    m = NAME.fullmatch(path.name) or DUMP_NAME.fullmatch(path.name)
    if not m:
        return None
    try:
        taken_at = datetime.strptime(m.group(1) + m.group(2), "%Y%m%d%H%M%S")
    except ValueError:
        return None
    return taken_at, m.group(3)


def list_folder(folder: Path) -> list[BackupFile]:
    """The backups in ``folder``, newest first (other files are ignored)."""
    found = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for path in entries:
        parsed = parse(path)
        if parsed is None or not path.is_file():
            continue
        with contextlib.suppress(OSError):
            intact = dump_intact(path) if path.suffix == ".dump" else header_intact(path)
            found.append(BackupFile(path, *parsed, path.stat().st_size, intact))
    return sort_newest_first(found)


def sort_newest_first(files: Iterable[BackupFile]) -> list[BackupFile]:
    return sorted(files, key=_order, reverse=True)


def _order(b: BackupFile) -> tuple[datetime, int, str]:
    m = NAME.fullmatch(b.path.name)
    return b.taken_at, int(m.group(4) or 1) if m else 0, b.path.name


def to_keep(files: list[BackupFile], now: datetime) -> set[Path]:
    """The rotation rule (docs/BACKUPS.md): which of ``files`` stay.

    Regular backups: the newest few, and the newest of each of the latest days, ISO weeks
    and months that have one. Backups taken before an operation: those of the last
    30 days and the newest few. The newest backup of all always stays. Counting days and
    weeks that *have* backups (not days back from today) keeps rotation sound when the
    computer's clock is wrong.
    """
    ordered = sort_newest_first(files)
    keep: set[Path] = {ordered[0].path} if ordered else set()
    newest_intact = next((b for b in ordered if b.intact), None)
    if newest_intact is not None:
        keep.add(newest_intact.path)
    regular = [b for b in ordered if b.regular]
    keep.update(b.path for b in regular[:KEEP_RECENT])
    for bucket, count in (
        (lambda t: t.date(), KEEP_DAILY),
        (lambda t: t.isocalendar()[:2], KEEP_WEEKLY),
        (lambda t: (t.year, t.month), KEEP_MONTHLY),
    ):
        seen: list[object] = []
        for b in regular:
            key = bucket(b.taken_at)
            if key not in seen:
                seen.append(key)
                if len(seen) > count:
                    break
                keep.add(b.path)
    operations = [b for b in ordered if not b.regular]
    keep.update(b.path for b in operations[:KEEP_OPERATION_RECENT])
    horizon = now - timedelta(days=KEEP_OPERATION_DAYS)
    keep.update(b.path for b in operations if b.taken_at >= horizon)
    return keep


def rotate(folder: Path, now: datetime, protect: Iterable[Path] = ()) -> list[Path]:
    """Delete the backups of ``folder`` the rule does not keep (nor ``protect``); returns
    those removed."""
    files = list_folder(folder)
    keep = to_keep(files, now) | {Path(p) for p in protect}
    removed = []
    for b in files:
        if b.path not in keep:
            with contextlib.suppress(OSError):
                b.path.unlink()
                removed.append(b.path)
    return removed
