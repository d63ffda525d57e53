"""How far an indicator has come toward its target in a year, and the status that says so.

The rules (also in docs/open-data-csv.md, where the rate is published):

1. **Value graded.** The 実績 of the year; when it has none that is a number, the 実績（見込）
   (forecast) of the year, and the result is marked provisional (見込). An absence is graded as
   nothing: "-" (調査なし), "—" (該当なし) and "（※4）" give no rate, and the reason names the
   mark and, when known, the footnote's text. A year with no value at all is 未入力.
2. **Target.** A revised (or reset) target supersedes every original one. Of the targets left,
   the one set for the year itself is used; otherwise the final one (the latest year): the
   strategy's 実績 of 平成28年度 is graded against its 令和2年度 target.
3. **Baseline.** The latest 基準値 at or before the year (otherwise the first one).
4. **Direction.** Higher is better unless the indicator is set lower-is-better (a setting per
   indicator); a target written 以下 or 未満 is lower-is-better when nothing is set.
5. **Rate (達成率), in per cent, rounded half-up to 0.1.**
   - Progress from the baseline: (actual − baseline) / (target − baseline) × 100. The formula is
     the same both ways: for lower-is-better both differences are negative.
   - When the target was already passed (or equalled) at the baseline, progress has no meaning
     (新規就農者数: 4人 at baseline, target 3人): the rate is the ratio to the target instead,
     actual / target × 100 (target / actual for lower-is-better), and the basis says so. The same
     ratio is used when the baseline is missing or an absence ("—").
   - A ratio over zero or a negative number has no meaning: no rate, the status still comes
     from whether the target is met.
6. **Met.** actual ≥ target (≤ for lower-is-better); a target written 超 or 未満 needs strictly
   more or less; 以上 and 以下 are the plain comparisons. Prefixes (約, 概ね) are read as the number.
7. **Status.** 達成 when met or when the rate reaches the 達成 threshold; 概ね順調 when the rate
   reaches the 概ね順調 threshold (default 80%); otherwise 遅れ; 判定不能 when there is no value,
   no target, or an absence. Thresholds are settings (`Thresholds`).
8. **Percentages** are graded on their numbers: 80.9% → 83.0% is a distance of 2.1 points, and
   76.7% is −200% of it. Signed values (+460人) are graded on the signed number.
9. **累計** indicators carry running totals; the rule is the same on the totals (the baseline is
   the total at the baseline year).
10. **内数** rows (a breakdown of another indicator) are graded on their own baseline and target;
    the total is graded on its own figures, never as a sum of its rows.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from typing import Final

from kodaira_desk.domain.errors import FiscalYearError
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import Indicator, IndicatorValue, PlanTree, Revision, ValueKind
from kodaira_desk.domain.values import AbsenceKind, Absent, Measured, format_value

HUNDRED: Final = Decimal(100)
_TENTH: Final = Decimal("0.1")


class Direction(Enum):
    HIGHER = "higher"  # 高いほど良い
    LOWER = "lower"  # 低いほど良い

    @property
    def label(self) -> str:
        return "高いほど良い" if self is Direction.HIGHER else "低いほど良い"


class Status(Enum):
    ACHIEVED = "達成"
    ON_TRACK = "概ね順調"
    BEHIND = "遅れ"
    UNKNOWN = "判定不能"

    __hash__ = object.__hash__  # by identity, in C (a member is its one object; see domain.model.ValueKind)

    @property
    def mark(self) -> str:
        """A shape per status, so that it reads without colour."""
        return STATUS_MARKS[self]

    @property
    def colour(self) -> str:
        return STATUS_COLOURS[self]


# Shapes that differ in outline, not only in fill; colours from the Okabe–Ito palette, which
# stays distinct for the common colour-vision deficiencies.
STATUS_MARKS: Final = {
    Status.ACHIEVED: "◎",
    Status.ON_TRACK: "○",
    Status.BEHIND: "▲",
    Status.UNKNOWN: "－",
}
STATUS_COLOURS: Final = {
    Status.ACHIEVED: "#0072B2",  # blue
    Status.ON_TRACK: "#009E73",  # bluish green
    Status.BEHIND: "#D55E00",  # vermillion
    Status.UNKNOWN: "#7F7F7F",  # grey
}


class Basis(Enum):
    PROGRESS = "progress"  # (actual − baseline) / (target − baseline)
    RATIO = "ratio"  # actual / target (target / actual when lower is better)


@dataclass(frozen=True)
class Thresholds:
    """Rates (per cent) from which a value counts as 達成 and as 概ね順調."""

    achieved: Decimal = HUNDRED
    on_track: Decimal = Decimal(80)

    def __post_init__(self) -> None:
        if not Decimal(0) <= self.on_track <= self.achieved:
            raise ValueError("概ね順調の基準は0以上、達成の基準以下にしてください。")


class Why(Enum):
    """One reason an indicator has no rate, or how its rate was reached: kept as a code with its
    facts (`Reason`), so the reports print it in Japanese and the window in the user's language."""

    NOT_ENTERED = "not_entered"
    VALUE_ABSENT = "value_absent"
    NO_TARGET = "no_target"
    TARGET_ABSENT = "target_absent"
    RATIO_NO_BASELINE = "ratio_no_baseline"
    RATIO_BASELINE_MET = "ratio_baseline_met"
    NO_RATIO = "no_ratio"
    FORECAST = "forecast"
    NEGATIVE = "negative"


# The Japanese the reports print. {year}: 令和2年度; {kind}: 実績 or 実績（見込）; {absence}: 「-」（調査なし）,
# 「—」（該当なし） or 「（※4）」; {note}: （※4: the footnote's text） or nothing.
REASON_TEXTS: Final = {
    Why.NOT_ENTERED: "{year}の実績が未入力です。",
    Why.VALUE_ABSENT: "{year}の{kind}が{absence}のため判定できません。{note}",
    Why.NO_TARGET: "目標が設定されていないため判定できません。",
    Why.TARGET_ABSENT: "目標が{absence}のため判定できません。{note}",
    Why.RATIO_NO_BASELINE: "基準値がないため、目標に対する比で示しています。",
    Why.RATIO_BASELINE_MET: "基準値の時点で目標に達しているため、目標に対する比で示しています。",
    Why.NO_RATIO: "目標または値が0以下のため比は出せません。",
    Why.FORECAST: "実績（見込）による判定です。",
    Why.NEGATIVE: "値が基準値から目標と逆の方向に動いたため、達成率は負の値です。",
}
ABSENCE_TEXTS: Final = {AbsenceKind.NO_SURVEY: "「-」（調査なし）", AbsenceKind.NONE: "「—」（該当なし）",
                        AbsenceKind.FOOTNOTE: "「{mark}」"}


@dataclass(frozen=True)
class Reason:
    """A `Why` with the facts its words need."""

    why: Why
    year: FiscalYear | None = None
    kind: ValueKind | None = None  # the graded value's kind, for VALUE_ABSENT
    absent: Absent | None = None  # the absence, for VALUE_ABSENT and TARGET_ABSENT
    note: str = ""  # the plan's footnote for the absence's mark

    def words(self, template: str, absence: Callable[[Absent], str], kind: str, year: str) -> str:
        """The reason from a template of REASON_TEXTS (or its translation) and the absence's words."""
        note = f"（{self.absent.mark}: {self.note}）" if self.note and self.absent is not None else ""
        return template.format(year=year, kind=kind, note=note,
                               absence=absence(self.absent) if self.absent is not None else "")

    @property
    def text(self) -> str:
        """In Japanese, as the reports print it."""
        return self.words(REASON_TEXTS[self.why], absence_text, self.kind.label if self.kind else "",
                          str(self.year) if self.year else "")


def absence_text(absent: Absent) -> str:
    """An absence as a reason names it: 「-」（調査なし）."""
    return ABSENCE_TEXTS[absent.kind].format(mark=str(absent))


@dataclass(frozen=True)
class Achievement:
    indicator_key: str
    year: FiscalYear
    status: Status
    rate: Decimal | None = None  # per cent, to 0.1
    basis: Basis | None = None
    met: bool | None = None
    provisional: bool = False  # graded on the forecast (見込)
    graded: IndicatorValue | None = None
    baseline: IndicatorValue | None = None
    target: IndicatorValue | None = None
    reasons: tuple[Reason, ...] = ()  # why there is no rate, or how it was reached
    direction: Direction = Direction.HIGHER

    @property
    def reason(self) -> str:
        """The reasons in Japanese, as the reports and the workbook print them."""
        return "".join(r.text for r in self.reasons)

    @property
    def rate_text(self) -> str:
        return "" if self.rate is None else f"{self.rate:.1f}%"

    @property
    def behind_baseline(self) -> bool:
        """The value moved away from the target, past the baseline: the rate is below zero."""
        return self.rate is not None and self.rate < 0

    @property
    def rate_words(self) -> str:
        """The rate as a committee reads it: 33.3%; a rate below zero (−504.8%) tells them nothing,
        so what it means is said instead: 基準値を下回る (基準値を上回る when lower is better).
        The number itself stays in the open data."""
        if self.behind_baseline:
            return "基準値を下回る" if self.direction is Direction.HIGHER else "基準値を上回る"
        return self.rate_text


_REVISION_RANK: Final = {Revision.ORIGINAL: 0, Revision.CURRENT: 1, Revision.REVISED: 2, Revision.RESET: 3}


def target_for(indicator: Indicator, year: FiscalYear) -> IndicatorValue | None:
    """The target a value of `year` is graded against (rule 2)."""
    targets = indicator.values_of(ValueKind.TARGET)
    if not targets:
        return None
    if any(t.revision in (Revision.REVISED, Revision.RESET) for t in targets):
        targets = [t for t in targets if t.revision is not Revision.ORIGINAL]
    same_year = [t for t in targets if t.year == year]
    pool = same_year or [t for t in targets if t.year == max(t.year for t in targets)]
    return max(pool, key=lambda t: _REVISION_RANK[t.revision])


def baseline_for(indicator: Indicator, year: FiscalYear) -> IndicatorValue | None:
    """The baseline a value of `year` is measured from (rule 3)."""
    baselines = indicator.values_of(ValueKind.BASELINE)
    if not baselines:
        return None
    before = [b for b in baselines if b.year <= year]
    return before[-1] if before else baselines[0]


def graded_value(indicator: Indicator, year: FiscalYear) -> IndicatorValue | None:
    """The 実績 of the year, or its 見込 when the 実績 is not a number (rule 1)."""
    actual = indicator.value(ValueKind.ACTUAL, year, Revision.CURRENT)
    forecast = indicator.value(ValueKind.FORECAST, year, Revision.CURRENT)
    if actual is not None and isinstance(actual.value, Measured):
        return actual
    if forecast is not None and isinstance(forecast.value, Measured):
        return forecast
    return actual or forecast


def direction_of(indicator: Indicator, setting: Direction | None = None) -> Direction:
    """The setting wins; otherwise a target written 以下/未満 means lower is better (rule 4)."""
    if setting is not None:
        return setting
    for t in indicator.values_of(ValueKind.TARGET):
        if isinstance(t.value, Measured) and t.value.suffix in ("以下", "未満"):
            return Direction.LOWER
    return Direction.HIGHER


def _absence(why: Why, absent: Absent, footnotes: dict[str, str] | None, year: FiscalYear | None = None,
             kind: ValueKind | None = None) -> Reason:
    note = (footnotes or {}).get(absent.mark or "", "") if absent.kind is AbsenceKind.FOOTNOTE else ""
    return Reason(why, year, kind, absent, note)


def _met(actual: Decimal, target: Measured, direction: Direction) -> bool:
    if direction is Direction.HIGHER:
        return actual > target.number if target.suffix == "超" else actual >= target.number
    return actual < target.number if target.suffix == "未満" else actual <= target.number


def _rounded(rate: Decimal) -> Decimal:
    return rate.quantize(_TENTH, rounding=ROUND_HALF_UP)


def rate_of(actual: Decimal, baseline: Decimal | None, target: Decimal,
            direction: Direction) -> tuple[Decimal | None, Basis]:
    """The unrounded rate and its basis (rule 5); None when a ratio would have no meaning."""
    higher = direction is Direction.HIGHER
    if baseline is not None and (target > baseline if higher else target < baseline):
        return (actual - baseline) / (target - baseline) * HUNDRED, Basis.PROGRESS
    numerator, denominator = (actual, target) if higher else (target, actual)
    if numerator < 0 or denominator <= 0:
        return None, Basis.RATIO
    return numerator / denominator * HUNDRED, Basis.RATIO


def assess(indicator: Indicator, year: FiscalYear, *, direction: Direction | None = None,
           thresholds: Thresholds | None = None,
           footnotes: dict[str, str] | None = None) -> Achievement:
    """The rate and status of the indicator's value for `year`, by the rules above.

    `footnotes` maps a mark (※4) to its text, to say why an absence gives no rate.
    """
    limits = thresholds or Thresholds()
    way = direction_of(indicator, direction)
    graded = graded_value(indicator, year)
    target = target_for(indicator, year)
    baseline = baseline_for(indicator, year)

    def undecided(reason: Reason) -> Achievement:
        return Achievement(indicator.key, year, Status.UNKNOWN, graded=graded, baseline=baseline,
                           target=target, reasons=(reason,), direction=way)

    if graded is None:
        return undecided(Reason(Why.NOT_ENTERED, year))
    if isinstance(graded.value, Absent):
        return undecided(_absence(Why.VALUE_ABSENT, graded.value, footnotes, year, graded.kind))
    if target is None:
        return undecided(Reason(Why.NO_TARGET))
    if isinstance(target.value, Absent):
        return undecided(_absence(Why.TARGET_ABSENT, target.value, footnotes))
    actual = graded.value.number
    base = baseline.value.number if baseline and isinstance(baseline.value, Measured) else None
    raw, basis = rate_of(actual, base, target.value.number, way)
    met = _met(actual, target.value, way)
    rate = None if raw is None else _rounded(raw)
    if met or (rate is not None and rate >= limits.achieved):
        status = Status.ACHIEVED
    elif rate is not None and rate >= limits.on_track:
        status = Status.ON_TRACK
    else:
        status = Status.BEHIND
    whys: list[Why] = []
    if basis is Basis.RATIO:
        whys.append(Why.RATIO_NO_BASELINE if base is None else Why.RATIO_BASELINE_MET)
        if raw is None:
            whys.append(Why.NO_RATIO)
    if graded.kind is ValueKind.FORECAST:
        whys.append(Why.FORECAST)
    if rate is not None and rate < 0:
        whys.append(Why.NEGATIVE)
    return Achievement(indicator.key, year, status, rate, basis, met, graded.kind is ValueKind.FORECAST, graded,
                       baseline, target, tuple(Reason(w) for w in whys), way)


Grader = Callable[[Indicator, FiscalYear], Achievement]


def grader(tree: PlanTree, directions: dict[str, Direction] | None = None,
           thresholds: Thresholds | None = None, footnotes: dict[str, str] | None = None) -> Grader:
    """How the handouts and the workbook grade a plan's indicators: with the database's settings
    (lower is better per indicator key, the thresholds); an absence's reason quotes the plan's
    footnote for its mark."""
    notes = footnotes if footnotes is not None else {f.mark: f.text for f in tree.footnotes if f.mark}
    ways = dict(directions or {})

    def grade(indicator: Indicator, year: FiscalYear) -> Achievement:
        return assess(indicator, year, direction=ways.get(indicator.key), thresholds=thresholds,
                      footnotes=notes)

    return grade


def graded_years(indicator: Indicator) -> list[FiscalYear]:
    """Every year with a 実績 or 見込 (a number or an absence), in order."""
    return sorted({v.year for v in indicator.values
                   if v.kind in (ValueKind.ACTUAL, ValueKind.FORECAST)})


def expected_years(indicator: Indicator) -> list[FiscalYear]:
    """The years a 実績 is entered for: after the first baseline, up to the last target."""
    baselines = indicator.values_of(ValueKind.BASELINE)
    targets = indicator.values_of(ValueKind.TARGET)
    if not targets:
        return graded_years(indicator)
    first = baselines[0].year.year + 1 if baselines else targets[0].year.year
    return [FiscalYear(y) for y in range(first, targets[-1].year.year + 1)]


def with_value(indicator: Indicator, kind: ValueKind, year: FiscalYear,
               value: IndicatorValue | None, revision: Revision = Revision.CURRENT) -> Indicator:
    """The indicator with one value replaced (None removes it): unsaved edits, before grading."""
    kept = tuple(v for v in indicator.values
                 if not (v.kind is kind and v.year == year and v.revision is revision))
    return dataclasses.replace(indicator, values=kept + ((value,) if value is not None else ()))


# ---------------------------------------------------------------------------------- trend
@dataclass(frozen=True)
class Point:
    year: FiscalYear
    number: Decimal
    text: str  # as printed: 1,234人


@dataclass(frozen=True)
class Gap:
    """A year whose 実績 or 見込 is an absence: drawn as its mark, not as a point."""

    year: FiscalYear
    kind: ValueKind
    text: str  # -, —, （※4）


@dataclass(frozen=True)
class Trend:
    """What a chart of one indicator draws: shared by the window's pane and the PDF chart page."""

    years: tuple[FiscalYear, ...]
    actual: tuple[Point, ...]
    forecast: tuple[Point, ...]
    baseline: Point | None
    original_targets: tuple[Point, ...]
    revised_targets: tuple[Point, ...]  # revised, reset, or the only targets there are
    gaps: tuple[Gap, ...]

    def lowest_and_highest(self) -> tuple[Decimal, Decimal] | None:
        numbers = [p.number for p in (*self.actual, *self.forecast, *self.original_targets,
                                      *self.revised_targets)]
        if self.baseline is not None:
            numbers.append(self.baseline.number)
        return (min(numbers), max(numbers)) if numbers else None

    def whole(self) -> bool:
        """Whether every number drawn is a whole one (a count: its axis in whole steps)."""
        points = [*self.actual, *self.forecast, *self.original_targets, *self.revised_targets]
        if self.baseline is not None:
            points.append(self.baseline)
        return all(p.number == p.number.to_integral_value() for p in points)


def _plotted_year(v: IndicatorValue, dated: bool) -> FiscalYear:
    """The value's fiscal year; with `dated`, the fiscal year its figure refers to when the document
    says so (the station passengers of 平成26年度末 are those of 平成25年度)."""
    if dated and v.as_of:
        try:
            return FiscalYear.parse(v.as_of)
        except FiscalYearError:  # 令和3年5月, 平成26年中: not a fiscal year, the column's year stays
            return v.year
    return v.year


def _points(values: list[IndicatorValue], dated: bool = False) -> tuple[Point, ...]:
    return tuple(Point(_plotted_year(v, dated), v.value.number, format_value(v.value)) for v in values
                 if isinstance(v.value, Measured))


def trend(indicator: Indicator, *, originals: bool = True, dated: bool = False) -> Trend:
    """The indicator's values by fiscal year: 実績, 見込 (only for years without a numeric 実績),
    the baseline, and the targets as first adopted and as revised. `originals=False` leaves out
    targets a revision superseded (a document that prints only the revised ones); `dated` puts
    each figure at the fiscal year it refers to (`as_of`) rather than its column's."""
    actuals = [v for v in indicator.values_of(ValueKind.ACTUAL) if v.revision is Revision.CURRENT]
    numeric_actual_years = {v.year for v in actuals if isinstance(v.value, Measured)}
    forecasts = [v for v in indicator.values_of(ValueKind.FORECAST)
                 if v.revision is Revision.CURRENT and v.year not in numeric_actual_years]
    targets = indicator.values_of(ValueKind.TARGET)
    revised = any(t.revision in (Revision.REVISED, Revision.RESET) for t in targets)
    original = [t for t in targets if t.revision is Revision.ORIGINAL] if revised else []
    later = [t for t in targets if t not in original]
    gaps = tuple(Gap(_plotted_year(v, dated), v.kind, format_value(v.value)) for v in (*actuals, *forecasts)
                 if isinstance(v.value, Absent)
                 and not (v.kind is ValueKind.ACTUAL and any(f.year == v.year for f in forecasts)))
    baselines = indicator.values_of(ValueKind.BASELINE)
    base = _points(baselines[:1], dated)
    shown = [*actuals, *forecasts, *baselines[:1], *later, *(original if originals else ())]
    years = sorted({_plotted_year(v, dated) for v in shown})
    span = tuple(FiscalYear(y) for y in range(years[0].year, years[-1].year + 1)) if years else ()
    return Trend(span, _points(actuals, dated), _points(forecasts, dated), base[0] if base else None,
                 _points(original, dated) if originals else (), _points(later, dated), gaps)


def chart_scale(low: Decimal, high: Decimal, ticks: int = 5, whole: bool = False) -> tuple[float, float, float]:
    """(bottom, top, step) of a value axis showing low..high with a margin, in round steps of
    1, 2, 2.5 or 5 × 10ⁿ: the window's chart and the printed one use the same axis. With `whole`
    (a count) the steps are whole numbers (the tester's 10.50–13.50); the axis does not go below 0
    when no number does (−10 under a count from 0)."""
    lo, hi = float(low), float(high)
    pad = (hi - lo) * 0.12 or abs(hi) * 0.1 or 1.0
    raw = (hi - lo + 2 * pad) / ticks
    if whole:
        raw = max(raw, 1.0)
    power = 10 ** math.floor(math.log10(raw))
    factors = (1, 2, 5, 10) if whole and power < 10 else (1, 2, 2.5, 5, 10)
    step = next(m * power for m in factors if m * power >= raw)
    bottom = math.floor((lo - pad) / step) * step
    if lo >= 0:
        bottom = max(bottom, 0.0)
    return bottom, math.ceil((hi + pad) / step) * step, step
