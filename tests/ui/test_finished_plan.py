"""A plan that ended shows its own years: one period everywhere, no entry column beyond it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import ValueKind
from kodaira_desk.domain.yearly import opening_year, period_label, periods_text, shown_year

R2, R3, R6, R8 = FiscalYear(2020), FiscalYear(2021), FiscalYear(2024), FiscalYear(2026)


def test_the_form_the_round_and_the_seeds_give_one_period(window) -> None:  # type: ignore[no-untyped-def]
    """001 adopted the strategy for 平成27年度～平成31年度; 003 reports it to 令和2年度 (its 目標 moved
    to 令和2年度末). The plan's page says what the round's messages say, and what it was adopted for."""
    w = window
    tree = w.editor.trees["strategy-2015"]
    assert period_label(tree) == "平成27年度～令和2年度"
    assert w.select_node("strategy-2015", None)
    meta = w.page.header.meta.text()
    assert meta.startswith("計画期間: 平成27年度 ～ 令和2年度"), meta
    assert "策定時の計画期間: 平成27年度 ～ 令和元年度" in meta
    assert "小平市まち・ひと・しごと創生総合戦略（平成27年度～令和2年度）" in periods_text([tree])


def test_the_city_year_opens_on_the_last_plan_year_and_the_strategy_on_its_own(window) -> None:  # type: ignore[no-untyped-def]
    trees = list(window.editor.trees.values())
    assert opening_year(trees, R8) == R6  # nothing runs in 令和8年度: the round's last year, as the round
    strategy = window.editor.trees["strategy-2015"]
    assert shown_year(strategy, R6) == R2
    assert shown_year(strategy, FiscalYear(2010)) == FiscalYear(2015)
    assert shown_year(window.editor.trees["program-2021"], R6) == R6


def test_kpi_grid_of_an_ended_plan_offers_no_column_beyond_it(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    w = window
    w.year_combo.setCurrentIndex(w.year_combo.findText("令和6年度"))
    assert w.select_node("strategy-2015", "g1.a1")
    w.page.tabs.setCurrentWidget(w.page.kpi)
    model = w.page.kpi.model
    years = {c.year for c in model.columns if c.year is not None}
    assert max(years) == R2, sorted(y.era_label() for y in years)
    assert any(c.kind is ValueKind.ACTUAL and c.year == R2 for c in model.columns)
    assert "この計画は令和2年度で終わっています（入力年度 令和6年度）" in w.page.header.meta.text()
    headers = [str(model.headerData(i, Qt.Orientation.Horizontal))
               for i in range(model.columnCount())]
    assert not any("令和6年度" in h for h in headers)

    assert w.select_node("strategy-2015", "g1.a1.m2")  # the measure's yearly text: its last year, not R6
    labels = [lab.text() for lab in w.page.measure.findChildren(QLabel)]
    assert any(t.startswith("令和2年度の実施等状況") for t in labels), labels
    assert not any("令和6年度" in t for t in labels if "実施等状況" in t)

    # the program runs in 令和6年度: its grid offers that year, and says nothing about an end
    node = next(n for n in w.editor.trees["program-2021"].nodes if w.editor.trees["program-2021"].indicators_of(n.key))
    assert w.select_node("program-2021", node.key)
    assert any(c.year == R6 and c.kind is ValueKind.ACTUAL for c in w.page.kpi.model.columns)
    assert "終わっています" not in w.page.header.meta.text()
