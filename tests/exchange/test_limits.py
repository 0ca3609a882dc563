"""Packages of legal size that would cost too much: what is read is bounded, what is not
needed is never inflated, and rejected rows are counted rather than kept (docs/EXCHANGE.md,
"Limits"; RELIABILITY.md row 42)."""

from __future__ import annotations

import io
import os
import re
import struct
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from studio_app.core.errors import UserError
from studio_app.exchange import sniff
from studio_app.exchange.export import export_studio
from studio_app.exchange.importer import import_package
from studio_app.exchange.plan import SHOWN
from tests.exchange.builders import fill
from tests.exchange.conftest import Install, everything
from tests.exchange.files import rewrite_part, sheet_part

HUGE = 3 << 29  # 1.5 GiB


@pytest.fixture
def package(studio: Install, county: Install, out: Path) -> Path:
    with studio as ctx:
        fill(ctx)
        result = export_studio(ctx, out)
        assert result.path is not None
        return result.path


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The names of the zip members inflated while the test runs."""
    names: list[str] = []
    real = zipfile.ZipFile.open

    def open_(self: zipfile.ZipFile, name: Any, mode: str = "r", *args: Any, **kw: Any) -> Any:
        if mode == "r":
            names.append(name.filename if isinstance(name, zipfile.ZipInfo) else name)
        return real(self, name, mode, *args, **kw)

    monkeypatch.setattr(zipfile.ZipFile, "open", open_)
    yield names


def _add_member(path: Path, name: str, data: bytes, *, declared: int | None = None) -> None:
    """Add ``name`` to the zip; ``declared``: the size its central directory entry claims."""
    buf = io.BytesIO(path.read_bytes())
    with zipfile.ZipFile(buf, "a", zipfile.ZIP_DEFLATED) as z:
        z.writestr(name, data)
    raw = bytearray(buf.getvalue())
    if declared is not None:
        entry = raw.rindex(b"PK\x01\x02", 0, raw.rindex(name.encode()))
        raw[entry + 24 : entry + 28] = struct.pack("<I", declared)  # uncompressed size
    path.write_bytes(bytes(raw))


def _refer_to_shared_strings(path: Path) -> None:
    rel = (
        b'<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
    )
    rewrite_part(path, "xl/_rels/workbook.xml.rels", lambda x: x.replace(b"</Relationships>", rel))


def test_row_42_a_part_no_relationship_refers_to_is_never_inflated(
    package: Path, county: Install, opened: list[str]
) -> None:
    # 9 MB that do not deflate, declared as 1.5 GiB: under the zip-bomb ratio of 200, and
    # not XML at all: inflating it would fail.
    _add_member(package, "xl/sharedStrings.xml", os.urandom(9 << 20), declared=HUGE)
    opened.clear()
    with county as ctx:
        result = import_package(ctx, package)
    assert result.applied and result.plan.counts["new"] == 8
    assert "xl/sharedStrings.xml" not in opened and "xl/workbook.xml" in opened


def test_row_42_a_referred_part_over_the_limit_is_refused_before_it_is_inflated(
    package: Path, county: Install, opened: list[str]
) -> None:
    _refer_to_shared_strings(package)
    _add_member(package, "xl/sharedStrings.xml", os.urandom(9 << 20), declared=HUGE)
    opened.clear()
    with county as ctx:
        before = everything()
        with pytest.raises(UserError, match="解压后过大"):
            import_package(ctx, package)
        assert everything() == before
    assert "xl/sharedStrings.xml" not in opened


def test_row_42_a_sheet_over_the_part_limit_is_refused_by_its_directory_entry(
    package: Path, county: Install, opened: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    part = sheet_part(package, "接待走访")
    rewrite_part(
        package, part, lambda xml: xml.replace(b"</worksheet>", b" " * 300_000 + b"</worksheet>")
    )
    monkeypatch.setattr(sniff, "MAX_PART", 256 << 10)
    opened.clear()
    with county as ctx:
        before = everything()
        with pytest.raises(UserError, match="解压后过大"):
            import_package(ctx, package)
        assert everything() == before
    assert part not in opened


def test_row_42_a_part_inflating_past_what_its_directory_said_is_stopped_at_the_limit(
    package: Path, county: Install, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The directory can lie: the bytes that come out are counted as they come."""
    part = sheet_part(package, "接待走访")
    monkeypatch.setattr(sniff, "MAX_PART", 256 << 10)
    real = zipfile.ZipFile.open
    served = [0]

    class Endless(io.RawIOBase):  # an inflater that does not stop where the entry said
        def readable(self) -> bool:
            return True

        def readinto(self, buf: Any) -> int:
            served[0] += len(buf)
            buf[:] = b" " * len(buf)
            return len(buf)

    def open_(self: zipfile.ZipFile, name: Any, mode: str = "r", *args: Any, **kw: Any) -> Any:
        member = name.filename if isinstance(name, zipfile.ZipInfo) else name
        if mode == "r" and member == part:
            return io.BufferedReader(Endless())
        return real(self, name, mode, *args, **kw)

    monkeypatch.setattr(zipfile.ZipFile, "open", open_)
    with county as ctx, pytest.raises(UserError, match="解压后过大"):
        import_package(ctx, package)
    assert served[0] <= (256 << 10) + 2 * sniff.BLOCK


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (rb'r="B3"', b'r="X999999"'),  # one cell a million rows down (calamine: 0.8 GB)
        (rb'r="B3"', b'r="XFD400"'),  # one cell in the last column, 400 rows down
    ],
)
def test_row_42_a_sheet_whose_used_area_is_huge_is_refused_before_parsing(
    package: Path, county: Install, old: bytes, new: bytes
) -> None:
    part = sheet_part(package, "群众")
    rewrite_part(package, part, lambda xml: xml.replace(old, new, 1))
    with county as ctx:
        before = everything()
        with pytest.raises(UserError, match="数据区域"):
            import_package(ctx, package)
        assert everything() == before


def _junk_rows(path: Path, title: str, n: int) -> None:
    """``n`` rows of junk (one cell, no identifier) at the end of sheet ``title``."""
    part = sheet_part(path, title)

    def change(xml: bytes) -> bytes:
        last = max(int(r) for r in re.findall(rb'<row r="(\d+)"', xml))
        rows = b"".join(
            b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>junk</t></is></c></row>' % (r, r)
            for r in range(last + 1, last + 1 + n)
        )
        return xml.replace(b"</sheetData>", rows + b"</sheetData>")

    rewrite_part(path, part, change)


def test_row_42_junk_rows_are_all_counted_and_only_the_first_kept(
    package: Path, county: Install, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from studio_app.cli.exchange import print_plan

    _junk_rows(package, "群众", 700)
    _junk_rows(package, "接待走访", 800)
    with county as ctx:
        result = import_package(ctx, package, dry_run=True)
    plan = result.plan
    assert plan.counts["rejected"] == 1500
    assert len(plan.of("rejected")) == SHOWN == 200
    assert plan.not_shown("rejected") == 1300
    assert sum(len(sd.rejected) for sd in plan.package.sheets) == SHOWN  # never more in memory
    assert [sd.rejected_count for sd in plan.package.sheets if sd.rejected_count] == [700, 800]
    print_plan(plan)
    printed = capsys.readouterr().out
    assert printed.count("  拒收：") == SHOWN
    assert "另有 1,300 行被拒收" in printed
