"""Writing ready-made forms into one PDF, and what a print run reports back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from studio_app.reports.fonts import print_font
from studio_app.reports.pdfwrite import write_pdf
from studio_app.reports.sheet import Form, FormWriter
from studio_app.services.print_settings import font_path


@dataclass(frozen=True)
class PrintResult:
    path: Path
    pages: int
    records: int


def write_forms(forms: Sequence[Form], dest: Path | str, *, title: str) -> PrintResult:
    font = print_font(font_path())
    pages = 0

    def draw(canvas: Canvas) -> None:
        nonlocal pages
        writer = FormWriter(canvas, font)
        pages = sum(writer.draw(form) for form in forms)

    path = write_pdf(dest, draw, title=title, font=font.name)
    return PrintResult(path, pages, len(forms))
