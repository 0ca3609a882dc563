"""docs/QUALITY.md rows 1–2 for the exchange: killed in an import or an export, cancelled export."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from studio_app.exchange.export import export_studio
from studio_app.exchange.importer import import_package
from studio_app.exchange.writer import ExportCancelled
from studio_app.services import integrity
from studio_app.storage.database import close_database
from studio_app.storage.models import ImportHistory
from tests.exchange.builders import fill
from tests.exchange.conftest import Install, everything

pytestmark = pytest.mark.both_engines  # the county's database: SQLite, then PostgreSQL

KILL_DURING_APPLY = """
import os, signal, sys
from pathlib import Path
from studio_app.exchange import apply
from studio_app.services import site
from studio_app.exchange.importer import import_package
from tests.exchange.conftest import use

real = apply._Writer.sheet
def sheet(self, *args, **kw):
    real(self, *args, **kw)
    if args[0].record == "visit":  # members, residents and visits written, not committed
        os.kill(os.getpid(), signal.SIGKILL)
apply._Writer.sheet = sheet
where = sys.argv[1]
use(where if "://" in where else Path(where), Path(sys.argv[3]) if sys.argv[3] else None)
import_package(site.context_for(site.local_site()), Path(sys.argv[2]))
"""


def test_row_01_killed_during_an_import_leaves_nothing_and_reimport_works(
    studio: Install, county: Install, out: Path
) -> None:
    with studio as ctx:
        fill(ctx)
        path = export_studio(ctx, out).path
    with county:
        before = everything()
    close_database()
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(KILL_DURING_APPLY),
         str(county.path), str(path), str(county.folder or "")],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == -9, done.stderr
    with county as cctx:
        assert integrity.problems() == []
        assert everything() == before and ImportHistory.select().count() == 0
        assert import_package(cctx, path).applied  # type: ignore[arg-type]


def test_row_02_a_cancelled_export_leaves_no_file_and_marks_nothing(
    studio: Install, out: Path
) -> None:
    with studio as ctx:
        from studio_app.demo import studio as demo

        demo.generate(ctx, visits=2500)
        seen: list[tuple[int, int]] = []
        with pytest.raises(ExportCancelled):
            export_studio(
                ctx, out, progress=lambda d, t: seen.append((d, t)), cancelled=lambda: bool(seen)
            )
        assert list(out.iterdir()) == [] and seen
        again = export_studio(ctx, out)
        assert again.sequence == 1 and again.counts["接待走访"] == 2500


def test_row_08_an_import_can_be_cancelled_and_changes_nothing(
    studio: Install, county: Install, out: Path
) -> None:
    from studio_app.demo import studio as demo
    from studio_app.exchange.reader import ImportCancelled

    with studio as ctx:
        demo.generate(ctx, visits=2500)
        path = export_studio(ctx, out).path
    with county as cctx:
        before = everything()
        seen: list[tuple[int, int]] = []
        with pytest.raises(ImportCancelled):
            import_package(
                cctx,
                path,
                progress=lambda d, t: seen.append((d, t)),
                cancelled=lambda: bool(seen),
            )  # type: ignore[arg-type]
        assert everything() == before and seen[0][1] >= 2500
