"""Database soundness checks (``studio-app check``)."""

from __future__ import annotations

from studio_app.storage.migrations import LATEST, current_version
from studio_app.storage.models import database


def problems() -> list[str]:
    """Everything wrong with the database, as plain sentences; empty when sound."""
    db = database.obj
    found: list[str] = []
    result = [r[0] for r in db.execute_sql("PRAGMA integrity_check").fetchall()]
    if result != ["ok"]:
        found += [f"完整性检查：{line}" for line in result[:20]]
    for table, rowid, parent, _ in db.execute_sql("PRAGMA foreign_key_check").fetchall()[:20]:
        found.append(f"外键检查：{table} 第 {rowid} 行引用的 {parent} 记录不存在")
    for fts in ("visit_fts", "interview_fts", "proposal_fts"):
        try:
            db.execute_sql(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 0)")
        except Exception as exc:  # sqlite reports index corruption as a generic error
            found.append(f"全文索引 {fts}：{exc}")
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
