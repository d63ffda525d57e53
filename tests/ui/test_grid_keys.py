"""The KPI grid's keys work like Excel's: Enter moves down, Tab right, F2 edits, Delete clears."""

from __future__ import annotations

from pathlib import Path

from grid_helpers import CTRL, R1, R2, SHIFT, cell, open_kpi, press, saved_value, type_keys
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt

from kodaira_desk.domain.model import ValueKind
from kodaira_desk.ui.window.main_window import MainWindow

A = ValueKind.ACTUAL
F = ValueKind.FORECAST


def test_enter_moves_down_three_values_land_in_three_rows(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    view = open_kpi(w, "strategy-2015", "g1.a1")
    view.setCurrentIndex(cell(w, "g1.a1.k1", A, R2))
    for text in ("4", "50.5", "370"):  # 4人, Enter, 50.5, Enter, 370, Enter
        type_keys(qtbot, view, text)
        press(qtbot, view, Qt.Key.Key_Return)
    assert view.currentIndex() == cell(w, "g1.a1.k4", A, R2)
    press(qtbot, view, Qt.Key.Key_Return, SHIFT)  # Shift+Enter goes back up
    assert view.currentIndex() == cell(w, "g1.a1.k3", A, R2)
    w.act_save.trigger()
    qtbot.waitUntil(lambda: not w.tasks.busy, timeout=30000)  # Save runs on the worker
    assert saved_value(db_path, "g1.a1.k1", A, R2) == "4人"
    assert saved_value(db_path, "g1.a1.k2", A, R2) == "50.5%"
    assert saved_value(db_path, "g1.a1.k3", A, R2) == "370区画"


def test_tab_moves_right_and_typing_replaces_the_cell(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    view = open_kpi(w, "strategy-2015", "g1.a1")
    view.setCurrentIndex(cell(w, "g1.a1.k1", A, R1))
    assert w.page.kpi.model.data(view.currentIndex()) == "3人"
    type_keys(qtbot, view, "7")  # typing over a selected cell replaces it, not appends
    press(qtbot, view, Qt.Key.Key_Tab)
    assert view.currentIndex().column() == cell(w, "g1.a1.k1", A, R1).column() + 1
    press(qtbot, view, Qt.Key.Key_Backtab, SHIFT)
    assert view.currentIndex() == cell(w, "g1.a1.k1", A, R1)
    # F2 edits in place; Esc cancels the edit
    press(qtbot, view, Qt.Key.Key_F2)
    type_keys(qtbot, view, "9")
    press(qtbot, view, Qt.Key.Key_Escape)
    assert w.page.kpi.model.data(view.currentIndex()) == "7人"
    # in an editor, Right at the end of the text moves to the next cell
    view.setCurrentIndex(cell(w, "g1.a1.k1", A, R2))
    type_keys(qtbot, view, "2")
    press(qtbot, view, Qt.Key.Key_Right)
    assert view.currentIndex() == cell(w, "g1.a1.k1", F, R2)
    type_keys(qtbot, view, "3")
    press(qtbot, view, Qt.Key.Key_Return)
    w.act_save.trigger()
    qtbot.waitUntil(lambda: not w.tasks.busy, timeout=30000)  # Save runs on the worker
    assert saved_value(db_path, "g1.a1.k1", A, R1) == "7人"
    assert saved_value(db_path, "g1.a1.k1", A, R2) == "2人"
    assert saved_value(db_path, "g1.a1.k1", F, R2) == "3人"


def test_ctrl_home_and_end_go_to_the_corners(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    view = open_kpi(w, "strategy-2015", "g1.a1")
    view.setCurrentIndex(cell(w, "g1.a1.k2", A, R1))
    press(qtbot, view, Qt.Key.Key_End, CTRL)
    model = w.page.kpi.model
    assert (view.currentIndex().row(), view.currentIndex().column()) == (model.rowCount() - 1,
                                                                        model.columnCount() - 1)
    press(qtbot, view, Qt.Key.Key_Home, CTRL)
    assert (view.currentIndex().row(), view.currentIndex().column()) == (0, 0)


def test_delete_clears_two_selected_cells_as_one_undo_step(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    view = open_kpi(w, "strategy-2015", "g1.a1")
    a, b = cell(w, "g1.a1.k3", F, R2), cell(w, "g1.a1.k4", F, R2)
    assert w.page.kpi.model.data(a) == "360区画" and w.page.kpi.model.data(b)
    view.setCurrentIndex(a)
    press(qtbot, view, Qt.Key.Key_Down, SHIFT)  # extend the selection as in Excel
    assert len(view.selectionModel().selectedIndexes()) == 2
    press(qtbot, view, Qt.Key.Key_Delete)
    assert w.page.kpi.model.data(a) == "" and w.page.kpi.model.data(b) == ""
    w.act_undo.trigger()
    assert w.page.kpi.model.data(a) == "360区画" and w.page.kpi.model.data(b) != ""
    w.act_redo.trigger()
    w.act_save.trigger()
    qtbot.waitUntil(lambda: not w.tasks.busy, timeout=30000)  # Save runs on the worker
    # an empty entry, not an absence mark
    assert saved_value(db_path, "g1.a1.k3", F, R2) is None
    assert saved_value(db_path, "g1.a1.k4", F, R2) is None
    assert saved_value(db_path, "g1.a1.k3", A, R1) == "325区画"


def test_fill_down_copies_the_top_row_through_each_rows_parser(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    view = open_kpi(w, "strategy-2015", "g2.a3")
    top = cell(w, "g2.a3.k2", A, R2)
    view.setCurrentIndex(top)
    type_keys(qtbot, view, "12000")
    press(qtbot, view, Qt.Key.Key_Return)
    sel = QItemSelection(top, cell(w, "g2.a3.k4", A, R2))
    view.setCurrentIndex(top)
    view.selectionModel().select(sel, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    press(qtbot, view, Qt.Key.Key_D, CTRL)
    assert w.page.kpi.model.data(cell(w, "g2.a3.k4", A, R2)) == "12,000人"
    w.act_undo.trigger()  # the fill is one step: both filled cells go back
    assert w.page.kpi.model.data(cell(w, "g2.a3.k3", A, R2)) != "12,000人"
    w.act_redo.trigger()
    w.act_save.trigger()
    qtbot.waitUntil(lambda: not w.tasks.busy, timeout=30000)  # Save runs on the worker
    for key in ("g2.a3.k2", "g2.a3.k3", "g2.a3.k4"):
        assert saved_value(db_path, key, A, R2) == "12,000人"
    assert saved_value(db_path, "g2.a3.k1", A, R2) is None  # the row above the range is untouched


def test_a_bullet_typed_or_pasted_after_enter_is_not_doubled(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Enter on a 「・」 line starts the next with 「・」: a line pasted or typed with its own 「・」 there
    (copied from last year's text, or typed from habit) does not make 「・・」."""
    from PySide6.QtWidgets import QApplication
    from test_clerk import type_text

    w = window
    w.year_combo.setCurrentIndex(w.year_combo.findText("令和2年度"))
    assert w.select_node("strategy-2015", "g1.a1.m1")
    narrative = w.page.measure.narrative
    narrative.setFocus()
    narrative.selectAll()
    type_text(qtbot, narrative, "・認定農業者を支援")
    qtbot.keyClick(narrative, Qt.Key.Key_Return)
    QApplication.clipboard().setText("・相談会を開催")
    qtbot.keyClick(narrative, Qt.Key.Key_V, CTRL)
    qtbot.keyClick(narrative, Qt.Key.Key_Return)
    type_text(qtbot, narrative, "・研修を実施")
    assert narrative.toPlainText() == "・認定農業者を支援\n・相談会を開催\n・研修を実施"
    w.act_save.trigger()
    qtbot.waitUntil(lambda: not w.tasks.busy, timeout=30000)
    from kodaira_desk.services.database import open_database
    from kodaira_desk.services.plans import load_plan

    db = open_database(db_path, create=False)
    try:
        entry = load_plan(db, "strategy-2015").progress_in("g1.a1.m1", R2)
    finally:
        db.dispose()
    assert entry is not None and str(entry.narrative) == "・認定農業者を支援\n・相談会を開催\n・研修を実施"


def test_narrative_tab_moves_focus_and_enter_keeps_bullets(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    w.year_combo.setCurrentIndex(w.year_combo.findText("令和2年度"))
    assert w.select_node("strategy-2015", "g1.a1.m1")
    narrative = w.page.measure.narrative
    narrative.setFocus()
    from test_clerk import type_text

    type_text(qtbot, narrative, "・認定農業者を支援")
    qtbot.keyClick(narrative, Qt.Key.Key_Return)
    type_text(qtbot, narrative, "相談会を開催")
    assert narrative.toPlainText() == "・認定農業者を支援\n・相談会を開催"
    qtbot.keyClick(narrative, Qt.Key.Key_Tab)
    assert "\t" not in narrative.toPlainText()
