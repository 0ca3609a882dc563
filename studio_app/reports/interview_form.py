"""委员访谈记录表: an interview ("委员有话说", online or offline) on a ruled A4 form."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from studio_app.core import codes as c
from studio_app.core import kinds
from studio_app.core.errors import UserError
from studio_app.core.fields import by_key
from studio_app.reports import lookup
from studio_app.reports.documents import PrintResult, write_forms
from studio_app.reports.layouts import Layout
from studio_app.reports.sheet import Block, Form, Pair, Row
from studio_app.reports.text import cn_date, cn_datetime, label, local_day
from studio_app.services.context import Context
from studio_app.storage.models import Interview

F = by_key(kinds.INTERVIEW.fields)
FORM_NAME = "委员访谈记录表"


def form(interview: Interview) -> Form:
    i = interview
    site = lookup.site_names().get(i.origin_site) or lookup.local_name()
    count = f"{i.participant_count} 人" if i.participant_count else ""
    rows: list[Row] = [
        Pair(
            (F["kind"].label, label(c.InterviewKind, i.kind)),
            (F["occurred_at"].label, cn_datetime(i.occurred_at)),
        ),
        Block(F["title"].label, i.title),
        Pair(
            (F["place_or_platform"].label, i.place_or_platform),
            (F["participant_count"].label, count),
        ),
        Block(F["members"].label, i.member_names),
        Block(F["residents"].label, i.resident_names),
        Block(F["participant_note"].label, i.participant_note, min_lines=2),
        Block(F["views"].label, i.views, min_lines=14),
        Block(F["follow_up"].label, i.follow_up, min_lines=4),
        Block("状态", label(c.InterviewStatus, i.status)),
    ]
    return Form(
        title=f"{site}{FORM_NAME}",
        serial=f"编号：{i.serial or ''}",
        dated=f"登记日期：{cn_date(local_day(i.created_at))}",
        rows=rows,
        signatures=("主持委员", "记录人"),
    )


def render(ctx: Context, serial: str, dest: Path | str) -> PrintResult:
    """Print one interview record, found by its serial (FT-…)."""
    return render_ids(ctx, lookup.by_serials(Interview, [serial], "访谈记录"), dest)


def render_ids(ctx: Context, ids: Sequence[int], dest: Path | str, **_: object) -> PrintResult:
    """Print interviews by id, one form each (nothing on them is masked)."""
    rows = [Interview.get_by_id(i) for i in ids]
    if not rows:
        raise UserError("没有要打印的访谈记录。")
    title = f"{FORM_NAME} {rows[0].serial}" if len(rows) == 1 else f"{FORM_NAME}（{len(rows)} 件）"
    return write_forms([form(i) for i in rows], dest, title=title)


LAYOUT = Layout(lambda _row: "访谈记录", render_ids)
