"""Ctrl+Z with the cursor in an empty text field (tester): the field has nothing of its own to undo,
so the window's 元に戻す takes the key, as it does from the tree; a field with typing of its own
still undoes its own first."""

from __future__ import annotations

import test_clerk as clerk
from PySide6.QtCore import Qt

from kodaira_desk.ui.window.main_window import MainWindow

MEASURE = "p1.j1"  # 男女共同参画推進事業 (a 費用 planned in 令和3年度: its 差の理由 is there)
CTRL = Qt.KeyboardModifier.ControlModifier


def test_ctrl_z_in_an_empty_reason_undoes_the_last_edit(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    clerk.choose(w.year_combo, "令和3年度")
    clerk.click_node(qtbot, w, "program-2021", MEASURE)
    form = w.page.measure
    before = form.narrative.toPlainText()
    clerk.type_text(qtbot, form.narrative, "・フォーラムを2回開催しました。")
    box = form.settlement
    assert box is not None
    clerk.type_text(qtbot, box.settled, "6,120")
    box.note.setFocus()  # the cursor in the empty 差の理由
    qtbot.waitUntil(box.note.hasFocus)
    assert box.note.text() == "" and w.act_undo.isEnabled()
    qtbot.keyClick(box.note, Qt.Key.Key_Z, CTRL)
    assert box.settled.text() == ""  # the 決算額 typed last is undone
    qtbot.keyClick(box.note, Qt.Key.Key_Z, CTRL)
    assert form.narrative.toPlainText() == before  # and the 実施等状況 before it
    qtbot.keyClick(box.note, Qt.Key.Key_Y, CTRL)  # redo, from the same empty field
    assert form.narrative.toPlainText() != before


def test_a_field_with_typing_of_its_own_undoes_that_first(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    clerk.choose(w.year_combo, "令和3年度")
    clerk.click_node(qtbot, w, "program-2021", MEASURE)
    box = w.page.measure.settlement
    assert box is not None
    clerk.type_text(qtbot, box.settled, "6,120")
    box.note.setFocus()
    qtbot.waitUntil(box.note.hasFocus)
    qtbot.keyClicks(box.note, "abc")
    qtbot.keyClick(box.note, Qt.Key.Key_Z, CTRL)
    assert box.note.text() == ""  # the field's own typing undone…
    assert box.settled.text() == "6,120"  # …not the window's last edit
