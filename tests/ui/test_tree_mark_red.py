"""The tree's ✓ (入力済) never shows on a 施策 while one of its cells is red: a figure typed that does not
read as one (kept, shown red, not saved) leaves the item 未入力 until it is corrected or cleared."""

from __future__ import annotations

from grid_helpers import R1, R2, cell, open_kpi, press, type_keys
from PySide6.QtCore import Qt
from test_clerk import choose

from kodaira_desk.domain.model import ValueKind
from kodaira_desk.ui.window.main_window import MainWindow

NODE = "g1.a1"  # 農のあるまちづくりの推進: 入力済 in 令和2年度 as the city's data has it


def _mark(w: MainWindow) -> str:
    return str(w.model.index_of("strategy-2015", NODE).data(Qt.ItemDataRole.AccessibleDescriptionRole))


def _type(qtbot, w: MainWindow, text: str) -> None:  # type: ignore[no-untyped-def]
    view = w.page.kpi.view
    view.setCurrentIndex(cell(w, "g1.a1.k1", ValueKind.ACTUAL, R2))
    type_keys(qtbot, view, text)
    press(qtbot, view, Qt.Key.Key_Return)


def test_no_tick_while_a_cell_is_red(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    open_kpi(w, "strategy-2015", NODE)
    assert _mark(w) == "入力済"
    _type(qtbot, w, "3人x")  # not a figure: red, kept, not saved
    red = cell(w, "g1.a1.k1", ValueKind.ACTUAL, R2)
    assert w.page.kpi.model.data(red) == "3人x"
    assert w.editor.invalid_cells()
    assert _mark(w) == "未入力"
    _type(qtbot, w, "3")  # corrected
    assert not w.editor.invalid_cells()
    assert _mark(w) == "入力済"


def test_a_red_cell_of_another_year_leaves_this_years_tick(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    open_kpi(w, "strategy-2015", NODE)  # 令和2年度 shown
    assert _mark(w) == "入力済"
    view = w.page.kpi.view
    view.setCurrentIndex(cell(w, "g1.a1.k1", ValueKind.ACTUAL, R1))  # 令和元年度's column
    type_keys(qtbot, view, "3人x")
    press(qtbot, view, Qt.Key.Key_Return)
    assert w.editor.invalid_cells()
    assert _mark(w) == "入力済"  # 令和2年度's entry is whole
    choose(w.year_combo, "令和元年度")  # the year of the red cell: not 入力済 there
    assert _mark(w) == "未入力"


def test_a_red_cell_of_another_departments_indicator_leaves_this_departments_tick(  # type: ignore[no-untyped-def]
        qtbot, window: MainWindow) -> None:
    w = window
    node = "g2.a3"  # k1 is 保育課's, k2–k4 子育て支援課's
    open_kpi(w, "strategy-2015", node)
    choose(w.dept_combo, "子育て支援課")

    def mark() -> str:
        return str(w.model.index_of("strategy-2015", node).data(Qt.ItemDataRole.AccessibleDescriptionRole))

    assert mark() == "入力済"
    view = w.page.kpi.view
    view.setCurrentIndex(cell(w, "g2.a3.k1", ValueKind.ACTUAL, R2))  # 保育課's figure
    type_keys(qtbot, view, "3人x")
    press(qtbot, view, Qt.Key.Key_Return)
    assert w.editor.invalid_cells()
    assert mark() == "入力済"  # 子育て支援課 has filled in all of its own
    choose(w.dept_combo, "保育課")
    assert mark() == "未入力"
    choose(w.dept_combo, "（すべての課）")
    assert mark() == "未入力"
