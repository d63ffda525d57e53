"""The colours the round's windows and the tree draw themselves follow the theme (high contrast too),
and the KPI status list names every indicator whole at 100 % in the 1366×768 window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontMetrics, QIcon

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.services.rounds.common import DepartmentState
from kodaira_desk.ui import theme
from kodaira_desk.ui.round.status_model import RoundStatusModel
from kodaira_desk.ui.window.main_window import MainWindow

STATES = ("issued", "unfilled", "returned", "merged", "needs_review", "superseded")


@pytest.mark.parametrize("colours", [theme.LIGHT, theme.HIGH], ids=["light", "high-contrast"])
def test_state_and_board_backgrounds_keep_their_text_readable(colours: theme.Colours) -> None:
    for state in STATES:
        light, high = theme.STATE_BACKGROUND[state]
        background = QColor(high if colours.high_contrast else light)
        assert theme.contrast(colours.text, background) >= 4.5, state
    assert theme.contrast(colours.text, colours.missing) >= 4.5
    for done in (True, False):  # the tree's dot is seen on the tree's background, its check on the dot
        fill, mark = (QColor(c) for c in theme.DOTS[done][1 if colours.high_contrast else 0])
        window = QColor("#000000") if colours.high_contrast else QColor("#ffffff")
        assert theme.contrast(fill, window) >= 3.0 and (not done or theme.contrast(mark, fill) >= 3.0)


def _centre(icon: QIcon) -> QColor:
    return icon.pixmap(14, 14).toImage().pixelColor(7, 3)  # inside the dot, above its check mark


def test_high_contrast_reaches_the_board_the_collection_and_the_tree(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    status = RoundStatusModel()
    status.load([DepartmentState("産業振興課", "issued", "未返却", None, "h1", "f.kdesk", 0)])
    w.year_combo.setCurrentIndex(w.year_combo.findData(FiscalYear(2021).year))
    assert w.select_node("program-2021", "p1")  # a 施策 with its dot: 未入力 in 令和3年度
    tree_index = w.tree_view.currentIndex()
    light_dot = _centre(w.proxy.data(tree_index, Qt.ItemDataRole.DecorationRole))
    w.act_contrast.trigger()
    try:
        assert theme.is_high_contrast()
        cell = status.index(0, 1)
        assert status.data(cell, Qt.ItemDataRole.BackgroundRole).color() == QColor(theme.STATE_BACKGROUND["issued"][1])
        assert status.data(cell, Qt.ItemDataRole.ForegroundRole).color() == theme.HIGH.text
        board = w.show_board()
        board.year.setCurrentIndex(board.year.findText("令和2年度"))
        qtbot.waitUntil(lambda: not board.grading, timeout=10000)  # graded on the window's runner
        model = board.model
        missing = next(model.index(r, c) for r in range(model.rowCount()) for c in (4, 9)
                       if isinstance(model.data(model.index(r, c)), int) and model.data(model.index(r, c)) > 0)
        assert model.data(missing, Qt.ItemDataRole.BackgroundRole).color() == theme.HIGH.missing
        assert model.data(missing, Qt.ItemDataRole.ForegroundRole).color() == theme.HIGH.text
        board.close()
        dot = _centre(w.proxy.data(tree_index, Qt.ItemDataRole.DecorationRole))
        assert dot != light_dot and dot in (QColor(theme.DOTS[False][1][0]), QColor(theme.DOTS[True][1][0]))
    finally:
        w.act_contrast.trigger()
    assert status.data(status.index(0, 1), Qt.ItemDataRole.BackgroundRole).color() == QColor("#fde2e2")
    assert _centre(w.proxy.data(tree_index, Qt.ItemDataRole.DecorationRole)) == light_dot


def test_the_status_list_names_each_indicator_whole(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    w = window
    w.year_combo.setCurrentIndex(w.year_combo.findData(FiscalYear(2020).year))
    assert w.select_node("strategy-2015", "g1.a1")
    w.page.tabs.setCurrentWidget(w.page.kpi)
    qtbot.wait(50)
    qtbot.waitUntil(lambda: w.page.kpi.chart_pane is not None, timeout=3000)
    view = w.page.kpi.chart_pane.list_view
    model = view.model()
    names = [str(model.data(model.index(r, 2))) for r in range(model.rowCount())]
    assert any(n.startswith("「小平産の農産物を購入するようにしている」") for n in names), names
    assert view.textElideMode() == Qt.TextElideMode.ElideNone
    metrics = QFontMetrics(view.font())
    for r, name in enumerate(names):
        rect = view.visualRect(model.index(r, 2))
        needed = metrics.boundingRect(rect.adjusted(3, 0, -3, 0), int(Qt.TextFlag.TextWordWrap), name)
        assert needed.height() <= rect.height(), (name, needed.height(), rect.height())
