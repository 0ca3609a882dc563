"""An empty optional date, with or without a time, reads "（无）" and gives None."""

from __future__ import annotations

from datetime import datetime

import pytest

from studio_app.ui.widgets.optional_date import OptionalDateEdit


@pytest.mark.parametrize("with_time", [False, True])
def test_an_empty_date_shows_none(qtbot, with_time: bool) -> None:
    edit = OptionalDateEdit(with_time=with_time)
    qtbot.addWidget(edit)
    assert edit.value() is None and edit.edit.text() == "（无）"
    edit.set_value(datetime(2026, 3, 2, 9, 30) if with_time else datetime(2026, 3, 2).date())
    assert edit.value() is not None and edit.edit.text() != "（无）"
    edit.check.setChecked(False)  # unticked: empty again, shown as such
    assert edit.value() is None and edit.edit.text() == "（无）"
    edit.set_value(None)
    assert edit.edit.text() == "（无）"
