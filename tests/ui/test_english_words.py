"""The English reads as English: a label starts with a capital, one word for one Japanese term,
and one translation for each text of a form."""

from __future__ import annotations

import xml.etree.ElementTree as ET  # reading our own file, not untrusted input

from kodaira_desk.paths import resources_dir
from kodaira_desk.ui.window.main_window import MainWindow


def _messages() -> list[tuple[str, str, str]]:
    tree = ET.parse(resources_dir() / "translations" / "kodaira_desk_en.ts")
    return [(c.findtext("name") or "", m.findtext("source") or "", m.findtext("translation") or "")
            for c in tree.iter("context") for m in c.iter("message")]


def test_each_text_of_a_class_has_one_translation() -> None:
    """A class's text listed twice with two translations: Qt keeps one of them, at random to a reader
    of the file (MeasureForm's 「一覧から選ぶか、状況を入力します。」 had two)."""
    seen: dict[tuple[str, str], str] = {}
    twice = []
    for context, source, translation in _messages():
        if (context, source) in seen:
            twice.append((context, source, seen[(context, source)], translation))
        seen.setdefault((context, source), translation)
    assert twice == []


def test_the_progress_text_has_one_english_name() -> None:
    """実施等状況 is "progress text" wherever it is a word of its own (実施内容 is "activities")."""
    names = {t.lower() for _c, s, t in _messages() if s == "実施等状況"}
    assert names == {"progress text"}


def test_the_measure_form_labels_start_with_a_capital(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    w.year_combo.setCurrentIndex(w.year_combo.findText("令和2年度"))
    assert w.select_node("strategy-2015", "g1.a1.m1")
    w.lang_actions["en"].trigger()
    qtbot.wait(10)
    form = w.page.measure
    assert form.narrative_label.text() == "Progress text i&n 令和2年度"
    assert form.history_label.text().startswith("E&arlier progress text")
    assert form.status.accessibleDescription() == "Choose a status from the list or type one."
    program = w.editor.trees["program-2021"]
    node = next(n for n in program.nodes if n.budget is not None)
    w.year_combo.setCurrentIndex(w.year_combo.findText("令和3年度"))
    assert w.select_node("program-2021", node.key)
    assert form.narrative_label.text() == "Activities i&n 令和3年度"
    w.lang_actions["ja"].trigger()
    qtbot.wait(10)
    assert form.narrative_label.text() == "令和3年度の実施内容(&N)"


def test_english_mnemonics_of_the_round_sit_in_their_words() -> None:
    """「(&U)」 after an English label is the Japanese way; in English the letter is underlined in the
    word (the hand-out dialog, the collection window, the round's menu)."""
    english = {s: t for _c, s, t in _messages()}
    assert english["選択を解除(&U)"] == "Select &none"
    assert english["課長確認なしを了承(&G)"] == "&Accept without head's check"
    assert english["競合の確認(&K)…"] == "Re&view conflicts…"


def test_english_quotes_are_plain() -> None:
    """Curly quotes took the Japanese font's full width in English labels (「master’ s value」,
    「with “ Collect files” .」): the English uses ' and "."""
    assert [t for _c, _s, t in _messages() if any(q in t for q in "’‘“”")] == []
