"""A county's PCs see each other's writes: what another process wrote to the shared
PostgreSQL database since the last poll is announced by kind, as a local write is; nothing
new announces nothing."""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterator

import pytest

from studio_app.services import changes, elsewhere, members, site
from studio_app.storage.database import close_database, open_postgres
from tests import pg_server
from tests.conftest import POSTGRES


def _other_pc(url: str) -> None:
    open_postgres(url, migrate=False)
    ctx = site.context_for(site.require_site(), "clerk2")
    members.create(ctx, {"name": "李梅"})
    close_database()


@pytest.fixture
def heard() -> Iterator[list[frozenset[str]]]:
    found: list[frozenset[str]] = []
    stop = changes.subscribe(found.append)
    yield found
    stop()


@pytest.mark.parametrize("engine", [POSTGRES])
def test_another_pcs_writes_are_announced_by_kind(engine: str, heard: list[frozenset[str]]) -> None:
    url = pg_server.new_database()
    try:
        open_postgres(url)
        site.setup("county", "平阳县政协", "PYX", "", "平阳县")
        watch = elsewhere.OtherPcs()
        assert watch.poll() == frozenset() and heard == []
        other = mp.get_context("spawn").Process(target=_other_pc, args=(url,))
        other.start()
        other.join(60)
        assert other.exitcode == 0
        assert watch.poll() == frozenset({"member"})
        assert heard == [frozenset({"member"})]
        assert watch.poll() == frozenset()  # seen
    finally:
        close_database()
        pg_server.drop(url)
