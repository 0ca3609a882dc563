"""The county desk's figures, from two studios' packages imported into a county database."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from studio_app.exchange.export import export_studio
from studio_app.exchange.importer import import_package
from studio_app.services import county_desk, county_work, members, proposals, site, visits
from studio_app.services.context import Context
from studio_app.storage.models import Member
from tests.conftest import fixed_clock
from tests.exchange.builders import fill
from tests.exchange.conftest import Install, county, out, studio, use  # noqa: F401

TODAY = datetime(2026, 6, 15, 12)  # UTC noon: the same day in any nearby time zone


def at(ctx: Context, when: datetime) -> Context:
    return replace(ctx, clock=fixed_clock(when))


@pytest.fixture
def studio2(tmp_path: Path, county: Install) -> Iterator[Install]:  # noqa: F811
    """A second studio, its own database (as the exchange conftest sets up the first)."""
    path = tmp_path / "studio2.sqlite3"
    use(path)
    s = site.setup("studio", "东岙镇政协委员工作室", "DAZ", "东岙镇", "平阳县")
    inst = Install(path, site.context_for(s))
    use(county.path)
    yield inst


def proposal(ctx: Context, title: str, kind: str = "proposal", *, submit: bool = True) -> Any:
    lead = Member.get_or_none() or members.create(ctx, {"name": "林海"})
    row = proposals.create(ctx, {"kind": kind, "title": title, "lead_member": lead.id,
                                 "facts": "事实", "recommendations": "建议"})  # fmt: skip
    return proposals.submit(ctx, row.id) if submit else row


def send(inst: Install, county: Install, out: Path, when: datetime) -> None:  # noqa: F811
    with inst as ctx:
        result = export_studio(ctx, out)
        assert result.path is not None
    with county as cctx:
        assert import_package(at(cctx, when), result.path).applied


@pytest.fixture
def desk(studio: Install, studio2: Install, county: Install, out: Path) -> dict[str, Any]:  # noqa: F811
    """SQZ: the builder's proposal, two more submitted, a draft; last package 45 days ago.
    DAZ: two 社情民意 and a proposal; last package 5 days ago."""
    with studio as ctx:
        made = fill(at(ctx, datetime(2026, 3, 10, 12)))
        old = proposal(at(ctx, datetime(2026, 1, 10, 12)), "关于村道硬化的建议")
        late = proposal(at(ctx, datetime(2026, 2, 1, 12)), "关于农田水利的建议")
        proposal(ctx, "草稿：尚未报送", submit=False)
    send(studio, county, out, datetime(2026, 3, 20, 12))
    with studio as ctx:
        visits.update(ctx, made["visits"][0].id, {"place": "村委会"})
    send(studio, county, out, datetime(2026, 4, 20, 12))
    with studio2 as ctx2:
        day = at(ctx2, datetime(2026, 1, 5, 12))
        sq1 = proposal(day, "关于养老服务的社情民意", "sqmy")
        sq2 = proposal(day, "关于留守儿童的社情民意", "sqmy")
        waiting = proposal(at(ctx2, datetime(2026, 5, 2, 12)), "关于垃圾分类的提案")
        proposal(ctx2, "另一份草稿", "sqmy", submit=False)
    send(studio2, county, out, datetime(2026, 6, 10, 12))
    with county as cctx:
        cctx = at(cctx, TODAY)
        for row in (made["proposal"], old, late, sq1):
            county_work.review(cctx, row.uuid, "accepted")
        county_work.assign(cctx, [made["proposal"].uuid], "01", on="2026-02-01", due="2026-05-01")
        county_work.assign(cctx, [old.uuid], "01", on="2026-01-15", due="2026-04-15")
        county_work.assign(cctx, [late.uuid], "02", on="2026-03-01", due="2026-07-01")  # in time
        county_work.adopt(cctx, sq1.uuid, "city", on="2026-06-01", by="市政协")
        county_work.adopt(cctx, sq2.uuid, "county", on="2025-12-20")  # last year
    return {"made": made, "old": old, "late": late, "waiting": waiting, "sq1": sq1}


def test_studios_packages_and_overdue(county: Install, desk: dict[str, Any]) -> None:  # noqa: F811
    with county as cctx:
        found = county_desk.load(at(cctx, TODAY))
    by_code = {s.code: s for s in found.studios}
    assert list(by_code) == ["DAZ", "SQZ"]
    sqz, daz = by_code["SQZ"], by_code["DAZ"]
    assert (sqz.packages, sqz.missing, sqz.days_since, sqz.overdue) == (2, 0, 56, True)
    assert (daz.packages, daz.days_since, daz.overdue) == (1, 5, False)
    assert sqz.last_at is not None and sqz.last_at.date() == date(2026, 4, 20)
    # SQZ's four submitted records are all reviewed; DAZ's proposal and one 社情民意 wait
    assert (sqz.waiting_review, daz.waiting_review) == (0, 2)
    assert county_desk.studio_choices() == {daz.uuid: daz.name, sqz.uuid: sqz.name}


def test_overdue_means_more_than_the_constant(county: Install, desk: Any) -> None:  # noqa: F811
    assert county_desk.OVERDUE_DAYS == 35
    with county:
        on_the_day = county_desk.studios(date(2026, 5, 25))  # 35 days after 20 April
        day_after = county_desk.studios(date(2026, 5, 26))
    assert [(s.days_since, s.overdue) for s in on_the_day if s.code == "SQZ"] == [(35, False)]
    assert [(s.days_since, s.overdue) for s in day_after if s.code == "SQZ"] == [(36, True)]


def test_waiting_for_review_oldest_first_without_drafts(
    county: Install,  # noqa: F811
    desk: dict[str, Any],
) -> None:
    with county as cctx:
        found = county_desk.load(at(cctx, TODAY))
    assert found.waiting_total == 2
    assert [(i.title, i.day) for i in found.waiting] == [
        ("关于留守儿童的社情民意", date(2026, 1, 5)),
        ("关于垃圾分类的提案", date(2026, 5, 2)),
    ]
    assert {i.studio for i in found.waiting} == {"东岙镇政协委员工作室"}
    assert all(i.serial for i in found.waiting)


def test_overdue_replies_by_lead_unit(county: Install, desk: dict[str, Any]) -> None:  # noqa: F811
    with county as cctx:
        found = county_desk.load(at(cctx, TODAY))
    assert found.overdue_total == 2
    (unit,) = found.overdue  # 02's reply is due in July: not overdue
    assert (unit.unit, unit.label, unit.count) == ("01", "县住建局", 2)
    assert unit.oldest_due == date(2026, 4, 15)
    assert [i.title for i in unit.items] == ["关于村道硬化的建议", desk["made"]["proposal"].title]
    assert unit.items[0].studio == "石桥镇政协委员工作室"


def test_a_record_without_a_lead_unit_is_grouped_apart(
    county: Install,  # noqa: F811
    desk: dict[str, Any],
) -> None:
    with county as cctx:
        proposals.update(at(cctx, TODAY), desk["late"].uuid, {"reply_due": "2026-06-01"})
        county_work.set_units(at(cctx, TODAY), desk["late"].uuid, [])
        found = county_desk.overdue_replies(TODAY.date(), per_unit=1)
    assert [(u.unit, u.count, len(u.items)) for u in found[1]] == [("01", 2, 1), ("", 1, 1)]
    assert found[1][1].label == ""


def test_adopted_this_year_by_level(county: Install, desk: dict[str, Any]) -> None:  # noqa: F811
    with county as cctx:
        found = county_desk.load(at(cctx, TODAY)).adopted
    assert found.year == 2026 and found.total == 1
    assert found.by_level == {"county": 0, "city": 1, "province": 0, "national": 0}
    assert [(i.title, i.day, i.note) for i in found.latest] == [
        ("关于养老服务的社情民意", date(2026, 6, 1), "city")
    ]
    assert county_desk.adopted(2025).by_level["county"] == 1


def test_studio_of_names_the_owner(county: Install, desk: dict[str, Any]) -> None:  # noqa: F811
    with county as cctx:
        row = proposals.get(desk["waiting"].uuid)
        assert county_desk.studio_of(cctx, "proposal", row.id) == "东岙镇政协委员工作室"
        assert county_desk.studio_of(cctx, "proposal", 999_999) == ""


def test_an_empty_county(county: Install) -> None:  # noqa: F811
    with county as cctx:
        found = county_desk.load(cctx)
    assert found.studios == () and found.waiting_total == 0 and found.overdue == ()
    assert found.adopted.total == 0 and found.adopted.latest == ()
