"""Private working folders for files that carry personal data on their way somewhere.

Exports write their workbook (and xlsxwriter its constant-memory sheet files), imports their
checked copy of a package, in a folder of their own under ``temp/`` in the data folder: the
place the database, and so the same data, already lives, never the system temp folder. A
folder is held by an operating-system lock on ``<name>.lock`` beside it for as long as it is
in use; the system drops the lock with its process, even a killed one, so :func:`sweep`
(run before every new working folder) removes exactly the folders of processes that are
gone, at once and never one in use. Where the data folder cannot be written (a read-only
database) the per-user folder ``studio-ledger-temp-<user>`` in the system temp folder
(mode 0700) takes its place.

The same kind of lock, on ``<name>.lock`` in that folder, serialises work that must not run
twice at once in one data folder (:func:`exclusive`, ``_<name>.lock``: package exports and
their numbers).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from studio_app.core.errors import UserError

FOLDER = "temp"  # in the data folder
LOCK_SUFFIX = ".lock"
_WORK = re.compile(r"[a-z]+-[a-z0-9_]{8}")  # "<kind>-" + tempfile's eight characters
POLL = 0.1

if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True


_FLAGS = getattr(os, "O_BINARY", 0) | getattr(os, "O_NOINHERIT", 0) | getattr(os, "O_CLOEXEC", 0)


def _data_folder() -> Path | None:
    """The folder of the open database (``None``: no database, or one in memory)."""
    from studio_app.storage.database import data_folder
    from studio_app.storage.models import database

    db = database.obj
    if db is None or db.is_closed():
        return None
    return data_folder()


def _private(folder: Path) -> bool:
    """``folder`` is a real folder (not a link) of this user that others cannot enter."""
    info = folder.lstat()
    if not stat.S_ISDIR(info.st_mode):
        return False
    if hasattr(os, "getuid"):
        return info.st_uid == os.getuid() and not info.st_mode & 0o077
    return True


def root(data_folder: Path | None = None) -> Path:
    """The app's temporary folder: ``temp/`` in ``data_folder`` (default: that of the open
    database), made if needed, else the per-user fallback in the system temp folder."""
    data_folder = data_folder if data_folder is not None else _data_folder()
    if data_folder is not None:
        folder = data_folder / FOLDER
        with contextlib.suppress(OSError):
            folder.mkdir(mode=0o700, exist_ok=True)
            if folder.is_dir() and os.access(folder, os.W_OK):
                return folder
    folder = _fallback()
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        if not _private(folder):
            raise UserError(f"临时文件夹 {folder} 不是本程序建立的，为安全起见没有使用。")
    except OSError as exc:
        raise UserError(f"无法建立临时文件夹 {folder}：{exc.strerror or exc}") from exc
    return folder


def _fallback() -> Path:
    user = os.getuid() if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")
    return Path(tempfile.gettempdir()) / f"studio-ledger-temp-{user}"


def _lock_file(path: Path, *, create: bool) -> int | None:
    """Open ``path`` and take its lock without waiting; ``None`` when another process holds
    it (or, with ``create`` off, when it is gone)."""
    flags = os.O_RDWR | _FLAGS | (os.O_CREAT if create else 0)
    try:
        fd = os.open(path, flags, 0o600)
    except FileNotFoundError:
        return None
    if _try_lock(fd):
        return fd
    os.close(fd)
    return None


def sweep(folder: Path | None = None) -> list[Path]:
    """Remove the working folders (and their lock files) of processes that are gone.

    A folder whose lock can be taken has no owner any more; a folder without a lock file
    never had one (it is made after its lock). Errors are ignored: what cannot be removed
    now is tried again next time.
    """
    try:
        folder = folder if folder is not None else root()
        entries = list(folder.iterdir())
    except (OSError, UserError):
        return []
    removed = []
    locks = {p.name[: -len(LOCK_SUFFIX)] for p in entries if p.name.endswith(LOCK_SUFFIX)}
    for path in entries:
        name = path.name
        if name.endswith(LOCK_SUFFIX):
            name = name[: -len(LOCK_SUFFIX)]
            if not _WORK.fullmatch(name):
                continue  # not a working folder's (an exclusive() lock): kept
            fd = _lock_file(path, create=False)
            if fd is None:
                continue  # in use
            try:
                _remove(folder / name)
                if sys.platform == "win32":
                    os.close(fd)
                    fd = -1
                path.unlink(missing_ok=True)
            except OSError:
                continue
            finally:
                if fd >= 0:
                    os.close(fd)
            removed.append(folder / name)
        elif _WORK.fullmatch(name) and name not in locks:
            if (folder / f"{name}{LOCK_SUFFIX}").exists():
                continue  # made while the folder was listed: in use
            with contextlib.suppress(OSError):
                _remove(path)
                removed.append(path)
    return removed


def _remove(path: Path) -> None:
    info = path.lstat() if os.path.lexists(path) else None
    if info is None:
        return
    if stat.S_ISDIR(info.st_mode):
        shutil.rmtree(path)
    else:
        path.unlink()


def _new_lock(base: Path, kind: str) -> tuple[int, Path]:
    """A new ``<kind>-XXXXXXXX.lock`` in ``base``, locked by this process."""
    for _ in range(10):
        fd, name = tempfile.mkstemp(prefix=f"{kind}-", suffix=LOCK_SUFFIX, dir=base)
        lock = Path(name)
        # A sweep in another process may have taken and removed it in between: retry then.
        try:
            if _try_lock(fd) and os.path.samestat(os.fstat(fd), os.stat(lock)):
                return fd, lock
        except FileNotFoundError:
            pass
        os.close(fd)
    raise OSError(f"no lock file in {base}")


@contextlib.contextmanager
def workdir(kind: str, data_folder: Path | None = None) -> Iterator[Path]:
    """A fresh private folder ``<kind>-XXXXXXXX`` in the app's temporary folder, held while
    the block runs and removed afterwards; leftovers of killed runs are swept first."""
    base = root(data_folder)
    sweep(base)
    fallback = _fallback()
    if fallback != base and fallback.is_dir() and _private(fallback):
        sweep(fallback)  # left there when the data folder could not be written
    try:
        fd, lock = _new_lock(base, kind)
    except OSError as exc:
        raise UserError(f"无法在临时文件夹 {base} 建立文件：{exc.strerror or exc}") from exc
    folder = lock.with_name(lock.name[: -len(LOCK_SUFFIX)])
    try:
        try:
            folder.mkdir(mode=0o700)
        except OSError as exc:
            raise UserError(f"无法在临时文件夹 {base} 建立文件：{exc.strerror or exc}") from exc
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        if sys.platform == "win32":  # an open file cannot be removed there
            os.close(fd)
            fd = -1
        with contextlib.suppress(OSError):
            lock.unlink()
        if fd >= 0:
            os.close(fd)


class Busy(UserError):
    """Another process holds the lock :func:`exclusive` asked for."""


@contextlib.contextmanager
def exclusive(name: str, busy: str, *, wait: float = 5.0) -> Iterator[None]:
    """Run the block alone among the processes of this data folder (lock ``<name>.lock`` in
    the app's temporary folder); raise :class:`Busy` with ``busy`` after ``wait`` seconds."""
    path = root() / f"_{name}{LOCK_SUFFIX}"  # "_": never taken for a working folder's
    deadline = time.monotonic() + wait
    while True:
        try:
            fd = _lock_file(path, create=True)
        except OSError as exc:
            raise UserError(f"无法建立文件 {path}：{exc.strerror or exc}") from exc
        if fd is not None:
            break
        if time.monotonic() >= deadline:
            raise Busy(busy)
        time.sleep(POLL)
    try:
        yield
    finally:
        os.close(fd)
