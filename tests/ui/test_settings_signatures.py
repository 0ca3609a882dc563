"""The settings page shows this installation's fingerprint and the senders pinned (issue 11)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from studio_app.core import signing
from studio_app.services import peers
from studio_app.services.context import Context
from studio_app.ui.lookups import Lookups
from studio_app.ui.pages.settings.page import SettingsPage


@pytest.mark.parametrize("kind", ["studio", "county"])
def test_own_and_pinned_fingerprints_are_shown(
    qtbot, ctx: Context, db_path: Path, kind: str
) -> None:
    here = dataclasses.replace(ctx, site_kind=kind)
    page = SettingsPage(here, db_path.parent, None, Lookups.load())
    qtbot.addWidget(page)
    page.setCurrentIndex(page.indexOf(page.general.parentWidget().parentWidget()))
    page.show()
    tab = page.general
    own = peers.own_fingerprint()
    assert tab.own_fingerprint.text() == own and tab.own_fingerprint.isReadOnly()
    assert tab.no_peers.isVisibleTo(tab) and not tab.peer_table.isVisibleTo(tab)
    assert "导入对方的第一个数据包时登记" in tab.no_peers.text()

    key = signing.public_key(signing.new_private_key())
    other = ("county", "PYX", "平阳县政协") if kind == "studio" else ("studio", "WQZ", "万全镇")
    sender = peers.Sender("6f1c2d9e-0000-4000-8000-000000000001", other[1], other[0], other[2],
                          key)  # fmt: skip
    peers.pin(here, sender)
    tab.hide()
    tab.show()  # shown again (as after an import elsewhere in the app): read afresh
    assert tab.peer_table.isVisibleTo(tab) and not tab.no_peers.isVisibleTo(tab)
    table = tab.peer_table
    headers = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert headers == ["代码", "名称", "类型", "签名指纹", "登记时间"]
    row = [table.item(0, c).text() for c in range(4)]
    kind_label = "县政协" if kind == "studio" else "工作室"
    assert row == [other[1], other[2], kind_label, signing.fingerprint(key)]
    assert own != signing.fingerprint(key)
