"""The report dialog as a secretary uses it: the date from a calendar shown in the era, the preview
zoomed and paged, and 印刷… through the printer dialog (pointed at a PDF file here)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pdfplumber
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QCalendarWidget, QTableView, QWidget

from kodaira_desk.ui.reports.dialog import ReportDialog
from kodaira_desk.ui.window.main_window import MainWindow


def _era_today() -> str:
    today = datetime.date.today()
    n = today.year - 2018  # 令和 began in 2019 (year 1)
    return f"令和{'元' if n == 1 else n}年{today.month}月{today.day}日"


def _open(window: MainWindow, plan: str, node: str, kind: str) -> ReportDialog:
    window.select_node(plan, node)
    dialog = window.show_report_dialog()
    assert dialog is not None
    kinds = [dialog.kind.itemData(i) for i in range(dialog.kind.count())]
    dialog.kind.setCurrentIndex(kinds.index(kind))
    return dialog


def _pick_in_calendar(qtbot, dialog: ReportDialog, days_later: int) -> None:  # type: ignore[no-untyped-def]
    """Click the date's drop-down arrow, move by days in the calendar, press Enter."""
    edit = dialog.date
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton, pos=QPoint(edit.width() - 6, edit.height() // 2))
    calendar = dialog.date.calendarWidget()
    assert isinstance(calendar, QCalendarWidget)
    qtbot.waitUntil(calendar.isVisible, timeout=5000)
    grid = calendar.findChild(QTableView)
    assert grid is not None
    for _ in range(days_later):
        qtbot.keyClick(grid, Qt.Key.Key_Right)
    qtbot.keyClick(grid, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not calendar.isVisible(), timeout=5000)


def test_date_defaults_to_today_in_the_era_and_comes_from_the_calendar(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(window, "program-2021", "p2", "program")
    dialog.use_date.setChecked(False)
    assert dialog.date.date() == QDate.currentDate()  # not QDateEdit's 2000-01-01
    assert dialog.date_era.text() == _era_today()
    assert dialog.date.calendarPopup()

    qtbot.mouseClick(dialog.use_date, Qt.MouseButton.LeftButton)
    assert dialog.use_date.isChecked()
    dialog.date.setDate(QDate(2021, 3, 25))  # the handout's month, then chosen in the calendar
    _pick_in_calendar(qtbot, dialog, 4)
    assert dialog.date.date() == QDate(2021, 3, 29)
    assert dialog.date_era.text() == "令和3年3月29日"
    _key, options = dialog.options()
    assert options.date == datetime.date(2021, 3, 29)

    dialog.date.setDate(QDate(2019, 4, 30))  # the last day of 平成
    assert dialog.date_era.text() == "平成31年4月30日"
    dialog.date.setDate(QDate(2019, 5, 1))
    assert dialog.date_era.text() == "令和元年5月1日"
    dialog.close()


def test_preview_zooms_and_pages_and_is_removed(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(window, "program-2021", "p2", "program")
    pane = dialog.preview_pane
    qtbot.mouseClick(dialog.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.tasks.busy and pane.page_count > 0, timeout=60000)
    preview = dialog._preview_file
    assert preview is not None and preview.exists()
    with pdfplumber.open(preview) as pdf:
        count = len(pdf.pages)
    assert count >= 2
    # every page shown, not the first four
    assert pane.page_count == count
    assert pane.page_total.text() == f"/ {count}"
    assert pane.current_page == 1
    fit_zoom = pane.zoom
    width_at_fit = pane.labels[0].width()
    assert width_at_fit <= pane.area.viewport().width()

    qtbot.mouseClick(pane.zoom_in_button, Qt.MouseButton.LeftButton)
    window.tasks.wait_idle()
    assert abs(pane.zoom - fit_zoom * 1.25) < 1e-6
    assert pane.zoom_label.text() == f"{round(fit_zoom * 125)}%"
    assert abs(pane.labels[0].width() - pane.rendered.sizes[0][0] * pane.zoom) <= 1  # type: ignore[union-attr]
    assert pane.labels[0].pixmap().width() >= pane.labels[0].width()  # rendered again, not stretched
    qtbot.mouseClick(pane.zoom_out_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pane.zoom_out_button, Qt.MouseButton.LeftButton)
    window.tasks.wait_idle()
    assert abs(pane.zoom - fit_zoom / 1.25) < 1e-6
    assert pane.labels[0].width() < width_at_fit

    qtbot.mouseClick(pane.next_button, Qt.MouseButton.LeftButton)
    assert pane.current_page == 2
    bar = pane.area.verticalScrollBar()
    assert bar.value() > 0
    assert pane.labels[1].y() - bar.value() < pane.area.viewport().height() // 2  # page 2 at the top
    qtbot.mouseClick(pane.prev_button, Qt.MouseButton.LeftButton)
    assert pane.current_page == 1 and bar.value() == 0
    assert not pane.prev_button.isEnabled()

    pane.page_box.setFocus()
    pane.page_box.lineEdit().selectAll()
    qtbot.keyClicks(pane.page_box.lineEdit(), str(count))
    qtbot.keyClick(pane.page_box.lineEdit(), Qt.Key.Key_Return)
    assert pane.current_page == count
    assert dialog._preview_file == preview  # Enter went to the page box, not to プレビュー
    assert not pane.next_button.isEnabled()
    assert bar.value() > 0

    qtbot.mouseClick(pane.fit_button, Qt.MouseButton.LeftButton)
    window.tasks.wait_idle()
    assert abs(pane.zoom - fit_zoom) < 1e-6
    assert pane.current_page == count  # the page stays where the person was

    # a wider dialog fits the page width again, once the resizing stops
    dialog.resize(dialog.width() + 240, dialog.height())
    qtbot.waitUntil(lambda: pane.zoom > fit_zoom + 0.05, timeout=10000)
    window.tasks.wait_idle()
    assert pane.labels[0].width() <= pane.area.viewport().width()
    assert pane.labels[0].width() > width_at_fit

    folder = preview.parent
    dialog.close()
    assert not folder.exists()  # the preview's temporary files are removed


def test_print_goes_through_the_printer_dialog(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(window, "strategy-2015", "g1", "kpi")
    out = tmp_path / "printed.pdf"
    asked: list[int] = []

    def to_file(printer: QPrinter, pages: int, parent: QWidget | None) -> bool:
        asked.append(pages)
        assert parent is dialog
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return True

    dialog.ask_printer = to_file  # type: ignore[method-assign, assignment]
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)  # no preview yet: made first
    qtbot.waitUntil(lambda: dialog.print_op is not None and dialog.print_op.done, timeout=60000)
    window.tasks.wait_idle()
    assert dialog.print_op is not None and dialog.print_op.error is None
    preview = dialog._preview_file
    assert preview is not None
    with pdfplumber.open(preview) as pdf:
        count = len(pdf.pages)
    assert asked == [count]
    with pdfplumber.open(out) as pdf:
        printed = pdf.pages
        assert len(printed) == count
        assert printed[0].width > printed[0].height  # landscape, as the report
        assert printed[0].images  # each page carries the rendered page
    assert dialog.message.text() == f"{count} ページを印刷しました。"

    # the person chooses pages 2–2 in the dialog; a cancelled dialog prints nothing
    second = tmp_path / "second.pdf"

    def page_two(printer: QPrinter, pages: int, parent: QWidget | None) -> bool:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(second))
        printer.setPrintRange(QPrinter.PrintRange.PageRange)
        printer.setFromTo(2, 2)
        return True

    dialog.ask_printer = page_two  # type: ignore[method-assign, assignment]
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: second.exists() and not window.tasks.busy, timeout=60000)
    with pdfplumber.open(second) as pdf:
        assert len(pdf.pages) == 1
    dialog.ask_printer = lambda *_a: False  # type: ignore[method-assign, assignment]
    before = dialog.print_op
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    window.tasks.wait_idle()
    QApplication.processEvents()
    assert dialog.print_op is before
    dialog.close()
