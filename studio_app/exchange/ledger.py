"""The monthly ledger workbook (台账 + statistics): for people to read and print, never imported.

Sheets: 接待走访台账 (one row per visit of the month, printable: landscape A4, fit to width,
header repeated on every page), 月度统计 (the tables of docs/PRODUCT.md workflow 7 from
``services.statistics``) and, in county mode, 各工作室 (one row per studio plus the county
total). Confidential visits are listed without their content. Every cell goes through
``core.xlsx`` (text never a formula or markup, return codes checked: nothing cut silently).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from studio_app import scratch
from studio_app.core import codes as c
from studio_app.core.errors import UserError
from studio_app.core.xlsx import CellNotWritten, PlainWorkbook, check, write_text
from studio_app.exchange.files import deliver, remove_stale_temp
from studio_app.exchange.schema import name_part
from studio_app.exchange.tables import sql
from studio_app.services import statistics as st
from studio_app.services.context import Context
from studio_app.services.site import code_labels, require_site
from studio_app.services.stat_terms import TERMS as T
from studio_app.storage.models import Site

LEDGER_COLUMNS = (
    ("序号", 6), ("编号", 14), ("接待时间", 16), ("接待方式", 10), ("值班/走访委员", 14),
    ("来访群众", 12), ("问题类别", 12), ("反映内容", 48), ("处理方式", 12), ("转办单位", 14),
    ("办理时限", 11), ("办理结果", 30), ("状态", 8), ("满意度", 9),
)  # fmt: skip


TEMP_PREFIX = "studio-ledger-"  # system temp folders of earlier versions, still swept


def _visits(period: st.Period) -> list[tuple[Any, ...]]:
    return list(
        sql(
            "SELECT serial, occurred_at, channel, member_names, resident_names, category, content,"
            " handling, referred_unit, due_at, result, status, satisfaction, confidential"
            " FROM visit WHERE deleted_at IS NULL AND occurred_at >= ? AND occurred_at < ?"
            " ORDER BY occurred_at, id",
            (period.start.isoformat(), period.end.isoformat()),
        )
    )


def _label(enum: type[c.Coded], code: str) -> str:
    try:
        return enum(code).label if code else ""
    except ValueError:
        return code


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


class _Book:
    def __init__(self, path: Path, work: Path) -> None:
        self.book = PlainWorkbook(path, tmpdir=work)
        f = self.book.add_format
        self.title = f({"bold": True, "font_size": 16, "align": "center"})
        self.head = f({"bold": True, "border": 1, "bg_color": "#DDEBF7", "text_wrap": True,
                       "align": "center", "valign": "vcenter"})  # fmt: skip
        self.cell = f({"border": 1, "text_wrap": True, "valign": "top"})
        self.when = f({"border": 1, "valign": "top", "num_format": 'yyyy"年"m"月"d"日" hh:mm'})
        self.day = f({"border": 1, "valign": "top", "num_format": 'yyyy"年"m"月"d"日"'})
        self.bold = f({"bold": True})

    def table(self, ws: Any, row: int, title: str, header: list[str], rows: list[list[Any]]) -> int:
        write_text(ws, row, 0, title, self.bold)
        for i, text in enumerate(header):
            write_text(ws, row + 1, i, text, self.head)
        for r, values in enumerate(rows, start=row + 2):
            for i, value in enumerate(values):
                self.value(ws, r, i, value)
        return row + len(rows) + 3

    def value(self, ws: Any, row: int, col: int, value: Any) -> None:
        """A number as a number, anything else as plain text (never ``write``'s guesses)."""
        if value is None:
            check(ws.write_blank(row, col, None, self.cell), ws, row, col)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            check(ws.write_number(row, col, value, self.cell), ws, row, col)
        else:
            write_text(ws, row, col, str(value), self.cell)


def _ledger_sheet(b: _Book, site_name: str, period: st.Period) -> None:
    ws = b.book.add_worksheet("接待走访台账")
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(1)
    ws.set_margins(0.4, 0.4, 0.6, 0.6)
    ws.set_footer("&C第 &P 页，共 &N 页")
    width = len(LEDGER_COLUMNS)
    check(ws.merge_range(0, 0, 0, width - 1, "", b.title), ws, 0, 0)
    write_text(ws, 0, 0, f"{site_name}接待走访台账（{period.label}）", b.title)
    for i, (head, w) in enumerate(LEDGER_COLUMNS):
        ws.set_column(i, i, w)
        write_text(ws, 1, i, head, b.head)
    ws.freeze_panes(2, 0)
    categories = code_labels(c.CodeListKind.ISSUE_CATEGORY.value)
    units = code_labels(c.CodeListKind.HANDLING_UNIT.value)
    for n, v in enumerate(_visits(period), start=1):
        (serial, occurred, channel, members, residents, category, content, handling, unit,
         due, result, status, satisfaction, confidential) = v  # fmt: skip
        r = n + 1
        try:
            check(ws.write_number(r, 0, n, b.cell), ws, r, 0)
            check(ws.write_datetime(r, 2, datetime.fromisoformat(occurred), b.when), ws, r, 2)
            if due:
                check(ws.write_datetime(r, 10, datetime.fromisoformat(due), b.day), ws, r, 10)
            else:
                check(ws.write_blank(r, 10, None, b.cell), ws, r, 10)
            texts = {
                1: serial or "",
                3: _label(c.Channel, channel),
                4: members,
                5: "（保密）" if confidential else residents,
                6: categories.get(category, category),
                7: "（保密事项，不列内容）" if confidential else content,
                8: _label(c.Handling, handling),
                9: units.get(unit, unit),
                11: "" if confidential else result,
                12: _label(c.VisitStatus, status),
                13: _label(c.Satisfaction, satisfaction),
            }
            for i, text in texts.items():
                write_text(ws, r, i, text or "", b.cell)
        except CellNotWritten as exc:
            raise UserError(
                f"接待走访“{serial}”的“{LEDGER_COLUMNS[exc.col][0]}”无法写入台账：{exc.reason}，"
                "未生成文件。"
            ) from exc


def _stats_sheet(b: _Book, report: st.Report) -> None:
    ws = b.book.add_worksheet("月度统计")
    ws.set_column(0, 0, 24)
    ws.set_column(1, 5, 12)
    ws.fit_to_pages(1, 0)
    write_text(ws, 0, 0, f"{report.scope} 履职统计（{report.period.label}）", b.title)
    summary: list[list[Any]] = [
        [T.visits, report.visits], [T.closed, report.closed],
        [T.closure_rate, _rate(report.closure_rate)], [T.referred, report.referred],
        [T.due, report.due], [T.on_time, report.on_time],
        [T.on_time_rate, _rate(report.on_time_rate)],
        [T.satisfaction_rate, _rate(report.satisfaction_rate)],
        *([t.label, report.counted[name]] for name, t in st.tallies()),
        [T.proposals, sum(i.count for i in report.proposals)],
    ]  # fmt: skip
    row = b.table(ws, 2, "总体情况", ["项目", "数值"], summary)
    for title, items in (
        (T.by_category, report.by_category), (T.by_channel, report.by_channel),
        (T.by_handling, report.by_handling), (T.by_status, report.by_status),
        (T.by_village, report.by_village), (T.satisfaction, report.satisfaction),
        (T.by_proposal_kind, report.proposals), ("县政协审查结果", report.proposal_reviews),
    ):  # fmt: skip
        row = b.table(ws, row, title, ["项目", "件数"], [[i.label, i.count] for i in items])
    counted = st.tallies()
    b.table(
        ws, row, T.member_activity,
        ["委员", "界别", T.visits, *(t.label for _, t in counted), T.proposals],
        [[m.name, m.sector, m.visits, *(m.counted.get(name, 0) for name, _ in counted),
          m.proposals] for m in report.members],
    )  # fmt: skip


def _sites_sheet(b: _Book, reports: list[st.Report]) -> None:
    ws = b.book.add_worksheet("各工作室")
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    counted = st.tallies()
    header = ["工作室", T.visits, T.closed, T.closure_rate, T.referred, T.on_time_rate,
              T.satisfaction_rate, *(t.label for _, t in counted), T.proposals]  # fmt: skip
    ws.set_column(0, 0, 26)
    ws.set_column(1, len(header) - 1, 11)
    rows = [
        [r.scope, r.visits, r.closed, _rate(r.closure_rate), r.referred, _rate(r.on_time_rate),
         _rate(r.satisfaction_rate), *(r.counted[name] for name, _ in counted),
         sum(i.count for i in r.proposals)]
        for r in reports
    ]  # fmt: skip
    b.table(ws, 0, f"各工作室履职情况（{reports[-1].period.label}）", header, rows)


def file_name(site: Site, month: str) -> str:
    """``石桥镇政协委员工作室_履职台账_2026-11.xlsx``: the site's name (its code where the name
    is not usable in a file name), then what and which month."""
    return f"{name_part(site.name, site.code)}_履职台账_{month}.xlsx"


def export_ledger(ctx: Context, dest: Path, month: str) -> Path:
    """Write the ledger workbook of ``month`` (``2026-11``) to ``dest`` (folder or .xlsx)."""
    period = st.Period.parse(month)
    if period.end - period.start > timedelta(days=31):
        raise UserError("台账按月导出，请写作 2026-11 这样的月份。")
    site = require_site()
    name = file_name(site, period.slug)
    if dest.suffix.lower() == ".xlsx":
        target = dest
    elif dest.is_dir():
        target = dest / name
    else:
        raise UserError(f"目标文件夹不存在：{dest}")
    remove_stale_temp(TEMP_PREFIX)  # left in the system temp folder by earlier versions
    with scratch.workdir("ledger") as work:  # swept by the next export if this one is killed
        local = work / name
        book = _Book(local, work)
        try:
            _ledger_sheet(book, site.name, period)
            _stats_sheet(
                book,
                st.report(period) if ctx.is_county else st.report(period, origin_site=site.uuid),
            )
            if ctx.is_county:
                _sites_sheet(book, st.by_site(period))
        except BaseException:
            book.book.discard()  # its temporary files, at once: nothing is written
            raise
        book.book.close()
        deliver(local, target)
    return target
