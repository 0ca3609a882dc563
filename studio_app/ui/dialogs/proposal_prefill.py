"""Prefilling a proposal / 社情民意 from the visits it grows out of (docs/PRODUCT.md workflow 4)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from studio_app.core.codes import CodeListKind, Handling, ProposalKind
from studio_app.services import interviews, records, site, visits


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


def from_interview(interview_id: int) -> dict[str, Any]:
    """Values for a suggestion grown from an interview: its topic, views and first member."""
    interview = interviews.get(interview_id)
    members = records.link_ids(interviews.INTERVIEW, "members", interview.id)
    facts = "\n".join(p for p in (interview.views, interview.follow_up) if p and p.strip())
    return {
        "kind": ProposalKind.SUGGESTION.value,
        "title": f"关于{interview.title}的建议",
        "facts": facts,
        "lead_member": members[0] if members else None,
    }
