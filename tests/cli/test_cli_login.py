"""Logging in from real processes: parallel guesses, reading beside an import, refusals.

Every command here runs as ``python -m studio_app`` in its own process, as scripts and
people run it; several at once where the point is what happens at the same time.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from studio_app.services import accounts
from studio_app.storage.database import close_database, open_database
from studio_app.storage.models import AuditEntry

PASSWORDS = {"admin": "demo", "clerk": "clerk pw", "reader": "reader pw"}
GUESSES = 20

# Holds the database's write lock, as an import's apply does, until stdin closes.
HOLD_WRITE_LOCK = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
conn.execute("INSERT OR REPLACE INTO setting (key, value) VALUES ('test.import', 'applying')")
print("locked", flush=True)
sys.stdin.readline()
conn.execute("ROLLBACK")
"""


def env(data: Path, user: str, password: str | None = None, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "STUDIO_APP_DATA_DIR": str(data),
        "STUDIO_APP_USER": user,
        "STUDIO_APP_PASSWORD": PASSWORDS.get(user, "") if password is None else password,
        "PYTHONIOENCODING": "utf-8",
        **extra,
    }


def run(data: Path, user: str, *args: str, **kw: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "studio_app", *args],
        env=env(data, user, **kw),
        capture_output=True,
        text=True,
    )


def audited_failures(data: Path) -> list[tuple[str, str]]:
    """(user as typed, kind) of every failed login in the audit log."""
    open_database(data / "studio.sqlite3")
    try:
        rows = AuditEntry.select().where(AuditEntry.action == accounts.LOGIN_FAILED)
        return [(r.user, json.loads(r.changes)["kind"][1]) for r in rows.order_by(AuditEntry.id)]
    finally:
        close_database()


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A demo ledger (admin / demo) with a staff member and a viewer."""
    folder = tmp_path / "data"
    assert run(folder, "admin", "demo", "--visits", "20").returncode == 0
    for login, role in (("clerk", "staff"), ("reader", "viewer")):
        done = run(
            folder, "admin", "user", "add", login, "--role", role,
            STUDIO_APP_NEW_PASSWORD=PASSWORDS[login],
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
    return folder


def test_parallel_wrong_passwords_are_each_counted_before_they_are_checked(data: Path) -> None:
    guesses = [
        subprocess.Popen(
            [sys.executable, "-m", "studio_app", "stats"],
            env=env(data, "admin", f"guess number {i}"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(GUESSES)
    ]
    answers = Counter()
    for p in guesses:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 1
        answers["checked" if err == accounts.BAD_LOGIN + "\n" else "waiting"] += 1
        assert err == accounts.BAD_LOGIN + "\n" or "秒后再试" in err, err
    open_database(data / "studio.sqlite3")
    try:
        counted = accounts.failures("admin")
    finally:
        close_database()
    # Every password checked was counted first; once the free attempts were used up,
    # the others had to wait and were refused without a check.
    assert counted == answers["checked"]
    assert accounts.FREE_FAILURES < answers["checked"] < GUESSES
    kinds = Counter(kind for _, kind in audited_failures(data))
    assert kinds == {"wrong_password": answers["checked"], "waiting": answers["waiting"]}


def test_failed_logins_are_audited_by_kind_and_never_with_the_password(data: Path) -> None:
    assert run(data, "admin", "user", "deactivate", "clerk").returncode == 0
    tries = [
        ("admin", "secret-guess-1"),
        ("  nobody ", "secret-guess-2"),
        ("clerk", PASSWORDS["clerk"]),
    ]
    for login, password in tries:
        done = run(data, login, "stats", password=password)
        assert done.returncode == 1 and done.stderr == accounts.BAD_LOGIN + "\n"
    assert run(data, "admin", "stats").returncode == 0  # a success is not a failure
    assert audited_failures(data) == [
        ("admin", "wrong_password"),
        ("  nobody ", "unknown_user"),
        ("clerk", "deactivated"),
    ]
    conn = sqlite3.connect(data / "studio.sqlite3")
    logged = "\n".join(r[0] for r in conn.execute("SELECT changes || user FROM audit_entry"))
    conn.close()
    assert "secret-guess" not in logged and PASSWORDS["clerk"] not in logged
    listing = run(data, "admin", "audit", "--type", "user").stdout
    assert "登录失败" in listing and "nobody" in listing


@pytest.fixture
def import_applying(data: Path) -> Iterator[None]:
    """Another process holds the database's write lock (an import applying its rows)."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_WRITE_LOCK, str(data / "studio.sqlite3")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        yield
    finally:
        assert holder.stdin is not None and holder.stdout is not None
        holder.stdin.close()
        holder.wait(timeout=30)
        holder.stdout.close()


def test_reading_commands_log_in_and_work_while_an_import_writes(
    data: Path, import_applying: None, tmp_path: Path
) -> None:
    conn = sqlite3.connect(data / "studio.sqlite3")
    query = "SELECT serial FROM visit WHERE deleted_at IS NULL ORDER BY id LIMIT 1"
    serial = conn.execute(query).fetchone()[0]
    conn.close()
    commands = [
        ("admin", "stats"), ("reader", "stats", "--json"), ("admin", "check"),
        ("admin", "backup", "--list"), ("reader", "conflicts"), ("admin", "audit"),
        ("admin", "user", "list"), ("reader", "sync-status"),
        ("reader", "print", "visit", serial, "-o", str(tmp_path / "v.pdf")),
    ]  # fmt: skip
    for user, *args in commands:
        started = time.monotonic()
        done = run(data, user, *args)
        assert done.returncode == 0, (args, done.stderr)
        assert "数据库正被其他程序使用" not in done.stderr
        if args == ["check"]:  # its full-text check is a write: waited for, then skipped
            assert "全文索引未检查" in done.stderr and "完好" in done.stdout
        else:  # logging in never waited for the write lock (5 s)
            assert time.monotonic() - started < 4.5, args
    # A wrong password is still refused as such while the import writes.
    done = run(data, "reader", "stats", password="wrong")
    assert (done.returncode, done.stderr) == (1, accounts.BAD_LOGIN + "\n")


def test_each_refusal_names_what_was_refused(data: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.sqlite3"
    done = run(data, "clerk", "backup", str(copy))
    assert done.returncode == 1 and not copy.exists()
    assert done.stderr == "当前用户 clerk（工作人员）无权把数据库复制到备份文件夹以外。\n"
    assert run(data, "clerk", "backup").returncode == 0  # into the backup folder: anyone
    assert run(data, "admin", "backup", str(copy)).returncode == 0
    done = run(data, "clerk", "restore", str(copy))
    assert done.stderr == "当前用户 clerk（工作人员）无权从备份恢复数据库。\n"


def test_only_an_administrator_generates_demo_data_and_never_into_a_real_ledger(
    tmp_path: Path,
) -> None:
    real = tmp_path / "real"
    setup = ["setup", "--kind", "studio", "--name", "东山镇政协委员工作室", "--code", "DSZ"]
    assert run(real, "admin", *setup, STUDIO_APP_NEW_PASSWORD="admin pw").returncode == 0
    added = run(real, "admin", "user", "add", "reader", "--role", "viewer", password="admin pw",
                STUDIO_APP_NEW_PASSWORD=PASSWORDS["reader"])  # fmt: skip
    assert added.returncode == 0, added.stderr

    def state() -> tuple[int, int]:
        conn = sqlite3.connect(real / "studio.sqlite3")
        try:
            visits = conn.execute("SELECT count(*) FROM visit").fetchone()[0]
            demo = conn.execute("SELECT count(*) FROM setting WHERE key = 'site.demo'")
            return visits, demo.fetchone()[0]
        finally:
            conn.close()

    done = run(real, "reader", "demo", "--visits", "50")
    assert (done.returncode, done.stderr) == (1, "当前用户 reader（查阅）无权生成演示数据。\n")
    done = run(real, "admin", "demo", "--visits", "50", password="admin pw")
    assert done.returncode == 1 and "正式使用的台账" in done.stderr
    assert state() == (0, 0)
