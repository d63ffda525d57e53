"""競合の確認 makes each row's texts once per read and language (issue 27: the list's columns and rows
fitted by Qt asked every cell's texts, two translations each, for every role: 16 ms of the GUI thread
for 30 conflicts at ×10): what the list shows follows a switch of language and a resolution."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from roundkit import idle
from test_round_windows_read import WAIT, _conflict

from kodaira_desk.ui.window.main_window import MainWindow


def _rows(dialog) -> list[list[str]]:  # type: ignore[no-untyped-def]
    model = dialog.model
    return [[str(model.index(r, c).data()) for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_the_conflict_rows_follow_the_language_and_a_resolution(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, db_path: Path, tmp_path: Path) -> None:
    _conflict(qtbot, window, db_path, tmp_path)
    dialog = window.show_conflicts()
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.reading, timeout=WAIT)
    japanese = _rows(dialog)
    assert japanese == [["子育て支援課", japanese[0][1], "（なし）", "37,000人", "36,000人"]], japanese
    window.translations.apply("en")
    try:
        qtbot.waitUntil(lambda: dialog.model.headerData(2, Qt.Orientation.Horizontal) != "配布時")
        assert _rows(dialog) == [["子育て支援課", japanese[0][1], "(none)", "37,000人", "36,000人"]]
    finally:
        window.translations.apply("ja")
    assert _rows(dialog) == japanese
    qtbot.mouseClick(dialog.take, Qt.MouseButton.LeftButton)  # the department's value taken
    idle(qtbot, window)
    qtbot.waitUntil(lambda: not dialog.reading, timeout=WAIT)
    assert _rows(dialog) == []
    dialog.close()
