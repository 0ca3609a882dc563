"""Rules across the fields of an imported row, the same the services apply on entry.

A studio's services never store a visit that breaks them, so a row whose hash matches is
taken as it is; a row edited in Excel (or from an older package without row hashes) is
checked, and rejected with the services' own messages when it breaks them. The checks reuse
``services.visits`` (its rules across fields) and its workflow steps (the fields each
status needs).
"""

from __future__ import annotations

from typing import Any

from studio_app.core.codes import Handling, VisitStatus
from studio_app.core.errors import ValidationError
from studio_app.services import visits
from studio_app.services.context import Context

# Exchange columns holding what the services call by the link's name.
_LINKS = {"members__uuid": "members", "residents__uuid": "residents"}
# The fields a visit must have in each status: those of the step that leads there.
_NEEDS: dict[str, tuple[str, ...]] = {}
for _step in visits.STEPS.values():
    _NEEDS[str(_step.target)] = _NEEDS.get(str(_step.target), ()) + _step.required
_FED_BACK = visits.STEPS["feed_back"].required


def visit(ctx: Context, values: dict[str, Any]) -> list[str]:
    """The problems of an imported visit row (``exchange.hooks``: the visit's row check)."""
    merged = {_LINKS.get(k, k): v for k, v in values.items()}
    problems: list[str] = []
    try:
        visits._check(ctx, merged, merged)  # the rules create() and update() apply
    except ValidationError as exc:
        problems += exc.errors.values()
    status = merged.get("status") or ""
    needs = _NEEDS.get(status, ())
    if status == VisitStatus.CLOSED and merged.get("handling") == Handling.REFERRED:
        needs = _FED_BACK  # a referred case is closed only after its feedback
    missing = [visits.VISIT.field(k).label for k in needs if k in merged and not merged[k]]
    if missing:
        label = VisitStatus(status).label
        problems.append(f"状态为“{label}”的事项须填写：{'、'.join(missing)}")
    return problems
