"""Signed packages and pinned senders (issue 11, "Forged packages").

See docs/EXCHANGE.md, "Identity and signatures".
"""

from __future__ import annotations

import dataclasses
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from studio_app.core import signing
from studio_app.core.codes import Role
from studio_app.core.errors import UserError
from studio_app.exchange.export import export_studio
from studio_app.exchange.feedback import export_feedback, sync_status
from studio_app.exchange.importer import import_package
from studio_app.exchange.schema import FORMAT_VERSION
from studio_app.services import county_work, peers, proposals, site, visits
from studio_app.services.permissions import PermissionDenied
from studio_app.storage import migrations
from studio_app.storage.database import close_database, open_database
from studio_app.storage.models import (
    AuditEntry,
    ExchangeConflict,
    ImportHistory,
    Peer,
    Setting,
    Site,
)
from tests.exchange.builders import fill
from tests.exchange.conftest import Install, everything, use
from tests.exchange.files import edit, edit_manifest, header_index, manifest_of, unsigned


@pytest.fixture
def other(tmp_path: Path, studio: Install) -> Iterator[Install]:
    """A second studio (万全镇, WQZ) with records of its own."""
    path = tmp_path / "other.sqlite3"
    use(path)
    s = site.setup("studio", "万全镇政协委员工作室", "WQZ", "万全镇", "平阳县")
    inst = Install(path, site.context_for(s))
    fill(inst.ctx, "另一个工作室的记录")
    use(studio.path)
    yield inst
    close_database()


def _export(inst: Install, out: Path, **kw: Any) -> Path:
    with inst as ctx:
        path = export_studio(ctx, out, **kw).path
        assert path is not None
        return path


def _first_sync(studio: Install, county: Install, out: Path) -> dict[str, Any]:
    """The studio's records, sent and applied at the county (which pins the studio)."""
    with studio as ctx:
        made = fill(ctx)
    path = _export(studio, out)
    with county as cctx:
        assert import_package(cctx, path).applied
    return made


def _key(inst: Install) -> bytes:
    with inst:
        return peers.own_private_key()


def studio_fingerprint(inst: Install) -> str:
    return signing.fingerprint(signing.public_key(_key(inst)))


def _state() -> tuple[object, ...]:
    """Records, pins, sites, import history and stored conflicts."""
    return (everything(), peers.pinned(), list(Site.select().dicts()),
            ImportHistory.select().count(), ExchangeConflict.select().count())  # fmt: skip


def refused(inst: Install, path: Path, *words: str) -> str:
    """The import is refused with ``words`` in one sentence; nothing changed, nothing pinned."""
    with inst as ctx:
        before = _state()
        with pytest.raises(UserError) as info:
            import_package(ctx, path)
        assert _state() == before
    message = info.value.message
    for word in words:
        assert word in message, message
    assert message.count("。") == 1 and message.endswith("。"), message
    return message


def test_packages_are_signed_and_the_sender_pinned_only_when_applied(
    studio: Install, county: Install, out: Path
) -> None:
    with studio as ctx:
        fill(ctx)
        fingerprint = peers.own_fingerprint()
    assert len(fingerprint.split()) == 10 and all(len(g) == 4 for g in fingerprint.split())
    path = _export(studio, out)
    manifest = manifest_of(path)
    assert manifest["format_version"] == FORMAT_VERSION == 3
    assert manifest["signer_key"] and manifest["signature"]
    with county as cctx:
        trial = import_package(cctx, path, dry_run=True)
        assert peers.pinned() == []  # a dry run pins nothing
        assert any(fingerprint in w and "首次" in w for w in trial.plan.warnings)
        assert import_package(cctx, path).applied
        [pin] = peers.pinned()
        assert (pin.code, pin.kind, pin.fingerprint) == ("SQZ", "studio", fingerprint)
        assert pin.pinned_by == cctx.user
        assert AuditEntry.get(AuditEntry.action == "pin").record_uuid == studio.ctx.site_uuid


@pytest.mark.parametrize(
    ("entry", "value"),
    [
        ("kind", "feedback"),
        ("site_code", "WQZ"),
        ("site_uuid", str(uuid.uuid4())),
        ("site_name", "万全镇政协委员工作室"),
        ("sequence", 7),
    ],
)
def test_a_manifest_changed_after_export_is_refused(
    studio: Install, county: Install, out: Path, entry: str, value: object
) -> None:
    with studio as ctx:
        fill(ctx)
    path = _export(studio, out)
    edit_manifest(path, lambda m: m.__setitem__(entry, value))
    refused(county, path, "签名不符")


def test_a_missing_or_damaged_signature_is_refused(
    studio: Install, county: Install, out: Path, tmp_path: Path
) -> None:
    with studio as ctx:
        fill(ctx)
    path = _export(studio, out)
    cut = Path(shutil.copy(path, tmp_path / "cut.xlsx"))
    edit_manifest(cut, lambda m: m.pop("signature"))
    refused(county, cut, "缺少签名")
    bad = Path(shutil.copy(path, tmp_path / "bad.xlsx"))
    edit_manifest(bad, lambda m: m.__setitem__("signature", "不是签名"))
    refused(county, bad, "签名已损坏")


def test_another_studios_code_is_refused_signed_or_not(
    studio: Install, county: Install, other: Install, out: Path, tmp_path: Path
) -> None:
    """The issue: WQZ's package with SQZ's code was imported without a word."""
    _first_sync(studio, county, out)
    forged = _export(other, tmp_path)

    def as_sqz(m: dict[str, Any]) -> None:
        m["site_code"] = "SQZ"

    plain = Path(shutil.copy(forged, tmp_path / "plain.xlsx"))
    refused(county, edit_manifest(plain, as_sqz), "签名不符")
    # Signed again by WQZ's own installation, or sent unsigned as an old program would.
    resigned = Path(shutil.copy(forged, tmp_path / "resigned.xlsx"))
    edit_manifest(resigned, as_sqz, sign_with=_key(other))
    refused(county, resigned, "代码 SQZ 已登记", "石桥镇")
    old = Path(shutil.copy(forged, tmp_path / "old.xlsx"))
    edit_manifest(old, lambda m: (as_sqz(m), unsigned(m)))
    refused(county, old, "代码 SQZ 已登记")
    own = Path(shutil.copy(forged, tmp_path / "own.xlsx"))  # the county's own code
    edit_manifest(own, lambda m: m.__setitem__("site_code", "PYX"), sign_with=_key(other))
    refused(county, own, "本机自己的代码")
    with county:
        assert [s.code for s in sync_status()] == ["SQZ"]
    with county as cctx:  # WQZ's own package, untouched, is fine
        assert import_package(cctx, forged).applied
        assert [(p.code, p.fingerprint) for p in peers.pinned()] == [
            ("SQZ", studio_fingerprint(studio)),
            ("WQZ", studio_fingerprint(other)),
        ]


def test_a_pinned_site_with_another_key_code_or_no_signature_is_refused(
    studio: Install, county: Install, out: Path, tmp_path: Path
) -> None:
    made = _first_sync(studio, county, out)
    with studio as ctx:
        visits.update(ctx, made["visits"][0].id, {"place": "村委会"})
    second = _export(studio, out)
    stranger = signing.new_private_key()
    copy = Path(shutil.copy(second, tmp_path / "stranger.xlsx"))
    message = refused(county, edit_manifest(copy, lambda m: None, sign_with=stranger), "密钥不同")
    assert signing.fingerprint(signing.public_key(stranger)) in message
    assert "peers forget SQZ" in message
    copy = Path(shutil.copy(second, tmp_path / "recoded.xlsx"))
    edit_manifest(copy, lambda m: m.__setitem__("site_code", "NEW"), sign_with=stranger)
    refused(county, copy, "登记的代码是 SQZ")
    copy = Path(shutil.copy(second, tmp_path / "unsigned.xlsx"))
    refused(county, edit_manifest(copy, unsigned), "没有签名")
    with county as cctx:  # the real second package still goes in
        assert import_package(cctx, second).plan.counts["update"] == 1


def test_forgetting_a_pin_needs_an_administrator_and_is_audited(
    studio: Install, county: Install, out: Path, tmp_path: Path
) -> None:
    made = _first_sync(studio, county, out)
    with studio as ctx:
        visits.update(ctx, made["visits"][0].id, {"place": "村委会"})
    second = _export(studio, out)
    rekeyed = signing.new_private_key()  # the studio reinstalled from a backup, say
    edit_manifest(second, lambda m: None, sign_with=rekeyed)
    with county as cctx:
        staff = dataclasses.replace(cctx, user="li", role=Role.STAFF)
        with pytest.raises(PermissionDenied):
            peers.forget(staff, "SQZ")
        assert len(peers.pinned()) == 1
        with pytest.raises(UserError, match="没有登记过代码为 XYZ"):
            peers.forget(cctx, "XYZ")
        gone = peers.forget(cctx, "sqz")
        assert gone.code == "SQZ" and peers.pinned() == []
        entry = AuditEntry.get(AuditEntry.action == "forget")
        assert entry.user == cctx.user and gone.fingerprint in entry.changes
        assert import_package(cctx, second).applied  # pinned again, with the new key
        [pin] = peers.pinned()
        assert pin.fingerprint == signing.fingerprint(signing.public_key(rekeyed))


def _feedback(county: Install, out: Path) -> Path:
    with county as cctx:
        found = export_feedback(cctx, "SQZ", out, full=True)
        assert found.path is not None
        return found.path


def test_a_studio_pins_the_county_and_refuses_another_county_or_key(
    studio: Install, county: Install, out: Path, tmp_path: Path
) -> None:
    _first_sync(studio, county, out)
    feedback = _feedback(county, tmp_path)
    with county:
        county_fp = peers.own_fingerprint()
    forged = Path(shutil.copy(feedback, tmp_path / "forged.xlsx"))
    with studio as ctx:
        assert import_package(ctx, feedback).applied
        [pin] = peers.pinned()
        assert (pin.code, pin.kind, pin.fingerprint) == ("PYX", "county", county_fp)
    # Another "county" (its own uuid and key) writing to this studio, with or without the code.
    stranger = signing.new_private_key()

    def other_county(code: str) -> Any:
        def change(m: dict[str, Any]) -> None:
            m.update(site_uuid=str(uuid.uuid4()), site_code=code, package_uuid=str(uuid.uuid4()))

        return change

    copy = Path(shutil.copy(forged, tmp_path / "same-code.xlsx"))
    refused(studio, edit_manifest(copy, other_county("PYX"), sign_with=stranger), "代码 PYX")
    copy = Path(shutil.copy(forged, tmp_path / "new-code.xlsx"))
    refused(studio, edit_manifest(copy, other_county("PYZ"), sign_with=stranger), "登记的县政协")
    copy = Path(shutil.copy(forged, tmp_path / "key.xlsx"))
    edit_manifest(copy, lambda m: m.__setitem__("package_uuid", str(uuid.uuid4())),
                  sign_with=stranger)  # fmt: skip
    refused(studio, copy, "密钥不同")


def test_a_multi_package_flow_works_both_ways(studio: Install, county: Install, out: Path) -> None:
    with studio as ctx:
        made = fill(ctx)
    for round_ in range(1, 3):
        path = _export(studio, out)
        with county as cctx:
            assert import_package(cctx, path).applied
            pr = made["proposal"].uuid
            proposals.update(cctx, pr, {"reply_summary": f"第 {round_} 次答复"})
            county_work.set_units(cctx, pr, [("lead", f"0{round_}")])
            fb = export_feedback(cctx, "SQZ", out)
            assert fb.path is not None and fb.sequence == round_
        with studio as ctx:
            assert import_package(ctx, fb.path).applied
            visits.update(ctx, made["visits"][0].id, {"place": f"第 {round_} 个地点"})
    with county:
        assert [p.code for p in peers.pinned()] == ["SQZ"]
        assert sync_status()[0].packages == 2
    with studio:
        assert [p.code for p in peers.pinned()] == ["PYX"]


def test_unsigned_packages_of_older_programs_pin_the_site_then_a_signed_one_its_key(
    studio: Install, county: Install, out: Path, tmp_path: Path
) -> None:
    with studio as ctx:
        made = fill(ctx)
    first = _export(studio, out)
    edit_manifest(first, unsigned)
    with county as cctx:
        result = import_package(cctx, first)
        assert result.applied and any("没有签名" in w for w in result.plan.warnings)
        [pin] = peers.pinned()
        assert (pin.code, pin.fingerprint) == ("SQZ", "")
    with studio as ctx:
        visits.update(ctx, made["visits"][0].id, {"place": "村委会"})
    second = _export(studio, out)
    with county as cctx:
        assert import_package(cctx, second).applied
        assert peers.pinned()[0].fingerprint == studio_fingerprint(studio)
    with studio as ctx:
        visits.update(ctx, made["visits"][0].id, {"place": "镇政府"})
    third = _export(studio, out)
    refused(county, edit_manifest(third, unsigned), "没有签名")


def test_an_older_database_pins_the_sites_it_knows_and_makes_its_key_on_first_export(
    tmp_path: Path, out: Path
) -> None:
    path = tmp_path / "old.sqlite3"
    db = open_database(path, migrate=False)
    migrations.migrate(db, target=5)
    rows = [
        ("s-local", "studio", "石桥镇政协委员工作室", "SQZ", 1),
        ("c-1", "county", "平阳县政协", "PYX", 0),
    ]
    for uuid_, kind, name, code, local in rows:
        db.execute_sql(
            "INSERT INTO site (uuid, kind, name, code, township, county, address, phone, "
            "is_local, next_package_seq, created_at) VALUES (?, ?, ?, ?, '', '', '', '', ?, 1, "
            "'2025-01-01 00:00:00')",
            (uuid_, kind, name, code, local),
        )
    close_database()
    open_database(path)
    try:
        assert [(p.code, p.site_uuid, p.fingerprint) for p in peers.pinned()] == [
            ("PYX", "c-1", "")
        ]
        assert Setting.get_or_none(Setting.key == peers.KEY_SETTING) is None
        site.seed_code_lists()
        ctx = site.context_for(site.require_site())
        fill(ctx)
        package = export_studio(ctx, out).path
        assert package is not None
        assert manifest_of(package)["signer_key"] == signing.to_text(peers.own_public_key())
        assert Peer.select().count() == 1
    finally:
        close_database()


def _visit_rows(path: Path) -> dict[str, list[object]]:
    """uuid → cells of each row of the visits sheet."""
    ws = openpyxl.load_workbook(path)["接待走访"]
    at = header_index(ws, "唯一标识") - 1
    return {str(row[at]): list(row) for row in ws.iter_rows(min_row=2, values_only=True)}


def test_rows_whose_row_hash_was_forged_too_are_not_taken_as_the_senders(
    studio: Install, county: Install, out: Path, tmp_path: Path
) -> None:
    """A row changed together with its (unkeyed) row hash: the signed sheet hash catches it."""
    with studio as ctx:
        made = fill(ctx)
    first = _export(studio, out)
    target = made["visits"][1].uuid  # (the first holds "=…" text, a formula to openpyxl)
    with studio as ctx:  # a validly hashed row the studio never sent in this package
        visits.update(ctx, made["visits"][1].id, {"place": "伪造的地点"})
    forged_row = _visit_rows(_export(studio, tmp_path))[target]

    def swap_in(wb: Any) -> None:
        ws = wb["接待走访"]
        at = header_index(ws, "唯一标识")
        for row in ws.iter_rows(min_row=2):
            if row[at - 1].value == target:
                for cell, value in zip(row, forged_row, strict=False):
                    cell.value = value

    copy = Path(shutil.copy(first, tmp_path / "forged-row.xlsx"))
    edit(copy, swap_in)
    with county as cctx:
        result = import_package(cctx, copy)
        assert not result.applied and "伪造的地点" not in str(everything()["visit"])
        assert any("行校验与签名的清单不符" in w for w in result.plan.warnings)
        assert target in {r.uuid for r in result.plan.of("conflict")}
    deleted = Path(shutil.copy(first, tmp_path / "deleted-row.xlsx"))
    edit(deleted, lambda wb: wb["接待走访"].delete_rows(3))
    with county as cctx:  # a deleted row: the rest of the sheet cannot be vouched for either
        plan = import_package(cctx, deleted, dry_run=True).plan
        assert plan.sheet_counts["接待走访"]["conflict"] == 1
        assert plan.sheet_counts["委员"]["new"] == 2
    moved = Path(shutil.copy(first, tmp_path / "moved.xlsx"))  # rows moved, file re-saved
    edit(moved, lambda wb: wb["接待走访"].move_range("A2:ZZ2", rows=5))
    with county as cctx:
        plan = import_package(cctx, moved, dry_run=True).plan
        assert not any("不符" in w for w in plan.warnings)
        assert plan.sheet_counts["接待走访"]["new"] == 2
