"""Through-train records (直通车) and others at the county, with known days to its first
action. Built on the two installations of ``tests/exchange/conftest.py``; the records
travel in a real package. Use in a test module as::

    studio, county, out, trains = scenario.studio, scenario.county, scenario.out, scenario.trains

Every record is submitted by 石桥镇 on 2026-03-02; the county's clock is set for each step
(noon UTC: the same local day anywhere from UTC−11 to UTC+11):

=====  ======  ===================================================  ====
name   直通车  the county's first action                             days
=====  ======  ===================================================  ====
t_fast   ✓     立案 on 03-04                                          2
t_paper  ✓     立案 on 03-09, 交办 entered then, dated 03-06           4
t_wait   ✓     nothing yet                                           —
o_10           立案 on 03-12                                         10
o_20           退回 on 03-22                                         20
o_28           采用 on 03-30 (no review)                             28
draft    ✓     a studio draft: never counted
=====  ======  ===================================================  ====
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

import pytest

from studio_app.exchange.export import export_studio
from studio_app.exchange.importer import import_package
from studio_app.services import county_work, members, proposals
from studio_app.services.context import Context
from studio_app.storage.database import close_database
from tests.conftest import fixed_clock
from tests.exchange import conftest as two_installs
from tests.exchange.conftest import Install, use

studio, county, out = two_installs.studio, two_installs.county, two_installs.out

SUBMITTED = "2026-03-02"
TRAIN = {"submitted": 3, "acted": 2, "awaiting": 1, "median_days": 3.0, "mean_days": 3.0,
         "longest_days": 4}  # fmt: skip
OTHERS = {"submitted": 3, "acted": 3, "awaiting": 0, "median_days": 20.0, "mean_days": 19.3,
          "longest_days": 28}  # fmt: skip


@dataclass
class Trains:
    county: Install  # bound
    studio: Install
    uuids: dict[str, str]


def on(ctx: Context, day: str) -> Context:
    return replace(ctx, clock=fixed_clock(datetime.fromisoformat(f"{day} 12:00")))


def record(ctx: Context, lead: int, title: str, *, train: bool, kind: str = "sqmy") -> str:
    """A record of ``kind`` submitted on the context's day, a through train or not."""
    row = proposals.create(ctx, {
        "kind": kind, "title": title, "lead_member": lead, "facts": "情况",
        "recommendations": "建议", "through_train": train,
    })  # fmt: skip
    proposals.submit(ctx, row.id)
    return str(row.uuid)


def send(inst: Install, to: Install, out: Path, day: str) -> None:
    with inst as ctx:
        path = export_studio(on(ctx, day), out).path
    assert path is not None
    with to as cctx:
        assert import_package(on(cctx, day), path).applied


@pytest.fixture
def trains(studio: Install, county: Install, out: Path) -> Iterator[Trains]:
    with studio as sctx:
        ctx = on(sctx, SUBMITTED)
        lead = members.create(ctx, {"name": "王建国"}).id
        u = {
            "t_fast": record(ctx, lead, "关于山区道路塌方的紧急情况反映", train=True),
            "t_paper": record(ctx, lead, "关于学校食堂安全的情况反映", train=True),
            "t_wait": record(ctx, lead, "关于河道污染的情况反映", train=True, kind="proposal"),
            "o_10": record(ctx, lead, "关于公交线路的建议", train=False, kind="suggestion"),
            "o_20": record(ctx, lead, "关于菜市场改造的提案", train=False, kind="proposal"),
            "o_28": record(ctx, lead, "关于养老助餐的情况反映", train=False),
        }
        draft = proposals.create(ctx, {"kind": "sqmy", "title": "草稿不计入",
                                       "lead_member": lead, "through_train": True})  # fmt: skip
        u["draft"] = str(draft.uuid)
    send(studio, county, out, "2026-03-03")
    with county as cctx:
        county_work.review(on(cctx, "2026-03-04"), u["t_fast"], "accepted")
        later = on(cctx, "2026-03-09")
        county_work.review(later, u["t_paper"], "accepted")
        county_work.assign(later, [u["t_paper"]], "01", on="2026-03-06")
        county_work.review(on(cctx, "2026-03-12"), u["o_10"], "accepted")
        county_work.review(on(cctx, "2026-03-22"), u["o_20"], "returned", reason="请补充材料")
        county_work.adopt(on(cctx, "2026-03-30"), u["o_28"], "county")
    use(county.path)
    yield Trains(county, studio, u)
    close_database()
