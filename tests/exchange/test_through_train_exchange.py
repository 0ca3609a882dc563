"""直通车 travels in the studio's package (a column of the proposals sheet) and a later
change of it arrives; a package of an earlier release, without the column, still imports:
a new record is not a through train, a record the county has keeps its flag."""

from __future__ import annotations

from pathlib import Path

from studio_app.exchange.export import export_studio
from studio_app.exchange.importer import import_package
from studio_app.exchange.schema import PackageKind, SheetSpec, sheets_for
from studio_app.services import members, proposals
from studio_app.storage.models import Proposal
from tests.exchange.conftest import Install
from tests.exchange.files import without_columns

SHEET = "提案与社情民意"


def _spec() -> SheetSpec:
    [spec] = [s for s in sheets_for(PackageKind.STUDIO) if s.title == SHEET]
    return spec


def _send(studio: Install, county: Install, out: Path) -> Path:
    with studio as ctx:
        path = export_studio(ctx, out).path
    assert path is not None
    with county as cctx:
        assert import_package(cctx, path).applied
    return path


def _flag(inst: Install, uuid: str) -> bool:
    with inst:
        return bool(Proposal.get(Proposal.uuid == uuid).through_train)


def test_the_flag_travels_and_a_later_change_arrives(
    studio: Install, county: Install, out: Path
) -> None:
    spec = _spec()
    assert spec.column("through_train").header == "直通车"
    with studio as ctx:
        lead = members.create(ctx, {"name": "王建国"}).id
        sent = proposals.create(ctx, {"kind": "sqmy", "title": "直报件", "lead_member": lead,
                                      "through_train": True})  # fmt: skip
        plain = proposals.create(ctx, {"kind": "sqmy", "title": "普通件", "lead_member": lead})
    _send(studio, county, out)
    assert _flag(county, sent.uuid) and not _flag(county, plain.uuid)
    with studio as ctx:
        proposals.update(ctx, sent.uuid, {"through_train": False})
        proposals.update(ctx, plain.uuid, {"through_train": True})
    _send(studio, county, out)
    assert not _flag(county, sent.uuid) and _flag(county, plain.uuid)


def test_an_older_package_without_the_column_imports(
    studio: Install, county: Install, out: Path
) -> None:
    with studio as ctx:
        lead = members.create(ctx, {"name": "王建国"}).id
        kept = proposals.create(ctx, {"kind": "sqmy", "title": "直报件", "lead_member": lead,
                                      "through_train": True})  # fmt: skip
    _send(studio, county, out)
    with studio as ctx:
        proposals.update(ctx, kept.uuid, {"title": "直报件（修改）"})
        fresh = proposals.create(ctx, {"kind": "sqmy", "title": "新件", "lead_member": lead,
                                       "through_train": True})  # fmt: skip
        path = export_studio(ctx, out).path
    assert path is not None
    old = without_columns(path, studio, "proposal", ["through_train"])
    with county as cctx:
        result = import_package(cctx, old)
        assert result.applied, result.plan.rows
        assert Proposal.get(Proposal.uuid == kept.uuid).title == "直报件（修改）"
    assert _flag(county, kept.uuid)  # kept: the package says nothing of it
    assert not _flag(county, fresh.uuid)  # new: the field's default
