"""Tester's finding (tclerk, 2026-12-08): a clerk types 約5百 into 決算額 (red: not a figure), then
switches the window's language (表示 > 言語). The reason under the field and the list Save shows
stay in the language the value was typed in: after Japanese → English, Ctrl+S lists
"• 男女共同参画推進事業 令和3年度 決算額: "約5百" — 決算額には「約」「以上」などを付けずに入力してください。"
(the field's name and the reason both Japanese); after English → Japanese the
field says 「× 読み取れません: Type the settled amount without "約" (about)…」. Everything else
switches at once."""

from __future__ import annotations

import re

import test_clerk as clerk
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from kodaira_desk.ui.window.main_window import MainWindow

MEASURE = "p1.j1"  # 男女共同参画推進事業 (a 費用 planned in 令和3年度)
CTRL = Qt.KeyboardModifier.ControlModifier
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def test_the_reason_a_figure_is_red_follows_the_language(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    clerk.choose(w.year_combo, "令和3年度")
    clerk.click_node(qtbot, w, "program-2021", MEASURE)
    box = w.page.measure.settlement
    assert box is not None
    clerk.type_text(qtbot, box.settled, "約5百")
    box.note.setFocus()  # Tab on: the field turns red and says why
    (red,) = w.editor.invalid_cells()
    said_in_japanese = red.message
    assert JAPANESE.search(said_in_japanese.replace("約", "")), said_in_japanese

    w.lang_actions["en"].trigger()  # 表示 > 言語 / Language > English
    try:
        qtbot.keyClick(w, Qt.Key.Key_S, CTRL)
        qtbot.waitUntil(lambda: w.findChild(QMessageBox, "invalidCellsNotice") is not None, timeout=30000)
        notice = w.findChild(QMessageBox, "invalidCellsNotice")
        assert notice is not None
        listed = notice.informativeText()
        assert "約5百" in listed
        reason = listed.split("—", 1)[-1]
        assert not JAPANESE.search(reason.replace("約", "").replace("以上", "")), listed
    finally:
        w.translations.apply("ja")
