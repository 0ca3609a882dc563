"""Identifiers never reach a user without the grant, on the command line (real processes).

A ledger gets known phone and ID numbers (tests/known_identifiers.py) in residents, their
edits, a merge (whose undo data keeps every column, ``phone_key`` included) and a waiting
conflict; then every output an ungranted user can produce is grepped for them, in any form.
The same outputs for a granted user who asks prove the identifiers are there to leak.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from studio_app.paths import DataDir
from studio_app.services import resident_merge, residents, visits
from studio_app.storage.database import close_database
from studio_app.storage.models import ExchangeConflict
from studio_app.workspace import open_workspace
from tests import known_identifiers as known
from tests.reports.pdf import flat, needs_poppler

PASSWORDS = {"admin": "demo", "auditor": "auditor pw", "reader": "reader pw"}


def run(data: Path, user: str, *args: str, new_password: str = "") -> str:
    """``studio-app`` as ``user`` in its own process; its stdout and stderr together."""
    env = {
        **os.environ,
        "STUDIO_APP_DATA_DIR": str(data),
        "STUDIO_APP_USER": user,
        "STUDIO_APP_PASSWORD": PASSWORDS[user],
        "STUDIO_APP_NEW_PASSWORD": new_password,
        "PYTHONIOENCODING": "utf-8",
    }
    done = subprocess.run(
        [sys.executable, "-m", "studio_app", *args], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, (args, done.stdout, done.stderr)
    return done.stdout + done.stderr


def plant(data: Path) -> tuple[str, str]:
    """Residents with known identifiers, edited and merged, a visit and a conflict; returns
    the visit's serial and month."""
    workspace = open_workspace(DataDir(data))
    workspace.login = "admin"
    ctx = workspace.context()
    try:
        first = residents.create(
            ctx, {"name": "测试甲", "phone": known.MOBILE_1, "id_number": known.ID_1}
        )
        residents.update(ctx, first.id, {"phone": known.MOBILE_2})  # phone and phone_key
        dup = residents.create(
            ctx, {"name": "测试乙", "phone": known.LANDLINE, "id_number": known.ID_2}
        )
        keep = residents.create(ctx, {"name": "测试乙", "village": "东村"})
        resident_merge.merge(ctx, keep.id, dup.id)  # fills phone, phone_key and ID number
        occurred = ctx.now_local().replace(second=0) - timedelta(days=1)
        visit = visits.create(
            ctx,
            {
                "channel": "reception",
                "occurred_at": occurred,
                "members": [1],
                "residents": [first.id, keep.id],
                "category": "01",
                "content": "路灯不亮",
                "handling": "answered",
            },
        )
        row = residents.get(first.id)
        local = {"uuid": row.uuid, "name": "测试甲", "phone": known.MOBILE_2,
                 "phone_key": known.MOBILE_2, "id_number": known.ID_1}  # fmt: skip
        incoming = {**local, "phone": known.MOBILE_3, "phone_key": known.MOBILE_3,
                    "id_number": known.ID_3}  # fmt: skip
        ExchangeConflict.create(
            package_uuid="00000000-0000-4000-8000-000000000001", record_type="resident",
            record_uuid=row.uuid, reason="双方都修改了该记录", local=json.dumps(local),
            incoming=json.dumps(incoming), created_at=datetime(2026, 11, 2, 8, 0),
        )  # fmt: skip
        return str(visit.serial), f"{occurred:%Y-%m}"
    finally:
        close_database()


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    data = tmp_path_factory.mktemp("ledger")
    env = {**os.environ, "STUDIO_APP_DATA_DIR": str(data)}
    subprocess.run(
        [sys.executable, "-m", "studio_app", "demo", "--visits", "20"], env=env, check=True,
        capture_output=True,
    )  # fmt: skip
    serial, month = plant(data)
    run(data, "admin", "user", "add", "auditor", "--role", "admin", new_password="auditor pw")
    run(data, "admin", "user", "add", "reader", "--role", "viewer", new_password="reader pw")
    return data, serial, month


def test_every_output_of_an_ungranted_user_is_free_of_identifiers(
    ledger: tuple[Path, str, str], tmp_path: Path
) -> None:
    data, _, _ = ledger
    outputs: dict[str, str] = {}
    for user in ("auditor", "reader"):
        outputs[f"{user}: conflicts"] = run(data, user, "conflicts")
        outputs[f"{user}: stats"] = run(data, user, "stats")
    outputs["audit text"] = run(data, "auditor", "audit")
    outputs["audit json"] = run(data, "auditor", "audit", "--json")
    for suffix in ("csv", "xlsx"):
        path = tmp_path / f"audit.{suffix}"
        run(data, "auditor", "audit", "--output", str(path))
        outputs[f"audit {suffix}"] = known.file_text(path)
    assert "phone_key" in outputs["audit text"]  # the derived column is in the log, masked
    assert "138****9876" in outputs["reader: conflicts"]  # masked, not left out
    found = {name: known.leaks(text) for name, text in outputs.items()}
    assert {name: hits for name, hits in found.items() if hits} == {}


def test_the_same_outputs_show_them_to_a_granted_user_who_asks(
    ledger: tuple[Path, str, str], tmp_path: Path
) -> None:
    """The control: the identifiers are in the log and the conflict to be found."""
    data, _, _ = ledger
    shown = run(data, "admin", "audit", "--json", "--include-identifiers")
    for needle in (known.MOBILE_1, known.MOBILE_2, known.ID_1, known.ID_2, known.LANDLINE):
        assert needle in shown
    conflicts = run(data, "admin", "conflicts")
    assert known.MOBILE_3 in conflicts and known.ID_3 in conflicts


@needs_poppler
def test_default_exports_prints_ledger_and_logs_are_free_of_identifiers(
    ledger: tuple[Path, str, str], tmp_path: Path
) -> None:
    data, serial, month = ledger
    out = tmp_path / "out"
    out.mkdir()
    run(data, "admin", "export", str(out))
    run(data, "admin", "ledger", str(out), "--month", month)
    pdf = out / "visit.pdf"
    run(data, "reader", "print", "visit", serial, "-o", str(pdf))
    texts = {p.name: known.file_text(p) for p in out.glob("*.xlsx")}
    assert len(texts) == 2
    texts["visit.pdf"] = flat(pdf)
    assert "测试甲" in texts["visit.pdf"]
    for log in DataDir(data).logs.rglob("*"):
        if log.is_file():
            texts[f"log {log.name}"] = known.file_text(log)
    found = {name: known.leaks(text) for name, text in texts.items()}
    assert {name: hits for name, hits in found.items() if hits} == {}
