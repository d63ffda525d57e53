"""Clicking items in the tree fills the KPI grid with that item's own figures and marks (issue 27:
the grid's cells answer the roles painting asks together, from a cache a selection replaces).

A clerk's file has every kind of cell: another 課's (grey), a red one typed wrong, a figure typed
and not saved (bold), a figure far out of scale (yellow). Each item is clicked as a person does,
then each cell's painted answers are checked against what each role computes on its own."""

from __future__ import annotations

from pathlib import Path

from grid_helpers import R2, cell, clerk_window, close_window, focused, painted, pane_filled, type_keys
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QFont, QPalette

from kodaira_desk.domain.model import ValueKind
from kodaira_desk.domain.values import format_value
from kodaira_desk.ui import theme
from kodaira_desk.ui.forms.grid_model import CELL_STATE_ROLE, PAINT_ROLES
from kodaira_desk.ui.window.main_window import MainWindow

A, F = ValueKind.ACTUAL, ValueKind.FORECAST


def _click(qtbot, w: MainWindow, key: str) -> None:  # type: ignore[no-untyped-def]
    idx = w.proxy.mapFromSource(w.model.index_of("strategy-2015", key))
    assert idx.isValid(), key
    w.tree_view.scrollTo(idx)
    qtbot.mouseClick(w.tree_view.viewport(), Qt.MouseButton.LeftButton, pos=w.tree_view.visualRect(idx).center())
    assert w.current == ("strategy-2015", key)
    pane_filled(w)


def _plain(answer: object) -> object:
    if isinstance(answer, QBrush):
        return ("brush", answer.color().name())
    if isinstance(answer, QFont):
        return ("font", answer.bold())
    return answer


def _type(qtbot, w: MainWindow, index: QModelIndex, text: str) -> None:  # type: ignore[no-untyped-def]
    view = w.page.kpi.view
    view.setCurrentIndex(index)
    type_keys(qtbot, view, text)
    qtbot.keyClick(focused(view), Qt.Key.Key_Return)


def _every_cell_paints_what_each_role_computes(w: MainWindow) -> list[str]:
    """Each cell's answers to the roles painting asks (together, cached) are what `compute` answers
    for each role alone; returns the cells' states, row by row."""
    model = w.page.kpi.model
    states = []
    for r in range(model.rowCount()):
        for c in range(model.columnCount()):
            idx = model.index(r, c)
            for role in sorted(PAINT_ROLES):
                assert _plain(model.data(idx, role)) == _plain(model.compute(idx, role)), (r, c, role)
            states.append(str(model.data(idx, CELL_STATE_ROLE)))
    return states


def _status_line_in_its_colour(w: MainWindow) -> None:
    """The pane's status line is in the colour of the indicator it speaks of (its status's, or the
    yellow of a figure to check), not in the colour of an item before."""
    pane = w.page.kpi.chart_pane
    assert pane is not None
    ind, graded = next((i, a) for i, a in pane.list_model.rows if i.key == pane.current_key)
    expected = theme.colours().warning_mark if ind.key in pane.list_model.checks else theme.status_text(graded.status.colour)
    assert pane.status_label.text()
    assert pane.status_label.palette().color(QPalette.ColorRole.WindowText).name() == expected.name(), ind.key


def test_each_item_clicked_paints_its_own_figures_and_marks(qtbot, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = clerk_window(db_path, tmp_path, "子育て支援課")
    try:
        w.year_combo.setCurrentIndex(w.year_combo.findText("令和2年度"))
        _click(qtbot, w, "g2.a3")
        model, view = w.page.kpi.model, w.page.kpi.view
        _type(qtbot, w, cell(w, "g2.a3.k2", A, R2), "abc")  # red: not read, not saved
        _type(qtbot, w, cell(w, "g2.a3.k4", A, R2), "37000")  # bold: typed, not saved
        _type(qtbot, w, cell(w, "g2.a3.k4", F, R2), "99999999")  # yellow: far out of scale
        theirs = cell(w, "g2.a3.k1", A, R2)  # 保育課's: grey
        first = _every_cell_paints_what_each_role_computes(w)
        assert {"invalid", "locked", "warning", ""} <= set(first)
        colours = set()
        for key in ("g2.a3.k4", "g2.a3.k2", "g2.a3.k3"):  # 要確認 (yellow), then others' statuses
            w.page.kpi.chart_pane.select(key)  # type: ignore[union-attr]
            _status_line_in_its_colour(w)
            colours.add(w.page.kpi.chart_pane.status_label.palette().color(QPalette.ColorRole.WindowText).name())  # type: ignore[union-attr]
        assert len(colours) > 1

        _click(qtbot, w, "g2.a4")  # another item with indicators (others' and ours), none typed in
        assert [i.node_key for i in model.indicators] and {i.node_key for i in model.indicators} == {"g2.a4"}
        states = _every_cell_paints_what_each_role_computes(w)
        _status_line_in_its_colour(w)
        assert "invalid" not in states and "warning" not in states  # nothing of g2.a3's marks
        tree = w.editor.tree("strategy-2015")
        for r, ind in enumerate(model.indicators):
            for c, spec in enumerate(model.columns):
                target = model.field_at(model.index(r, c))
                assert target is not None and spec.kind is not None and spec.year is not None
                stored = tree.indicator(ind.key).value(spec.kind, spec.year, target.revision)
                shown = painted(view, model.index(r, c))
                assert shown[0] == (format_value(stored.value, stored.marks) if stored else ""), (ind.key, spec)
                assert not shown[2]  # nothing bold: nothing typed here

        _click(qtbot, w, "g2.a3")  # and back: what was typed there is still shown, marked
        assert _every_cell_paints_what_each_role_computes(w) == first
        red = painted(view, cell(w, "g2.a3.k2", A, R2))
        bold = painted(view, cell(w, "g2.a3.k4", A, R2))
        assert red[0] == "abc" and model.data(cell(w, "g2.a3.k2", A, R2), CELL_STATE_ROLE) == "invalid"
        assert bold[0] == "37,000人" and bold[2]
        assert model.data(cell(w, "g2.a3.k4", F, R2), CELL_STATE_ROLE) == "warning"
        assert model.data(theirs, CELL_STATE_ROLE) == "locked"
    finally:
        close_window(w)


def test_the_chart_as_a_table_shows_the_item_clicked_last(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """表で見る after other items were clicked (the hidden table is filled when it is shown), and
    items clicked while it is shown: the table holds what the chart beside it draws."""
    from kodaira_desk.ui.chart.chart_table import ChartDataModel

    w = window

    def table_is_the_chart() -> list[list[str]]:
        pane = w.page.kpi.chart_pane
        assert pane is not None and pane.chart.trend is not None
        drawn = ChartDataModel()
        drawn.set_trend(pane.chart.trend)
        shown = pane.views.table.data_model.as_rows()
        assert shown == drawn.as_rows()
        return shown

    _click(qtbot, w, "g1.a1")
    views = w.page.kpi.chart_pane.views  # type: ignore[union-attr]
    views.toggle.click()
    first = table_is_the_chart()
    views.toggle.click()  # the chart again; then two other items
    _click(qtbot, w, "g1.a2")
    _click(qtbot, w, "g2.a2")
    views.toggle.click()
    assert views.table.isVisible()
    assert table_is_the_chart() != first
    _click(qtbot, w, "g1.a1")  # while the table is shown
    assert table_is_the_chart() == first
