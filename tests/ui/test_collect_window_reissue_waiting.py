"""回収状況と取り込み says what `round status` says of a re-issue killed while its files took their
names, where a window has a department's old file open: that department's re-issue is not finished
(its new file waits beside the old one) until the window is closed. The window said nothing of it —
only the files named and the files missing — so the division read a board with nothing to do."""

from __future__ import annotations

import sys
from pathlib import Path

from kodaira_desk.services import open_files
from kodaira_desk.ui.window.main_window import MainWindow

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "round"))
from test_handout_killed import _handout_id
from test_reissue_killed import killed_while_naming


def _killed_reissue(db_path: Path, tmp_path: Path) -> Path:
    """The department file still the earlier hand-out's, under its name, after a killed re-issue."""
    first, old = killed_while_naming(db_path, tmp_path / "配布", tmp_path)
    left = [p for d, p in first.items() if _handout_id(p) == old[d]]
    assert len(left) == 1
    return left[0]


def _summary(qtbot, window: MainWindow) -> str:  # type: ignore[no-untyped-def]
    collect = window.show_collect()
    assert collect is not None
    qtbot.waitUntil(lambda: not collect.loading_board, timeout=30000)
    said = collect.summary.text()
    collect.close()
    return said


def test_the_collect_window_says_a_reissue_waits_for_a_window(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, db_path: Path, tmp_path: Path) -> None:
    waiting = _killed_reissue(db_path, tmp_path)
    before = _handout_id(waiting)
    window.year_combo.setCurrentIndex(window.year_combo.findText("令和2年度"))
    held = open_files.hold(waiting)
    assert held is not None
    try:
        said = _summary(qtbot, window)
        assert waiting.name in said and "開いている画面" in said and "配布し直しを完了していません" in said, said
        window.translations.apply("en")
        try:
            said = _summary(qtbot, window)
        finally:
            window.translations.apply("ja")
        assert waiting.name in said and "a window has" in said and "not finished" in said, said
        assert _handout_id(waiting) == before  # not replaced under the window
    finally:
        held.release()
    said = _summary(qtbot, window)  # the window closed: the next look finishes it
    assert f"中断された配布を完了しました: {waiting.name}" in said, said
    assert _handout_id(waiting) != before
