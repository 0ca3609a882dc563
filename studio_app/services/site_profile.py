"""The local site's profile (name, township, county, address, phone), edited in Settings.

The code and the uuid are fixed once set up: serials (``JD-2026-0042`` is numbered per
site), package file names and the county's records of the studio all depend on them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from studio_app.core.errors import UserError, ValidationError
from studio_app.core.identity import IdentifierError, normalise_phone
from studio_app.core.text import clean_text
from studio_app.services import audit
from studio_app.services.context import Context
from studio_app.services.site import require_site
from studio_app.storage.models import database

# key → (Chinese label, maximum length, required)
EDITABLE: dict[str, tuple[str, int, bool]] = {
    "name": ("名称", 200, True),
    "township": ("乡镇/街道", 100, False),
    "county": ("县（市、区）", 100, False),
    "address": ("地址", 300, False),
    "phone": ("联系电话", 40, False),
}


@dataclass(frozen=True)
class SiteProfile:
    uuid: str
    kind: str
    code: str
    name: str
    township: str
    county: str
    address: str
    phone: str


def profile() -> SiteProfile:
    site = require_site()
    return SiteProfile(
        site.uuid,
        site.kind,
        site.code,
        site.name,
        site.township,
        site.county,
        site.address,
        site.phone,
    )


def _clean(values: Mapping[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    found: dict[str, str] = {}
    for key, raw in values.items():
        if key in ("code", "uuid", "kind"):
            errors[key] = "代码：设置后不能更改（编号和数据包文件名都用它）"
            continue
        if key not in EDITABLE:
            errors[key] = f"不认识的字段 {key}"
            continue
        label, limit, required = EDITABLE[key]
        text = " ".join(clean_text(str(raw or "")).split())
        if required and not text:
            errors[key] = f"{label}：必填"
        elif len(text) > limit:
            errors[key] = f"{label}：不能超过 {limit} 个字"
        elif key == "phone" and text:
            try:
                text = normalise_phone(text)
            except IdentifierError as exc:
                errors[key] = f"{label}：{exc}"
        found[key] = text
    if errors:
        raise ValidationError(errors)
    return found


def update(ctx: Context, values: Mapping[str, Any]) -> dict[str, tuple[str, str]]:
    """Change the profile fields in ``values``; returns field → (before, after), audited."""
    if ctx.role == "viewer":
        raise UserError("查阅账户不能修改工作室信息。")
    clean = _clean(values)
    with database.atomic():
        site = require_site()
        changes = {k: (getattr(site, k), v) for k, v in clean.items() if getattr(site, k) != v}
        if not changes:
            return {}
        for key, (_before, after) in changes.items():
            setattr(site, key, after)
        site.save()
        audit.record(ctx, "update", "site", site.uuid, changes)
    return changes
