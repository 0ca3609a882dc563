"""Writing a PDF atomically: a temp file next to the destination, then ``os.replace``.

A failure at any point (bad folder, disk full, cancel, a bug) removes the temp file, so the
destination is either the complete new document or whatever was there before.
"""

from __future__ import annotations

import errno
import logging
import os
import tempfile
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import BinaryIO

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from studio_app.core.errors import UserError

log = logging.getLogger("studio_app.reports")

CREATOR = "委员工作室履职台账 Studio Ledger"

# mkstemp creates files readable by the owner only; a saved PDF gets the usual mode.
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "磁盘已满"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "没有写入权限"
    return exc.strerror or str(exc)


def write_atomic(dest: Path | str, produce: Callable[[BinaryIO], object]) -> Path:
    """Create ``dest`` from what ``produce`` writes to a binary file; returns the path."""
    dest = Path(dest).expanduser().absolute()
    folder = dest.parent
    if dest.is_dir():
        raise UserError(f"无法保存 PDF：{dest} 是一个文件夹，请给出文件名。")
    if not folder.is_dir():
        what = "不是文件夹" if folder.exists() else "不存在"
        raise UserError(f"无法保存 PDF：文件夹 {folder} {what}。")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{dest.stem[:40]}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise UserError(f"无法保存 PDF 到 {folder}：{_reason(exc)}。") from exc
    # Binary (not ASCII85) streams: a fifth smaller, and nobody mails these as 7-bit text.
    rl_config.useA85 = 0
    try:
        with os.fdopen(fd, "wb") as fh:
            produce(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, dest)
    except OSError as exc:
        with suppress(OSError):
            os.unlink(tmp)
        raise UserError(f"无法保存 PDF {dest}：{_reason(exc)}。") from exc
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise
    log.info("wrote %s", dest)
    return dest


def write_pdf(
    dest: Path | str, draw: Callable[[Canvas], object], *, title: str, font: str | None = None
) -> Path:
    """Create ``dest`` with what ``draw`` puts on a fresh A4 canvas; returns the path.

    ``font`` becomes the canvas's initial font, so no unused Helvetica is listed.
    """

    def produce(fh: BinaryIO) -> None:
        canvas = Canvas(
            fh,
            pagesize=A4,
            pageCompression=1,
            initialFontName=font,  # type: ignore[arg-type]  # the stubs say a number
            lang="zh-CN",
        )
        canvas.setTitle(title)
        canvas.setCreator(CREATOR)
        canvas.setProducer(CREATOR)
        draw(canvas)
        canvas.save()

    return write_atomic(dest, produce)
