"""Batches: a cover sheet listing the visits, then one form each; confidential left out."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from studio_app.core.errors import UserError
from studio_app.reports import batch
from studio_app.services.context import Context
from tests.reports import pdf
from tests.services.helpers import visit

pytestmark = pdf.needs_poppler


@pytest.fixture
def four(march: Context) -> list[str]:
    """Serials of three March visits, one confidential, and one in February."""
    serials = [
        visit(march, occurred_at=f"2026-03-{day:02d} 09:00", content=f"三月第{day}日来访。").serial
        for day in (3, 10, 17)
    ]
    secret = visit(march, occurred_at="2026-03-12 15:00", confidential=True, category="矛盾纠纷")
    early = visit(march, occurred_at="2026-02-27 09:00")
    return [*serials, secret.serial, early.serial]


def test_cover_then_one_page_per_visit_without_confidential(
    march: Context, four: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "batch.pdf"
    result = batch.render(march, out, date_from=date(2026, 3, 1), date_to=date(2026, 3, 31))
    assert (result.records, result.pages, pdf.pages(out)) == (3, 4, 4)
    cover = pdf.flat(out, first=1)
    assert "群众来访登记表汇编" in cover and "2026年3月1日至2026年3月31日" in cover
    assert "共3件" in cover and "另有保密事项1件未列入" in cover
    assert [cover.index(s) for s in four[:3]] == sorted(cover.index(s) for s in four[:3])
    text = pdf.flat(out)
    assert four[3] not in text and four[4] not in text
    for page, day in zip((2, 3, 4), (3, 10, 17), strict=True):
        assert f"三月第{day}日来访。" in pdf.flat(out, first=page)


def test_confidential_visits_only_when_asked_for(
    march: Context, four: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "all.pdf"
    result = batch.render(
        march, out, date_from=date(2026, 3, 1), date_to=date(2026, 3, 31), include_confidential=True
    )
    assert (result.records, pdf.pages(out)) == (4, 5)
    assert four[3] in pdf.flat(out, first=1)


def test_a_list_of_ids(march: Context, four: list[str], tmp_path: Path) -> None:
    from studio_app.storage.models import Visit

    ids = [v.id for v in Visit.select().where(Visit.serial.in_([four[0], four[4], four[3]]))]
    out = tmp_path / "chosen.pdf"
    assert batch.render(march, out, ids=ids).records == 2  # the confidential one left out


def test_empty_range_is_refused_and_writes_nothing(
    march: Context, four: list[str], tmp_path: Path
) -> None:
    out = tmp_path / "none.pdf"
    with pytest.raises(UserError, match="没有可打印"):
        batch.render(march, out, date_from=date(2025, 1, 1), date_to=date(2025, 1, 31))
    with pytest.raises(UserError, match="早于"):
        batch.render(march, out, date_from=date(2026, 3, 31), date_to=date(2026, 3, 1))
    assert not out.exists() and pdf.leftovers(tmp_path) == []


def test_cancel_leaves_no_file(march: Context, four: list[str], tmp_path: Path) -> None:
    out = tmp_path / "cancelled.pdf"
    seen: list[tuple[int, int]] = []
    with pytest.raises(UserError, match="取消"):
        batch.render(
            march,
            out,
            date_from=date(2026, 3, 1),
            date_to=date(2026, 3, 31),
            progress=lambda done, total: seen.append((done, total)),
            cancelled=lambda: len(seen) >= 2,
        )
    assert seen == [(1, 3), (2, 3)]
    assert not out.exists() and pdf.leftovers(tmp_path) == []


def test_long_cover_lists_spread_over_pages() -> None:
    assert batch.cover_pages(1) == 1
    per_page = batch.cover_pages(1000)
    assert 20 <= 1000 / per_page <= 40
