"""Why an indicator has no rate, in the window's language: the reports print the domain's Japanese,
the window the same words in Japanese and their translation in English."""

from __future__ import annotations

from kodaira_desk.domain.achievement import ABSENCE_TEXTS, REASON_TEXTS, Achievement, Reason, Status, Why
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import ValueKind
from kodaira_desk.domain.values import AbsenceKind, Absent
from kodaira_desk.ui.chart.grading_words import ABSENCES, TEMPLATES, reason_words
from kodaira_desk.ui.window.main_window import MainWindow

R2 = FiscalYear(2020)
UNKNOWN = Achievement("g1.a1.k3", R2, Status.UNKNOWN, reasons=(Reason(Why.NOT_ENTERED, R2),))
FOOTNOTED = Achievement("g1.a1.k3", R2, Status.UNKNOWN, reasons=(
    Reason(Why.VALUE_ABSENT, R2, ValueKind.FORECAST, Absent(AbsenceKind.FOOTNOTE, "※4"), "調査を休止"),))
RATIO = Achievement("g1.a1.k3", R2, Status.ACHIEVED, reasons=(Reason(Why.RATIO_NO_BASELINE), Reason(Why.FORECAST)))


def test_the_windows_japanese_is_the_reports_word_for_word() -> None:
    assert TEMPLATES == REASON_TEXTS
    assert ABSENCES == ABSENCE_TEXTS


def test_a_reason_reads_in_the_language_of_the_window(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert reason_words(UNKNOWN) == "令和2年度の実績が未入力です。" == UNKNOWN.reason
    assert reason_words(FOOTNOTED) == FOOTNOTED.reason == \
        "令和2年度の実績（見込）が「（※4）」のため判定できません。（※4: 調査を休止）"
    window.lang_actions["en"].trigger()
    qtbot.wait(10)
    try:
        assert reason_words(UNKNOWN) == "No actual value has been entered for 令和2年度."
        assert reason_words(FOOTNOTED) == \
            "Cannot be graded: the forecast of 令和2年度 is \"（※4）\".（※4: 調査を休止）"
        assert reason_words(RATIO) == ("There is no baseline, so the rate is the ratio to the target."
                                       " Graded on the forecast (見込).")
        assert UNKNOWN.reason == "令和2年度の実績が未入力です。"  # the reports keep the city's words
    finally:
        window.lang_actions["ja"].trigger()
        qtbot.wait(10)
