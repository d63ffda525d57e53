"""Translated phrases put together in the language in use (ui/i18n.py `listed`, `sentences`): a list
takes 「、」 in Japanese and ", " in English; sentences run together in Japanese and stand a space
apart in English. Before, the English read 「progress、progress text」 and 「There are unsaved
changes.Save them?」."""

from __future__ import annotations

import re
from pathlib import Path

from grid_helpers import R2, cell, enter, open_kpi
from PySide6.QtCore import Qt

import kodaira_desk
from kodaira_desk.domain.model import ValueKind
from kodaira_desk.ui.forms.invalid_notice import unsaved_question
from kodaira_desk.ui.i18n import full_stops, listed, sentences
from kodaira_desk.ui.window.main_window import MainWindow


def test_lists_and_sentences_in_each_language(window: MainWindow) -> None:
    assert listed(["進捗", "実施等状況"]) == "進捗、実施等状況"
    assert full_stops(["赤", "読めません。", "区画数"]) == "赤。読めません。区画数"  # no 「。。」
    assert sentences("1 件を保存しました。", "", "赤いセルがあります。") == "1 件を保存しました。赤いセルがあります。"
    window.translations.apply("en")
    try:
        assert listed(["progress", "progress text"]) == "progress, progress text"
        assert full_stops(["Red", "Cannot be read.", "Actual"]) == "Red. Cannot be read. Actual"
        assert listed(["産業振興課"]) == "産業振興課" and listed([]) == ""
        assert sentences("Saved 1 change.", "1 red cell…", "Again.") == "Saved 1 change. 1 red cell… Again."
        assert sentences("A list:\n・x\n", "Save them?") == "A list:\n・x\nSave them?"  # a line ends one too
    finally:
        window.translations.apply("ja")


def test_the_unsaved_question_in_english_keeps_its_sentences_apart(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow) -> None:
    w = window
    open_kpi(w, "strategy-2015", "g1.a1")
    enter(qtbot, w, cell(w, "g1.a1.k4", ValueKind.ACTUAL, R2), "250")
    w.translations.apply("en")
    try:
        plain = unsaved_question(w.editor)
        named = unsaved_question(w.editor, "kodaira.sqlite")
        enter(qtbot, w, cell(w, "g1.a1.k3", ValueKind.ACTUAL, R2), "abc")
        red = unsaved_question(w.editor)
        red_named = unsaved_question(w.editor, "kodaira.sqlite")
    finally:
        w.translations.apply("ja")
    assert plain == "There are unsaved changes. Save them?"
    assert "There are unsaved changes. If you don't save" in named
    assert red.startswith("There are unsaved changes. 1 red cell holds input"), red
    for text in (plain, named, red, red_named):
        assert not re.search(r"[.?:][A-Z]", text), f"sentences run together: {text!r}"
        assert not re.search(r"^ ", text, re.M), f"a line opens with a space: {text!r}"
    assert unsaved_question(w.editor).startswith("保存していない変更があります。次の 1 個の赤いセル")


def test_a_screen_reader_hears_english_sentences_in_the_kpi_grid(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow) -> None:
    """A red cell's description and a row header's were joined with 「。」 in English too."""
    w = window
    open_kpi(w, "strategy-2015", "g1.a1")
    entry = cell(w, "g1.a1.k3", ValueKind.ACTUAL, R2)
    w.translations.apply("en")
    try:
        enter(qtbot, w, entry, "abc")
        model = w.page.kpi.model
        red = model.accessible_description(entry)
        header = model.headerData(entry.row(), Qt.Orientation.Vertical, Qt.ItemDataRole.AccessibleDescriptionRole)
    finally:
        w.translations.apply("ja")
    assert red.startswith("Red") and ". " in red and "。" not in red, red
    assert isinstance(header, str) and "Unit: " in header and "。" not in header, header


def test_no_translated_text_is_joined_with_japanese_punctuation_in_the_code() -> None:
    """Lists and sentences go through ui/i18n.py (listed, full_stops, sentences), whose separators are
    translated; a 「、」 or 「。」 written into a join reads as Japanese punctuation in English."""
    package = Path(kodaira_desk.__file__).parent / "ui"
    joins = re.compile(r"""["'][、。]["']\.join\(|\.replace\(["']\\n["'], ["']。["']\)""")
    found = [f"{p.relative_to(package)}:{n}" for p in sorted(package.rglob("*.py"))
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1)
             if joins.search(line) and ".setText(" not in line]  # (an input's value the form reads back)
    assert found == []


def test_the_pre_submission_summary_says_its_question_count_as_a_sentence_of_its_own(  # type: ignore[no-untyped-def]
        qtbot, db_path: Path, tmp_path: Path) -> None:
    """「…開きます。 政策課からの質問に…」 had a space in Japanese (the source opened with one to stand
    apart in English), and English said '1 questions … are not answered'."""
    from PySide6.QtCore import QSettings
    from roundkit import FARM, close_window, hand_out, open_window

    from kodaira_desk.services import notes
    from kodaira_desk.services.database import open_database

    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    db = open_database(db_path, create=False)
    try:
        notes.ask_question(db, FARM, "出典を教えてください。", "政策課 山田")
    finally:
        db.dispose()
    w = open_window(hand_out(db_path, tmp_path / "配布", ["産業振興課"])["産業振興課"])
    try:
        qtbot.waitExposed(w)
        check = w.show_submission_check()
        japanese = check.summary.text()
        check.close()
        w.translations.apply("en")
        check = w.show_submission_check()
        english = check.summary.text()
        check.close()
    finally:
        w.translations.apply("ja")
        close_window(w)
    assert "開きます。政策課からの質問に未回答 1 件" in japanese, japanese
    assert "item. 1 question from the policy division is not answered" in english, english
