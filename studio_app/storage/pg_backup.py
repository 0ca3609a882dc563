"""Backups of a county's PostgreSQL database: ``pg_dump`` in its custom format, checked by
``pg_restore --list`` before it takes its final name; a restore with ``pg_restore`` into an
empty database, checked by opening what it wrote (docs/BACKUPS.md).

The tools come with PostgreSQL (its client tools on an office PC): ``STUDIO_APP_PG_BIN``
names their folder, else they are looked for on the PATH and where PostgreSQL installs them.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

from studio_app.storage.backup import DUMP_MAGIC, PARTIAL_SUFFIX, BackupError
from studio_app.storage.postgres import PgTarget

TOOLS_VAR = "STUDIO_APP_PG_BIN"
_SEARCHED = (
    "/usr/lib/postgresql/*/bin",
    "C:/Program Files/PostgreSQL/*/bin",
    "/Applications/Postgres.app/Contents/Versions/*/bin",
)


def tool(name: str) -> str:
    """The path of PostgreSQL's ``name`` (pg_dump, pg_restore), the newest found."""
    given = os.environ.get(TOOLS_VAR)
    candidates = [str(Path(given) / name)] if given else []
    on_path = shutil.which(name)
    candidates += [on_path] if on_path else []
    for pattern in _SEARCHED:
        candidates += sorted(glob.glob(f"{pattern}/{name}*"), reverse=True)
    for found in candidates:
        if Path(found).is_file() and os.access(found, os.X_OK):
            return found
    raise BackupError(
        f"找不到 PostgreSQL 的 {name} 程序：请在本机安装 PostgreSQL 客户端工具，"
        f"或用环境变量 {TOOLS_VAR} 指明其所在文件夹"
    )


def _run(command: list[str], password: str | None, what: str) -> str:
    env = dict(os.environ)
    if password:
        env["PGPASSWORD"] = password
    env.setdefault("PGCONNECT_TIMEOUT", "10")
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=3600)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BackupError(f"{what}没有完成：{exc}") from exc
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip().splitlines()
        raise BackupError(f"{what}没有完成：{said[-1] if said else done.returncode}")
    return done.stdout


def _where(target: PgTarget) -> list[str]:
    return ["-h", target.host, "-p", str(target.port), "-U", target.user, "-w"]


def file_name(taken_at: datetime, reason: str, n: int = 1) -> str:
    return f"county-{taken_at:%Y%m%d-%H%M%S}-{reason}{'-' + str(n) if n > 1 else ''}.dump"


def check(path: Path) -> str | None:
    """Why the dump at ``path`` cannot be restored (one sentence), or None when it can."""
    try:
        with open(path, "rb") as f:
            head = f.read(len(DUMP_MAGIC))
    except OSError as exc:
        return f"无法读取 {path}：{exc.strerror or exc}"
    if head != DUMP_MAGIC:
        return f"{path.name} 不是本程序的 PostgreSQL 备份（pg_dump 自定义格式）"
    try:
        listing = _run([tool("pg_restore"), "--list", str(path)], None, "检查备份")
    except BackupError as exc:
        return str(exc)
    if not re.search(r"TABLE DATA \S+ schema_version ", listing):
        return f"{path.name} 中没有本程序的数据库"
    return None


def dump(
    target: PgTarget, password: str | None, folder: Path, reason: str, taken_at: datetime
) -> Path:
    """Write a checked dump of ``target`` into ``folder``; its final path. Nothing is left
    under a final name when it fails (:class:`BackupError`)."""
    if not re.fullmatch(r"[a-z]+", reason):
        raise ValueError(f"bad backup reason {reason!r}")
    n = 1
    while (folder / file_name(taken_at, reason, n)).exists():
        n += 1
    final = folder / file_name(taken_at, reason, n)
    temp = folder / f".{final.name}.{os.getpid()}{PARTIAL_SUFFIX}"
    try:
        command = [tool("pg_dump"), *_where(target), "-Fc", "-f", str(temp), target.dbname]
        _run(command, password, "备份")
        problem = check(temp)
        if problem is not None:
            raise BackupError(f"备份副本未通过检查：{problem}")
        os.replace(temp, final)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return final


def restore(path: Path, target: PgTarget, password: str | None) -> None:
    """Restore the dump at ``path`` into the empty database ``target``, all or nothing."""
    problem = check(path)
    if problem is not None:
        raise BackupError(problem)
    options = ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
    command = [tool("pg_restore"), *_where(target), *options, "-d", target.dbname, str(path)]
    _run(command, password, "恢复")
