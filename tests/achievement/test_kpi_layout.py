"""The KPI form at 1366×768: the node's texts take only the lines they have (five at most, then
they scroll), every row of a four-indicator grid is in view, the chart is whole, the empty message
line takes no room, and the status list folds away to give the chart the width."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QSplitter

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import ValueKind
from kodaira_desk.ui.window.main_window import MainWindow


def _open(qtbot, clerk, w: MainWindow, node: str, plan: str = "strategy-2015") -> None:  # type: ignore[no-untyped-def]
    clerk.choose(w.year_combo, "令和2年度")
    clerk.click_node(qtbot, w, plan, node)
    w.page.tabs.setCurrentWidget(w.page.kpi)
    while (turn := w.page.later_turn()) is not None:  # the grid, the pane's grades and chart (issue 27)
        turn()
    qtbot.wait(50)  # the layout settles


def _lines_in_view(box) -> int:  # type: ignore[no-untyped-def]
    """How many laid-out lines of the text box start above its visible area's bottom."""
    count = 0
    block = box.document().begin()
    while block.isValid():
        layout = block.layout()
        for i in range(layout.lineCount()):
            count += layout.position().y() + layout.lineAt(i).y() < box.viewport().height()
        block = block.next()
    return count


def _bottom_in_window(w: MainWindow, widget) -> int:  # type: ignore[no-untyped-def]
    return widget.mapTo(w, QPoint(0, widget.height())).y()


def test_grid_and_chart_have_their_room(qtbot, clerk, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    assert (w.width(), w.height()) == (1366, 768)
    _open(qtbot, clerk, w, "g1.a1")  # ① 農のあるまちづくりの推進: two lines of 達成状況の概要, four KPIs
    header = w.page.header.description
    spacing = header.fontMetrics().lineSpacing()
    assert header.height() <= spacing * 4 + 12  # its label and two lines, not a fixed 130 px
    assert header.verticalScrollBar().maximum() == 0  # and all of it shows
    kpi = w.page.kpi
    view = kpi.view
    assert kpi.model.rowCount() == 4
    last = view.rowViewportPosition(3) + view.rowHeight(3)
    assert 0 < last <= view.viewport().height()  # the fourth row whole, no scrolling
    pane = kpi.chart_pane
    assert pane is not None
    chart = pane.chart
    assert chart.height() >= chart.minimumHeight() and chart.width() >= chart.minimumWidth()
    # the chart ends above the details line and the legend, all inside the window (once the pane's
    # turn is laid out: the grid and the pane come a turn after the page's texts, issue 27)
    qtbot.waitUntil(lambda: _bottom_in_window(w, chart) <= kpi.details.mapTo(w, QPoint(0, 0)).y(), timeout=3000)
    assert _bottom_in_window(w, kpi.legend) <= w.statusBar().mapTo(w, QPoint(0, 0)).y()
    assert not kpi.message.isVisible()


def test_long_texts_scroll_after_five_lines(qtbot, clerk, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    _open(qtbot, clerk, w, "p6", "program-2021")  # 6 多様な担い手による地域づくり: 現状と課題 runs long
    header = w.page.header.description
    assert _lines_in_view(header) == 5  # five whole lines (pages.NodeHeader.NODE_LINES), not one more
    assert header.verticalScrollBar().maximum() > 0  # the rest is a scroll away
    chart = w.page.kpi.chart_pane.chart  # type: ignore[union-attr]
    assert chart.height() >= chart.minimumHeight()


def test_message_line_shows_only_with_a_message(qtbot, clerk, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    _open(qtbot, clerk, w, "g1.a1")
    kpi = w.page.kpi
    cell = clerk.kpi_cell(w, "新規就農者数", ValueKind.ACTUAL, FiscalYear(2020))
    clerk.type_in_cell(qtbot, w, cell, "たくさん")
    assert kpi.message.isVisible() and kpi.message.text()
    clerk.type_in_cell(qtbot, w, cell, "2人")
    qtbot.waitUntil(lambda: not kpi.message.isVisible(), timeout=2000)
    chart = kpi.chart_pane.chart  # type: ignore[union-attr]
    assert chart.height() >= chart.minimumHeight()
    qtbot.waitUntil(lambda: _bottom_in_window(w, chart) <= kpi.details.mapTo(w, QPoint(0, 0)).y(), timeout=3000)


def test_status_list_folds_away_for_the_chart(qtbot, clerk, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    _open(qtbot, clerk, w, "g1.a1")
    pane = w.page.kpi.chart_pane
    assert pane is not None
    split = pane.findChild(QSplitter, "kpiStatusSplitter")
    assert split is not None and split.isCollapsible(0) and not split.isCollapsible(1)
    before = pane.chart.width()
    split.moveSplitter(0, 1)  # dragged to the left edge: the list folds
    qtbot.waitUntil(lambda: split.sizes()[0] == 0, timeout=2000)
    assert pane.chart.width() > before + 200
