"""The observation points' page (监测点): a point registered from its dialog on a 1366×768
screen; a mistyped credit code is shown beside its field and nothing is saved until fixed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect

from studio_app.core import kinds
from studio_app.services import kind_records
from studio_app.ui.dialogs.kind_dialog import KindDialog
from studio_app.ui.main_window import MainWindow
from studio_app.ui.pages.kind_page import KindPage
from tests.ui.conftest import Answers, fields_of, type_text
from tests.ui.test_office_pc import assert_fits, office_screen  # noqa: F401

POINT = kinds.OBSERVATION_POINT


def test_a_point_is_registered_once_its_code_is_right(
    qtbot: Any,
    office_screen: QRect,  # noqa: F811
    window: MainWindow,
    answers: Answers,
) -> None:
    page = window.kind_page(POINT.name)
    assert isinstance(page, KindPage)
    window.show_page(page)
    dialog = page.open_record(None)
    assert isinstance(dialog, KindDialog) and dialog.windowTitle() == "新建监测点"
    assert_fits(dialog)
    form = fields_of(dialog)
    type_text(form.name, "石桥精密机械有限公司")
    type_text(form.credit_code, "91350100M000100Y44")
    form.size.setCurrentIndex(form.size.findText("中型"))
    dialog.save()
    assert dialog.isVisible() and "校验位不对" in dialog.error_of("credit_code")
    assert page.model.total == 0
    form.credit_code.clear()
    type_text(form.credit_code, "91350100m000100y43")
    dialog.save()
    assert not dialog.isVisible() and answers.errors == []
    qtbot.waitUntil(lambda: page.model.total == 1)
    saved = kind_records.values(POINT, page.model.record_id(0))
    assert saved["credit_code"] == "91350100M000100Y43" and saved["size"] == "medium"
