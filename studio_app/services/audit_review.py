"""Reviewing the audit log (administrators): filter by user, date and record type; export.

The entries are written by :mod:`studio_app.services.audit`, in the transaction of the
change they record.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from studio_app.core.errors import UserError
from studio_app.core.masking import masked
from studio_app.services import audit
from studio_app.services.context import Context
from studio_app.services.permissions import Permission, require
from studio_app.storage.models import AuditEntry

ACTIONS = {
    "create": "新建",
    "update": "修改",
    "delete": "删除",
    "restore": "恢复",
    "refused": "被拒绝",
    "setup": "设置",
    "export": "导出",
    "import": "导入",
    "print_unmasked": "打印（未遮蔽）",
    "export_unmasked": "导出（未遮蔽）",
    "reset_password": "重设密码",
    "recover": "用恢复密钥重设密码",
    "recovery_key": "更换恢复密钥",
    "login": "登录",
    "login_failed": "登录失败",
}
HEADERS = ("时间（UTC）", "用户", "操作", "记录类型", "记录", "字段", "修改前", "修改后")


@dataclass(frozen=True)
class Entry:
    id: int
    at: datetime
    user: str
    action: str
    record_type: str
    record_uuid: str
    changes: dict[str, list[Any]]

    @property
    def action_label(self) -> str:
        return ACTIONS.get(self.action, self.action)

    def as_dict(self) -> dict[str, Any]:
        return {
            "at": self.at.isoformat(sep=" "),
            "user": self.user,
            "action": self.action,
            "record_type": self.record_type,
            "record": self.record_uuid,
            "changes": self.changes,
        }


def _changes(text: str, show_identifiers: bool) -> dict[str, list[Any]]:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    if not isinstance(value, dict):
        return {}
    return value if show_identifiers else masked(value)


def entries(
    ctx: Context,
    *,
    since: date | None = None,
    until: date | None = None,
    user: str = "",
    record_type: str = "",
    limit: int | None = 5000,
    show_identifiers: bool = False,
) -> list[Entry]:
    """Matching entries, newest first (``until`` is inclusive); identifiers in the changes
    (and the columns derived from them, at any depth: ``core.masking``) masked unless
    ``show_identifiers`` (which needs the grant)."""
    require(ctx, Permission.AUDIT, "audit")
    if show_identifiers:
        require(ctx, Permission.SEE_PII, "audit")
    query = AuditEntry.select()
    if since is not None:
        query = query.where(AuditEntry.at >= datetime.combine(since, datetime.min.time()))
    if until is not None:
        end = datetime.combine(until + timedelta(days=1), datetime.min.time())
        query = query.where(AuditEntry.at < end)
    if user:
        query = query.where(AuditEntry.user == user)
    if record_type:
        query = query.where(AuditEntry.record_type == record_type)
    query = query.order_by(AuditEntry.id.desc())
    if limit:
        query = query.limit(limit)
    return [
        Entry(
            r.id,
            r.at,
            r.user,
            r.action,
            r.record_type,
            r.record_uuid,
            _changes(r.changes, show_identifiers),
        )
        for r in query
    ]


def users_and_types() -> tuple[list[str], list[str]]:
    """The users and record types present in the log, for filter lists."""
    users = [u for (u,) in AuditEntry.select(AuditEntry.user).distinct().tuples()]
    kinds = [k for (k,) in AuditEntry.select(AuditEntry.record_type).distinct().tuples()]
    return sorted(users), sorted(kinds)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _no_formula(cell: str) -> str:
    """Keep spreadsheet programs from running a cell that starts like a formula."""
    if cell[:1] in ("=", "+", "@") or (cell[:1] == "-" and not cell[1:2].isdigit()):
        return "'" + cell
    return cell


def rows(found: list[Entry]) -> list[list[str]]:
    """One row per changed field (one row for an entry without fields)."""
    out = []
    for e in found:
        head = [e.at.isoformat(sep=" "), e.user, e.action_label, e.record_type, e.record_uuid]
        if not e.changes:
            out.append([*head, "", "", ""])
        for key, pair in e.changes.items():
            pair = pair if isinstance(pair, list) else [None, pair]
            before, after = [*pair, None, None][:2]
            out.append([*head, key, _text(before), _text(after)])
    return out


def _write_xlsx(path: str, table: list[list[str]]) -> None:
    """Plain text cells only (never a formula or markup); a cell Excel cannot hold refuses."""
    from studio_app import scratch
    from studio_app.core.xlsx import PlainWorkbook

    with scratch.workdir("audit") as work:  # xlsxwriter's files: every entry as plain text
        _write_book(PlainWorkbook(path, tmpdir=work), table)


def _write_book(book: Any, table: list[list[str]]) -> None:
    """The one sheet of the audit workbook, then close it (the file is written then)."""
    from studio_app.core.xlsx import CellNotWritten, write_text

    sheet = book.add_worksheet("操作日志")
    for j, head in enumerate(HEADERS):
        write_text(sheet, 0, j, head)
    for i, row in enumerate(table, start=1):
        for j, cell in enumerate(row):
            try:
                write_text(sheet, i, j, cell)
            except CellNotWritten as exc:
                raise UserError(
                    f"{row[0]} 的日志（记录 {row[4]}）中“{HEADERS[j]}”无法写入 Excel："
                    f"{exc.reason}。请改为导出 .csv 文件。"
                ) from exc
    sheet.set_column(0, 0, 20)
    sheet.set_column(4, 4, 38)
    sheet.set_column(6, 7, 30)
    book.close()


def export(ctx: Context, found: list[Entry], dest: Path, *, show_identifiers: bool = False) -> Path:
    """Write ``found`` to a .csv or .xlsx file (temporary file, then renamed); an export
    with identifiers shown is itself audited."""
    require(ctx, Permission.AUDIT, "audit")
    dest = Path(dest)
    suffix = dest.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise UserError("导出文件应以 .csv 或 .xlsx 结尾。")
    if not dest.parent.is_dir():
        raise UserError(f"文件夹不存在：{dest.parent}")
    table = rows(found)
    fd, tmp = tempfile.mkstemp(suffix=suffix, dir=dest.parent)
    os.close(fd)
    try:
        if suffix == ".csv":
            with open(tmp, "w", newline="", encoding="utf-8-sig") as f:
                writer = csv.writer(f)
                writer.writerow(HEADERS)
                writer.writerows([[_no_formula(c) for c in row] for row in table])
        else:
            _write_xlsx(tmp, table)
        os.replace(tmp, dest)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise UserError(f"无法写入 {dest}：{exc.strerror or exc}") from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if show_identifiers:
        audit.record(ctx, "export_unmasked", "audit", "", {"file": (None, dest.name)})
    return dest
