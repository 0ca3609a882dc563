"""提案 / 社情民意信息 / 意见建议 / 百字金点子 in the standard layout.

案由, 提案人, 联名人, 界别, 类别, then 情况 / 分析 / 建议; the county's review, handling units
and reply follow when the county has sent them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from studio_app.core import codes as c
from studio_app.core import kinds
from studio_app.core.codes import SERIAL_PREFIX, CodeListKind, ProposalKind
from studio_app.core.errors import UserError
from studio_app.core.fields import by_key
from studio_app.reports import lookup
from studio_app.reports.documents import PrintResult, write_forms
from studio_app.reports.layouts import Layout
from studio_app.reports.sheet import Block, Form, Pair, Row
from studio_app.reports.text import cn_date, label, local_day
from studio_app.services import origins, records
from studio_app.services.context import Context
from studio_app.services.site import code_labels, local_site
from studio_app.storage.models import Member, Proposal, ProposalUnit, Resident

F = by_key(kinds.PROPOSAL.fields)
LEAD = {
    ProposalKind.PROPOSAL: "第一提案人",
    ProposalKind.SQMY: "反映人",
    ProposalKind.SUGGESTION: "提出人",
    ProposalKind.IDEA: "提出人",
}


def _title(p: Proposal, studio: str) -> str:
    kind = label(ProposalKind, p.kind)
    site = local_site()
    if p.kind == ProposalKind.PROPOSAL and site is not None and site.county:
        return f"政协{site.county}委员会提案"
    return f"{studio}{kind}"


def _lead(p: Proposal) -> str:
    names = []
    if p.lead_member_id:
        member = Member.get_or_none(Member.id == p.lead_member_id)
        names.append(member.name if member else "")
    if p.lead_resident_id:
        resident = Resident.get_or_none(Resident.id == p.lead_resident_id)
        names.append(f"{resident.name}（群众）" if resident else "")
    return "、".join(n for n in names if n)


def _sources(p: Proposal) -> str:
    """The serials of the records it grew from, of every origin kind, in order."""
    serials = []
    for name, ids in origins.of(kinds.PROPOSAL.name, p.id).items():
        model = records.record_type(kinds.kind(name)).model
        serials += [s for (s,) in model.select(model.serial).where(model.id.in_(ids)).tuples()]
    return "、".join(sorted(s for s in serials if s))


def _units(p: Proposal) -> str:
    names = code_labels(CodeListKind.HANDLING_UNIT.value)
    rows = (
        ProposalUnit.select().where(ProposalUnit.proposal == p.id).order_by(ProposalUnit.position)
    )
    by_role: dict[str, list[str]] = {}
    for u in rows:
        by_role.setdefault(u.role, []).append(names.get(u.unit, u.unit))
    return "；".join(
        f"{label(c.UnitRole, role)}：{'、'.join(units)}" for role, units in by_role.items()
    )


def county_rows(p: Proposal) -> list[Row]:
    """The county's review and reply, only the parts it has filled in."""
    rows: list[Row] = []
    if p.county_no or p.review:
        rows.append(
            Pair(
                (F["county_no"].label, p.county_no), (F["review"].label, label(c.Review, p.review))
            )
        )
    if p.review_reason:
        rows.append(Block(F["review_reason"].label, p.review_reason))
    if p.merged_into:
        rows.append(Block(F["merged_into"].label, p.merged_into))
    units = _units(p)
    if units:
        rows.append(Block("承办单位", units))
    if p.assigned_at or p.reply_due:
        rows.append(
            Pair(
                (F["assigned_at"].label, cn_date(p.assigned_at)),
                (F["reply_due"].label, cn_date(p.reply_due)),
            )
        )
    if p.reply_class or p.replied_at:
        rows.append(
            Pair(
                (F["reply_class"].label, label(c.ReplyClass, p.reply_class)),
                (F["replied_at"].label, cn_date(p.replied_at)),
            )
        )
    if p.reply_summary:
        rows.append(Block(F["reply_summary"].label, p.reply_summary, min_lines=2))
    if p.adoption_level:
        rows.append(
            Block(F["adoption_level"].label, f"{label(c.AdoptionLevel, p.adoption_level)}级采用")
        )
    if p.instruction_text:
        level = label(c.AdoptionLevel, p.instruction_level)
        when = cn_date(p.instruction_date)
        rows.append(Block(F["instruction_text"].label, p.instruction_text))
        rows.append(
            Pair((F["instruction_level"].label, level), (F["instruction_date"].label, when))
        )
    if p.member_evaluation:
        rows.append(Block(F["member_evaluation"].label, label(c.Satisfaction, p.member_evaluation)))
    return rows


def form(p: Proposal) -> Form:
    studio = lookup.site_names().get(p.origin_site) or lookup.local_name()
    sectors = code_labels(CodeListKind.SECTOR.value)
    categories = code_labels(CodeListKind.PROPOSAL_CATEGORY.value)
    kind = ProposalKind(p.kind) if p.kind in ProposalKind._value2member_map_ else None
    lead_label = LEAD.get(kind, F["lead_member"].label) if kind else F["lead_member"].label
    rows: list[Row] = [
        Block("案由" if kind is ProposalKind.PROPOSAL else "标题", p.title),
        Pair((lead_label, _lead(p)), (F["sector"].label, sectors.get(p.sector, p.sector))),
        Block(F["co_signers"].label, p.co_signer_names or "无"),
        Pair(
            (F["category"].label, categories.get(p.category, p.category)),
            (F["submitted_at"].label, cn_date(p.submitted_at)),
        ),
        Pair(
            (F["kind"].label, label(ProposalKind, p.kind)),
            ("状态", label(c.ProposalStatus, p.status)),
        ),
        Block(F["facts"].label, p.facts, min_lines=6),
    ]
    if kind is not ProposalKind.IDEA or p.analysis or p.recommendations:
        rows += [
            Block(F["analysis"].label, p.analysis, min_lines=5),
            Block(F["recommendations"].label, p.recommendations, min_lines=6),
        ]
    sources = _sources(p)
    if sources:
        rows.append(Block("来源记录", sources))
    rows += county_rows(p)
    return Form(
        title=_title(p, studio),
        serial=f"编号：{p.serial or ''}",
        dated=f"填写日期：{cn_date(local_day(p.created_at))}",
        rows=rows,
        signatures=(lead_label, "工作室负责人"),
    )


def render(ctx: Context, serial: str, dest: Path | str) -> PrintResult:
    """Print one proposal-type record, found by its serial (TA-…, SQ-…, JY-…, JZ-…)."""
    return render_ids(ctx, lookup.by_serials(Proposal, [serial], "提案或社情民意"), dest)


def render_ids(ctx: Context, ids: Sequence[int], dest: Path | str, **_: object) -> PrintResult:
    """Print proposal-type records by id, one form each."""
    rows = [Proposal.get_by_id(i) for i in ids]
    if not rows:
        raise UserError("没有要打印的提案或社情民意。")
    first = rows[0]
    title = f"{_title(first, '')} {first.serial}" if len(rows) == 1 else f"提案等（{len(rows)} 件）"
    return write_forms([form(p) for p in rows], dest, title=title)


def document_name(p: Proposal) -> str:
    """提案, 社情民意信息, … after the record's kind."""
    return ProposalKind(p.kind).label if p.kind in ProposalKind._value2member_map_ else "提案"


LAYOUT = Layout(document_name, render_ids, prefixes=tuple(SERIAL_PREFIX.values()))  # type: ignore[arg-type]
