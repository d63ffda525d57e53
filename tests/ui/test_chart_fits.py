"""The KPI pane's chart fits the 1280×720 window of a 1366×768 screen at 100 %: its year labels are
seen without scrolling, also when the status line above it takes two lines (English, a reason)."""

from __future__ import annotations

from kodaira_desk.ui.window.main_window import MainWindow


def test_the_chart_and_its_year_labels_are_seen_without_scrolling(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    w.resize(1280, 720)
    w.show()
    qtbot.waitExposed(w)
    w.lang_actions["en"].trigger()
    w.year_combo.setCurrentIndex(w.year_combo.findText("令和2年度"))
    assert w.select_node("strategy-2015", "g1.a1")
    w.page.tabs.setCurrentWidget(w.page.kpi)
    qtbot.wait(50)
    pane = w.page.kpi.chart_pane
    assert pane is not None
    status = pane.status_label
    assert "The target was already reached" in status.text()
    qtbot.waitUntil(lambda: status.height() >= 2 * status.fontMetrics().lineSpacing())  # two lines at least
    area = pane.right_w
    assert area.verticalScrollBar().maximum() == 0
    chart = pane.chart
    bottom = chart.mapTo(area.viewport(), chart.rect().bottomLeft()).y()
    assert bottom <= area.viewport().height()
    assert chart.height() >= chart.minimumHeight()
