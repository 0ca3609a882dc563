"""Render the visits page, the visit dialog, the desk, exchange, settings, the contact chain
and the programmes' pages and dialogs to PNG files (not a test), and with ``--county``
the county office's desk, proposals list and work dialog.

    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb \\
        .venv/bin/python -m tests.ui.screenshots [--data-dir DIR] [--out DIR] [--county]

Without ``--data-dir`` a temporary studio with demo data is used (``--county``: the county
office's demo in a temporary folder). Run under Xvfb (or a real
display) with CJK fonts installed: the offscreen platform may draw Chinese as boxes.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from studio_app.core.codes import Handling
from studio_app.paths import DataDir
from studio_app.services import members, records, residents, site, visits
from studio_app.services.context import Context
from studio_app.services.lists import visits as visit_list
from studio_app.services.lists.paging import ListQuery
from studio_app.ui.app import application, build_main_window
from studio_app.workspace import DEMO_SITE, Workspace, open_workspace
from tests.ui.conftest import fields_of

SIZE = (1366, 768)  # a common screen of the office PCs studios use


def fill(workspace: Workspace) -> None:
    """Demo data: the demo generator when there is one, else a few dozen visits."""
    workspace.site = site.setup(**DEMO_SITE)
    ctx = workspace.context()
    try:
        from studio_app.demo import studio as demo
    except ImportError:
        _few_visits(ctx)
    else:
        demo.generate(ctx, visits=2000, seed=1)


def _few_visits(ctx: Context) -> None:
    names = ("王建国", "李梅", "陈志强", "赵丽华")
    member_ids = [members.create(ctx, {"name": n}).id for n in names]
    people = [("张三", "13800001111", "东村"), ("李四", "13900002222", "西村")]
    resident_ids = [
        residents.create(ctx, {"name": n, "phone": p, "village": v}).id for n, p, v in people
    ]
    texts = ("村口路灯不亮，晚上出行不便", "水渠堵塞，影响春耕灌溉", "咨询城乡居民医保缴费政策")
    start = ctx.now_local() - timedelta(days=60)
    with records.atomic():
        for i in range(50):
            referred = i % 3 == 1
            visits.create(
                ctx,
                {
                    "channel": ("reception", "home_visit", "phone")[i % 3],
                    "occurred_at": start + timedelta(hours=29 * i),
                    "members": [member_ids[i % 4]],
                    "residents": [resident_ids[i % 2]],
                    "category": f"{i % 13 + 1:02d}",
                    "content": texts[i % 3],
                    "handling": "referred" if referred else "answered",
                    "referred_unit": "01" if referred else "",
                },
            )


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def save(widget: QWidget, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(path)


def referred_visit_id() -> int | None:
    rows = visit_list.page(ListQuery(filters={"handling": Handling.REFERRED.value}), limit=1)
    return int(rows.rows[0][0]) if rows.rows else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument("--county", action="store_true", help="the county office's screens")
    args = parser.parse_args(argv)
    if args.county:
        return county_shots(args.out)
    root = args.data_dir or Path(tempfile.mkdtemp(prefix="studio-shots-"))
    workspace = open_workspace(DataDir(root))
    if workspace.site is None:
        fill(workspace)
    app = application([])
    window = build_main_window(workspace)
    window.resize(*SIZE)
    window.show()
    settle(app)
    window.show_page(window.visits)
    window.visits.table.selectRow(0)  # the detail panel shows the newest visit
    window.visits.details.load()
    settle(app)
    save(window, args.out / "visits.png")
    window.visits.filter_widgets["overdue"].setChecked(True)
    settle(app)
    save(window, args.out / "visits-overdue.png")
    window.visits.clear_filters()

    dialog = window.visits.open_record(None)
    form = fields_of(dialog)
    form.members.set_selected([int(form.members.item(0).data(Qt.ItemDataRole.UserRole))])
    form.place.setText("工作室接待室")
    form.content.setPlainText("村里到镇上的公交车一天只有两班，老人看病很不方便，希望增加班次。")
    form.category.setCurrentIndex(form.category.findText("交通出行"))
    form.residents.new_button.setChecked(True)
    found = residents.find("张") or residents.find("王") or residents.find("李")
    if found:
        form.residents.form.edits["name"].setText(found[0].name)
        form.residents.form.edits["village"].setText(found[0].village)
    settle(app)
    save(dialog, args.out / "visit-dialog.png")
    dialog.done(0)

    visit_id = referred_visit_id()
    if visit_id is not None:
        edit = window.visits.open_record(visit_id)
        settle(app)
        save(edit, args.out / "visit-dialog-edit.png")
        edit.done(0)
    window.show_page(window.desk)
    settle(app)
    save(window, args.out / "desk.png")
    for name in ("exchange", "settings", "chain", "points"):
        window.show_page(window.lazy_page(name))
        settle(app)
        save(window, args.out / f"{name}.png")
    stats = window.statistics
    window.show_page(stats)
    stats.set_period("year", workspace.context().today().year)
    settle(app)
    scroll = stats.findChild(QScrollArea)
    scroll.ensureWidgetVisible(stats.sections.panels["activity"].heading, 0, 0)
    scroll.verticalScrollBar().setValue(stats.sections.y() - 8)
    settle(app)
    save(window, args.out / "statistics.png")
    scroll.verticalScrollBar().setValue(
        stats.sections.panels["observation"].y() + stats.sections.y() - 8
    )
    settle(app)
    save(window, args.out / "statistics-observations.png")
    programmes = ("activity", "consultation", "contact", "observation_point", "observation",
                  "election", "reporting_point")  # fmt: skip
    for name in programmes:
        page = window.kind_page(name)
        window.show_page(page)
        page.table.selectRow(0)
        page.details.load()
        settle(app)
        save(window, args.out / f"{name}.png")
        dialog = page.open_record(page.model.record_id(0))
        settle(app)
        save(dialog, args.out / f"{name}-dialog.png")
        dialog.done(0)
    points = window.kind_page("observation_point")
    window.show_page(points)
    points.table.selectRow(0)
    ratings = points.show_ratings()
    if ratings is not None:
        settle(app)
        save(ratings, args.out / "observation_point-ratings.png")
        ratings.done(0)
    QTimer.singleShot(0, app.quit)
    workspace.close()
    return 0


def county_shots(out: Path) -> int:
    """The county desk, the proposals list at the county and the county work dialog."""
    from studio_app.demo import county as county_demo
    from studio_app.services import accounts
    from studio_app.storage.models import Proposal

    workspace = open_workspace(DataDir(Path(tempfile.mkdtemp(prefix="studio-county-"))))
    county_demo.generate(studios=4, visits=400, seed=1)
    workspace.site = site.require_site()
    accounts.ensure_demo_admin()
    workspace.login = accounts.DEMO_LOGIN
    app = application([])
    window = build_main_window(workspace)
    window.resize(*SIZE)
    window.show()
    settle(app)
    window.show_page(window.desk)
    settle(app)
    save(window, out / "county-desk.png")
    page = window.lazy_page("proposals")
    window.show_page(page)
    settle(app)
    save(window, out / "county-proposals.png")
    replied = (
        Proposal.select(Proposal.id)
        .where(Proposal.reply_class != "", Proposal.kind == "proposal")
        .order_by(Proposal.replied_at.desc())
        .first()
    )
    if replied is not None:
        dialog = window.open_county_work(replied.id)
        dialog.open_tab(2)  # the reply
        settle(app)
        save(dialog, out / "county-dialog.png")
        dialog.done(0)
    QTimer.singleShot(0, app.quit)
    workspace.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
