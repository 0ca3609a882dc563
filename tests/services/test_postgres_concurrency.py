"""Two county PCs on one PostgreSQL database, as two processes: a clerk who saves a record
another clerk saved since it was opened is refused, told who changed it and when, and
nothing of theirs is written; two saves of the same record at the same moment leave one
saved whole and the other refused, never a lost update. The county work dialog's save is
checked the same way against the county's own version."""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from studio_app.core.errors import StaleRecord
from studio_app.services import county_work, members, site
from studio_app.services.context import Context
from studio_app.storage.database import close_database, open_postgres
from studio_app.storage.models import Member, Proposal
from studio_app.storage.postgres import CHANGED_MEANWHILE
from tests import pg_server
from tests.conftest import POSTGRES
from tests.exchange import conftest as pair
from tests.exchange.conftest import Install
from tests.exchange.county_records import at_county

studio, county, out = pair.studio, pair.county, pair.out  # the two installations' fixtures


def _clerk(url: str, login: str, member_id: int, phone: str, steps: Any, said: Any) -> None:
    """One PC: open the record, wait for the other PC, save (``steps``: barriers)."""
    open_postgres(url, migrate=False)
    ctx = site.context_for(site.require_site(), login)
    opened, first_saved = steps
    version = Member.get_by_id(member_id).rev
    opened.wait()
    if login == "second":
        first_saved.wait()
    try:
        members.update(ctx, member_id, {"phone": phone}, expected_rev=version)
        said.put((login, "saved"))
    except StaleRecord as exc:
        said.put((login, exc.message))
    finally:
        if login == "first":
            first_saved.wait()
        close_database()


def _racer(url: str, login: str, member_id: int, phone: str, ready: Any, said: Any) -> None:
    """One PC saving in a transaction that read the record before the other PC's save."""
    from studio_app.services import records

    open_postgres(url, migrate=False)
    ctx = site.context_for(site.require_site(), login)
    try:
        with records.atomic():
            row = Member.get_by_id(member_id)  # both read the same version
            ready.wait()
            members.update(ctx, member_id, {"phone": phone}, expected_rev=row.rev)
        said.put((login, "saved"))
    except StaleRecord as exc:
        said.put((login, exc.message))
    finally:
        close_database()


@pytest.fixture
def office(tmp_path: Path) -> Iterator[tuple[str, int]]:
    """A county on a fresh PostgreSQL database with one member (its id)."""
    url = pg_server.new_database()
    open_postgres(url)
    ctx = site.context_for(site.setup("county", "平阳县政协", "PYX", "", "平阳县"))
    member = members.create(ctx, {"name": "王建国", "phone": "13800000000"}).id
    close_database()
    yield url, int(member)
    pg_server.drop(url)


def _run(target: Any, url: str, member: int, shared: Any) -> dict[str, str]:
    spawn = mp.get_context("spawn")
    said, steps = spawn.Queue(), shared(spawn)
    clerks = [
        spawn.Process(target=target, args=(url, login, member, phone, steps, said))
        for login, phone in (("first", "13811111111"), ("second", "13822222222"))
    ]
    for clerk in clerks:
        clerk.start()
    for clerk in clerks:
        clerk.join(60)
        assert clerk.exitcode == 0
    return dict(said.get(timeout=5) for _ in clerks)


@pytest.mark.parametrize("engine", [POSTGRES])
def test_a_save_on_an_older_version_is_refused_with_who_and_when(
    engine: str, office: tuple[str, int]
) -> None:
    url, member = office
    found = _run(_clerk, url, member, lambda ctx: (ctx.Barrier(2), ctx.Barrier(2)))
    assert found["first"] == "saved"
    assert found["second"].startswith("该委员已被 first 于 ")
    assert "请重新打开后再改" in found["second"]
    open_postgres(url, migrate=False)
    row = Member.get_by_id(member)
    assert (row.phone, row.rev, row.updated_by) == ("13811111111", 2, "first")
    close_database()


@pytest.mark.parametrize("engine", [POSTGRES])
def test_two_saves_at_once_leave_one_whole_and_refuse_the_other(
    engine: str, office: tuple[str, int]
) -> None:
    url, member = office
    found = _run(_racer, url, member, lambda ctx: ctx.Barrier(2))
    assert sorted(found.values()) == sorted(["saved", CHANGED_MEANWHILE])
    winner = next(login for login, what in found.items() if what == "saved")
    open_postgres(url, migrate=False)
    row = Member.get_by_id(member)
    assert row.rev == 2 and row.updated_by == winner
    assert row.phone == {"first": "13811111111", "second": "13822222222"}[winner]
    close_database()


def test_the_county_work_dialog_saves_only_what_it_showed(
    studio: Install, county: Install, out: Path
) -> None:
    made = at_county(studio, county, out)
    uuid = made["proposal"].uuid
    with county as cctx:
        shown = Proposal.get(Proposal.uuid == uuid).county_rev
        other: Context = site.context_for(site.require_site(), "clerk2")
        county_work.apply(other, uuid, {"review": {"result": "accepted"}})
        with pytest.raises(StaleRecord, match=r"已被 clerk2 于 .*未保存"):
            county_work.apply(cctx, uuid, {"review": {"result": "rejected", "reason": "重复"}},
                              expected_county_rev=shown)  # fmt: skip
        assert Proposal.get(Proposal.uuid == uuid).review == "accepted"
