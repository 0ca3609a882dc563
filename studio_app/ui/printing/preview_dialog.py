"""The print preview: the made PDF in a QPdfView, sent to a printer or saved as a copy.

Pages go to the printer as images rendered by QtPdf at the printer's resolution (at most
:data:`MAX_DPI`, which keeps one A4 page under 40 MB), each scaled onto the whole sheet:
the forms carry their own margins. The PDF lives in a temporary folder owned by the
dialog and removed when it closes.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QCloseEvent, QImage, QKeySequence, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from studio_app.core.errors import UserError
from studio_app.ui import errors, messages
from studio_app.ui.printing import choose, saved
from studio_app.ui.printing.print_jobs import PrintJob, save_copy

log = logging.getLogger("studio_app.ui.printing")

MAX_DPI = 300
ZOOMS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)


class PrintFailed(UserError):
    """The printer could not take the document."""


def print_document(document: QPdfDocument, printer: QPrinter, parent: QWidget | None = None) -> int:
    """Send the pages the printer's range asks for (all by default); returns how many."""
    count = document.pageCount()
    first, last = 1, count
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first, last = max(1, printer.fromPage()), min(count, printer.toPage() or count)
    if count == 0 or last < first:
        return 0
    printer.setFullPage(True)  # the forms carry their own margins
    progress = None
    if last - first >= 2:
        progress = QProgressDialog(
            QCoreApplication.translate("print", "Printing…"),
            QCoreApplication.translate("print", "Cancel"),
            0,
            last - first + 1,
            parent,
        )
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(600)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintFailed(
            QCoreApplication.translate(
                "print", "The printer could not be started. Check that it is available."
            )
        )
    dpi = min(printer.resolution(), MAX_DPI)
    sent = 0
    try:
        for page in range(first - 1, last):
            if progress is not None:
                progress.setValue(sent)
                if progress.wasCanceled():
                    printer.abort()
                    break
            if sent:
                printer.newPage()
            points = document.pagePointSize(page)
            size = QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
            image = document.render(page, size).convertToFormat(QImage.Format.Format_RGB32)
            area = painter.viewport()
            fitted = size.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            x = area.x() + (area.width() - fitted.width()) // 2
            y = area.y() + (area.height() - fitted.height()) // 2
            painter.drawImage(QRect(x, y, fitted.width(), fitted.height()), image)
            sent += 1
    finally:
        painter.end()
        if progress is not None:
            progress.close()
            progress.deleteLater()
    log.info("printed %d page(s) to %s", sent, printer.printerName() or printer.outputFileName())
    return sent


class PreviewDialog(QDialog):
    """Shows ``pdf`` (made for ``job``); Print…, Save as PDF…, Close.

    ``owned`` is the temporary folder holding the PDF, removed when the dialog closes.
    """

    def __init__(
        self, job: PrintJob, pdf: Path, parent: QWidget | None = None, *, owned: Path | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("printPreview")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Print preview — {0}").format(job.title))
        self.job = job
        self.pdf = pdf
        self._owned = owned
        if owned is not None:  # also when the dialog goes without closing (its parent went)
            self.destroyed.connect(lambda *_: shutil.rmtree(owned, ignore_errors=True))
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.navigator = self.view.pageNavigator()

        self.page = QSpinBox(self)
        self.page.setObjectName("previewPage")
        self.page.setKeyboardTracking(False)
        self.pages_label = QLabel(self)
        self.previous_button = QPushButton(self.tr("Previous"), self)
        self.previous_button.setShortcut(QKeySequence(Qt.Key.Key_PageUp))
        self.next_button = QPushButton(self.tr("Next"), self)
        self.next_button.setShortcut(QKeySequence(Qt.Key.Key_PageDown))
        self.zoom = QComboBox(self)
        self.zoom.setObjectName("previewZoom")
        self.zoom.addItem(self.tr("Fit width"), "width")
        self.zoom.addItem(self.tr("Whole page"), "page")
        for factor in ZOOMS:
            self.zoom.addItem(f"{factor:.0%}", factor)

        self.buttons = QDialogButtonBox(self)
        self.print_button = self.buttons.addButton(
            self.tr("Print…"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.print_button.setObjectName("printButton")
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.save_button = self.buttons.addButton(
            self.tr("Save as PDF…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_button.setObjectName("savePdfButton")
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.print_button.setDefault(True)

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Page"), self))
        bar.addWidget(self.page)
        bar.addWidget(self.pages_label)
        bar.addWidget(self.previous_button)
        bar.addWidget(self.next_button)
        bar.addStretch(1)
        bar.addWidget(QLabel(self.tr("Zoom"), self))
        bar.addWidget(self.zoom)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.buttons)

        self.print_button.clicked.connect(lambda: self.print_pdf())
        self.save_button.clicked.connect(lambda: self.save_pdf())
        self.buttons.rejected.connect(self.reject)
        self.previous_button.clicked.connect(lambda: self.go_to(self.current_page() - 1))
        self.next_button.clicked.connect(lambda: self.go_to(self.current_page() + 1))
        self.page.valueChanged.connect(lambda value: self.go_to(value - 1))
        self.navigator.currentPageChanged.connect(self._page_changed)
        self.zoom.currentIndexChanged.connect(self._zoom_changed)
        self.finished.connect(self._discard)

        error = self.document.load(str(pdf))
        if error != QPdfDocument.Error.None_:
            raise UserError(self.tr("The document could not be opened: {0}").format(pdf))
        self.page.setRange(1, max(self.document.pageCount(), 1))
        self.pages_label.setText(self.tr("of {0}").format(self.document.pageCount()))
        self._page_changed(0)
        self._fit_to_screen()

    def _fit_to_screen(self) -> None:
        """A4-shaped, as tall as the screen allows (office PCs often have 768 pixels)."""
        screen = self.screen().availableGeometry()
        height = min(1000, screen.height() - 80)
        self.resize(min(round(height * 0.85), screen.width() - 40), height)

    def page_count(self) -> int:
        return self.document.pageCount()

    def current_page(self) -> int:
        return self.navigator.currentPage()

    def go_to(self, page: int) -> None:
        """Show ``page`` (0-based), kept within the document."""
        page = max(0, min(page, self.document.pageCount() - 1))
        if page != self.navigator.currentPage():
            self.navigator.jump(page, QPointF(), self.navigator.currentZoom())

    def _page_changed(self, page: int) -> None:
        self.page.blockSignals(True)
        self.page.setValue(page + 1)
        self.page.blockSignals(False)
        self.previous_button.setEnabled(page > 0)
        self.next_button.setEnabled(page < self.document.pageCount() - 1)

    def _zoom_changed(self) -> None:
        choice = self.zoom.currentData()
        if choice == "width":
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        elif choice == "page":
            self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        else:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(float(choice))

    # -- actions ---------------------------------------------------------------------------

    def print_pdf(self, printer: QPrinter | None = None) -> int:
        """Ask for the printer and range, then print; returns the pages sent (0: not printed)."""
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))  # what the forms are
        printer.setDocName(self.job.title)
        if not choose.printer_setup(self, printer, self.page_count()):
            return 0
        try:
            return print_document(self.document, printer, self)
        except PrintFailed as exc:
            messages.show_error(self, exc.message)
            return 0

    def save_pdf(self) -> Path | None:
        """Save a copy where the user says, then say where (a note that does not block, with
        a button to open the folder); returns the path (None: not saved)."""
        suggested = choose.default_folder() / self.job.file_name
        chosen = choose.save_path(
            self, self.tr("Save as PDF"), suggested, self.tr("PDF documents (*.pdf)")
        )
        if chosen is None:
            return None
        try:
            path = save_copy(self.pdf, choose.with_suffix(chosen, ".pdf"))
        except UserError as exc:
            errors.report(exc, self)
            return None
        saved.show_saved(self, path)
        return path

    def _discard(self) -> None:
        self.document.close()
        if self._owned is not None:
            shutil.rmtree(self._owned, ignore_errors=True)
            self._owned = None

    def closeEvent(self, event: QCloseEvent) -> None:
        self._discard()
        super().closeEvent(event)
