"""GUI test fixtures: Qt offscreen, the Chinese translation, a studio with people and visits."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from studio_app.core import kinds
from studio_app.core.codes import Channel
from studio_app.paths import DataDir
from studio_app.services import kind_records, members, records, residents, site, visits
from studio_app.services.context import Context
from studio_app.ui import changes_bridge, messages
from studio_app.ui.i18n import install_translation, remove_translation
from studio_app.workspace import Workspace

CONTENTS = ("村口路灯不亮，晚上出行不便", "水渠堵塞需要清理", "咨询低保政策")


class FormView:
    """The editors of a declared kind's dialog as attributes named by field key; anything
    else (rows, error_of, …) as the dialog has it."""

    def __init__(self, dialog: Any) -> None:
        self.dialog = dialog

    def __getattr__(self, name: str) -> Any:
        editors = self.dialog.editors
        if name in editors:
            return editors[name].widget
        return getattr(self.dialog, name)


def fields_of(dialog: Any) -> FormView:
    return FormView(dialog)


class FilterBar:
    """A list page's filter widgets as attributes named by filter key; ``clear()`` clears
    them; anything else as the page has it."""

    def __init__(self, page: Any) -> None:
        self.page = page

    def __getattr__(self, name: str) -> Any:
        widgets = self.page.filter_widgets
        return widgets[name] if name in widgets else getattr(self.page, name)

    def clear(self) -> None:
        self.page.clear_filters()


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` key by key, Chinese included (QTest.keyClicks handles ASCII only)."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


@pytest.fixture(autouse=True)
def zh_translation(qapp: QApplication) -> Iterator[None]:
    """The app is Chinese by default; tests see what users see."""
    translators = install_translation(qapp)
    yield
    remove_translation(qapp, translators)


@pytest.fixture(autouse=True)
def changes_heard() -> Iterator[None]:
    """Pages of a test follow announced changes during that test only."""
    yield
    changes_bridge.reset()


@dataclass
class People:
    members: dict[str, int]
    residents: dict[str, int]


@pytest.fixture
def people(ctx: Context) -> People:
    m = {n: members.create(ctx, {"name": n}).id for n in ("王建国", "李梅", "陈志强")}
    r = {
        "张三": residents.create(ctx, {"name": "张三", "phone": "13800001111", "village": "东村"}),
        "李四": residents.create(ctx, {"name": "李四", "phone": "13900002222", "village": "西村"}),
    }
    return People(m, {k: v.id for k, v in r.items()})


AddVisits = Callable[..., list[int]]


def reporting_point(ctx: Context) -> int:
    """The studio's reporting point (made when first asked for)."""
    found = kind_records.choices(kinds.REPORTING_POINT)
    if found:
        return next(iter(found))
    return int(kind_records.create(ctx, kinds.REPORTING_POINT, {"name": "东岙村直报点"}).id)


@pytest.fixture
def add_visits(ctx: Context, people: People) -> AddVisits:
    """Create ``n`` visits an hour apart, oldest first, varied channel/category/handling."""

    def add(n: int, start: datetime | None = None, **overrides: Any) -> list[int]:
        start = start or ctx.now_local() - timedelta(days=100)
        member_ids = list(people.members.values())
        resident_ids = list(people.residents.values())
        channels = list(Channel)
        ids = []
        with records.atomic():
            for i in range(n):
                referred = i % 3 == 1
                values: dict[str, Any] = {
                    "channel": channels[i % len(channels)].value,
                    "occurred_at": start + timedelta(hours=i),
                    "members": [member_ids[i % len(member_ids)]],
                    "residents": [resident_ids[i % len(resident_ids)]],
                    "category": f"{i % 13 + 1:02d}",
                    "content": f"{CONTENTS[i % 3]}（{i}）",
                    "handling": "referred" if referred else "answered",
                }
                if referred:
                    values["referred_unit"] = "01"
                values.update(overrides)
                if values["channel"] == Channel.REPORTING_POINT and "reporting_point" not in values:
                    values["reporting_point"] = reporting_point(ctx)
                ids.append(visits.create(ctx, values).id)
        return ids

    return add


@pytest.fixture
def workspace(ctx: Context, db_path: Path) -> Workspace:
    return Workspace(DataDir(db_path.parent), site.local_site())


@pytest.fixture
def window(qtbot: Any, workspace: Workspace) -> Any:
    """The main window over the test studio, shown (offscreen)."""
    from studio_app.ui.app import build_main_window

    window = build_main_window(workspace)
    qtbot.addWidget(window)
    window.show()
    return window


@dataclass
class Answers:
    """Records message boxes instead of showing them; ``discard`` answers the question."""

    errors: list[str]
    discard: bool = True
    asked: int = 0
    missing: list[list[str]] = field(default_factory=list)  # fields asked about, per question
    go_on: bool = True  # the answer to "… is not filled in; go on anyway?"
    reload: bool = True  # the answer to "changed by someone else: reload?"
    stale: list[str] = field(default_factory=list)  # the refusals that asked it


@pytest.fixture(autouse=True)
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    found = Answers([])

    def confirm(_parent: Any) -> bool:
        found.asked += 1
        return found.discard

    monkeypatch.setattr(messages, "show_error", lambda _parent, text: found.errors.append(text))
    monkeypatch.setattr(messages, "confirm_discard", confirm)

    def ask_missing(_parent: Any, _step: str, missing: list[str]) -> bool:
        found.missing.append(missing)
        return found.go_on

    monkeypatch.setattr(messages, "ask_missing", ask_missing)

    def ask_reload(_parent: Any, refusal: str) -> bool:
        found.stale.append(refusal)
        return found.reload

    monkeypatch.setattr(messages, "ask_reload", ask_reload)
    return found
