"""Opening a data directory: the database, the local site and the acting user."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import peewee as pw

from studio_app.core.errors import UserError
from studio_app.paths import DataDir
from studio_app.services import site as site_service
from studio_app.services.context import Context
from studio_app.storage.database import close_database, open_database
from studio_app.storage.models import Site

DEMO_SITE = {
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

    def context(self, user: str = "admin") -> Context:
        return site_service.context_for(site_service.require_site(), user)

    def close(self) -> None:
        close_database()


def explain(exc: Exception) -> str:
    """SQLite's English error in plain Chinese."""
    text = str(exc).lower()
    if "not a database" in text or "malformed" in text:
        return "文件已损坏，或不是本程序的数据库。"
    if "locked" in text or "busy" in text:
        return "数据库正被其他程序使用，请稍后重试。"
    if "disk" in text and "full" in text:
        return "磁盘已满。"
    if "readonly" in text or "read-only" in text:
        return "文件是只读的。"
    return str(exc)


def open_workspace(data_dir: DataDir) -> Workspace:
    """Open (creating and migrating as needed) the database of ``data_dir``."""
    try:
        data_dir.create()
        open_database(data_dir.database)
    except UserError:
        close_database()
        raise
    except PermissionError as exc:
        raise UserError(f"无法写入数据目录 {data_dir.root}：没有权限。") from exc
    except (sqlite3.DatabaseError, pw.DatabaseError) as exc:
        close_database()
        raise UserError(f"无法打开数据库 {data_dir.database}：{explain(exc)}") from exc
    except OSError as exc:
        raise UserError(f"无法使用数据目录 {data_dir.root}：{exc.strerror or exc}") from exc
    return Workspace(data_dir, site_service.local_site())


def ensure_demo(workspace: Workspace, visits: int = DEMO_VISITS) -> bool:
    """Set up a demo studio with demo data when the database is empty; True if it did."""
    if workspace.site is not None:
        return False
    from studio_app.services import demo

    workspace.site = site_service.setup(**DEMO_SITE)
    demo.generate(workspace.context(), visits=visits, seed=1)
    return True
