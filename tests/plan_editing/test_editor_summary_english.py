"""計画の編集 in English (tester 2026-12-07, 1366×768): the line under the plan says
「Yearly report: 主要事業: 進捗状況、実施内容、決算額／指標: 実績」 — what the plan asks each year is said
in Japanese (RoundSetting.describe in the domain), although the window calls the same things
Status, Activities, Settled amount and Actual everywhere else. (The plan's own level names, 施策 and
主要事業, are the city's data and may stay.)"""

from __future__ import annotations

from plan_editing.editor_kit import open_editor

WORDS = ("進捗状況", "実施内容", "実施等状況", "決算額", "指標", "実績")


def test_the_yearly_report_summary_is_english(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.translations.apply("en")
    editor = open_editor(qtbot, window, size=(1366, 768))
    i = editor.plan_combo.findData("program-2021")
    assert i >= 0
    editor.plan_combo.setCurrentIndex(i)
    qtbot.waitUntil(lambda: "Yearly report" in editor.levels_label.text(), timeout=5000)
    text = editor.levels_label.text()
    asks = text.split("Yearly report", 1)[1]
    left = [w for w in WORDS if w in asks]
    assert not left, f"said in Japanese in an English window: {text!r}"
    editor.close()
