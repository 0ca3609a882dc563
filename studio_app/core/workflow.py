"""The case workflow of a visit (docs/DATA.md "接待走访记录 `visit`": status)."""

from __future__ import annotations

from studio_app.core import kinds
from studio_app.core.codes import Handling, VisitStatus

S = VisitStatus

# Which status may follow which: the declared steps of the visit's workflow. A case that
# was fed back but left the resident unsatisfied can go back to "in progress"; a closed
# case stays closed.
ALLOWED: dict[VisitStatus, frozenset[VisitStatus]] = {
    status: frozenset(VisitStatus(t.target) for t in kinds.VISIT.transitions if status in t.sources)
    for status in VisitStatus
}

CLOSES_AT_ONCE = frozenset({Handling.ANSWERED, Handling.EXPLAINED})
OPEN_STATUSES = frozenset({S.REFERRED, S.IN_PROGRESS})


def initial_status(handling: Handling) -> VisitStatus:
    """Answered or counselled visits close at once; referred ones start referred."""
    if handling in CLOSES_AT_ONCE:
        return S.CLOSED
    if handling is Handling.REFERRED:
        return S.REFERRED
    return S.REGISTERED


def can_transition(current: VisitStatus, target: VisitStatus) -> bool:
    return target in ALLOWED[current]
