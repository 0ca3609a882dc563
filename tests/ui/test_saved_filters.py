"""Saved filters: name the current filters and search of a list, pick them again, delete."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from studio_app.ui import saved_filters
from studio_app.ui.main_window import MainWindow
from studio_app.ui.saved_filters import SavedFilterStore
from studio_app.ui.settings import Settings
from studio_app.ui.widgets.combos import combo_code, set_combo_code
from tests.ui.conftest import AddVisits, People


@pytest.fixture
def names(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answers to "Name of this filter" in order; "" cancels."""
    answers: list[str] = []
    monkeypatch.setattr(saved_filters, "ask_name", lambda _parent, _suggested: answers.pop(0))
    return answers


def test_visits_filter_saved_chosen_and_deleted(
    window: MainWindow, add_visits: AddVisits, names: list[str], db_path: Path
) -> None:
    add_visits(30)
    page = window.visits
    box = page.saved_filters
    assert box.names() == [] and not box.delete_button.isEnabled()
    set_combo_code(page.filter_widgets["status"], "referred")
    page.filter_widgets["date_from"].set_value(date(2020, 1, 1))
    page.search.setText("水渠")
    page.apply_query()
    wanted = page.model.total
    assert 0 < wanted < 30
    names.append(" 转办 的水渠 ")
    assert box.save_current() and box.names() == ["转办 的水渠"]
    assert box.chosen() == "转办 的水渠" and box.delete_button.isEnabled()
    names.append("")
    assert not box.save_current()  # cancelled: nothing saved

    page.clear_filters()
    page.search.clear()
    page.apply_query()
    assert page.model.total == 30
    assert box.choose("转办 的水渠")
    assert page.model.total == wanted and page.search.text() == "水渠"
    assert combo_code(page.filter_widgets["status"]) == "referred"
    assert page.filter_widgets["date_from"].value() == date(2020, 1, 1)

    # Kept in the data folder's settings.ini, so a new window (or a restart) has it.
    stored = SavedFilterStore(Settings.in_data_dir(db_path.parent), "visit").all()
    assert stored == {
        "转办 的水渠": {
            "text": "水渠",
            "filters": {"status": "referred", "date_from": "2020-01-01"},
        }
    }
    assert box.delete_chosen() and box.names() == [] and box.chosen() == ""


def test_list_page_filter_and_damaged_storage(
    window: MainWindow, people: People, names: list[str], db_path: Path
) -> None:
    page = window.members
    box = page.saved_filters
    page.filter_widgets["is_standing"].setChecked(False)
    page.filter_widgets["active"].setChecked(True)
    page.search.setText("王")
    names.append("在任的王")
    assert box.save_current()
    page.filter_widgets["active"].setChecked(False)
    page.search.clear()
    page.apply_query()
    assert page.model.total == 3
    assert box.choose("在任的王")
    assert page.filter_widgets["active"].isChecked() and page.model.total == 1
    settings = Settings.in_data_dir(db_path.parent)
    settings.raw.setValue("saved_filters/member", "{not json")
    assert SavedFilterStore(settings, "member").all() == {}
    box.reload()
    assert box.names() == [] and not box.choose("在任的王")
