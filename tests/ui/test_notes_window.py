"""Notes, questions and evidence files through the window (issue 25), as the division and a clerk use
them: keys pressed and buttons clicked, then the databases read."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from roundkit import FARM, R2, close_window, hand_out, idle, open_window
from test_clerk import kpi_cell, save, type_in_cell, type_text

from kodaira_desk.domain.annotations import AnnotationKey, QuestionState
from kodaira_desk.domain.model import ValueKind
from kodaira_desk.services.database import open_database
from kodaira_desk.services.plans import load_all
from kodaira_desk.services.rounds.collect import collect
from kodaira_desk.ui.notes.field_marks import ANNOTATION_ROLE
from kodaira_desk.ui.window import saving
from kodaira_desk.ui.window.main_window import MainWindow

FARM_NAME = "市内体験農園の区画数"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _annotations(path: Path):  # type: ignore[no-untyped-def]
    db = open_database(path, create=False)
    try:
        return {t.plan.id: t.annotations for t in load_all(db)}["strategy-2015"]
    finally:
        db.dispose()


def _to_farm(qtbot, w: MainWindow):  # type: ignore[no-untyped-def]
    """The 市内体験農園の区画数 R2 実績 cell, current in the KPI grid."""
    assert w.select_node("strategy-2015", "g1.a1")
    if w.clerk is None:
        w.year_combo.setCurrentIndex(w.year_combo.findData(2020))
    w.page.tabs.setCurrentWidget(w.page.kpi)
    index = kpi_cell(w, FARM_NAME, ValueKind.ACTUAL, R2)
    w.page.kpi.view.setFocus()
    w.page.kpi.view.setCurrentIndex(index)
    return index


def _notes_dialog(qtbot, w: MainWindow):  # type: ignore[no-untyped-def]
    """Shift+F2 on the current cell, as in a spreadsheet."""
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=5000)
    w.page.kpi.view.setFocus()
    qtbot.keyClick(w.page.kpi.view, Qt.Key.Key_F2, Qt.KeyboardModifier.ShiftModifier)
    return _dialog(w, "fieldNotesDialog")


def _dialog(w: MainWindow, name: str) -> QDialog:
    dialogs = [d for d in w.findChildren(QDialog) if d.objectName() == name and d.isVisible()]
    assert dialogs, f"no {name} open"
    return dialogs[-1]


def test_a_note_typed_in_the_clerks_window_arrives_with_the_value(qtbot, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    files = hand_out(db_path, tmp_path / "配布", ["産業振興課"])
    w = open_window(files["産業振興課"], name="田中")
    try:
        qtbot.waitExposed(w)
        index = _to_farm(qtbot, w)
        type_in_cell(qtbot, w, index, "365区画")  # Enter moves down: back up to the value's cell
        qtbot.keyClick(w.page.kpi.view, Qt.Key.Key_Up)
        assert w.page.kpi.view.currentIndex() == index
        dialog = _notes_dialog(qtbot, w)
        type_text(qtbot, dialog.note, "R2は5区画を増設")
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        marks = index.data(ANNOTATION_ROLE)
        assert marks is not None and marks.note == "R2は5区画を増設"  # the corner mark, before saving
        assert "メモ: R2は5区画を増設" in w.page.kpi.details.text()
        assert "R2は5区画を増設" in index.data(Qt.ItemDataRole.ToolTipRole)
        assert w.isWindowModified()
        save(qtbot, w)
        assert not w.isWindowModified()
    finally:
        close_window(w)
    db = open_database(db_path, create=False)
    try:
        outcome = collect(db, [files["産業振興課"]]).outcomes[0]
    finally:
        db.dispose()
    assert outcome.code == "merged", outcome.message
    note = _annotations(db_path).note(FARM)
    assert note is not None and note.text == "R2は5区画を増設" and note.author == "産業振興課 田中"


def test_a_question_asked_in_the_master_is_answered_in_clerk_mode_and_comes_back(
        qtbot, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    master = open_window(db_path)
    try:
        qtbot.waitExposed(master)
        _to_farm(qtbot, master)
        dialog = _notes_dialog(qtbot, master)
        type_text(qtbot, dialog.new_question, "R2の実績が前年より40区画増えた理由は？")
        qtbot.mouseClick(dialog.ask_button, Qt.MouseButton.LeftButton)
        idle(qtbot, master)
        assert "質問を登録しました" in dialog.message.text()
        assert "R2の実績が前年より40区画増えた理由は？" in [
            q.text for q in master.editor.trees["strategy-2015"].annotations.questions_on(FARM)]
        dialog.reject()
    finally:
        close_window(master)
    (question,) = _annotations(db_path).questions_on(FARM)
    assert question.asked_by == "政策課 試験" and question.state is QuestionState.OPEN

    files = hand_out(db_path, tmp_path / "配布", ["産業振興課"])
    w = open_window(files["産業振興課"], name="田中")
    try:
        qtbot.waitExposed(w)
        banner = w.banner.questions
        assert banner.isVisible() and banner.text() == "政策課からの質問: 未回答 1 件"
        from kodaira_desk.ui.window.clerk_mode import submission_items

        items = [it.text for it in submission_items(w, "産業振興課") if it.field_key]
        assert items == [f"質問に未回答: {FARM_NAME} 令和2年度 実績 — R2の実績が前年より40区画増えた理由は？"]
        qtbot.mouseClick(banner, Qt.MouseButton.LeftButton)
        questions = _dialog(w, "questionsDialog")
        assert questions.model.rowCount() == 1
        type_text(qtbot, questions.answer, "市民農園を5区画増設した（R2.6）ため。")
        qtbot.mouseClick(questions.put_button, Qt.MouseButton.LeftButton)
        assert banner.text() == "政策課からの質問: 回答済み 1 件"
        assert [it for it in submission_items(w, "産業振興課") if it.field_key] == []
        questions.reject()
        save(qtbot, w)
    finally:
        close_window(w)
    db = open_database(db_path, create=False)
    try:
        assert collect(db, [files["産業振興課"]]).outcomes[0].code == "merged"
    finally:
        db.dispose()
    back = _annotations(db_path).question(question.id)
    assert back is not None and back.answer == "市民農園を5区画増設した（R2.6）ため。"
    assert back.answered_by == "産業振興課 田中" and back.state is QuestionState.ANSWERED


def test_an_attachment_added_in_the_dialog_opens_and_a_hostile_one_is_refused_by_name(
        qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    _to_farm(qtbot, w)
    good = tmp_path / "区画台帳.pdf"
    good.write_bytes(PDF)
    bad = tmp_path / "調査票.pdf"
    bad.write_bytes(b"MZ\x90\x00" + b"\x00" * 60)
    dialog = _notes_dialog(qtbot, w)
    dialog.choose_files = lambda: [good, bad]  # type: ignore[method-assign]
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    idle(qtbot, w)
    assert dialog.files.count() == 1 and dialog.files.item(0).text().startswith("区画台帳.pdf（PDF")
    assert "調査票.pdf" in dialog.message.text() and "Windows の実行ファイル" in dialog.message.text()
    opened: list[QUrl] = []
    dialog.open_url = lambda url: opened.append(url) or True  # type: ignore[method-assign]
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    idle(qtbot, w)
    (url,) = opened
    assert Path(url.toLocalFile()).read_bytes() == PDF and Path(url.toLocalFile()).name == "区画台帳.pdf"
    index = kpi_cell(w, FARM_NAME, ValueKind.ACTUAL, R2)
    assert index.data(ANNOTATION_ROLE).attachments == ("区画台帳.pdf",)
    assert "添付ファイル 1 件: 区画台帳.pdf" in index.data(Qt.ItemDataRole.ToolTipRole)
    dialog.reject()
    atts = _annotations(w.db.path).attachments_on(FARM)
    assert [(a.name, a.added_by) for a in atts] == [("区画台帳.pdf", "政策課 試験")]
    assert str(AnnotationKey.attachment(FARM, atts[0].sha256)).startswith("attachment:")
    shutil.rmtree(Path(url.toLocalFile()).parent, ignore_errors=True)


def test_a_measures_note_is_typed_from_the_strip_under_the_form_and_undone(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    w.year_combo.setCurrentIndex(w.year_combo.findData(2020))
    assert w.select_node("strategy-2015", "g1.a1.m2")
    strip = w.page.measure.notes_strip
    label, button = strip.rows["narrative"]
    assert not label.isVisible()  # nothing to show, no line spent
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = _dialog(w, "fieldNotesDialog")
    title = dialog.windowTitle()
    assert title.startswith("メモ・質問・添付ファイル — ") and "農にふれあえる場の提供 令和2年度 実施等状況" in title
    type_text(qtbot, dialog.note, "体験農園の募集方法を変更")
    dialog.accept()
    assert label.isVisible() and "メモあり" in label.text() and "体験農園の募集方法を変更" in label.text()
    assert w.isWindowModified()
    w.act_undo.trigger()
    assert not label.isVisible()
    assert not w.editor.session.dirty


def test_the_collection_board_counts_open_questions_per_department(qtbot, window: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from kodaira_desk.services import notes

    w = window
    notes.ask_question(w.db, FARM, "増えた理由は？", "政策課")
    notes.ask_question(w.db, "value:strategy-2015:g1.a1.k1:actual:2020:", "出典は？", "政策課")
    hand_out(w.db.path, tmp_path / "配布", ["産業振興課", "子育て支援課"])
    saving.reload_all(w)  # the plans read again, as after the plan editor
    collect_window = w.show_collect()
    qtbot.waitUntil(lambda: not collect_window.loading_board, timeout=30000)  # its board read on the runner
    model = collect_window.model
    column = model.columnCount() - 1
    assert model.headerData(column, Qt.Orientation.Horizontal) == "質問"
    by_department = {model.rows[r].department: model.index(r, column).data() for r in range(model.rowCount())}
    assert by_department == {"産業振興課": "未回答 2", "子育て支援課": ""}
    assert "未回答の質問 2 件" in collect_window.summary.text()
    collect_window.reject()


def test_a_question_is_answered_from_the_pre_return_check(qtbot, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from kodaira_desk.services import notes
    from kodaira_desk.ui.window.clerk_mode import QUESTION_ROLE, submission_items

    db = open_database(db_path, create=False)
    notes.ask_question(db, FARM, "出典を教えてください。", "政策課 山田")
    db.dispose()
    files = hand_out(db_path, tmp_path / "配布", ["産業振興課"])
    w = open_window(files["産業振興課"], name="田中")
    try:
        qtbot.waitExposed(w)
        check = w.show_submission_check()
        assert "政策課からの質問に未回答 1 件" in check.summary.text()
        (row,) = [i for i in range(check.list.count()) if check.list.item(i).data(QUESTION_ROLE) == FARM]
        check.list.itemActivated.emit(check.list.item(row))  # a double-click (or Enter) on the line
        dialog = _dialog(w, "fieldNotesDialog")
        (answer,) = dialog.answers.values()
        assert not answer.isReadOnly()
        type_text(qtbot, answer, "農政課の台帳（令和3年3月末）")
        dialog.accept()
        check.reject()
        assert [it for it in submission_items(w, "産業振興課") if it.field_key] == []
        save(qtbot, w)
    finally:
        close_window(w)
    (q,) = _annotations(files["産業振興課"]).questions_on(FARM)
    assert q.answer == "農政課の台帳（令和3年3月末）" and q.answered_by == "産業振興課 田中"
