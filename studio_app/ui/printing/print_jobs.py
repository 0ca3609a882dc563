"""What can be printed from the app, as jobs that write one PDF on the worker thread.

Any record of any kind prints through :func:`record` (its kind's own layout or the form
built from its fields); visits (several, or a date range) and proposals also have jobs of
their own.

A :class:`PrintJob` names its document (window title, suggested file name) and knows how
to produce it with the same :mod:`studio_app.reports` functions the CLI uses (see
``cli/printing.py``), following ``Progress`` for cancel and progress where the report allows.
Identifiers are masked unless ``unmasked`` is asked for and ``ctx.may_see_pii`` allows it
(:func:`studio_app.reports.lookup.pii_visible` refuses otherwise and audits when allowed).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from studio_app.core import kinds
from studio_app.core.codes import ProposalKind
from studio_app.core.errors import UserError
from studio_app.services import records
from studio_app.services.context import Context
from studio_app.services.statistics import Period
from studio_app.storage.models import Proposal, SyncedModel, Visit
from studio_app.ui.operations import Cancelled, Progress

if TYPE_CHECKING:  # reportlab loads when something is printed, not at start-up
    from studio_app.reports.documents import PrintResult

Produce = Callable[[Path, Progress], "PrintResult"]


@dataclass(frozen=True)
class PrintJob:
    """One document to make: ``produce(dest, progress)`` writes it to ``dest``."""

    title: str
    file_name: str
    produce: Produce
    records: int = 1

    def run(self, dest: Path, progress: Progress) -> PrintResult:
        """Produce the PDF; a cancelled run raises :class:`Cancelled` and leaves no file."""
        try:
            result = self.produce(dest, progress)
        except UserError:
            if progress.cancelled():
                raise Cancelled from None
            raise
        progress.check()
        return result


def _serial(model: type[SyncedModel], record_id: int) -> str:
    row = model.get_or_none(model.id == record_id)
    if row is None or row.deleted_at is not None:
        raise UserError("记录不存在或已删除，无法打印。")
    return str(row.serial or f"#{record_id}")


def visits(ctx: Context, visit_ids: Sequence[int], *, unmasked: bool = False) -> PrintJob:
    """One 接待登记表 per visit (confidential ones too: they were chosen one by one)."""
    if not visit_ids:
        raise UserError("没有要打印的接待记录。")
    ids = list(visit_ids)
    first = _serial(Visit, ids[0])
    more = f"等{len(ids)}件" if len(ids) > 1 else ""

    def produce(dest: Path, progress: Progress) -> PrintResult:
        from studio_app.reports import lookup
        from studio_app.reports.fonts import print_font
        from studio_app.reports.pdfwrite import write_pdf
        from studio_app.reports.visit_form import FORM_NAME, VisitForms, draw_visits
        from studio_app.services.print_settings import font_path

        uuids = [u for (u,) in Visit.select(Visit.uuid).where(Visit.id.in_(ids)).tuples()]
        forms = VisitForms(show_pii=lookup.pii_visible(ctx, unmasked, "visit", uuids))
        pages = 0

        def draw(canvas):
            nonlocal pages
            pages = draw_visits(
                canvas, forms, ids, progress=progress.progress, cancelled=progress.cancelled
            )

        title = f"{FORM_NAME}（{len(ids)} 件）"
        path = write_pdf(dest, draw, title=title, font=print_font(font_path()).name)
        from studio_app.reports.documents import PrintResult

        return PrintResult(path, pages, len(ids))

    return PrintJob(f"接待登记表 {first}{more}", f"接待登记表_{first}{more}.pdf", produce, len(ids))


def visit_range(
    ctx: Context,
    date_from: date,
    date_to: date,
    *,
    include_confidential: bool = False,
    unmasked: bool = False,
) -> PrintJob:
    """Every visit of the date range behind a cover sheet (``studio-app print visits``)."""
    if date_to < date_from:
        raise UserError("结束日期不能早于开始日期。")
    span = f"{date_from.isoformat()}至{date_to.isoformat()}"

    def produce(dest: Path, progress: Progress) -> PrintResult:
        from studio_app.reports import batch

        return batch.render(
            ctx,
            dest,
            date_from=date_from,
            date_to=date_to,
            include_confidential=include_confidential,
            unmasked=unmasked,
            progress=progress.progress,
            cancelled=progress.cancelled,
        )

    return PrintJob(f"接待登记表汇编 {span}", f"接待登记表汇编_{span}.pdf", produce, records=0)


def proposal(ctx: Context, proposal_id: int) -> PrintJob:
    """A proposal, 社情民意, suggestion or 金点子 on its form."""
    serial = _serial(Proposal, proposal_id)
    kind = Proposal.get_by_id(proposal_id).kind
    name = ProposalKind(kind).label if kind in ProposalKind._value2member_map_ else "提案"

    def produce(dest: Path, _progress: Progress) -> PrintResult:
        from studio_app.reports import proposal_form
        from studio_app.reports.documents import write_forms

        form = proposal_form.form(Proposal.get_by_id(proposal_id))
        return write_forms([form], dest, title=f"{name} {serial}")

    return PrintJob(f"{name} {serial}", f"{name}_{serial}.pdf", produce)


def record(
    ctx: Context, kind: kinds.RecordKind, record_id: int, *, unmasked: bool = False
) -> PrintJob:
    """Any record on its printed form: its kind's own layout, or the form of its fields."""
    from studio_app.reports import layouts

    model = records.record_type(kind).model
    serial = _serial(model, record_id)
    name = layouts.document_name(kind, model.get_by_id(record_id))

    def produce(dest: Path, progress: Progress) -> PrintResult:
        return layouts.render(
            ctx,
            kind,
            [record_id],
            dest,
            unmasked=unmasked,
            progress=progress.progress,
            cancelled=progress.cancelled,
        )

    return PrintJob(f"{name} {serial}", f"{name}_{serial}.pdf", produce)


def rating_summary(
    ctx: Context, kind: kinds.RecordKind, record_id: int, year: int, *, unmasked: bool = False
) -> PrintJob:
    """A rated record's yearly summary (an observation point's year of observations)."""
    row = records.record_type(kind).model.get_or_none(id=record_id)
    if row is None or row.deleted_at is not None:
        raise UserError("记录不存在或已删除，无法打印。")
    title = str(getattr(row, kind.title_key) or f"#{record_id}")

    def produce(dest: Path, _progress: Progress) -> PrintResult:
        from studio_app.reports import rating_summary as summary

        return summary.render(ctx, kind, record_id, year, dest, unmasked=unmasked)

    name = f"{title}{year}年度监测汇总"
    return PrintJob(name, f"{title}_{year}年度监测汇总.pdf", produce)


def statistics_report(ctx: Context, period: Period, *, county: bool | None = None) -> PrintJob:
    """The statistics report with charts (this studio, or every studio in county mode)."""

    def produce(dest: Path, _progress: Progress) -> PrintResult:
        from studio_app.reports import monthly_report

        return monthly_report.render(ctx, period, dest, county=county)

    return PrintJob(f"统计报表 {period.label}", f"统计报表_{period.slug}.pdf", produce)


def save_copy(source: Path, dest: Path) -> Path:
    """Copy a made PDF to ``dest`` atomically (a Chinese :class:`UserError` if impossible)."""
    import shutil

    from studio_app.reports.pdfwrite import write_atomic

    with source.open("rb") as fh:
        return write_atomic(dest, lambda out: shutil.copyfileobj(fh, out))
