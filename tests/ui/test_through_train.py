"""直通车 in the window: the tick on the proposal dialog, the county's list and desk putting
through trains first with their mark, and the days to the county's first action on the
statistics page and in the printed report (tests/services/train_scenario.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from studio_app.reports import monthly_report
from studio_app.services import county_stats
from studio_app.services.statistics import Period
from studio_app.storage.models import AuditEntry, Proposal
from studio_app.ui.dialogs.proposal_dialog import ProposalDialog
from studio_app.ui.lookups import Lookups
from studio_app.ui.main_window import MainWindow
from studio_app.ui.pages.county_desk_page import CountyDeskPage
from studio_app.ui.pages.county_statistics import CountyWorkPanel
from studio_app.ui.pages.proposals_page import ProposalsPage
from tests.reports import pdf
from tests.services import train_scenario as scenario
from tests.services.train_scenario import Trains, on
from tests.ui.conftest import People, type_text

studio, county, out, trains = scenario.studio, scenario.county, scenario.out, scenario.trains


def test_the_member_ticks_through_train_on_the_dialog(
    qtbot: Any, window: MainWindow, people: People
) -> None:
    window.new_actions["proposal"].trigger()
    dialog = window.proposals.dialog
    assert isinstance(dialog, ProposalDialog)
    assert not dialog.through_train.isChecked() and dialog.through_train.toolTip()
    assert dialog.rows["through_train"].isVisibleTo(dialog)
    type_text(dialog.title_edit, "关于山洪隐患的情况反映")
    dialog.lead_member.setCurrentIndex(dialog.lead_member.findText("陈志强"))
    dialog.through_train.click()
    dialog.save()
    row = Proposal.get()
    assert row.through_train is True and not dialog.isVisible()

    edit = window.proposals.open_record(row.id)
    assert isinstance(edit, ProposalDialog) and edit.through_train.isChecked()
    entries, rev = AuditEntry.select().count(), row.rev
    edit.save()  # nothing changed: nothing written
    assert (AuditEntry.select().count(), Proposal.get().rev) == (entries, rev)


def test_the_county_list_shows_through_trains_first_marked_and_filtered(
    qtbot: Any, trains: Trains
) -> None:
    page = ProposalsPage(on(trains.county.ctx, "2026-04-01"), Lookups.load())
    qtbot.addWidget(page)
    page.show()
    model, mark = page.model, page.tr("Through train")
    column = model.column_of("through_train")
    assert column == 0 and model.sort_column() == column  # the county's first order
    assert page.table.horizontalHeader().sortIndicatorSection() == column
    assert model.total == 6  # the draft stays the studio's
    marks = [model.index(r, column).data() for r in range(model.rowCount())]
    assert marks == [mark] * 3 + [""] * 3
    by_uuid = {p.id: p.uuid for p in Proposal.select()}
    first = {by_uuid[page.model.record_id(r)] for r in range(3)}
    assert first == {trains.uuids[n] for n in ("t_fast", "t_paper", "t_wait")}
    page.filter_widgets["through_train"].click()
    assert model.total == 3


def test_the_county_desk_lists_through_trains_first(qtbot: Any, trains: Trains) -> None:
    page = CountyDeskPage(on(trains.county.ctx, "2026-04-01"))
    qtbot.addWidget(page)
    page.show()
    assert page.work[0][1] is page.train
    assert page.train.topLevelItemCount() == 3
    first = page.train.topLevelItem(0)
    assert first.text(3) == "关于山区道路塌方的紧急情况反映"
    assert first.text(4) == scenario.SUBMITTED
    assert "（3）" in page.train_box.title()


def test_the_statistics_tab_shows_the_days_to_the_first_action(qtbot: Any, trains: Trains) -> None:
    panel = CountyWorkPanel()  # the statistics page's county tab
    qtbot.addWidget(panel)
    panel.show_work(county_stats.work(Period.month(2026, 3), today=date(2026, 4, 1)))
    # group, submitted, acted on, awaiting, median, mean, longest
    assert panel.text_rows("train") == [
        [panel.tr("Through train"), "3", "2", "1", "3", "3", "4"],
        [panel.tr("Other records"), "3", "3", "0", "20", "19.3", "28"],
    ]


@pdf.needs_poppler
def test_the_printed_report_has_the_through_train_section(trains: Trains, tmp_path: Path) -> None:
    dest = tmp_path / "report.pdf"
    monthly_report.render(on(trains.county.ctx, "2026-04-01"), Period.month(2026, 3), dest)
    flat = pdf.flat(dest)
    assert "（七）直通车办理时效" in flat
    assert "直通车：报送3件，县政协已办理2件，待首次办理1件；报送至首次办理用时中位数3天，" in flat
    assert "其他报送件：报送3件，县政协已办理3件" in flat
