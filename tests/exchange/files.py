"""Helpers that damage or edit package files the way people and programs do."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl


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
