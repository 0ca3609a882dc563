"""Proposals: made from selected visits (prefilled, linked both ways), submit, evaluation,
county fields read-only, filters."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel

from studio_app.services import proposals
from studio_app.storage.models import Proposal
from studio_app.ui.dialogs.proposal_dialog import ProposalDialog
from studio_app.ui.main_window import MainWindow
from tests.ui.conftest import CONTENTS, AddVisits, Answers, People, type_text


def select_rows(window: MainWindow, rows: list[int]) -> None:
    table, model = window.visits.table, window.visits.model
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    table.clearSelection()
    for row in rows:
        table.selectionModel().select(model.index(row, 0), flags)


def test_turn_selected_visits_into_a_sqmy(
    qtbot, window: MainWindow, add_visits: AddVisits, people: People
) -> None:
    ids = add_visits(3)
    window.show_page(window.visits)
    window.visits.model.reload()
    select_rows(window, [1, 2])  # newest first: visits ids[1] and ids[0]
    assert window.visits.convert_button.shortcut().toString() == "Ctrl+Shift+T"
    window.visits.convert_button.click()
    dialog = window.proposals.dialog
    assert isinstance(dialog, ProposalDialog) and window.stack.currentWidget() is window.proposals
    assert dialog.kind.currentData() == "sqmy"
    assert dialog.title_edit.text() == "关于农业农村问题的情况反映"  # category 02 of visit 1
    facts = dialog.facts.toPlainText().splitlines()
    assert [f.split("反映：")[1] for f in facts] == [f"{CONTENTS[1]}（1）", f"{CONTENTS[0]}（0）"]
    assert dialog.lead_member.currentText() == "李梅"
    assert dialog.sources.count() == 2
    type_text(dialog.recommendations, "建议尽快疏通")
    dialog.save()
    proposal = Proposal.get()
    assert proposal.status == "draft" and proposal.title.startswith("关于农业农村")
    assert sorted(proposals.sources(proposal.id)[0]) == sorted(ids[:2])
    assert window.proposals.model.total == 1

    # the proposal shows its source visits; activating one opens it on the visits page
    edit = window.proposals.open_record(proposal.id)
    assert isinstance(edit, ProposalDialog) and edit.sources.count() == 2
    edit.sources.itemActivated.emit(edit.sources.item(0))
    assert window.stack.currentWidget() is window.visits
    assert window.visits.dialog is not None and window.visits.dialog.visit_id in ids[:2]
    window.visits.dialog.reject()
    edit.reject()


def test_submit_and_evaluate_with_county_fields_read_only(
    qtbot, window: MainWindow, people: People, answers: Answers
) -> None:
    ctx = window.ctx
    draft = proposals.create(
        ctx, {"kind": "proposal", "title": "关于修路的提案", "lead_member": people.members["李梅"]}
    )
    window.proposals.model.reload()
    dialog = window.proposals.open_record(draft.id)
    assert isinstance(dialog, ProposalDialog)
    assert dialog.submit_button.isVisible() and dialog.county.isVisible()
    assert not any(isinstance(w, type(dialog.title_edit)) for w in dialog.county.children())
    dialog.submit_button.click()  # facts and recommendations are missing
    assert Proposal.get().status == "draft"
    assert "报送前请填写：情况、建议(办法)" in dialog.general_error.text()
    type_text(dialog.facts, "道路破损")
    type_text(dialog.recommendations, "列入计划")
    dialog.submit_button.click()
    row = Proposal.get()
    assert row.status == "submitted" and row.facts == "道路破损"
    assert not dialog.submit_button.isVisible() and not dialog.kind.isEnabled()
    assert dialog.status_label.text() == "状态：已报送"
    dialog.evaluation.setCurrentIndex(dialog.evaluation.findData("satisfied"))
    dialog.save()
    assert Proposal.get().member_evaluation == "satisfied" and answers.errors == []


def test_new_proposal_requires_a_lead_and_filters_by_kind(
    qtbot, window: MainWindow, people: People
) -> None:
    window.new_proposal_action.trigger()
    dialog = window.proposals.dialog
    assert isinstance(dialog, ProposalDialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("proposal"))
    type_text(dialog.title_edit, "关于养老的提案")
    dialog.save()
    assert dialog.isVisible() and dialog.error_of("lead_member") == "必填"
    dialog.lead_member.setCurrentIndex(dialog.lead_member.findText("陈志强"))
    dialog.save()
    assert not dialog.isVisible()
    proposals.create(window.ctx, {"kind": "sqmy", "title": "情况", "lead_member": 1})
    page = window.proposals
    page.model.reload()
    assert page.model.total == 2
    kind = page.filter_widgets["kind"]
    kind.setCurrentIndex(kind.findData("proposal"))
    assert page.model.total == 1
    assert page.model.index(0, page.model.column_of("lead_member")).data() == "陈志强"
    assert page.model.index(0, page.model.column_of("kind")).data() == "提案"


def test_turn_an_interview_into_a_suggestion(qtbot, window: MainWindow, people: People) -> None:
    from studio_app.services import interviews

    interview = interviews.create(
        window.ctx,
        {
            "kind": "offline",
            "title": "村道修缮",
            "occurred_at": window.ctx.now_local(),
            "members": [people.members["陈志强"]],
            "views": "群众希望尽快修缮村道",
        },
    )
    page = window.interviews
    page.model.reload()
    page.table.setCurrentIndex(page.model.index(0, 0))
    page.convert_button.click()
    dialog = window.proposals.dialog
    assert isinstance(dialog, ProposalDialog) and window.stack.currentWidget() is window.proposals
    assert dialog.kind.currentData() == "suggestion"
    assert dialog.title_edit.text() == "关于村道修缮的建议"
    assert dialog.facts.toPlainText() == "群众希望尽快修缮村道"
    assert dialog.lead_member.currentText() == "陈志强" and dialog.sources.count() == 1
    dialog.save()
    proposal = Proposal.get()
    assert proposals.sources(proposal.id) == ([], [interview.id])
    edit = window.proposals.open_record(proposal.id)
    edit.sources.itemActivated.emit(edit.sources.item(0))  # back to the interview
    assert window.stack.currentWidget() is window.interviews
    assert window.interviews.dialog is not None
    assert window.interviews.dialog.record_id == interview.id
    window.interviews.dialog.reject()
    edit.reject()
