"""The visit dialog, end to end through the real services and database."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QApplication

from studio_app.services import residents, visits
from studio_app.services.context import Context
from studio_app.services.lists import visits as visit_list
from studio_app.services.lists.paging import ListQuery
from studio_app.ui.app import build_main_window
from studio_app.ui.dialogs.visit_dialog import VisitDialog
from studio_app.ui.main_window import MainWindow
from studio_app.ui.models.visit_table import COLUMNS
from studio_app.workspace import Workspace
from tests.ui.conftest import AddVisits, Answers, People, fields_of, type_text


@pytest.fixture
def window(qtbot, workspace: Workspace, people: People) -> MainWindow:
    window = build_main_window(workspace)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def dialog(qtbot, window: MainWindow) -> VisitDialog:
    dialog = window.new_record("visit")  # as Ctrl+N: on the visits page
    qtbot.waitExposed(dialog)
    return dialog


def choose(combo, text: str) -> None:  # type: ignore[no-untyped-def]
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)


def fill_minimum(qtbot, dialog: VisitDialog) -> None:  # type: ignore[no-untyped-def]
    form = fields_of(dialog)
    form.members.check("李梅")
    choose(form.category, "农业农村")
    type_text(form.content, "希望修一下村口的路灯")


def visit_count() -> int:
    return visit_list.count(ListQuery())


def test_create_a_visit_end_to_end(
    qtbot, window: MainWindow, dialog: VisitDialog, people: People
) -> None:
    form = fields_of(dialog)
    assert form.channel.currentText() == "坐班接待"
    choose(form.channel, "入户走访")
    type_text(form.place, "东村村委会")
    form.members.setFocus()
    form.members.setCurrentRow(1)
    qtbot.keyClick(form.members, Qt.Key.Key_Space)  # keyboard: space ticks a member
    assert len(form.members.selected_ids()) == 1
    type_text(form.residents.search, "张")
    assert form.residents.matches.count() == 1
    assert "张三" in form.residents.matches.item(0).text()
    qtbot.keyClick(form.residents.search, Qt.Key.Key_Return)  # adds the match, does not save
    assert form.residents.existing_ids() == [people.residents["张三"]]
    assert dialog.isVisible()
    choose(form.category, "社会保障")
    type_text(form.content, "低保申请材料不知道怎么准备")
    type_text(form.onsite_reply, "已告知所需材料")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert not dialog.isVisible()
    assert window.visits.dialog is None
    saved = visits.values_of(visits.get(dialog.saved_id))
    assert saved["channel"] == "home_visit"
    assert saved["place"] == "东村村委会"
    assert saved["members"] == form.members.selected_ids()
    assert saved["residents"] == [people.residents["张三"]]
    assert saved["content"] == "低保申请材料不知道怎么准备"
    assert saved["handling"] == "answered"
    page = window.visits
    row = page.model.row_of(dialog.saved_id)
    assert row is not None
    assert page.selected_id() == dialog.saved_id
    assert page.model.index(row, COLUMNS.index("resident_names")).data() == "张三"
    assert window.count_label.text() == "共 1 条接待走访记录"


def test_enter_in_the_search_box_with_no_match_starts_a_new_resident(
    qtbot, dialog: VisitDialog
) -> None:
    picker = fields_of(dialog).residents
    type_text(picker.search, "赵六")
    assert picker.matches.count() == 0
    qtbot.keyClick(picker.search, Qt.Key.Key_Return)
    assert picker.form.isVisibleTo(dialog)
    assert picker.form.edits["name"].text() == "赵六"
    assert dialog.isVisible()


def test_a_new_resident_with_a_known_phone_is_offered_the_existing_one(
    qtbot, dialog: VisitDialog, people: People
) -> None:
    picker = fields_of(dialog).residents
    qtbot.mouseClick(picker.new_button, Qt.MouseButton.LeftButton)
    assert picker.form.isVisibleTo(dialog)
    assert not picker.form.suggestions.isVisibleTo(dialog)
    type_text(picker.form.edits["name"], "张叁")
    qtbot.keyClicks(picker.form.edits["phone"], "138 0000 1111")
    assert picker.form.suggestions.isVisibleTo(dialog)
    assert picker.form.suggestions.count() == 1
    assert picker.form.suggestions.item(0).text() == "张三 · 东村 · 138****1111（电话相同）"
    qtbot.mouseClick(picker.form.use_button, Qt.MouseButton.LeftButton)
    assert picker.existing_ids() == [people.residents["张三"]]
    assert picker.new_residents() == []


def test_new_residents_are_created_only_with_the_visit(
    qtbot, dialog: VisitDialog, answers: Answers
) -> None:
    picker = fields_of(dialog).residents
    picker.new_button.click()
    type_text(picker.form.edits["name"], "王五")
    qtbot.keyClicks(picker.form.edits["phone"], "13700003333")
    type_text(picker.form.edits["village"], "南村")
    picker.form.add_button.click()
    assert [p.values["name"] for p in picker.new_residents()] == ["王五"]
    assert not picker.form.isVisibleTo(dialog)

    dialog.save()  # no member, category or content: refused as a whole
    assert dialog.isVisible()
    assert residents.find("王五") == []
    assert visit_count() == 0

    fill_minimum(qtbot, dialog)
    dialog.save()
    assert not dialog.isVisible()
    created = residents.find("王五")
    assert [r.village for r in created] == ["南村"]
    assert visits.values_of(visits.get(dialog.saved_id))["residents"] == [created[0].id]
    assert answers.errors == []


def test_a_bad_phone_for_a_new_resident_is_shown_at_once(qtbot, dialog: VisitDialog) -> None:
    form = fields_of(dialog).residents.form
    fields_of(dialog).residents.new_button.click()
    type_text(form.edits["name"], "王五")
    qtbot.keyClicks(form.edits["phone"], "12345")
    form.add_button.click()
    assert "电话号码位数不对" in form.rows["phone"].error_text()
    assert fields_of(dialog).residents.new_residents() == []


def test_validation_errors_are_shown_inline_and_nothing_is_saved(
    qtbot, dialog: VisitDialog, answers: Answers
) -> None:
    form = fields_of(dialog)
    choose(form.category, "农业农村")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert form.error_of("content") == "必填"
    assert form.rows["content"].error.isVisibleTo(dialog)
    assert form.error_of("members") == "必填"
    assert form.error_of("category") == ""
    assert QApplication.focusWidget() is form.members  # the first bad field
    assert visit_count() == 0
    assert answers.errors == []

    fill_minimum(qtbot, dialog)
    dialog.save()
    assert not dialog.isVisible()
    assert visit_count() == 1


def test_referral_fields_only_for_referred_visits(qtbot, ctx: Context, dialog: VisitDialog) -> None:
    form = fields_of(dialog)
    referral = ("referred_unit", "referred_at", "due_at")
    assert not any(form.rows[k].isVisibleTo(dialog) for k in referral)
    choose(form.handling, "转有关部门")
    assert all(form.rows[k].isVisibleTo(dialog) for k in referral)
    today = ctx.today()
    assert form.referred_at.date().toPython() == today
    assert form.due_at.date().toPython() == today + timedelta(days=15)

    fill_minimum(qtbot, dialog)
    dialog.save()
    assert form.error_of("referred_unit") == "转有关部门时必填"
    assert visit_count() == 0

    choose(form.referred_unit, "县水利局")
    form.due_at.setDate(form.due_at.date().addDays(5))
    dialog.save()
    assert not dialog.isVisible()
    saved = visits.get(dialog.saved_id)
    assert saved.status == "referred"
    assert saved.referred_unit == "11"
    assert saved.due_at == today + timedelta(days=20)

    other = VisitDialog(ctx)
    qtbot.addWidget(other)
    choose(fields_of(other).handling, "转有关部门")
    choose(fields_of(other).handling, "解释疏导")
    assert not fields_of(other).rows["referred_unit"].isVisibleTo(other)


def test_a_future_time_is_refused_with_a_visible_message(qtbot, dialog: VisitDialog) -> None:
    fill_minimum(qtbot, dialog)
    fields_of(dialog).occurred_at.setDateTime(QDateTime.currentDateTime().addDays(1))
    dialog.save()
    assert dialog.isVisible()
    assert fields_of(dialog).error_of("occurred_at") == "不能晚于现在"
    assert fields_of(dialog).rows["occurred_at"].error.isVisibleTo(dialog)
    assert visit_count() == 0


def test_ctrl_s_saves(qtbot, dialog: VisitDialog) -> None:
    fill_minimum(qtbot, dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(fields_of(dialog).place, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    assert visit_count() == 1


def test_escape_asks_before_losing_changes(qtbot, dialog: VisitDialog, answers: Answers) -> None:
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing typed: closes without asking
    assert not dialog.isVisible() and answers.asked == 0

    window_page = dialog.parent()
    second = window_page.open_record(None)
    type_text(fields_of(second).content, "半句话")
    answers.discard = False
    qtbot.keyClick(second, Qt.Key.Key_Escape)
    assert answers.asked == 1 and second.isVisible()
    answers.discard = True
    qtbot.keyClick(second, Qt.Key.Key_Escape)
    assert answers.asked == 2 and not second.isVisible()
    assert visit_count() == 0


def test_editing_saves_changes_and_bumps_rev(
    qtbot, window: MainWindow, add_visits: AddVisits
) -> None:
    (visit_id,) = add_visits(1)
    page = window.visits
    page.model.reload()
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Enter opens the selected visit
    dialog = page.dialog
    assert dialog is not None and dialog.record_id == visit_id
    assert dialog.windowTitle() == f"接待走访记录 {visits.get(visit_id).serial}"
    assert dialog.status_label.text() == "状态：已办结"
    assert fields_of(dialog).content.toPlainText().startswith("村口路灯不亮")
    fields_of(dialog).content.selectAll()
    type_text(fields_of(dialog).content, "路灯已修好，群众表示感谢")
    dialog.save()
    assert not dialog.isVisible()
    saved = visits.get(visit_id)
    assert saved.rev == 2
    assert saved.content == "路灯已修好，群众表示感谢"
    row = page.model.row_of(visit_id)
    assert page.model.index(row, COLUMNS.index("content")).data() == "路灯已修好，群众表示感谢"


def test_saving_an_unchanged_visit_writes_nothing(
    window: MainWindow, add_visits: AddVisits
) -> None:
    (visit_id,) = add_visits(1, handling="referred", referred_unit="03")
    dialog = window.visits.open_record(visit_id)
    assert not dialog.has_changes()
    dialog.save()
    assert not dialog.isVisible()
    assert visits.get(visit_id).rev == 1


def test_a_visit_changed_elsewhere_is_refused_with_who_and_a_reload(
    ctx: Context, window: MainWindow, add_visits: AddVisits, answers: Answers
) -> None:
    (visit_id,) = add_visits(1)
    dialog = window.visits.open_record(visit_id)
    visits.update(ctx, visit_id, {"place": "镇政府"})
    answers.reload = False  # keep what was typed first
    fields_of(dialog).place.setText("村委会")
    dialog.save()
    assert dialog.isVisible() and fields_of(dialog).place.text() == "村委会"
    assert len(answers.stale) == 1 and answers.stale[0].startswith(
        f"该接待走访记录已被 {ctx.user} 于 "
    )
    assert visits.get(visit_id).place == "镇政府"
    answers.reload = True
    dialog.save()
    assert fields_of(dialog).place.text() == "镇政府" and not dialog.has_changes()
    dialog.save()  # now on the version saved: unchanged, nothing written
    assert not dialog.isVisible() and visits.get(visit_id).rev == 2


def test_workflow_actions_move_a_referred_case_to_closure(
    qtbot, ctx: Context, window: MainWindow, add_visits: AddVisits
) -> None:
    (visit_id,) = add_visits(1, handling="referred", referred_unit="03")
    dialog = window.visits.open_record(visit_id)

    def offered() -> list[str]:
        return [a for a, b in dialog.steps.items() if b.isVisibleTo(dialog)]

    assert dialog.status_label.text() == "状态：已转办"
    assert offered() == ["start", "feed_back"]
    assert not fields_of(dialog).handling.isEnabled()
    dialog.steps["start"].click()
    assert visits.get(visit_id).status == "in_progress"
    assert dialog.status_label.text() == "状态：办理中"
    assert offered() == ["feed_back"]

    dialog.steps["feed_back"].click()
    assert dialog.general_error.isVisibleTo(dialog)
    assert "办理结果" in dialog.general_error.text()
    type_text(fields_of(dialog).result, "已安排维修")
    fields_of(dialog).feedback_at.set_value(ctx.today())
    dialog.steps["feed_back"].click()
    assert not dialog.general_error.isVisibleTo(dialog)
    assert visits.get(visit_id).status == "fed_back"
    assert visits.get(visit_id).result == "已安排维修"
    assert offered() == ["reopen", "close"]

    dialog.steps["close"].click()
    assert visits.get(visit_id).status == "closed"
    assert offered() == []
    assert not dialog.has_changes()
    dialog.reject()
    assert window.visits.model.index(0, COLUMNS.index("status")).data() == "已办结"


def test_a_deactivated_category_is_not_offered_but_still_shown_on_old_visits(
    qtbot, window: MainWindow, add_visits: AddVisits
) -> None:
    from studio_app.storage.models import CodeItem

    (visit_id,) = add_visits(1, category="02")
    CodeItem.update(active=False).where(
        (CodeItem.list_kind == "issue_category") & (CodeItem.code == "02")
    ).execute()

    new = window.visits.open_record(None)
    combo = fields_of(new).category
    row = combo.findData("02")
    assert combo.view().isRowHidden(row)
    assert not combo.model().item(row).isEnabled()
    assert not combo.view().isRowHidden(combo.findData("03"))
    new.reject()

    old = window.visits.open_record(visit_id)
    assert fields_of(old).category.currentData() == "02"
    assert fields_of(old).category.currentText()  # its label, not blank
    old.reject()
