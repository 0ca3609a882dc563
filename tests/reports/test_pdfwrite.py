"""Atomic PDF writes: complete file or nothing, and a Chinese message when impossible."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio_app.core.errors import UserError
from studio_app.reports.pdfwrite import write_pdf
from tests.reports import pdf


def draw_page(canvas) -> None:  # type: ignore[no-untyped-def]
    canvas.drawString(100, 700, "hello")


def test_writes_and_replaces(tmp_path: Path) -> None:
    out = tmp_path / "a.pdf"
    out.write_bytes(b"old")
    assert write_pdf(out, draw_page, title="t") == out
    assert out.read_bytes().startswith(b"%PDF") and pdf.leftovers(tmp_path) == []


def test_failure_while_drawing_keeps_the_old_file_and_no_temp(tmp_path: Path) -> None:
    out = tmp_path / "a.pdf"
    out.write_bytes(b"old")

    def broken(canvas) -> None:  # type: ignore[no-untyped-def]
        draw_page(canvas)
        raise RuntimeError("bug")

    with pytest.raises(RuntimeError):
        write_pdf(out, broken, title="t")
    assert out.read_bytes() == b"old" and pdf.leftovers(tmp_path) == []


@pytest.mark.parametrize("where", ["missing/a.pdf", "file.txt/a.pdf", "folder"])
def test_unwritable_destinations_give_a_chinese_message(tmp_path: Path, where: str) -> None:
    (tmp_path / "file.txt").write_text("x")
    (tmp_path / "folder").mkdir()
    with pytest.raises(UserError, match="无法保存 PDF"):
        write_pdf(tmp_path / where, draw_page, title="t")
    assert pdf.leftovers(tmp_path) == [] and not (tmp_path / "missing").exists()
