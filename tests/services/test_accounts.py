"""Local accounts: Argon2id hashes, login refusals, the persisted slow-down, recovery."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from studio_app.core.codes import Role
from studio_app.core.errors import UserError, ValidationError
from studio_app.services import accounts, audit_review
from studio_app.services.context import Context
from studio_app.services.permissions import PermissionDenied
from studio_app.storage.database import close_database, open_database
from studio_app.storage.models import AuditEntry, Setting, User

T0 = datetime(2026, 3, 2, 9, 0, 0)


@pytest.fixture
def admin(ctx: Context) -> Context:
    """The studio's first administrator, with a password (the database now has accounts)."""
    accounts.first_admin("admin", "correct horse")
    return ctx


def test_passwords_are_stored_as_argon2id_hashes_only(admin: Context) -> None:
    stored = User.get(User.login == "admin").password_hash
    assert stored.startswith("$argon2id$") and "correct horse" not in stored
    assert accounts.verify_password(stored, "correct horse")
    assert not accounts.verify_password(stored, "correct horsE")
    assert not accounts.verify_password("", "")
    assert not accounts.verify_password("not a hash", "x")


def test_login_accepts_the_right_password_and_gives_the_accounts_rights(admin: Context) -> None:
    accounts.add(admin, "li", "viewer pw", name="李梅", role="viewer")
    account = accounts.authenticate("li", "viewer pw", now=T0)
    assert (account.login, account.role, account.may_see_pii) == ("li", "viewer", False)


@pytest.mark.parametrize(
    ("login", "password"),
    [("admin", "wrong"), ("nobody", "correct horse"), ("", ""), ("gone", "gone pw")],
)
def test_every_wrong_part_gets_the_same_answer(admin: Context, login: str, password: str) -> None:
    accounts.add(admin, "gone", "gone pw")
    accounts.deactivate(admin, "gone")
    with pytest.raises(accounts.LoginRefused) as refused:
        accounts.authenticate(login, password, now=T0)
    assert refused.value.message == "用户名或密码不正确。"


def test_failures_slow_down_the_next_attempt_and_survive_a_restart(
    admin: Context, db_path: Path
) -> None:
    for i in range(accounts.FREE_FAILURES + 1):
        with pytest.raises(accounts.LoginRefused, match="不正确"):
            accounts.authenticate("admin", f"guess {i}", now=T0)
    # Fourth failure: the next attempt must wait 2 s, even with the right password.
    assert accounts.wait_left("admin", T0) == 2
    close_database()  # the program restarts
    open_database(db_path)
    with pytest.raises(accounts.LoginRefused, match="1 秒后再试"):
        accounts.authenticate("admin", "correct horse", now=T0 + timedelta(seconds=1))
    with pytest.raises(accounts.LoginRefused, match="不正确"):
        accounts.authenticate("admin", "guess 5", now=T0 + timedelta(seconds=2))
    assert accounts.wait_left("admin", T0 + timedelta(seconds=2)) == 4  # doubles
    later = T0 + timedelta(seconds=6)
    assert accounts.authenticate("admin", "correct horse", now=later).login == "admin"
    assert accounts.wait_left("admin", later) == 0  # a success clears the count


def test_the_delay_is_capped() -> None:
    assert accounts.delay_after(3) == timedelta(0)
    assert accounts.delay_after(4) == timedelta(seconds=2)
    assert accounts.delay_after(60) == accounts.MAX_DELAY


def test_unknown_logins_are_slowed_down_too(admin: Context) -> None:
    for _ in range(accounts.FREE_FAILURES + 1):
        with pytest.raises(accounts.LoginRefused):
            accounts.authenticate("mallory", "x", now=T0)
    assert accounts.wait_left("mallory", T0) > 0


def test_first_admin_only_once_and_the_placeholder_admin_retires(ctx: Context) -> None:
    assert not accounts.has_accounts()  # set up by the services: nobody logs in yet
    key = accounts.first_admin("zhang", "zhang pw")
    assert key and len(key) == 29
    assert accounts.has_accounts()
    assert not User.get(User.login == "admin").active
    with pytest.raises(UserError, match="已经设置过管理员"):
        accounts.first_admin("other", "other pw")
    assert Setting.get(Setting.key == accounts.RECOVERY_SETTING).value.startswith("$argon2id$")


def test_weak_or_spaced_passwords_and_bad_names_are_refused(admin: Context) -> None:
    with pytest.raises(ValidationError, match="至少"):
        accounts.add(admin, "li", "abc")
    with pytest.raises(ValidationError, match="空格"):
        accounts.add(admin, "li", " abcdef")
    with pytest.raises(ValidationError, match="用户名"):
        accounts.add(admin, "li mei", "abcdef")
    with pytest.raises(ValidationError, match="角色"):
        accounts.add(admin, "li", "abcdef", role="boss")
    assert not User.select().where(User.login.startswith("li")).exists()


def test_admin_manages_users_and_changes_are_audited(admin: Context) -> None:
    accounts.add(admin, "li", "li password", role="staff")
    accounts.change(admin, "li", role="viewer", may_see_pii=True)
    accounts.reset_password(admin, "li", "new li password")
    accounts.deactivate(admin, "li")
    li = accounts.get("li")
    assert li is not None and (li.role, li.may_see_pii, li.active) == ("viewer", True, False)
    found = audit_review.entries(admin, user=admin.user, record_type="user")
    assert [e.action for e in found][:4] == ["update", "reset_password", "update", "create"]
    assert found[2].changes["role"] == ["staff", "viewer"]
    assert all("password" not in str(e.changes) for e in found)


def test_the_last_admin_cannot_be_demoted_or_deactivated(admin: Context) -> None:
    admin_ctx = accounts.as_user(admin, "admin")
    with pytest.raises(UserError, match="唯一的管理员"):
        accounts.deactivate(admin_ctx, "admin")
    with pytest.raises(UserError, match="唯一的管理员"):
        accounts.change(admin_ctx, "admin", role="staff")
    accounts.add(admin_ctx, "wang", "wang password", role="admin")
    accounts.change(admin_ctx, "admin", role="staff")  # another admin remains


def test_only_admins_manage_users_and_the_refusal_is_audited(admin: Context) -> None:
    staff = replace(admin, user="li", role=Role.STAFF)
    with pytest.raises(PermissionDenied, match="无权管理用户"):
        accounts.add(staff, "x", "x password")
    with pytest.raises(PermissionDenied):
        accounts.reset_password(staff, "admin", "taken over")
    accounts.reset_password(replace(staff, user="admin", role=Role.ADMIN), "admin", "mine now")
    refused = AuditEntry.select().where(AuditEntry.action == "refused")
    assert [(r.user, r.record_type) for r in refused] == [("li", "user"), ("li", "user")]


def test_the_recovery_key_resets_an_admin_password_once(ctx: Context) -> None:
    key = accounts.first_admin("zhang", "forgotten")
    assert key is not None
    with pytest.raises(accounts.LoginRefused, match="恢复密钥"):
        accounts.recover("zhang", "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE", "new password", now=T0)
    fresh = accounts.recover("zhang", key.lower().replace("-", " "), "new password", now=T0)
    assert fresh != key
    assert accounts.authenticate("zhang", "new password", now=T0).login == "zhang"
    with pytest.raises(accounts.LoginRefused):  # a used key stops working
        accounts.recover("zhang", key, "again password", now=T0)
    assert AuditEntry.select().where(AuditEntry.action == "recover").count() == 1


def test_the_recovery_key_only_opens_admin_accounts(ctx: Context) -> None:
    key = accounts.first_admin("zhang", "zhang pw")
    zhang = accounts.as_user(ctx, "zhang")
    accounts.add(zhang, "li", "li password", role="staff")
    assert key is not None
    with pytest.raises(accounts.LoginRefused):
        accounts.recover("li", key, "hijacked", now=T0)


def test_wrong_recovery_keys_are_slowed_down(ctx: Context) -> None:
    accounts.first_admin("zhang", "zhang pw")
    for _ in range(accounts.FREE_FAILURES + 1):
        with pytest.raises(accounts.LoginRefused):
            accounts.recover("zhang", "AAAAA", "new password", now=T0)
    with pytest.raises(accounts.LoginRefused, match="秒后再试"):
        accounts.recover("zhang", "AAAAA", "new password", now=T0)


def test_the_demo_admin_is_documented(ctx: Context) -> None:
    accounts.ensure_demo_admin()
    assert accounts.authenticate(accounts.DEMO_LOGIN, accounts.DEMO_PASSWORD, now=T0)
    assert accounts.demo_login_works()


def test_before_any_password_the_first_account_must_be_an_admin(ctx: Context) -> None:
    with pytest.raises(UserError, match="先为管理员设置密码"):
        accounts.add(ctx, "li", "li password")  # else nobody could manage users any more
    accounts.reset_password(ctx, "admin", "admin password")  # the local admin, as itself
    assert accounts.has_accounts()
    accounts.add(ctx, "li", "li password")


def test_an_attempt_is_counted_before_its_password_is_checked(
    admin: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[int] = []
    real = accounts.verify_password

    def verify(stored: str, password: str) -> bool:
        seen.append(accounts.failures("admin"))
        return real(stored, password)

    monkeypatch.setattr(accounts, "verify_password", verify)
    for i in range(2):
        with pytest.raises(accounts.LoginRefused):
            accounts.authenticate("admin", f"guess {i}", now=T0)
    accounts.authenticate("admin", "correct horse", now=T0)
    assert seen == [1, 2, 3]  # counted when checked, the success included…
    assert accounts.failures("admin") == 0  # …and a success resets the count


def test_a_successful_login_writes_nothing_to_the_database(admin: Context) -> None:
    from studio_app.storage.models import database

    database.execute_sql("PRAGMA query_only = 1")  # any write now fails
    try:
        with pytest.raises(accounts.LoginRefused):
            accounts.authenticate("admin", "wrong", now=T0)  # its audit entry is only logged
        assert accounts.authenticate("admin", "correct horse", now=T0).login == "admin"
    finally:
        database.execute_sql("PRAGMA query_only = 0")


def test_failed_logins_are_audited_with_the_name_as_typed_and_the_kind(admin: Context) -> None:
    accounts.add(admin, "gone", "gone pw")
    accounts.deactivate(admin, "gone")
    tries = [("admin", "wrong pw 1"), (" Nobody", "wrong pw 2"), ("gone", "gone pw")]
    tries += [("admin", f"wrong pw {i}") for i in range(3, 7)]
    for login, password in tries:
        with pytest.raises(accounts.LoginRefused):
            accounts.authenticate(login, password, now=T0)
    with pytest.raises(accounts.LoginRefused, match="恢复密钥"):
        accounts.recover("admin", "AAAAA-BBBBB", "new password", now=T0)
    rows = AuditEntry.select().where(AuditEntry.action == accounts.LOGIN_FAILED)
    found = [(r.user, r.at, r.changes) for r in rows.order_by(AuditEntry.id)]
    kinds = [(user, json.loads(changes)["kind"][1]) for user, _, changes in found]
    assert kinds == [
        ("admin", "wrong_password"), (" Nobody", "unknown_user"), ("gone", "deactivated"),
        ("admin", "wrong_password"), ("admin", "wrong_password"), ("admin", "wrong_password"),
        ("admin", "waiting"),  # the fourth failure earned a wait: refused unchecked
        ("admin", "wrong_recovery_key"),
    ]  # fmt: skip
    assert all(at == T0 for _, at, _ in found)
    everything = " ".join(str(r.changes) + r.user + r.record_uuid for r in AuditEntry.select())
    assert "wrong pw" not in everything and "gone pw" not in everything
    listed = audit_review.entries(admin, user=" Nobody")
    assert [e.action_label for e in listed] == ["登录失败"]


def test_counts_live_beside_the_database_or_in_memory_where_it_cannot_be_written(
    admin: Context, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from studio_app.storage import login_counter

    assert login_counter.path() == db_path.with_name("logins.sqlite3")
    with pytest.raises(accounts.LoginRefused):
        accounts.authenticate("admin", "wrong", now=T0)
    assert db_path.with_name("logins.sqlite3").is_file() and accounts.failures("admin") == 1

    unwritable = db_path.parent / "gone" / "logins.sqlite3"  # SQLite cannot open it
    monkeypatch.setattr(login_counter, "path", lambda: unwritable)
    monkeypatch.setattr(login_counter, "_memory", None)
    with pytest.raises(accounts.LoginRefused):  # a read-only disk: still counted
        accounts.authenticate("admin", "wrong", now=T0)
    assert accounts.failures("admin") == 1  # by this process
