"""印刷…: the report's PDF through the system's printer dialog, printed page by page.

The person picks the printer, pages and copies in Qt's QPrintDialog (the system's own on Windows and
macOS). The pages are then rendered by PDFium at the printer's resolution and painted with QPainter on
the QPrinter, on the window's worker thread: Qt allows painting on a QPrinter outside the GUI thread,
and one page at a time keeps memory at one page even at 600 dpi.

`ask_printer` is the only modal question here; tests replace `ReportDialog.ask_printer` with a
function that points the QPrinter at a PDF file and answers yes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtGui import QImageWriter, QPageLayout, QPainter
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from kodaira_desk.ui.reports.preview import render_page
from kodaira_desk.ui.tasks import Cancelled, Progress

MAX_PRINT_DPI = 300  # PDFium renders the page as an image: more than this only grows the spool file

AskPrinter = Callable[[QPrinter, int, QWidget | None], bool]


class PrintError(Exception):
    """The printer could not be opened (no printer, a file that cannot be written)."""


def ask_printer(printer: QPrinter, pages: int, parent: QWidget | None) -> bool:
    """Qt's print dialog for `pages` pages; true when the person pressed 印刷."""
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("ReportPrint", "印刷"))
    dialog.setMinMax(1, max(pages, 1))
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage, False)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintSelection, False)
    return dialog.exec() == QDialog.DialogCode.Accepted


def new_printer(pdf: Path, sizes: tuple[tuple[float, float], ...]) -> QPrinter:
    """A printer set up for `pdf` of pages `sizes` (points): orientation from its first page."""
    # the image-format plugins loaded here, on the GUI thread: loading them first from the worker's
    # drawImage moves each to this thread under a lock a disconnect on this thread can hold while it
    # waits for Python's lock (a hang seen once in a full test run)
    QImageWriter.supportedImageFormats()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(pdf.stem)
    if sizes and sizes[0][0] > sizes[0][1]:
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
    else:
        printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    return printer


def chosen_pages(printer: QPrinter, count: int) -> range:
    """The 0-based pages the person chose in the dialog (all unless a range was given)."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(printer.fromPage(), 1)
        last = min(printer.toPage() or count, count)
        return range(first - 1, last)
    return range(count)


def print_pdf(pdf: Path, printer: QPrinter, progress: Progress | None = None) -> int:
    """Paint the chosen pages of `pdf` on `printer`, each fitted to the printable area; the count."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    doc = pdfium.PdfDocument(str(pdf))
    painter = QPainter()
    try:
        pages = chosen_pages(printer, len(doc))
        if not painter.begin(printer):
            raise PrintError(printer.outputFileName() or printer.printerName())
        printed = 0
        for n, index in enumerate(pages):
            if n:
                printer.newPage()
            image = render_page(doc, index, dpi / 72)
            target = QRectF(painter.viewport())
            scale = min(target.width() / image.width(), target.height() / image.height())
            w, h = image.width() * scale, image.height() * scale
            painter.drawImage(QRectF(target.x() + (target.width() - w) / 2, target.y(), w, h), image)
            printed += 1
            if progress is not None:
                progress(n + 1, len(pages))
        return printed
    except Cancelled:
        printer.abort()  # a cancelled job is not sent half-printed
        raise
    finally:
        if painter.isActive():
            painter.end()
        doc.close()
