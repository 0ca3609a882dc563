"""The case workflow of a visit (docs/DATA.md "接待走访记录 `visit`": status)."""

from __future__ import annotations

from studio_app.core.codes import Handling, VisitStatus

S = VisitStatus

# Which status may follow which. A case that was fed back but left the resident unsatisfied
# can go back to "in progress"; a closed case stays closed.
ALLOWED: dict[VisitStatus, frozenset[VisitStatus]] = {
    S.REGISTERED: frozenset({S.REFERRED, S.CLOSED}),
    S.REFERRED: frozenset({S.IN_PROGRESS, S.FED_BACK}),
    S.IN_PROGRESS: frozenset({S.FED_BACK}),
    S.FED_BACK: frozenset({S.CLOSED, S.IN_PROGRESS}),
    S.CLOSED: frozenset(),
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
