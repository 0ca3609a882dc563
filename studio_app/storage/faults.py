"""What went wrong with the storage, in one plain clause, and how to read what cannot be written.

SQLite reports a full disk, a read-only folder, a missing permission and a damaged file with
codes that overlap: opening a database in a read-only folder says "attempt to write a
readonly database", a full disk while mapping the ``-shm`` file says "disk I/O error". Only
``SQLITE_CORRUPT`` and ``SQLITE_NOTADB`` mean damage; for the ambiguous codes the file system
is asked (free space, read-only mount, write bits, permission). Callers turn the clause into
their sentence; none of them advises a restore unless the check found damage.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

# SQLite's primary result codes (extended codes carry them in their low byte).
_PERM, _BUSY, _LOCKED, _READONLY, _IOERR, _CORRUPT, _FULL, _CANTOPEN = 3, 5, 6, 8, 10, 11, 13, 14
_NOTADB = 26
_ENVIRONMENT = {_PERM, _READONLY, _IOERR, _CANTOPEN}
NEARLY_FULL = 1024 * 1024  # bytes free under which an I/O error is taken for a full disk

FULL = "full"
READ_ONLY = "read_only"
PERMISSION = "permission"
BUSY = "busy"
DAMAGED = "damaged"
IO = "io"


@dataclass(frozen=True)
class Fault:
    """One storage fault: ``kind`` (``FULL``, ``READ_ONLY``…) and ``text``, a clause without
    a final full stop ("磁盘已满", "数据目录 D:\\台账 是只读的")."""

    kind: str
    text: str


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """``exc`` and every exception behind it (a rollback that failed hides the real cause)."""
    seen: set[int] = set()
    todo = [exc]
    while todo:
        current = todo.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        todo += [e for e in (current.__cause__, current.__context__) if e is not None]
        todo += [a for a in current.args if isinstance(a, BaseException)]  # peewee's wrapper


def diagnose(exc: BaseException, database: Path | None = None) -> Fault | None:
    """The storage fault behind ``exc`` (anywhere in its chain), or None when it is another
    error (a bug). ``database``: the file concerned, asked when SQLite's code is ambiguous."""
    found = [f for e in _chain(exc) if (f := _one(e, database)) is not None]
    # the first definite cause wins over a vaguer one found further up the chain
    for kind in (FULL, DAMAGED, BUSY, READ_ONLY, PERMISSION, IO):
        for fault in found:
            if fault.kind == kind:
                return fault
    return None


def _one(exc: BaseException, database: Path | None) -> Fault | None:
    if isinstance(exc, sqlite3.Error):
        return _sqlite(exc, database)
    if isinstance(exc, OSError) and exc.errno is not None:
        return _os(exc, database)
    return None


def _sqlite(exc: sqlite3.Error, database: Path | None) -> Fault | None:
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc).lower()
    if primary == _FULL or ("disk" in text and "full" in text):
        return Fault(FULL, "磁盘已满")
    if primary in (_CORRUPT, _NOTADB) or "malformed" in text or "not a database" in text:
        return Fault(DAMAGED, "文件已损坏，或不是本程序的数据库")
    if primary in (_BUSY, _LOCKED) or "locked" in text or "busy" in text:
        return Fault(BUSY, "数据库正被其他程序使用")
    vague = ("readonly", "read-only", "unable to open", "disk i/o", "access permission")
    if primary in _ENVIRONMENT or any(word in text for word in vague):
        found = environment(database) if database is not None else None
        if found is not None:
            return found
        if primary == _READONLY or "readonly" in text or "read-only" in text:
            return Fault(READ_ONLY, "文件是只读的")
        if primary == _PERM or "permission" in text:
            return Fault(PERMISSION, "没有读写文件的权限")
        return Fault(IO, f"读写磁盘时出错（{exc}）")
    return None


def _os(exc: OSError, database: Path | None) -> Fault | None:
    where = Path(exc.filename) if isinstance(exc.filename, str) else database
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return Fault(FULL, "磁盘已满")
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        found = environment(where) if where is not None else None
        if found is not None:
            return found
        if exc.errno == errno.EROFS:
            return Fault(READ_ONLY, "磁盘是只读的")
        return Fault(PERMISSION, f"没有权限（{exc.strerror or exc}）")
    if exc.errno == errno.EIO:
        return Fault(IO, f"读写磁盘时出错（{exc.strerror or exc}）")
    return None


# -- asking the file system --------------------------------------------------------------------


def environment(database: Path) -> Fault | None:
    """Why ``database`` (or a file next to it) cannot be written, or a full disk; None when
    nothing in the file system explains a failure."""
    blocker = write_blocker(database)
    if blocker is not None:
        return blocker
    if free_bytes(database.parent) < NEARLY_FULL:
        return Fault(FULL, "磁盘已满")
    return None


def write_blocker(database: Path) -> Fault | None:
    """Why this process cannot write ``database`` where it is (its disk, its folder, the file
    or its ``-wal``/``-shm``), or None when it can."""
    folder = database.parent
    if read_only_disk(folder):
        return Fault(READ_ONLY, f"{folder} 所在的磁盘是只读的")
    if folder.is_dir() and not os.access(folder, os.W_OK):
        return _denied(folder, "数据目录")
    files = [(database, "数据库文件")] + [(side(database, s), "数据库的附属文件") for s in SIDES]
    for path, what in files:
        if path.exists() and not os.access(path, os.W_OK):
            return _denied(path, what)
    return None


def folder_blocker(folder: Path) -> Fault | None:
    """Why no file can be written in ``folder``, or None."""
    if read_only_disk(folder):
        return Fault(READ_ONLY, f"{folder} 所在的磁盘是只读的")
    if folder.is_dir() and not os.access(folder, os.W_OK):
        return _denied(folder, "文件夹")
    return None


def _denied(path: Path, what: str) -> Fault:
    """Read-only (no write bits for anyone, or the read-only attribute) or no permission."""
    try:
        writable_by_someone = bool(path.stat().st_mode & 0o222)
    except OSError:
        writable_by_someone = True
    if not writable_by_someone:
        return Fault(READ_ONLY, f"{what} {path} 是只读的")
    return Fault(PERMISSION, f"没有写入{what} {path} 的权限")


def read_only_disk(folder: Path) -> bool:
    """The file system of ``folder`` is mounted read-only (POSIX; False when unknown)."""
    statvfs = getattr(os, "statvfs", None)
    if statvfs is None:
        return False
    try:
        return bool(statvfs(folder).f_flag & getattr(os, "ST_RDONLY", 1))
    except OSError:
        return False


def free_bytes(folder: Path) -> int:
    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return NEARLY_FULL  # unknown: do not claim a full disk


SIDES = ("-wal", "-shm")


def side(database: Path, suffix: str) -> Path:
    return Path(f"{database}{suffix}")


def stale_side_files(database: Path) -> list[Path]:
    """A ``-shm`` (and an empty ``-wal``) this process cannot write beside a database it can:
    left by a run on the file while it was read-only; they block every writer."""
    if folder_blocker(database.parent) is not None or not os.access(database, os.W_OK):
        return []
    shm, wal = side(database, "-shm"), side(database, "-wal")
    if not shm.exists() or os.access(shm, os.W_OK):
        return []
    if wal.exists() and wal.stat().st_size > 0:
        return []  # it holds committed changes: never thrown away
    return [p for p in (shm, wal) if p.exists()]


# -- reading what cannot be written -----------------------------------------------------------


def read_only_uri(database: Path) -> str:
    """A SQLite URI that reads ``database`` without creating anything beside it when this
    process cannot write it.

    Where it can, ``mode=ro`` (SQLite may make a ``-shm``, writable like the file). Where it
    cannot, and there is neither a ``-wal`` with changes nor a ``-shm`` (so no program has
    it open in WAL mode), ``immutable=1``: SQLite then makes no ``-shm`` (it would copy the
    file's read-only mode and block every writer once the file is writable again) and takes
    no locks. Otherwise ``mode=ro`` reads the existing ``-wal`` through the existing ``-shm``.
    """
    uri = Path(database).resolve().as_uri() + "?mode=ro"
    if write_blocker(database) is None:
        return uri
    wal, shm = side(database, "-wal"), side(database, "-shm")
    if shm.exists() or (wal.exists() and wal.stat().st_size > 0):
        return uri
    return uri + "&immutable=1"
