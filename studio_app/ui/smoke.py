"""Opening the real main window once and closing it at its first paint (``selftest --gui``).

Goes through :func:`studio_app.ui.app.launch`, the path of a normal start: the claim on the
data directory, the database worker, the crash log, the remembered window state.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from studio_app.paths import DataDir
from studio_app.ui import app as ui_app
from studio_app.ui.i18n import CATALOGUE, current_language
from studio_app.ui.widgets.navigation import nav_icon
from studio_app.workspace import Workspace, open_workspace

TIMEOUT_MS = 60_000


class _FirstPaint(QObject):
    """Quits the event loop at the main window's first paint, remembering the clock."""

    def __init__(self) -> None:
        super().__init__()
        self.painted_at: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            self.painted_at is None
            and event.type() == QEvent.Type.Paint
            and type(watched).__name__ != "QWidget"
            and getattr(watched, "window", None) is not None
            and type(watched.window()).__name__ == "MainWindow"  # type: ignore[attr-defined]
        ):
            self.painted_at = time.time()
            QTimer.singleShot(0, lambda: QCoreApplication.exit(0))
        return False


def open_main_window(data_dir: DataDir) -> tuple[float, str]:
    """Open and close the main window over ``data_dir`` (already set up); returns the wall
    clock of its first paint and the UI language.

    Raises RuntimeError when the window does not paint or our translation is missing.
    """
    app = ui_app.application([])
    language = current_language()
    loaded = _catalogues(app)
    for wanted in (CATALOGUE, "qtbase") if language != "en" else (CATALOGUE,):
        if f"{wanted}_{language}" not in loaded:
            raise RuntimeError(f"界面翻译文件（{wanted}_{language}.qm）未能加载。")
    watch = _FirstPaint()
    app.installEventFilter(watch)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(lambda: QCoreApplication.exit(2))
    timer.start(TIMEOUT_MS)

    def prepare() -> Workspace:
        return open_workspace(data_dir)

    try:
        code = ui_app.launch(data_dir, prepare)
    finally:
        timer.stop()
        app.removeEventFilter(watch)
        for window in QApplication.topLevelWidgets():
            window.close()
            window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    if watch.painted_at is None:
        raise RuntimeError(f"主窗口未能显示（退出码 {code}）。")
    if nav_icon("desk").pixmap(20, 20).isNull():  # the SVG icon engine and its library
        raise RuntimeError("导航栏图标（SVG）未能绘制。")
    return watch.painted_at, language


def _catalogues(app: QCoreApplication) -> set[str]:
    """The translation catalogues loaded, by file name (``studio_app_zh_CN``, ``qtbase_zh_CN``)."""
    return {Path(t.filePath()).stem for t in app.findChildren(QTranslator) if not t.isEmpty()}


def render_first_page(pdf: Path) -> tuple[int, int]:
    """Load ``pdf`` with QtPdf as the print preview does and render its first page;
    returns the page count and the number of dark pixels sampled (every 4th row and column).

    Raises RuntimeError when the document does not load or renders blank.
    """
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    ui_app.application([])
    document = QPdfDocument()
    document.load(str(pdf))
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
        raise RuntimeError(f"QtPdf 无法打开 {pdf.name}（{document.error().name}）。")
    image = document.render(0, QSize(595, 842))
    if image.isNull():
        raise RuntimeError(f"QtPdf 无法绘制 {pdf.name} 的第一页。")
    inked = sum(
        1
        for y in range(0, image.height(), 4)
        for x in range(0, image.width(), 4)
        if (color := image.pixelColor(x, y)).alpha() > 128 and color.lightness() < 128
    )  # the page's background is transparent: ink is what is opaque and dark
    pages = document.pageCount()
    document.close()
    if not inked:
        raise RuntimeError(f"QtPdf 绘制的 {pdf.name} 第一页是空白的。")
    return pages, inked
