"""The round as a year runs (issue 24), through the window as its people use it: the hand-out's
deadline and head check, the clerk's banner counting the days, 提出用に保存 with the head's check,
the collection board with deadlines and its reminders, the division's 確定 and a correction, and
next year's file with a carried text confirmed (変更なし) and an untouched one flagged."""

from __future__ import annotations

import datetime
import email
from email import policy
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from roundkit import FARM, R2, close_window, hand_out, idle, open_window, write

from kodaira_desk.domain.model import ValueKind
from kodaira_desk.services.database import open_database
from kodaira_desk.services.rounds import overview as overview_service
from kodaira_desk.services.rounds.audit import audit_entries
from kodaira_desk.services.rounds.collect import collect
from kodaira_desk.services.rounds.status import round_status
from kodaira_desk.ui.window import saving
from kodaira_desk.ui.window.main_window import Answer, MainWindow

DEPT = "産業振興課"
TEXT_2019 = "progress:strategy-2015:g1.a1.m2:2019:narrative"
TEXT_2020 = "progress:strategy-2015:g1.a1.m2:2020:narrative"
CARRIED = "・市内農業者と連携し、体験農園の区画を維持しました。"


@pytest.fixture(autouse=True)
def _settings(tmp_path: Path) -> None:
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))


def _today(monkeypatch: pytest.MonkeyPatch, day: datetime.date) -> None:
    monkeypatch.setattr(overview_service, "today", lambda: day)


def tick(qtbot, box) -> None:  # type: ignore[no-untyped-def]
    """A click on a check box's square (its middle may be past its label: no click there)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def _set_deadline(qtbot, box, text: str) -> None:  # type: ignore[no-untyped-def]
    """Tick 提出期限 and type the date as a person does: into the date box, then Tab."""
    tick(qtbot, box.has_deadline)
    box.date.setFocus()
    box.date.setSelectedSection(box.date.Section.YearSection)  # as a click on the year does
    qtbot.keyClicks(box.date, text)  # each section full moves on to the next


def _round_settings(path: Path):  # type: ignore[no-untyped-def]
    from kodaira_desk.services.rounds.settings import round_settings

    db = open_database(path, create=False)
    try:
        return round_settings(db, R2)
    finally:
        db.dispose()


def test_the_handout_dialog_sets_the_deadline_and_the_clerks_banner_counts_it(
        qtbot, window: MainWindow, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    _today(monkeypatch, datetime.date(2026, 12, 6))
    w = window
    w.year_combo.setCurrentIndex(w.year_combo.findText("令和2年度"))
    dialog = w.show_handout()
    qtbot.waitUntil(lambda: not dialog.reading, timeout=30000)  # read on the runner (issue 27)
    dialog.folder.setText(str(tmp_path / "配布"))
    for i in range(dialog.departments.count()):
        item = dialog.departments.item(i)
        item.setCheckState(Qt.CheckState.Checked if item.text() in (DEPT, "子育て支援課") else Qt.CheckState.Unchecked)
    _set_deadline(qtbot, dialog.round_box, "20270531")
    assert dialog.round_box.era.text() == "令和9年5月31日（月）"
    tick(qtbot, dialog.round_box.head_check)
    dialog.ask = lambda *_a: True  # a year that has passed (the city is in 令和8年度): handed out all the same
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    idle(qtbot, w)
    files = {f.department: f.path for f in dialog.made}
    dialog.close()
    settings = _round_settings(db_path)
    assert settings.deadline == datetime.date(2027, 5, 31) and settings.head_check_required

    clerk = open_window(files[DEPT])
    try:
        qtbot.waitExposed(clerk)
        label = clerk.banner.deadline
        assert label.isVisible()
        assert label.text() == "提出期限 令和9年5月31日（月）（あと 176 日）\n課長確認が必要です"
    finally:
        close_window(clerk)
    _today(monkeypatch, datetime.date(2027, 6, 3))
    clerk = open_window(files[DEPT])
    try:
        label = clerk.banner.deadline
        assert label.text().startswith("⚠ 期限切れ: 提出期限 令和9年5月31日（月） を 3 日過ぎています")
        assert "b00020" in label.styleSheet()  # red, with a mark and words
    finally:
        close_window(clerk)


def test_submitting_with_the_heads_check_and_the_collection_board(
        qtbot, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from test_clerk import kpi_cell, type_text

    from kodaira_desk.services.rounds.settings import set_round

    db = open_database(db_path, create=False)
    set_round(db, R2, deadline=datetime.date(2027, 5, 31), head_check_required=True)
    db.dispose()
    files = hand_out(db_path, tmp_path / "配布", [DEPT, "子育て支援課", "都市計画課"])
    clerk = open_window(files[DEPT], name="産業振興課 田中")
    try:
        clerk.select_node("strategy-2015", "g1.a1")
        clerk.page.tabs.setCurrentWidget(clerk.page.kpi)
        view = clerk.page.kpi.view
        view.setFocus()
        view.setCurrentIndex(kpi_cell(clerk, "市内体験農園の区画数", ValueKind.ACTUAL, R2))
        qtbot.keyClick(view, Qt.Key.Key_F2)
        editor = view.viewport().findChild(QLineEdit)
        type_text(qtbot, editor, "365区画")
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.wait(300)
        told: list[str] = []
        clerk.tell = lambda _t, text: told.append(text)  # type: ignore[method-assign]
        clerk.act_submit.trigger()
        from kodaira_desk.ui.round.submit_dialog import SubmitDialog

        dialog = clerk.findChild(SubmitDialog)
        assert dialog is not None and dialog.required
        tick(qtbot, dialog.checked)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # no name yet: refused, nothing saved
        assert dialog.message.text() == "確認した人の名前を入力してください。" and dialog.isVisible()
        type_text(qtbot, dialog.name, "産業振興課長 佐藤")
        failures: list[str] = []
        monkeypatch.setattr(saving, "on_op_failed", lambda _w, name, exc: failures.append(f"{name}: {exc}"))
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)  # Enter presses 提出用に保存
        idle(qtbot, clerk)
        assert failures == []
        assert told and "課長確認: 産業振興課長 佐藤" in told[0] and str(files[DEPT]) in told[0]
        assert not clerk.isWindowModified()
    finally:
        close_window(clerk)
    write(files["子育て支援課"], "value:strategy-2015:g2.a3.k4:actual:2020:", "36,000人")  # saved, no check

    _today(monkeypatch, datetime.date(2027, 6, 3))
    w = open_window(db_path)
    try:
        _board_and_reminders(qtbot, w, db_path, tmp_path)
    finally:
        close_window(w)


def _board_and_reminders(qtbot, w: MainWindow, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w.year_combo.setCurrentIndex(w.year_combo.findText("令和2年度"))
    files = {d: tmp_path / "配布" / f"提出用_令和2年度_{d}.kdesk" for d in (DEPT, "子育て支援課")}
    board = w.show_collect()
    assert board is not None
    board.add_files([files[DEPT], files["子育て支援課"]])
    idle(qtbot, w)
    assert board.round_year.deadline.text() == "⚠ 期限切れ: 提出期限 令和9年5月31日（月） を 3 日過ぎています　課長確認: 必須"
    m = board.model
    rows = {m.index(r, 0).data(): [m.index(r, c).data() for c in range(m.columnCount())] for r in range(m.rowCount())}
    assert rows["都市計画課"][1:3] == ["未返却", "⚠ 期限超過（3 日）"]
    assert rows[DEPT][1] == "取込済" and rows[DEPT][2] == "期限内に返却"
    assert rows[DEPT][3].startswith("第1版 ") and rows[DEPT][3].endswith("産業振興課 田中（課長確認 産業振興課長 佐藤）")
    assert rows["子育て支援課"][1] == "要確認" and rows["子育て支援課"][m.NOTE_COLUMN] == "課長確認なし"
    assert "期限超過: 都市計画課" in board.summary.text()
    city = next(r for r in range(m.rowCount()) if m.index(r, 0).data() == "都市計画課")
    overdue_brush = m.data(m.index(city, 2), Qt.ItemDataRole.ForegroundRole)
    assert overdue_brush is not None and overdue_brush.color().name() == "#b00020"

    # 催促: the drafts open in the mail client (the test answers for it)
    reminders = board.round_year.remind()
    assert reminders is not None
    opened: list[str] = []
    reminders.open_url = lambda url: opened.append(url.toLocalFile()) or True  # type: ignore[method-assign]
    reminders.folder.setText(str(tmp_path / "催促"))
    tick(qtbot, reminders.attach)
    qtbot.mouseClick(reminders.make_button, Qt.MouseButton.LeftButton)
    idle(qtbot, w)
    assert sorted(Path(p).name for p in opened) == ["催促_令和2年度_子育て支援課.eml", "催促_令和2年度_都市計画課.eml"]
    city_mail = email.message_from_bytes((tmp_path / "催促" / "催促_令和2年度_都市計画課.eml").read_bytes(),
                                         policy=policy.default)
    assert city_mail["Subject"] == "【催促】令和2年度 進捗状況・指標実績の提出について（都市計画課）"
    (part,) = list(city_mail.iter_attachments())
    assert part.get_filename() == "提出用_令和2年度_都市計画課.kdesk"
    reminders.close()

    # 了承: the division takes 子育て支援課's return without the check
    row = next(r for r in range(m.rowCount()) if m.index(r, 0).data() == "子育て支援課")
    board.table.selectRow(row)
    assert board.round_year.accept_button.isEnabled()
    qtbot.mouseClick(board.round_year.accept_button, Qt.MouseButton.LeftButton)
    idle(qtbot, w)
    db = open_database(db_path, create=False)
    states = {s.department: s.label for s in round_status(db, R2)}
    db.dispose()
    assert states["子育て支援課"] == "取込済"
    board.close()


def test_fixing_a_year_greys_its_cells_and_a_correction_is_recorded_with_its_reason(
        qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    from grid_helpers import painted
    from test_clerk import kpi_cell

    w = window
    w.year_combo.setCurrentIndex(w.year_combo.findText("令和2年度"))
    w.select_node("strategy-2015", "g1.a1")  # the grid shown and painted before the year is fixed
    w.page.tabs.setCurrentWidget(w.page.kpi)
    shown = kpi_cell(w, "市内体験農園の区画数", ValueKind.ACTUAL, R2)
    w.page.kpi.view.viewport().repaint()
    open_look = painted(w.page.kpi.view, shown)
    w.ask = lambda *_a, careful=False: Answer.SAVE if careful else Answer.CANCEL  # type: ignore[method-assign]  # 「確定する」, asked with care
    w.act_year_lock.trigger()
    from kodaira_desk.ui.round.year_lock_dialog import YearLockDialog

    dialog = w.findChild(YearLockDialog)
    assert dialog is not None
    dialog.plan.setCurrentIndex(dialog.plan.findData("strategy-2015"))
    dialog.year.setCurrentIndex(dialog.year.findText("令和2年度"))
    qtbot.waitUntil(lambda: not dialog.reading, timeout=30000)  # read on the runner (issue 27)
    assert dialog.state.text().startswith("未確定")
    dialog.note.setText("第2回推進委員会で報告")
    qtbot.mouseClick(dialog.lock_button, Qt.MouseButton.LeftButton)
    idle(qtbot, w)
    assert dialog.state.text().startswith("確定済み: ") and "政策課 試験" in dialog.state.text()
    # the grid shown greys the fixed year's cells at once (its kept looks are dropped: issue 27)
    grey = painted(w.page.kpi.view, shown)
    assert grey[0] == open_look[0] and grey[1] != open_look[1]
    assert grey[1] == w.page.kpi.model.data(shown, Qt.ItemDataRole.BackgroundRole).color().name()
    assert not w.page.kpi.model.flags(shown) & Qt.ItemFlag.ItemIsEditable
    # the fixed year's cells are read-only and say why
    w.select_node("strategy-2015", "g1.a1")
    w.page.tabs.setCurrentWidget(w.page.kpi)
    cell = kpi_cell(w, "市内体験農園の区画数", ValueKind.ACTUAL, R2)
    assert not w.page.kpi.model.flags(cell) & Qt.ItemFlag.ItemIsEditable
    assert "確定済みです" in w.page.kpi.model.data(cell, Qt.ItemDataRole.ToolTipRole)
    # a correction: the field, the value, the reason
    index = dialog.field.findData(FARM)
    assert index >= 0 and dialog.field.itemText(index) == "市内体験農園の区画数 令和2年度 実績"
    dialog.field.setCurrentIndex(index)
    dialog.value.setPlainText("365区画")
    qtbot.mouseClick(dialog.correct_button, Qt.MouseButton.LeftButton)  # no reason: refused
    assert dialog.message.text() == "修正の理由を入力してください。"
    dialog.reason.setFocus()
    qtbot.keyClicks(dialog.reason, "kakutei")  # a person's reason (ASCII is typed as keys)
    qtbot.mouseClick(dialog.correct_button, Qt.MouseButton.LeftButton)
    idle(qtbot, w)
    assert dialog.message.text() == "修正を記録しました: 市内体験農園の区画数 令和2年度 実績"
    assert dialog.model.rowCount() == 1
    assert w.page.kpi.model.data(cell) == "365区画"  # the window shows the corrected value
    db = open_database(db_path, create=False)
    trail = [(a["source"], a["new"], a["note"], a["actor"]) for a in audit_entries(db) if a["field"] == FARM]
    db.dispose()
    assert trail == [("correction", "365区画", "kakutei", "政策課 試験")]
    dialog.close()


def test_next_years_file_a_carried_text_flagged_then_confirmed_unchanged(
        qtbot, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write(db_path, TEXT_2019, CARRIED)
    files = hand_out(db_path, tmp_path / "配布", [DEPT])
    clerk = open_window(files[DEPT], name="産業振興課 田中")
    try:
        qtbot.waitExposed(clerk)
        assert clerk.select_node("strategy-2015", "g1.a1.m2")
        form = clerk.page.measure
        assert form.narrative.toPlainText() == CARRIED  # the starting text
        note = form.carried
        assert note.isVisible() and note.label.text().startswith("【前年度から引継ぎ】令和元年度の実施等状況")
        check = clerk.show_submission_check()
        flagged = [i for i in range(check.list.count()) if check.list.item(i).text().startswith("前年度と同じ: ")]
        assert len(flagged) == 1
        line = check.list.item(flagged[0]).text()
        assert "農にふれあえる場の提供" in line and line.endswith("（令和元年度の実施等状況のまま）")
        assert check.confirm.isVisible() and not check.confirm.isEnabled()
        check.list.setCurrentRow(flagged[0])
        qtbot.mouseClick(check.confirm, Qt.MouseButton.LeftButton)  # 変更なしとして確認
        idle(qtbot, clerk)
        assert not any(check.list.item(i).text().startswith("前年度と同じ: ") for i in range(check.list.count()))
        check.close()
        assert note.label.text().startswith("【確認済み】変更なし")
        clerk.page.measure.status.setEditText("実施中")
        clerk.act_save.trigger()
        idle(qtbot, clerk)
    finally:
        close_window(clerk)
    db = open_database(db_path, create=False)
    outcome = collect(db, [files[DEPT]]).outcomes[0]
    db.dispose()
    assert outcome.code == "merged" and outcome.unchanged == 1
    from roundkit import narrative

    assert narrative(db_path, "g1.a1.m2") == CARRIED


def test_an_edited_carried_text_needs_no_confirmation_and_the_note_says_so(qtbot, db_path: Path,
                                                                           tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from test_clerk import type_text

    write(db_path, TEXT_2019, CARRIED)
    files = hand_out(db_path, tmp_path / "配布", [DEPT])
    clerk = open_window(files[DEPT])
    try:
        clerk.select_node("strategy-2015", "g1.a1.m2")
        form = clerk.page.measure
        form.narrative.setFocus()
        form.narrative.moveCursor(form.narrative.textCursor().MoveOperation.End)
        qtbot.keyClick(form.narrative, Qt.Key.Key_Return)  # a new 「・」 line
        type_text(qtbot, form.narrative, "区画を10区画増やしました。")
        assert form.carried.label.text() == "令和元年度の実施等状況から書き直しました。"
        check = clerk.show_submission_check()
        assert not any(it.same_as_last_year for it in check.items)
        check.close()
        QApplication.processEvents()
    finally:
        close_window(clerk)


def test_the_clerks_deadline_and_submission_speak_english(qtbot, db_path: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from kodaira_desk.services.rounds.settings import set_round
    from kodaira_desk.ui.round.submit_dialog import SubmitDialog

    _today(monkeypatch, datetime.date(2027, 6, 3))
    db = open_database(db_path, create=False)
    set_round(db, R2, deadline=datetime.date(2027, 5, 31), head_check_required=True)
    db.dispose()
    files = hand_out(db_path, tmp_path / "配布", [DEPT])
    clerk = open_window(files[DEPT])
    try:
        clerk.lang_actions["en"].trigger()
        assert clerk.banner.deadline.text() == ("⚠ Overdue: the deadline Mon 31 May 2027 passed 3 days ago\n"
                                                "The department head's check is required")
        clerk.act_submit.trigger()
        dialog = clerk.findChild(SubmitDialog)
        assert dialog is not None
        assert dialog.windowTitle() == f"Save for submission — {DEPT} 令和2年度"
        assert dialog.save_button.text() == "&Save for submission"
        dialog.reject()
    finally:
        clerk.lang_actions["ja"].trigger()
        close_window(clerk)


def test_enter_on_the_question_before_fixing_a_year_does_not_fix_it(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """A lock is not undone: the question's default button is キャンセル, so a stray Enter is safe."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    seen: list[str] = []

    def press_enter() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.defaultButton().text())
        qtbot.keyClick(box, Qt.Key.Key_Return)

    QTimer.singleShot(200, press_enter)
    answer = window.ask("年度の確定", "確定しますか？", "確定する", "確定しない", careful=True)
    assert seen == ["キャンセル(&C)"] and answer is Answer.CANCEL  # (its mnemonic: issue 28)
