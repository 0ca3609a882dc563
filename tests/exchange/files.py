"""Helpers that damage or edit package files the way people and programs do."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import openpyxl

from studio_app.exchange import signature


def edit(path: Path, change: Callable[[Any], None]) -> Path:
    """Open in openpyxl (an office suite of sorts), change, save in place."""
    wb = openpyxl.load_workbook(path)
    change(wb)
    wb.save(path)
    return path


def rewrite_part(path: Path, part: str, change: Callable[[bytes], bytes]) -> Path:
    """Rewrite one XML part of the zip, keeping the rest byte for byte."""
    src = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == part:
                data = change(data)
            dst.writestr(info, data)
    path.write_bytes(out.getvalue())
    return path


def sheet_part(path: Path, title: str) -> str:
    """The zip part holding sheet ``title``."""
    z = zipfile.ZipFile(path)
    book = z.read("xl/workbook.xml").decode()
    rels = z.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(
        rf'<sheet name="{re.escape(title)}" sheetId="\d+" (?:state="\w+" )?r:id="(rId\d+)"', book
    )
    assert rid, book
    target = re.search(rf'Id="{rid.group(1)}"[^>]*? Target="([^"]+)"', rels)
    assert target
    name = target.group(1).lstrip("/")
    return name if name.startswith("xl/") else "xl/" + name


def header_index(ws: Any, header: str) -> int:
    for cell in ws[1]:
        if cell.value == header:
            return int(cell.column)
    raise KeyError(header)


def manifest_of(path: Path) -> dict[str, Any]:
    """The manifest entries of a package, as the importer reads them."""
    ws = openpyxl.load_workbook(path)["_manifest"]
    return {row[0].value: json.loads(row[1].value) for row in ws.iter_rows() if row[0].value}


def edit_manifest(
    path: Path, change: Callable[[dict[str, Any]], None], *, sign_with: bytes | None = None
) -> Path:
    """Change the manifest's entries; ``sign_with`` a private key signs it again (as the
    sender, or a forger holding that key, would), else the old signature stays."""
    entries = manifest_of(path)
    change(entries)
    if sign_with is not None:
        entries = signature.sign(entries, sign_with)

    def write(wb: Any) -> None:
        ws = wb["_manifest"]
        ws.delete_rows(1, ws.max_row)
        for key, value in entries.items():
            ws.append([key, json.dumps(value, ensure_ascii=False)])

    return edit(path, write)


def unsigned(entries: dict[str, Any]) -> None:
    """A manifest change: as an older program (format 2) wrote it, without a signature."""
    entries["format_version"] = 2
    entries.pop(signature.KEY_ENTRY, None)
    entries.pop(signature.SIGNATURE_ENTRY, None)


def without_columns(
    path: Path, studio: Any, record: str, keys: Sequence[str], *, feedback: bool = False
) -> Path:
    """The package at ``path`` as a release before the columns ``keys`` of ``record``'s
    sheet wrote it: those columns gone, the rows hashed and the manifest signed without
    them (``studio``: the sending installation, for its values and key; the county when
    ``feedback``)."""
    from studio_app.exchange import tables
    from studio_app.exchange.canonical import row_hash, sheet_hash
    from studio_app.exchange.schema import PackageKind, sheets_for
    from studio_app.services import peers

    kind = PackageKind.FEEDBACK if feedback else PackageKind.STUDIO
    [spec] = [s for s in sheets_for(kind) if s.record == record]
    with studio:
        key = peers.own_private_key()
        values = {v["uuid"]: v for v in tables.read(spec)}
    hashes: list[str] = []

    def drop(wb: Any) -> None:
        ws = wb[spec.title]
        for column in keys:
            ws.delete_cols(header_index(ws, spec.column(column).header))
        uuid_at, hash_at = header_index(ws, spec.column("uuid").header), ws.max_column
        assert ws.cell(1, hash_at).value == spec.column("row_hash").header
        for row in range(2, ws.max_row + 1):
            found = row_hash(spec, values[ws.cell(row, uuid_at).value], list(keys))
            ws.cell(row, hash_at).value = found
            hashes.append(found)

    edit(path, drop)

    def manifest(m: dict[str, Any]) -> None:
        for column in keys:
            m["sheets"][spec.title]["columns"].pop(column)
        m["sheets"][spec.title]["sha256"] = sheet_hash(hashes)

    return edit_manifest(path, manifest, sign_with=key)
