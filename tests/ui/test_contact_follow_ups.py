"""A contact's follow-up in one click (an activity's problems found alike): 登记为来访 opens
the visit form filled from the selected contact (what was said, its member and residents)
and saves the visit linked to it; 转为社情民意/提案 opens a 社情民意 with the contact's text as
facts. Both panels show the link, and cancelling leaves nothing behind."""

from __future__ import annotations

from typing import Any

import pytest

from studio_app.core import kinds
from studio_app.services import kind_records, origins, proposals, visits
from studio_app.services.context import Context
from studio_app.storage.models import Proposal, Visit
from studio_app.ui.dialogs.proposal_dialog import ProposalDialog
from studio_app.ui.dialogs.visit_dialog import VisitDialog
from studio_app.ui.main_window import MainWindow
from studio_app.ui.pages.kind_page import KindPage
from tests.ui.conftest import Answers, People, fields_of, type_text

CONTENT = "张三说村口路灯坏了半年，晚上出行不便"
FOLLOW_UP = "登记转镇建设办"


@pytest.fixture
def contact_id(ctx: Context, people: People) -> int:
    return int(
        kind_records.create(ctx, kinds.CONTACT, {
            "member": people.members["李梅"], "contacted_at": "2026-03-02 10:00",
            "channel": "visit", "residents": [people.residents["张三"]],
            "content": CONTENT, "follow_up": FOLLOW_UP,
        }).id
    )  # fmt: skip


def contacts_page(qtbot: Any, window: MainWindow, kind: str = kinds.CONTACT.name) -> KindPage:
    """The list of ``kind`` (contacts) shown, its one record selected."""
    page = window.kind_page(kind)
    assert isinstance(page, KindPage)
    window.show_page(page)
    page.model.reload()
    qtbot.waitUntil(lambda: page.model.total == 1)
    page.table.selectRow(0)
    return page


def choose(combo: Any, text: str) -> None:
    found = combo.findText(text)
    assert found >= 0, text
    combo.setCurrentIndex(found)


def test_a_contact_is_registered_as_a_visit_linked_to_it(
    qtbot: Any, window: MainWindow, people: People, answers: Answers, contact_id: int
) -> None:
    page = contacts_page(qtbot, window)
    button = page.grow_buttons["visit"]
    assert button.objectName() == "growVisitButton" and button.text() == "登记为来访……"
    button.click()
    dialog = window.visits.dialog
    assert isinstance(dialog, VisitDialog) and window.stack.currentWidget() is window.visits
    form = fields_of(dialog)
    assert form.content.toPlainText() == f"2026-03-02：{CONTENT}；{FOLLOW_UP}"
    assert form.members.selected_ids() == [people.members["李梅"]]
    assert [p.resident_id for p in dialog.residents.picked()] == [people.residents["张三"]]
    choose(form.category, "城乡建设与管理")
    dialog.save()
    assert not dialog.isVisible() and answers.errors == []

    (visit_id,) = [v.id for v in Visit.select()]
    assert origins.of("visit", visit_id) == {"contact": [contact_id], "activity": []}
    serial = visits.get(visit_id).serial
    window.show_page(page)
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: serial in page.detail_panel.text())
    assert f"形成的{kinds.VISIT.short_label}" in page.detail_panel.text()
    window.show_page(window.visits)
    window.visits.model.reload()
    qtbot.waitUntil(lambda: window.visits.model.total == 1)
    window.visits.table.selectRow(0)
    contact_serial = kind_records.get(kinds.CONTACT, contact_id).serial
    qtbot.waitUntil(lambda: contact_serial in window.visits.detail_panel.text())


def test_cancelling_a_visit_grown_from_a_contact_leaves_nothing(
    qtbot: Any, window: MainWindow, answers: Answers, contact_id: int
) -> None:
    page = contacts_page(qtbot, window)
    page.grow_buttons["visit"].click()
    dialog = window.visits.dialog
    assert isinstance(dialog, VisitDialog)
    answers.discard = True
    dialog.reject()
    assert not dialog.isVisible()
    assert Visit.select().count() == 0
    assert origins.grown("contact", contact_id) == {}


def test_a_contact_becomes_a_sqmy_linked_to_it(
    qtbot: Any, window: MainWindow, people: People, answers: Answers, contact_id: int
) -> None:
    page = contacts_page(qtbot, window)
    button = page.grow_buttons["proposal"]
    assert button.objectName() == "growProposalButton"
    button.click()
    dialog = window.proposals.dialog
    assert isinstance(dialog, ProposalDialog)
    assert dialog.kind.currentText() == "社情民意信息"
    assert dialog.title_edit.text() == ""  # the contact's long text is no title
    assert dialog.facts.toPlainText() == f"{CONTENT}\n{FOLLOW_UP}"
    type_text(dialog.title_edit, "关于村口路灯长期失修的情况反映")
    dialog.save()
    assert not dialog.isVisible() and answers.errors == []
    (proposal,) = Proposal.select()
    assert proposal.kind == "sqmy" and proposal.lead_member_id == people.members["李梅"]
    assert proposals.sources(proposal.id)["contact"] == [contact_id]


def test_an_activitys_problems_become_a_sqmy_linked_to_it(
    qtbot: Any, window: MainWindow, people: People, answers: Answers
) -> None:
    activity = kind_records.create(window.ctx, kinds.ACTIVITY, {
        "title": "水渠整治视察", "kind": "视察", "organiser": "本工作室",
        "starts_at": "2026-03-05 09:00", "problems": "东村水渠淤塞，春灌用水困难",
        "attendance": [{"member": people.members["李梅"], "attendance": "出席"}],
    })  # fmt: skip
    page = contacts_page(qtbot, window, kinds.ACTIVITY.name)
    assert page.grow_buttons["visit"].text() == "登记为来访……"
    page.grow_buttons["proposal"].click()
    dialog = window.proposals.dialog
    assert isinstance(dialog, ProposalDialog)
    assert dialog.kind.currentText() == "社情民意信息"
    assert dialog.title_edit.text() == "关于水渠整治视察的情况反映"
    assert dialog.facts.toPlainText() == "东村水渠淤塞，春灌用水困难"
    dialog.lead_member.setCurrentIndex(dialog.lead_member.findText("李梅"))
    dialog.save()
    assert not dialog.isVisible() and answers.errors == []
    (proposal,) = Proposal.select()
    assert proposals.sources(proposal.id)["activity"] == [activity.id]
