"""Why a red entry cannot be read is said in the language in use, whenever it was typed: a red
決算額 typed in English says its reason in Japanese beside the box once the window is switched back
(the draft kept the reason's words of the moment it was typed, tclerk 4362862)."""

from __future__ import annotations

import test_clerk as clerk

from kodaira_desk.ui.window.main_window import MainWindow


def test_a_reason_typed_in_english_is_said_in_japanese_after_the_switch(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow) -> None:
    w = window
    clerk.choose(w.year_combo, "令和3年度")
    clerk.click_node(qtbot, w, "program-2021", "p1.j1")
    box = w.page.measure.settlement
    assert box is not None
    w.lang_actions["en"].trigger()
    try:
        clerk.type_text(qtbot, box.settled, "abc")
        box.note.setFocus()
        (red,) = w.editor.invalid_cells()
        assert "cannot be read" in red.message, red.message
        english = box.difference.text()
    finally:
        w.translations.apply("ja")
    qtbot.waitUntil(lambda: not box.difference.text().startswith(english[:5]), timeout=5000)  # (LanguageChange is posted)
    (red,) = w.editor.invalid_cells()
    assert "読めません" in red.message, red.message
    assert box.difference.text().startswith("× 読み取れません: ") and red.message in box.difference.text(), (
        english, box.difference.text())
    assert red.message in box.settled.toolTip()
