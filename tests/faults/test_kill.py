"""docs/QUALITY.md rows 1, 2 and 28: the real program SIGKILLed at random points, many times.

Each test runs ``studio-app`` in a subprocess (tests/faults/driver.py), kills it at a point
chosen by the seed, then checks what a restart would find: the database passes
``integrity_check``, holds exactly the state before or the state after the operation (never
a mix), no file is half-written under its final name, and running the operation again
succeeds.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import zipfile
from pathlib import Path

import pytest

from studio_app.storage import migrations
from tests.faults.conftest import VISITS, World
from tests.faults.helpers import (
    Calibration,
    calibrate,
    fingerprint,
    integrity,
    run,
    run_killed,
    schema,
    table_counts,
)

# Kill points per operation; FAULT_SEEDS=200 for a longer soak before a release.
SEEDS = range(int(os.environ.get("FAULT_SEEDS", "6")))
EXPORT_COLUMNS = "uuid, rev, exchanged_rev"


@pytest.fixture(scope="module")
def import_run(
    world: World, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Calibration, dict, dict]:  # type: ignore[type-arg]
    work = tmp_path_factory.mktemp("import")
    before = fingerprint(world.county / "studio.sqlite3")
    db = world.copy(world.county, work / "county")
    cal = calibrate(["--data-dir", str(db.parent), "import", str(world.package)], work)
    return cal, before, fingerprint(db)


@pytest.mark.parametrize("seed", SEEDS)
def test_row_01_killed_import_leaves_before_or_after_and_reruns(
    seed: int,
    world: World,
    import_run: tuple[Calibration, dict, dict],
    tmp_path: Path,  # type: ignore[type-arg]
) -> None:
    cal, before, after = import_run
    assert before != after
    db = world.copy(world.county, tmp_path / "county")
    args = ["--data-dir", str(db.parent), "import", str(world.package)]
    code = run_killed(args, seed, cal)
    assert integrity(db) == []
    state = fingerprint(db)
    assert state in (before, after), f"exit {code}: partial import"
    again = run(args)
    if state == before:
        assert again.returncode == 0, again.stderr
    else:
        assert again.returncode == 1 and "导入过" in again.stderr
    assert fingerprint(db) == after and integrity(db) == []


@pytest.fixture(scope="module")
def export_run(
    world: World, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Calibration, dict, dict]:  # type: ignore[type-arg]
    work = tmp_path_factory.mktemp("export")
    before = fingerprint(world.studio / "studio.sqlite3", EXPORT_COLUMNS)
    db = world.copy(world.studio, work / "studio")
    (work / "usb").mkdir()
    cal = calibrate(["--data-dir", str(db.parent), "export", str(work / "usb")], work)
    return cal, before, fingerprint(db, EXPORT_COLUMNS)


def _complete(package: Path) -> bool:
    """The package is a whole workbook with every visit (read without the program)."""
    import python_calamine

    with zipfile.ZipFile(package) as z:
        if z.testzip() is not None:
            return False
    rows = python_calamine.load_workbook(str(package)).get_sheet_by_name("接待走访").to_python()
    return len(rows) == VISITS + 1


@pytest.mark.parametrize("seed", SEEDS)
def test_row_02_killed_export_leaves_no_half_file_and_reruns(
    seed: int,
    world: World,
    export_run: tuple[Calibration, dict, dict],
    tmp_path: Path,  # type: ignore[type-arg]
) -> None:
    cal, before, after = export_run
    assert before != after
    db = world.copy(world.studio, tmp_path / "studio")
    usb, tmp = tmp_path / "usb", tmp_path / "tmp"
    usb.mkdir()
    tmp.mkdir()
    args = ["--data-dir", str(db.parent), "export", str(usb)]
    run_killed(args, seed, cal, tmp=tmp)
    assert integrity(db) == []
    state = fingerprint(db, EXPORT_COLUMNS)
    assert state in (before, after), "records marked as sent without a finished package"
    finals = sorted(usb.glob("*.xlsx"))
    assert all(_complete(p) for p in finals), "half-written package under its final name"
    assert all(p.suffix in (".xlsx", ".part") for p in usb.iterdir())
    if state == after:
        assert len(finals) == 1  # marked as sent only once the package is in place
    again = run(args, tmp=tmp)
    assert again.returncode == 0, again.stderr
    assert fingerprint(db, EXPORT_COLUMNS) == after
    finals = sorted(usb.glob("*.xlsx"))
    assert len(finals) == 1 and _complete(finals[0])


def _version_1(source: Path, target: Path) -> None:
    """The populated studio as an installation of the first release would hold it."""
    target.parent.mkdir(parents=True)
    conn = sqlite3.connect(target)
    conn.execute("PRAGMA journal_mode = wal")
    for statement in migrations._statements(migrations.available()[0].sql):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("ATTACH DATABASE ? AS src", (str(source),))
    tables = [r[0] for r in conn.execute("SELECT name FROM main.sqlite_master WHERE type='table'")]
    for table in tables:
        ours = [(r[1], r[3]) for r in conn.execute(f'PRAGMA main.table_info("{table}")')]
        theirs = {r[1] for r in conn.execute(f'PRAGMA src.table_info("{table}")')}
        # A column dropped since (visit.reporting_point, migration 20) takes its blank.
        kept = [c for c, not_null in ours if c in theirs or not_null]
        values = ", ".join(f'"{c}"' if c in theirs else "''" for c in kept)
        cols = ", ".join(f'"{c}"' for c in kept)
        conn.execute(f'INSERT INTO main."{table}" ({cols}) SELECT {values} FROM src."{table}"')
    conn.commit()
    conn.execute("DETACH DATABASE src")
    conn.close()


def _schemas(work: Path) -> dict[int, set[tuple[str, str]]]:
    """The schema objects expected at each version, from migrating an empty file step by step."""
    conn = sqlite3.connect(work / "steps.sqlite3")
    conn.create_function("search_doc", -1, lambda *parts: "")
    found = {}
    for step in migrations.available():
        for statement in migrations._statements(step.sql):
            conn.execute(statement)
        found[step.version] = set(conn.execute("SELECT type, name FROM sqlite_master"))
    conn.close()
    return found


@pytest.fixture(scope="module")
def migration_run(
    world: World, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Calibration, Path, dict, dict]:  # type: ignore[type-arg]
    work = tmp_path_factory.mktemp("migrate")
    template = work / "v1" / "studio.sqlite3"
    _version_1(world.studio / "studio.sqlite3", template)
    counts = table_counts(template)
    assert counts["visit"] == VISITS
    db = world.copy(template.parent, work / "run")
    cal = calibrate(["--data-dir", str(db.parent), "stats"], work)
    assert schema(db)[0] == migrations.LATEST
    return cal, template.parent, counts, _schemas(work)


@pytest.mark.parametrize("seed", SEEDS)
def test_row_28_killed_migration_keeps_every_row_and_a_whole_version(
    seed: int,
    world: World,
    migration_run: tuple[Calibration, Path, dict, dict],
    tmp_path: Path,  # type: ignore[type-arg]
) -> None:
    cal, template, counts, schemas = migration_run
    db = world.copy(template, tmp_path / "old")
    args = ["--data-dir", str(db.parent), "stats"]
    run_killed(args, seed, cal)
    assert integrity(db) == []
    version, objects = schema(db)
    assert objects == schemas[version], f"version {version} with another version's schema"
    assert {k: v for k, v in table_counts(db).items() if k in counts} == counts
    again = run(["--data-dir", str(db.parent), "check"])  # migrates the rest, then checks
    assert again.returncode == 0, again.stderr
    assert schema(db)[0] == migrations.LATEST
    assert {k: v for k, v in table_counts(db).items() if k in counts} == counts


@pytest.fixture(scope="module")
def backup_run(world: World, tmp_path_factory: pytest.TempPathFactory) -> tuple[Calibration, Path]:
    work = tmp_path_factory.mktemp("backup")
    template = world.copy(world.studio, work / "template").parent
    first = run(["--data-dir", str(template), "backup"])  # the previous backup
    assert first.returncode == 0, first.stderr
    db = world.copy(template, work / "run")
    cal = calibrate(["--data-dir", str(db.parent), "backup"], work)
    return cal, template


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _sound(path: Path) -> bool:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    finally:
        conn.close()


@pytest.mark.parametrize("seed", SEEDS)
def test_row_02_killed_backup_leaves_the_previous_intact_and_no_half_file(
    seed: int, world: World, backup_run: tuple[Calibration, Path], tmp_path: Path
) -> None:
    cal, template = backup_run
    db = world.copy(template, tmp_path / "data")
    folder = db.parent / "backups"
    previous = {p.name: _digest(p) for p in folder.glob("*.sqlite3")}
    assert len(previous) == 1
    before = fingerprint(db)
    run_killed(["--data-dir", str(db.parent), "backup"], seed, cal)
    assert integrity(db) == [] and fingerprint(db) == before
    assert {n: _digest(folder / n) for n in previous} == previous, "previous backup changed"
    finals = [p for p in folder.glob("*.sqlite3") if not p.name.startswith(".")]
    assert all(_sound(p) for p in finals), "half-written backup under its final name"
    again = run(["--data-dir", str(db.parent), "backup"])
    assert again.returncode == 0, again.stderr
    assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == [], "temp file left"
    assert all(_sound(p) for p in folder.glob("*.sqlite3"))
