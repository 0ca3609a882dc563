"""Local user accounts: Argon2id passwords, login with a persisted slow-down, recovery key.

A database "has accounts" once any active user has a password. Before that (a database set
up by an older version, or by the services directly) nobody logs in and the local
administrator acts. ``setup`` and the demo data set create a password-protected admin.

Failed logins are counted per login name, each attempt *before* its password is checked
(atomically, in ``storage.login_counter``'s own file, so parallel attempts are all counted
and a successful login writes nothing to the ledger's database); from the fourth failure
on, the next attempt must wait 2, 4, 8… seconds (at most 15 minutes) and is refused
unchecked until then, so restarting the program does not reset it. The refusal never says
whether the name or the password was wrong; the audit log records every failed attempt
(the name as typed, the time and the kind: unknown user, wrong password, deactivated
account, waiting after failures, wrong recovery key), never the password.

A recovery key is printed once when the first admin is created and stored only as an Argon2
hash; with it an admin's password can be reset without logging in.
"""

from __future__ import annotations

import json
import logging
import secrets
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

import peewee as pw
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from studio_app.core.codes import Role
from studio_app.core.errors import UserError, ValidationError
from studio_app.services import audit
from studio_app.services.context import Context, utc_now
from studio_app.services.permissions import Permission, require
from studio_app.storage import login_counter
from studio_app.storage.models import AuditEntry, Setting, Site, User, database

log = logging.getLogger("studio_app.accounts")

DEMO_LOGIN = "admin"
DEMO_PASSWORD = "demo"
MIN_PASSWORD = 4
FREE_FAILURES = 3
MAX_DELAY = timedelta(minutes=15)
RECOVERY_SETTING = "accounts.recovery_key"
_RECOVERY_LOGIN = "~recovery"
LOGIN_FAILED = "login_failed"  # audit action; the kinds:
UNKNOWN_USER, WRONG_PASSWORD, DEACTIVATED, WAITING, BAD_RECOVERY_KEY = (
    "unknown_user", "wrong_password", "deactivated", "waiting", "wrong_recovery_key",
)  # fmt: skip
_TYPED_MAX = 200  # of a typed user name kept in the audit log
_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I

# Argon2id with OWASP's minimum (19 MiB, 2 passes, 1 lane): ~90 ms per login on a busy
# 2-core PC instead of ~500 ms for argon2-cffi's default, which every CLI command would pay.
_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
_dummy: dict[str, str] = {}

BAD_LOGIN = "用户名或密码不正确。"


class LoginRefused(UserError):
    """Wrong name or password, a deactivated account, or too many failures just now."""


@dataclass(frozen=True)
class Account:
    login: str
    name: str
    role: str
    may_see_pii: bool
    active: bool
    created_at: datetime


def _account(u: User) -> Account:
    return Account(u.login, u.name, u.role, bool(u.may_see_pii), bool(u.active), u.created_at)


def _now() -> datetime:
    return utc_now().replace(tzinfo=None, microsecond=0)


# --- hashing ---------------------------------------------------------------------------


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored: str, password: str) -> bool:
    """True when ``password`` matches the Argon2 hash ``stored`` (False for an empty hash)."""
    if not stored:
        if not _dummy:
            _dummy["hash"] = _hasher.hash("not a password")
        _safe_verify(_dummy["hash"], password)  # same work either way
        return False
    return _safe_verify(stored, password)


def _safe_verify(stored: str, password: str) -> bool:
    try:
        return _hasher.verify(stored, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise ValidationError({"password": f"密码：至少 {MIN_PASSWORD} 个字符"})
    if password != password.strip():
        raise ValidationError({"password": "密码：开头和结尾不能有空格"})
    return password


# --- state -----------------------------------------------------------------------------


def has_accounts() -> bool:
    """Whether anyone must log in: an active user with a password exists."""
    return (
        User.select().where((User.active == True) & (User.password_hash != "")).exists()  # noqa: E712
    )


def get(login: str) -> Account | None:
    u = User.get_or_none(User.login == login.strip())
    return _account(u) if u else None


def list_accounts(ctx: Context) -> list[Account]:
    require(ctx, Permission.USERS, "user")
    return [_account(u) for u in User.select().order_by(User.login)]


def context_for(site: Site, login: str) -> Context:
    """The context of ``login`` (after :func:`authenticate`)."""
    u = User.get_or_none(User.login == login)
    if u is None or not u.active:
        raise LoginRefused(BAD_LOGIN)
    return Context(
        site_uuid=site.uuid,
        site_code=site.code,
        site_kind=site.kind,
        user=u.login,
        role=Role(u.role),
        may_see_pii=bool(u.may_see_pii),
    )


# --- login and its slow-down ------------------------------------------------------------


def delay_after(failures: int) -> timedelta:
    """How long the next attempt must wait after ``failures`` failures in a row."""
    if failures <= FREE_FAILURES:
        return timedelta(0)
    return min(timedelta(seconds=2 ** min(failures - FREE_FAILURES, 20)), MAX_DELAY)


def failures(login: str) -> int:
    """Failed attempts of ``login`` in a row (0 after a success)."""
    return login_counter.state(login.strip())[0]


def wait_left(login: str, now: datetime | None = None) -> int:
    """Seconds until ``login`` may try again (0: now)."""
    count, until = login_counter.state(login.strip())
    now = now or _now()
    if until is None:
        return 0
    until = min(until, now + delay_after(count))  # a clock set back locks nobody out
    return int((until - now).total_seconds() + 0.999) if until > now else 0


def _count_attempt(key: str, typed: str, now: datetime) -> None:
    """Count the attempt as a failure before anything is checked (a success clears it);
    refuse, unchecked and audited, while ``key`` must wait."""
    left = login_counter.count_attempt(key, now, delay_after)
    if left:
        _audit_failure(typed, WAITING, now)
        raise LoginRefused(f"登录失败次数过多，请 {left} 秒后再试。")


def _audit_failure(typed: str, kind: str, now: datetime) -> None:
    """Record a failed login: the name as typed, the time and the kind (never a password).

    A database that cannot be written just now (another program's write, a read-only view)
    loses the entry, not the refusal: it is logged instead.
    """
    name = typed[:_TYPED_MAX]
    try:
        AuditEntry.create(
            at=now, user=name, action=LOGIN_FAILED, record_type="user", record_uuid=name,
            changes=json.dumps({"kind": [None, kind]}),
        )  # fmt: skip
    except pw.DatabaseError:
        log.warning("could not audit a failed login (%s) of %r", kind, name, exc_info=True)


def authenticate(login: str, password: str, *, now: datetime | None = None) -> Account:
    """Check a login; raise :class:`LoginRefused` (one message for any wrong part).

    Writes nothing to the database on success (unless the password hash is upgraded).
    """
    typed, login = login, login.strip()
    now = now or _now()
    _count_attempt(login, typed, now)
    u = User.get_or_none(User.login == login) if login else None
    ok = verify_password(u.password_hash if u else "", password)
    if not ok or u is None or not u.active:
        kind = UNKNOWN_USER if u is None else WRONG_PASSWORD if not ok else DEACTIVATED
        _audit_failure(typed, kind, now)
        raise LoginRefused(BAD_LOGIN)
    login_counter.clear(login)
    if _hasher.check_needs_rehash(u.password_hash):
        User.update(password_hash=hash_password(password)).where(User.id == u.id).execute()
    return _account(u)


# --- first admin, recovery ---------------------------------------------------------------


def _new_recovery_key() -> str:
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(25))
    key = "-".join(raw[i : i + 5] for i in range(0, 25, 5))
    Setting.insert(key=RECOVERY_SETTING, value=hash_password(key)).on_conflict_replace().execute()
    return key


def _normal_key(text: str) -> str:
    raw = "".join(ch for ch in text.upper() if ch.isalnum())
    return "-".join(raw[i : i + 5] for i in range(0, len(raw), 5))


def first_admin(
    login: str, password: str, name: str = "管理员", *, recovery_key: bool = True
) -> str | None:
    """Create (or give a password to) the first administrator; returns the recovery key.

    Refused once the database has accounts: later users are added by an admin.
    """
    login = _check_login(login)
    check_password(password)
    with database.atomic():
        if has_accounts():
            raise UserError("已经设置过管理员账号；其他用户请由管理员登录后添加。")
        now = _now()
        existing = User.get_or_none(User.login == login)
        if existing is None:
            User.create(
                login=login,
                name=name,
                password_hash=hash_password(password),
                role=Role.ADMIN,
                may_see_pii=True,
                created_at=now,
            )
        else:
            existing.password_hash = hash_password(password)
            existing.role, existing.may_see_pii, existing.active = Role.ADMIN, True, True
            existing.save()
        # The placeholder administrator of older set-ups cannot log in; keep it out of the way.
        User.update(active=False).where(
            (User.password_hash == "") & (User.login != login)
        ).execute()
        key = _new_recovery_key() if recovery_key else None
        site = Site.get_or_none(Site.is_local == True)  # noqa: E712
        if site is not None:
            ctx = context_for(site, login)
            audit.record(ctx, "create", "user", login, {"role": (None, Role.ADMIN)})
    return key


def new_recovery_key(ctx: Context) -> str:
    """Replace the recovery key (admin); the old one stops working."""
    require(ctx, Permission.USERS, "user")
    with database.atomic():
        key = _new_recovery_key()
        audit.record(ctx, "recovery_key", "user", ctx.user)
    return key


def recover(login: str, key: str, new_password: str, *, now: datetime | None = None) -> str:
    """Reset an admin's password with the recovery key; returns the new recovery key."""
    now = now or _now()
    check_password(new_password)
    row = Setting.get_or_none(Setting.key == RECOVERY_SETTING)
    if row is None:
        raise UserError("本数据库没有设置恢复密钥。")
    _count_attempt(_RECOVERY_LOGIN, login, now)
    u = User.get_or_none(User.login == login.strip())
    if not verify_password(row.value, _normal_key(key)) or u is None or u.role != Role.ADMIN:
        _audit_failure(login, BAD_RECOVERY_KEY, now)
        raise LoginRefused("恢复密钥或管理员用户名不正确。")
    login_counter.clear(_RECOVERY_LOGIN)
    with database.atomic():
        u.password_hash, u.active = hash_password(new_password), True
        u.save()
        login_counter.clear(u.login)
        fresh = _new_recovery_key()
        site = Site.get_or_none(Site.is_local == True)  # noqa: E712
        if site is not None:
            audit.record(context_for(site, u.login), "recover", "user", u.login)
    return fresh


def ensure_demo_admin() -> None:
    """The demo data set's documented administrator (login ``admin``, password ``demo``)."""
    if not has_accounts():
        first_admin(DEMO_LOGIN, DEMO_PASSWORD, "演示管理员", recovery_key=False)


def demo_login_works() -> bool:
    """Whether the documented demo login still opens this database (then the form says so)."""
    u = User.get_or_none(User.login == DEMO_LOGIN)
    return bool(u and u.active and verify_password(u.password_hash, DEMO_PASSWORD))


# --- managing users (admin) -------------------------------------------------------------


def _check_login(login: str) -> str:
    login = login.strip()
    if not login or len(login) > 64 or any(ch.isspace() for ch in login):
        raise ValidationError({"login": "用户名：必填，不能有空格，最多 64 个字符"})
    if login.startswith("~"):
        raise ValidationError({"login": "用户名不能以 ~ 开头"})
    return login


def _role(role: str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise ValidationError({"role": "角色只能是 admin、staff 或 viewer"}) from None


def _load(login: str) -> User:
    u = User.get_or_none(User.login == login.strip())
    if u is None:
        raise UserError(f"没有用户 {login}。")
    return u


def _admins_left(excluding: int) -> int:
    return (
        User.select()
        .where(
            (User.role == Role.ADMIN)
            & (User.active == True)  # noqa: E712
            & (User.password_hash != "")
            & (User.id != excluding)
        )
        .count()
    )


def add(
    ctx: Context,
    login: str,
    password: str,
    *,
    name: str = "",
    role: str = Role.STAFF,
    may_see_pii: bool = False,
) -> Account:
    require(ctx, Permission.USERS, "user")
    login = _check_login(login)
    check_password(password)
    chosen = _role(role)
    with database.atomic():
        if User.get_or_none(User.login == login) is not None:
            raise UserError(f"用户名 {login} 已存在。")
        if chosen is not Role.ADMIN and not has_accounts():
            raise UserError("请先为管理员设置密码（用户页的“重设密码”，或 user reset-password）。")
        u = User.create(
            login=login,
            name=name.strip() or login,
            password_hash=hash_password(password),
            role=chosen,
            may_see_pii=may_see_pii,
            created_at=ctx.now_utc(),
        )
        audit.record(
            ctx,
            "create",
            "user",
            login,
            {"role": (None, chosen.value), "may_see_pii": (None, may_see_pii)},
        )
    return _account(u)


def change(
    ctx: Context,
    login: str,
    *,
    name: str | None = None,
    role: str | None = None,
    may_see_pii: bool | None = None,
    active: bool | None = None,
) -> Account:
    """Change a user's name, role, identifier grant or active flag (admin)."""
    require(ctx, Permission.USERS, "user")
    with database.atomic():
        u = _load(login)
        wanted = {
            "name": name.strip() if name is not None else None,
            "role": _role(role).value if role is not None else None,
            "may_see_pii": may_see_pii,
            "active": active,
        }
        changes = {
            k: (getattr(u, k), v) for k, v in wanted.items() if v is not None and getattr(u, k) != v
        }
        stays_admin = wanted["role"] in (None, Role.ADMIN) and active is not False
        if u.role == Role.ADMIN and not stays_admin and _admins_left(u.id) == 0:
            raise UserError("这是唯一的管理员账号，不能停用或改为其他角色。")
        if not changes:
            return _account(u)
        for key, (_, value) in changes.items():
            setattr(u, key, value)
        u.save()
        audit.record(ctx, "update", "user", u.login, changes)
    return _account(u)


def deactivate(ctx: Context, login: str) -> Account:
    return change(ctx, login, active=False)


def reset_password(ctx: Context, login: str, password: str) -> None:
    """Set a new password for ``login``: an admin for anyone, anyone for themself."""
    if login.strip() != ctx.user:
        require(ctx, Permission.USERS, "user")
    check_password(password)
    with database.atomic():
        u = _load(login)
        u.password_hash = hash_password(password)
        u.save()
        login_counter.clear(u.login)
        audit.record(ctx, "reset_password", "user", u.login)


def as_user(ctx: Context, login: str) -> Context:
    """``ctx`` acting as the account ``login`` (its role and identifier grant)."""
    u = _load(login)
    return replace(ctx, user=u.login, role=Role(u.role), may_see_pii=bool(u.may_see_pii))
