"""進捗ボード open while the language or the contrast is switched: its heads, words and colours
follow (issue 27 keeps the heads, the bold font and the brushes made once: they must be made again
after a switch, never shown stale)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.ui import theme
from kodaira_desk.ui.round.board_dialog import BoardDialog
from kodaira_desk.ui.window.main_window import MainWindow


def _flagged(model):  # type: ignore[no-untyped-def]
    """A 指標未入力 or 取組未入力 cell with a count (coloured), and a plan's total row (bold)."""
    cell = next(model.index(r, c) for r in range(model.rowCount()) for c in (4, 9)
                if isinstance(model.data(model.index(r, c)), int) and model.data(model.index(r, c)) > 0)
    total = next(r for r in range(model.rowCount()) if model.rows[r].department is None)
    return cell, total


def test_the_open_board_follows_a_switch_of_language_and_of_contrast(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow) -> None:
    board = window.show_board()
    assert isinstance(board, BoardDialog)
    board.year.setCurrentIndex(board.year.findData(FiscalYear(2020).year))
    qtbot.waitUntil(lambda: not board.grading, timeout=10000)
    model = board.model
    board.view.viewport().repaint()  # painted: every head, font and brush asked once
    cell, total = _flagged(model)
    assert model.headerData(2, Qt.Orientation.Horizontal) == "指標数"
    assert model.data(model.index(total, 1)) == "計"
    font = model.data(model.index(total, 0), Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.bold()
    assert model.data(model.index(total + 1, 0), Qt.ItemDataRole.FontRole) is None  # a 課's row: plain
    assert model.data(cell, Qt.ItemDataRole.BackgroundRole).color() == theme.LIGHT.missing
    window.translations.apply("en")
    try:
        assert model.headerData(2, Qt.Orientation.Horizontal) == "Indicators"
        assert model.headerData(10, Qt.Orientation.Horizontal) == "◎Achieved"
        assert model.data(model.index(total, 1)) != "計"
    finally:
        window.translations.apply("ja")
    assert model.headerData(2, Qt.Orientation.Horizontal) == "指標数"
    window.act_contrast.trigger()
    try:
        assert theme.is_high_contrast()
        assert model.data(cell, Qt.ItemDataRole.BackgroundRole).color() == theme.HIGH.missing
        assert model.data(cell, Qt.ItemDataRole.ForegroundRole).color() == theme.HIGH.text
    finally:
        window.act_contrast.trigger()
    assert not theme.is_high_contrast()
    assert model.data(cell, Qt.ItemDataRole.BackgroundRole).color() == theme.LIGHT.missing
    assert model.data(cell, Qt.ItemDataRole.BackgroundRole).color() != QColor(theme.HIGH.missing)
    board.close()
