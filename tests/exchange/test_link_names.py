"""The names stored beside links (searched and listed) name the people as this side has them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from studio_app.exchange.export import export_studio
from studio_app.exchange.importer import import_package
from studio_app.services import exchange_conflicts, members, visits
from studio_app.storage.models import Interview, Visit
from tests.exchange.builders import fill
from tests.exchange.conftest import Install
from tests.exchange.files import edit, header_index


def test_names_beside_links_follow_the_people_written(
    studio: Install, county: Install, out: Path
) -> None:
    with studio as ctx:
        made = fill(ctx)
        first = export_studio(ctx, out).path
    with county as cctx:
        assert import_package(cctx, first).applied  # type: ignore[arg-type]
        v1 = Visit.get(Visit.uuid == made["visits"][0].uuid)
        assert (v1.member_names, v1.resident_names) == ("王建国、陈芳", "李秀英、张三")
        assert Interview.get().member_names == "陈芳"
    lead = made["members"][0]
    with studio as ctx:
        members.update(ctx, lead.id, {"sector": "经济界"})
        visits.update(ctx, made["visits"][0].id, {"place": "村委会"})
        second = export_studio(ctx, out).path
    assert second is not None

    def rename(wb: Any) -> None:  # a hand edit: a conflict, which the county keeps local
        ws = wb["委员"]
        for r in range(2, ws.max_row + 1):
            if ws.cell(r, header_index(ws, "唯一标识")).value == lead.uuid:
                ws.cell(r, header_index(ws, "姓名")).value = "王建军"

    edit(second, rename)
    with county as cctx:
        assert not import_package(cctx, second).applied
        [waiting] = exchange_conflicts.pending()
        exchange_conflicts.resolve(cctx, waiting.id, "local")
        assert import_package(cctx, second).applied
        v1 = Visit.get(Visit.uuid == made["visits"][0].uuid)
        assert v1.place == "村委会" and v1.member_names == "王建国、陈芳"
