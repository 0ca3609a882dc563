"""The observations' page (监测记录) at 1366×768: a record made from its dialog, the point
chosen from the register, the five environments rated, an issue found added along its
workflow; the list filtered by point; a saved record opened and saved unchanged keeps
everything, its point in the trash included."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QRect

from studio_app.core import kinds
from studio_app.services import kind_records, members
from studio_app.services.context import Context
from studio_app.ui.dialogs.kind_dialog import KindDialog
from studio_app.ui.main_window import MainWindow
from studio_app.ui.pages.kind_page import KindPage
from studio_app.ui.widgets.combos import combo_code
from tests.ui.conftest import Answers, fields_of, type_text
from tests.ui.test_office_pc import assert_fits, office_screen  # noqa: F401

POINT, OBSERVATION = kinds.OBSERVATION_POINT, kinds.OBSERVATION


def choose(combo: Any, text: str) -> None:
    at = combo.findText(text)
    assert at >= 0, text
    combo.setCurrentIndex(at)


def test_an_observation_is_made_from_its_dialog_and_filtered_by_point(
    qtbot: Any,
    office_screen: QRect,  # noqa: F811
    ctx: Context,
    window: MainWindow,
    answers: Answers,
) -> None:
    first = kind_records.create(ctx, POINT, {"name": "石桥精密机械有限公司"}).id
    other = kind_records.create(ctx, POINT, {"name": "绿源茶业专业合作社"}).id
    lee = members.create(ctx, {"name": "李梅"}).id
    kind_records.create(ctx, OBSERVATION, {
        "point": other, "observed_on": "2026-02-01", "members": [lee], "method": "survey",
        "market_rating": "3", "summary": "问卷调查",
    })  # fmt: skip
    page = window.kind_page(OBSERVATION.name)
    assert isinstance(page, KindPage)
    window.show_page(page)
    dialog = page.open_record(None)
    assert isinstance(dialog, KindDialog) and dialog.windowTitle() == "新建监测记录"
    assert_fits(dialog)
    form = fields_of(dialog)
    assert form.point.currentIndex() == -1  # chosen by the person, never by default
    dialog.save()
    assert dialog.isVisible() and "必填" in dialog.error_of("point")
    choose(form.point, "石桥精密机械有限公司")
    choose(form.method, "座谈")
    choose(form.government_rating, "2 较差")
    type_text(form.government_note, "惠企政策兑现周期长")
    type_text(form.summary, "座谈了解企业用工和政策兑现情况")
    members_picker = form.members
    members_picker.set_selected([lee])
    dialog.save()
    assert not dialog.isVisible() and answers.errors == []
    qtbot.waitUntil(lambda: page.model.total == 2)

    point_filter = page.filter_widgets["point"]
    choose(point_filter, "石桥精密机械有限公司")
    qtbot.waitUntil(lambda: page.model.total == 1)
    saved = kind_records.values(OBSERVATION, page.model.record_id(0))
    assert saved["point"] == first and saved["government_rating"] == "2"
    assert saved["method"] == "forum" and saved["members"] == [lee]
    assert combo_code(point_filter) == str(first)


def test_an_observation_saved_unchanged_keeps_its_point_even_in_the_trash(
    qtbot: Any, ctx: Context, window: MainWindow, answers: Answers
) -> None:
    point = kind_records.create(ctx, POINT, {"name": "宏达塑料制品厂"}).id
    lee = members.create(ctx, {"name": "李梅"}).id
    issue = {"item": "用地指标紧张", "environment": "government", "unit": "县自然资源局",
             "due": date(2026, 4, 30), "status": "assigned"}  # fmt: skip
    found = kind_records.create(ctx, OBSERVATION, {
        "point": point, "observed_on": "2026-03-12", "members": [lee], "method": "visit",
        "service_rating": "4", "summary": "走访", "issues": [issue],
    })  # fmt: skip
    kind_records.trash(ctx, POINT, point)
    before = kind_records.values(OBSERVATION, found.id)
    rev = kind_records.get(OBSERVATION, found.id).rev
    page = window.kind_page(OBSERVATION.name)
    window.show_page(page)
    dialog = page.open_record(found.id)
    assert fields_of(dialog).point.currentText() == "宏达塑料制品厂"
    dialog.save()
    assert not dialog.isVisible() and answers.errors == []
    assert kind_records.values(OBSERVATION, found.id) == before
    assert kind_records.get(OBSERVATION, found.id).rev == rev
