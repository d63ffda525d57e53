"""In English a mnemonic is a letter of the word (「Rep&ort」), not the Japanese 「Report (&K)」
suffix, and no two controls of a dialog or form share one: Alt+letter goes to one place."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET  # reading our own file, not untrusted input

from a11y_kit import open_dialog
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kodaira_desk.paths import resources_dir
from kodaira_desk.ui.a11y import mnemonic
from kodaira_desk.ui.window.main_window import MainWindow

SUFFIX = re.compile(r"\s*[(（]&[A-Za-z0-9][)）]")  # 「(&K)」, and 「(&8)」 the Japanese arrows' number-pad keys


def _shared_or_suffixed(root: QWidget) -> list[str]:
    """Texts of the visible buttons and of the labels that lead to a control, whose mnemonic is a
    suffix or another's too."""
    seen: dict[str, str] = {}
    out = []
    controls = [b for b in root.findChildren(QAbstractButton) if b.isVisibleTo(root)]
    controls += [lb for lb in root.findChildren(QLabel) if lb.buddy() is not None and lb.isVisibleTo(root)]
    for control in controls:
        text = control.text()
        letter = mnemonic(text)
        if letter is None:
            continue
        if SUFFIX.search(text):
            out.append(f"suffix: {text}")
        if letter in seen and seen[letter] != text:
            out.append(f"{text} and {seen[letter]} share {letter}")
        seen.setdefault(letter, text)
    return out


def test_no_english_translation_ends_in_a_japanese_mnemonic() -> None:
    tree = ET.parse(resources_dir() / "translations" / "kodaira_desk_en.ts")
    left = [m.findtext("translation") for m in tree.iter("message") if SUFFIX.search(m.findtext("translation") or "")]
    assert left == []


def test_each_dialog_in_english_has_its_own_letters(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from kodaira_desk.ui.plan_editor import round_setting as rnd

    w = window
    w.lang_actions["en"].trigger()
    qtbot.wait(10)
    # a program's 主要事業: 決算額 and 差の理由 beside the activities and the earlier ones
    w.year_combo.setCurrentIndex(w.year_combo.findText("令和3年度"))
    assert w.select_node("program-2021", "p1.j1")
    form = w.page.measure
    assert form.settlement is not None and form.settlement.isVisibleTo(w)
    assert form.settlement.settled_label.text() == "Settled amo&unt (thousand yen)"
    assert form.narrative_label.text() == "Activities i&n 令和3年度"
    assert _shared_or_suffixed(form) == []
    report = open_dialog(w, w.show_report_dialog)
    labels = {lb.text() for lb in report.findChildren(QLabel) if lb.buddy() is not None}
    assert {"Rep&ort", "D&epartment"} <= labels
    assert _shared_or_suffixed(report) == []
    report.close()
    for opener in (w.show_year_lock, w.show_handout, w.show_collect, w.show_conflicts):
        dialog = open_dialog(w, opener)
        assert _shared_or_suffixed(dialog) == [], opener
        dialog.close()
    editor = w.show_plan_editor()
    assert editor is not None
    qtbot.waitExposed(editor)
    node = next(n for n in editor.tree.nodes if editor.tree.indicators_of(n.key))  # type: ignore[union-attr]
    editor.select(node.key)
    assert _shared_or_suffixed(editor) == []
    assert {b.text() for b in editor.findChildren(QAbstractButton)} >= {"↑ M&ove up", "→ &Indent"}
    new_plan, next_plan = editor.show_new_plan(None), editor.show_new_plan(editor.tree)
    assert "Plan &document" in {b.text() for b in new_plan.findChildren(QAbstractButton)}
    for dialog in (editor.show_round_setting(), rnd.add_department(editor, editor.indicator_form.lead), new_plan, next_plan):
        assert dialog is not None
        assert _shared_or_suffixed(dialog) == [], dialog.objectName()
        dialog.reject()
    editor.reject()


def test_the_report_names_follow_the_language(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """The 帳票 list in English names each report in English, with the city's title beside it."""
    w = window
    assert w.select_node("strategy-2015", "g1.a1")
    dialog = open_dialog(w, w.show_report_dialog)
    kinds = dialog.kind  # type: ignore[attr-defined]
    japanese = [kinds.itemText(i) for i in range(kinds.count())]
    assert "進捗状況一覧表" in japanese
    dialog.close()
    w.lang_actions["en"].trigger()
    qtbot.wait(10)
    dialog = open_dialog(w, w.show_report_dialog)
    kinds = dialog.kind  # type: ignore[attr-defined]
    english = [kinds.itemText(i) for i in range(kinds.count())]
    assert "Progress list (進捗状況一覧表)" in english
    assert all(re.match(r"[A-Za-z]", text) for text in english), english
    dialog.close()
