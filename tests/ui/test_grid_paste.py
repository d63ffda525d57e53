"""Ranges in the KPI grid: Ctrl+C as Excel's tab-separated text, Ctrl+V of a block, one undo step."""

from __future__ import annotations

from pathlib import Path

from grid_helpers import (
    CTRL,
    R1,
    R2,
    cell,
    clerk_window,
    close_window,
    open_kpi,
    painted,
    press,
    saved,
    saved_value,
)
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractItemView

from kodaira_desk.domain.model import ValueKind
from kodaira_desk.ui.window.main_window import MainWindow

A, F, T = ValueKind.ACTUAL, ValueKind.FORECAST, ValueKind.TARGET

# What a clerk copies out of the department's own workbook: 3 rows × 4 columns, with full-width
# digits, units, 以上, the absences "-", "—" and （※4）, and one value that is not a number.
BLOCK = ("３人\t４\t５\t6人\r\n"
         "-\t45.0%以上\t（※4）\tabc\r\n"
         "330区画\t３６０\t—\t+5区画\r\n")


def _select(view: QAbstractItemView, first, last) -> None:  # type: ignore[no-untyped-def]
    view.setCurrentIndex(first)
    view.selectionModel().select(QItemSelection(first, last), QItemSelectionModel.SelectionFlag.ClearAndSelect)


def test_paste_3x4_block_reads_each_value_and_marks_the_bad_one_red(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    view = open_kpi(w, "strategy-2015", "g1.a1")
    model = w.page.kpi.model
    anchor = cell(w, "g1.a1.k1", A, R1)
    assert [model.columns[anchor.column() + i].kind for i in range(4)] == [A, T, A, F]
    view.setCurrentIndex(anchor)
    QGuiApplication.clipboard().setText(BLOCK)
    press(qtbot, view, Qt.Key.Key_V, CTRL)
    bad = cell(w, "g1.a1.k2", F, R2)
    assert model.data(bad) == "abc" and model.data(bad, Qt.ItemDataRole.BackgroundRole) is not None
    assert "読めない値 1 個" in w.page.kpi.message.text()
    assert model.data(cell(w, "g1.a1.k3", A, R1)) == "330区画"
    assert len(view.selectionModel().selectedIndexes()) == 12  # the pasted block stays selected

    w.act_undo.trigger()  # ONE undo takes the whole paste back, the red cell too
    assert model.data(cell(w, "g1.a1.k1", A, R1)) == "3人"
    assert model.data(cell(w, "g1.a1.k3", A, R1)) == "325区画"
    assert model.data(bad) == "（※4）"
    assert not w.editor.invalid_cells()
    assert not w.act_undo.isEnabled()
    w.act_redo.trigger()
    assert model.data(bad) == "abc"
    assert not w.save_and_wait()  # the red cell is listed, the rest is written
    tree = saved(db_path)
    assert saved_value(db_path, "g1.a1.k1", A, R1) == "3人"
    assert saved_value(db_path, "g1.a1.k1", A, R2) == "5人"
    assert saved_value(db_path, "g1.a1.k1", F, R2) == "6人"
    assert str(tree.indicator("g1.a1.k1").value(T, R2).value) == "4人"  # type: ignore[union-attr]
    assert saved_value(db_path, "g1.a1.k2", A, R1) == "-"
    assert str(tree.indicator("g1.a1.k2").value(T, R2).value) == "45.0%以上"  # type: ignore[union-attr]
    assert saved_value(db_path, "g1.a1.k2", A, R2) == "（※4）"
    assert saved_value(db_path, "g1.a1.k2", F, R2) == "（※4）"  # the bad one kept what was stored
    assert saved_value(db_path, "g1.a1.k3", A, R2) == "—"
    assert saved_value(db_path, "g1.a1.k3", F, R2) == "+5区画"
    assert str(tree.indicator("g1.a1.k3").value(T, R2).value) == "360区画"  # type: ignore[union-attr]


def test_paste_skips_other_departments_cells_and_counts_them(qtbot, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = clerk_window(db_path, tmp_path, "子育て支援課")
    try:
        view = open_kpi(w, "strategy-2015", "g2.a3")
        view.setCurrentIndex(cell(w, "g2.a3.k1", A, R2))  # 保育課's row first
        QGuiApplication.clipboard().setText("2,900人\t2,950人\n40,000\t41,000\n1,200人\t1,250人\n")
        press(qtbot, view, Qt.Key.Key_V, CTRL)
        message = w.page.kpi.message.text()
        assert "入力できないセル 2 個" in message and "保育課の担当です" in message
        assert w.save_and_wait()
        path = w.db.path
    finally:
        close_window(w)
    assert saved_value(path, "g2.a3.k1", A, R2) is None
    assert saved_value(path, "g2.a3.k2", A, R2) == "40,000人"
    assert saved_value(path, "g2.a3.k2", F, R2) == "41,000人"
    assert saved_value(path, "g2.a3.k3", F, R2) == "1,250人"


def test_paste_inside_a_cell_editor_pastes_the_block_into_the_cells(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    view = open_kpi(w, "strategy-2015", "g1.a1")
    view.setCurrentIndex(cell(w, "g1.a1.k3", A, R2))
    press(qtbot, view, Qt.Key.Key_F2)
    assert view.state() == QAbstractItemView.State.EditingState
    QGuiApplication.clipboard().setText("6\t-\n330\t260\n")
    press(qtbot, view, Qt.Key.Key_V, CTRL)
    qtbot.waitUntil(lambda: view.state() != QAbstractItemView.State.EditingState, timeout=2000)
    model = w.page.kpi.model
    assert model.data(cell(w, "g1.a1.k3", A, R2)) == "6区画"  # not "6 - 330 260"
    assert model.data(cell(w, "g1.a1.k3", F, R2)) == "-"
    assert model.data(cell(w, "g1.a1.k4", A, R2)) == "330人"
    assert model.data(cell(w, "g1.a1.k4", F, R2)) == "260人"
    assert w.save_and_wait()
    assert saved_value(db_path, "g1.a1.k4", F, R2) == "260人"


def test_copy_2x3_range_gives_the_tab_separated_text_excel_pastes(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    view = open_kpi(w, "strategy-2015", "g1.a1")
    _select(view, cell(w, "g1.a1.k1", A, R1), cell(w, "g1.a1.k2", A, R2))
    assert len(view.selectionModel().selectedIndexes()) == 6
    press(qtbot, view, Qt.Key.Key_C, CTRL)
    assert QGuiApplication.clipboard().text() == "3人\t3人\t\n-\t45.0%\t\n"


def test_paste_of_one_value_fills_the_selected_range(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    view = open_kpi(w, "strategy-2015", "g1.a1")
    _select(view, cell(w, "g1.a1.k3", F, R2), cell(w, "g1.a1.k4", F, R2))
    QGuiApplication.clipboard().setText("-\n")
    press(qtbot, view, Qt.Key.Key_V, CTRL)
    assert w.save_and_wait()
    assert saved_value(db_path, "g1.a1.k3", F, R2) == "-"
    assert saved_value(db_path, "g1.a1.k4", F, R2) == "-"


def test_paste_into_a_total_repaints_the_warning_of_its_breakdown_and_undo_clears_it(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """A paste repaints only the rows it changed, and the rows whose 内数 check reads them."""
    w = window
    view = open_kpi(w, "strategy-2015", "g3")
    model = w.page.kpi.model
    total, part = cell(w, "g3.t1", A, R1), cell(w, "g3.t4", A, R1)  # ボランティア数等 ⊇ 介護予防見守り
    tip = Qt.ItemDataRole.ToolTipRole
    part_value = model.data(part)
    assert part_value and "内数ですが" not in str(model.data(part, tip) or "")
    other = cell(w, "g3.t5", A, R2)
    other_before = (model.data(other), model.data(other, tip))
    view.setCurrentIndex(total)
    QGuiApplication.clipboard().setText("１０人\t\r\n")  # one cell from Excel, full-width digits
    press(qtbot, view, Qt.Key.Key_V, CTRL)
    assert model.data(total) == "10人"
    assert "内数ですが、「（３）③－４～６の事業におけるボランティア数等」の10を超えています。" in model.data(part, tip)
    assert (model.data(other), model.data(other, tip)) == other_before
    w.act_undo.trigger()
    assert model.data(total) == "665人"
    assert "内数ですが" not in str(model.data(part, tip) or "")


def test_paste_regrades_the_pasted_indicators_in_the_chart_pane_and_undo_restores_them(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    from kodaira_desk.domain.achievement import Status

    w = window
    view = open_kpi(w, "strategy-2015", "g1.a1")
    pane = w.page.kpi.chart_pane
    assert pane is not None

    def statuses() -> dict[str, Status]:
        return {ind.key: a.status for ind, a in pane.list_model.rows}

    before = statuses()
    assert before["g1.a1.k1"] is Status.BEHIND  # 見込 1人 against 3人
    view.setCurrentIndex(cell(w, "g1.a1.k1", F, R2))
    QGuiApplication.clipboard().setText("３人\r\n")
    press(qtbot, view, Qt.Key.Key_V, CTRL)
    after = statuses()
    assert after["g1.a1.k1"] is Status.ACHIEVED
    assert {k: s for k, s in after.items() if k != "g1.a1.k1"} == {k: s for k, s in before.items() if k != "g1.a1.k1"}
    w.act_undo.trigger()
    assert statuses() == before


def test_a_pasted_block_widens_its_columns_keeps_the_notes_marks_and_fits_the_status_rows(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, db_path: Path) -> None:
    """A block from a spreadsheet with a long figure, a bad one and a figure below the baseline:
    the long one's column is widened to show it whole, a cell's note keeps its corner mark, the
    bad one is red, the status list's rows are as tall as their texts, and Ctrl+S writes it."""
    from PySide6.QtGui import QFont, QFontMetrics

    from kodaira_desk.ui.forms.grid_model import CELL_STATE_ROLE
    from kodaira_desk.ui.notes.field_marks import ANNOTATION_ROLE, marks_legend, note_field

    w = window
    view = open_kpi(w, "strategy-2015", "g1.a1")
    model, form = w.page.kpi.model, w.page.kpi
    noted = cell(w, "g1.a1.k4", A, R2)
    target = model.field_at(noted)
    assert target is not None
    w.editor.set(note_field(target), "県の集計待ち", "メモ")
    assert noted.data(ANNOTATION_ROLE).note == "県の集計待ち"
    long_text = "1,234,567,890人"
    bold = QFont(view.font())
    bold.setBold(True)
    assert view.horizontalHeader().sectionSize(noted.column()) < QFontMetrics(bold).horizontalAdvance(long_text)
    view.setCurrentIndex(cell(w, "g1.a1.k3", A, R1))
    QGuiApplication.clipboard().setText(f"330区画\t360区画\t0区画\t0区画\r\n250人\t300人\t{long_text}\tabc\r\n")
    press(qtbot, view, Qt.Key.Key_V, CTRL)

    assert model.data(noted) == long_text
    assert view.horizontalHeader().sectionSize(noted.column()) >= QFontMetrics(bold).horizontalAdvance(long_text)
    assert noted.data(ANNOTATION_ROLE).note == "県の集計待ち"  # the note's mark stays on the new figure
    assert marks_legend() in form.legend.text()
    bad = cell(w, "g1.a1.k4", F, R2)
    assert model.data(bad) == "abc" and model.data(bad, CELL_STATE_ROLE) == "invalid"
    pane = form.chart_pane
    assert pane is not None
    lines = pane.list_view

    def fitted() -> bool:  # the pasted indicators' rows: as tall as their texts (基準値を下回る wraps)
        rows = [r for r, (ind, _a) in enumerate(pane.list_model.rows) if ind.key in ("g1.a1.k3", "g1.a1.k4")]
        return len(rows) == 2 and all(
            lines.rowHeight(r) == max(lines.sizeHintForRow(r), lines.verticalHeader().sectionSizeHint(r)) for r in rows)

    row = next(r for r, (ind, _a) in enumerate(pane.list_model.rows) if ind.key == "g1.a1.k3")
    assert pane.list_model.data(pane.list_model.index(row, 1)) == "基準値を下回る"  # 0 below the baseline
    tall = lines.rowHeight(row)
    assert fitted()
    w.act_undo.trigger()  # one step: the whole block, the red cell too; the note stays
    assert model.data(noted) != long_text and not w.editor.invalid_cells()
    assert noted.data(ANNOTATION_ROLE).note == "県の集計待ち"
    assert fitted() and lines.rowHeight(row) < tall  # its rate on one line again
    w.act_redo.trigger()
    assert fitted() and lines.rowHeight(row) == tall
    assert not w.save_and_wait()  # the red cell is listed, the rest is written
    assert saved_value(db_path, "g1.a1.k4", A, R2) == long_text
    assert saved_value(db_path, "g1.a1.k3", A, R2) == "0区画"
    assert saved_value(db_path, "g1.a1.k4", F, R2) == "264人"  # the bad one kept what was stored


def test_the_painted_cells_follow_a_paste_its_undo_and_redo(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """The cells' looks are kept between repaints (issue 27): a paste, its undo and its redo each
    show at once the text, the bold of an edit and its colour — never the look kept from before."""
    w = window
    view = open_kpi(w, "strategy-2015", "g1.a1")
    model = w.page.kpi.model
    first = cell(w, "g1.a1.k1", A, R1)
    bad = model.index(first.row(), first.column() + 1)  # its 目標 (T R2)
    view.viewport().repaint()  # every shown cell's look is asked and kept
    before = [painted(view, first), painted(view, bad)]
    assert before[0][0] == "3人" and not before[0][2]
    view.setCurrentIndex(first)
    QGuiApplication.clipboard().setText("１０人\tabc\r\n")
    press(qtbot, view, Qt.Key.Key_V, CTRL)
    view.viewport().repaint()
    after = [painted(view, first), painted(view, bad)]
    assert after[0][0] == "10人" and after[0][2] and after[0][3] != before[0][3]  # bold, in the edited colour
    assert after[1][0] == "abc" and after[1][1] == w.page.kpi.model.data(bad, Qt.ItemDataRole.BackgroundRole).color().name()
    assert after[1][1] != before[1][1]  # red
    # what the delegate is given is what `data` answers, role by role
    assert after[0][0] == model.data(first) and after[0][2] == model.data(first, Qt.ItemDataRole.FontRole).bold()
    w.act_undo.trigger()
    view.viewport().repaint()
    assert [painted(view, first), painted(view, bad)] == before
    w.act_redo.trigger()
    assert [painted(view, first), painted(view, bad)] == after


def test_a_block_pasted_over_red_cells_takes_their_place_and_undo_brings_them_back(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow, db_path: Path) -> None:
    """A paste looks a cell's red draft up only while some cell is red (issue 27): a valid block
    pasted over two red cells and a plain one must clear both drafts, and its undo must show
    them red again with what was typed — nothing of either paste lost or left behind."""
    w = window
    view = open_kpi(w, "strategy-2015", "g1.a1")
    model = w.page.kpi.model
    first, second = cell(w, "g1.a1.k1", A, R1), cell(w, "g1.a1.k2", A, R1)
    view.setCurrentIndex(first)
    QGuiApplication.clipboard().setText("abc\r\nxyz\r\n")
    press(qtbot, view, Qt.Key.Key_V, CTRL)
    assert [model.data(first), model.data(second)] == ["abc", "xyz"] and len(w.editor.invalid_cells()) == 2
    _select(view, first, first)
    QGuiApplication.clipboard().setText("7人\r\n8\r\n330区画\r\n")
    press(qtbot, view, Qt.Key.Key_V, CTRL)
    third = cell(w, "g1.a1.k3", A, R1)
    assert [model.data(first), model.data(second), model.data(third)] == ["7人", "8%", "330区画"]
    assert not w.editor.invalid_cells() and model.data(first, Qt.ItemDataRole.BackgroundRole) is None
    w.act_undo.trigger()  # the red cells come back as they were typed, the plain one as stored
    assert [model.data(first), model.data(second), model.data(third)] == ["abc", "xyz", "325区画"]
    assert sorted(c.text for c in w.editor.invalid_cells()) == ["abc", "xyz"]
    w.act_redo.trigger()
    assert not w.editor.invalid_cells()
    assert w.save_and_wait()
    assert saved_value(db_path, "g1.a1.k1", A, R1) == "7人"
    assert saved_value(db_path, "g1.a1.k2", A, R1) == "8%"
    assert saved_value(db_path, "g1.a1.k3", A, R1) == "330区画"
