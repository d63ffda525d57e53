"""The tree's ✓ (入力済) never shows on a 施策 while one of its cells is red: a figure typed that does not
read as one (kept, shown red, not saved) leaves the item 未入力 until it is corrected or cleared."""

from __future__ import annotations

from grid_helpers import R2, cell, open_kpi, press, type_keys
from PySide6.QtCore import Qt

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
