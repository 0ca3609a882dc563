"""The English UI: no Chinese outside the data, counts in the singular or plural.

The texts the record kinds declare (Chinese by specification) show through
:func:`studio_app.ui.i18n.declared`, from the English catalogue's ``declared`` context
(``resources/translations/declared_en.json``); counts go through Qt's plural forms.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from studio_app.core import kinds
from studio_app.core.codes import CodeListKind
from studio_app.services import proposals, site
from studio_app.services.context import Context
from studio_app.ui.app import build_main_window
from studio_app.ui.i18n import catalogue_path, declared, switch_language
from studio_app.ui.main_window import MainWindow
from studio_app.workspace import Workspace
from tests.ui.conftest import CONTENTS, AddVisits, People
from tests.ui.test_lister_table_model import make_interviews
from tests.ui.test_translations import ROOT, texts_of, tool

HAN = re.compile(r"[\u4e00-\u9fff]")
TS = catalogue_path("en", ".ts")
QM = catalogue_path("en", ".qm")
TEXTS = TS.parent / "declared_en.json"
HOW = "run resources/translations/update.sh (and fill in the English plural forms)"


def declared_texts(kind: kinds.RecordKind) -> set[str]:
    """Every text ``kind`` declares that the UI shows (not the printed or exchanged ones)."""
    texts = {kind.label, kind.short_label, kind.new_label, kind.search_hint, kind.counter}
    texts |= {kind.merge_title, *(f.label for f in kind.fields)}
    texts |= {t for _, t in (*kind.list_titles, *kind.short_titles, *kind.dialog.hints)}
    texts |= {g.title for g in kind.dialog.groups} | {t.label for t in kind.transitions}
    texts |= {t for o in kind.origins for t in (o.button, o.button_tip)}
    texts |= {g.label for g in kind.glances} | ({kind.tally.label} if kind.tally else set())
    texts |= {col.label for fld in kind.fields for col in fld.columns}  # a ROWS field's
    return texts - {""}


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    """The UI in English for the test (the Chinese fixture puts Chinese back after it)."""
    switch_language(qapp, "en")
    yield


# -- the catalogue ---------------------------------------------------------------------------


def test_every_declared_text_has_its_english(english: None) -> None:
    """A kind declaring a new text fails here until declared_en.json has its English."""
    missing = {
        (kind.name, text)
        for kind in kinds.all_kinds()
        for text in declared_texts(kind)
        if HAN.search(declared(text)) or HAN.search(declared(text, 2))
    }
    assert missing == set(), f"add them to {TEXTS.name}, then {HOW}"


def test_the_chinese_ui_shows_them_as_declared() -> None:
    texts = set().union(*(declared_texts(kind) for kind in kinds.all_kinds()))
    assert [t for t in texts if declared(t) != t or declared(t, 2) != t] == []


def test_the_english_texts_are_all_used() -> None:
    texts = json.loads(TEXTS.read_text(encoding="utf-8"))
    used = set().union(*(declared_texts(kind) for kind in kinds.all_kinds()))
    assert set(texts) - used == set()
    assert [t for t, english in texts.items() if HAN.search(json.dumps(english))] == []


def test_the_english_catalogue_is_up_to_date_and_compiled(tmp_path: Path) -> None:
    copy = tmp_path / TS.name
    shutil.copy(TS, copy)
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "studio_app/ui").rglob("*.py"))
    options = ["-target-language", "en", "-pluralonly", "-no-obsolete", "-locations", "none"]
    run = {"check": True, "capture_output": True, "cwd": ROOT}
    subprocess.run([tool("pyside6-lupdate"), *sources, "-ts", str(copy), *options], **run)
    script = TS.parent / "declared.py"
    subprocess.run([shutil.which("python3") or "python3", str(script), str(copy)], **run)
    updated = copy.read_text(encoding="utf-8")
    assert 'type="unfinished"' not in updated, f"plural forms missing: {HOW}"
    assert updated == TS.read_text(encoding="utf-8"), f"the catalogue is out of date: {HOW}"
    fresh = tmp_path / "fresh.qm"
    subprocess.run([tool("pyside6-lrelease"), str(copy), "-qm", str(fresh)], **run)
    assert fresh.read_bytes() == QM.read_bytes(), f"the .qm is stale: {HOW}"


# -- the window ------------------------------------------------------------------------------


def data_of(people: People) -> list[str]:
    """The Chinese a test studio's data holds: names, places, contents, code list entries."""
    values = [*people.members, *people.residents, "东村", "西村", *CONTENTS, "访谈主题"]
    studio = site.require_site()
    values += [studio.name, studio.township, studio.county]
    values += [v for kind in CodeListKind for v in site.code_labels(kind).values()]
    return sorted(set(values), key=len, reverse=True)


def chinese_left_in(texts: list[str], data: list[str]) -> list[str]:
    """The texts that hold Chinese once the data in them is taken out."""
    left = []
    for text in texts:
        bare = str(text or "")
        for value in data:
            bare = bare.replace(value, "")
        if HAN.search(bare):
            left.append(text)
    return left


def chinese_left(root: QWidget, data: list[str]) -> list[tuple[str, str]]:
    """The texts of ``root`` (window title, labels, buttons, headers, group titles,
    placeholders, tooltips, combo and list items, actions) that hold Chinese once the data
    in them is taken out."""
    return [(where, t) for where, t in texts_of(root) if chinese_left_in([t], data)]


@pytest.fixture
def window(qtbot, english: None, workspace: Workspace, people: People) -> MainWindow:
    window = build_main_window(workspace)
    qtbot.addWidget(window)
    window.show()
    return window


def test_no_chinese_in_the_english_window(
    qtbot, window: MainWindow, ctx: Context, people: People, add_visits: AddVisits
) -> None:
    """The desk, the visits page with its detail panel, a new and a saved visit, the
    interviews page and a new interview: Chinese only in the data."""
    first, _, newest = add_visits(3, handling="referred", referred_unit="01")
    lead = people.members["李梅"]
    values = {"kind": "sqmy", "title": "路灯", "lead_member": lead}
    proposals.create(ctx, values, grew_from={"visit": [newest]})
    make_interviews(ctx, people, 2)
    data = [*data_of(people), "路灯"]
    window.show_glances()
    window.desk.refresh()
    assert chinese_left(window, data) == []
    assert window.nav.item(2).text() == "Interviews"
    assert window.nav.note("visits") == "Open 3 · Overdue 3"  # the kind's glances

    page = window.visits
    window.show_page(page)
    page.model.reload()
    page.table.setCurrentIndex(page.model.index(0, 0))  # the newest, a proposal grew from it
    page.details.load()
    assert chinese_left(window, data) == []
    panel = page.detail_panel.text()
    assert "Channel" in panel and "Resulting Proposals and reports" in panel
    assert chinese_left_in([panel], data) == []
    assert window.count_label.text() == "Total 3 Visit records"
    assert page.count_label.text() == "3 records"

    new = page.open_record(None)
    assert new.windowTitle() == "New Visit" and chinese_left(new, data) == []
    new.reject()
    edit = page.open_record(first)
    for button in edit.steps.values():
        button.show()
    assert edit.windowTitle().startswith("Visit record ") and chinese_left(edit, data) == []
    edit.reject()

    interviews = window.kind_page("interview")
    window.show_page(interviews)
    interviews.model.reload()
    assert chinese_left(window, data) == []
    dialog = interviews.open_record(None)
    assert dialog.windowTitle() == "New Interview" and chinese_left(dialog, data) == []
    dialog.reject()


def test_counts_in_the_singular_and_the_plural(window: MainWindow, add_visits: AddVisits) -> None:
    add_visits(1)
    window.show_page(window.visits)
    window.visits.model.reload()
    assert window.count_label.text() == "Total 1 Visit record"
    assert window.visits.count_label.text() == "1 record"


def test_users_and_audit_log_in_english(qtbot, english: None, ctx: Context) -> None:
    """The roles by their English names; the audit log's count in the plural."""
    from studio_app.services import accounts
    from studio_app.ui.pages.audit_page import AuditPage
    from studio_app.ui.pages.users_page import UsersPage

    accounts.first_admin("admin", "admin password")
    admin = accounts.as_user(ctx, "admin")
    accounts.add(admin, "zhangsanfeng", "a password", name="张三丰", role="staff")
    users = UsersPage(admin)
    qtbot.addWidget(users)
    users.reload()
    roles = {users.table.item(r, c).text() for r in range(users.table.rowCount())
             for c in range(users.table.columnCount()) if users.table.item(r, c)}  # fmt: skip
    assert {"Administrator", "Staff"} <= roles
    assert chinese_left(users, ["张三丰"]) == []
    audit = AuditPage(admin)
    qtbot.addWidget(audit)
    audit.reload()
    assert re.fullmatch(r"\d+ entr(y|ies)", audit.count_label.text())
