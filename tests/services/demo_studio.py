"""The demo studio the demo generator tests read: made once per test module with a seed,
on a fixed clock, and opened for each test (which leaves it as it found it)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from studio_app.demo import studio as demo
from studio_app.services import site
from studio_app.services.context import Context
from studio_app.storage.database import close_database, open_database
from studio_app.storage.models import database
from tests.conftest import fixed_clock

NOW = datetime(2026, 6, 15, 12, 0)  # UTC
VISITS = 2000


@dataclasses.dataclass(frozen=True)
class Generated:
    path: Path
    ctx: Context
    summary: demo.DemoSummary


def studio_context() -> Context:
    """The demo studio set up in the open database, on the fixed clock."""
    studio = site.setup("studio", "石桥镇政协委员工作室", "SQZ", "石桥镇", "平阳县")
    return dataclasses.replace(site.context_for(studio), clock=fixed_clock(NOW))


def q(sql: str, *args: Any) -> list[tuple[Any, ...]]:
    return database.connection().execute(sql, args).fetchall()


def one(sql: str, *args: Any) -> Any:
    return q(sql, *args)[0][0]


def shared_demo(seed: int) -> tuple[Callable[..., Any], Callable[..., Any]]:
    """The fixtures ``generated`` (the default demo studio, made once per module) and ``g``
    (it, opened for one test): ``generated, g = shared_demo(seed=11)``."""

    @pytest.fixture(scope="module")
    def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Generated]:
        path = tmp_path_factory.mktemp("demo") / "studio.sqlite3"
        open_database(path)
        ctx = studio_context()
        summary = demo.generate(ctx, visits=VISITS, seed=seed)
        close_database()
        yield Generated(path, ctx, summary)

    @pytest.fixture
    def g(generated: Generated) -> Iterator[Generated]:
        open_database(generated.path)
        yield generated
        close_database()

    return generated, g
