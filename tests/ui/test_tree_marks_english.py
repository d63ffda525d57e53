"""A screen reader hears the tree's marks (入力済 / 未入力) in the language chosen: after 表示 > 言語 >
English an item's accessible description is English, and Japanese again after the switch back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from test_clerk import choose

from kodaira_desk.ui.window.main_window import MainWindow


def _said(w: MainWindow) -> str:
    index = w.model.index_of("strategy-2015", "g1.a1.m1")
    return str(index.data(Qt.ItemDataRole.AccessibleDescriptionRole))


def test_the_marks_are_said_in_the_language_chosen(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    choose(w.year_combo, "令和2年度")  # the strategy's last year: its items have marks
    japanese = _said(w)
    assert japanese in ("入力済", "未入力")
    w.lang_actions["en"].trigger()
    assert _said(w) == {"入力済": "Entered", "未入力": "Not entered"}[japanese]
    w.lang_actions["ja"].trigger()
    assert _said(w) == japanese
