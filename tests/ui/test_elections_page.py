"""The election observations' page (换届选举观察) on a 1366×768 screen: an election typed in
its dialog, its first stage observed in the entries' table; the selected election's stages
with its open issues; the term's villages by stage observed, a village opening its stages;
the election grown into a consultation (纳入协商议题)."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QRect, Qt
from PySide6.QtWidgets import QDateEdit

from studio_app.core import kinds
from studio_app.services import kind_records
from studio_app.ui.dialogs.election_views import ElectionStagesDialog, ElectionTermDialog
from studio_app.ui.dialogs.kind_dialog import KindDialog
from studio_app.ui.main_window import MainWindow
from studio_app.ui.pages.elections_page import ElectionsPage
from studio_app.ui.widgets.member_picker import MemberPicker
from tests.ui.conftest import Answers, People, fields_of, type_text
from tests.ui.test_consultations_page import choose, focused
from tests.ui.test_office_pc import assert_fits, office_screen  # noqa: F401

ELECTION = kinds.ELECTION
TERM = "2026年村（社区）“两委”换届"
STAGE, OBSERVED_ON, OBSERVER, SEEN, ISSUES, RATING = range(6)


def page_of(window: MainWindow) -> ElectionsPage:
    page = window.kind_page(ELECTION.name)
    assert isinstance(page, ElectionsPage)
    window.show_page(page)
    return page


def observed(people: People, ctx: Any) -> list[int]:
    """Two villages of the term: 东岙村 with an open issue, 溪口村 with its voting seen."""
    lee, wang = people.members["李梅"], people.members["王建国"]
    east = kind_records.create(ctx, ELECTION, {
        "village": "东岙村", "term": TERM, "election_on": "2026-03-08", "complex": True,
        "observers": [lee, wang],
        "entries": [
            {"stage": "registration", "observed_on": "2026-02-16", "observer": wang,
             "seen": "登记榜已张贴", "issues": "外出人员未核实", "rating": "mostly"},
            {"stage": "voting", "observed_on": "2026-03-08", "observer": lee,
             "seen": "唱票计票公开", "rating": "compliant"},
        ],
        "summary": "总体平稳有序",
    })  # fmt: skip
    river = kind_records.create(ctx, ELECTION, {
        "village": "溪口村", "term": TERM, "election_on": "2026-03-15", "observers": [lee],
        "entries": [{"stage": "voting", "rating": "compliant"}],
    })  # fmt: skip
    return [east.id, river.id]


def test_an_election_is_typed_in_its_dialog(
    qtbot: Any,
    office_screen: QRect,  # noqa: F811
    window: MainWindow,
    people: People,
    answers: Answers,
) -> None:
    page = page_of(window)
    dialog = page.open_record(None)
    assert isinstance(dialog, KindDialog) and dialog.windowTitle() == "新建换届选举观察"
    assert_fits(dialog)
    form = fields_of(dialog)
    type_text(form.village, "东岙村")
    dialog.save()  # no term, no observers: refused beside their fields
    assert dialog.isVisible() and "必填" in dialog.error_of("term")
    type_text(form.term, TERM)
    day = form.election_on
    assert isinstance(day, QDateEdit)
    day.setDate(QDate(2026, 3, 8))
    form.complex.setChecked(True)
    picker = form.observers
    assert isinstance(picker, MemberPicker)
    picker.set_selected([people.members["李梅"]])
    (entries,) = dialog.tables()
    entries.add_button.click()
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)  # the stage is a choice: chosen below
    choose(qtbot, entries, 0, STAGE, "选民登记")
    choose(qtbot, entries, 0, RATING, "不规范")
    dialog.save()
    assert not dialog.isVisible() and answers.errors == []
    qtbot.waitUntil(lambda: page.model.total == 1)
    saved = kind_records.values(ELECTION, page.model.record_id(0))
    assert saved["village"] == "东岙村" and saved["term"] == TERM and saved["complex"]
    assert saved["election_on"] == date(2026, 3, 8)
    assert [(e["stage"], e["rating"]) for e in saved["entries"]] == [
        ("registration", "non_compliant")
    ]


def test_the_stages_and_the_term_views(
    qtbot: Any,
    office_screen: QRect,  # noqa: F811
    window: MainWindow,
    people: People,
    ctx: Any,
) -> None:
    east, river = observed(people, ctx)
    page = page_of(window)
    page.model.reload()
    qtbot.waitUntil(lambda: page.model.total == 2)
    assert page.show_stages() is None  # nothing selected yet
    assert page.select_record(east)
    stages = page.show_stages()
    assert isinstance(stages, ElectionStagesDialog)
    assert_fits(stages)
    table = stages.table
    shown = [table.item(r, STAGE).text() for r in range(table.rowCount())]
    assert shown == ["推选村民选举委员会", "选民登记", "候选人提名", "投票选举与计票", "其他"]
    assert table.item(0, OBSERVED_ON).text() == stages.tr("Not observed")
    assert table.item(1, OBSERVER).text() == "王建国" and table.item(1, ISSUES).text()
    assert stages.issues.count() == 1 and "外出人员未核实" in stages.issues.item(0).text()
    stages.close()

    term = page.show_term()
    assert isinstance(term, ElectionTermDialog)
    assert_fits(term)
    assert term.terms.currentText() == TERM
    grid = term.table
    assert [grid.item(r, 0).text() for r in range(grid.rowCount())] == ["东岙村", "溪口村"]
    marks = [[grid.item(r, c).text() for c in range(3, 8)] for r in range(2)]
    assert marks == [["—", "✓", "—", "✓", "—"], ["—", "—", "—", "✓", "—"]]
    assert grid.item(0, 8).text() == "1" and grid.item(1, 8).text() == ""
    assert "选情复杂村" in grid.item(0, 2).text()
    opened = term.open_village(1)
    assert isinstance(opened, ElectionStagesDialog) and opened.timeline.election_id == river
    opened.close()
    term.close()


def test_an_election_grows_into_a_consultation(
    qtbot: Any, window: MainWindow, people: People, ctx: Any, answers: Answers
) -> None:
    east, _river = observed(people, ctx)
    page = page_of(window)
    page.model.reload()
    qtbot.waitUntil(lambda: page.model.total == 2)
    assert page.select_record(east)
    button = page.grow_buttons[kinds.CONSULTATION.name]
    assert button.text() == "纳入协商议题……"
    button.click()
    consultations = window.kind_page(kinds.CONSULTATION.name)
    dialog = consultations.dialog
    assert isinstance(dialog, KindDialog) and dialog.grew_from == {ELECTION.name: [east]}
    form = fields_of(dialog)
    assert form.positions.toPlainText() == "2026-03-08：总体平稳有序"
    assert form.source.currentText() == "委员提出"
    dialog.reject()
