"""A declared workflow step (``RecordKind.transitions``) is a button on the generic dialog:
pressed, it moves the record and audits the step; cancelling or saving unchanged writes
nothing. Kinds with a service of their own change status there, with their own audit."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest

from studio_app.core import kinds
from studio_app.core.codes import InterviewStatus
from studio_app.core.errors import TransitionRefused
from studio_app.services import kind_records, members
from studio_app.services.context import Context
from studio_app.storage.migrations import create_kind
from studio_app.storage.models import AuditEntry, database
from studio_app.ui import mnemonics
from studio_app.ui.dialogs.kind_dialog import KindDialog
from tests.kinds.throwaway import TEA_TALK
from tests.ui.conftest import zh_translation  # noqa: F401  (the dialog in Chinese)

OPEN, CLOSED = InterviewStatus.OPEN, InterviewStatus.CLOSED
# The throwaway kind with a status and two steps: a talk is wound up, and taken up again.
STEPPED = dataclasses.replace(
    TEA_TALK,
    status=InterviewStatus,
    transitions=(
        kinds.Transition("wind_up", "结束茶叙", (OPEN,), CLOSED),
        kinds.Transition("take_up", "继续茶叙", (CLOSED,), OPEN),
    ),
)


@pytest.fixture
def stepped(ctx: Context) -> Iterator[kinds.RecordKind]:
    with kinds.registered(STEPPED):
        create_kind(database.obj, STEPPED.name)
        yield STEPPED


@pytest.fixture
def talk_id(ctx: Context, stepped: kinds.RecordKind) -> int:
    m = members.create(ctx, {"name": "王委员"})
    values = {"title": "春茶话发展", "held_on": "2026-03-01", "members": [m.id]}
    return int(kind_records.create(ctx, stepped, values).id)


def audited(kind: kinds.RecordKind) -> list[str]:
    query = AuditEntry.select().where(AuditEntry.record_type == kind.name)
    return [e.action for e in query.order_by(AuditEntry.id)]


def test_a_step_moves_the_status_and_is_audited(
    ctx: Context, stepped: kinds.RecordKind, talk_id: int
) -> None:
    assert kind_records.get(stepped, talk_id).status == OPEN  # the first state
    row = kind_records.advance(ctx, stepped, talk_id, "wind_up")
    assert row.status == CLOSED and kind_records.get(stepped, talk_id).rev == 2
    assert audited(stepped) == ["create", "wind_up"]
    with pytest.raises(TransitionRefused, match="已结束"):
        kind_records.advance(ctx, stepped, talk_id, "wind_up")  # not from where it is now
    assert audited(stepped) == ["create", "wind_up"]
    assert kind_records.get(stepped, talk_id).rev == 2
    with pytest.raises(KeyError):
        kind_records.advance(ctx, stepped, talk_id, "no_such_step")


def test_the_dialog_offers_the_steps_from_the_records_status(
    qtbot: Any, ctx: Context, stepped: kinds.RecordKind, talk_id: int
) -> None:
    dialog = KindDialog(ctx, stepped, talk_id)
    qtbot.addWidget(dialog)
    dialog.show()
    wind_up, take_up = dialog.steps["wind_up"], dialog.steps["take_up"]
    assert wind_up.text() == "结束茶叙(&W)" and wind_up.objectName() == "action_wind_up"
    assert wind_up.isVisible() and not take_up.isVisible()
    assert dialog.status_label.text().endswith("进行中")

    wind_up.click()
    assert kind_records.get(stepped, talk_id).status == CLOSED
    assert audited(stepped) == ["create", "wind_up"]
    assert dialog.status_label.text().endswith("已结束")
    assert take_up.isVisible() and not wind_up.isVisible()

    dialog.rows["guests"].editor.setValue(8)  # type: ignore[attr-defined]
    dialog.rows["agenda"].editor.set_value([{"item": "茶园道路"}])  # type: ignore[attr-defined]
    take_up.click()  # pending changes are saved first, then the step
    row = kind_records.get(stepped, talk_id)
    assert row.status == OPEN and row.guests == 8
    assert [r["item"] for r in kind_records.values(stepped, talk_id)["agenda"]] == ["茶园道路"]
    assert audited(stepped) == ["create", "wind_up", "update", "take_up"]
    assert not dialog.has_changes()  # the dialog shows the record as saved, rows included


def test_the_steps_keys_leave_the_agenda_its_own(
    qtbot: Any, ctx: Context, stepped: kinds.RecordKind, talk_id: int
) -> None:
    """Alt+letters: the agenda's buttons keep theirs, the steps take others."""
    dialog = KindDialog(ctx, stepped, talk_id)
    qtbot.addWidget(dialog)
    table = dialog.tables()[0]
    own = {mnemonics.key_of(b.text()) for b in table.buttons()}
    steps = {mnemonics.key_of(b.text()) for b in dialog.steps.values()}
    assert len(own) == 4 and "" not in own and not own & steps


def test_cancel_or_saving_unchanged_writes_nothing(
    qtbot: Any, ctx: Context, stepped: kinds.RecordKind, talk_id: int
) -> None:
    for close in ("reject", "save"):
        dialog = KindDialog(ctx, stepped, talk_id)
        qtbot.addWidget(dialog)
        dialog.show()
        assert not dialog.has_changes()
        getattr(dialog, close)()
        assert not dialog.isVisible()
    assert kind_records.get(stepped, talk_id).rev == 1
    assert audited(stepped) == ["create"]


def test_a_new_record_offers_no_step(qtbot: Any, ctx: Context, stepped: kinds.RecordKind) -> None:
    dialog = KindDialog(ctx, stepped)
    qtbot.addWidget(dialog)
    dialog.show()
    assert set(dialog.steps) == {"wind_up", "take_up"}
    assert not any(button.isVisible() for button in dialog.steps.values())
    assert dialog.status_label.isHidden()


def test_a_kind_with_its_own_service_changes_status_there(ctx: Context) -> None:
    """Interviews: their service's refusal and audit action (the status reached)."""
    from studio_app.services import interviews

    m = members.create(ctx, {"name": "王委员"})
    values = {"kind": "offline", "title": "座谈", "occurred_at": datetime(2026, 3, 1, 9)}
    interview_id = interviews.create(ctx, {**values, "members": [m.id]}).id
    kind_records.advance(ctx, kinds.INTERVIEW, interview_id, "close")
    assert interviews.get(interview_id).status == CLOSED
    assert audited(kinds.INTERVIEW)[-1] == "closed"
    with pytest.raises(TransitionRefused, match="该访谈已经是“已结束”状态"):
        kind_records.advance(ctx, kinds.INTERVIEW, interview_id, "close")
    kind_records.advance(ctx, kinds.INTERVIEW, interview_id, "reopen")
    assert audited(kinds.INTERVIEW)[-2:] == ["closed", "open"]
