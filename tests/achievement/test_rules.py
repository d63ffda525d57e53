"""The achievement rules on the city's real indicators (db/city), and their properties."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kodaira_desk.domain.achievement import (
    Basis,
    Direction,
    Status,
    Thresholds,
    assess,
    direction_of,
    expected_years,
    target_for,
    with_value,
)
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import (
    Indicator,
    IndicatorKind,
    IndicatorValue,
    PlanTree,
    Revision,
    ValueKind,
)
from kodaira_desk.domain.values import parse_value
from kodaira_desk.io.city_data import load_city_data
from kodaira_desk.paths import city_data_dir

H27, H28, H30, R1, R2, R3 = (FiscalYear(y) for y in (2015, 2016, 2018, 2019, 2020, 2021))


@cache
def _trees() -> dict[str, PlanTree]:
    return {t.plan.id: t for t in load_city_data(city_data_dir())}


def strategy(key: str) -> Indicator:
    return _trees()["strategy-2015"].indicator(key)


def notes() -> dict[str, str]:
    return {f.mark: f.text for f in _trees()["strategy-2015"].footnotes if f.mark}


def test_target_below_baseline_is_graded_as_a_ratio_to_the_target() -> None:
    ind = strategy("g1.a1.k1")  # 新規就農者数: 4人 at baseline, revised R2 target 3人
    assert ind.name == "新規就農者数"
    h27 = assess(ind, H27)
    assert (h27.basis, h27.rate, h27.status, h27.met) == (Basis.RATIO, Decimal("166.7"), Status.ACHIEVED, True)
    assert "基準値の時点で目標に達している" in h27.reason
    r2 = assess(ind, R2)  # only a 見込 of 1人
    assert (r2.rate, r2.status, r2.provisional, r2.met) == (Decimal("33.3"), Status.BEHIND, True, False)
    assert r2.graded is not None and r2.graded.kind is ValueKind.FORECAST
    assert "見込" in r2.reason
    assert assess(ind, R1).status is Status.ACHIEVED  # 3人 = target


def test_revised_target_supersedes_the_original() -> None:
    ind = strategy("g1.a1.k1")  # original 6人 for 令和元年度, revised 3人 for 令和2年度
    t = target_for(ind, R1)
    assert t is not None and str(t.value) == "3人" and t.revision is Revision.REVISED
    t = target_for(ind, H28)
    assert t is not None and t.year == R2


def test_footnote_absence_gives_no_rate_and_says_why() -> None:
    ind = strategy("g1.t3")  # 「緑の豊かさ」の満足度: （※4） in R2
    assert ind.name == "「緑の豊かさ」の満足度"
    r2 = assess(ind, R2, footnotes=notes())
    assert r2.status is Status.UNKNOWN and r2.rate is None
    assert "（※4）" in r2.reason and "世論調査を令和3年度に延期" in r2.reason
    h27 = assess(ind, H27)
    assert h27.status is Status.UNKNOWN and "「-」（調査なし）" in h27.reason
    h28 = assess(ind, H28)  # 82.5% → 83.9%, target 85.0%: 1.4 of 2.5 points
    assert (h28.rate, h28.status, h28.basis) == (Decimal("56.0"), Status.BEHIND, Basis.PROGRESS)


def test_cumulative_indicator_is_graded_on_its_totals() -> None:
    ind = strategy("g1.a1.k4")  # 援農ボランティア講座修了者数（累計）: 208 → target 255
    assert ind.cumulative
    assert assess(ind, H30).rate == Decimal("48.9")  # 231: 23 of 47
    r1 = assess(ind, R1)  # 249: 41 of 47
    assert (r1.rate, r1.status) == (Decimal("87.2"), Status.ON_TRACK)
    r2 = assess(ind, R2)  # 見込 264
    assert (r2.rate, r2.status, r2.provisional) == (Decimal("119.1"), Status.ACHIEVED, True)


def test_fertility_rate_small_decimals_and_footnote_5() -> None:
    ind = strategy("g2.t2")  # 合計特殊出生率 1.40 → 1.46, R2 （※5）
    h27 = assess(ind, H27)
    assert (h27.rate, h27.status) == (Decimal("100.0"), Status.ACHIEVED)
    assert assess(ind, R1).rate == Decimal("-133.3")  # 1.32
    r2 = assess(ind, R2, footnotes=notes())
    assert r2.status is Status.UNKNOWN and "（※5）" in r2.reason and "公表されていません" in r2.reason


def test_percentage_below_baseline_is_negative_progress() -> None:
    h30 = assess(strategy("g1.t1"), H30)  # 80.9% → 76.7%, target 83.0%
    assert (h30.rate, h30.status) == (Decimal("-200.0"), Status.BEHIND)


def test_breakdown_rows_are_graded_on_their_own_figures() -> None:
    part = strategy("g3.t3")  # (内数) アダプト制度: 0人 → 118人
    assert part.part_of == "g3.t1"
    assert assess(part, R1).rate == Decimal("109.3")  # 129人
    total = strategy("g3.t1")
    assert assess(total, R1).target is not None


def test_lower_is_better_set_per_indicator() -> None:
    ind = strategy("g1.t2")  # 人口の社会増減 +460 → +1,300; graded the other way when set lower
    assert assess(ind, R1).status is Status.ACHIEVED
    lower = assess(ind, R1, direction=Direction.LOWER)
    # the target (+1,300) is then already passed at the baseline (+460): a ratio, 1300/1430
    assert (lower.basis, lower.rate, lower.status) == (Basis.RATIO, Decimal("90.9"), Status.ON_TRACK)


def test_at_least_target_of_the_program() -> None:
    ind = _trees()["program-2021"].indicator("p6.k3")  # 地域連携の会議の開催地区数: 3 → 4以上
    assert ind.value(ValueKind.ACTUAL, R3) is None
    assert assess(ind, R3).status is Status.UNKNOWN
    typed = with_value(ind, ValueKind.ACTUAL, R3, IndicatorValue(ValueKind.ACTUAL, R3, parse_value("4")))
    a = assess(typed, R3)
    assert (a.status, a.met, a.rate) == (Status.ACHIEVED, True, Decimal("100.0"))
    target = a.target
    assert target is not None and target.year == R3 and str(target.value) == "4以上"
    assert R3 in expected_years(ind) and FiscalYear(2024) in expected_years(ind)


def test_missing_baseline_falls_back_to_the_ratio() -> None:
    ind = _trees()["program-2021"].indicator("p6.k2")  # baseline "—", target 7
    typed = with_value(ind, ValueKind.ACTUAL, R3, IndicatorValue(ValueKind.ACTUAL, R3, parse_value("6")))
    a = assess(typed, R3)
    assert (a.basis, a.rate, a.status) == (Basis.RATIO, Decimal("85.7"), Status.ON_TRACK)
    assert "基準値がない" in a.reason


def test_not_entered_and_no_target() -> None:
    ind = Indicator("x", "p", "n", IndicatorKind.KPI, "x", "人")
    assert "未入力" in assess(ind, R2).reason
    ind = with_value(ind, ValueKind.ACTUAL, R2, IndicatorValue(ValueKind.ACTUAL, R2, parse_value("5人")))
    a = assess(ind, R2)
    assert a.status is Status.UNKNOWN and "目標が設定されていない" in a.reason


def test_strict_targets_and_lower_suffix() -> None:
    def ind(target: str, actual: str) -> Indicator:
        return Indicator("x", "p", "n", IndicatorKind.KPI, "x", "件", values=(
            IndicatorValue(ValueKind.BASELINE, H27, parse_value("10件")),
            IndicatorValue(ValueKind.TARGET, R2, parse_value(target)),
            IndicatorValue(ValueKind.ACTUAL, R2, parse_value(actual))))
    assert direction_of(ind("5件以下", "5件")) is Direction.LOWER
    assert assess(ind("5件以下", "5件"), R2).status is Status.ACHIEVED
    assert assess(ind("5件未満", "5件"), R2).met is False
    assert assess(ind("20件超", "20件"), R2).met is False
    assert assess(ind("20件以上", "20件"), R2).met is True


def test_thresholds_are_settings() -> None:
    ind = strategy("g1.a1.k4")
    assert assess(ind, H30, thresholds=Thresholds(Decimal(100), Decimal(40))).status is Status.ON_TRACK
    assert assess(ind, R1, thresholds=Thresholds(Decimal(85), Decimal(50))).status is Status.ACHIEVED
    with pytest.raises(ValueError):
        Thresholds(Decimal(80), Decimal(90))


def test_every_status_has_its_own_mark() -> None:
    assert len({s.mark for s in Status}) == len(Status)
    assert len({s.colour for s in Status}) == len(Status)


def test_every_real_indicator_value_is_graded_without_error() -> None:
    for tree in _trees().values():
        for ind in tree.indicators:
            for v in ind.values:
                a = assess(ind, v.year)
                assert a.status in Status
                assert (a.rate is None) or a.status is not Status.UNKNOWN


# ---------------------------------------------------------------------------------- properties
numbers = st.decimals(min_value=-10_000, max_value=10_000, places=1, allow_nan=False, allow_infinity=False)


def _made(baseline: Decimal, target: Decimal, actual: Decimal) -> Indicator:
    def m(n: Decimal) -> IndicatorValue:
        return IndicatorValue(ValueKind.ACTUAL, R2, parse_value(f"{n}"))
    return Indicator("x", "p", "n", IndicatorKind.KPI, "x", "", values=(
        IndicatorValue(ValueKind.BASELINE, H27, m(baseline).value),
        IndicatorValue(ValueKind.TARGET, R2, m(target).value),
        m(actual)))


@given(numbers, numbers, numbers, numbers)
def test_rate_is_monotone_in_the_actual_when_higher_is_better(
        baseline: Decimal, target: Decimal, a: Decimal, b: Decimal) -> None:
    low, high = sorted((a, b))
    r_low = assess(_made(baseline, target, low), R2)
    r_high = assess(_made(baseline, target, high), R2)
    if r_low.rate is not None and r_high.rate is not None:
        assert r_low.rate <= r_high.rate
    order = list(Status)
    # a better actual never gets a worse status (達成 < 概ね順調 < 遅れ in the enum's order)
    assert order.index(r_high.status) <= order.index(r_low.status) or r_low.status is Status.UNKNOWN


@given(numbers, numbers, numbers)
def test_lower_is_better_mirrors_higher_is_better(baseline: Decimal, target: Decimal, actual: Decimal) -> None:
    up = assess(_made(baseline, target, actual), R2, direction=Direction.HIGHER)
    down = assess(_made(-baseline, -target, -actual), R2, direction=Direction.LOWER)
    if up.basis is Basis.PROGRESS:
        assert (down.basis, down.rate, down.status) == (up.basis, up.rate, up.status)
    assert down.met == up.met


@given(numbers, numbers)
def test_reaching_the_target_is_achieved_and_the_baseline_is_zero(baseline: Decimal, target: Decimal) -> None:
    at_target = assess(_made(baseline, target, target), R2)
    assert at_target.status is Status.ACHIEVED and at_target.met
    if target > baseline:
        assert assess(_made(baseline, target, baseline), R2).rate == 0
