"""Counts per record type and status (``studio-app stats``)."""

from __future__ import annotations

from typing import Any

import peewee as pw

from studio_app.storage.models import Interview, Member, Proposal, Resident, Visit


def _by(model: Any, column: Any) -> dict[str, int]:
    query = (
        model.select(column, pw.fn.COUNT(model.id))
        .where(model.deleted_at.is_null())
        .group_by(column)
        .order_by(column)
    )
    return {str(k): int(n) for k, n in query.tuples()}


def counts() -> dict[str, Any]:
    """Live records per type and status, plus the size of the trash."""
    trash = sum(
        m.select().where(m.deleted_at.is_null(False)).count()
        for m in (Member, Resident, Visit, Interview, Proposal)
    )
    proposals = {
        kind: {
            str(k): int(n)
            for k, n in Proposal.select(Proposal.status, pw.fn.COUNT(Proposal.id))
            .where(Proposal.deleted_at.is_null(), Proposal.kind == kind)
            .group_by(Proposal.status)
            .tuples()
        }
        for kind in _by(Proposal, Proposal.kind)
    }
    return {
        "members": Member.select().where(Member.deleted_at.is_null()).count(),
        "residents": Resident.select().where(Resident.deleted_at.is_null()).count(),
        "visits": {
            "total": sum(_by(Visit, Visit.status).values()),
            "by_status": _by(Visit, Visit.status),
            "by_channel": _by(Visit, Visit.channel),
        },
        "interviews": {
            "total": sum(_by(Interview, Interview.status).values()),
            "by_status": _by(Interview, Interview.status),
        },
        "proposals": {
            "total": sum(sum(v.values()) for v in proposals.values()),
            "by_kind_and_status": proposals,
            "by_review": {k: v for k, v in _by(Proposal, Proposal.review).items() if k},
        },
        "trash": trash,
    }
