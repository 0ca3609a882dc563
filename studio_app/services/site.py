"""The local site: setting the installation up as a studio or the county office, its code
lists' first entries, and its profile (name, township, county, address, phone), edited in
Settings.

The code and the uuid are fixed once set up: serials (``JD-2026-0042`` is numbered per
site), package file names and the county's records of the studio all depend on them.
"""

from __future__ import annotations

import re
import uuid as uuidlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NotRequired, TypedDict

from studio_app.core.codes import Role, SiteKind
from studio_app.core.defaults import CODE_LISTS
from studio_app.core.errors import SetupRequired, UserError, ValidationError
from studio_app.core.identity import IdentifierError, normalise_phone
from studio_app.core.text import clean_text
from studio_app.services import audit, peers
from studio_app.services.context import Context, utc_now
from studio_app.storage.models import CodeItem, Setting, Site, User, database

REAL_USE = "site.real_use"  # a Setting: set up for real records (setup, the wizard)


def local_site() -> Site | None:
    return Site.get_or_none(Site.is_local == True)  # noqa: E712


def require_site() -> Site:
    site = local_site()
    if site is None:
        raise SetupRequired("尚未设置本工作室（或县政协）信息，请先运行 setup。")
    return site


def context_for(site: Site, user: str = "admin") -> Context:
    account = User.get_or_none(User.login == user)
    role = Role(account.role) if account else Role.ADMIN
    return Context(
        site_uuid=site.uuid,
        site_code=site.code,
        site_kind=site.kind,
        user=user,
        role=role,
        may_see_pii=bool(account.may_see_pii) if account else role is Role.ADMIN,
    )


class SiteFields(TypedDict):
    """The arguments of :func:`setup` that describe a site (demo and self-test sites)."""

    kind: str
    name: str
    code: str
    township: NotRequired[str]
    county: NotRequired[str]


def setup(
    kind: str,
    name: str,
    code: str,
    township: str = "",
    county: str = "",
    *,
    for_real: bool = False,
) -> Site:
    """Create the local site, the code lists, the signing key and the default administrator.

    Refused when a site is already set up: the site's uuid is the origin of every record and
    the identity the county knows it by, so it must never change silently. ``for_real``
    (``setup``, the setup wizard) marks the ledger as in real use: no demo data goes there.
    """
    name, code = check(kind, name, code)
    with database.atomic():
        if local_site() is not None:
            raise UserError("本机已经设置过工作室信息，不能重复设置。")
        now = utc_now().replace(tzinfo=None, microsecond=0)
        site = Site.create(
            uuid=str(uuidlib.uuid4()),
            kind=kind,
            name=name,
            code=code,
            township=township.strip(),
            county=county.strip(),
            is_local=True,
            created_at=now,
        )
        seed_code_lists()
        if for_real:
            Setting.insert(key=REAL_USE, value="1").on_conflict_replace().execute()
        peers.own_private_key()  # the key pair its packages are signed with
        if not User.select().exists():
            User.create(
                login="admin", name="管理员", role=Role.ADMIN, may_see_pii=True, created_at=now
            )
        audit.record(context_for(site), "setup", "site", site.uuid, {"name": (None, name)})
    return site


def identity_errors(kind: str, name: str, code: str) -> dict[str, str]:
    """What is wrong with a site's kind, name and code (field → message); empty when sound."""
    errors = {}
    if kind not in {k.value for k in SiteKind}:
        errors["kind"] = "类型只能是 studio（委员工作室）或 county（县政协）"
    name = name.strip()
    if not name:
        errors["name"] = "名称：必填"
    elif len(name) > 200:
        errors["name"] = "名称：不能超过 200 个字"
    if not re.fullmatch(r"[A-Z][A-Z0-9]{1,11}", code.strip().upper()):
        errors["code"] = "代码：应为 2～12 位大写字母或数字，以字母开头（如 SQZ）"
    return errors


def check(kind: str, name: str, code: str) -> tuple[str, str]:
    """The name and code as stored (trimmed, code upper-case); raises ValidationError."""
    errors = identity_errors(kind, name, code)
    if errors:
        raise ValidationError(errors)
    return name.strip(), code.strip().upper()


def admin_errors(login: str, password: str) -> dict[str, str]:
    """What is wrong with the first administrator's login and password (field → message)."""
    from studio_app.services import accounts

    errors: dict[str, str] = {}
    for checker, value in ((accounts._check_login, login), (accounts.check_password, password)):
        try:
            checker(value)
        except ValidationError as exc:
            errors.update(exc.errors)
    return errors


def setup_with_admin(
    kind: str,
    name: str,
    code: str,
    township: str = "",
    county: str = "",
    *,
    admin: str,
    password: str,
) -> tuple[Site, str]:
    """Set up the local site and its first administrator in one go; returns the site and the
    recovery key (shown once). Everything is checked first: a refusal leaves nothing behind.
    """
    from studio_app.services import accounts

    errors = identity_errors(kind, name, code) | admin_errors(admin, password)
    if errors:
        raise ValidationError(errors)
    with database.atomic():
        created = setup(kind, name, code, township, county, for_real=True)
        key = accounts.first_admin(admin, password)
    return created, key or ""


def seed_code_lists() -> None:
    """Fill the editable code lists with docs/DATA.md's defaults (codes ``01``, ``02``…)."""
    rows = [
        {"list_kind": kind.value, "code": f"{i:02d}", "label": label, "sort_order": i}
        for kind, labels in CODE_LISTS.items()
        for i, label in enumerate(labels, start=1)
    ]
    CodeItem.insert_many(rows).on_conflict_ignore().execute()


def code_labels(list_kind: str) -> dict[str, str]:
    """code → label of one code list, in display order."""
    query = (
        CodeItem.select(CodeItem.code, CodeItem.label)
        .where(CodeItem.list_kind == list_kind)
        .order_by(CodeItem.sort_order, CodeItem.code)
    )
    return dict(query.tuples())


# -- the profile ---------------------------------------------------------------------------

# key → (Chinese label, maximum length, required)
PROFILE_EDITABLE: dict[str, tuple[str, int, bool]] = {
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
    """The local site's profile, as Settings shows it."""
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


def _clean_profile(values: Mapping[str, Any]) -> dict[str, str]:
    errors: dict[str, str] = {}
    found: dict[str, str] = {}
    for key, raw in values.items():
        if key in ("code", "uuid", "kind"):
            errors[key] = "代码：设置后不能更改（编号和数据包文件名都用它）"
            continue
        if key not in PROFILE_EDITABLE:
            errors[key] = f"不认识的字段 {key}"
            continue
        label, limit, required = PROFILE_EDITABLE[key]
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


def update_profile(ctx: Context, values: Mapping[str, Any]) -> dict[str, tuple[str, str]]:
    """Change the profile fields in ``values``; returns field → (before, after), audited."""
    if ctx.role == "viewer":
        raise UserError("查阅账户不能修改工作室信息。")
    clean = _clean_profile(values)
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
