"""Tester's finding (2026-12-07): the clerk's banner (its title and its four steps) keeps the text
size it was made at: opened at 150 % and set back to 100 % under 表示 > 文字の大きさ, it stays at 150 %
(it then takes a quarter of a 1366×768 screen and pushes the KPI grid's description under the
status bar: screenshots red4.png, red7.png); opened at 100 % and set to 150 %, it stays small while
the rest of the window grows. The measure form's hint line 「1行に1項目。…」 does the same."""

from __future__ import annotations

from pathlib import Path

from grid_helpers import clerk_window, close_window
from PySide6.QtWidgets import QWidget

from kodaira_desk.ui.window.main_window import MainWindow


def _size(widget: QWidget) -> float:
    widget.ensurePolished()
    return widget.font().pointSizeF()


def test_the_clerks_banner_follows_the_text_size(qtbot, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w: MainWindow = clerk_window(db_path, tmp_path, "産業振興課")
    try:
        qtbot.waitExposed(w)
        parts = [w.banner.title, w.banner.steps, w.page.measure.hint]
        w.font_actions[1.0].trigger()  # (the test's application font is the platform's 9 pt, not ours)
        qtbot.wait(50)
        before = [_size(p) for p in parts]
        header = w.page.header.title.font().pointSizeF()
        w.font_actions[1.5].trigger()
        qtbot.waitUntil(lambda: w.page.header.title.font().pointSizeF() > header * 1.3, timeout=3000)  # posted
        after = [_size(p) for p in parts]
        assert all(b > a * 1.3 for a, b in zip(before, after, strict=True)), (before, after)  # today: [9.0, 9.0] both
        w.font_actions[1.0].trigger()  # and back: red4.png, red7.png (opened at 150 %, set to 100 %)
        qtbot.waitUntil(lambda: w.page.header.title.font().pointSizeF() == header, timeout=3000)
        assert [_size(p) for p in parts] == before
    finally:
        w.font_actions[1.0].trigger()
        close_window(w)
