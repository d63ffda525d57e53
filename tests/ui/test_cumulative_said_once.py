"""A 累計 indicator whose name already says （累計） (the program's 自主防災組織の組織数（累計）) is
shown with it once: in the KPI grid's row head (the PDF: tests/reports/test_report_kpi_new_plan.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.grid_helpers import pane_filled


def test_grid_row_head_says_cumulative_once(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    w = window
    assert w.select_node("program-2021", "p7")
    w.page.tabs.setCurrentWidget(w.page.kpi)
    pane_filled(w)
    model = w.page.kpi.model
    row = next(r for r, ind in enumerate(model.indicators) if ind.key == "p7.k1")
    head = model.headerData(row, Qt.Orientation.Vertical, Qt.ItemDataRole.DisplayRole)
    assert "自主防災組織の組織数（累計）" in head
    assert head.count("累計") == 1
