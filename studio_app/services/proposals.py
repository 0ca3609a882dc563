"""Proposal-type records: 提案, 社情民意信息, 意见建议, 百字金点子."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from studio_app.core import kinds
from studio_app.core.codes import SERIAL_PREFIX, ProposalKind, ProposalStatus
from studio_app.core.errors import TransitionRefused, ValidationError
from studio_app.core.fields import IDEA_MAX_CHARS
from studio_app.services import origins, records
from studio_app.services.coerce import clean
from studio_app.services.context import Context
from studio_app.services.serials import next_serial
from studio_app.storage.models import Proposal

PROPOSAL = records.record_type(kinds.PROPOSAL, Proposal)


def _check(merged: Mapping[str, Any]) -> None:
    errors = {}
    kind = merged.get("kind")
    if kind == ProposalKind.IDEA:
        if len(merged.get("facts") or "") > IDEA_MAX_CHARS:
            errors["facts"] = f"百字金点子：内容不能超过 {IDEA_MAX_CHARS} 个字"
        if merged.get("lead_member") is None and merged.get("lead_resident") is None:
            errors["lead_resident"] = "反映群众：百字金点子须注明提出的群众或委员"
    elif kind and merged.get("lead_member") is None:
        errors["lead_member"] = "第一提案人/反映人：必填"
    if merged.get("lead_member") is not None and merged.get("lead_member") in (
        merged.get("co_signers") or []
    ):
        errors["co_signers"] = "联名人：第一提案人不必再列为联名人"
    if errors:
        raise ValidationError(errors)


def create(
    ctx: Context,
    values: Mapping[str, Any],
    *,
    grew_from: Mapping[str, Iterable[int]] | None = None,
) -> Proposal:
    """Draft a proposal-type record, optionally linked to the records it grew from: their
    ids by origin kind (``kinds.PROPOSAL.origins``), e.g. ``{"visit": [3, 5]}``."""
    data = clean(kinds.PROPOSAL.fields, values, partial=False)
    if any(PROPOSAL.field(k).owner == "county" and data[k] not in ("", None) for k in data):
        raise ValidationError({"_": "县政协填写的字段不能在新建时填写"})
    _check(data)
    sources = origins.check(PROPOSAL.name, grew_from or {})
    with records.atomic():
        serial = next_serial(ctx, SERIAL_PREFIX[data["kind"]], ctx.today().year)
        row = records.insert(
            ctx, PROPOSAL, data, serial=serial, extra={"status": ProposalStatus.DRAFT.value}
        )
        origins.link(PROPOSAL.name, row.id, sources)
    return row


def update(
    ctx: Context,
    proposal_id: int | str,
    changes: Mapping[str, Any],
    *,
    expected_rev: int | None = None,
) -> Proposal:
    data = clean(kinds.PROPOSAL.fields, changes, partial=True)
    with records.atomic():
        row = records.load(PROPOSAL, proposal_id)
        if "kind" in data and data["kind"] != row.kind and row.status != ProposalStatus.DRAFT:
            raise TransitionRefused("已报送的记录不能再改类型。")
        _check({**records.snapshot(PROPOSAL, row), **data})
        records.modify(ctx, PROPOSAL, row, data, expected_rev=expected_rev)
    return row


def submit(ctx: Context, proposal_id: int | str) -> Proposal:
    """Mark a draft as submitted to the county (报送), dated today."""
    with records.atomic():
        row = records.load(PROPOSAL, proposal_id)
        if row.status != ProposalStatus.DRAFT:
            raise TransitionRefused("只有草稿可以报送。")
        missing = [PROPOSAL.field(k).label for k in ("title", "facts") if not getattr(row, k)]
        if row.kind != ProposalKind.IDEA and not row.recommendations:
            missing.append(PROPOSAL.field("recommendations").label)
        if missing:
            raise ValidationError({"_": f"报送前请填写：{'、'.join(missing)}"})
        records.modify(
            ctx,
            PROPOSAL,
            row,
            {"submitted_at": row.submitted_at or ctx.today()},
            extra={"status": ProposalStatus.SUBMITTED.value},
            action="submit",
        )
    return row


def sources(proposal_id: int) -> dict[str, list[int]]:
    """Ids of the records a record grew from, by origin kind (every declared origin listed)."""
    return origins.of(PROPOSAL.name, proposal_id)


def delete(ctx: Context, proposal_id: int | str) -> None:
    records.trash(ctx, PROPOSAL, proposal_id)


def restore(ctx: Context, proposal_id: int | str) -> None:
    records.restore(ctx, PROPOSAL, proposal_id)


def get(proposal_id: int | str) -> Proposal:
    return records.load(PROPOSAL, proposal_id)
