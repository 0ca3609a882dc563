"""Code lists edited in Settings, and the local site's profile."""

from __future__ import annotations

import dataclasses
import json

import pytest

from studio_app.core.codes import CodeListKind, Role
from studio_app.core.errors import UserError, ValidationError
from studio_app.services import code_lists, site
from studio_app.services.context import Context
from studio_app.storage.models import AuditEntry, CodeItem
from tests.services.helpers import visit

pytestmark = pytest.mark.both_engines  # also on PostgreSQL (the county's several PCs)

CATEGORY = CodeListKind.ISSUE_CATEGORY


def _audits(action: str, record_type: str) -> list[AuditEntry]:
    query = AuditEntry.select().where(
        (AuditEntry.action == action) & (AuditEntry.record_type == record_type)
    )
    return list(query.order_by(AuditEntry.id))


def test_entries_show_usage_and_order(ctx: Context) -> None:
    visit(ctx, category="交通出行")
    found = code_lists.entries(CATEGORY)
    assert [e.label for e in found][:2] == ["经济发展", "农业农村"]
    assert {e.label: e.used for e in found}["交通出行"] == 1
    assert all(e.active for e in found)


@pytest.fixture
def county(ctx: Context) -> Context:
    """The county office: it owns the code lists."""
    return dataclasses.replace(ctx, site_kind="county")


def test_add_rename_deactivate_are_audited(county: Context) -> None:
    ctx = county
    added = code_lists.add(ctx, CATEGORY, "  文化 旅游 ")
    assert added.code == "14" and added.label == "文化 旅游"
    assert code_lists.entries(CATEGORY)[-1].code == "14"
    assert code_lists.add(ctx, CATEGORY, "养老服务").code == "15"
    code_lists.rename(ctx, CATEGORY, "14", "文化旅游")
    code_lists.set_active(ctx, CATEGORY, "14", False)
    assert "14" not in code_lists.active_labels(CATEGORY)
    assert site.code_labels(CATEGORY)["14"] == "文化旅游"  # old records still show it
    code_lists.set_active(ctx, CATEGORY, "14", True)
    changes = [json.loads(a.changes) for a in _audits("update", "code_item")]
    assert changes == [
        {"label": ["文化 旅游", "文化旅游"]},
        {"active": [True, False]},
        {"active": [False, True]},
    ]
    assert len(_audits("create", "code_item")) == 2


def test_bad_input_is_refused(county: Context) -> None:
    ctx = county
    with pytest.raises(ValidationError, match="必填"):
        code_lists.add(ctx, CATEGORY, "   ")
    with pytest.raises(ValidationError, match="已有“教育”"):
        code_lists.add(ctx, CATEGORY, "教育")
    with pytest.raises(ValidationError, match="100"):
        code_lists.rename(ctx, CATEGORY, "01", "长" * 101)
    with pytest.raises(UserError, match="没有代码"):
        code_lists.rename(ctx, CATEGORY, "99", "新")
    with pytest.raises(ValueError):
        code_lists.entries("colours")
    assert CodeItem.select().where(CodeItem.list_kind == CATEGORY.value).count() == 13


def test_the_last_active_code_stays(county: Context) -> None:
    ctx = county
    codes = list(code_lists.active_labels(CodeListKind.SECTOR))
    for code in codes[:-1]:
        code_lists.set_active(ctx, CodeListKind.SECTOR, code, False)
    with pytest.raises(UserError, match="至少"):
        code_lists.set_active(ctx, CodeListKind.SECTOR, codes[-1], False)


def test_lists_are_read_only_in_a_studio(ctx: Context, county: Context) -> None:
    units = CodeListKind.HANDLING_UNIT
    for kind in CodeListKind:
        reason = code_lists.read_only_reason(ctx, kind)
        assert reason and "县政协统一维护" in reason
    with pytest.raises(UserError, match="县政协统一维护"):
        code_lists.add(ctx, units, "县文旅局")
    with pytest.raises(UserError, match="县政协统一维护"):
        code_lists.rename(ctx, CATEGORY, "01", "经济")
    with pytest.raises(UserError, match="县政协统一维护"):
        code_lists.set_active(ctx, CodeListKind.PROPOSAL_CATEGORY, "01", False)
    assert code_lists.read_only_reason(county, units) is None
    assert code_lists.add(county, units, "县文旅局").code == "17"
    viewer = dataclasses.replace(county, role=Role.VIEWER)
    assert "查阅" in (code_lists.read_only_reason(viewer, CATEGORY) or "")
    with pytest.raises(UserError, match="查阅"):
        code_lists.rename(viewer, CATEGORY, "01", "经济")


def test_site_profile_update(ctx: Context) -> None:
    changes = site.update_profile(
        ctx,
        {"name": " 石桥镇政协委员工作室 ", "address": "石桥镇人民路1号", "phone": "0577 6612 3456"},
    )
    assert set(changes) == {"address", "phone"}
    found = site.profile()
    assert found.phone == "0577-66123456" and found.code == "SQZ"
    assert site.update_profile(ctx, {"address": "石桥镇人民路1号"}) == {}
    entry = _audits("update", "site")[-1]
    assert json.loads(entry.changes)["address"] == ["", "石桥镇人民路1号"]


def test_site_profile_refusals(ctx: Context) -> None:
    with pytest.raises(ValidationError) as caught:
        site.update_profile(ctx, {"name": "", "code": "ABC", "phone": "12"})
    assert set(caught.value.errors) == {"name", "code", "phone"}
    with pytest.raises(ValidationError, match="300"):
        site.update_profile(ctx, {"address": "路" * 301})
    with pytest.raises(UserError, match="查阅"):
        site.update_profile(dataclasses.replace(ctx, role=Role.VIEWER), {"name": "新名"})
    assert site.profile().name == "石桥镇政协委员工作室"
