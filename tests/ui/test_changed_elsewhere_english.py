"""Two windows on one department file, the window in English (tester 2026-12-07): the second
window's save finds the field saved by the first and asks — but the question's first sentence is
Japanese (StaleEditError's message is an f-string with no template, so message_of cannot translate
it): 「読み込んだ後に別の場所で変更された項目が 1 件あります。上書きするか…」 in an English window."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt
from roundkit import idle, narrative, write
from test_clerk import choose, type_text
from test_question_buttons_english import is_japanese_style, read_then_escape

from kodaira_desk.ui.window.main_window import MainWindow

KEY = "progress:strategy-2015:g1.a1.m1:2020:narrative"
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def test_the_changed_elsewhere_question_is_english_in_an_english_window(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                       db_path: Path) -> None:
    """The real question box, in English: its first sentence English (the item's name is the city's),
    each field's three values said, its buttons underlining a letter of their words (were
    「Take theirs(N)」 and 「Keep(S)」); Esc keeps the other clerk's value stored."""
    w = window
    choose(w.year_combo, "令和2年度")
    assert w.select_node("strategy-2015", "g1.a1.m1")
    w.translations.apply("en")
    qtbot.wait(10)
    type_text(qtbot, w.page.measure.narrative, "B: second clerk")
    write(db_path, KEY, "A: first clerk")  # the other window's save meanwhile
    buttons: list[str] = []
    texts: list[str] = []
    read_then_escape(buttons, texts)
    qtbot.keyClick(w.page.measure.narrative, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(texts) and not w.tasks.busy, timeout=10000)
    idle(qtbot, w)
    assert narrative(db_path, "g1.a1.m1") == "A: first clerk"
    first, fields = texts[0].split("\n\n", 1)
    assert not JAPANESE.search(first), f"said in Japanese in an English window: {first!r}"
    assert 'you typed "B: second clerk"; stored by someone else: "A: first clerk"' in fields, texts
    assert buttons and not [b for b in buttons if is_japanese_style(b) or "&" not in b], buttons
