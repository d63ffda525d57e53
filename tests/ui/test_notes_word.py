"""The notes strip under a measure speaks the plan's word for the narrative: 実施内容 for the
program's 主要事業 (as its form's label does), 実施等状況 for the strategy's measures."""

from __future__ import annotations

from kodaira_desk.ui.window.main_window import MainWindow


def test_the_notes_buttons_use_the_plans_word(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    w.year_combo.setCurrentIndex(w.year_combo.findText("令和3年度"))
    assert w.select_node("program-2021", "p1.j1")
    w.page.tabs.setCurrentWidget(w.page.measure)
    button = w.page.measure.notes_strip.rows["narrative"][1]
    assert "実施内容" in w.page.measure.narrative_label.text()
    assert button.text() == "実施内容のメモ・添付(&X)…"
    w.year_combo.setCurrentIndex(w.year_combo.findText("令和2年度"))
    assert w.select_node("strategy-2015", "g1.a1.m1")
    assert button.text() == "実施等状況のメモ・添付(&X)…"
