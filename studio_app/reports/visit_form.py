"""委员工作室群众来访登记表: one ruled A4 page per visit (more when the text is long)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from studio_app.core import codes as c
from studio_app.core import kinds
from studio_app.core.codes import CodeListKind
from studio_app.core.errors import UserError
from studio_app.core.fields import by_key
from studio_app.core.identity import mask_id_number, mask_phone
from studio_app.reports import lookup
from studio_app.reports.documents import PrintResult
from studio_app.reports.fonts import print_font
from studio_app.reports.layouts import Layout
from studio_app.reports.pdfwrite import write_pdf
from studio_app.reports.sheet import Block, Form, FormWriter, Pair, Row
from studio_app.reports.text import cn_date, cn_datetime, label, local_day, yes_no
from studio_app.services import records
from studio_app.services.context import Context
from studio_app.services.print_settings import font_path
from studio_app.services.site import code_labels
from studio_app.storage.models import Resident, Visit, VisitResident

F = by_key(kinds.VISIT.fields)
FORM_NAME = "群众来访登记表"
SIGNATURES = ("值班委员", "记录人")
CHUNK = 200

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class Person:
    name: str
    gender: str
    phone: str
    id_number: str
    place: str


class VisitForms:
    """Builds the forms of many visits with code labels and studio names looked up once."""

    def __init__(self, *, show_pii: bool) -> None:
        self.show_pii = show_pii
        self.categories = code_labels(CodeListKind.ISSUE_CATEGORY.value)
        self.units = code_labels(CodeListKind.HANDLING_UNIT.value)
        self.sites = lookup.site_names()
        self.fallback_site = lookup.local_name()
        point = records.record_type(kinds.REPORTING_POINT).model
        title = getattr(point, kinds.REPORTING_POINT.title_key)
        self.points: dict[int, str] = dict(point.select(point.id, title).tuples())

    def load(self, ids: Sequence[int]) -> Iterator[tuple[Visit, list[Person]]]:
        """Visits in the order of ``ids`` with their residents, read in chunks."""
        for lo in range(0, len(ids), CHUNK):
            chunk = list(ids[lo : lo + CHUNK])
            rows = {v.id: v for v in Visit.select().where(Visit.id.in_(chunk))}
            people: dict[int, list[Person]] = defaultdict(list)
            query = (
                VisitResident.select(VisitResident.visit, Resident)
                .join(Resident)
                .where(VisitResident.visit.in_(chunk))
                .order_by(VisitResident.visit, VisitResident.position)
            )
            for link in query:
                r = link.resident
                where = f"{r.village}{r.group_name}" if r.village else r.address
                people[link.visit_id].append(
                    Person(r.name, label(c.Gender, r.gender), r.phone, r.id_number, where)
                )
            for vid in chunk:
                if vid in rows:
                    yield rows[vid], people.get(vid, [])

    def resident_text(self, visit: Visit, people: list[Person]) -> str:
        if not people:
            return "匿名来访（未登记姓名）"
        lines = []
        for p in people:
            parts = [p.name + (f"（{p.gender}）" if p.gender else "")]
            phone = p.phone if self.show_pii else mask_phone(p.phone)
            ident = p.id_number if self.show_pii else mask_id_number(p.id_number)
            if phone:
                parts.append(f"电话：{phone}")
            if ident:
                parts.append(f"身份证号：{ident}")
            if p.place:
                parts.append(f"住址：{p.place}")
            lines.append("　".join(parts))
        return "\n".join(lines)

    def channel_text(self, visit: Visit) -> str:
        """The channel, and for a visit through a reporting point the point's name."""
        point = self.points.get(visit.reporting_point_id or 0, "")
        channel = label(c.Channel, visit.channel)
        return f"{channel}（{point}）" if point else channel

    def form(self, visit: Visit, people: list[Person]) -> Form:
        v = visit
        site = self.sites.get(v.origin_site, self.fallback_site)
        unit = self.units.get(v.referred_unit, v.referred_unit)
        rows: list[Row] = [
            Pair(
                (F["channel"].label, self.channel_text(v)),
                (F["occurred_at"].label, cn_datetime(v.occurred_at)),
            ),
            Pair((F["place"].label, v.place), (F["visitor_count"].label, f"{v.visitor_count} 人")),
            Block(F["members"].label, v.member_names),
            Block(F["residents"].label, self.resident_text(v, people)),
            Pair(
                (F["category"].label, self.categories.get(v.category, v.category)),
                (F["handling"].label, label(c.Handling, v.handling)),
            ),
            Block(F["content"].label, v.content, min_lines=11),
            Block(F["onsite_reply"].label, v.onsite_reply, min_lines=4),
            Pair(
                (F["referred_unit"].label, unit), (F["referred_at"].label, cn_date(v.referred_at))
            ),
            Pair((F["due_at"].label, cn_date(v.due_at)), ("状态", label(c.VisitStatus, v.status))),
            Block(F["result"].label, v.result, min_lines=3),
            Pair(
                (F["feedback_at"].label, cn_date(v.feedback_at)),
                (F["feedback_channel"].label, label(c.FeedbackChannel, v.feedback_channel)),
            ),
            Pair(
                (F["revisit_at"].label, cn_date(v.revisit_at)),
                (F["satisfaction"].label, label(c.Satisfaction, v.satisfaction)),
            ),
            Block(F["revisit_note"].label, v.revisit_note, min_lines=2),
            Block(F["confidential"].label, yes_no(v.confidential)),
        ]
        note = "注：一事一表。" + (
            "身份证号、电话按规定遮蔽显示。"
            if not self.show_pii
            else "本表含完整身份证号、电话，注意保密。"
        )
        if v.confidential:
            note += "本件为保密事项，不得外传。"
        return Form(
            title=f"{site}{FORM_NAME}",
            serial=f"编号：{v.serial or ''}",
            dated=f"登记日期：{cn_date(local_day(v.created_at))}",
            rows=rows,
            signatures=SIGNATURES,
            note=note,
        )


def draw_visits(
    canvas: Canvas,
    forms: VisitForms,
    ids: Sequence[int],
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> int:
    """Draw the forms of ``ids`` onto ``canvas``; returns the number of pages."""
    writer = FormWriter(canvas, print_font(font_path()))
    pages = 0
    for done, (visit, people) in enumerate(forms.load(ids), start=1):
        if cancelled is not None and cancelled():
            raise UserError("已取消打印。")
        pages += writer.draw(forms.form(visit, people))
        if progress is not None:
            progress(done, len(ids))
    return pages


def render(
    ctx: Context,
    visit_ids: Sequence[int],
    dest: Path | str,
    *,
    unmasked: bool = False,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> PrintResult:
    """Print the given visits (confidential ones too: they were asked for by name)."""
    if not visit_ids:
        raise UserError("没有要打印的接待记录。")
    uuids = [u for (u,) in Visit.select(Visit.uuid).where(Visit.id.in_(list(visit_ids))).tuples()]
    forms = VisitForms(show_pii=lookup.pii_visible(ctx, unmasked, "visit", uuids))
    pages = 0

    def draw(canvas: Canvas) -> None:
        nonlocal pages
        pages = draw_visits(canvas, forms, visit_ids, progress=progress, cancelled=cancelled)

    title = f"{FORM_NAME}（{len(visit_ids)} 件）"
    path = write_pdf(dest, draw, title=title, font=print_font(font_path()).name)
    return PrintResult(path, pages, len(visit_ids))


def render_serials(
    ctx: Context, serials: Sequence[str], dest: Path | str, *, unmasked: bool = False
) -> PrintResult:
    ids = lookup.by_serials(Visit, serials, "接待记录")
    return render(ctx, ids, dest, unmasked=unmasked)


LAYOUT = Layout(lambda _row: "接待登记表", render)
