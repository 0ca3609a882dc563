"""Two studios' records at the county, worked on there: the figures of county_stats tests.

Built with the two installations of ``tests/exchange/conftest.py`` (石桥镇 SQZ and the
county) plus a second studio (大岙镇 DAZ); records travel in real packages. Use in a test
module as::

    studio, county, out, worked = scenario.studio, scenario.county, scenario.out, scenario.worked

What the county did (deadlines judged on ``AS_OF`` = 2026-08-01):

======  =====  ==========  ========  =============================  ==========  ======
studio  kind   submitted   review    lead unit (assigned → due)     reply       adopted
======  =====  ==========  ========  =============================  ==========  ======
SQZ     提案   2026-03-10  立案      县住建局 03-15 → 06-15          A 06-10     —
SQZ     社情   2026-03-10  立案      县交通运输局 03-15 → 06-15      B 06-20     市
SQZ     社情   2026-03-10  立案      县住建局 03-20 → 05-20          (overdue)   县
SQZ     建议   2026-03-10  不立案    —                               —           —
SQZ     提案   draft       —         —                               —           —
DAZ     提案   2026-04-02  立案      县住建局 04-05 → 09-05          (not due)   —
DAZ     社情   2026-04-02  立案      县教育局 04-05 → 07-05          C 07-01     省
DAZ     金点子 2026-04-02  (待审查)  —                               —           —
DAZ     社情   draft       —         —                               —           —
DAZ     提案   2025-12-20  立案      县教育局 2026-01-05 → 04-05     A 04-20     —
======  =====  ==========  ========  =============================  ==========  ======

Members of SQZ evaluated two replies: the A reply 满意, the B reply 不满意.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from studio_app.exchange.export import export_studio
from studio_app.exchange.feedback import export_feedback
from studio_app.exchange.importer import import_package
from studio_app.services import county_work, members, proposals, site
from studio_app.services.context import Context
from studio_app.storage.database import close_database
from studio_app.storage.models import Proposal
from tests.conftest import fixed_clock
from tests.exchange import conftest as two_installs
from tests.exchange.builders import fill
from tests.exchange.conftest import Install, use

studio, county, out = two_installs.studio, two_installs.county, two_installs.out

AS_OF = date(2026, 8, 1)
SQZ_NAME, DAZ_NAME = "石桥镇政协委员工作室", "大岙镇政协委员工作室"


@dataclass
class Worked:
    """The county installation (bound) with the studios' records worked on."""

    county: Install
    studio: Install
    other: Install
    uuids: dict[str, str]  # name in the table above → uuid


def on(ctx: Context, day: str) -> Context:
    return replace(ctx, clock=fixed_clock(datetime.fromisoformat(f"{day} 10:00")))


def _record(ctx: Context, lead: int, kind: str, title: str, *, submit: bool = True) -> str:
    values: dict[str, Any] = {
        "kind": kind, "title": title, "lead_member": lead, "facts": "情况", "analysis": "分析",
        "recommendations": "建议",
    }  # fmt: skip
    row = proposals.create(ctx, values)
    if submit:
        proposals.submit(ctx, row.id)
    return str(row.uuid)


def _send(inst: Install, cctx: Install, out: Path) -> None:
    with inst as ctx:
        path = export_studio(ctx, out, include_identifiers=True).path
    assert path is not None
    with cctx as c:
        assert import_package(c, path).applied


def _other_studio(tmp_path: Path) -> Install:
    path = tmp_path / "daz.sqlite3"
    use(path)
    s = site.setup("studio", DAZ_NAME, "DAZ", "大岙镇", "平阳县")
    return Install(path, site.context_for(s))


def _sqz_records(inst: Install) -> dict[str, str]:
    with inst as ctx:
        march = on(ctx, "2026-03-10")
        made = fill(march)
        lead = made["members"][0].id
        return {
            "sqz_proposal": str(made["proposal"].uuid),
            "sqz_sqmy_late": _record(march, lead, "sqmy", "关于村道照明不足的情况反映"),
            "sqz_sqmy_overdue": _record(march, lead, "sqmy", "关于农村垃圾清运的情况反映"),
            "sqz_suggestion": _record(march, lead, "suggestion", "关于增设公交站点的建议"),
            "sqz_draft": _record(march, lead, "proposal", "草稿不计入", submit=False),
        }


def _daz_records(inst: Install) -> dict[str, str]:
    with inst as ctx:
        lead = members.create(ctx, {"name": "林海"}).id
        old = _record(on(ctx, "2025-12-20"), lead, "proposal", "关于上年度水利设施的提案")
        april = on(ctx, "2026-04-02")
        return {
            "daz_old": old,
            "daz_proposal": _record(april, lead, "proposal", "关于大岙镇学校扩容的提案"),
            "daz_sqmy": _record(april, lead, "sqmy", "关于校车安全的情况反映"),
            "daz_idea": _record(april, lead, "idea", "金点子：错峰放学"),
            "daz_draft": _record(april, lead, "sqmy", "草稿不计入", submit=False),
        }


def _county_work(inst: Install, u: dict[str, str]) -> None:
    with inst as ctx:
        for name in ("sqz_proposal", "sqz_sqmy_late", "sqz_sqmy_overdue", "daz_proposal",
                     "daz_sqmy", "daz_old"):  # fmt: skip
            county_work.review(ctx, u[name], "accepted")
        county_work.review(ctx, u["sqz_suggestion"], "rejected", reason="不属于政协工作范围")

        def assign(name: str, lead: str, day: str, due: str, assist: tuple[str, ...] = ()) -> None:
            county_work.assign(ctx, [u[name]], lead, assist, on=day, due=due)

        assign("sqz_proposal", "县住建局", "2026-03-15", "2026-06-15", ("县交通运输局",))
        assign("sqz_sqmy_late", "县交通运输局", "2026-03-15", "2026-06-15")
        assign("sqz_sqmy_overdue", "县住建局", "2026-03-20", "2026-05-20")
        assign("daz_proposal", "县住建局", "2026-04-05", "2026-09-05")
        assign("daz_sqmy", "县教育局", "2026-04-05", "2026-07-05")
        assign("daz_old", "县教育局", "2026-01-05", "2026-04-05")
        county_work.reply(ctx, u["sqz_proposal"], "A", "已列入计划并完成", on="2026-06-10")
        county_work.reply(ctx, u["sqz_sqmy_late"], "B", "拟于明年解决", on="2026-06-20")
        county_work.reply(ctx, u["daz_sqmy"], "C", "留作参考", on="2026-07-01")
        county_work.reply(ctx, u["daz_old"], "A", "已解决", on="2026-04-20")
        county_work.adopt(ctx, u["sqz_sqmy_late"], "city", on="2026-04-01", by="市政协")
        county_work.adopt(ctx, u["sqz_sqmy_overdue"], "county", on="2026-04-01")
        county_work.adopt(ctx, u["daz_sqmy"], "province", on="2026-07-10")


def _evaluate(studio: Install, county: Install, out: Path, u: dict[str, str]) -> None:
    """The county's work goes back to 石桥镇, whose members evaluate the replies."""
    with county as cctx:
        path = export_feedback(cctx, "SQZ", out).path
    assert path is not None
    with studio as ctx:
        assert import_package(ctx, path).applied
        proposals.update(ctx, u["sqz_proposal"], {"member_evaluation": "satisfied"})
        proposals.update(ctx, u["sqz_sqmy_late"], {"member_evaluation": "unsatisfied"})
    _send(studio, county, out)


@pytest.fixture
def worked(studio: Install, county: Install, out: Path, tmp_path: Path) -> Iterator[Worked]:
    other = _other_studio(tmp_path)
    uuids = {**_sqz_records(studio), **_daz_records(other)}
    _send(studio, county, out)
    _send(other, county, out)
    _county_work(county, uuids)
    _evaluate(studio, county, out, uuids)
    use(county.path)
    drafts = Proposal.select().where(Proposal.status == "draft").count()
    assert drafts == 2, "the studios' drafts reach the county (and must not count)"
    yield Worked(county, studio, other, uuids)
    close_database()
