"""Printing visit forms, side by side with reportlab drawing the same table directly.

    python -m tests.perf.bench_print [--data-dir DIR] [--forms 1000]

Demo data comes from the app's own generator (in a temporary folder unless ``--data-dir``
names one). The font is registered once before timing, as in the app. The floor is a
minimal canvas-only version of the same form: the same ruled table, strings and font, with
the text pre-wrapped and no database, no labels looked up, no pagination (docs/QUALITY.md: a
form ~9 ms, 1,000 forms ~3.5 s).
"""

from __future__ import annotations

import argparse
import io
import platform
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

ROWS = 14  # rows of the visit form's table


def best_of(fn: Callable[[], object], repeat: int = 7) -> float:
    """Fastest of ``repeat`` runs in milliseconds, after one warm-up."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


def line(what: str, value: str, floor: str = "", ratio: str = "", target: str = "") -> None:
    print(f"  {what:<40} {value:>12}  floor {floor:>12} {ratio:>7}  {target}")


def floor_page(c: Canvas, font: str, texts: list[str]) -> None:
    """The same A4 form drawn directly: title, ruled table of label/value rows, signatures."""
    left, width, top = 20 * mm, A4[0] - 40 * mm, A4[1] - 40 * mm
    c.setFont(font, 18)
    c.drawCentredString(A4[0] / 2, A4[1] - 22 * mm, "石桥镇政协委员工作室群众来访登记表")
    c.setFont(font, 10.5)
    c.drawString(left, A4[1] - 30 * mm, "编号：JD-2026-0001")
    heights = [25.0] * ROWS
    heights[5], heights[6], heights[9] = 190.0, 70.0, 55.0  # content, reply, result
    y = top
    for i, h in enumerate(heights):
        c.line(left, y - h, left + width, y - h)
        c.line(left + 30 * mm, y, left + 30 * mm, y - h)
        c.drawCentredString(left + 15 * mm, y - h / 2 - 4, texts[i % len(texts)][:6])
        text = texts[(i * 7) % len(texts)]
        for k in range(0, min(len(text), 200), 40):  # pre-wrapped at 40 characters
            c.drawString(left + 31 * mm, y - 14 - k // 40 * 15, text[k : k + 40])
        y -= h
    c.rect(left, y, width, top - y)
    c.drawString(left, y - 30, "值班委员（签字）：")
    c.drawString(left + width / 2, y - 30, "记录人（签字）：")
    c.showPage()


def floor_pdf(font: str, pages: list[list[str]]) -> bytes:
    out = io.BytesIO()
    c = Canvas(out, pagesize=A4, pageCompression=1, initialFontName=font)
    for texts in pages:
        floor_page(c, font, texts)
    c.save()
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="demo data folder (default: temporary)")
    parser.add_argument("--forms", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        run(args.data_dir or Path(scratch) / "data", args.forms, Path(scratch))


def run(data_dir: Path, forms: int, scratch: Path) -> None:
    from studio_app.demo import studio as demo
    from studio_app.paths import DataDir
    from studio_app.reports import visit_form
    from studio_app.reports.fonts import print_font
    from studio_app.services import site
    from studio_app.storage.models import Visit
    from studio_app.workspace import DEMO_SITE, open_workspace

    ws = open_workspace(DataDir(data_dir))
    if ws.site is None:
        ws.site = site.setup(**DEMO_SITE)
        demo.generate(ws.context(), visits=max(2000, forms * 2), seed=1)
    ctx = ws.context()
    start = time.perf_counter()
    font = print_font()
    registered = (time.perf_counter() - start) * 1000
    live = Visit.select().where(Visit.deleted_at.is_null()).order_by(Visit.occurred_at.desc())
    rows = list(live.limit(forms))
    ids = [v.id for v in rows]
    texts = [
        [v.content, v.onsite_reply, v.result, v.member_names, v.resident_names, v.place]
        for v in rows
    ]
    print(f"Printing benchmark — {platform.node()} {platform.machine()}, Python "
          f"{platform.python_version()}, font {font.path}")  # fmt: skip
    print(f"  font registration (once per process): {registered:.0f} ms")

    one = scratch / "one.pdf"
    ms = best_of(lambda: visit_form.render(ctx, ids[:1], one))
    floor = best_of(lambda: floor_pdf(font.name, texts[:1]))
    line("one visit form (render + atomic write)", f"{ms:.1f} ms", f"{floor:.1f} ms",
         f"{ms / floor:.2f}×", "target ≤ 20 ms")  # fmt: skip

    many = scratch / "many.pdf"
    ms = best_of(lambda: visit_form.render(ctx, ids, many), repeat=3)
    floor = best_of(lambda: floor_pdf(font.name, texts), repeat=3)
    pages = visit_form.render(ctx, ids, many).pages
    size = many.stat().st_size / 2**20
    floor_size = len(floor_pdf(font.name, texts)) / 2**20
    line(f"{len(ids):,} visit forms in one PDF ({pages:,} pages)", f"{ms / 1000:.2f} s",
         f"{floor / 1000:.2f} s", f"{ms / floor:.2f}×", "target ≤ 5 s")  # fmt: skip
    line("  size of that PDF", f"{size:.2f} MB", f"{floor_size:.2f} MB", "", "target ≤ 2 MB")


if __name__ == "__main__":
    main()
