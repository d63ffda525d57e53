"""進捗ボード's cells painted a slice a turn (issue 27: the rows' first paint was 15–22 ms of the GUI
thread in one turn): the event loop's paints leave the cells past the slice to the next turn, every
cell reaches the screen in the end, and a paint asked by code is whole."""

from __future__ import annotations

from PySide6.QtGui import QImage

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.ui.round import board_table
from kodaira_desk.ui.round.board_dialog import BoardDialog
from kodaira_desk.ui.window.main_window import MainWindow


def _on_screen(board: BoardDialog) -> QImage:
    """What the board last put on the screen where its cells are (not painted again)."""
    vp = board.view.viewport()
    at = vp.mapTo(board, vp.rect().topLeft())
    shot = board.windowHandle().screen().grabWindow(board.winId(), at.x(), at.y(), vp.width(), vp.height())
    return shot.toImage().convertToFormat(QImage.Format.Format_RGB32)


def test_the_boards_cells_come_a_slice_a_turn_and_all_reach_the_screen(
        qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(board_table, "CELLS_SLICE_S", 0.0)  # a cell a paint: the slices certain, whatever the load
    board = window.show_board()
    assert isinstance(board, BoardDialog)
    board.year.setCurrentIndex(board.year.findData(FiscalYear(2020).year))
    qtbot.waitUntil(lambda: not board.grading and board.model.rowCount() > 0, timeout=10000)
    qtbot.waitUntil(lambda: board.view.slices >= 3, timeout=10000)  # the cells came over several turns
    monkeypatch.setattr(board_table, "CELLS_SLICE_S", 1e9)  # the rest in the next turn
    whole = board.view.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)  # at once
    qtbot.waitUntil(lambda: _on_screen(board) == whole, timeout=10000)  # every cell shown in the end
    assert board.model.rowCount() > 3
