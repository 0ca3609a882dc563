"""Printing from the app: making the PDF for the preview, loading it in QtPdf, and sending
pages to a printer (a PDF-file QPrinter stands in for a real one).

    QT_QPA_PLATFORM=offscreen python -m tests.perf.bench_print_gui [--forms 200] [--pages 20]

Demo data comes from the app's own generator in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def timed(what: str, fn, *args):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn(*args)
    print(f"  {what:<52} {(time.perf_counter() - start) * 1000:9.0f} ms")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", type=int, default=200)
    parser.add_argument("--pages", type=int, default=20)
    args = parser.parse_args()

    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication

    from studio_app.demo import studio as demo
    from studio_app.paths import DataDir
    from studio_app.reports.fonts import print_font
    from studio_app.services import site
    from studio_app.services.print_settings import font_path
    from studio_app.storage.models import Visit
    from studio_app.ui.operations import Progress
    from studio_app.ui.printing import print_jobs
    from studio_app.ui.printing.preview_dialog import MAX_DPI, print_document
    from studio_app.workspace import DEMO_SITE, open_workspace

    app = QApplication([])
    root = Path(tempfile.mkdtemp(prefix="bench-print-gui-"))
    workspace = open_workspace(DataDir(root))
    workspace.site = site.setup(**DEMO_SITE)
    ctx = workspace.context()
    demo.generate(ctx, visits=max(args.forms, 200), seed=1)
    print_font(font_path())  # registered once per process, as in the app
    ids = [v.id for v in Visit.select(Visit.id).order_by(Visit.id).limit(args.forms)]

    print(f"print from the app: {args.forms} visit forms, {args.pages} pages to the printer")
    job = print_jobs.visits(ctx, ids)
    made = timed(f"make the PDF ({args.forms} forms, worker)", job.run, root / "f.pdf", Progress())
    size = made.path.stat().st_size
    print(f"  {'  → pages, size':<52} {made.pages:>6} p {size / 1e6:6.1f} MB")
    document = QPdfDocument()
    timed("load it in QPdfDocument", document.load, str(made.path))
    first = document.pagePointSize(0)
    wide, high = round(first.width() / 72 * MAX_DPI), round(first.height() / 72 * MAX_DPI)
    from PySide6.QtCore import QSize

    timed(f"render one page at {MAX_DPI} dpi", document.render, 0, QSize(wide, high))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(root / "printed.pdf"))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(1, min(args.pages, document.pageCount()))
    sent = timed(f"print {args.pages} pages (render + send)", print_document, document, printer)
    out = (root / "printed.pdf").stat().st_size
    print(f"  {'  → pages sent, printer file size':<52} {sent:>6} p {out / 1e6:6.1f} MB")
    document.close()
    workspace.close()
    del app


if __name__ == "__main__":
    main()
