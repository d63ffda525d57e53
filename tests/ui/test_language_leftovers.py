"""Texts left in the old language after 表示 > 言語 (tester, 2026-12-07): the measure form's
「(nothing recorded)」 stayed English after 日本語 until the node changed (red6.png); 「1 件の変更を
保存しました。」 stayed in the status bar after English."""

from __future__ import annotations

from pathlib import Path

from grid_helpers import R2, cell, focused, open_kpi, saved_value, type_keys
from PySide6.QtCore import Qt

from kodaira_desk.domain.model import ValueKind
from kodaira_desk.ui.window.main_window import MainWindow


def test_nothing_recorded_is_said_again_in_japanese(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    w.year_combo.setCurrentIndex(w.year_combo.findText("令和3年度"))  # the first year of program-2021
    form = w.page.measure
    for node in w.editor.trees["program-2021"].nodes:
        if w.select_node("program-2021", node.key) and form.isVisibleTo(w) \
                and form.history.toPlainText() == "（記録はありません）":
            break
    else:
        raise AssertionError("no measure without earlier texts")
    w.lang_actions["en"].trigger()
    qtbot.wait(10)
    assert form.history.toPlainText() == "(nothing recorded)"
    w.lang_actions["ja"].trigger()
    qtbot.wait(10)
    assert form.history.toPlainText() == "（記録はありません）"  # today: (nothing recorded)


def test_a_saved_message_does_not_stay_in_japanese(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    view = open_kpi(w, "strategy-2015", "g1.a1")
    view.setCurrentIndex(cell(w, "g1.a1.k3", ValueKind.ACTUAL, R2))
    type_keys(qtbot, view, "275")
    qtbot.keyClick(focused(view), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not w.tasks.busy, timeout=30000)
    assert saved_value(db_path, "g1.a1.k3", ValueKind.ACTUAL, R2) == "275区画"
    assert "1 件の変更を保存しました" in w.statusBar().currentMessage()
    try:
        w.lang_actions["en"].trigger()
        qtbot.wait(10)
        assert "保存しました" not in w.statusBar().currentMessage()  # today: it stayed 8 s
    finally:
        w.lang_actions["ja"].trigger()
