"""Notes, questions and evidence files (issue 25) as assistive technology reads them (issue 28's
rules): every control of the notes' dialog and of the questions' list named, saying what it is, and
every button with a mnemonic — in the master with a question and a file on the cell, and in clerk
mode; a cell's marks (a corner triangle, 「問」, 「添」) said in words, not by their look alone."""

from __future__ import annotations

import sys
from pathlib import Path

from a11y_kit import accessible_description, accessible_name, unnamed, without_mnemonic, wrong_roles
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from kodaira_desk.services import notes
from kodaira_desk.services.database import open_database

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "ui"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "round"))
from notes_helpers import PDF
from roundkit import FARM, close_window, hand_out, open_window
from test_notes_window import _dialog, _notes_dialog, _to_farm

QUESTION = "R2の実績が前年より40区画増えた理由は？"


def _check(root: QWidget) -> None:
    assert unnamed(root) == []
    assert wrong_roles(root) == []
    assert without_mnemonic(root) == []


def _asked(db_path: Path) -> None:
    db = open_database(db_path, create=False)
    try:
        notes.ask_question(db, FARM, QUESTION, "政策課 山田")
        notes.attach(db, FARM, "区画台帳.pdf", PDF, "政策課 山田")
    finally:
        db.dispose()


def test_the_masters_notes_dialog_and_questions_list(qtbot, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    _asked(db_path)
    w = open_window(db_path)
    try:
        qtbot.waitExposed(w)
        index = _to_farm(qtbot, w)
        said = index.data(Qt.ItemDataRole.AccessibleDescriptionRole)
        assert "未回答の質問" in said and "添付" in said, said  # the marks in words
        dialog = _notes_dialog(qtbot, w)
        qtbot.waitExposed(dialog)
        _check(dialog)
        assert accessible_name(dialog.note) == "メモ" and accessible_description(dialog.note)
        assert accessible_name(dialog.new_question) == "担当課への質問"
        assert accessible_name(dialog.files) == "添付ファイル"
        (answer,) = dialog.answers.values()
        assert accessible_name(answer) == f"回答: {QUESTION}"
        dialog.reject()
        w.act_questions.trigger()
        questions = _dialog(w, "questionsDialog")
        qtbot.waitExposed(questions)
        _check(questions)
        assert accessible_name(questions.table) == "質問の一覧"
        assert accessible_name(questions.answer) == "回答" and accessible_description(questions.answer) == QUESTION
        questions.reject()
    finally:
        close_window(w)


def test_the_clerks_questions_list_and_notes_strip(qtbot, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _asked(db_path)
    files = hand_out(db_path, tmp_path / "配布", ["産業振興課"])
    w = open_window(files["産業振興課"], name="田中")
    try:
        qtbot.waitExposed(w)
        assert accessible_name(w.banner.questions) == "政策課からの質問: 未回答 1 件"
        qtbot.mouseClick(w.banner.questions, Qt.MouseButton.LeftButton)
        questions = _dialog(w, "questionsDialog")
        qtbot.waitExposed(questions)
        _check(questions)
        questions.reject()
        measure = next(n for t in w.editor.trees.values() for n in t.nodes
                       if t.progress_of(n.key) and n.is_handled_by("産業振興課"))
        assert w.select_node(measure.plan_id, measure.key)
        strip = w.page.measure.notes_strip
        assert without_mnemonic(w.page.measure) == []
        assert [b.text() for _label, b in strip.rows.values()] == ["進捗状況のメモ・添付(&C)…", "実施等状況のメモ・添付(&X)…"]
    finally:
        close_window(w)
