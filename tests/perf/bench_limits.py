"""Benchmark: what hostile or oversized packages cost to import (docs/PERFORMANCE.md, "Limits").

Run explicitly (not collected by pytest), with a real package (``bench_exchange`` leaves
one of 100,000 visits in its data folder)::

    .venv/bin/python -m tests.perf.bench_limits --package /tmp/bench-exchange/package.xlsx
    .venv/bin/python -m tests.perf.bench_limits --package PKG --old /tmp/old-tree  # compare

Each probe is a variant of that package; each is imported with ``studio-app import
--dry-run`` in a subprocess (``--old``: also with the program in that folder, e.g. an
earlier commit unpacked with ``git archive HEAD | tar -x -C /tmp/old-tree``), and the
subprocess's peak resident memory (``wait4``), wall time and first output line printed:

- ``package``: the package as it is;
- ``unused-sst``: plus a 1.5 GiB ``xl/sharedStrings.xml`` no relationship refers to;
- ``referenced-sst``: the same part, referred to by the workbook;
- ``junk-999999``: the visits sheet replaced by its header and 999,999 junk rows;
- ``junk-limit``: as many junk rows as the area limit allows;
- ``tiny-cells``: the visits sheet filled to the area limit with one-character cells;
- ``many-strings``: a referenced shared strings part with the most strings allowed;
- ``worst``: ``tiny-cells`` and ``many-strings`` together (still within ``MAX_READ``).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from studio_app.exchange import sniff
from studio_app.services import accounts

REPO = Path(__file__).resolve().parents[2]
TIME = "/usr/bin/time"  # GNU time
VISITS = "接待走访"


def _sheet_part(z: zipfile.ZipFile, title: str) -> str:
    book = z.read("xl/workbook.xml").decode()
    rels = z.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(rf'<sheet name="{re.escape(title)}"[^>]*? r:id="(rId\d+)"', book)
    assert rid, title
    target = re.search(rf'Id="{rid.group(1)}"[^>]*? Target="([^"]+)"', rels)
    assert target
    name = target.group(1).lstrip("/")
    return name if name.startswith("xl/") else "xl/" + name


def _rewrite(
    src: Path,
    dest: Path,
    replace: dict[str, Callable[[], Iterator[bytes]]],
    add: dict[str, Callable[[], Iterator[bytes]]] | None = None,
    edit: dict[str, Callable[[bytes], bytes]] | None = None,
    level: int = 1,
) -> Path:
    """``src`` with some parts replaced (streamed), added or edited; deflated at ``level``."""
    with (
        zipfile.ZipFile(src) as zin,
        zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as out,
    ):
        for info in zin.infolist():
            if info.filename in replace:
                with out.open(info.filename, "w", force_zip64=True) as fh:
                    for part in replace[info.filename]():
                        fh.write(part)
            else:
                data = zin.read(info)
                if edit and info.filename in edit:
                    data = edit[info.filename](data)
                out.writestr(info, data)
        for name, produce in (add or {}).items():
            with out.open(name, "w", force_zip64=True) as fh:
                for part in produce():
                    fh.write(part)
    return dest


def _header(z: zipfile.ZipFile, part: str) -> tuple[bytes, bytes]:
    """The sheet's XML up to and with its first row, and what follows ``</sheetData>``."""
    xml = z.read(part)
    head_end = xml.index(b"</row>") + len(b"</row>")
    tail = xml[xml.index(b"</sheetData>") :]
    return xml[:head_end], tail


def _rows(
    head: bytes, tail: bytes, rows: int, cells: Callable[[int], bytes]
) -> Callable[[], Iterator[bytes]]:
    def produce() -> Iterator[bytes]:
        yield head
        batch = []
        for r in range(2, rows + 2):
            batch.append(b'<row r="%d">%s</row>' % (r, cells(r)))
            if len(batch) == 10_000:
                yield b"".join(batch)
                batch = []
        yield b"".join(batch)
        yield tail

    return produce


def _strings(total: int) -> Callable[[], Iterator[bytes]]:
    """A shared strings part of about ``total`` bytes that deflates ~1:170 (under the
    zip-bomb ratio of 200, as a hostile file would be made)."""

    def produce() -> Iterator[bytes]:
        rnd = random.Random(7)
        yield (
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        )
        base = ("群众反映道路积水问题" * 60).encode()[:600]
        done = 0
        while done < total:
            chunk = b"".join(
                b"<si><t>%s%d</t></si>" % (base, rnd.randrange(10)) for _ in range(20_000)
            )
            done += len(chunk)
            yield chunk
        yield b"</sst>"

    return produce


def _strings_count(count: int) -> Callable[[], Iterator[bytes]]:
    def produce() -> Iterator[bytes]:
        yield b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        for start in range(0, count, 100_000):
            yield b"".join(
                b"<si><t>%d</t></si>" % i for i in range(start, min(count, start + 100_000))
            )
        yield b"</sst>"

    return produce


SST_REL = (
    b'<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)


def probes(package: Path, folder: Path) -> dict[str, Path]:
    """Build the probe packages in ``folder`` (once; kept for later runs)."""
    found = {"package": package}
    with zipfile.ZipFile(package) as z:
        part = _sheet_part(z, VISITS)
        head, tail = _header(z, part)
        width = head.count(b"<c ")
    huge = 3 << 29  # 1.5 GiB
    junk = lambda r: b'<c r="A%d" t="inlineStr"><is><t>junk</t></is></c>' % r  # noqa: E731
    letters = [sniff_col(i) for i in range(width)]

    def tiny(r: int) -> bytes:
        return b"".join(
            b'<c r="%s%d" t="inlineStr"><is><t>x</t></is></c>' % (c, r) for c in letters
        )

    limit_rows = sniff.MAX_CELLS // width - 2
    sst = {"xl/sharedStrings.xml": _strings(huge)}
    plans: dict[str, Callable[[Path], Path]] = {
        "unused-sst": lambda p: _rewrite(package, p, {}, sst, level=6),
        "referenced-sst": lambda p: _rewrite(
            package, p, {}, sst,
            {"xl/_rels/workbook.xml.rels": lambda x: x.replace(b"</Relationships>", SST_REL)},
            level=6,
        ),
        "junk-999999": lambda p: _rewrite(package, p, {part: _rows(head, tail, 999_999, junk)}),
        "junk-limit": lambda p: _rewrite(package, p, {part: _rows(head, tail, limit_rows, junk)}),
        "tiny-cells": lambda p: _rewrite(package, p, {part: _rows(head, tail, limit_rows, tiny)}),
        "many-strings": lambda p: _rewrite(
            package, p, {}, {"xl/sharedStrings.xml": _strings_count(sniff.MAX_STRINGS - 10)},
            {"xl/_rels/workbook.xml.rels": lambda x: x.replace(b"</Relationships>", SST_REL)},
        ),
        "worst": lambda p: _rewrite(
            package, p, {part: _rows(head, tail, limit_rows, tiny)},
            {"xl/sharedStrings.xml": _strings_count(sniff.MAX_STRINGS - 10)},
            {"xl/_rels/workbook.xml.rels": lambda x: x.replace(b"</Relationships>", SST_REL)},
        ),
    }  # fmt: skip
    for name, build in plans.items():
        path = folder / f"{name}.xlsx"
        if not path.exists():
            print(f"building {name}…", flush=True)
            build(path.with_suffix(".tmp"))
            path.with_suffix(".tmp").rename(path)
        found[name] = path
    return found


def sniff_col(i: int) -> bytes:
    name = ""
    i += 1
    while i:
        i, rest = divmod(i - 1, 26)
        name = chr(65 + rest) + name
    return name.encode()


def run(tree: Path, county: Path, package: Path, work: Path) -> tuple[float, float, int, str]:
    """(seconds, peak MB, exit code, first line) of a dry-run import in a subprocess.

    Peak memory comes from GNU time (``/usr/bin/time -f %M``): a child forked straight from
    this process would report this process's own peak (Linux keeps it across ``exec``).
    """
    data = work / "county"
    shutil.rmtree(data, ignore_errors=True)
    shutil.copytree(county, data)
    env = {**os.environ, "PYTHONPATH": str(tree), "STUDIO_APP_USER": accounts.DEMO_LOGIN,
           "STUDIO_APP_PASSWORD": accounts.DEMO_PASSWORD}  # fmt: skip
    env.pop("STUDIO_APP_DATA_DIR", None)
    out, peak = work / "out.txt", work / "peak.txt"
    with out.open("w") as fh:
        start = time.perf_counter()
        code = subprocess.call(
            [TIME, "-f", "%M", "-o", str(peak), sys.executable, "-m", "studio_app",
             "--data-dir", str(data), "import", "--dry-run", str(package)],
            stdout=fh, stderr=subprocess.STDOUT, env=env, cwd=tree,
        )  # fmt: skip
        seconds = time.perf_counter() - start
    kilobytes = int(peak.read_text().split()[-1])
    lines = [line for line in out.read_text().splitlines() if line.strip()]
    first = next((x for x in lines if "拒收" in x and "第" not in x), lines[-1] if lines else "")
    return seconds, kilobytes / 1024, code, first.strip()[:110]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--package", type=Path, required=True)
    parser.add_argument("--probes", type=Path, default=Path(tempfile.gettempdir()) / "bench-limits")
    parser.add_argument("--old", type=Path, help="another tree of the program to compare")
    parser.add_argument("--only", nargs="*", help="probe names")
    args = parser.parse_args()
    args.probes.mkdir(parents=True, exist_ok=True)
    found = probes(args.package, args.probes)
    work = Path(tempfile.mkdtemp(prefix="bench-limits-"))
    try:
        county = work / "template"
        env = {
            **os.environ,
            "STUDIO_APP_USER": accounts.DEMO_LOGIN,
            "STUDIO_APP_PASSWORD": accounts.DEMO_PASSWORD,
        }
        subprocess.run(
            [sys.executable, "-m", "studio_app", "--data-dir", str(county), "setup", "--kind",
             "county", "--name", "平阳县政协", "--code", "PYX"],
            check=True, capture_output=True, env=env, cwd=REPO,
        )  # fmt: skip
        trees = [("new", REPO)] + ([("old", args.old)] if args.old else [])
        for name, path in found.items():
            if args.only and name not in args.only:
                continue
            size = path.stat().st_size / 1e6
            for label, tree in trees:
                seconds, peak, code, first = run(tree, county, path, work)
                print(f"{name:15s} {size:6.1f} MB  {label}: {seconds:6.1f} s  {peak:7.0f} MB peak  "
                      f"exit {code}  {first}", flush=True)  # fmt: skip
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
