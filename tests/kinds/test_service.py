"""A kind declared only in the tests is created, changed, validated, trashed and restored."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from studio_app.core import kinds
from studio_app.core.codes import Role
from studio_app.core.errors import ValidationError
from studio_app.services import kind_records, members
from studio_app.services.context import Context
from studio_app.services.permissions import PermissionDenied
from studio_app.storage.models import AuditEntry, database


def test_create_update_trash_restore(ctx: Context, tea_talk: kinds.RecordKind) -> None:
    m = members.create(ctx, {"name": "王委员"})
    row = kind_records.create(
        ctx, tea_talk, {"title": "春茶话发展", "held_on": "2026-11-20", "members": [m.id]}
    )
    assert row.serial.startswith("CX")
    assert row.member_names == "王委员"
    assert kind_records.values(tea_talk, row.id)["held_on"] == date(2026, 11, 20)
    kind_records.update(ctx, tea_talk, row.id, {"title": "春茶话发展"}, expected_rev=1)
    assert kind_records.get(tea_talk, row.id).rev == 1  # unchanged: nothing written
    kind_records.update(ctx, tea_talk, row.id, {"guests": 12}, expected_rev=1)
    assert kind_records.get(tea_talk, row.id).rev == 2
    kind_records.trash(ctx, tea_talk, row.id)
    assert (
        database.execute_sql("SELECT n FROM live_count WHERE table_name='tea_talk'").fetchone()[0]
        == 0
    )
    kind_records.restore(ctx, tea_talk, row.id)
    assert (
        database.execute_sql("SELECT n FROM live_count WHERE table_name='tea_talk'").fetchone()[0]
        == 1
    )
    actions = [e.action for e in AuditEntry.select().where(AuditEntry.record_type == "tea_talk")]
    assert actions == ["create", "update", "delete", "restore"]


def test_validation_messages_come_from_the_declaration(
    ctx: Context, tea_talk: kinds.RecordKind
) -> None:
    with pytest.raises(ValidationError) as caught:
        kind_records.create(ctx, tea_talk, {"held_on": "2026-02-30"})
    assert caught.value.errors == {
        "title": "主题：必填",
        "held_on": "茶叙日期：日期不存在",
        "members": "参加委员：必填",
    }
    assert database.execute_sql("SELECT count(*) FROM tea_talk").fetchone()[0] == 0


def test_renaming_a_member_rewrites_the_names(ctx: Context, tea_talk: kinds.RecordKind) -> None:
    m = members.create(ctx, {"name": "王委员"})
    row = kind_records.create(
        ctx, tea_talk, {"title": "议事", "held_on": "2026-11-20", "members": [m.id]}
    )
    members.update(ctx, m.id, {"name": "王大伟"})
    assert kind_records.get(tea_talk, row.id).member_names == "王大伟"


def test_the_kind_is_gone_after_the_test() -> None:
    assert "tea_talk" not in kinds.names()


def test_a_kind_may_narrow_its_editors_and_the_refusal_is_audited(
    ctx: Context, tea_talk: kinds.RecordKind
) -> None:
    admins_only = dataclasses.replace(tea_talk, editors=("admin",))
    staff = dataclasses.replace(ctx, user="li", role=Role.STAFF, may_see_pii=False)
    m = members.create(ctx, {"name": "王委员"})
    values = {"title": "议事", "held_on": "2026-11-20", "members": [m.id]}
    with pytest.raises(PermissionDenied):
        kind_records.create(staff, admins_only, values)
    assert database.execute_sql("SELECT count(*) FROM tea_talk").fetchone()[0] == 0
    refused = AuditEntry.get(AuditEntry.action == "refused")
    assert (refused.user, refused.record_type) == ("li", "tea_talk")
    assert kind_records.create(ctx, admins_only, values).serial
