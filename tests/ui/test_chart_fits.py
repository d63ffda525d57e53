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


def test_an_english_legend_on_two_rows_stays_clear_of_the_unit(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """At 1366×768 in English the legend (with 当初目標 and 改訂後の目標) wraps onto a second row:
    that row is drawn clear of the axis's unit 「（人）」 under it."""
    w = window
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    w.lang_actions["en"].trigger()
    w.year_combo.setCurrentIndex(w.year_combo.findText("令和2年度"))
    assert w.select_node("strategy-2015", "g1.a1")
    w.page.tabs.setCurrentWidget(w.page.kpi)
    qtbot.wait(50)
    pane = w.page.kpi.chart_pane
    assert pane is not None
    chart = pane.chart
    legend, unit = chart.text_boxes()
    assert unit is not None and chart.unit == "人"
    assert len({box.top() for box in legend}) >= 2  # wrapped
    touching = [box for box in legend if box.adjusted(0, 0, 0, 2).intersects(unit)]
    assert touching == []
