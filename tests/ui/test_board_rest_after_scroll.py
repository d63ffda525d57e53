"""進捗ボード's cells left by a sliced paint for the next turn (issue 27) are drawn where they are
then: a wheel turn handled before that turn scrolls the blanks they left, and the rest follows them
(it was drawn at their old place: cells stayed blank for good, found by review)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QImage, QPaintEvent
from test_board_sliced_paint import _on_screen

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.ui.round import board_table
from kodaira_desk.ui.round.board_dialog import BoardDialog
from kodaira_desk.ui.window.main_window import MainWindow


def test_cells_left_for_the_next_turn_are_drawn_where_a_scroll_took_them(
        qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    board = window.show_board()
    assert isinstance(board, BoardDialog)
    board.year.setCurrentIndex(board.year.findData(FiscalYear(2020).year))
    qtbot.waitUntil(lambda: not board.grading and board.model.rowCount() > 0, timeout=10000)
    board.resize(board.width(), 300)
    view = board.view
    bar = view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 2)
    qtbot.waitUntil(lambda: _on_screen(board) == view.viewport().grab().toImage().convertToFormat(
        QImage.Format.Format_RGB32), timeout=10000)  # the resize shown: nothing else will paint the cells
    real, scrolled = view.paintEvent, []

    def paint(event: QPaintEvent) -> None:
        before = view.slices
        real(event)
        if not scrolled and view.slices > before:  # cells left: a wheel turn comes before their turn
            scrolled.append(bar.value() + 2)
            view._rest.stop()

            def wheel() -> None:
                bar.setValue(scrolled[0])
                view._rest.start()
            QTimer.singleShot(0, wheel)

    monkeypatch.setattr(view, "paintEvent", paint)
    monkeypatch.setattr(board_table, "CELLS_SLICE_S", 0.0)  # a cell a paint: cells certainly left
    view.viewport().update()
    qtbot.waitUntil(lambda: bool(scrolled) and bar.value() == scrolled[0], timeout=10000)
    monkeypatch.setattr(board_table, "CELLS_SLICE_S", 1e9)  # paints whole from now
    whole = view.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)  # Qt's whole paint
    qtbot.waitUntil(lambda: _on_screen(board) == whole, timeout=10000)  # every cell shown where it is
