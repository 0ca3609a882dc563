"""The data folder's lock: the database is replaced or rewritten only by a process alone there.

Every process that opens the database holds the lock of its data folder *shared* while it
works there: the desktop app for its whole life, a command for its run. A restore, a purge
and a schema upgrade take it *exclusive*: they replace or rewrite the file under everyone
else's feet, so they are refused (one sentence, nothing changed) while another process holds
it, and a command started meanwhile waits a few seconds, then says why it cannot go on.

It is an operating-system lock on ``studio-data.lock`` in the data folder: ``flock`` on
POSIX, ``LockFileEx`` on Windows (``msvcrt.locking`` has no shared mode; ``ctypes`` needs no
extra package). The system drops it with its process, even one killed, so a crash never
leaves the folder locked. The single-instance guard of the desktop app (a ``QLockFile``,
which also brings the open window forward) is separate and unchanged.

Locks of one process through two opens of the file block each other, so each process keeps
one open per folder here: taking the exclusive lock while holding the shared one lets the
shared one go first and takes it back afterwards. A folder where no lock file can be made
(read-only) is used without one: nothing can replace a database there either.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from studio_app.core.errors import UserError
from studio_app.paths import LOCK_FILE

WAIT = 5.0  # seconds a shared lock waits for a restore, purge or upgrade to finish
POLL = 0.05


class FolderBusy(UserError):
    """Another process holds the lock the operation needs."""


if sys.platform == "win32":
    import ctypes
    import msvcrt
    from ctypes import wintypes

    class _Overlapped(ctypes.Structure):
        _fields_ = [
            ("Internal", ctypes.c_size_t),
            ("InternalHigh", ctypes.c_size_t),
            ("Offset", wintypes.DWORD),
            ("OffsetHigh", wintypes.DWORD),
            ("hEvent", wintypes.HANDLE),
        ]

    _kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    _LOCKFILE_FAIL_IMMEDIATELY, _LOCKFILE_EXCLUSIVE_LOCK = 0x1, 0x2
    _ERROR_LOCK_VIOLATION = 33

    def _try(fd: int, exclusive: bool) -> bool:
        flags = _LOCKFILE_FAIL_IMMEDIATELY | (_LOCKFILE_EXCLUSIVE_LOCK if exclusive else 0)
        handle = wintypes.HANDLE(msvcrt.get_osfhandle(fd))
        done = _kernel32.LockFileEx(handle, flags, 0, 1, 0, ctypes.byref(_Overlapped()))
        if done:
            return True
        error = ctypes.get_last_error()
        if error == _ERROR_LOCK_VIOLATION:
            return False
        raise ctypes.WinError(error)

    def _unlock(fd: int) -> None:
        handle = wintypes.HANDLE(msvcrt.get_osfhandle(fd))
        _kernel32.UnlockFileEx(handle, 0, 1, 0, ctypes.byref(_Overlapped()))

else:
    import fcntl

    def _try(fd: int, exclusive: bool) -> bool:
        try:
            fcntl.flock(fd, (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class _Lock:
    """One open of a folder's lock file and the lock taken through it."""

    def __init__(self, key: str, fd: int | None) -> None:
        self.key = key
        self.fd = fd  # None: the folder cannot hold a lock file (read-only)
        self.mode: str | None = None  # "shared", "exclusive" or None
        self.keep_shared = False  # hold() asked for it during an exclusive section

    def take(self, exclusive: bool, wait: float) -> bool:
        if self.fd is None:
            self.mode = "exclusive" if exclusive else "shared"
            return True
        deadline = time.monotonic() + wait
        while not _try(self.fd, exclusive):
            if time.monotonic() >= deadline:
                return False
            time.sleep(POLL)
        self.mode = "exclusive" if exclusive else "shared"
        return True

    def drop(self) -> None:
        if self.fd is not None and self.mode is not None:
            with contextlib.suppress(OSError):
                _unlock(self.fd)
        self.mode = None

    def close(self) -> None:
        self.drop()
        if self.fd is not None:
            with contextlib.suppress(OSError):
                os.close(self.fd)
            self.fd = None


_guard = threading.RLock()
_locks: dict[str, _Lock] = {}


def _key(root: Path | str) -> str:
    return os.path.normcase(os.path.abspath(root))


def _open(key: str) -> _Lock:
    """Open (creating) the lock file of the folder ``key``; raises :class:`UserError` with the
    cause when the folder could hold one but it cannot be made (a full disk)."""
    from studio_app.storage import faults

    path = Path(key) / LOCK_FILE
    flags = getattr(os, "O_BINARY", 0) | getattr(os, "O_NOINHERIT", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        return _Lock(key, os.open(path, os.O_RDWR | os.O_CREAT | flags, 0o666))
    except OSError as first:
        with contextlib.suppress(OSError):  # made by another user: reading is enough to lock
            return _Lock(key, os.open(path, os.O_RDONLY | flags))
        if faults.folder_blocker(Path(key)) is not None or not Path(key).is_dir():
            return _Lock(key, None)
        fault = faults.diagnose(first, path)
        why = fault.text if fault is not None else (first.strerror or str(first))
        raise UserError(f"无法使用数据目录 {key}：{why}。") from first


def hold(root: Path | str, *, wait: float = WAIT) -> None:
    """Hold the shared lock of ``root`` until :func:`release` or the end of the process; the
    shared lock of another folder held before is let go. Raises :class:`FolderBusy` when a
    restore, purge or upgrade there does not finish within ``wait`` seconds."""
    key = _key(root)
    with _guard:
        held = _locks.get(key)
        if held is not None:
            held.keep_shared = True
            return
        lock = _open(key)
        if not lock.take(exclusive=False, wait=wait):
            lock.close()
            raise FolderBusy(f"数据目录 {key} 正在恢复备份、清理或升级数据库，请稍后重试。")
        lock.keep_shared = True
        for other in [k for k, v in _locks.items() if v.mode == "shared"]:
            _locks.pop(other).close()
        _locks[key] = lock


def release() -> None:
    """Let go of every folder this process holds."""
    with _guard:
        for lock in _locks.values():
            lock.close()
        _locks.clear()


def holds(root: Path | str) -> str | None:
    """The mode in which this process holds ``root`` ("shared", "exclusive") or None."""
    with _guard:
        lock = _locks.get(_key(root))
        return lock.mode if lock is not None else None


@contextlib.contextmanager
def exclusive(root: Path | str, action: str, *, wait: float = 0.0) -> Iterator[None]:
    """Be alone in ``root`` for ``action`` (a restore, purge or upgrade: "恢复", "清理"…).

    Raises :class:`FolderBusy` (nothing done) when another process holds its lock after
    ``wait`` seconds. Re-entrant; a shared lock of this process is taken back afterwards.
    """
    key = _key(root)
    with _guard:
        lock = _locks.get(key)
        nested = lock is not None and lock.mode == "exclusive"
        added = lock is None
        if lock is None:
            lock = _locks[key] = _open(key)
        if not nested:
            lock.drop()
            if not lock.take(exclusive=True, wait=wait):
                if added or not lock.take(exclusive=False, wait=WAIT):
                    _locks.pop(key).close()
                raise FolderBusy(
                    f"数据目录 {key} 正被其他程序使用（打开的履职台账窗口或正在运行的命令），"
                    f"{action}没有进行，请先关闭程序、等命令结束后再试。"
                )
    try:
        yield
    finally:
        if not nested:
            with _guard:
                if _locks.get(key) is lock:
                    lock.drop()
                    if not lock.keep_shared or not lock.take(exclusive=False, wait=WAIT):
                        _locks.pop(key).close()
