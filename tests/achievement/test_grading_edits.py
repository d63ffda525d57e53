"""The board's thresholds and an indicator's lower-is-better are edits like a typed value (issue 23):
graded with at once, taken back with Ctrl+Z, written by Save in its transaction, asked about on
closing, and nothing reaches the database before Save. A rate below zero is said in words in the
KPI pane, as on paper."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kodaira_desk.domain.achievement import Direction, Status, Thresholds
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import ValueKind
from kodaira_desk.services.achievement import GradingSettings, load_settings
from kodaira_desk.services.database import open_database
from kodaira_desk.services.grading_edits import DirectionSetting, GradingEdits, ThresholdsSetting
from kodaira_desk.services.rounds.audit import audit_entries
from kodaira_desk.services.workspace import Workspace
from kodaira_desk.ui.chart.pane import KpiChartPane
from kodaira_desk.ui.round.board_dialog import BoardDialog
from kodaira_desk.ui.window.main_window import Answer, MainWindow

R2 = FiscalYear(2020)
PLAN = "strategy-2015"
FARMERS = "g1.a1.k1"  # 新規就農者数: 見込 1人 against a target of 3人


def _stored(db_path: Path) -> GradingSettings:
    """What a person reopening the file gets."""
    db = open_database(db_path, create=False)
    try:
        return load_settings(db, PLAN)
    finally:
        db.dispose()


def _board(qtbot, w: MainWindow) -> BoardDialog:  # type: ignore[no-untyped-def]
    dialog = w.show_board()
    assert isinstance(dialog, BoardDialog)
    dialog.year.setCurrentIndex(dialog.year.findText("令和2年度"))
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: not dialog.grading, timeout=10000)  # graded on the window's runner
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=2000)  # its keys go to it
    return dialog


def _on_track_total(dialog: BoardDialog) -> int:
    assert dialog.tasks is not None
    dialog.tasks.wait_idle()  # graded again on the window's runner after each change
    total = next(r for r in dialog.model.rows if r.plan_id == PLAN and r.department is None)
    return total.statuses[Status.ON_TRACK]


def _type_on_track(qtbot, dialog: BoardDialog, text: str) -> None:  # type: ignore[no-untyped-def]
    box = dialog.on_track
    box.setFocus()
    box.lineEdit().selectAll()
    qtbot.keyClicks(box.lineEdit(), text)
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)  # Enter changes the thresholds (the default button)


def _open_kpi(qtbot, clerk, w: MainWindow) -> KpiChartPane:  # type: ignore[no-untyped-def]
    clerk.choose(w.year_combo, "令和2年度")
    clerk.click_node(qtbot, w, PLAN, "g1.a1")
    w.page.tabs.setCurrentWidget(w.page.kpi)
    pane = w.page.kpi.chart_pane
    assert pane is not None
    return pane


def _status_of(pane: KpiChartPane, key: str) -> Status:
    return next(a.status for i, a in pane.list_model.rows if i.key == key)


def test_a_threshold_typed_in_the_board_waits_for_save(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    dialog = _board(qtbot, w)
    before = _on_track_total(dialog)
    _type_on_track(qtbot, dialog, "50")
    assert dialog.isVisible()  # Enter changed the thresholds, it did not close the board
    assert _on_track_total(dialog) > before  # graded at once with 50%
    assert dialog.unsaved_note.isVisible() and "Ctrl+S" in dialog.unsaved_note.text()
    assert w.isWindowModified()
    assert _stored(db_path).thresholds == Thresholds()  # nothing written yet

    qtbot.keyClick(dialog.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S in the board
    w.tasks.wait_idle()
    assert _stored(db_path).thresholds == Thresholds(Decimal(100), Decimal("50.0"))
    assert not w.isWindowModified() and not dialog.unsaved_note.isVisible()
    assert w.statusBar().currentMessage().startswith("1 件の変更を保存しました")
    dialog.close()
    reopened = Workspace.open(db_path, create=False)
    try:
        assert reopened.grading(PLAN).thresholds.on_track == Decimal("50.0")
    finally:
        reopened.close()


def test_ctrl_z_takes_a_threshold_back_and_save_writes_nothing_of_it(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                     db_path: Path) -> None:
    w = window
    dialog = _board(qtbot, w)
    before = _on_track_total(dialog)
    _type_on_track(qtbot, dialog, "50")
    assert _on_track_total(dialog) > before
    box = dialog.on_track.lineEdit()
    assert box.hasFocus()  # Ctrl+Z right after Enter, in the box: the change is undone, not the typing
    qtbot.keyClick(box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert dialog.on_track.value() == 80.0  # the box follows the undo
    assert _on_track_total(dialog) == before
    assert not w.isWindowModified() and not dialog.unsaved_note.isVisible()
    qtbot.keyClick(dialog.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)  # redo
    assert dialog.on_track.value() == 50.0 and _on_track_total(dialog) > before
    qtbot.keyClick(dialog.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    dialog.close()
    w.save()
    w.tasks.wait_idle()
    assert _stored(db_path).thresholds == Thresholds()


def test_closing_with_a_threshold_unsaved_asks_and_discard_leaves_the_database(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                                db_path: Path) -> None:
    w = window
    dialog = _board(qtbot, w)
    _type_on_track(qtbot, dialog, "60")
    dialog.close()
    asked: list[str] = []
    w.ask = lambda title, text, *_a: (asked.append(text), Answer.CANCEL)[1]  # type: ignore[method-assign]
    assert not w.close()
    assert asked and w.editor.session.grading.has(ThresholdsSetting())
    w.ask = lambda *_a: Answer.DISCARD  # type: ignore[method-assign]
    assert w.close()
    assert _stored(db_path).thresholds == Thresholds()


def test_lower_is_better_is_undone_with_ctrl_z_and_saved_with_the_typed_values(qtbot, clerk, window: MainWindow,  # type: ignore[no-untyped-def]
                                                                                db_path: Path) -> None:
    w = window
    pane = _open_kpi(qtbot, clerk, w)
    w.page.kpi.view.setCurrentIndex(clerk.kpi_cell(w, "新規就農者数", ValueKind.FORECAST, R2))
    assert _status_of(pane, FARMERS) is Status.BEHIND
    qtbot.mouseClick(pane.lower_box, Qt.MouseButton.LeftButton)
    assert pane.lower_box.isChecked() and _status_of(pane, FARMERS) is Status.ACHIEVED  # 1人 ≤ 3人
    assert w.isWindowModified() and _stored(db_path).direction(FARMERS) is None

    w.page.kpi.view.setFocus()
    qtbot.keyClick(w.page.kpi.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not pane.lower_box.isChecked() and _status_of(pane, FARMERS) is Status.BEHIND
    assert not w.isWindowModified()
    qtbot.keyClick(w.page.kpi.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert pane.lower_box.isChecked() and _status_of(pane, FARMERS) is Status.ACHIEVED

    # a typed value and the setting, saved by one Ctrl+S
    clerk.type_in_cell(qtbot, w, clerk.kpi_cell(w, "新規就農者数", ValueKind.ACTUAL, R2), "2人")
    qtbot.keyClick(w.page.kpi.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    w.tasks.wait_idle()
    assert _stored(db_path).direction(FARMERS) is Direction.LOWER
    reopened = Workspace.open(db_path, create=False)
    try:
        farmers = reopened.load_plans().tree(PLAN).indicator(FARMERS)
        assert str(farmers.value(ValueKind.ACTUAL, R2).value) == "2人"  # type: ignore[union-attr]
    finally:
        reopened.close()
    assert not w.isWindowModified()
    # Save keeps the undo history, as for typed values: the setting saved comes undone, to be saved
    assert w.act_undo.isEnabled()
    qtbot.keyClick(w.page.kpi.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the typed value
    qtbot.keyClick(w.page.kpi.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the setting
    assert not pane.lower_box.isChecked() and _status_of(pane, FARMERS) is Status.BEHIND
    assert w.isWindowModified() and _stored(db_path).direction(FARMERS) is Direction.LOWER


def test_a_rate_below_zero_is_said_in_words_in_the_pane(qtbot, clerk, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """小平グリーンロード等のイベント来場者数: 0人 (見込) against 62,600人 → 75,000人 is −504.8%."""
    w = window
    clerk.choose(w.year_combo, "令和2年度")
    clerk.click_node(qtbot, w, PLAN, "g1.a2")
    w.page.tabs.setCurrentWidget(w.page.kpi)
    pane = w.page.kpi.chart_pane
    assert pane is not None
    row = next(r for r, (i, _a) in enumerate(pane.list_model.rows) if i.name == "小平グリーンロード等のイベント来場者数")
    ind, a = pane.list_model.rows[row]
    assert a.rate is not None and a.rate < 0
    assert pane.list_model.data(pane.list_model.index(row, 1)) == "基準値を下回る"
    pane.select(ind.key)
    assert "基準値を下回る" in pane.status_label.text() and "-504.8" not in pane.status_label.text()
    badge = w.page.kpi.view.verticalHeader().badges  # type: ignore[attr-defined]
    assert any("基準値を下回る" in text for text, _colour in badge.values())
    w.translations.apply("en")
    QApplication.processEvents()
    assert pane.list_model.data(pane.list_model.index(row, 1)) == "below the baseline"


def test_grading_edits_apply_over_the_stored_settings_and_drop_what_a_save_wrote() -> None:
    stored = GradingSettings(Thresholds(), {"k2": Direction.LOWER})
    edits = GradingEdits()
    edits.set(ThresholdsSetting(), Thresholds(Decimal(100), Decimal(50)), stored.thresholds)
    edits.set(DirectionSetting(PLAN, "k1"), Direction.LOWER, None)
    edits.set(DirectionSetting(PLAN, "k2"), None, Direction.LOWER)
    edits.set(DirectionSetting("other", "k3"), Direction.LOWER, None)
    shown = edits.applied(PLAN, stored)
    assert shown.thresholds.on_track == 50 and shown.directions == {"k1": Direction.LOWER}
    assert stored.directions == {"k2": Direction.LOWER}  # the stored settings are not changed
    edits.set(DirectionSetting(PLAN, "k1"), None, None)  # back to what is stored: no longer an edit
    assert not edits.has(DirectionSetting(PLAN, "k1"))
    written = edits.pending()
    edits.set(DirectionSetting("other", "k3"), Direction.HIGHER, None)  # changed while the save ran
    edits.saved(written)
    assert edits.pending() == {DirectionSetting("other", "k3"): Direction.HIGHER}


def test_a_threshold_another_person_saved_meanwhile_is_asked_about_and_theirs_can_be_taken(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, db_path: Path) -> None:
    """Two people on one master: the second Save is not a silent overwrite (as for a typed value)."""
    w = window
    dialog = _board(qtbot, w)
    _type_on_track(qtbot, dialog, "50")
    other = Workspace.open(db_path, create=False, actor="政策課 鈴木")
    try:
        other.session.grading.set(ThresholdsSetting(), Thresholds(Decimal(100), Decimal(60)), Thresholds())
        other.save_session()
    finally:
        other.close()
    asked: list[str] = []
    w.ask = lambda title, text, *_a: (asked.append(text), Answer.CANCEL)[1]  # type: ignore[method-assign]
    qtbot.keyClick(dialog.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    w.tasks.wait_idle()
    assert asked and "達成・概ね順調の基準" in asked[0]
    assert "入力した値「達成 100％・概ね順調 50％」" in asked[0] and "ほかの人の値「達成 100％・概ね順調 60％」" in asked[0]
    assert _stored(db_path).thresholds.on_track == 60 and w.isWindowModified()  # nothing written, mine kept

    w.ask = lambda *_a: Answer.DISCARD  # type: ignore[method-assign]  # ほかの人の値にする
    qtbot.keyClick(dialog.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    w.tasks.wait_idle()
    qtbot.waitUntil(lambda: not w.isWindowModified(), timeout=5000)
    assert dialog.on_track.value() == 60.0  # the board shows, and grades with, the other person's
    assert _stored(db_path).thresholds.on_track == 60
    rows = [(e["item"], e["actor"]) for e in audit_entries(w.workspace.db) if e["field"] == "grading:thresholds"]
    assert rows == [("達成・概ね順調の基準（全計画）", "政策課 鈴木")]


def test_the_pane_grades_with_the_settings_as_saved_and_as_another_person_saved_them(  # type: ignore[no-untyped-def]
        qtbot, clerk, window: MainWindow, db_path: Path) -> None:
    """A plan's grading settings are read once and kept (issue 27: the pane read them from the
    database on every selection); a save, or another person's save taken in, drops them."""
    w = window
    pane = _open_kpi(qtbot, clerk, w)
    assert _status_of(pane, FARMERS) is Status.BEHIND
    qtbot.mouseClick(pane.lower_box, Qt.MouseButton.LeftButton)
    assert _status_of(pane, FARMERS) is Status.ACHIEVED  # at once, unsaved
    w.page.kpi.view.setFocus()
    qtbot.keyClick(w.page.kpi.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    w.tasks.wait_idle()
    assert _stored(db_path).direction(FARMERS) is Direction.LOWER and not w.isWindowModified()
    clerk.click_node(qtbot, w, PLAN, "g1.a2")
    clerk.click_node(qtbot, w, PLAN, "g1.a1")
    assert _status_of(pane, FARMERS) is Status.ACHIEVED  # as saved (not the settings kept from before)

    other = Workspace.open(db_path, create=False, actor="政策課 鈴木")
    try:  # another person takes it back; this window takes their writes in (as its look does)
        other.session.grading.set(DirectionSetting(PLAN, FARMERS), None, Direction.LOWER)
        other.save_session()
    finally:
        other.close()
    w.workspace.changes_by_others(w.editor.trees.loaded())
    clerk.click_node(qtbot, w, PLAN, "g1.a2")
    clerk.click_node(qtbot, w, PLAN, "g1.a1")
    assert _status_of(pane, FARMERS) is Status.BEHIND
    assert not pane.lower_box.isChecked()
