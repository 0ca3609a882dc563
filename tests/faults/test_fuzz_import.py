"""Fuzzing the importer: damaged, shuffled and generated workbooks (docs/QUALITY.md rows 4–18).

Whatever the file, an import ends in one of two ways: a clean refusal (:class:`UserError`,
with the database exactly as before) or an import that leaves a sound database. Any other
exception is a bug. Inputs start from a real package: bytes flipped, cut short, zip parts
dropped, duplicated or reordered, sheets removed or reordered, cells overwritten with
formulas, huge or odd values, the manifest altered; and workbooks made from scratch.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio_app.core.errors import UserError
from studio_app.exchange.export import export_studio
from studio_app.exchange.importer import import_package
from studio_app.services import integrity, site
from studio_app.storage.database import close_database, open_database
from studio_app.storage.models import database
from tests.exchange.builders import fill

SHEETS = ["委员", "群众", "接待走访", "访谈", "提案与社情民意", "说明", "_manifest"]
# A longer search: STUDIO_FUZZ_EXAMPLES=400 (inputs per test); STUDIO_FUZZ_RANDOM=1 with
# --hypothesis-seed=N for other inputs than the fixed ones (-o timeout=0 for long runs).
EXAMPLES = int(os.environ.get("STUDIO_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    # The same inputs on every run (a failure is always reproducible) unless asked otherwise.
    derandomize=not os.environ.get("STUDIO_FUZZ_RANDOM"),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@dataclass(repr=False)
class Bench:
    package: bytes  # a real studio package
    county: Path  # the county database imports go into
    pristine: Path  # a copy of it before any import
    incoming: Path  # where each input is written
    outcomes: dict[str, int]
    refusals: set[str] = field(default_factory=set)  # the messages given

    def __repr__(self) -> str:  # hypothesis prints the arguments of a failing example
        return f"Bench({self.county.parent})"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:  # not the package's bytes
        printer.text(repr(self))


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bench]:
    root = tmp_path_factory.mktemp("fuzz")
    for folder in ("studio", "county", "out"):
        (root / folder).mkdir()
    open_database(root / "studio" / "studio.sqlite3")
    ctx = site.context_for(site.setup("studio", "石桥镇政协委员工作室", "SQZ", "石桥镇", "平阳县"))
    fill(ctx)
    path = export_studio(ctx, root / "out", include_identifiers=True).path
    assert path is not None
    close_database()
    county = root / "county" / "studio.sqlite3"  # a data directory of its own (backups/)
    open_database(county)
    site.setup("county", "平阳县政协", "PYX", "", "平阳县")
    close_database()
    shutil.copy(county, root / "pristine.sqlite3")
    bench = Bench(path.read_bytes(), county, root / "pristine.sqlite3", root / "in.xlsx", {})
    yield bench
    close_database()
    print(f"\nimporter fuzzing outcomes: {bench.outcomes}")


def _state() -> str:
    """A digest of every row of every table (the county database is small)."""
    conn = database.obj.connection()
    digest = hashlib.sha256()
    names = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    ).fetchall()
    for (name,) in names:
        rows = sorted(repr(r) for r in conn.execute(f'SELECT * FROM "{name}"'))
        digest.update(f"{name}:{len(rows)}:{''.join(rows)}".encode())
    return digest.hexdigest()


def attempt(bench: Bench, data: bytes) -> str:
    """Import ``data``: a refusal must change nothing, an import must leave a sound database.

    Any other exception fails the test.
    """
    bench.incoming.write_bytes(data)
    close_database()
    open_database(bench.county)
    ctx = site.context_for(site.local_site())  # type: ignore[arg-type]
    before = _state()
    try:
        result = import_package(ctx, bench.incoming)
    except UserError as exc:
        assert exc.message.strip(), "a refusal without a message"
        assert _state() == before, f"refused ({exc.message}) but the database changed"
        bench.refusals.add(exc.message)
        outcome = "refused"
    else:
        assert integrity.problems() == []
        outcome = "imported" if result.applied else "conflicts"
        close_database()
        shutil.copy(bench.pristine, bench.county)  # the next input meets an empty county
        for suffix in ("-wal", "-shm"):
            Path(f"{bench.county}{suffix}").unlink(missing_ok=True)
    bench.outcomes[outcome] = bench.outcomes.get(outcome, 0) + 1
    return outcome


def test_the_untouched_package_imports(bench: Bench) -> None:
    assert attempt(bench, bench.package) == "imported"


# -- bytes ---------------------------------------------------------------------------------


@FUZZ
@given(st.data())
def test_flipped_bytes(bench: Bench, data: st.DataObject) -> None:
    raw = bytearray(bench.package)
    for _ in range(data.draw(st.integers(1, 8), label="flips")):
        at = data.draw(st.integers(0, len(raw) - 1))
        raw[at] ^= data.draw(st.integers(1, 255))
    attempt(bench, bytes(raw))


@FUZZ
@given(st.data())
def test_truncated_files(bench: Bench, data: st.DataObject) -> None:
    size = data.draw(st.integers(0, len(bench.package) - 1), label="size")
    attempt(bench, bench.package[:size])


# -- zip parts -----------------------------------------------------------------------------


def _parts(package: bytes) -> list[tuple[zipfile.ZipInfo, bytes]]:
    with zipfile.ZipFile(io.BytesIO(package)) as z:
        return [(info, z.read(info)) for info in z.infolist()]


def _zip(parts: list[tuple[zipfile.ZipInfo, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info, content in parts:
            z.writestr(info.filename, content)
    return out.getvalue()


@pytest.mark.filterwarnings("ignore:Duplicate name:UserWarning")
@FUZZ
@given(st.data())
def test_zip_parts_dropped_duplicated_reordered_or_damaged(
    bench: Bench, data: st.DataObject
) -> None:
    parts = _parts(bench.package)
    for _ in range(data.draw(st.integers(1, 3), label="changes")):
        i = data.draw(st.integers(0, len(parts) - 1), label="part")
        change = data.draw(st.sampled_from(["drop", "duplicate", "shuffle", "cut", "flip"]))
        info, content = parts[i]
        if change == "drop" and len(parts) > 1:
            del parts[i]
        elif change == "duplicate":
            parts.insert(data.draw(st.integers(0, len(parts))), (info, content))
        elif change == "shuffle":
            parts = data.draw(st.permutations(parts))
        elif change == "cut":
            parts[i] = (info, content[: data.draw(st.integers(0, max(0, len(content) - 1)))])
        elif content:
            raw = bytearray(content)
            at = data.draw(st.integers(0, len(raw) - 1))
            raw[at] = data.draw(st.sampled_from(b"<>&\"'=/\x00\x01 9a\xe4"))
            parts[i] = (info, bytes(raw))
    attempt(bench, _zip(parts))


# -- sheets and cells ----------------------------------------------------------------------

_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
    max_size=40,
)
CELLS = st.one_of(
    st.none(),
    _TEXT,
    _TEXT.map(lambda t: "=" + t),  # becomes a formula cell
    st.sampled_from(["=1+1", "=SUM(A1:A9)", '=HYPERLINK("http://x","y")', "@x", "+86 1", "-1"]),
    st.tuples(st.sampled_from("道a9 "), st.integers(30_000, 40_000)).map(lambda p: p[0] * p[1]),
    st.integers(-(2**53), 2**53),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(2100, 1, 1)),
    st.sampled_from(
        ["11010519491231002x", "1.10105194912312E+17", "０５７７－１２３４", "9999-99-99"]
    ),
)
MANIFEST_VALUES = st.one_of(
    st.sampled_from(["99", "0", '""', "null", "[]", "{}", '"studio"', '"feedback"', "not json"]),
    st.integers(-5, 10**6).map(str),
    _TEXT,
)


def _workbook(package: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(package))


def _save(wb: Any) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@FUZZ
@given(st.data())
def test_sheets_removed_reordered_and_cells_overwritten(bench: Bench, data: st.DataObject) -> None:
    wb = _workbook(bench.package)
    for _ in range(data.draw(st.integers(1, 6), label="changes")):
        change = data.draw(st.sampled_from(["cell", "cell", "cell", "remove", "move", "manifest"]))
        if change == "remove" and len(wb.sheetnames) > 1:
            wb.remove(wb[data.draw(st.sampled_from(wb.sheetnames))])
        elif change == "move":
            wb._sheets = data.draw(st.permutations(wb._sheets))
        elif change == "manifest" and "_manifest" in wb.sheetnames:
            ws = wb["_manifest"]
            row = data.draw(st.integers(1, ws.max_row + 1), label="manifest row")
            column = data.draw(st.sampled_from([1, 2]))
            value = data.draw(MANIFEST_VALUES if column == 2 else _TEXT)
            ws.cell(row, column).value = value
        else:
            ws = wb[data.draw(st.sampled_from(wb.sheetnames))]
            row = data.draw(st.integers(1, ws.max_row + 2), label="row")
            column = data.draw(st.integers(1, ws.max_column + 2), label="column")
            ws.cell(row, column).value = data.draw(CELLS, label="value")
    attempt(bench, _save(wb))


@FUZZ
@given(st.data())
def test_workbooks_made_from_scratch(bench: Bench, data: st.DataObject) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    titles = data.draw(st.lists(st.sampled_from(SHEETS), min_size=1, max_size=7, unique=True))
    for title in titles:
        ws = wb.create_sheet(title)
        rows = data.draw(st.lists(st.lists(CELLS, max_size=8), max_size=6), label=title)
        for row in rows:
            ws.append(row)
    if "_manifest" in titles and data.draw(st.booleans(), label="plausible manifest"):
        ws = wb["_manifest"]
        for key, value in (("format_version", "1"), ("kind", '"studio"'),
                           ("package_uuid", '"6f1c2d9e-0000-4000-8000-000000000001"'),
                           ("sequence", "1")):  # fmt: skip
            ws.append([key, value])
    attempt(bench, _save(wb))


def _damaged_rels_crc(package: bytes) -> bytes:
    """The workbook relations stored uncompressed, one byte changed: a bad CRC."""
    parts = _parts(package)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info, content in parts:
            stored = info.filename == "xl/_rels/workbook.xml.rels"
            z.writestr(info.filename, content, zipfile.ZIP_STORED if stored else None)
    raw = out.getvalue()
    at = raw.index(b"Relationship Id")
    return raw[:at] + b"Relationship Ie" + raw[at + 15 :]


def _half_sheet(title: str) -> Any:
    """The XML of sheet ``title`` cut in half (the zip itself is sound)."""

    def damage(package: bytes) -> bytes:
        parts = _parts(package)
        named = {info.filename: content for info, content in parts}
        book = named["xl/workbook.xml"].decode()
        rid = book.split(f'name="{title}"')[1].split('r:id="')[1].split('"')[0]
        rels = named["xl/_rels/workbook.xml.rels"].decode().split(f'Id="{rid}"')[1]
        target = rels.split('Target="')[1].split('"')[0].lstrip("/").removeprefix("xl/")
        return _zip(
            [(i, c[: len(c) // 2] if i.filename == f"xl/{target}" else c) for i, c in parts]
        )

    return damage


@pytest.mark.parametrize(
    "damage",
    [_damaged_rels_crc, _half_sheet("_manifest"), _half_sheet("接待走访")],
    ids=["bad-crc-of-a-part", "half-a-manifest", "half-a-sheet"],
)
def test_damaged_parts_and_sheets_are_refused_as_damaged(bench: Bench, damage: Any) -> None:
    """Escapes once found by the fuzzing above (docs/RELIABILITY.md, C): now plain refusals."""
    bench.refusals.clear()
    assert attempt(bench, damage(bench.package)) == "refused"
    (message,) = bench.refusals
    assert "已损坏" in message and "重新复制" in message, message
    assert not any(c.isascii() and c.isalpha() for c in message.split("”", 1)[-1]), message
