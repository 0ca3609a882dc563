"""The detail panel beside the lists: the whole current record, updated as the cursor moves,
identifiers masked without the grant, links that open the linked record."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView

from studio_app.services import interviews, proposals, record_details, visits
from studio_app.services.context import Context
from studio_app.ui.app import build_main_window
from studio_app.ui.dialogs.proposal_dialog import ProposalDialog
from studio_app.ui.lookups import Lookups
from studio_app.ui.main_window import MainWindow
from studio_app.ui.widgets.detail_panel import DetailPanel
from studio_app.workspace import Workspace
from tests.ui.conftest import CONTENTS, AddVisits, People
from tests.ui.test_lister_table_model import make_interviews


def select_row(table: QAbstractItemView, row: int) -> None:
    index = table.model().index(row, 0)
    table.selectionModel().setCurrentIndex(
        index,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def wait_for(qtbot, panel: DetailPanel, text: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: text in panel.text())


def test_selecting_a_visit_shows_it_and_the_arrow_key_moves_on(
    qtbot, window: MainWindow, add_visits: AddVisits
) -> None:
    ids = add_visits(3)
    page = window.visits
    window.show_page(page)
    page.model.reload()
    panel = page.detail_panel
    assert "选中" in panel.text()  # a hint while nothing is selected
    select_row(page.table, 0)  # newest first: the last visit added
    newest = visits.get(ids[2])
    wait_for(qtbot, panel, f"{CONTENTS[2]}（2）")
    text = panel.text()
    assert newest.serial and newest.serial in text
    for label in ("编号", "状态", "接待方式", "接待时间", "值班/走访委员", "来访群众", "反映内容"):
        assert label in text
    assert "陈志强" in text and "张三" in text  # members and residents by name

    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    wait_for(qtbot, panel, f"{CONTENTS[1]}（1）")
    assert panel.details is not None and panel.details.record_id == ids[1]
    assert f"{CONTENTS[2]}（2）" not in panel.text()


def test_codes_show_as_labels_and_long_text_keeps_its_lines(ctx: Context, people: People) -> None:
    visit = visits.create(
        ctx,
        {
            "channel": "phone",
            "occurred_at": ctx.now_local(),
            "members": [people.members["李梅"]],
            "category": "02",
            "content": "第一行\n第二行",
            "handling": "referred",
            "referred_unit": "01",
        },
    )
    details = record_details.details(ctx, "visit", visit.id)
    assert details.title == visit.serial
    content = details.row("反映内容")
    assert content is not None and content.long and content.text == "第一行\n第二行"
    assert details.row("接待方式").text == "电话"  # type: ignore[union-attr]
    assert details.row("处理方式").text == "转有关部门"  # type: ignore[union-attr]
    assert details.row("问题类别").text == "农业农村"  # type: ignore[union-attr]
    assert details.row("现场答复") is None  # empty fields are left out
    panel = DetailPanel()
    panel.show_details(details)
    assert "第一行\n第二行" in panel.text()


@pytest.mark.parametrize("may_see_pii", [True, False])
def test_phone_and_id_number_are_masked_without_the_grant(
    qtbot, ctx: Context, people: People, may_see_pii: bool
) -> None:
    window = MainWindow(replace(ctx, may_see_pii=may_see_pii), "石桥镇", Lookups.load())
    qtbot.addWidget(window)
    page = window.residents
    row = page.model.row_of(people.residents["张三"])
    assert row is not None
    select_row(page.table, row)
    page.details.load()
    text = page.detail_panel.text()
    assert "张三" in text and "东村" in text
    if may_see_pii:
        assert "13800001111" in text
    else:
        assert "138****1111" in text and "13800001111" not in text


def test_a_proposal_shows_its_sources_and_a_click_opens_one(
    qtbot, window: MainWindow, ctx: Context, add_visits: AddVisits, people: People
) -> None:
    ids = add_visits(2)
    interview_id = make_interviews(ctx, people, 1)[0]
    proposal = proposals.create(
        ctx,
        {"kind": "sqmy", "title": "关于路灯的情况反映", "lead_member": people.members["李梅"]},
        grew_from={"visit": [ids[0]], "interview": [interview_id]},
    )
    page = window.proposals
    window.show_page(page)
    select_row(page.table, 0)
    page.details.load()
    text = page.detail_panel.text()
    assert "关于路灯的情况反映" in text and "来源" in text and "李梅" in text
    assert visits.get(ids[0]).serial in text  # type: ignore[operator]
    assert interviews.get(interview_id).title in text
    sources = page.detail_panel.details.row("来源")  # type: ignore[union-attr]
    assert sources is not None and [r.kind for r in sources.refs] == ["visit", "interview"]

    page.detail_panel.browser.anchorClicked.emit(f"visit:{ids[0]}")  # as a click does
    assert window.stack.currentWidget() is window.visits
    dialog = window.visits.dialog
    assert dialog is not None and dialog.record_id == ids[0]
    dialog.reject()

    # the visit links back to the proposal that grew from it
    window.visits.model.reload()
    row = window.visits.model.row_of(ids[0])
    assert row is not None
    select_row(window.visits.table, row)
    window.visits.details.load()
    back = window.visits.detail_panel.details.row("形成的提案/社情民意")  # type: ignore[union-attr]
    assert back is not None and back.refs[0].record_id == proposal.id
    window.visits.detail_panel.activate("proposal", proposal.id)
    assert isinstance(window.proposals.dialog, ProposalDialog)
    assert window.stack.currentWidget() is window.proposals


def test_people_and_interviews_show_their_records(
    qtbot, window: MainWindow, ctx: Context, add_visits: AddVisits, people: People
) -> None:
    add_visits(4)
    make_interviews(ctx, people, 2)
    members_page = window.members
    row = members_page.model.row_of(people.members["王建国"])
    assert row is not None
    select_row(members_page.table, row)
    members_page.details.load()
    member = members_page.detail_panel.details
    assert member is not None and member.title == "王建国"
    member_visits = member.row("接待走访记录")
    assert member_visits is not None and len(member_visits.refs) == 2  # visits 0 and 3
    assert "在任" in members_page.detail_panel.text()

    residents_page = window.residents
    row = residents_page.model.row_of(people.residents["李四"])
    assert row is not None
    select_row(residents_page.table, row)
    residents_page.details.load()
    resident_visits = residents_page.detail_panel.details.row("接待走访记录")  # type: ignore[union-attr]
    assert resident_visits is not None and len(resident_visits.refs) == 2
    residents_page.detail_panel.activate("visit", resident_visits.refs[0].record_id)
    assert window.visits.dialog is not None
    window.visits.dialog.reject()

    interviews_page = window.kind_page("interview")
    select_row(interviews_page.table, 0)
    interviews_page.details.load()
    text = interviews_page.detail_panel.text()
    assert "访谈主题01" in text and "访谈形式" in text and "参加委员" in text


def test_f9_hides_and_shows_the_panel_everywhere(
    qtbot, window: MainWindow, add_visits: AddVisits
) -> None:
    add_visits(1)
    window.visits.model.reload()
    assert window.details_action.shortcut().toString() == "F9"
    window.details_action.trigger()
    assert window.visits.detail_panel.isHidden()
    assert window.proposals.detail_panel.isHidden()  # a page built later follows
    select_row(window.visits.table, 0)
    window.details_action.trigger()
    assert not window.visits.detail_panel.isHidden()
    assert CONTENTS[0] in window.visits.detail_panel.text()  # caught up when shown


def test_the_divider_and_the_toggle_are_remembered(qtbot, workspace: Workspace) -> None:
    window = build_main_window(workspace)
    qtbot.addWidget(window)
    window.resize(1200, 700)
    window.show()
    splitter = window.visits.splitter
    splitter.moveSplitter(700, 1)  # as dragging the divider does
    width = splitter.sizes()[1]
    assert window.proposals.splitter.sizes()[1] == width  # the pages share the divider
    window.details_action.trigger()
    window.close()

    again = build_main_window(workspace)
    qtbot.addWidget(again)
    again.resize(1200, 700)
    again.show()
    assert again.visits.detail_panel.isHidden() and not again.details_action.isChecked()
    again.details_action.trigger()
    assert again.visits.splitter.sizes()[1] == width


def test_holding_the_arrow_key_loads_only_the_row_it_stops_on(
    qtbot, window: MainWindow, add_visits: AddVisits, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = add_visits(5)
    page = window.visits
    window.show_page(page)
    page.model.reload()
    loaded: list[int] = []
    real = record_details.details

    def counting(ctx, kind, record_id, **kw):  # type: ignore[no-untyped-def]
        loaded.append(record_id)
        return real(ctx, kind, record_id, **kw)

    monkeypatch.setattr(record_details, "details", counting)
    select_row(page.table, 0)
    page.table.setFocus()
    for _ in range(4):
        qtbot.keyClick(page.table, Qt.Key.Key_Down)
    wait_for(qtbot, page.detail_panel, f"{CONTENTS[0]}（0）")
    assert loaded == [ids[0]]
