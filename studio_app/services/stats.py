"""Counts per record type and status (``studio-app stats``)."""

from __future__ import annotations

from typing import Any

import peewee as pw

from studio_app.core import kinds
from studio_app.storage import kind_tables
from studio_app.storage.models import Interview, Member, Proposal, Resident, Visit


def _by(model: Any, column: Any) -> dict[str, int]:
    query = (
        model.select(column, pw.fn.COUNT(model.id))
        .where(model.deleted_at.is_null())
        .group_by(column)
        .order_by(column)
    )
    return {str(k): int(n) for k, n in query.tuples()}


def _kind_counts(kind: kinds.RecordKind) -> dict[str, Any]:
    """A kind served from its declaration: its label, live total and (if any) statuses."""
    model = kind_tables.model(kind)
    found: dict[str, Any] = {"label": kind.label}
    if kind.status is None:
        found["total"] = model.select().where(model.deleted_at.is_null()).count()
        return found
    by_status = _by(model, model.status)  # type: ignore[attr-defined]
    found.update(total=sum(by_status.values()), by_status=by_status)
    return found


def counts() -> dict[str, Any]:
    """Live records per type and status, plus the size of the trash.

    Every registered kind is counted: the kinds with modules of their own under their
    usual keys, any other kind under its name with its label.
    """
    trash = sum(
        m.select().where(m.deleted_at.is_null(False)).count()
        for m in map(kind_tables.model, kinds.all_kinds())
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
        **{k.name: _kind_counts(k) for k in kinds.generic()},
        "trash": trash,
    }
