"""A figure far outside what its indicator's own figures make plausible: an order of magnitude
off (627,684 typed against a target of 20), a unit mixed up (円 typed for 千円), digits typed
twice (2020 for 20). Such a figure is not refused — it may be right — but shown yellow with the
reason until a person confirms it (the window keeps the confirmation: services/figure_checks.py).
"""

from __future__ import annotations

from decimal import Decimal

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import Indicator, ValueKind
from kodaira_desk.domain.values import Measured, Value

FACTOR = Decimal(10)  # more than ten times the largest, or under a tenth of the smallest, figure
ENTERED = (ValueKind.ACTUAL, ValueKind.FORECAST)  # what is typed each year; targets are set


def _figures(indicator: Indicator, kind: ValueKind, year: FiscalYear) -> list[Decimal]:
    """The indicator's other figures (baseline, targets, the other years' actuals): its scale."""
    return [abs(v.value.number) for v in indicator.values
            if isinstance(v.value, Measured) and v.value.number and not (v.kind is kind and v.year == year)]


def _number(n: Decimal) -> str:
    return f"{n.normalize():,f}"


def out_of_scale(indicator: Indicator, kind: ValueKind, year: FiscalYear, value: Value) -> str | None:
    """Why an entered figure looks out of place beside the indicator's own figures, or None."""
    if kind not in ENTERED or not isinstance(value, Measured) or not value.number:
        return None
    figures = _figures(indicator, kind, year)
    if not figures:
        return None
    v, low, high = abs(value.number), min(figures), max(figures)
    if v > FACTOR * high:
        ratio, side = v / high, "大きい"
    elif v * FACTOR < low:
        ratio, side = low / v, "小さい"
    else:
        return None
    times = f"{ratio:,.0f}" if ratio >= 100 else f"{ratio:.0f}"
    span = _number(high) if low == high else f"{_number(low)}～{_number(high)}"
    return (f"基準値・目標・ほかの年度の値（{span}）より桁違いに{side}値です（約{times}倍）。"
            "桁や単位の誤り、二重入力でないか確認してください。正しければ「確認済みにする」で黄色が消えます。")
