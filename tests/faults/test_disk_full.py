"""docs/QUALITY.md row 3: the disk fills up during a write.

The database side uses SQLite's own limit (``PRAGMA max_page_count``), which fails exactly
as a full disk does (SQLITE_FULL). The export side sends the file writes to ``/dev/full``,
a device on which every write fails with ENOSPC from the kernel. Either way the user reads
"磁盘已满", the transaction is rolled back and no file is left half-written.
"""

from __future__ import annotations

import errno
import gc
import io
import os
from pathlib import Path
from typing import Any

import peewee as pw
import pytest

from studio_app.cli import _unexpected
from studio_app.core.errors import UserError
from studio_app.exchange.export import export_studio
from studio_app.services import integrity
from studio_app.services.context import Context
from studio_app.storage.models import AuditEntry, Site, Visit, database
from tests.exchange.builders import fill
from tests.faults.conftest import World
from tests.faults.helpers import fingerprint, run, run_limited
from tests.faults.helpers import integrity as file_integrity
from tests.services.helpers import visit

FULL_DEVICE = Path("/dev/full")
needs_dev_full = pytest.mark.skipif(not FULL_DEVICE.exists(), reason="no /dev/full here")


def test_row_03_database_full_during_an_import_says_so_and_changes_nothing(
    world: World, tmp_path: Path
) -> None:
    db = world.copy(world.county, tmp_path / "county")
    before = fingerprint(db)
    args = ["--data-dir", str(db.parent), "import", str(world.package)]
    done = run_limited(args, max_pages_extra=8)
    assert done.returncode == 1
    assert "磁盘已满" in done.stderr and "程序内部错误" not in done.stderr, done.stderr
    assert file_integrity(db) == [] and fingerprint(db) == before
    again = run(args)  # room again: the same import goes through
    assert again.returncode == 0, again.stderr
    assert fingerprint(db) != before


def test_row_03_database_full_during_a_save_rolls_back(ctx: Context) -> None:
    visit(ctx)
    count, audits = Visit.select().count(), AuditEntry.select().count()
    conn = database.obj.connection()
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises((pw.OperationalError, pw.DatabaseError)) as info:
        visit(ctx, content="道路积水" * 1500)
    assert "磁盘已满" in _unexpected(info.value)
    assert (Visit.select().count(), AuditEntry.select().count()) == (count, audits)
    conn.execute("PRAGMA max_page_count = 1073741823")
    assert integrity.problems() == []
    visit(ctx, content="道路积水" * 1500)
    assert Visit.select().count() == count + 1


def _writes_to_full_device(monkeypatch: pytest.MonkeyPatch, wanted: Any) -> list[str]:
    """Open files matching ``wanted(path)`` for writing on /dev/full instead."""
    real_open = io.open
    redirected: list[str] = []

    def open_(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, str | os.PathLike) and set(mode) & set("wax") and wanted(file):
            redirected.append(os.fspath(file))
            return real_open(FULL_DEVICE, "wb" if "b" in mode else "w", *args, **kwargs)
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(io, "open", open_)
    return redirected


@needs_dev_full
def test_row_03_export_destination_full_says_so_and_leaves_no_file(
    ctx: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(ctx)
    usb = tmp_path / "usb"
    usb.mkdir()
    redirected = _writes_to_full_device(monkeypatch, lambda p: Path(p).parent == usb)
    with pytest.raises(UserError, match="磁盘已满") as info:
        export_studio(ctx, usb)
    assert redirected and isinstance(info.value.__cause__, OSError)
    assert info.value.__cause__.errno == errno.ENOSPC  # the kernel's own answer
    assert list(usb.iterdir()) == []
    assert Site.get(Site.is_local == True).next_package_seq == 1  # noqa: E712
    assert not AuditEntry.select().where(AuditEntry.action == "export").exists()
    monkeypatch.undo()
    assert export_studio(ctx, usb).sequence == 1


@needs_dev_full
# the workbook library's zip file, abandoned on the error, complains again when collected
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_row_03_local_disk_full_while_writing_the_workbook_says_so(
    ctx: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(ctx)
    usb = tmp_path / "usb"
    usb.mkdir()
    # the export's working folder (studio_app.scratch: temp/export-XXXXXXXX in the data folder)
    redirected = _writes_to_full_device(monkeypatch, lambda p: f"{os.sep}export-" in os.fspath(p))
    with pytest.raises(UserError) as info:
        export_studio(ctx, usb)
    message = info.value.message
    del info
    gc.collect()  # finalise the abandoned zip file here, while its writes still fail
    assert redirected
    assert "磁盘已满" in message, message
    assert list(usb.iterdir()) == []
    assert Site.get(Site.is_local == True).next_package_seq == 1  # noqa: E712
