"""Database soundness checks (``studio-app check``)."""

from __future__ import annotations

import sqlite3

import peewee as pw

from studio_app.core import kinds
from studio_app.storage import content_check
from studio_app.storage.database import connection as storage_connection
from studio_app.storage.database import on_postgres
from studio_app.storage.migrations import LATEST, current_version
from studio_app.storage.models import database

BUSY_FTS = "全文索引未检查：数据库正被其他程序写入（如导入），稍后再运行 check 即可检查。"
READ_ONLY_FTS = "全文索引未检查：数据库不能写入，只读打开（这项检查要以写入的方式运行）。"


def problems(skipped: list[str] | None = None, *, text_sample: int | None = 100) -> list[str]:
    """Everything wrong with the database, as plain sentences; empty when sound.

    ``text_sample``: how many random records per indexed table have their text checked
    against the search index (None: all of them; see ``storage.content_check``).

    The full-text indexes are checked by a command SQLite runs as a write: while another
    program writes (an import), it is skipped, with a note in ``skipped``, not reported as
    damage; every other check only reads. On PostgreSQL, which checks its own pages and
    foreign keys as it writes, the content, the live counts and the schema are checked.
    """
    db = database.obj
    found: list[str] = []
    if not on_postgres():  # PostgreSQL checks its pages and foreign keys as it writes
        found += _file_checks(db, skipped)
    changed, _ = content_check.mismatches(storage_connection(), sample=text_sample)
    labels = {k.name: k.short_label for k in kinds.all_kinds()}
    for m in changed[:20]:
        found.append(
            f"内容检查：{labels.get(m.table, m.table)} {m.serial or m.record_id} 的文字与搜索索引"
            "不一致，文件中的内容可能被改动（磁盘故障或其他程序写入）"
        )
    for table, kept in db.execute_sql("SELECT table_name, n FROM live_count").fetchall():
        actual = db.execute_sql(
            f'SELECT count(*) FROM "{table}" WHERE deleted_at IS NULL'
        ).fetchone()[0]
        if kept != actual:
            found.append(f"计数表：{table} 记为 {kept} 条，实有 {actual} 条")
    version = current_version(db)
    if version != LATEST:
        found.append(f"数据库结构版本为 {version}，应为 {LATEST}")
    return found


def _file_checks(db: pw.Database, skipped: list[str] | None) -> list[str]:
    """SQLite's own checks of the file: its structure, foreign keys, the full-text indexes."""
    found: list[str] = []
    result = [r[0] for r in db.execute_sql("PRAGMA integrity_check").fetchall()]
    if result != ["ok"]:
        found += [f"完整性检查：{line}" for line in result[:20]]
    for table, rowid, parent, _ in db.execute_sql("PRAGMA foreign_key_check").fetchall()[:20]:
        found.append(f"外键检查：{table} 第 {rowid} 行引用的 {parent} 记录不存在")
    for fts in (k.fts for k in kinds.indexed()):
        try:
            db.execute_sql(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 0)")
        except Exception as exc:  # sqlite reports index corruption as a generic error
            if _busy(exc) or _read_only(exc):
                if skipped is not None:
                    skipped.append(BUSY_FTS if _busy(exc) else READ_ONLY_FTS)
                break
            found.append(f"全文索引 {fts}：{exc}")
    return found


def _read_only(exc: Exception) -> bool:
    """The database was opened read-only (a read-only folder, file or disk): not damage."""
    return isinstance(exc, sqlite3.OperationalError | pw.OperationalError) and (
        "readonly" in str(exc).lower()
    )


def _busy(exc: Exception) -> bool:
    """Another connection holds the write lock (not damage)."""
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError | pw.OperationalError) and (
        "locked" in text or "busy" in text
    )
