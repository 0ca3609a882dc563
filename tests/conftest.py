"""Shared fixtures: every test gets its own real SQLite file in a temporary directory; a test
marked ``both_engines`` runs twice, the second time on a fresh database of a real
PostgreSQL server (tests/pg_server.py)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from studio_app.services import accounts, site
from studio_app.services.context import Context
from studio_app.storage.database import close_database, open_database, open_postgres
from tests import pg_server, system_packages

POSTGRES = pytest.param("postgresql", marks=pg_server.NEEDED)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """``both_engines`` tests run on both (but those ``sqlite_only``, which look at SQLite
    itself); ``STUDIO_APP_TEST_ENGINES=both`` runs every test that opens a database on both
    (what is left to port to PostgreSQL)."""
    every = os.environ.get("STUDIO_APP_TEST_ENGINES") == "both"
    marked = metafunc.definition.get_closest_marker
    if (
        "engine" in metafunc.fixturenames
        and (every or marked("both_engines"))
        and not marked("sqlite_only")
    ):
        metafunc.parametrize("engine", ["sqlite", POSTGRES], indirect=True)


@pytest.fixture
def engine(request: pytest.FixtureRequest) -> str:
    """The database engine of the test: SQLite unless marked ``both_engines``."""
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture(autouse=True)
def demo_login(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands log in as the demo administrator (``setup`` makes it the first admin too)."""
    monkeypatch.setenv("STUDIO_APP_USER", accounts.DEMO_LOGIN)
    monkeypatch.setenv("STUDIO_APP_PASSWORD", accounts.DEMO_PASSWORD)
    monkeypatch.delenv("STUDIO_APP_NEW_PASSWORD", raising=False)
    # Argon2id with the smallest cost: the same code paths, without seconds of hashing.
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(1, 8, 1))


@pytest.fixture
def db_path(tmp_path: Path, engine: str) -> Iterator[Path]:
    """A fresh database (its SQLite file; on PostgreSQL a file that never exists)."""
    path = tmp_path / "studio.sqlite3"
    if engine == "postgresql":
        url = pg_server.new_database()
        open_postgres(url)
        yield path
        close_database()
        pg_server.drop(url)
        return
    open_database(path)
    yield path
    close_database()


@pytest.fixture
def ctx(db_path: Path) -> Context:
    """A studio set up in a fresh database, acting as its administrator."""
    studio = site.setup("studio", "石桥镇政协委员工作室", "SQZ", "石桥镇", "平阳县")
    return site.context_for(studio)


def fixed_clock(when: datetime):  # type: ignore[no-untyped-def]
    return lambda: when.replace(tzinfo=UTC) if when.tzinfo is None else when


def pytest_runtest_setup(item: pytest.Item) -> None:
    """A test needing a missing Debian package is skipped locally and fails in CI."""
    system_packages.check(item)
