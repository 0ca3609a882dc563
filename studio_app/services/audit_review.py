"""Reviewing the audit log (administrators): filter by user, date and record type; export.

The entries are written by :mod:`studio_app.services.audit`, in the transaction of the
change they record, with codes, uuids and UTC times; they are read here in words
(:mod:`studio_app.services.audit_words`) and in local time, on the page, on the command
line and in the CSV/Excel export alike.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from studio_app.core import kinds
from studio_app.core.errors import UserError
from studio_app.core.masking import masked, maskers
from studio_app.services import audit
from studio_app.services.audit_labels import type_label
from studio_app.services.audit_words import Line, Words, local_time
from studio_app.services.context import Context
from studio_app.services.permissions import Permission, require
from studio_app.storage.models import AuditEntry

HEADERS = ("时间", "用户", "操作", "记录类型", "记录", "字段", "修改前", "修改后")


@dataclass(frozen=True)
class Entry:
    """An entry as stored (``at`` naive UTC; ``changes`` masked unless shown) and in words."""

    id: int
    at: datetime
    user: str
    action: str
    record_type: str
    record_uuid: str
    changes: dict[str, list[Any]]
    local_at: datetime  # ``at`` on this machine's clock
    user_label: str  # the user's name and login
    action_label: str  # the step as its kind declares it, e.g. 开始办理
    type_label: str  # e.g. 接待走访记录
    record_label: str  # serial, name, login or file name; a gone record's shortened uuid
    lines: tuple[Line, ...]  # each field in words, before and after

    @property
    def time_text(self) -> str:
        return f"{self.local_at:%Y-%m-%d %H:%M:%S}"

    @property
    def summary(self) -> str:
        """The changes on one line: "问题类别：环境卫生 → 道路交通；…"."""
        return "；".join(line.text for line in self.lines)

    def as_dict(self) -> dict[str, Any]:
        return {
            "at": self.time_text,
            "at_utc": self.at.isoformat(sep=" "),
            "user": self.user,
            "user_label": self.user_label,
            "action": self.action,
            "action_label": self.action_label,
            "record_type": self.record_type,
            "record_type_label": self.type_label,
            "record": self.record_uuid,
            "record_label": self.record_label,
            "changes": self.changes,
            "details": [
                {"key": x.key, "field": x.label, "before": x.before, "after": x.after}
                for x in self.lines
            ],
        }


def _changes(text: str, show_identifiers: bool) -> dict[str, list[Any]]:
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    if not isinstance(value, dict):
        return {}
    if show_identifiers or not any(f'"{key}"' in text for key in maskers()):
        return value  # no identifier key at any depth (keys are stored as written)
    return masked(value)


def utc_start(day: date) -> datetime:
    """The stored (naive UTC) time at which local day ``day`` begins."""
    return datetime.combine(day, time()).astimezone(UTC).replace(tzinfo=None)


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
    """Matching entries, newest first; ``since`` and ``until`` are local days (``until``
    inclusive). Identifiers in the changes (and the columns derived from them, at any depth:
    ``core.masking``) are masked unless ``show_identifiers`` (which needs the grant), before
    anything is put in words."""
    require(ctx, Permission.AUDIT, "audit")
    if show_identifiers:
        require(ctx, Permission.SEE_PII, "audit")
    e = AuditEntry
    query = e.select(e.id, e.at, e.user, e.action, e.record_type, e.record_uuid, e.changes)
    if since is not None:
        query = query.where(e.at >= utc_start(since))
    if until is not None:
        query = query.where(e.at < utc_start(until + timedelta(days=1)))
    if user:
        query = query.where(e.user == user)
    if record_type:
        query = query.where(e.record_type == record_type)
    query = query.order_by(e.id.desc())
    if limit:
        query = query.limit(limit)
    stored = [(*row[:6], _changes(row[6], show_identifiers)) for row in query.tuples()]
    words = Words((user, kind, uuid, action, ch) for _, _, user, action, kind, uuid, ch in stored)
    return [
        Entry(
            id_,
            at,
            user,
            action,
            kind,
            uuid,
            ch,
            local_time(at),
            words.user(user),
            words.action(kind, action),
            type_label(kind),
            words.record(kind, uuid, ch),
            words.lines(kind, action, ch),
        )
        for id_, at, user, action, kind, uuid, ch in stored
    ]


def filter_choices() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The users and record types present in the log, as (value, label) for filter lists:
    users by name, record types in the kinds' order, then the others by label."""
    logins = [u for (u,) in AuditEntry.select(AuditEntry.user).distinct().tuples()]
    words = Words((login, "", "", "", {}) for login in logins)
    users = sorted(((u, words.user(u)) for u in logins), key=lambda pair: pair[1])
    present = {t for (t,) in AuditEntry.select(AuditEntry.record_type).distinct().tuples()}
    declared = [k.name for k in kinds.all_kinds() if k.name in present]
    others = sorted(present - set(declared), key=type_label)
    return users, [(t, type_label(t)) for t in (*declared, *others)]


def _no_formula(cell: str) -> str:
    """Keep spreadsheet programs from running a cell that starts like a formula."""
    if cell[:1] in ("=", "+", "@") or (cell[:1] == "-" and not cell[1:2].isdigit()):
        return "'" + cell
    return cell


def rows(found: list[Entry]) -> list[list[str]]:
    """One row per changed field (one row for an entry without fields), in words as the
    page shows them: local time, the user's name, labels, the record's serial or name."""
    out = []
    for e in found:
        head = [e.time_text, e.user_label, e.action_label, e.type_label, e.record_label]
        if not e.lines:
            out.append([*head, "", "", ""])
        out.extend([*head, line.label, line.before, line.after] for line in e.lines)
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
    sheet.set_column(1, 4, 16)
    sheet.set_column(5, 5, 18)
    sheet.set_column(6, 7, 40)
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
