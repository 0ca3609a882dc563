"""Roles are enforced in the services: a viewer reads, staff edit and exchange, admins do all."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from studio_app.core.codes import Role
from studio_app.exchange.export import export_studio
from studio_app.exchange.importer import import_package
from studio_app.services import members, records, residents, visits
from studio_app.services.context import Context
from studio_app.services.permissions import Permission, PermissionDenied, allowed
from studio_app.storage.models import AuditEntry, Member, Resident, Visit
from tests.services import helpers


def refusals() -> list[tuple[str, str, str]]:
    rows = AuditEntry.select().where(AuditEntry.action == "refused").order_by(AuditEntry.id)
    return [(r.user, r.record_type, r.changes) for r in rows]


@pytest.fixture
def viewer(ctx: Context) -> Context:
    return replace(ctx, user="chen", role=Role.VIEWER, may_see_pii=False)


def test_the_grants_of_each_role(ctx: Context) -> None:
    def grants(role: Role) -> set[Permission]:
        return {p for p in Permission if allowed(replace(ctx, role=role, may_see_pii=False), p)}

    assert grants(Role.VIEWER) == {Permission.READ}
    assert grants(Role.STAFF) == {Permission.READ, Permission.EDIT, Permission.EXCHANGE}
    assert grants(Role.ADMIN) == set(Permission) - {Permission.SEE_PII}
    assert allowed(replace(ctx, role=Role.VIEWER, may_see_pii=True), Permission.SEE_PII)


def test_a_viewer_cannot_create_and_the_refusal_is_audited(ctx: Context, viewer: Context) -> None:
    with pytest.raises(PermissionDenied, match="chen（查阅）无权新增、修改或删除记录"):
        members.create(viewer, {"name": "王建国"})
    assert not Member.select().exists()
    helpers.member(ctx)
    with pytest.raises(PermissionDenied):
        helpers.visit(viewer)
    assert not Visit.select().exists()
    # Refused inside the create's transaction, written once it rolled back.
    assert [(u, t) for u, t, _ in refusals()] == [("chen", "member"), ("chen", "visit")]
    assert '"edit"' in refusals()[0][2]


def test_a_viewer_cannot_update_delete_or_restore(ctx: Context, viewer: Context) -> None:
    person = helpers.resident(ctx, phone="13800001111")
    with pytest.raises(PermissionDenied):
        residents.update(viewer, person.id, {"village": "西村"})
    with pytest.raises(PermissionDenied):
        residents.delete(viewer, person.id)
    residents.delete(ctx, person.id)
    with pytest.raises(PermissionDenied):
        residents.restore(viewer, person.id)
    row = Resident.get_by_id(person.id)
    assert row.village == "东岙村" and row.deleted_at is not None and row.rev == 2
    assert len(refusals()) == 3


def test_a_refusal_inside_a_callers_transaction_is_still_audited(viewer: Context) -> None:
    with pytest.raises(PermissionDenied), records.atomic(), records.atomic():
        members.create(viewer, {"name": "王建国"})
    assert len(refusals()) == 1


def test_staff_edit_and_workflow(ctx: Context) -> None:
    staff = replace(ctx, user="li", role=Role.STAFF, may_see_pii=False)
    visit = helpers.visit(staff, handling="referred", referred_unit="01")
    visits.advance(staff, visit.id, "feed_back", {"result": "已修复", "feedback_at": "2026-03-05"})
    assert Visit.get_by_id(visit.id).updated_by == "li"
    assert refusals() == []


def test_a_viewer_cannot_import(viewer: Context, tmp_path: Path) -> None:
    with pytest.raises(PermissionDenied, match="无权导入或导出数据包"):
        import_package(viewer, tmp_path / "any.xlsx")
    assert [(u, t) for u, t, _ in refusals()] == [("chen", "package")]


def test_a_viewer_cannot_export_and_unmasked_export_needs_the_grant(
    ctx: Context, viewer: Context, tmp_path: Path
) -> None:
    helpers.resident(ctx, phone="13800001111")
    with pytest.raises(PermissionDenied):
        export_studio(viewer, tmp_path, full=True)
    staff = replace(viewer, role=Role.STAFF)
    with pytest.raises(PermissionDenied, match="无权查看完整的身份证号和电话号码"):
        export_studio(staff, tmp_path, full=True, include_identifiers=True)
    assert list(tmp_path.glob("*.xlsx")) == []
    assert [t for _, t, _ in refusals()] == ["package", "package"]
    assert export_studio(staff, tmp_path, full=True).path is not None  # masked is fine
