"""docs/QUALITY.md rows 19–23: a package twice, duplicates, hand edits, conflicts, tombstones."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio_app.exchange.export import export_studio
from studio_app.exchange.importer import import_package
from studio_app.exchange.plan import AlreadyImported
from studio_app.services import audit, exchange_conflicts, visits
from tests.exchange.builders import fill
from tests.exchange.conftest import Install, everything
from tests.exchange.files import edit, header_index

pytestmark = pytest.mark.both_engines  # the county's database: SQLite, then PostgreSQL


def _county_copy_changed(uuid: str, place: str) -> None:
    """The county's copy of a visit changed under a new revision. The county cannot edit a
    studio's record (services refuse); its copy changes when a clerk keeps a row edited by
    hand in a package, or was changed by an earlier version that allowed it."""
    visits.Visit.update(place=place, rev=visits.Visit.rev + 1).where(
        visits.Visit.uuid == uuid
    ).execute()


def _first_sync(studio: Install, county: Install, out: Path) -> dict:  # type: ignore[type-arg]
    with studio as ctx:
        made = fill(ctx)
        first = export_studio(ctx, out, include_identifiers=True).path
    with county as cctx:
        assert import_package(cctx, first).applied  # type: ignore[arg-type]
    return made


def test_row_19_the_same_package_twice_changes_nothing(
    studio: Install, county: Install, out: Path
) -> None:
    with studio as ctx:
        fill(ctx)
        path = export_studio(ctx, out).path
    with county as cctx:
        assert import_package(cctx, path).applied  # type: ignore[arg-type]
        before = everything()
        with pytest.raises(AlreadyImported, match=r"已于 .* 导入过"):
            import_package(cctx, path)  # type: ignore[arg-type]
        assert everything() == before


def test_row_20_same_uuid_twice_with_different_data_is_a_conflict(
    studio: Install, county: Install, out: Path
) -> None:
    with studio as ctx:
        fill(ctx)
        path = export_studio(ctx, out).path
    assert path is not None

    def duplicate(wb: object) -> None:
        ws = wb["接待走访"]  # type: ignore[index]
        row = [c.value for c in ws[3]]  # the second visit (the first holds a "=…" text)
        row[header_index(ws, "地点") - 1] = "另一个地点"
        ws.append(row)

    edit(path, duplicate)
    with county as cctx:
        before = everything()
        result = import_package(cctx, path)
        assert not result.applied and result.waiting == 1
        assert "出现两次" in result.plan.of("conflict")[0].reason
        assert everything() == before


def test_row_21_hand_edit_is_shown_and_applied_only_when_accepted(
    studio: Install, county: Install, out: Path
) -> None:
    made = _first_sync(studio, county, out)
    with studio as ctx:
        visits.update(ctx, made["visits"][0].id, {"place": "村委会"})
        path = export_studio(ctx, out).path
    assert path is not None

    def hand_edit(wb: object) -> None:
        ws = wb["接待走访"]  # type: ignore[index]
        ws.cell(2, header_index(ws, "反映内容")).value = "在 Excel 里改过的内容"

    edit(path, hand_edit)
    with county as cctx:
        before = everything()
        result = import_package(cctx, path)
        [conflict] = result.plan.of("conflict")
        assert conflict.edited and "手工修改" in conflict.reason
        assert not result.applied and everything() == before
        [waiting] = exchange_conflicts.pending()
        exchange_conflicts.resolve(cctx, waiting.id, "incoming")
        again = import_package(cctx, path)
        assert again.applied
        visit = everything()["visit"][made["visits"][0].uuid]
        assert visit["content"] == "在 Excel 里改过的内容" and visit["place"] == "村委会"
        assert [e["action"] for e in audit.history(made["visits"][0].uuid)][-2:] == [
            "resolve_conflict",
            "import_keep_incoming",
        ]


def test_row_22_both_sides_changed_keeps_both_until_someone_chooses(
    studio: Install, county: Install, out: Path
) -> None:
    made = _first_sync(studio, county, out)
    uuid = made["visits"][0].uuid
    with county:
        _county_copy_changed(uuid, "县里改的")
    with studio as ctx:
        visits.update(ctx, uuid, {"place": "工作室改的"})
        path = export_studio(ctx, out).path
    with county as cctx:
        result = import_package(cctx, path)  # type: ignore[arg-type]
        assert result.waiting == 1 and not result.applied
        [c] = exchange_conflicts.pending()
        assert exchange_conflicts.differences(c)["place"] == ("县里改的", "工作室改的")
        exchange_conflicts.resolve(cctx, c.id, "local")
        assert import_package(cctx, path).applied  # type: ignore[arg-type]
        assert everything()["visit"][uuid]["place"] == "县里改的"
        assert exchange_conflicts.pending() == []


def test_row_23_tombstone_over_a_local_change_is_a_conflict(
    studio: Install, county: Install, out: Path
) -> None:
    made = _first_sync(studio, county, out)
    uuid = made["visits"][1].uuid
    with county:
        _county_copy_changed(uuid, "县里补充的地点")
    with studio as ctx:
        visits.delete(ctx, uuid)
        path = export_studio(ctx, out).path
    with county as cctx:
        result = import_package(cctx, path)  # type: ignore[arg-type]
        [c] = result.plan.of("conflict")
        assert "删除" in c.reason
        assert everything()["visit"][uuid]["deleted_at"] == ""
        exchange_conflicts.resolve(cctx, exchange_conflicts.pending()[0].id, "incoming")
        assert import_package(cctx, path).applied  # type: ignore[arg-type]
        assert everything()["visit"][uuid]["deleted_at"] != ""


def test_plain_tombstone_moves_the_record_to_the_trash(
    studio: Install, county: Install, out: Path
) -> None:
    made = _first_sync(studio, county, out)
    uuid = made["visits"][1].uuid
    with studio as ctx:
        visits.delete(ctx, uuid)
        path = export_studio(ctx, out).path
    with county as cctx:
        result = import_package(cctx, path)  # type: ignore[arg-type]
        assert result.plan.counts["tombstone"] == 1 and result.applied
        assert everything()["visit"][uuid]["deleted"] is True


def test_sequence_gap_is_warned_not_fatal(studio: Install, county: Install, out: Path) -> None:
    made = _first_sync(studio, county, out)
    with studio as ctx:
        visits.update(ctx, made["visits"][0].id, {"place": "一"})
        export_studio(ctx, out)  # package 2: lost on the way
        visits.update(ctx, made["visits"][0].id, {"place": "二"})
        third = export_studio(ctx, out).path
    with county as cctx:
        result = import_package(cctx, third)  # type: ignore[arg-type]
        assert result.applied
        assert any("缺少" in w and "第 2 号" in w for w in result.plan.warnings)
        from studio_app.exchange.feedback import sync_status

        assert sync_status()[0].missing == [2]
