"""The question after a save found a field changed by someone else says an empty field is empty
(it showed 「」 for what the field held when the window read it)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from roundkit import narrative, write
from test_clerk import choose, type_text

from kodaira_desk.ui.window.main_window import Answer, MainWindow

KEY = "progress:strategy-2015:g1.a1.m1:2020:narrative"


def test_a_field_empty_when_read_is_called_empty_in_the_question(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                  db_path: Path) -> None:
    w = window
    choose(w.year_combo, "令和2年度")
    assert w.select_node("strategy-2015", "g1.a1.m1")
    assert narrative(db_path, "g1.a1.m1") is None  # nothing written in 令和2年度 yet
    type_text(qtbot, w.page.measure.narrative, "・認定農業者を支援しました。")
    write(db_path, KEY, "・農業委員会と連携しました。")  # another person's save meanwhile
    asked: list[str] = []
    w.ask = lambda title, text, *_a: (asked.append(text), Answer.CANCEL)[1]  # type: ignore[method-assign]
    qtbot.keyClick(w.page.measure.narrative, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(asked) and not w.tasks.busy, timeout=10000)
    assert "入力した値「・認定農業者を支援しました。」" in asked[0]
    assert "ほかの人の値「・農業委員会と連携しました。」" in asked[0]
    assert "（読み込んだときは（空欄））" in asked[0] and "「」" not in asked[0]
    assert narrative(db_path, "g1.a1.m1") == "・農業委員会と連携しました。" and w.isWindowModified()
