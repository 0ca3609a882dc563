"""Putting a finished workbook on the destination (often a USB stick) safely.

The workbook is written on the local disk first, then copied next to its destination under a
temporary name, flushed to the device, renamed, and read back: a stick pulled halfway leaves
either the old state or a verified file, never a half file under the final name.

A process killed during the copy leaves ``<name>.xlsx.part`` beside the destination and a
``studio-export-*`` folder in the system temp folder; the next export removes those of
earlier runs (:func:`remove_stale_parts`, :func:`remove_stale_temp`), never one in use.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import shutil
import stat
import tempfile
import time
from pathlib import Path
from typing import Any

from studio_app.core.errors import UserError
from studio_app.exchange.schema import is_package_name

PART_SUFFIX = ".part"
# A copy under way rewrites its .part every MiB; one untouched this long is a leftover.
STALE_PART = 10 * 60  # seconds
STALE_TEMP = 60 * 60  # seconds; a whole export takes a few minutes at most
# tempfile.mkdtemp's names: the prefix, then eight of [a-z0-9_].
_TEMP_NAME = r"[a-z0-9_]{8}"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _explain(exc: OSError, dest: Path) -> str:
    if exc.errno == errno.ENOSPC:
        return f"目标磁盘已满，文件未保存：{dest}"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"没有权限写入（或U盘处于只读状态）：{dest}"
    if exc.errno in (errno.ENOENT, errno.ENODEV, errno.EIO):
        return f"写入目标时出错（U盘是否已拔出？）：{dest}"
    return f"无法写入 {dest}：{exc.strerror or exc}"


def _copy(src: Any, out: Any) -> None:
    shutil.copyfileobj(src, out, 1 << 20)


def explain(exc: OSError, dest: Path) -> str:
    return _explain(exc, dest)


def deliver(local: Path, dest: Path) -> None:
    """Copy ``local`` to ``dest`` atomically and verify the copy by re-reading it."""
    part = dest.with_name(dest.name + PART_SUFFIX)
    try:
        with local.open("rb") as src, part.open("wb") as out:
            _copy(src, out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(part, dest)
        with contextlib.suppress(OSError):  # not every file system syncs directories
            fd = os.open(dest.parent, os.O_RDONLY)
            os.fsync(fd)
            os.close(fd)
        if sha256_of(dest) != sha256_of(local):
            raise UserError(f"写入后校验不一致，文件可能已损坏，请换一个U盘或目录重试：{dest}")
    except OSError as exc:
        with contextlib.suppress(OSError):
            part.unlink()
        raise UserError(_explain(exc, dest)) from exc
    except UserError:
        with contextlib.suppress(OSError):
            dest.unlink()
        raise


def _is_package_part(name: str) -> bool:
    """A package (as the exporter names them, :func:`schema.is_package_name`) on its way."""
    return name.endswith(PART_SUFFIX) and is_package_name(name.removesuffix(PART_SUFFIX))


def remove_stale_parts(folder: Path, written: Path, *, age: float = STALE_PART) -> list[Path]:
    """Remove ``.part`` files of earlier, interrupted exports from ``folder``.

    Only files named as the exporter names packages, and only those not written for ``age``
    seconds by the clock of the folder's own file system: ``written`` is a file just written
    there (a USB stick keeps local times, which some systems read shifted by hours). Errors
    are ignored: a leftover that cannot be removed now is tried again next time.
    """
    try:
        now = written.stat().st_mtime
        candidates = [p for p in folder.iterdir() if _is_package_part(p.name)]
    except OSError:
        return []
    removed = []
    for path in candidates:
        try:
            info = path.lstat()
            if not stat.S_ISREG(info.st_mode) or now - info.st_mtime < age:
                continue
            path.unlink()
        except OSError:
            continue
        removed.append(path)
    return removed


def remove_stale_temp(prefix: str, *, age: float = STALE_TEMP) -> list[Path]:
    """Remove ``<prefix>XXXXXXXX`` folders of killed runs from the system temp folder.

    Only real folders (not links) of this user whose folder and entries were all last
    written more than ``age`` seconds ago; errors are ignored.
    """
    root = Path(tempfile.gettempdir())
    pattern = re.compile(re.escape(prefix) + _TEMP_NAME)
    now = time.time()
    removed = []
    try:
        candidates = [p for p in root.iterdir() if pattern.fullmatch(p.name)]
    except OSError:
        return []
    for path in candidates:
        try:
            info = path.lstat()
            if not stat.S_ISDIR(info.st_mode):
                continue
            if hasattr(os, "getuid") and info.st_uid != os.getuid():
                continue
            with os.scandir(path) as entries:
                times = [e.stat(follow_symlinks=False).st_mtime for e in entries]
            if now - max([info.st_mtime, *times]) < age:
                continue
            shutil.rmtree(path)
        except OSError:
            continue
        removed.append(path)
    return removed
