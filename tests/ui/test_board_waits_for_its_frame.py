"""進捗ボード's reading and grading on the worker wait until the board has painted what it shows
meanwhile (its frame when it opens, 集計しています… when another year is chosen): the worker's Python
holds the interpreter's lock the GUI thread needs for every call while it paints, so the two together
made the board's first turn 35–60 ms of wall clock for 18–23 ms of its CPU at ×10 (issue 27)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QObject

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.services import board as board_service
from kodaira_desk.ui.round.board_dialog import BoardDialog
from kodaira_desk.ui.window.main_window import MainWindow


class _Paints(QObject):
    """Counts the Paint events of the widgets it watches (on the GUI thread)."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def _graded_when(monkeypatch: pytest.MonkeyPatch, paints: _Paints) -> list[tuple[int, int]]:
    """Each grading's (year, paints counted when the worker began it)."""
    real: Callable[..., Any] = board_service.board
    seen: list[tuple[int, int]] = []

    def noted(trees: Any, year: FiscalYear, *args: Any) -> Any:
        seen.append((year.year, paints.count))
        return real(trees, year, *args)

    monkeypatch.setattr(board_service, "board", noted)
    return seen


def test_the_worker_grades_once_the_boards_frame_is_painted(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    paints = _Paints()
    seen = _graded_when(monkeypatch, paints)
    real_init, real_open = BoardDialog.__init__, BoardDialog.open

    def watched(self: BoardDialog, *args: Any, **kwargs: Any) -> None:
        real_init(self, *args, **kwargs)
        self.installEventFilter(paints)

    def slow_open(self: BoardDialog) -> None:  # a busy GUI thread before the show: the worker is free meanwhile
        time.sleep(0.1)
        real_open(self)

    monkeypatch.setattr(BoardDialog, "__init__", watched)
    monkeypatch.setattr(BoardDialog, "open", slow_open)
    board = window.show_board()
    assert isinstance(board, BoardDialog)
    qtbot.waitUntil(lambda: not board.grading and board.model.rowCount() > 0, timeout=10000)
    assert seen and seen[0][1] > 0, "graded before the board was painted"
    board.close()


def test_another_year_is_graded_once_the_board_has_said_it_is_counting(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    board = window.show_board()
    assert isinstance(board, BoardDialog)
    qtbot.waitUntil(lambda: not board.grading and board.model.rowCount() > 0, timeout=10000)
    qtbot.waitUntil(lambda: board.grading_note.isHidden())
    paints = _Paints()
    board.grading_note.installEventFilter(paints)
    seen = _graded_when(monkeypatch, paints)
    board.year.setCurrentIndex(board.year.findData(2020))
    assert board.grading and board.grading_note.isVisibleTo(board) and paints.count == 0
    time.sleep(0.1)  # the GUI thread busy before it paints: the worker is free meanwhile
    qtbot.waitUntil(lambda: not board.grading, timeout=10000)
    assert seen == [(2020, seen[0][1])] and seen[0][1] > 0, "graded before 集計しています… was painted"
    board.close()
