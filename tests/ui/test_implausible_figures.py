"""A figure far outside what its indicator's own figures make plausible (627,684 typed against a
target of 20) is yellow with the reason — in the grid, on the board, before submission — until a
person confirms it; the confirmation is kept in the database and ends when the figure changes."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from grid_helpers import R2, cell, focused, open_kpi, type_keys
from PySide6.QtCore import Qt

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import Indicator, IndicatorKind, IndicatorValue, ValueKind
from kodaira_desk.domain.plausibility import out_of_scale
from kodaira_desk.domain.values import Measured, parse_value
from kodaira_desk.services.board import load_board
from kodaira_desk.services.database import open_database
from kodaira_desk.services.plans import load_all
from kodaira_desk.ui.forms.kpi_model import WARNING
from kodaira_desk.ui.window.main_window import MainWindow

A = ValueKind.ACTUAL
CTRL = Qt.KeyboardModifier.ControlModifier
FARMERS = "g1.a1.k1"  # 新規就農者数: 3人, 4人 … against a target of 5人 a year


def _indicator(*figures: tuple[ValueKind, int, str]) -> Indicator:
    return Indicator(key="k", plan_id="p", node_key="n", kind=IndicatorKind.KPI, name="参加者数", unit="人",
                     values=tuple(IndicatorValue(k, FiscalYear(y), parse_value(t)) for k, y, t in figures))


def test_an_order_of_magnitude_is_flagged_with_the_reason() -> None:
    ind = _indicator((ValueKind.BASELINE, 2019, "12人"), (ValueKind.TARGET, 2024, "20人"),
                     (A, 2021, "15人"))
    reason = out_of_scale(ind, A, FiscalYear(2022), Measured(Decimal(627684), "人"))
    assert reason is not None and "12～20" in reason and "約31,384倍" in reason and "大きい" in reason
    assert out_of_scale(ind, A, FiscalYear(2022), Measured(Decimal(1), "人")) is not None  # 1 against 12～20
    assert "小さい" in str(out_of_scale(ind, A, FiscalYear(2022), Measured(Decimal("0.5"), "人")))
    for fine in ("18", "200", "0", "2"):  # within ten times, or a real zero
        assert out_of_scale(ind, A, FiscalYear(2022), Measured(Decimal(fine), "人")) is None, fine
    assert out_of_scale(_indicator(), A, FiscalYear(2022), Measured(Decimal(627684))) is None  # no scale yet
    assert out_of_scale(ind, ValueKind.TARGET, FiscalYear(2022), Measured(Decimal(627684))) is None  # set, not typed


def test_no_figure_the_city_printed_is_flagged(db_path: Path) -> None:
    db = open_database(db_path, create=False)
    try:
        trees = load_all(db)
    finally:
        db.dispose()
    flagged = [(t.plan.id, i.key, v.year.year, str(v.value)) for t in trees for i in t.indicators for v in i.values
               if out_of_scale(i, v.kind, v.year, v.value)]
    assert flagged == []


def test_the_grid_flags_it_until_confirmed_and_the_board_follows(qtbot, window: MainWindow, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    w = window
    view = open_kpi(w, "strategy-2015", "g1.a1")
    model = w.page.kpi.model
    at = cell(w, FARMERS, A, R2)
    view.setCurrentIndex(at)
    type_keys(qtbot, view, "627684")
    qtbot.keyClick(focused(view), Qt.Key.Key_Return)
    assert model.data(at, Qt.ItemDataRole.BackgroundRole).color() == WARNING  # yellow…
    tip = str(model.data(at, Qt.ItemDataRole.ToolTipRole))
    assert "桁違いに大きい" in tip  # …with the reason
    assert "要確認" in w.page.kpi.message.text() and "新規就農者数" in w.page.kpi.message.text()
    badges = view.verticalHeader().badges
    assert badges[at.row()][0] == "要確認"  # not 「◎20922800.0%」 beside the row's name
    pane = w.page.kpi.chart_pane
    row = [i.key for i, _ in pane.list_model.rows].index(model.indicators[at.row()].key)
    shown = [pane.list_model.data(pane.list_model.index(row, c)) for c in range(3)]
    assert shown[:2] == ["要確認", ""] and shown[2] == "新規就農者数"  # the status list grades nothing either
    assert "桁違いに大きい" in str(pane.list_model.data(pane.list_model.index(row, 0), Qt.ItemDataRole.ToolTipRole))
    pane.select(model.indicators[at.row()].key)
    assert "要確認" in pane.status_label.text() and "達成率" not in pane.status_label.text()
    w.lang_actions["en"].trigger()  # and in English: the list and the line say so in English
    qtbot.wait(10)
    assert pane.list_model.data(pane.list_model.index(row, 0)) == "To check"
    assert pane.status_label.text().startswith("令和2年度: to check. ")
    w.lang_actions["ja"].trigger()
    qtbot.wait(10)
    qtbot.keyClick(view, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: not w.tasks.busy, timeout=30000)

    db = open_database(db_path, create=False)
    try:
        def flagged() -> int:
            return sum(r.flagged for r in load_board(db, R2) if r.plan_id == "strategy-2015" and r.department is None)
        assert flagged() == 1  # the board counts it as 要確認

        board = w.show_board()
        board.year.setCurrentIndex(board.year.findText("令和2年度"))
        qtbot.waitUntil(lambda: not board.grading, timeout=10000)  # graded on the window's runner
        shown = next(r.flagged for r in board.model.rows if r.plan_id == "strategy-2015" and r.department is None)
        assert shown == 1
        view.setCurrentIndex(at)  # the person looks again and says it is right
        assert w.page.kpi.confirm_action.isEnabled()
        w.page.kpi.confirm_action.trigger()  # written on the window's runner
        qtbot.waitUntil(lambda: not w.page.kpi.confirm_action.isEnabled(), timeout=10000)
        assert model.data(at, Qt.ItemDataRole.BackgroundRole) is None or \
            model.data(at, Qt.ItemDataRole.BackgroundRole).color() != WARNING
        assert "確認済みの値です" in str(model.data(at, Qt.ItemDataRole.ToolTipRole))
        assert view.verticalHeader().badges[at.row()][0].startswith("◎")  # confirmed: graded as any figure is
        assert str(pane.list_model.data(pane.list_model.index(row, 0))).startswith("◎")  # the list follows
        assert flagged() == 0  # kept in the database: every copy of the board agrees
        qtbot.waitUntil(lambda: not board.grading, timeout=10000)  # graded on the window's runner
        assert next(r.flagged for r in board.model.rows
                    if r.plan_id == "strategy-2015" and r.department is None) == 0  # the open board followed
        board.close()

        type_keys(qtbot, view, "627685")  # another figure: checked again
        qtbot.keyClick(focused(view), Qt.Key.Key_Return)
        assert model.data(at, Qt.ItemDataRole.BackgroundRole).color() == WARNING
    finally:
        db.dispose()
