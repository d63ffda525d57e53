"""The notes' dialogs as people use them (issue 25): a note typed and saved with Ctrl+S without OK
is saved, an answer typed and saved with Ctrl+S without 回答を入れる is saved, a note typed and
cancelled is not dropped unasked, and the division sees where a question goes before asking it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from roundkit import FARM, close_window, hand_out, idle, open_window
from test_clerk import type_text
from test_notes_window import _annotations, _dialog, _notes_dialog, _to_farm

from kodaira_desk.domain.annotations import AnnotationKey
from kodaira_desk.services.database import open_database
from kodaira_desk.services.editing import AnnotationField
from kodaira_desk.ui.window.main_window import MainWindow
from kodaira_desk.ui.window.window_api import Answer


def _press_ctrl_s(qtbot, dialog, widget) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+S in a dialog with the keyboard, as a person presses it (the dialog is the active window)."""
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5000)
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def test_a_note_typed_and_saved_with_ctrl_s_in_the_dialog_is_saved(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    _to_farm(qtbot, w)
    dialog = _notes_dialog(qtbot, w)
    type_text(qtbot, dialog.note, "区画台帳（R3.3末）による")
    _press_ctrl_s(qtbot, dialog, dialog.note)  # no OK, no Enter
    assert not dialog.isVisible()
    idle(qtbot, w)
    assert not w.isWindowModified()
    note = _annotations(w.db.path).note(FARM)
    assert note is not None and note.text == "区画台帳（R3.3末）による" and note.author == "政策課 試験"


def test_a_note_typed_and_cancelled_is_asked_about(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    asked: list[str] = []
    answers = iter([Answer.CANCEL, Answer.DISCARD, Answer.SAVE])

    def ask(_title: str, text: str, *_buttons: str) -> Answer:
        asked.append(text)
        return next(answers)

    w.ask = ask  # type: ignore[method-assign]
    _to_farm(qtbot, w)
    dialog = _notes_dialog(qtbot, w)
    type_text(qtbot, dialog.note, "見込みは農政課の聞き取り")
    qtbot.keyClick(dialog.note, Qt.Key.Key_Escape)  # キャンセル (the question's Cancel): the dialog stays
    assert dialog.isVisible() and dialog.note.toPlainText() == "見込みは農政課の聞き取り"
    qtbot.keyClick(dialog.note, Qt.Key.Key_Escape)  # 入れずに閉じる
    assert not dialog.isVisible() and not w.isWindowModified()
    dialog = _notes_dialog(qtbot, w)
    assert dialog.note.toPlainText() == ""
    type_text(qtbot, dialog.note, "見込みは農政課の聞き取り")
    dialog.reject()  # the window's close button on the dialog: 入れる
    assert asked == ["入力したメモ・回答を入れますか？"] * 3
    assert w.isWindowModified()
    assert w.editor.content(AnnotationField(str(AnnotationKey.note(FARM)))) == "見込みは農政課の聞き取り"
    dialog = _notes_dialog(qtbot, w)
    dialog.reject()  # nothing typed since: nothing asked
    assert len(asked) == 3


def test_an_answer_typed_and_saved_with_ctrl_s_in_the_questions_list_is_saved(
        qtbot, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from kodaira_desk.services import notes

    db = open_database(db_path, create=False)
    notes.ask_question(db, FARM, "出典を教えてください。", "政策課 山田")
    db.dispose()
    files = hand_out(db_path, tmp_path / "配布", ["産業振興課"])
    w = open_window(files["産業振興課"], name="田中")
    try:
        qtbot.waitExposed(w)
        qtbot.mouseClick(w.banner.questions, Qt.MouseButton.LeftButton)
        questions = _dialog(w, "questionsDialog")
        type_text(qtbot, questions.answer, "農政課の台帳")
        _press_ctrl_s(qtbot, questions, questions.answer)  # no 回答を入れる
        idle(qtbot, w)
        assert not w.isWindowModified()
        assert questions.isVisible() and questions.answer.toPlainText() == "農政課の台帳"
        assert questions.model.state(0) == "回答あり"  # saved: no longer 回答入力済み（未保存）
        type_text(qtbot, questions.answer, "（令和3年3月末）")
        questions.reject()  # 閉じる with an answer typed: kept in the window's session, not dropped
        assert w.isWindowModified()
    finally:
        close_window(w)
    (q,) = _annotations(files["産業振興課"]).questions_on(FARM)
    assert q.answer == "農政課の台帳" and q.answered_by == "産業振興課 田中"


def test_the_division_sees_where_a_question_goes_and_cannot_ask_about_an_item_without_a_department(
        qtbot, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = open_window(db_path)
    try:
        qtbot.waitExposed(w)
        _to_farm(qtbot, w)
        dialog = _notes_dialog(qtbot, w)
        assert dialog.addressee.text() == "質問の届け先: 産業振興課（次の配布・再配布で届きます）"
        assert dialog.ask_button.isEnabled() and not dialog.new_question.isReadOnly()
        dialog.reject()
    finally:
        close_window(w)
    con = sqlite3.connect(db_path)  # an indicator that names no 課 (as the program's did before #31)
    con.execute("DELETE FROM indicator_departments WHERE indicator_id = "
                "(SELECT id FROM indicators WHERE plan_id = 'strategy-2015' AND key = 'g1.a1.k3')")
    con.commit()
    con.close()
    w = open_window(db_path)
    try:
        qtbot.waitExposed(w)
        _to_farm(qtbot, w)
        dialog = _notes_dialog(qtbot, w)
        assert "担当課が決まっていないため、質問を届ける課がありません" in dialog.addressee.text()
        assert not dialog.ask_button.isEnabled() and dialog.new_question.isReadOnly()
        assert not dialog.note.isReadOnly()  # a note needs no department
        dialog.reject()
    finally:
        close_window(w)
