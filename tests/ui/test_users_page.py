"""The users page's table uses the page's width: the full name takes what the others leave."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHeaderView

from studio_app.services import accounts
from studio_app.services.context import Context
from studio_app.ui.pages.users_page import NAME_COLUMN, UsersPage


def test_the_table_fills_the_page_and_the_name_takes_the_rest(qtbot: Any, ctx: Context) -> None:
    accounts.first_admin("admin", "admin password")
    admin = accounts.as_user(ctx, "admin")
    accounts.add(admin, "zhangsanfeng", "a password", name="张三丰", role="staff")
    page = UsersPage(admin)
    qtbot.addWidget(page)
    page.resize(1220, 600)
    page.show()
    qtbot.waitExposed(page)
    table, header = page.table, page.table.horizontalHeader()
    widths = [header.sectionSize(c) for c in range(header.count())]
    assert abs(sum(widths) - table.viewport().width()) <= 2  # no empty band on the right
    assert widths[NAME_COLUMN] == max(widths)
    assert header.sectionResizeMode(NAME_COLUMN) == QHeaderView.ResizeMode.Stretch
    for column in range(header.count()):  # the others show their whole text and title
        assert widths[column] >= table.sizeHintForColumn(column)
        assert widths[column] >= header.sectionSizeHint(column)
    page.resize(700, 600)  # a narrower window: the name gives way, the others keep theirs
    qtbot.wait(1)
    narrower = [header.sectionSize(c) for c in range(header.count())]
    others = [w for c, w in enumerate(narrower) if c != NAME_COLUMN]
    assert others == [w for c, w in enumerate(widths) if c != NAME_COLUMN]
    assert narrower[NAME_COLUMN] < widths[NAME_COLUMN]
