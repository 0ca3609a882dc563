"""联系网络: the chain as a tree, residents read when their member opens, contacts recorded
from the selection, people assigned by dialog or by dragging, targets set; read-only where
it must be."""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from studio_app.core import kinds
from studio_app.core.codes import Role
from studio_app.services import contact_chain as cc
from studio_app.services import kind_records, members, records, residents, site
from studio_app.services.context import Context
from studio_app.storage.models import Member, Resident, database
from studio_app.ui.dialogs.chain_dialogs import (
    AssignMembersDialog,
    AssignResidentsDialog,
    TargetsDialog,
)
from studio_app.ui.models import chain_tree as t
from studio_app.ui.pages.chain_page import ChainPage
from tests.ui.conftest import Answers, fields_of

ROOT = Path(__file__).resolve().parents[2]


@dataclasses.dataclass
class Chain:
    wang: int  # 常委: 李梅, 陈志强
    zhao: int  # 常委: nobody yet
    lee: int
    chen: int
    liu: int  # no 常委
    people: dict[str, int]


@pytest.fixture
def chain(ctx: Context) -> Chain:
    wang = members.create(ctx, {"name": "王建国", "is_standing": True}).id
    zhao = members.create(ctx, {"name": "赵丽华", "is_standing": True}).id
    lee = members.create(ctx, {"name": "李梅", "contact_parent": wang}).id
    chen = members.create(ctx, {"name": "陈志强", "contact_parent": wang}).id
    liu = members.create(ctx, {"name": "刘洋"}).id
    people = {}
    for name, village, who in (("张三", "东村", lee), ("李四", "东村", lee), ("王五", "西村", chen),
                               ("赵六", "西村", None), ("钱七", "南村", wang)):  # fmt: skip
        people[name] = residents.create(ctx, {"name": name, "village": village,
                                              "contact_member": who}).id  # fmt: skip
    recent = ctx.now_local() - timedelta(days=5)
    for values in (
        {"member": lee, "residents": [people["张三"]], "content": "询问春耕用水"},
        {"member": wang, "contacted_member": lee, "content": "了解履职"},
    ):
        values |= {"contacted_at": recent, "channel": "phone"}
        kind_records.create(ctx, kinds.CONTACT, values)
    return Chain(wang, zhao, lee, chen, liu, people)


@pytest.fixture
def page(qtbot: Any, ctx: Context, chain: Chain) -> ChainPage:
    page = ChainPage(ctx)
    qtbot.addWidget(page)
    page.resize(1180, 700)
    page.show()
    return page


GROUPS = (t.LOOSE_MEMBERS, t.LOOSE_RESIDENTS, t.OWN)


def row(page: ChainPage, *path: str) -> QModelIndex:
    """The index of the row reached by names (the first cell), or by the kinds of the
    group rows, from the top."""
    model, index = page.model, QModelIndex()
    for name in path:
        if page.model.canFetchMore(index):
            page.model.fetchMore(index)
        rows = [model.index(r, 0, index) for r in range(model.rowCount(index))]
        if name in GROUPS:
            found = [i for i in rows if model.node(i).kind == name]
        else:
            found = [i for i in rows if i.data() == name]
        assert found, (name, [i.data() for i in rows])
        index = found[0]
    return index


def tr(text: str, n: int = -1) -> str:
    """A text of the tree as the model words it (in the language installed)."""
    return t.ChainTreeModel.tr(text, "", n) if n >= 0 else t.ChainTreeModel.tr(text)


def cells(index: QModelIndex) -> list[str]:
    return [index.siblingAtColumn(c).data() for c in range(4)]


def select(page: ChainPage, *indexes: QModelIndex) -> None:
    flags = page.tree.selectionModel().SelectionFlag
    page.tree.selectionModel().clear()
    for index in indexes:
        page.tree.selectionModel().select(index, flags.Select | flags.Rows)
    page.tree.setCurrentIndex(indexes[-1]) if len(indexes) == 1 else None


# -- the tree ---------------------------------------------------------------------------


def test_the_tree_runs_from_standing_members_to_members_to_residents(
    page: ChainPage, chain: Chain, qtmodeltester: Any
) -> None:
    model = page.model
    tops = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert tops[:2] == ["王建国", "赵丽华"] and len(tops) == 4  # + the two groups
    wang = row(page, "王建国")
    assert page.tree.isExpanded(wang)  # standing members open on their members
    assert model.node(wang).kind == t.STANDING
    day = (page.ctx.now_local() - timedelta(days=5)).strftime("%Y-%m-%d")
    assert cells(wang)[1:3] == [tr("{0} / {1} members").format(2, 10), day]
    own, lee, chen = (model.index(r, 0, wang) for r in range(3))
    residents_of = tr("{0} / {1} residents")
    assert model.node(own).kind == t.OWN and cells(own)[1] == residents_of.format(1, 100)
    assert cells(lee)[0] == "李梅" and cells(lee)[1] == residents_of.format(2, 100)
    assert cells(chen)[2] == tr("never") and model.node(chen).red >= {t.LAST}
    assert cells(lee)[3] == tr("%n resident(s)", 1)  # 李四: never contacted
    # Residents are read when the member opens, not before
    assert model.rowCount(lee) == 0 and model.hasChildren(lee) and model.canFetchMore(lee)
    page.tree.expand(lee)
    assert [cells(model.index(r, 0, lee)) for r in range(model.rowCount(lee))] == [
        ["李四", "东村", "—", tr("never contacted")],
        ["张三", "东村", day, ""],
    ]
    loose = row(page, t.LOOSE_MEMBERS)
    assert [model.index(r, 0, loose).data() for r in range(model.rowCount(loose))] == ["刘洋"]
    nobody = row(page, t.LOOSE_RESIDENTS)
    page.tree.expand(nobody)
    assert model.index(0, 0, nobody).data() == "赵六"
    qtmodeltester.check(model)


def test_residents_come_a_page_at_a_time(
    page: ChainPage, ctx: Context, chain: Chain, qtbot: Any
) -> None:
    with records.atomic():
        for i in range(cc.PAGE + 30):
            residents.create(ctx, {"name": f"群众{i:03d}", "contact_member": chain.chen})
    model = page.model  # the creations were announced: the tree read them
    chen = row(page, "王建国", "陈志强")
    assert cells(chen)[1] == tr("{0} / {1} residents").format(cc.PAGE + 31, 100)
    assert not model.node(chen).amber  # at its target
    page.tree.expand(chen)
    assert model.rowCount(chen) == cc.PAGE and model.canFetchMore(chen)
    model.fetchMore(chen)
    assert model.rowCount(chen) == cc.PAGE + 31 and not model.canFetchMore(chen)


def test_only_those_not_contacted_and_the_days_from_the_setting(
    page: ChainPage, ctx: Context, chain: Chain
) -> None:
    assert "90" in page.overdue_only.text()
    assert "90" in page.model.headerData(t.OVERDUE, Qt.Orientation.Horizontal)
    page.overdue_only.setChecked(True)
    lee = row(page, "王建国", "李梅")
    page.tree.expand(lee)
    assert [page.model.index(r, 0, lee).data() for r in range(page.model.rowCount(lee))] == ["李四"]
    assert row(page, "王建国", "陈志强").isValid()  # not contacted by 王建国: shown
    cc.set_targets(ctx, days=3)  # announced: the page reads the chain again
    assert "3" in page.overdue_only.text() and page.overdue_only.isChecked()
    lee = row(page, "王建国", "李梅")
    assert cells(lee)[2] and page.model.node(lee).red >= {t.LAST}  # 5 days > 3
    assert page.tree.isExpanded(lee)  # what was open stays open


def test_the_summary_counts_the_studio(page: ChainPage) -> None:
    text = page.summary.text()
    for part, n in (("%n standing member(s)", 2), ("%n member(s)", 3), ("%n resident(s)", 5),
                    ("%n without a member", 1)):  # fmt: skip
        assert ChainPage.tr(part, "", n) in text, text


# -- recording a contact ----------------------------------------------------------------


def test_a_contact_is_recorded_with_the_selected_residents(
    page: ChainPage, ctx: Context, chain: Chain, qtbot: Any
) -> None:
    lee = row(page, "王建国", "李梅")
    page.tree.expand(lee)
    li_si = row(page, "王建国", "李梅", "李四")
    select(page, li_si)
    dialog = page.record_contact()
    assert dialog is not None
    form = fields_of(dialog)
    assert dialog.values()["member"] == chain.lee
    assert dialog.values()["residents"] == [chain.people["李四"]]
    form.content.setPlainText("了解养老保险缴费")
    dialog.save()
    assert not dialog.isVisible()
    assert Resident.get_by_id(chain.people["李四"]).last_contacted_at is not None
    lee = row(page, "王建国", "李梅")
    assert cells(lee)[3] == ""  # nobody of 李梅's is overdue now
    assert page.tree.isExpanded(lee)


def test_a_standing_members_contact_with_a_member_is_filled_in(
    page: ChainPage, chain: Chain
) -> None:
    select(page, row(page, "王建国", "陈志强"))
    assert page.contact_values() == {"member": chain.wang, "contacted_member": chain.chen}
    select(page, row(page, t.LOOSE_MEMBERS, "刘洋"))
    assert page.contact_values() == {"member": chain.liu}
    select(page, row(page, t.LOOSE_RESIDENTS, "赵六"))
    assert page.contact_values() == {"residents": [chain.people["赵六"]]}


def test_enter_records_a_contact_and_opens_a_group(page: ChainPage, qtbot: Any) -> None:
    page.tree.setFocus()
    loose = row(page, t.LOOSE_RESIDENTS)
    page.tree.setCurrentIndex(loose)
    QTest.keyClick(page.tree, Qt.Key.Key_Return)
    assert page.tree.isExpanded(loose) and page.dialog is None
    page.tree.setCurrentIndex(row(page, "王建国", "陈志强"))
    QTest.keyClick(page.tree, Qt.Key.Key_Return)
    assert page.dialog is not None and page.dialog.isVisible()
    page.dialog.reject()
    assert page.dialog is None


# -- assigning --------------------------------------------------------------------------


def open_dialog(page: ChainPage, opened: Any) -> Any:
    dialog = opened()
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_residents_are_found_ticked_and_assigned(page: ChainPage, chain: Chain, qtbot: Any) -> None:
    select(page, row(page, t.LOOSE_MEMBERS, "刘洋"))
    dialog = open_dialog(page, page.assign_residents)
    assert isinstance(dialog, AssignResidentsDialog)
    assert dialog.chosen_member() == chain.liu
    assert dialog.unassigned.isChecked() and dialog.list.topLevelItemCount() == 1  # 赵六
    dialog.unassigned.setChecked(False)
    dialog.village.setCurrentIndex(dialog.village.findText("东村"))
    assert dialog.list.topLevelItemCount() == 2
    dialog.search.setText("李")
    dialog.refresh()
    assert [dialog.list.topLevelItem(i).text(0) for i in range(1)] == ["李四"]
    dialog.list.topLevelItem(0).setCheckState(0, Qt.CheckState.Checked)
    dialog.search.setText("")
    dialog.village.setCurrentIndex(0)
    dialog.refresh()
    assert len(dialog.ticked) == 1  # ticks survive a new search
    dialog.accept()
    assert not dialog.isVisible() and dialog.moved == 1
    assert Resident.get_by_id(chain.people["李四"]).contact_member_id == chain.liu
    assert cells(row(page, t.LOOSE_MEMBERS, "刘洋"))[1] == tr("{0} / {1} residents").format(1, 100)


def test_residents_selected_in_the_tree_come_ticked(page: ChainPage, chain: Chain) -> None:
    lee = row(page, "王建国", "李梅")
    page.tree.expand(lee)
    select(page, row(page, "王建国", "李梅", "李四"), row(page, "王建国", "李梅", "张三"))
    dialog = open_dialog(page, page.assign_residents)
    assert dialog.chosen_member() == chain.lee
    assert set(dialog.ticked) == {chain.people["李四"], chain.people["张三"]}
    dialog.reject()


def test_assigning_without_a_member_or_residents_says_what_is_missing(
    page: ChainPage, chain: Chain, answers: Answers
) -> None:
    select(page, row(page, t.LOOSE_RESIDENTS))
    dialog = open_dialog(page, page.assign_residents)
    assert dialog.chosen_member() == ""
    dialog.accept()
    assert answers.errors == [dialog.tr("Choose the member to assign the residents to.")]
    dialog.member.setCurrentIndex(dialog.member.findData(chain.chen))
    dialog.accept()
    assert answers.errors[-1] == dialog.tr("Tick the residents to assign.")
    assert dialog.isVisible()
    assert Resident.get_by_id(chain.people["赵六"]).contact_member_id is None


def test_a_resident_changed_meanwhile_refuses_the_assignment(
    page: ChainPage, ctx: Context, chain: Chain, answers: Answers
) -> None:
    dialog = open_dialog(page, page.assign_residents)
    dialog.member.setCurrentIndex(dialog.member.findData(chain.chen))
    dialog.unassigned.setChecked(False)
    dialog._tick_all(True)
    assert len(dialog.ticked) == 5
    residents.update(ctx, chain.people["钱七"], {"phone": "13800001111"})  # someone else
    dialog.accept()
    assert answers.errors == ["群众“钱七”已被他人修改，请刷新后重新分配。"]
    assert dialog.isVisible() and dialog.ticked == {}  # read again: choose again
    assert [r.contact_member_id for r in Resident.select().order_by(Resident.id)] == [
        chain.lee, chain.lee, chain.chen, None, chain.wang
    ]  # fmt: skip
    dialog._tick_all(True)
    dialog.accept()
    assert not dialog.isVisible()
    assert {r.contact_member_id for r in Resident.select()} == {chain.chen}


def test_residents_can_be_taken_off_their_member(page: ChainPage, chain: Chain) -> None:
    dialog = open_dialog(page, page.assign_residents)
    dialog.member.setCurrentIndex(dialog.member.findData("none"))
    dialog.unassigned.setChecked(False)
    dialog.search.setText("张三")
    dialog.refresh()
    dialog._tick_all(True)
    dialog.accept()
    assert Resident.get_by_id(chain.people["张三"]).contact_member_id is None


def test_a_standing_member_gets_exactly_the_members_ticked(page: ChainPage, chain: Chain) -> None:
    select(page, row(page, "王建国", "李梅"))
    dialog = open_dialog(page, page.assign_members)
    assert isinstance(dialog, AssignMembersDialog)
    offered = [dialog.standing.itemData(i) for i in range(dialog.standing.count())]
    assert offered == [chain.wang, chain.zhao]  # standing members only
    ticked = {dialog.list.topLevelItem(i).text(0): dialog.list.topLevelItem(i).checkState(0)
              for i in range(dialog.list.topLevelItemCount())}  # fmt: skip
    on = Qt.CheckState.Checked
    assert {name for name, state in ticked.items() if state == on} == {"李梅", "陈志强"}
    dialog.standing.setCurrentIndex(dialog.standing.findData(chain.zhao))
    items = {dialog.list.topLevelItem(i).text(0): dialog.list.topLevelItem(i)
             for i in range(dialog.list.topLevelItemCount())}  # fmt: skip
    assert items["李梅"].checkState(0) == on  # selected in the tree: offered ticked
    items["李梅"].setCheckState(0, Qt.CheckState.Unchecked)
    items["刘洋"].setCheckState(0, on)
    dialog.accept()
    assert not dialog.isVisible()
    assert Member.get_by_id(chain.liu).contact_parent_id == chain.zhao
    assert Member.get_by_id(chain.lee).contact_parent_id == chain.wang
    assert [page.model.index(r, 0, row(page, "赵丽华")).data()
            for r in range(page.model.rowCount(row(page, "赵丽华")))] == ["刘洋"]  # fmt: skip


def test_unticking_leaves_members_without_a_standing_member(page: ChainPage, chain: Chain) -> None:
    select(page, row(page, "王建国"))
    dialog = open_dialog(page, page.assign_members)
    assert dialog.standing.currentData() == chain.wang
    dialog._fill()
    for i in range(dialog.list.topLevelItemCount()):
        dialog.list.topLevelItem(i).setCheckState(0, Qt.CheckState.Unchecked)
    dialog.accept()
    assert {m.contact_parent_id for m in Member.select()} == {None}


def test_dragging_residents_onto_a_member_assigns_them(
    page: ChainPage, chain: Chain, qtbot: Any
) -> None:
    model = page.model
    page.tree.expand(row(page, "王建国", "李梅"))
    dragged = model.mimeData([row(page, "王建国", "李梅", "李四")])
    standing, chen = row(page, "王建国"), row(page, "王建国", "陈志强")
    action = Qt.DropAction.CopyAction
    assert not model.canDropMimeData(dragged, action, -1, -1, standing)  # residents ≠ members
    assert model.canDropMimeData(dragged, action, -1, -1, chen)
    assert model.dropMimeData(dragged, action, -1, -1, chen)
    qtbot.waitUntil(
        lambda: Resident.get_by_id(chain.people["李四"]).contact_member_id == chain.chen
    )
    members_dragged = model.mimeData([row(page, "王建国", "陈志强")])
    assert model.dropMimeData(members_dragged, action, -1, -1, row(page, t.LOOSE_MEMBERS))
    qtbot.waitUntil(lambda: Member.get_by_id(chain.chen).contact_parent_id is None)
    assert [model.index(r, 0, row(page, t.LOOSE_MEMBERS)).data() for r in range(2)] == sorted(
        ["刘洋", "陈志强"]
    )


def test_a_refused_drop_is_explained(
    page: ChainPage, ctx: Context, chain: Chain, qtbot: Any, answers: Answers
) -> None:
    model = page.model
    page.tree.expand(row(page, "王建国", "李梅"))
    dragged = model.mimeData([row(page, "王建国", "李梅", "李四")])
    residents.delete(ctx, chain.people["李四"])  # meanwhile
    model.dropMimeData(dragged, Qt.DropAction.CopyAction, -1, -1, row(page, "王建国", "陈志强"))
    qtbot.waitUntil(lambda: bool(answers.errors))
    assert answers.errors == ["群众“李四”在回收站中，不能分配。请先恢复，或不选他们。"]


# -- targets ----------------------------------------------------------------------------


def test_targets_are_set_in_a_small_dialog(page: ChainPage) -> None:
    dialog = open_dialog(page, page.edit_targets)
    assert isinstance(dialog, TargetsDialog)
    assert {k: b.value() for k, b in dialog.boxes.items()} == {"members": 10, "residents": 100,
                                                               "days": 90}  # fmt: skip
    assert dialog.boxes["days"].minimum() == 1  # zero and less cannot be typed
    dialog.boxes["residents"].setValue(2)
    dialog.boxes["days"].setValue(30)
    dialog.accept()
    assert cc.targets() == cc.Targets(10, 2, 30)
    assert cells(row(page, "王建国", "李梅"))[1] == tr("{0} / {1} residents").format(2, 2)
    assert not page.model.node(row(page, "王建国", "李梅")).amber
    assert "30" in page.overdue_only.text()


# -- who may do what, and where ---------------------------------------------------------


def test_a_viewer_reads_the_chain_but_changes_nothing(
    qtbot: Any, ctx: Context, chain: Chain
) -> None:
    viewer = dataclasses.replace(ctx, user="guest", role=Role.VIEWER)
    page = ChainPage(viewer)
    qtbot.addWidget(page)
    assert all(not b.isEnabled() for b in page.buttons.values())
    assert page.record_contact() is None and page.assign_residents() is None
    index = row(page, "王建国", "李梅")
    assert not page.model.flags(index) & Qt.ItemFlag.ItemIsDragEnabled
    assert page.model.rowCount() == 4


def test_at_the_county_each_studios_chain_is_read_only(qtbot: Any, tmp_path: Path) -> None:
    from studio_app.storage.database import close_database, open_database

    close_database()
    open_database(tmp_path / "county.sqlite3")
    try:
        county = site.setup("county", "平阳县政协", "PY", "", "平阳县")
        ctx = site.context_for(county)
        wang = members.create(ctx, {"name": "王建国", "is_standing": True}).id
        members.create(ctx, {"name": "李梅", "contact_parent": wang})
        studio = "2f0c1e52-0000-4000-8000-000000000001"
        database.execute_sql(
            "INSERT INTO site (uuid, kind, name, code, township, county, address, phone, "
            "is_local, next_package_seq, created_at) VALUES (?, 'studio', '石桥镇委员工作室', "
            "'SQZ', '', '', '', '', 0, 1, '2026-01-01')",
            [studio],
        )
        database.execute_sql("UPDATE member SET origin_site = ?", [studio])
        page = ChainPage(ctx)
        qtbot.addWidget(page)
        assert page.studio is not None and page.chosen_studio() == studio
        assert all(not b.isVisible() for b in page.buttons.values())
        assert not page.tree.dragEnabled() and page.record_contact() is None
        assert [page.model.index(r, 0).data() for r in range(page.model.rowCount())] == ["王建国"]
        database.execute_sql(
            "INSERT INTO site (uuid, kind, name, code, township, county, address, phone, "
            "is_local, next_package_seq, created_at) VALUES (?, 'studio', '凤卧镇委员工作室', "
            "'FWZ', '', '', '', '', 0, 1, '2026-01-01')",
            ["2f0c1e52-0000-4000-8000-000000000002"],
        )
        page.reload()  # a package from a new studio was imported
        assert page.studio.count() == 2 and page.chosen_studio() == studio
        page.studio.setCurrentIndex(page.studio.findData("2f0c1e52-0000-4000-8000-000000000002"))
        assert page.model.rowCount() == 0  # nobody of that studio's yet
    finally:
        close_database()


def test_the_page_is_in_the_navigation_and_fits_a_small_screen(window: Any, qtbot: Any) -> None:
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert window.tr("Contact network") in titles
    assert "联系记录" in titles  # the records' own list stays
    assert (ROOT / "resources" / "icons" / "nav" / "chain.svg").is_file()
    window.resize(1366, 768)
    page = window.lazy_page("chain")
    window.show_page(page)
    assert isinstance(page, ChainPage) and window.page_name() == "chain"
    QApplication.processEvents()
    assert page.minimumSizeHint().width() <= 1366 - window.nav.width()
    assert page.minimumSizeHint().height() <= 768 - 120
    for opened in (page.assign_residents, page.assign_members, page.edit_targets):
        dialog = opened()
        assert dialog.width() <= 1366 and dialog.height() <= 768 - 40
        dialog.reject()
