"""Counts per record kind and status (``studio-app stats``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import peewee as pw

from studio_app.core import kinds
from studio_app.storage import kind_tables
from studio_app.storage.models import Proposal, Visit


def _by(model: Any, column: Any) -> dict[str, int]:
    query = (
        model.select(column, pw.fn.COUNT(model.id))
        .where(model.deleted_at.is_null())
        .group_by(column)
        .order_by(column)
    )
    return {str(k): int(n) for k, n in query.tuples()}


def _live(kind: kinds.RecordKind) -> int:
    model = kind_tables.model(kind)
    return int(model.select().where(model.deleted_at.is_null()).count())


def _visits(_kind: kinds.RecordKind) -> dict[str, Any]:
    return {
        "total": sum(_by(Visit, Visit.status).values()),
        "by_status": _by(Visit, Visit.status),
        "by_channel": _by(Visit, Visit.channel),
    }


def _proposals(_kind: kinds.RecordKind) -> dict[str, Any]:
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
        "total": sum(sum(v.values()) for v in proposals.values()),
        "by_kind_and_status": proposals,
        "by_review": {k: v for k, v in _by(Proposal, Proposal.review).items() if k},
    }


def _kind_counts(kind: kinds.RecordKind) -> dict[str, Any]:
    """Any other kind: its live total and (if it has any) statuses; a generic kind's label."""
    model = kind_tables.model(kind)
    found: dict[str, Any] = {"label": kind.label} if kind.generic else {}
    if kind.status is None:
        found["total"] = _live(kind)
        return found
    by_status = _by(model, model.status)  # type: ignore[attr-defined]
    found.update(total=sum(by_status.values()), by_status=by_status)
    return found


# The kinds counted otherwise than by status: people by their number, visits and
# proposals with their breakdowns.
_OWN: dict[str, Callable[[kinds.RecordKind], Any]] = {
    kinds.MEMBER.name: _live,
    kinds.RESIDENT.name: _live,
    kinds.VISIT.name: _visits,
    kinds.PROPOSAL.name: _proposals,
}


def _key(kind: kinds.RecordKind) -> str:
    """A kind under its declared plural; else one with modules of its own under its name
    in the plural, any other kind under its name."""
    return kind.plural or (kind.name if kind.generic else f"{kind.name}s")


def counts() -> dict[str, Any]:
    """Live records per type and status, plus the size of the trash.

    Every registered kind is counted, in declaration order: the kinds with modules of their
    own under their usual keys, any other kind under its name with its label.
    """
    trash = sum(
        m.select().where(m.deleted_at.is_null(False)).count()
        for m in map(kind_tables.model, kinds.all_kinds())
    )
    found = {_key(k): _OWN.get(k.name, _kind_counts)(k) for k in kinds.all_kinds()}
    return {**found, "trash": trash}
