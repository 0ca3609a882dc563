"""The throwaway kind is declared for a test and gone after it, tables included."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from studio_app.core import kinds
from studio_app.services.context import Context
from studio_app.storage.migrations import create_kind
from studio_app.storage.models import database
from tests.kinds.throwaway import TEA_TALK


@pytest.fixture
def tea_talk(ctx: Context) -> Iterator[kinds.RecordKind]:
    """TEA_TALK declared, and its migration run on the test's database."""
    with kinds.registered(TEA_TALK):
        create_kind(database.obj, TEA_TALK.name)
        yield TEA_TALK
