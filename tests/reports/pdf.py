"""Reading printed PDFs back with poppler-utils (pdftotext, pdfinfo, pdffonts)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from tests.system_packages import POPPLER_DATA, has, needs

needs_poppler = needs("poppler-utils", has("pdftotext"), "pdftotext reads printed PDFs back")
needs_poppler_data = needs(
    "poppler-data", POPPLER_DATA, "CMaps to read text of a non-embedded Chinese font"
)


def text(
    path: Path,
    *,
    layout: bool = True,
    first: int | None = None,
    crop: tuple[float, float, float, float] | None = None,
) -> str:
    """The text of the PDF (or of one page), optionally of an area (x, y, w, h in points)."""
    args = ["pdftotext", "-enc", "UTF-8"]
    if layout:
        args.append("-layout")
    if first is not None:
        args += ["-f", str(first), "-l", str(first)]
    if crop:
        for key, value in zip("xyWH", crop, strict=True):
            args += [f"-{key}", str(int(value))]
    return subprocess.run(
        [*args, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def flat(path: Path, **kw: object) -> str:
    """Text with all whitespace removed: wrapped lines joined back."""
    return re.sub(r"\s+", "", text(path, **kw))  # type: ignore[arg-type]


def pages(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))  # type: ignore[union-attr]


def fonts(path: Path) -> list[dict[str, str]]:
    """pdffonts rows as dicts with name, type, emb, sub."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    rows = []
    for line in out.stdout.splitlines()[2:]:
        parts = line.split()
        # name type [type…] encoding emb sub uni object ID
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4]})
    return rows


def leftovers(folder: Path) -> list[Path]:
    """Temp files an interrupted write would leave behind."""
    return [p for p in folder.iterdir() if p.name.endswith(".part")]
