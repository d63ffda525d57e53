"""At 1366×768, the city's laptops: 進捗ボード shows its ◎/○/▲ columns without a horizontal scroll bar,
and 回収状況と取り込み keeps 質問 in view beside the long file names; a text narrowed to fit is whole in
its tooltip (issue 27). The screen's room is a 1366×768 screen's less its frame (ui/screen_fit.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QTableView

from kodaira_desk.cli import main
from kodaira_desk.ui import screen_fit
from kodaira_desk.ui.window.main_window import MainWindow

WAIT = 30000


@pytest.fixture
def laptop(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The room a window has on a 1366×768 screen (the offscreen platform's screen is 800×800)."""
    monkeypatch.setattr(screen_fit, "room", lambda _w: QSize(1366 - screen_fit.FRAME.width(),
                                                            768 - screen_fit.FRAME.height()))


def _in_view(view: QTableView, column: int) -> bool:
    """The column's whole width inside the table's viewport, with nothing scrolled."""
    left = view.columnViewportPosition(column)
    return left >= 0 and left + view.columnWidth(column) <= view.viewport().width()


def _heads(view: QTableView) -> list[str]:
    model = view.model()
    return [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())]


def test_the_board_shows_every_status_column_at_1366x768(qtbot, window: MainWindow, laptop: None) -> None:  # type: ignore[no-untyped-def]
    window.year_combo.setCurrentIndex(window.year_combo.findText("令和2年度"))
    board = window.show_board()
    assert board is not None
    qtbot.waitUntil(lambda: not board.grading, timeout=WAIT)
    qtbot.waitExposed(board)
    view = board.view
    assert board.width() <= 1366 - screen_fit.FRAME.width()
    heads = _heads(view)
    for mark in ("◎", "○", "▲", "－"):
        column = next(c for c, h in enumerate(heads) if h.startswith(mark))
        assert _in_view(view, column), (mark, view.columnViewportPosition(column), view.columnWidth(column))
    assert view.horizontalScrollBar().maximum() == 0  # nothing behind a scroll bar
    # a plan's title and a 課, whole in their tooltips (narrowed on a smaller screen)
    total = board.model.index(0, 0)
    assert board.model.data(total, Qt.ItemDataRole.ToolTipRole).startswith(board.model.rows[0].plan_title)
    department = board.model.index(1, 1)
    assert board.model.data(department, Qt.ItemDataRole.ToolTipRole).startswith(board.model.rows[1].department)


def test_in_english_too_every_status_column_is_in_view_at_1366x768(
        qtbot, window: MainWindow, laptop: None) -> None:  # type: ignore[no-untyped-def]
    """The English heads are longer (Indicators entered, －Cannot be judged): set on two lines, the
    last column was 17 px past the table."""
    window.translations.apply("en")
    window.year_combo.setCurrentIndex(window.year_combo.findData(2020))
    board = window.show_board()
    assert board is not None
    qtbot.waitUntil(lambda: not board.grading, timeout=WAIT)
    qtbot.waitExposed(board)
    view = board.view
    heads = _heads(view)
    assert "Indicators\nentered" in heads  # (two lines: as wide as their longer word)
    assert all(_in_view(view, c) for c in range(2, board.model.columnCount())), [
        (h, view.columnViewportPosition(c), view.columnWidth(c)) for c, h in enumerate(heads)]
    assert view.horizontalScrollBar().maximum() == 0


def test_a_narrower_screen_shortens_the_titles_not_the_counts(
        qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A window of 1,000 pixels: the titles and the 課 are narrowed (elided), every count column stays."""
    monkeypatch.setattr(screen_fit, "room", lambda _w: QSize(1000, 700))
    board = window.show_board()
    assert board is not None
    qtbot.waitUntil(lambda: not board.grading, timeout=WAIT)
    qtbot.waitExposed(board)
    view = board.view
    assert view.columnWidth(0) < view.fontMetrics().horizontalAdvance(board.model.rows[0].plan_title)
    assert all(_in_view(view, c) for c in range(2, board.model.columnCount()))


def test_the_collection_keeps_its_questions_in_view_at_1366x768(
        qtbot, window: MainWindow, db_path: Path, tmp_path: Path, laptop: None) -> None:  # type: ignore[no-untyped-def]
    assert main(["--db", str(db_path), "handout", "--year", "R2", "--out", str(tmp_path / "R2")]) == 0
    window.year_combo.setCurrentIndex(window.year_combo.findText("令和2年度"))
    collect = window.show_collect()
    assert collect is not None
    qtbot.waitUntil(lambda: not collect.loading_board, timeout=WAIT)
    qtbot.waitExposed(collect)
    table = collect.table
    assert collect.width() <= 1366 - screen_fit.FRAME.width()
    heads = _heads(table)
    assert _in_view(table, heads.index("質問")), (table.columnViewportPosition(8), table.viewport().width())
    assert table.horizontalScrollBar().maximum() == 0
    files = collect.model.FILE_COLUMN
    longest = max(range(collect.model.rowCount()), key=lambda r: len(collect.model.rows[r].file_name))
    name = collect.model.rows[longest].file_name
    assert collect.model.data(collect.model.index(longest, files), Qt.ItemDataRole.ToolTipRole) == name
    assert name.endswith(".kdesk")


