"""Proposals: made from selected visits (prefilled, linked both ways), submit, evaluation,
county fields read-only, filters. At the county: the studios' submitted records by studio
and stage, the county work dialog, batch accept and assign."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QDate, QItemSelectionModel

from studio_app.services import county_work, proposals
from studio_app.storage.models import Proposal
from studio_app.ui.dialogs import county_assign_dialog
from studio_app.ui.dialogs.county_assign_dialog import CountyAssignDialog, stage_names
from studio_app.ui.dialogs.county_dialog import CountyWorkDialog
from studio_app.ui.dialogs.proposal_dialog import ProposalDialog
from studio_app.ui.lookups import Lookups
from studio_app.ui.main_window import MainWindow
from studio_app.ui.pages.proposals_page import ProposalsPage
from tests.ui.conftest import CONTENTS, AddVisits, Answers, People, type_text
from tests.ui.test_county_dialog import SQMY, County, county_fixture  # noqa: F401


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
    assert window.visits.grow_buttons["proposal"].shortcut().toString() == "Ctrl+Shift+T"
    window.visits.grow_buttons["proposal"].click()
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
    assert sorted(proposals.sources(proposal.id)["visit"]) == sorted(ids[:2])
    assert window.proposals.model.total == 1

    # the proposal shows its source visits; activating one opens it on the visits page
    edit = window.proposals.open_record(proposal.id)
    assert isinstance(edit, ProposalDialog) and edit.sources.count() == 2
    edit.sources.itemActivated.emit(edit.sources.item(0))
    assert window.stack.currentWidget() is window.visits
    assert window.visits.dialog is not None and window.visits.dialog.record_id in ids[:2]
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
    # the member evaluates the county's reply once it has arrived (test_county_dialog.py)
    assert not dialog.evaluation.isEnabled() and dialog.evaluation.toolTip()
    assert dialog.no_feedback.isVisibleTo(dialog)
    assert not any(dialog.county_labels[f].isVisibleTo(dialog) for f in dialog.county_labels)
    dialog.save()
    assert Proposal.get().member_evaluation == "" and answers.errors == []


def test_new_proposal_requires_a_lead_and_filters_by_kind(
    qtbot, window: MainWindow, people: People
) -> None:
    window.new_actions["proposal"].trigger()
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
    page = window.kind_page("interview")
    page.model.reload()
    page.table.setCurrentIndex(page.model.index(0, 0))
    assert page.grow_buttons["proposal"].text() == "转为建议……"
    page.grow_buttons["proposal"].click()
    dialog = window.proposals.dialog
    assert isinstance(dialog, ProposalDialog) and window.stack.currentWidget() is window.proposals
    assert dialog.kind.currentData() == "suggestion"
    assert dialog.title_edit.text() == "关于村道修缮的建议"
    assert dialog.facts.toPlainText() == "群众希望尽快修缮村道"
    assert dialog.lead_member.currentText() == "陈志强" and dialog.sources.count() == 1
    dialog.save()
    proposal = Proposal.get()
    sources = proposals.sources(proposal.id)
    assert sources == {"visit": [], "interview": [interview.id], "contact": [], "activity": []}
    edit = window.proposals.open_record(proposal.id)
    edit.sources.itemActivated.emit(edit.sources.item(0))  # back to the interview
    assert window.stack.currentWidget() is page
    assert page.dialog is not None
    assert page.dialog.record_id == interview.id
    page.dialog.reject()
    edit.reject()


# -- at the county -------------------------------------------------------------------------


@pytest.fixture
def page(qtbot: Any, county: County) -> ProposalsPage:
    page = ProposalsPage(county.ctx, Lookups.load())
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    return page


@dataclass
class Asked:
    """The batch questions asked, answered with ``answer``."""

    questions: list[str] = field(default_factory=list)
    answer: bool = True


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> Asked:
    found = Asked()

    def ask(_parent: Any, text: str, _act: str) -> bool:
        found.questions.append(text)
        return found.answer

    monkeypatch.setattr(county_assign_dialog, "ask_batch", ask)
    return found


def column(page: ProposalsPage, key: str) -> list[str]:
    model = page.model
    return [model.index(r, model.column_of(key)).data() for r in range(model.rowCount())]


def select_titles(page: ProposalsPage, titles: tuple[str, ...]) -> list[int]:
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    page.table.clearSelection()
    for row, title in enumerate(column(page, "title")):
        if title in titles:
            page.table.selectionModel().select(page.model.index(row, 0), flags)
    return page.selected_ids()


def test_the_county_lists_the_studios_submitted_records_by_studio_and_stage(
    page: ProposalsPage, county: County
) -> None:
    assert page.model.total == 5 and "还在起草的提案" not in column(page, "title")  # no drafts
    assert page.new_button.isHidden() and page.delete_button.isHidden()
    assert "status" not in page.filter_widgets
    assert sorted(set(column(page, "studio"))) == ["城关镇政协委员工作室", "石桥镇政协委员工作室"]
    assert set(column(page, "stage")) == {stage_names()["review"]}

    studio = page.filter_widgets["studio"]
    studio.setCurrentIndex(studio.findText("城关镇政协委员工作室"))
    assert page.model.total == 1 and column(page, "title") == ["城关菜场改造"]
    studio.setCurrentIndex(0)
    assert page.model.total == 5

    ctx = county.ctx
    county_work.review(ctx, county.id_of(SQMY[0]), "accepted", county_no="PY-1")
    county_work.review(ctx, county.id_of(SQMY[1]), "accepted")
    county_work.assign(ctx, [county.id_of(SQMY[1])], "01", on=ctx.today())
    county_work.review(ctx, county.id_of(SQMY[2]), "rejected", reason="不属实")
    stage = page.filter_widgets["stage"]
    for code, titles in (
        ("review", ["城关菜场改造", "关于修缮东岙村道路的建议"]),
        ("assign", [SQMY[0]]),
        ("in_hand", [SQMY[1]]),
        ("settled", [SQMY[2]]),
        ("overdue", []),
    ):
        stage.setCurrentIndex(stage.findData(code))
        assert sorted(column(page, "title")) == sorted(titles), code
    stage.setCurrentIndex(stage.findData("assign"))
    assert column(page, "county_no") == ["PY-1"]
    assert column(page, "stage") == [stage_names()["assign"]]
    stage.setCurrentIndex(stage.findData("in_hand"))
    due = county_work.add_months(ctx.today(), 3).isoformat()
    assert column(page, "reply_due") == [due]


def test_activating_a_row_opens_the_county_work_dialog(page: ProposalsPage, county: County) -> None:
    row = column(page, "title").index(SQMY[0])
    page.table.activated.emit(page.model.index(row, 0))
    dialog = page.dialog
    assert isinstance(dialog, CountyWorkDialog) and dialog.record_id == county.id_of(SQMY[0])
    dialog.reject()
    assert page.dialog is None


def test_batch_accept_and_assign_of_three_records(
    qtbot: Any, page: ProposalsPage, county: County, asked: Asked, answers: Answers
) -> None:
    assert not page.accept_button.isEnabled()  # nothing selected
    ids = select_titles(page, SQMY)
    assert len(ids) == 3 and page.accept_button.isEnabled()

    asked.answer = False  # declined: nothing happens
    assert not page.accept_selected()
    assert all(Proposal.get_by_id(i).review == "" for i in ids)
    asked.answer = True
    page.accept_button.click()
    assert len(asked.questions) == 2 and "3" in asked.questions[-1]
    assert all(Proposal.get_by_id(i).review == "accepted" for i in ids)
    assert set(column(page, "stage")) == {stage_names()["review"], stage_names()["assign"]}

    ids = select_titles(page, SQMY)
    page.assign_button.click()
    dialog = page.findChild(CountyAssignDialog)
    assert isinstance(dialog, CountyAssignDialog) and dialog.isVisible()
    dialog.assign_button.click()  # no lead unit yet
    assert dialog.isVisible() and dialog.form.rows["lead_unit"].error_text()
    dialog.form.choose_lead("县民政局")
    dialog.form.check("县医保局")
    dialog.form.on.setDate(QDate(2026, 4, 1))
    dialog.assign_button.click()
    assert "3" in asked.questions[-1] and "县民政局" in asked.questions[-1]
    assert not dialog.isVisible()
    for i in ids:
        row = Proposal.get_by_id(i)
        assert (row.assigned_at, row.reply_due) == (date(2026, 4, 1), date(2026, 7, 1))
        assert [r for r, _ in county_work.units_of(row)] == ["lead", "assisting"]
    assert answers.errors == []
    stage = page.filter_widgets["stage"]
    stage.setCurrentIndex(stage.findData("overdue" if date.today() > date(2026, 7, 1) else
                                         "in_hand"))  # fmt: skip
    assert sorted(column(page, "title")) == sorted(SQMY)


def test_a_refused_batch_writes_nothing(
    page: ProposalsPage, county: County, asked: Asked, answers: Answers
) -> None:
    """Assigning records not all accepted: refused as a whole, with a message."""
    county_work.review(county.ctx, county.id_of(SQMY[0]), "accepted")
    ids = select_titles(page, SQMY)
    dialog = page.assign_selected()
    assert isinstance(dialog, CountyAssignDialog)
    dialog.form.choose_lead("县民政局")
    dialog.assign_button.click()
    assert answers.errors and "尚未立案" in answers.errors[0] and dialog.isVisible()
    assert all(Proposal.get_by_id(i).assigned_at is None for i in ids)
    dialog.reject()
