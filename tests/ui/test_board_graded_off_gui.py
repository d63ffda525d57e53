"""進捗ボード grades its plans on the window's worker (issue 27: at ×100 its 2,000 indicators and
600 reads froze the window for a second): the dialog opens at once, says it is counting, and shows
the rows of the year asked last, never an older grading's."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.services import board as board_service
from kodaira_desk.ui.round.board_dialog import BoardDialog, grade
from kodaira_desk.ui.window.main_window import MainWindow


def _held_grading(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, list[tuple[str, int]]]:
    """The board's grading waits until the test lets it go; each notes its thread and year."""
    real: Callable[..., Any] = board_service.board
    go = threading.Event()
    calls: list[tuple[str, int]] = []

    def held(trees: Any, year: FiscalYear, *args: Any) -> Any:
        calls.append((threading.current_thread().name, year.year))
        assert go.wait(30)
        return real(trees, year, *args)

    monkeypatch.setattr(board_service, "board", held)
    return go, calls


def _totals(rows: list[board_service.BoardRow]) -> list[tuple[str, int, int, int]]:
    return [(r.plan_id, r.indicators, r.indicators_entered, r.measures_entered) for r in rows if r.department is None]


def test_the_board_opens_at_once_and_shows_the_year_asked_last(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    w = window
    go, calls = _held_grading(monkeypatch)
    board = w.show_board()
    assert isinstance(board, BoardDialog)
    qtbot.waitExposed(board)
    assert board.grading and board.grading_note.isVisible() and board.grading_note.text() == "集計しています…"
    assert board.model.rowCount() == 0
    board.year.setCurrentIndex(board.year.findText("令和2年度"))  # asked while the first grading is held
    go.set()
    qtbot.waitUntil(lambda: not board.grading, timeout=10000)
    w.tasks.wait_idle()
    assert not board.grading_note.isVisible()
    assert calls and all(name != threading.main_thread().name for name, _year in calls)
    assert calls[-1][1] == 2020
    expected = real_board(w, FiscalYear(2020))
    assert _totals(board.model.rows) == _totals(expected)  # 令和2年度's, not the year first shown
    assert _totals(expected) != _totals(real_board(w, w.year))  # (the two years differ: the test can fail)
    board.close()


def test_closing_while_grading_stops_it_and_shows_nothing(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    w = window
    go, _calls = _held_grading(monkeypatch)
    board = w.show_board()
    assert isinstance(board, BoardDialog) and board.grading
    board.close()
    assert not board.grading
    go.set()
    w.tasks.wait_idle()
    assert board.model.rowCount() == 0 and not w.statusBar().currentMessage().startswith("操作に失敗")


def real_board(w: MainWindow, year: FiscalYear) -> list[board_service.BoardRow]:
    """The board of `year` graded here, as the dialog's worker grades it."""
    return grade(w.workspace, list(w.editor.trees.values()), year, {}).rows


def test_a_grading_answered_before_the_first_paint_fills_the_board_after_it(
        qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """The city's plans grade in a few ms: the answer came before the board was first painted, and the
    frame and every row were painted in one turn (15–20 ms of the GUI thread, issue 27). The frame is
    painted first, then the rows, in a turn of their own."""
    import time

    from PySide6.QtCore import QEvent, QObject

    from kodaira_desk.ui.round import board_dialog

    graded = threading.Event()
    real_grade: Callable[..., Any] = board_dialog.grade

    def noted(*args: Any, **kwargs: Any) -> Any:
        try:
            return real_grade(*args, **kwargs)
        finally:
            graded.set()

    monkeypatch.setattr(board_dialog, "grade", noted)
    real_open = BoardDialog.open

    def open_once_graded(self: BoardDialog) -> None:  # the worker's answer is on its way before the show
        assert graded.wait(30)
        time.sleep(0.05)  # (its answer posted)
        real_open(self)

    monkeypatch.setattr(BoardDialog, "open", open_once_graded)
    painted: list[int] = []  # the rows the table had at each paint of its cells
    boards: list[BoardDialog] = []

    class Paints(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                painted.append(boards[0].model.rowCount())
            return False

    paints = Paints()
    real_init = BoardDialog.__init__

    def watched_init(self: BoardDialog, *args: Any, **kwargs: Any) -> None:
        boards.append(self)
        real_init(self, *args, **kwargs)
        self.view.viewport().installEventFilter(paints)

    monkeypatch.setattr(BoardDialog, "__init__", watched_init)
    window.show_board()
    qtbot.waitUntil(lambda: bool(boards) and not boards[0].grading, timeout=30000)
    qtbot.waitUntil(lambda: bool(painted) and painted[-1] > 0, timeout=10000)
    assert painted[0] == 0  # the frame first, then its rows
    assert boards[0].grading_note.isHidden()
    boards[0].close()
