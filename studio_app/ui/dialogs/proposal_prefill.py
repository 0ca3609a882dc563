"""Prefilling a proposal / 社情民意 from the records it grows out of (docs/PRODUCT.md workflow 4):
visits by their own rule, any other origin kind (``kinds.PROPOSAL.origins``) from its
declaration."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from studio_app.core import kinds
from studio_app.core.codes import CodeListKind, Handling, ProposalKind
from studio_app.core.fields import Kind
from studio_app.services import records, site, visits


def from_origin(origin: str, record_ids: Sequence[int]) -> dict[str, Any]:
    """Values for the proposal dialog from records of kind ``origin`` it grows out of."""
    if origin == kinds.VISIT.name:
        return from_visits(record_ids)
    return from_records(origin, record_ids)


def from_visits(visit_ids: Sequence[int]) -> dict[str, Any]:
    """Values for the proposal dialog: kind from the visits' handling, a title from their
    category, the facts from what residents raised (dated), the first duty member as lead."""
    rows = [visits.get(v) for v in visit_ids]
    if not rows:
        return {}
    categories = site.code_labels(CodeListKind.ISSUE_CATEGORY)
    proposal_categories = {
        label: code for code, label in site.code_labels(CodeListKind.PROPOSAL_CATEGORY).items()
    }
    first = rows[0]
    topic = categories.get(first.category, "")
    to_proposal = any(r.handling == Handling.TO_PROPOSAL for r in rows)
    kind = ProposalKind.PROPOSAL if to_proposal else ProposalKind.SQMY
    facts = "\n".join(
        f"{r.occurred_at:%Y-%m-%d}，{r.resident_names or '群众'}反映：{r.content.strip()}"
        for r in rows
    )
    lead = visits.values_of(first)["members"]
    values: dict[str, Any] = {
        "kind": kind.value,
        "title": f"关于{topic}问题的{'提案' if to_proposal else '情况反映'}" if topic else "",
        "facts": facts,
        "lead_member": lead[0] if lead else None,
    }
    if topic in proposal_categories:
        values["category"] = proposal_categories[topic]
    return values


def from_records(origin: str, record_ids: Sequence[int]) -> dict[str, Any]:
    """Values for a suggestion grown from records of a declared kind: about the first one's
    title (unless that is a long text), their gist (``Origin.gist``, else their long texts)
    as facts, its first member, and what growing from them sets (``Origin.sets``)."""
    kind = kinds.kind(origin)
    rt = records.record_type(kind)
    rows = [records.load(rt, i) for i in record_ids]
    if not rows:
        return {}
    declared = next(o for o in kinds.PROPOSAL.origins if o.kind == origin)
    gist = declared.gist or tuple(f.key for f in kind.fields if f.kind is Kind.LONGTEXT)
    texts = (str(getattr(row, key) or "") for row in rows for key in gist)
    first = records.snapshot(rt, rows[0])
    named = kind.title_key and kind.field(kind.title_key).kind is not Kind.LONGTEXT
    title = str(first.get(kind.title_key) or "").strip() if named else ""
    made = ProposalKind(dict(declared.sets).get("kind", ProposalKind.SUGGESTION))
    return {
        "kind": made.value,
        "title": f"关于{title}的{TITLE_WORDS.get(made, '建议')}" if title else "",
        "facts": "\n".join(p for p in texts if p.strip()),
        "lead_member": _first_member(kind, first),
        **dict(declared.sets),
    }


# How a title grown from a record's title ends, by the kind of record written: 关于…的建议
TITLE_WORDS = {ProposalKind.PROPOSAL: "提案", ProposalKind.SQMY: "情况反映"}


def _first_member(kind: kinds.RecordKind, values: dict[str, Any]) -> int | None:
    """The first member a record names (a single member or the first of several)."""
    for f in kind.fields:
        value = values.get(f.key)
        if f.kind is Kind.MEMBER and value:
            return int(value)
        if f.kind is Kind.MEMBERS and value:
            return int(value[0])
    return None
