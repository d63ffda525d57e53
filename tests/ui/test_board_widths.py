"""進捗ボード's columns as wide as their widest text, the candidates for it found on the worker
(issue 27: at ×100 the 300 titles measured on the GUI thread were 2–3 ms of the rows' turn): the
widths are those of every text measured, in Japanese and in English, and follow a larger font."""

from __future__ import annotations

from PySide6.QtGui import QFont
from test_lazy_plans import db_path, x10_template  # noqa: F401  (the ×10 data: 30 plans' titles)

from kodaira_desk.ui.forms.column_widths import fit_texts
from kodaira_desk.ui.round.board_dialog import BoardDialog
from kodaira_desk.ui.window.main_window import MainWindow


def _widths(board: BoardDialog) -> list[int]:
    header = board.view.horizontalHeader()
    return [header.sectionSize(c) for c in range(header.count())]


def _every_text_measured(board: BoardDialog) -> list[int]:
    fit_texts(board.view, board.model.texts, 0, 100_000)  # each column from all its texts, here
    return _widths(board)


def _as_fitted(board: BoardDialog) -> list[int]:
    """The widths the board fits its columns to (before the screen's room narrows any)."""
    fit_texts(board.view, board.model.texts_in(board.view.font()), 0, 100_000)
    return _widths(board)


def _opened(qtbot, w: MainWindow) -> BoardDialog:  # type: ignore[no-untyped-def]
    board = w.show_board()
    assert isinstance(board, BoardDialog)
    qtbot.waitUntil(lambda: not board.grading and board.model.rowCount() > 30, timeout=30000)
    return board


def test_the_columns_are_as_wide_as_every_text_measured(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    for language in ("ja", "en"):
        window.translations.apply(language)
        board = _opened(qtbot, window)
        shortlist = board.model.texts_in(board.view.font())
        assert len(shortlist(0)) < len(board.model.texts(0)) / 5  # the 30 plans' titles: a few measured
        found = _as_fitted(board)
        assert found == _every_text_measured(board), language
        board.close()
    window.translations.apply("ja")


def test_a_larger_font_measures_every_text_again(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    board = _opened(qtbot, window)
    before = _as_fitted(board)
    font = QFont(board.view.font())
    font.setPointSizeF(font.pointSizeF() * 1.5)
    board.view.setFont(font)
    after = _as_fitted(board)
    assert after == _every_text_measured(board) and after != before
    board.close()
