"""A kind declared only in the tests, made an extra origin of proposals, is served by the
generic origin code: a proposal grows from tea talks, lists them as its sources (service,
detail panel, printed form, dialog) and each tea talk lists the proposals grown from it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest

from studio_app.core import kinds
from studio_app.core.errors import NotFound
from studio_app.reports import proposal_form
from studio_app.reports.sheet import Block
from studio_app.services import kind_records, members, proposals, record_details
from studio_app.services.context import Context
from studio_app.storage.models import Proposal, database
from studio_app.ui.dialogs.proposal_dialog import ProposalDialog
from studio_app.ui.dialogs.proposal_prefill import from_origin
from tests.services.helpers import visit

TALK = {"title": "春茶话乡村振兴", "held_on": "2026-03-12", "notes": "大家希望村道尽快修缮。"}


@pytest.fixture
def grows_from_tea_talks(tea_talk: kinds.RecordKind) -> Iterator[kinds.RecordKind]:
    """PROPOSAL declared with tea talks as an extra origin (the registered declaration is
    swapped for the test and restored), and the origin table's column for them."""
    declared = kinds.PROPOSAL
    grown = replace(declared, origins=(*declared.origins, kinds.Origin("tea_talk", "t:")))
    database.execute_sql(
        "ALTER TABLE proposal_source ADD COLUMN tea_talk_id INTEGER REFERENCES tea_talk (id)"
    )
    registry: dict[str, kinds.RecordKind] = kinds._KINDS  # no public way to redeclare a kind
    registry["proposal"], kinds.PROPOSAL = grown, grown
    try:
        yield grown
    finally:
        registry["proposal"], kinds.PROPOSAL = declared, declared


@pytest.fixture
def talk(ctx: Context, tea_talk: kinds.RecordKind) -> Any:
    host = members.create(ctx, {"name": "王建国"})
    guest = members.create(ctx, {"name": "陈丽"})
    return kind_records.create(ctx, tea_talk, {**TALK, "host": host.id, "members": [guest.id]})


def grow(ctx: Context, talk_id: int, **more: list[int]) -> Proposal:
    lead = members.create(ctx, {"name": "李梅"})
    values = {"kind": "sqmy", "title": "关于村道修缮的情况反映", "lead_member": lead.id}
    return proposals.create(ctx, values, grew_from={"tea_talk": [talk_id], **more})


def test_a_proposal_grows_from_a_tea_talk_and_both_show_the_link(
    ctx: Context, grows_from_tea_talks: kinds.RecordKind, talk: Any
) -> None:
    source = visit(ctx)
    proposal = grow(ctx, talk.id, visit=[source.id])
    assert proposals.sources(proposal.id) == {
        "visit": [source.id], "interview": [], "contact": [], "activity": [], "tea_talk": [talk.id],
    }  # fmt: skip

    shown = record_details.details(ctx, "proposal", proposal.id)
    sources = shown.row("来源")
    assert sources is not None and [r.kind for r in sources.refs] == ["visit", "tea_talk"]
    ref = sources.refs[1]
    assert (ref.record_id, ref.text, ref.note) == (
        talk.id,
        talk.serial,
        "2026-03-12 春茶话乡村振兴",
    )

    back = record_details.details(ctx, "tea_talk", talk.id).row("形成的提案/社情民意")
    assert back is not None and [r.record_id for r in back.refs] == [proposal.id]
    assert back.refs[0].text == proposal.serial and back.refs[0].note == proposal.title

    form = proposal_form.form(proposal)
    printed = {row.label: row.text for row in form.rows if isinstance(row, Block)}
    assert printed["来源记录"] == "、".join(sorted([source.serial, talk.serial]))


def test_a_trashed_tea_talk_cannot_be_a_source_and_leaves_the_lists(
    ctx: Context, tea_talk: kinds.RecordKind, grows_from_tea_talks: kinds.RecordKind, talk: Any
) -> None:
    proposal = grow(ctx, talk.id)
    kind_records.trash(ctx, tea_talk, talk.id)
    with pytest.raises(NotFound, match="来源记录"):
        grow(ctx, talk.id)
    assert record_details.details(ctx, "proposal", proposal.id).row("来源") is None
    proposals.delete(ctx, proposal.id)
    assert record_details.details(ctx, "tea_talk", talk.id).row("形成的提案/社情民意") is None


def test_a_kind_that_is_no_origin_is_refused(ctx: Context, talk: Any) -> None:
    with pytest.raises(ValueError, match="tea_talk"):
        grow(ctx, talk.id)


def test_the_dialog_prefills_from_a_tea_talk_lists_it_and_opens_it(
    qtbot: Any, ctx: Context, grows_from_tea_talks: kinds.RecordKind, talk: Any
) -> None:
    values = from_origin("tea_talk", [talk.id])
    assert values["kind"] == "suggestion" and values["title"] == "关于春茶话乡村振兴的建议"
    assert values["facts"] == TALK["notes"]  # its long texts: no gist declared
    assert values["lead_member"] == talk.host_id  # the first member it names
    dialog = ProposalDialog(ctx, None, prefill=values, grew_from={"tea_talk": [talk.id]})
    qtbot.addWidget(dialog)
    assert dialog.sources.count() == 1
    assert dialog.sources.item(0).text() == f"{talk.serial}  2026-03-12  春茶话乡村振兴"
    with qtbot.waitSignal(dialog.openRecord) as opened:
        dialog.sources.itemActivated.emit(dialog.sources.item(0))
    assert opened.args == ["tea_talk", talk.id]
    dialog.save()
    assert proposals.sources(Proposal.get().id)["tea_talk"] == [talk.id]
