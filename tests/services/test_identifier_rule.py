"""The identifier rule, the refusal wordings and who may generate demo data.

Identifiers are declared once (``core.kinds``: fields of the phone and ID-number kinds, and the
columns ``derived`` from them); every output masks by that declaration (``core.masking``).
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime

import pytest

from studio_app.core import masking
from studio_app.core.codes import Role
from studio_app.core.errors import UserError
from studio_app.core.fields import Kind
from studio_app.core.kinds import identifier_keys
from studio_app.demo import studio as demo
from studio_app.services import (
    accounts,
    audit_review,
    exchange_conflicts,
    permissions,
    resident_merge,
    residents,
)
from studio_app.services.context import Context
from studio_app.services.permissions import Permission, PermissionDenied
from studio_app.storage.models import ALL_MODELS, EXCHANGE_MODELS, ExchangeConflict, Setting
from tests import known_identifiers as known


def test_derived_columns_are_declared_with_their_source() -> None:
    assert identifier_keys() == {
        "phone": Kind.PHONE, "phone_key": Kind.PHONE, "id_number": Kind.ID_NUMBER,
    }  # fmt: skip


def test_every_stored_column_named_like_an_identifier_is_declared_as_one() -> None:
    """A new column holding (a form of) a phone or ID number must be declared, or masking
    would not know it."""
    columns = {
        name
        for model in (*ALL_MODELS, *EXCHANGE_MODELS)
        for name in model._meta.columns
        if any(word in name for word in ("phone", "id_number", "id_card", "mobile"))
    }
    assert columns and columns <= set(identifier_keys())


def test_masking_reaches_any_depth_and_never_masks_twice() -> None:
    data = {
        "phone": [known.MOBILE_1, known.LANDLINE],
        "phone_key": [None, "057786123456"],
        "undo": [{"before": {"resident:3": {"id_number": known.ID_1, "name": "甲"}}}, None],
        "filled": [None, {"phone": known.MOBILE_2}],
    }
    shown = masking.masked(data)
    assert known.leaks(json.dumps(shown)) == []
    assert shown["phone"] == ["139****1234", "0577-****56"]
    assert shown["undo"][0]["before"]["resident:3"]["name"] == "甲"
    assert masking.masked(shown) == shown
    assert masking.without_identifiers(data)["undo"][0]["before"]["resident:3"] == {"name": "甲"}


def test_the_audit_log_masks_derived_and_nested_identifiers(ctx: Context) -> None:
    first = residents.create(ctx, {"name": "甲", "phone": known.MOBILE_1, "id_number": known.ID_1})
    residents.update(ctx, first.id, {"phone": known.MOBILE_2})
    dup = residents.create(ctx, {"name": "乙", "phone": known.LANDLINE, "id_number": known.ID_2})
    keep = residents.create(ctx, {"name": "乙"})
    resident_merge.merge(ctx, keep.id, dup.id)
    ungranted = replace(ctx, may_see_pii=False)
    found = audit_review.entries(ungranted)
    text = json.dumps([e.as_dict() for e in found], ensure_ascii=False)
    text += "\n".join("\t".join(r) for r in audit_review.rows(found))
    assert "phone_key" in text and known.leaks(text) == []
    shown = audit_review.entries(ctx, show_identifiers=True)
    assert known.MOBILE_2 in json.dumps([e.as_dict() for e in shown])


def test_the_conflicts_listing_masks_for_users_without_the_grant(ctx: Context) -> None:
    version = {"name": "甲", "phone": known.MOBILE_3, "phone_key": known.MOBILE_3,
               "id_number": known.ID_3}  # fmt: skip
    ExchangeConflict.create(
        package_uuid="p", record_type="resident", record_uuid="r", reason="双方都修改了",
        local=json.dumps({**version, "phone": known.MOBILE_1}), incoming=json.dumps(version),
        created_at=datetime(2026, 11, 2),
    )  # fmt: skip
    viewer = replace(ctx, role=Role.VIEWER, may_see_pii=False)
    [c] = exchange_conflicts.listing(viewer)
    assert known.leaks(json.dumps([c.local, c.incoming])) == []
    assert exchange_conflicts.differences(c) == {"phone": ("139****1234", "159****8765")}
    [full] = exchange_conflicts.listing(ctx)
    assert full.incoming["id_number"] == known.ID_3


def test_every_permission_has_a_refusal_of_its_own() -> None:
    wordings = permissions._WHAT
    assert set(wordings) == set(Permission)
    assert len(set(wordings.values())) == len(wordings)


def test_a_copy_outside_the_backup_folder_is_refused_in_its_own_words(ctx: Context) -> None:
    from studio_app.services import backups

    staff = replace(ctx, user="li", role=Role.STAFF)
    with pytest.raises(PermissionDenied, match="无权把数据库复制到备份文件夹以外"):
        backups.back_up_to(staff, backups.data_dir_of(ctx).root / "copy.sqlite3")
    with pytest.raises(PermissionDenied, match="无权更改备份文件夹"):
        backups.set_folder(staff, "/tmp")


def test_only_an_administrator_may_generate_demo_data(ctx: Context) -> None:
    for role in (Role.VIEWER, Role.STAFF):
        with pytest.raises(PermissionDenied, match="无权生成演示数据"):
            demo.generate(replace(ctx, user="li", role=role), visits=5)
    assert Setting.get_or_none(Setting.key == demo.DEMO_MARKER) is None
    assert demo.generate(ctx, visits=5).visits == 5


def test_no_demo_data_goes_into_a_ledger_set_up_for_real(ctx: Context) -> None:
    Setting.create(key="site.real_use", value="1")  # as setup and the wizard leave it
    with pytest.raises(UserError, match="正式使用的台账"):
        demo.generate(ctx, visits=5)
    assert Setting.get_or_none(Setting.key == demo.DEMO_MARKER) is None


def test_a_ledger_set_up_before_the_marker_with_its_own_admin_counts_as_real(
    ctx: Context,
) -> None:
    assert not demo.in_real_use()  # set up by the services, nobody logs in yet
    accounts.first_admin("zhang", "zhang pw")
    assert demo.in_real_use()  # an administrator's own password: real records
    with pytest.raises(UserError, match="正式使用的台账"):
        demo.generate(accounts.as_user(ctx, "zhang"), visits=5)
