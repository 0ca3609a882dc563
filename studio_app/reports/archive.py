"""委员履职档案: a member's year on A4, and every member's behind a cover sheet.

An archive is the member's declared information, the year's activities with the member's
attendance, the proposals and 社情民意 led or co-signed with the county's result, the other
duty records counted by kind, the points by rule with the county's adjustments and the
total (caps applied, :mod:`~studio_app.services.points`), the yearly minimums met or not,
and a signature block. A member's archive reads a few queries, whatever the records.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from studio_app.core import codes as c
from studio_app.core import kinds
from studio_app.core.errors import UserError
from studio_app.reports import lookup
from studio_app.reports.documents import PrintResult
from studio_app.reports.fonts import print_font
from studio_app.reports.pdfwrite import write_pdf
from studio_app.reports.record_form import RecordForms
from studio_app.reports.sheet import Block, Form, FormWriter, Grid, Pair, Row
from studio_app.reports.text import cn_date, label
from studio_app.services import points
from studio_app.services.context import Context
from studio_app.services.print_settings import font_path
from studio_app.services.site import code_labels
from studio_app.storage.models import Member, database

SIGNATURES = ("委员本人", "工作室负责人", "县政协")
MET, UNMET = "√", "未达到"
SERIALS_SHOWN = 10  # a kind's serials listed at most; more are counted
CHUNK = 500
OWN_TABLES = (kinds.ACTIVITY.name, kinds.PROPOSAL.name)  # printed as tables of their own
ROLE_LEAD, ROLE_CO = "第一提案人", "联名人"

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


def _year_range(year: int) -> tuple[str, str]:
    return f"{year:04d}-01-01", f"{year + 1:04d}-01-01"


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _short_day(day: date) -> str:
    return f"{day.month}月{day.day}日"


def attendance_rows(member_id: int, year: int) -> list[tuple[Any, ...]]:
    """The year's live activities naming the member: (day, title, kind, attendance, reason)."""
    sql = (
        "SELECT a.starts_at, a.title, a.kind, x.attendance, x.reason FROM activity_attendance x"
        " JOIN activity a ON a.id = x.activity_id WHERE x.member_id = ? AND a.deleted_at IS NULL"
        " AND a.starts_at >= ? AND a.starts_at < ? ORDER BY a.starts_at, a.id"
    )
    return database.execute_sql(sql, (member_id, *_year_range(year))).fetchall()


def proposal_rows(member_id: int, year: int) -> list[tuple[Any, ...]]:
    """The year's live proposal-type records the member led or co-signed (dated as the points
    date them): (serial, kind, title, led, review, adoption level, instruction leader, key
    proposal, excellent proposal)."""
    columns = "p.id, p.submitted_at, p.serial, p.kind, p.title, {led}, p.review, " \
              "p.adoption_level, p.instruction_leader, p.key_proposal, p.excellent"  # fmt: skip
    live = "p.deleted_at IS NULL AND p.submitted_at >= ? AND p.submitted_at < ?"
    sql = (
        f"SELECT {columns.format(led=1)} FROM proposal p WHERE p.lead_member_id = ? AND {live}"
        f" UNION ALL SELECT {columns.format(led=0)} FROM proposal_co_signer s"
        f" JOIN proposal p ON p.id = s.proposal_id WHERE s.member_id = ? AND {live}"
        " ORDER BY 2, 1"
    )
    span = _year_range(year)
    return [row[2:] for row in database.execute_sql(sql, (member_id, *span, member_id, *span))]


def result(
    review: str | None, level: str | None, leader: str | None, key: Any = 0, excellent: Any = 0
) -> str:
    """The county's result of a proposal, e.g. 立案；重点提案；获张县长批示."""
    parts = [label(c.Review, review)] if review else []
    parts += [name for name, flag in (("重点提案", key), ("优秀提案", excellent)) if flag]
    if level:
        by = (
            "全国政协"
            if level == c.AdoptionLevel.NATIONAL
            else f"{label(c.AdoptionLevel, level)}级"
        )
        parts.append(f"被{by}采用")
    if leader:
        parts.append(f"获{leader}批示")
    return "；".join(parts)


def serials_text(serials: Sequence[str]) -> str:
    shown = [s for s in serials if s]
    if len(shown) <= SERIALS_SHOWN:
        return "、".join(shown)
    return f"{'、'.join(shown[:SERIALS_SHOWN])}等{len(shown)}件"


class Archives:
    """Builds members' archives of one year; the rules, labels and studio names read once."""

    def __init__(self, year: int, *, show_pii: bool, printed: date) -> None:
        self.year, self.printed = year, printed
        self.fields = RecordForms(kinds.MEMBER, show_pii=show_pii)
        self.labels = points.labels(year)
        self.rules = points.rules(year)
        self.sites = lookup.site_names()
        self.local = lookup.local_name()
        self.activity_kinds = code_labels(c.CodeListKind.ACTIVITY_KIND.value)

    def studio(self, uuid: str) -> str:
        return self.sites.get(uuid, self.local) if uuid else self.local

    def _field(self, member: Member, key: str) -> str:
        return self.fields.text(kinds.MEMBER.field(key), getattr(member, key))

    def basics(self, member: Member) -> list[Row]:
        f = self._field
        return [
            Pair(("姓名", member.name), ("性别", f(member, "gender"))),
            Pair(("界别", f(member, "sector")), ("政治面貌", f(member, "party"))),
            Block("工作单位及职务", f(member, "unit_and_post")),
            Pair(("联系电话", f(member, "phone")), ("是否常委", f(member, "is_standing"))),
            Pair(("届次", f(member, "term")), ("所属工作室", self.studio(member.studio))),
        ]

    def activities(self, member_id: int) -> Grid:
        found = attendance_rows(member_id, self.year)
        lines = [
            [_short_day(_day(day)), title, self.activity_kinds.get(kind, kind),
             label(c.Attendance, how), reason or ""]
            for day, title, kind, how, reason in found
        ]  # fmt: skip
        n = Counter(row[3] for row in found)
        caption = (
            f"参加委员活动（{len(found)}次：出席{n[c.Attendance.PRESENT]}次、"
            f"请假{n[c.Attendance.LEAVE]}次、缺席{n[c.Attendance.ABSENT]}次）"
        )
        headers = ["日期", "活动名称", "活动类型", "出席情况", "请假事由"]
        return Grid(caption, headers, lines, least=(5, 10, 4, 4, 5))

    def proposals(self, member_id: int) -> Grid:
        found = proposal_rows(member_id, self.year)
        lines = [
            [serial or "", label(c.ProposalKind, kind), title, ROLE_LEAD if led else ROLE_CO,
             result(*county)]
            for serial, kind, title, led, *county in found
        ]  # fmt: skip
        headers = ["编号", "类型", "案由/标题", "身份", "办理结果"]
        return Grid(f"提案和社情民意（{len(lines)}件）", headers, lines, least=(6, 4, 10, 5, 6))

    def others(self, entries: Sequence[points.Entry]) -> Grid:
        """The other kinds that earn points: records counted, their serials when few."""
        by_kind: dict[str, dict[int, str]] = defaultdict(dict)
        for e in entries:
            by_kind[e.kind][e.record_id] = e.serial
        lines = []
        for kind in kinds.all_kinds():
            if not kind.point_rules or kind.name in OWN_TABLES:
                continue
            found = by_kind.get(kind.name, {})
            lines.append([kind.short_label, f"{len(found)}{kind.counter or '次'}",
                          serials_text(list(found.values()))])  # fmt: skip
        return Grid("其他履职活动", ["项目", "数量", "记录编号"], lines, least=(5, 3, 10))

    def scored(self, found: points.MemberPoints) -> Grid:
        lines = []
        for code, value in found.by_rule.items():
            if code == points.ADJUSTMENT:
                continue
            cap = self.rules[code].cap
            lines.append([self.labels[code], str(found.counts.get(code, 0)), str(value),
                          "—" if cap is None else str(cap)])  # fmt: skip
        if points.ADJUSTMENT in found.by_rule:
            lines.append([points.ADJUSTMENT_LABEL, "", str(found.by_rule[points.ADJUSTMENT]), ""])
        lines.append(["合计", "", str(found.total), ""])
        headers = ["积分项目", "次数", "积分", "年度上限"]
        return Grid(f"履职积分（合计{found.total}分）", headers, lines, least=(10, 3, 3, 4))

    def adjustments(self, found: Sequence[points.Adjustment]) -> list[Row]:
        if not found:
            return []
        lines = [[cn_date(a.day), f"{a.points:+d}", a.reason] for a in found]
        return [Grid("县政协调整", ["日期", "分值", "原因"], lines, least=(7, 3, 12))]

    def minimums(self, found: points.MemberPoints) -> Grid:
        unmet = {r.code for r in found.unmet}
        lines = [
            [r.label, str(sum(found.counts.get(code, 0) for code in r.rules)),
             UNMET if r.code in unmet else MET]
            for r in points.requirements(self.year)
        ]  # fmt: skip
        return Grid("年度基本要求", ["要求", "完成次数", "是否达到"], lines, least=(12, 4, 4))

    def form(self, member: Member) -> Form:
        """The member's archive of the year."""
        entries = points.ledger(self.year, member_id=member.id)
        (found,) = points.totals(self.year, entries, member_id=member.id)
        adjusted = points.adjustments(self.year, member_id=member.id)
        rows: list[Row] = [
            *self.basics(member),
            self.activities(member.id),
            self.proposals(member.id),
            self.others([e for e in entries if e.kind != points.ADJUSTMENT]),
            self.scored(found),
            *self.adjustments(adjusted),
            self.minimums(found),
        ]
        return Form(
            title=f"{self.studio(member.studio)}委员履职档案（{self.year}年）",
            serial=f"委员：{member.name}",
            dated=f"打印日期：{cn_date(self.printed)}",
            rows=rows,
            signatures=SIGNATURES,
        )


def roster(year: int, *, studio: str | None = None) -> list[points.MemberPoints]:
    """The members of the year (live, or with points), of one studio if asked, by studio
    and name."""
    sites = lookup.site_names()
    found = [m for m in points.totals(year) if studio is None or m.studio == studio]
    return sorted(found, key=lambda m: (sites.get(m.studio, ""), m.name, m.member_id))


def _members(ids: Sequence[int]) -> list[Member]:
    by_id: dict[int, Member] = {}
    for lo in range(0, len(ids), CHUNK):
        chunk = list(ids[lo : lo + CHUNK])
        by_id.update({m.id: m for m in Member.select().where(Member.id.in_(chunk))})
    return [by_id[i] for i in ids if i in by_id]


def cover(archives: Archives, listed: Sequence[points.MemberPoints], *, county: bool) -> Form:
    """The batch's list of members with their totals and the minimums they miss."""
    headers = ["序号", *(["工作室"] if county else []), "姓名", "积分", "未达到的基本要求"]
    lines = [
        [str(n), *([archives.studio(m.studio)] if county else []), m.name, str(m.total),
         "、".join(r.label for r in m.unmet)]
        for n, m in enumerate(listed, start=1)
    ]  # fmt: skip
    return Form(
        title=f"{archives.local}委员履职档案（{archives.year}年）",
        serial="目录",
        dated=f"共 {len(listed)} 名委员",
        rows=[Grid("委员名单", headers, lines, least=(2, *([8] if county else []), 4, 3, 12))],
    )


def render(
    ctx: Context,
    year: int,
    dest: Path | str,
    *,
    member_id: int | None = None,
    studio: str | None = None,
    unmasked: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> PrintResult:
    """One member's archive of ``year`` (``member_id``), or every member's (of ``studio``,
    a site uuid, if asked) behind a cover sheet, into one PDF."""
    listed = [] if member_id is not None else roster(year, studio=studio)
    chosen = _members([member_id] if member_id is not None else [m.member_id for m in listed])
    if not chosen:
        raise UserError(f"{year}年没有可打印履职档案的委员。")
    show_pii = lookup.pii_visible(ctx, unmasked, "member", [m.uuid for m in chosen])
    archives = Archives(year, show_pii=show_pii, printed=ctx.today())
    font = print_font(font_path())
    pages = 0

    def draw(canvas: Canvas) -> None:
        nonlocal pages
        writer = FormWriter(canvas, font)
        if listed:
            pages += writer.draw(cover(archives, listed, county=ctx.is_county))
        for done, member in enumerate(chosen, start=1):
            if cancelled is not None and cancelled():
                raise UserError("已取消打印。")
            pages += writer.draw(archives.form(member))
            if progress is not None:
                progress(done, len(chosen))

    one = f"{chosen[0].name}履职档案（{year}年）"
    title = one if member_id is not None else f"委员履职档案（{year}年，{len(chosen)} 名委员）"
    path = write_pdf(dest, draw, title=title, font=font.name)
    return PrintResult(path, pages, len(chosen))
