"""County-owned data that has no form yet: the handling units of a proposal (county mode)."""

from __future__ import annotations

from studio_app.core.codes import CodeListKind, UnitRole
from studio_app.core.errors import UserError, ValidationError
from studio_app.services import audit, permissions, records
from studio_app.services.context import Context
from studio_app.services.proposals import PROPOSAL
from studio_app.services.site import code_labels
from studio_app.storage.models import ProposalUnit


def set_units(ctx: Context, proposal_id: int | str, units: list[tuple[str, str]]) -> None:
    """Replace the units (role, unit code): one lead, any assisting; bumps ``county_rev``."""
    permissions.require(ctx, permissions.Permission.EDIT, "proposal")
    if not ctx.is_county:
        raise UserError("承办单位由县政协填写，只能通过县政协反馈包更新。")
    known = code_labels(CodeListKind.HANDLING_UNIT.value)
    for role, unit in units:
        if role not in {r.value for r in UnitRole} or unit not in known:
            raise ValidationError({"units": f"承办单位：无法识别 {role}:{unit}"})
    if sum(1 for role, _ in units if role == UnitRole.LEAD) > 1:
        raise ValidationError({"units": "承办单位：主办单位只能有一个"})
    with records.atomic():
        row = records.load(PROPOSAL, proposal_id)
        before = [
            (u.role, u.unit)
            for u in ProposalUnit.select()
            .where(ProposalUnit.proposal == row.id)
            .order_by(ProposalUnit.position)
        ]
        if before == list(units):
            return
        ProposalUnit.delete().where(ProposalUnit.proposal == row.id).execute()
        for pos, (role, unit) in enumerate(units):
            ProposalUnit.create(proposal=row.id, unit=unit, role=role, position=pos)
        row.county_rev += 1
        row.updated_at = ctx.now_utc()
        row.updated_by = ctx.user
        row.save()
        audit.record(ctx, "update", "proposal", row.uuid, {"units": (before, list(units))})
