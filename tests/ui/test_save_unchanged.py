"""Every dialog: opening a saved record and saving it — unchanged, with one field changed, or
through a workflow button — changes nothing but what the person did.

The stored row and every row linking to it are compared before and after (see
tests/services/test_partial_updates.py for the same check on the services).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QLineEdit

from studio_app.core import kinds
from studio_app.demo import studio as demo
from studio_app.services import interviews, members, proposals, residents, visits
from studio_app.services.context import Context
from studio_app.storage.models import SyncedModel
from studio_app.ui.dialogs.kind_dialog import KindDialog
from studio_app.ui.dialogs.person_dialogs import MemberDialog, ResidentDialog
from studio_app.ui.dialogs.proposal_dialog import ProposalDialog
from studio_app.ui.dialogs.visit_dialog import VisitDialog
from tests.services.test_partial_updates import STAMPS, changed_columns, image, search_columns
from tests.ui.conftest import fields_of

Opener = Callable[[Context, int], QDialog]

# Each dialog, the record type it edits and the line edit a clerk might touch.
DIALOGS: dict[str, tuple[type[SyncedModel], Opener, Callable[[Any], QLineEdit], str]] = {
    "visit": (
        visits.Visit,
        lambda ctx, i: VisitDialog(ctx, i),
        lambda d: fields_of(d).place,
        "place",
    ),
    "interview": (
        interviews.Interview,
        lambda ctx, i: KindDialog(ctx, kinds.INTERVIEW, i),
        lambda d: d.edits["place_or_platform"],
        "place_or_platform",
    ),
    "proposal": (proposals.Proposal, ProposalDialog, lambda d: d.title_edit, "title"),
    "member": (members.Member, MemberDialog, lambda d: d.edits["unit_and_post"], "unit_and_post"),
    "resident": (residents.Resident, ResidentDialog, lambda d: d.edits["address"], "address"),
}


@pytest.fixture
def demo_ctx(ctx: Context) -> Context:
    demo.generate(ctx, visits=150, seed=5)
    return ctx


def some(model: type[SyncedModel], n: int = 6) -> list[int]:
    ids = [
        i
        for (i,) in model.select(model.id)
        .where(model.deleted_at.is_null())
        .order_by(model.id)
        .tuples()
    ]
    step = max(1, len(ids) // n)
    return ids[::step][:n]


def save(dialog: Any) -> None:
    dialog.save()
    assert not dialog.isVisible() or dialog.result() == QDialog.DialogCode.Accepted, (
        dialog.general_error.text()
    )


@pytest.mark.parametrize("kind", sorted(DIALOGS))
def test_open_and_save_unchanged_writes_nothing(qtbot: Any, demo_ctx: Context, kind: str) -> None:
    model, open_dialog, _, _ = DIALOGS[kind]
    for record_id in some(model):
        before = image(model, record_id)
        dialog = open_dialog(demo_ctx, record_id)
        qtbot.addWidget(dialog)
        assert not dialog.has_changes(), f"{kind} {record_id} looks changed right after opening"
        save(dialog)
        assert image(model, record_id) == before, f"{kind} {record_id}"


@pytest.mark.parametrize("kind", sorted(DIALOGS))
def test_changing_one_field_changes_only_that_field(
    qtbot: Any, demo_ctx: Context, kind: str
) -> None:
    model, open_dialog, editor_of, column = DIALOGS[kind]
    for record_id in some(model):
        before = image(model, record_id)
        dialog = open_dialog(demo_ctx, record_id)
        qtbot.addWidget(dialog)
        editor = editor_of(dialog)
        editor.setText(editor.text() + "东")
        save(dialog)
        diff = changed_columns(before, image(model, record_id)) - STAMPS
        diff -= {c for c in model._meta.columns if c.endswith(("_names", "_text", "_key"))}
        assert diff == {column}, f"{kind} {record_id}: {diff}"


def test_every_visit_workflow_button_changes_only_the_status_and_its_fields(
    qtbot: Any, demo_ctx: Context
) -> None:
    """A referred case with residents, walked to closure by the dialog's buttons."""
    people = [r.id for r in residents.Resident.select().limit(2)]
    visit = visits.save(
        demo_ctx,
        {
            "channel": "reception",
            "occurred_at": "2026-03-02 09:30",
            "members": [members.Member.select().first().id],
            "residents": people,
            "category": "01",
            "content": "村口道路破损。",
            "handling": "referred",
            "referred_unit": "01",
        },
    )
    dialog = VisitDialog(demo_ctx, visit.id)
    qtbot.addWidget(dialog)
    for action, fill in (
        ("start", None),
        ("feed_back", lambda: fields_of(dialog).result.setPlainText("已修复")),
        ("reopen", None),
        ("feed_back", None),
        ("close", None),
    ):
        if fill is not None:
            fill()
            fields_of(dialog).feedback_at.set_value(demo_ctx.today())
        before = image(visits.Visit, visit.id)
        dialog.steps[action].click()
        diff = changed_columns(before, image(visits.Visit, visit.id)) - STAMPS
        diff -= search_columns(visits.VISIT)
        assert diff <= {"status", "result", "feedback_at"}, f"{action}: {diff}"
        assert visits.get(visit.id).status == str(visits.STEPS[action].target)
        assert (
            before["visit_resident.visit"] == image(visits.Visit, visit.id)["visit_resident.visit"]
        )
    assert visits.values_of(visits.get(visit.id))["residents"] == people
