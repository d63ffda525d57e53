"""A typed value re-fits only the status list's rows whose text changed (issue 27: every Enter at ×10
re-fitted and regraded the pane; 340 rows measured or graded for one changed figure)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import ValueKind
from kodaira_desk.services import achievement as grading
from kodaira_desk.ui.window.main_window import MainWindow
from tests.achievement.test_chart_pane import _open_kpi

R2 = FiscalYear(2020)


def test_an_enter_refits_and_regrades_only_the_edited_row(qtbot, clerk, window: MainWindow, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    w = window
    pane = _open_kpi(qtbot, clerk, w)
    cell = clerk.kpi_cell(w, "援農ボランティア講座修了者数", ValueKind.ACTUAL, R2)
    w.page.kpi.view.setCurrentIndex(cell)
    row = [i.key for i, _ in pane.list_model.rows].index("g1.a1.k4")
    qtbot.wait(50)
    fitted: list[int] = []
    graded: list[str] = []
    whole: list[int] = []
    shown: list[int] = []
    row_height, fit_all, refresh = pane._row_height, pane._fit_all_rows, pane.refresh
    monkeypatch.setattr(pane, "_row_height", lambda r, *a: fitted.append(r) or row_height(r, *a))
    monkeypatch.setattr(pane, "_fit_all_rows", lambda: whole.append(1) or fit_all())
    monkeypatch.setattr(pane, "refresh", lambda: shown.append(1) or refresh())
    assess = grading.assess_indicator
    monkeypatch.setattr(grading, "assess_indicator", lambda t, ind, *a: graded.append(ind.key) or assess(t, ind, *a))
    heights = [pane.list_view.rowHeight(r) for r in range(pane.list_model.rowCount())]

    clerk.type_in_cell(qtbot, w, cell, "240人")
    view = w.page.kpi.view
    qtbot.keyClick(view, Qt.Key.Key_Up)  # on to another row (the last is typed), as a clerk goes along a column
    assert view.currentIndex().row() == cell.row() - 1
    qtbot.wait(100)

    assert graded == ["g1.a1.k4"]  # the edited indicator, graded once
    assert set(fitted) <= {row} and not whole  # its row alone measured again, none of the others
    assert len(shown) == 1  # the edit's: the grid moving down a row redraws the chart, grades nothing
    # what is shown did not change for the others: their heights are those before
    assert [pane.list_view.rowHeight(r) for r in range(len(heights)) if r != row] == \
        [h for r, h in enumerate(heights) if r != row]
    moved = w.page.kpi.model.indicators[w.page.kpi.view.currentIndex().row()].key
    assert pane.current_key == moved != "g1.a1.k4"  # the chart follows the grid down
    assert pane.list_view.currentIndex().row() == [i.key for i, _ in pane.list_model.rows].index(moved)
