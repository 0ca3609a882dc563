"""Studio → county → feedback → studio reproduces every field (docs/EXCHANGE.md "Fidelity bar")."""

from __future__ import annotations

from pathlib import Path

from studio_app.core import kinds
from studio_app.exchange.export import export_studio
from studio_app.exchange.feedback import export_feedback, sync_status
from studio_app.exchange.importer import import_package
from studio_app.services import county_work, integrity, proposals, visits
from tests.exchange.builders import fill
from tests.exchange.conftest import Install, everything, use


def studio_to_county(studio: Install, county: Install, out: Path, **kw: object) -> Path:
    with studio as ctx:
        result = export_studio(ctx, out, include_identifiers=True, **kw)  # type: ignore[arg-type]
        assert result.path is not None
    with county as cctx:
        imported = import_package(cctx, result.path)
        assert imported.applied, imported.plan.rows
        assert integrity.problems() == []
    return result.path


def test_round_trip_studio_county_feedback_studio(
    studio: Install, county: Install, out: Path
) -> None:
    with studio as ctx:
        made = fill(ctx)
        visits.delete(ctx, made["visits"][1].id)  # a tombstone travels too
    studio_to_county(studio, county, out)
    with studio:
        at_studio = everything()
    with county as cctx:
        assert everything() == at_studio
        pr = made["proposal"].uuid
        proposals.update(cctx, pr, {
            "county_no": "PY-2026-018", "review": "accepted", "assigned_at": "2026-04-01",
            "reply_due": "2026-07-01", "reply_class": "A", "reply_summary": "已列入计划",
            "replied_at": "2026-05-20", "adoption_level": "city", "instruction_text": "=请抓紧办理",
            "instruction_level": "county", "instruction_date": "2026-05-21",
        })  # fmt: skip
        county_work.set_units(cctx, pr, [("lead", "01"), ("assisting", "02")])
        fb = export_feedback(cctx, "SQZ", out)
        assert fb.path is not None
        at_county = everything()
        assert sync_status()[0].packages == 1
    with studio as ctx:
        result = import_package(ctx, fb.path)
        assert result.applied
        assert result.plan.counts["update"] == 1
        assert everything() == at_county
        assert integrity.problems() == []


def test_second_export_carries_only_changes_and_then_nothing(
    studio: Install, county: Install, out: Path
) -> None:
    with studio as ctx:
        made = fill(ctx)
    studio_to_county(studio, county, out)
    with studio as ctx:
        assert export_studio(ctx, out).empty
        visits.update(ctx, made["visits"][0].id, {"place": "村委会"})
        second = export_studio(ctx, out)
        assert second.counts == {k.sheet_title: 0 for k in kinds.all_kinds()} | {"接待走访": 1}
        assert second.sequence == 2
    with county as cctx:
        result = import_package(cctx, second.path)  # type: ignore[arg-type]
        assert result.plan.counts["update"] == 1
    with studio:
        expected = everything()
    with county:
        assert everything() == expected


def test_county_merges_many_studios(
    studio: Install, county: Install, out: Path, tmp_path: Path
) -> None:
    from studio_app.services import site

    with studio as ctx:
        fill(ctx)
    studio_to_county(studio, county, out)
    other = tmp_path / "other.sqlite3"
    use(other)
    s = site.setup("studio", "万全镇政协委员工作室", "WQZ")
    octx = site.context_for(s)
    fill(octx, "另一个工作室的记录")
    pkg = export_studio(octx, out)
    with county as cctx:
        assert import_package(cctx, pkg.path).applied  # type: ignore[arg-type]
        codes = [s.code for s in sync_status()]
        assert codes == ["SQZ", "WQZ"]
        assert len(everything()["visit"]) == 4
    use(other)


def test_a_unit_the_county_adds_and_assigns_in_one_feedback_package_arrives(
    studio: Install, county: Install, out: Path
) -> None:
    """The feedback rows may use codes the same package's code lists bring."""
    from studio_app.core.codes import CodeListKind
    from studio_app.services import code_lists

    with studio as ctx:
        made = fill(ctx)
    studio_to_county(studio, county, out)
    with county as cctx:
        unit = code_lists.add(cctx, CodeListKind.HANDLING_UNIT, "县乡村振兴局").code
        county_work.set_units(cctx, made["proposal"].uuid, [("lead", unit)])
        fb = export_feedback(cctx, "SQZ", out)
        assert fb.path is not None
        at_county = everything()
    with studio as ctx:
        result = import_package(ctx, fb.path)
        assert result.applied and result.plan.counts["rejected"] == 0, result.plan.rows
        assert everything() == at_county
