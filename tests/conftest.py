"""Shared fixtures: every test gets its own real SQLite file in a temporary directory."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from studio_app.services import accounts, site
from studio_app.services.context import Context
from studio_app.storage.database import close_database, open_database
from tests import system_packages


@pytest.fixture(autouse=True)
def demo_login(monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands log in as the demo administrator (``setup`` makes it the first admin too)."""
    monkeypatch.setenv("STUDIO_APP_USER", accounts.DEMO_LOGIN)
    monkeypatch.setenv("STUDIO_APP_PASSWORD", accounts.DEMO_PASSWORD)
    monkeypatch.delenv("STUDIO_APP_NEW_PASSWORD", raising=False)
    # Argon2id with the smallest cost: the same code paths, without seconds of hashing.
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(1, 8, 1))


@pytest.fixture
def db_path(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "studio.sqlite3"
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
