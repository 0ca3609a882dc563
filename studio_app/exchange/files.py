"""Putting a finished workbook on the destination (often a USB stick) safely.

The workbook is written on the local disk first, then copied next to its destination under a
temporary name, flushed to the device, renamed, and read back: a stick pulled halfway leaves
either the old state or a verified file, never a half file under the final name.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
from pathlib import Path
from typing import Any

from studio_app.core.errors import UserError


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
    part = dest.with_name(dest.name + ".part")
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
