"""The county's work dialog over real installations: two studios' packages imported into a
county database, then review → assignment → reply → adoption through the widgets; saving
unchanged, cancelling or failing validation writes nothing; the studio's part is read-only.
At a studio, the member's evaluation waits for the county's reply (a feedback package).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from studio_app.core.errors import UserError
from studio_app.exchange.export import export_studio
from studio_app.exchange.feedback import export_feedback
from studio_app.exchange.importer import import_package
from studio_app.paths import DATABASE_FILE
from studio_app.services import county_work, members, proposals, site
from studio_app.services.context import Context
from studio_app.storage.database import close_database
from studio_app.storage.models import AuditEntry, Proposal, ProposalUnit
from studio_app.ui.dialogs.county_assign_dialog import stage_names
from studio_app.ui.dialogs.county_dialog import CountyWorkDialog
from studio_app.ui.dialogs.proposal_dialog import ProposalDialog
from studio_app.ui.widgets.combos import combo_code
from tests.exchange.builders import fill
from tests.exchange.conftest import Install, use
from tests.services.test_partial_updates import image
from tests.ui.conftest import Answers, type_text

SQMY = ("村里缺少公共厕所", "小学门口交通拥堵", "集镇停车难")


@dataclass
class County(Install):
    """The county database (bound after the fixture) and where each studio lives."""

    studios: dict[str, Install] = field(default_factory=dict)

    def id_of(self, title: str) -> int:
        return Proposal.get(Proposal.title == title).id


def _studio(tmp_path: Path, name: str, code: str, out: Path) -> tuple[Install, Path]:
    path = tmp_path / code / DATABASE_FILE  # each installation its own data directory
    path.parent.mkdir()
    use(path)
    ctx = site.context_for(site.setup("studio", name, code, "石桥镇", "平阳县"))
    if code == "SQZ":
        lead = fill(ctx)["members"][0].id
        for title in SQMY:
            row = proposals.create(ctx, {"kind": "sqmy", "title": title, "lead_member": lead,
                                         "facts": f"{title}，群众反映强烈。",
                                         "recommendations": "建议尽快解决"})  # fmt: skip
            proposals.submit(ctx, row.id)
        proposals.create(ctx, {"kind": "proposal", "title": "还在起草的提案", "lead_member": lead})
    else:
        lead = members.create(ctx, {"name": "赵六"}).id
        row = proposals.create(ctx, {"kind": "suggestion", "title": "城关菜场改造",
                                     "lead_member": lead, "facts": "菜场破旧",
                                     "recommendations": "改造"})  # fmt: skip
        proposals.submit(ctx, row.id)
    package = export_studio(ctx, out).path
    assert package is not None
    return Install(path, ctx), package


@pytest.fixture(name="county")
def county_fixture(tmp_path: Path) -> Iterator[County]:
    """Studios SQZ (a proposal, three 社情民意, a draft) and CGZ (a suggestion), imported."""
    out = tmp_path / "usb"
    out.mkdir()
    made = {
        code: _studio(tmp_path, name, code, out)
        for name, code in (("石桥镇政协委员工作室", "SQZ"), ("城关镇政协委员工作室", "CGZ"))
    }
    path = tmp_path / "county" / DATABASE_FILE
    path.parent.mkdir()
    use(path)
    ctx = site.context_for(site.setup("county", "平阳县政协", "PYX", "", "平阳县"))
    for _inst, package in made.values():
        assert import_package(ctx, package).applied
    yield County(path, ctx, studios={code: inst for code, (inst, _) in made.items()})
    close_database()


def open_dialog(qtbot: Any, ctx: Context, record_id: int) -> CountyWorkDialog:
    dialog = CountyWorkDialog(ctx, record_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def choose(combo: QComboBox, code: str) -> None:
    combo.setCurrentIndex(combo.findData(code))


def written(record_id: int) -> tuple[dict[str, Any], int]:
    """The row (and rows linking to it) and the number of audit entries."""
    return image(Proposal, record_id), AuditEntry.select().count()


def test_review_assign_reply_adopt_through_the_dialog(qtbot: Any, county: County) -> None:
    ctx, record_id = county.ctx, county.id_of(SQMY[0])
    dialog = open_dialog(qtbot, ctx, record_id)
    assert stage_names()["review"] in dialog.status_label.text()
    assert dialog.tabs.currentWidget() is dialog.sections["review"]
    assert not dialog.sections["assign"].allowed and not dialog.sections["reply"].allowed
    assert dialog.sections["assign"].hint.text()
    assert dialog.sections["adopt"].allowed and dialog.sections["instruct"].allowed

    type_text(dialog.county_no, "PY-2026-007")
    choose(dialog.review, "accepted")
    assert dialog.sections["assign"].allowed and not dialog.sections["reply"].allowed
    form = dialog.assign
    form.choose_lead("县住建局")
    assert dialog.sections["reply"].allowed  # once a lead unit is chosen
    form.check("县水利局")
    form.on.setDate(QDate(2026, 4, 1))
    assert form.due.date() == QDate(2026, 7, 1)  # follows: three months later
    dialog.save()
    assert not dialog.isVisible()
    row = Proposal.get_by_id(record_id)
    assert (row.review, row.county_no) == ("accepted", "PY-2026-007")
    assert (row.assigned_at, row.reply_due) == (date(2026, 4, 1), date(2026, 7, 1))
    units = site.code_labels("handling_unit")
    assert [(r, units[u]) for r, u in county_work.units_of(row)] == [
        ("lead", "县住建局"),
        ("assisting", "县水利局"),
    ]
    assert row.rev == 2 and row.county_rev >= 1  # the studio's revision is untouched

    dialog = open_dialog(qtbot, ctx, record_id)
    assert dialog.tabs.currentWidget() is dialog.sections["reply"]
    assert dialog.assign.values()["lead"] and not dialog.has_changes()
    choose(dialog.reply_class, "A")
    type_text(dialog.reply_summary, "已列入今年建设计划")
    dialog.replied_at.setDate(QDate(2026, 5, 20))
    type_text(dialog.reply_text, "答复全文……")
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    QTest.keyClick(dialog.reply_text, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)  # 采用
    assert dialog.tabs.currentWidget() is dialog.sections["adopt"]
    assert not dialog.adopted_by.isEnabled()  # until a level is chosen
    choose(dialog.adoption_level, "city")
    dialog.adopted_at.setDate(QDate(2026, 6, 1))
    type_text(dialog.adopted_by, "市政协办公室")
    dialog.save()
    row = Proposal.get_by_id(record_id)
    assert (row.reply_class, row.reply_summary, row.reply_text) == ("A", "已列入今年建设计划",
                                                                    "答复全文……")  # fmt: skip
    assert row.replied_at == date(2026, 5, 20)
    assert (row.adoption_level, row.adopted_at, row.adopted_by) == (
        "city",
        date(2026, 6, 1),
        "市政协办公室",
    )
    assert county_work.stage(row, date(2026, 8, 1)) is county_work.REPLIED

    dialog = open_dialog(qtbot, ctx, record_id)  # replied: review and assignment are closed
    assert not dialog.sections["review"].allowed and not dialog.sections["assign"].allowed
    assert dialog.sections["reply"].allowed and not dialog.has_changes()
    dialog.reject()


def test_an_accepted_proposal_is_designated_in_its_own_tab(qtbot: Any, county: County) -> None:
    ctx, record_id = county.ctx, county.id_of("关于修缮东岙村道路的建议")
    dialog = open_dialog(qtbot, ctx, record_id)
    assert not dialog.sections["designate"].allowed  # not accepted yet
    choose(dialog.review, "accepted")
    assert dialog.sections["designate"].allowed
    assert "+15" in dialog.designate_hint.text() and "+2" in dialog.designate_hint.text()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.open_tab(list(dialog.sections).index("designate"))
    assert dialog.key_proposal.hasFocus()
    QTest.keyClick(dialog.key_proposal, Qt.Key.Key_Space)
    dialog.save()
    row = Proposal.get_by_id(record_id)
    assert (row.review, bool(row.key_proposal), bool(row.excellent)) == ("accepted", True, False)
    dialog = open_dialog(qtbot, ctx, record_id)
    assert dialog.key_proposal.isChecked() and not dialog.has_changes()
    dialog.reject()
    dialog = open_dialog(qtbot, ctx, county.id_of(SQMY[1]))  # a 社情民意: never designated
    choose(dialog.review, "accepted")
    assert not dialog.sections["designate"].allowed
    dialog.reject()


def test_a_record_another_clerk_saved_is_refused_then_reloaded(
    qtbot: Any, county: County, answers: Answers
) -> None:
    ctx, record_id = county.ctx, county.id_of(SQMY[0])
    dialog = open_dialog(qtbot, ctx, record_id)
    other = site.context_for(site.require_site(), "clerk2")
    county_work.apply(other, record_id, {"review": {"result": "accepted"}})
    choose(dialog.review, "rejected")
    type_text(dialog.reason, "重复")
    dialog.save()
    assert dialog.isVisible() and answers.stale[0].startswith("该提案/社情民意已被 clerk2 于 ")
    assert Proposal.get_by_id(record_id).review == "accepted"  # the other clerk's stays
    assert combo_code(dialog.review) == "accepted" and not dialog.has_changes()  # reloaded
    dialog.reject()


def test_the_due_date_stops_following_once_edited(qtbot: Any, county: County) -> None:
    dialog = open_dialog(qtbot, county.ctx, county.id_of(SQMY[1]))
    choose(dialog.review, "accepted")
    form = dialog.assign
    form.on.setDate(QDate(2026, 1, 31))
    assert form.due.date() == QDate(2026, 4, 30)
    form.due.setDate(QDate(2026, 3, 15))
    form.on.setDate(QDate(2026, 2, 2))
    assert form.due.date() == QDate(2026, 3, 15)
    form.choose_lead("县教育局")
    hidden = [form.assist.item(i).text() for i in range(form.assist.count())
              if form.assist.isRowHidden(i)]  # fmt: skip
    assert hidden == ["县教育局"]  # the lead is not offered as an assisting unit
    dialog.save()
    row = Proposal.get_by_id(county.id_of(SQMY[1]))
    assert (row.assigned_at, row.reply_due) == (date(2026, 2, 2), date(2026, 3, 15))


def test_the_keyboard_alone_does_the_work(qtbot: Any, county: County) -> None:
    record_id = county.id_of(SQMY[1])
    dialog = open_dialog(qtbot, county.ctx, record_id)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)

    def key(k: Qt.Key, mod: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        QTest.keyClick(QApplication.focusWidget(), k, mod)

    assert QApplication.focusWidget() is dialog.county_no
    QTest.keyClicks(dialog.county_no, "PY-2026-020")
    key(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.review
    key(Qt.Key.Key_Down)  # 立案
    key(Qt.Key.Key_Tab)  # the merge and conversion fields are off: on to the reason
    assert QApplication.focusWidget() is dialog.reason
    key(Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is dialog.assign.lead
    key(Qt.Key.Key_Down)  # the first unit
    key(Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.assign.assist
    key(Qt.Key.Key_Down)  # the current unit moves off the first (hidden: it is the lead)
    key(Qt.Key.Key_Space)
    key(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    row = Proposal.get_by_id(record_id)
    assert (row.county_no, row.review) == ("PY-2026-020", "accepted")
    assert [r for r, _ in county_work.units_of(row)] == ["lead", "assisting"]


@pytest.mark.parametrize("stage", ["new", "accepted", "replied", "rejected", "draft"])
def test_open_and_save_unchanged_writes_nothing(qtbot: Any, county: County, stage: str) -> None:
    ctx = county.ctx
    record_id = county.id_of("还在起草的提案" if stage == "draft" else SQMY[2])
    if stage in ("accepted", "replied"):
        county_work.review(ctx, record_id, "accepted", county_no="PY-1")
        county_work.assign(ctx, [record_id], "01", ["02", "03"], on="2026-04-01")
        county_work.instruct(ctx, record_id, "张县长", "county", "抓紧办理", on="2026-04-03")
    if stage == "replied":
        county_work.reply(ctx, record_id, "B", "列入计划", on="2026-05-01", text="全文")
        county_work.adopt(ctx, record_id, "province", on="2026-05-02", by="省政协")
    if stage == "rejected":
        county_work.review(ctx, record_id, "rejected", reason="不属于政协职能")
    before = written(record_id)
    dialog = open_dialog(qtbot, ctx, record_id)
    assert not dialog.has_changes()
    dialog.save()
    assert not dialog.isVisible()
    assert written(record_id) == before


def test_cancel_halfway_writes_nothing(qtbot: Any, county: County, answers: Answers) -> None:
    record_id = county.id_of(SQMY[0])
    before = written(record_id)
    dialog = open_dialog(qtbot, county.ctx, record_id)
    choose(dialog.review, "accepted")
    dialog.assign.choose_lead("县民政局")
    choose(dialog.reply_class, "A")
    answers.discard = False
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and answers.asked == 1  # asked, kept editing
    answers.discard = True
    dialog.cancel_button.click()
    assert not dialog.isVisible() and answers.asked == 2
    assert written(record_id) == before


def test_a_validation_error_shows_and_writes_nothing(
    qtbot: Any, county: County, answers: Answers
) -> None:
    record_id = county.id_of(SQMY[0])
    before = written(record_id)
    dialog = open_dialog(qtbot, county.ctx, record_id)
    choose(dialog.review, "rejected")
    dialog.save()
    assert dialog.isVisible() and dialog.error_of("review_reason") == "不立案须写明理由"
    assert written(record_id) == before

    # a later step failing takes the earlier ones back: nothing is half-written
    choose(dialog.review, "accepted")
    type_text(dialog.county_no, "PY-9")
    dialog.assign.choose_lead("县民政局")
    dialog.assign.on.setDate(QDate(2026, 4, 1))
    dialog.assign.due.setDate(QDate(2026, 3, 1))
    dialog.tabs.setCurrentIndex(0)
    dialog.save()
    assert dialog.isVisible() and dialog.error_of("reply_due") == "答复期限不能早于交办日期"
    assert dialog.error_of("review_reason") == ""
    assert dialog.tabs.currentWidget() is dialog.sections["assign"]  # shows the field
    assert written(record_id) == before

    dialog.assign.due.setDate(QDate(2026, 7, 1))
    choose(dialog.reply_class, "")
    type_text(dialog.reply_summary, "答复了")
    dialog.save()  # the reply needs its class
    assert dialog.error_of("reply_class") and written(record_id) == before
    assert answers.errors == []
    dialog.reply_summary.clear()
    dialog.save()
    assert not dialog.isVisible() and Proposal.get_by_id(record_id).county_no == "PY-9"


def test_a_refusal_shows_as_a_message(qtbot: Any, county: County, answers: Answers) -> None:
    ctx = county.ctx
    target = county.id_of(SQMY[1])
    county_work.review(ctx, target, "accepted")
    dialog = open_dialog(qtbot, ctx, county.id_of(SQMY[0]))
    choose(dialog.review, "merged")
    assert dialog.merged_into.isEnabled() and not dialog.converted_to.isEnabled()
    type_text(dialog.merged_into, "SQ-2099-0001")
    dialog.save()
    assert "找不到" in dialog.error_of("merged_into")
    dialog.merged_into.setText(Proposal.get_by_id(target).serial)
    dialog.save()
    row = Proposal.get_by_id(county.id_of(SQMY[0]))
    assert (row.review, row.merged_into) == ("merged", Proposal.get_by_id(target).serial)
    assert answers.errors == []


def test_the_studio_part_is_read_only_at_the_county(qtbot: Any, county: County) -> None:
    record_id = county.id_of("关于修缮东岙村道路的建议")
    dialog = open_dialog(qtbot, county.ctx, record_id)
    part = dialog.studio
    assert part.values["studio"].text() == "石桥镇政协委员工作室"
    assert part.values["lead_member"].text() == "王建国"
    assert part.values["co_signers"].text() == "陈芳"
    assert "道路破损" in part.text.toPlainText() and "尽快修缮" in part.text.toPlainText()
    editable = [
        w
        for w in part.findChildren(QWidget)
        if isinstance(w, (QLineEdit, QComboBox, QPlainTextEdit))
    ]
    assert editable == [] and part.text.isReadOnly()
    assert not dialog.sections["adopt"].allowed  # a proposal is not adopted
    assert "社情民意" in dialog.sections["adopt"].hint.text()
    dialog.reject()
    with pytest.raises(UserError):  # the studio's own dialog is never used for it here
        ProposalDialog(county.ctx, record_id)
    with pytest.raises(UserError):
        proposals.update(county.ctx, record_id, {"title": "改标题"})


def test_the_dialog_fits_a_small_screen(qtbot: Any, county: County) -> None:
    dialog = open_dialog(qtbot, county.ctx, county.id_of(SQMY[0]))
    assert dialog.width() <= 1366 and dialog.height() <= 700  # 768 less title and task bars
    for index in range(dialog.tabs.count()):  # hints shown on some tabs
        dialog.open_tab(index)
        assert dialog.minimumSizeHint().height() <= dialog.height()


def test_the_evaluation_waits_for_the_county_reply(
    qtbot: Any, county: County, tmp_path: Path
) -> None:
    ctx, record_id = county.ctx, county.id_of(SQMY[0])
    uuid = Proposal.get_by_id(record_id).uuid
    studio = county.studios["SQZ"]
    with studio as sctx:
        local = Proposal.get(Proposal.uuid == uuid).id
        dialog = ProposalDialog(sctx, local)
        qtbot.addWidget(dialog)
        assert not dialog.evaluation.isEnabled() and dialog.evaluation.toolTip()
        assert dialog.no_feedback.isVisibleTo(dialog)
        dialog.reject()
    with county:
        county_work.review(ctx, record_id, "accepted")
        county_work.assign(ctx, [record_id], "01", on="2026-04-01")
        county_work.reply(ctx, record_id, "A", "已解决", on="2026-05-01", text="答复全文")
        package = export_feedback(ctx, "SQZ", tmp_path / "usb").path
    with studio as sctx:
        assert package is not None and import_package(sctx, package).applied
        before = Proposal.get_by_id(local)
        dialog = ProposalDialog(sctx, local)
        qtbot.addWidget(dialog)
        assert dialog.evaluation.isEnabled()
        assert not dialog.no_feedback.isVisibleTo(dialog)
        assert dialog.county_labels["reply_text"].text() == "答复全文"
        assert dialog.county_labels["units"].text() == "县住建局（主办）"
        assert not dialog.county_labels["adopted_by"].isVisibleTo(dialog)  # empty: hidden
        choose(dialog.evaluation, "satisfied")
        dialog.save()
        after = Proposal.get_by_id(local)
        assert after.member_evaluation == "satisfied"
        assert (after.rev, after.county_rev) == (before.rev + 1, before.county_rev)
        assert ProposalUnit.select().count() == 1


def test_the_county_dialogs_fit_a_1366_by_768_screen(
    qtbot: Any, county: County, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QRect

    from studio_app.ui import screen_fit
    from studio_app.ui.dialogs.county_assign_dialog import CountyAssignDialog
    from tests.ui.test_office_pc import OFFICE_SCREEN, assert_fits

    monkeypatch.setattr(screen_fit, "available", lambda _widget=None: QRect(OFFICE_SCREEN))
    record_id = county.id_of(SQMY[0])
    for dialog in (
        open_dialog(qtbot, county.ctx, record_id),
        CountyAssignDialog(county.ctx, [record_id]),
    ):
        qtbot.addWidget(dialog)
        dialog.show()
        assert_fits(dialog)
        dialog.done(0)
