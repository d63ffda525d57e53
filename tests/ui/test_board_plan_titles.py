"""進捗ボード on a small screen in English (the longer heads narrow the 計画 column): a plan's title is drawn
on one line, cut in its middle so the period that tells the next program (plan copy, 令和7年度～
令和10年度) from the city's program stays in view, and whole in its tooltip. Wrapped, its second line
(「年度）」) was cut off by the row's height."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt

from kodaira_desk.cli import main
from kodaira_desk.ui import screen_fit
from kodaira_desk.ui.window.main_window import MainWindow

WAIT = 30000


@pytest.fixture
def db_path(built_db_template: Path, tmp_path: Path) -> Path:
    """The city's data with the next program made as a 政策課 person makes it."""
    path = tmp_path / "kodaira.sqlite"
    path.write_bytes(built_db_template.read_bytes())
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(["--db", str(path), "plan", "copy", "--plan", "program-2021", "--to", "program-2025",
                     "--period", "R7-R10", "--baselines"]) == 0
    return path


def test_a_narrowed_title_keeps_its_period(qtbot, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(screen_fit, "room", lambda _w: QSize(1240, 700))  # a little short of the room
    window.translations.apply("en")
    window.year_combo.setCurrentIndex(window.year_combo.findData(2026))  # the new program's year
    board = window.show_board()
    assert board is not None
    qtbot.waitUntil(lambda: not board.grading, timeout=WAIT)
    qtbot.waitExposed(board)
    view, model = board.view, board.model
    titles = {r.plan_title for r in model.rows}
    new = next(t for t in titles if t.endswith("（令和7年度～令和10年度）"))
    row = next(i for i, r in enumerate(model.rows) if r.plan_title == new and r.department is not None)
    width = view.columnWidth(0)
    metrics = view.fontMetrics()
    assert metrics.horizontalAdvance(new) > width  # narrowed: the whole title does not fit
    assert not view.wordWrap()  # one line in the row's height, not a second line cut off
    assert view.rowHeight(row) >= metrics.height()
    shown = metrics.elidedText(new, view.textElideMode(), width - 12)
    assert shown != new and shown.endswith("令和10年度）") and "…" in shown
    old = "中期的な施策の取組方針・実行プログラム"  # the city's program, its title cut the same way
    assert metrics.elidedText(old, view.textElideMode(), width - 12) != shown
    tip = model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole)
    assert str(tip).startswith(new)
