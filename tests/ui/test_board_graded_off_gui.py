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
