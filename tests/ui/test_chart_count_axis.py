"""A count's chart (tester, i4.png, pp1.png): its value axis read 10.50 … 13.50 for 12 and 13
people, and −10 under counts from 0. Whole steps for whole numbers, and no axis below 0 when no
number is."""

from __future__ import annotations

from decimal import Decimal

from kodaira_desk.domain.achievement import Point, Trend
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.ui.chart.trend_chart import TrendChart


def _trend(*numbers: str) -> Trend:
    years = tuple(FiscalYear(2019 + i) for i in range(len(numbers)))
    actual = tuple(Point(y, Decimal(n), f"{n}人") for y, n in zip(years, numbers, strict=True))
    return Trend(years, actual, (), None, (), (), ())


def _labels(qtbot, *numbers: str) -> list[str]:  # type: ignore[no-untyped-def]
    chart = TrendChart()
    qtbot.addWidget(chart)
    chart.set_trend(_trend(*numbers), "人", "")
    chart.resize(500, 300)
    chart.show()
    qtbot.waitExposed(chart)
    return chart.axis_labels()


def test_a_counts_axis_is_in_whole_numbers(qtbot) -> None:  # type: ignore[no-untyped-def]
    labels = _labels(qtbot, "12", "13", "12")
    assert labels and all("." not in label for label in labels), labels  # today: 10.50 … 13.50


def test_a_counts_axis_from_0_does_not_go_below_0(qtbot) -> None:  # type: ignore[no-untyped-def]
    labels = _labels(qtbot, "0", "25", "40")
    assert labels[0] == "0", labels  # today: -10


def test_a_rate_keeps_its_decimals(qtbot) -> None:  # type: ignore[no-untyped-def]
    labels = _labels(qtbot, "80.5", "81.2")
    assert any("." in label for label in labels), labels
