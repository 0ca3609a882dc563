"""Helpers that damage or edit package files the way people and programs do."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable
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
