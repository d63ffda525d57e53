"""domain/achievement.py's rules as a table of cases: one or more per rule, each with the status,
rate and reason it must give. Written against the mutants that once survived every test: 超 and
未満 graded the wrong way round, the earliest target taken for a year without one, the wrong 基準値
when an indicator has several, a 「-」 実績 with a numeric 見込 graded 判定不能, a target that is an
absence, a 実績 of 0 on the ratio basis, the reason texts."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import pytest

from kodaira_desk.domain.achievement import (
    Basis,
    Direction,
    Status,
    Thresholds,
    assess,
)
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import Indicator, IndicatorKind, IndicatorValue, Revision, ValueKind
from kodaira_desk.domain.values import parse_value

KINDS = {"B": ValueKind.BASELINE, "A": ValueKind.ACTUAL, "F": ValueKind.FORECAST, "T": ValueKind.TARGET}
REVISIONS = {"": Revision.CURRENT, "original": Revision.ORIGINAL, "revised": Revision.REVISED,
             "reset": Revision.RESET}
NOTES = {"※4": "令和2年度に実施予定であった世論調査を令和3年度に延期したため、現時点で実績が把握できていません。"}


def indicator(*values: str) -> Indicator:
    """Values written "T R2 20人 revised": kind (B, A, F, T), fiscal year, value, revision."""
    made = []
    for spec in values:
        kind, year, text, *revision = spec.split(" ")
        rev = REVISIONS[revision[0] if revision else ("original" if kind == "T" else "")]
        made.append(IndicatorValue(KINDS[kind], FiscalYear.parse(year), parse_value(text), rev))
    return Indicator("k", "p", "n", IndicatorKind.KPI, "指標", "人", values=tuple(made))


@dataclass(frozen=True)
class Case:
    rule: str
    values: tuple[str, ...]
    year: str
    status: Status
    rate: str | None = None  # per cent, as the rate is kept (to 0.1)
    basis: Basis | None = None
    met: bool | None = None
    provisional: bool = False
    reason: str = ""  # the whole reason, when given
    reason_has: tuple[str, ...] = ()
    graded: str | None = None  # the value graded, as printed
    target: str | None = None  # the target graded against, as printed
    baseline: str | None = None
    direction: Direction | None = None
    thresholds: Thresholds | None = None
    words: str | None = None  # rate_words: what the handouts print for the rate
    extra: dict[str, object] = field(default_factory=dict)


CASES = [
    # 1. the value graded: the 実績; its 見込 when it has no numeric 実績, provisionally
    Case("1 実績 graded", ("B H26 10人", "T R2 20人", "A R1 15人", "F R1 18人"), "R1", Status.BEHIND,
         "50.0", Basis.PROGRESS, False, graded="15人"),
    Case("1 「-」 実績 with a numeric 見込: graded on the 見込, provisionally",
         ("B H26 10人", "T R2 20人", "A R2 -", "F R2 18人"), "R2", Status.ON_TRACK, "80.0", Basis.PROGRESS,
         False, provisional=True, graded="18人", reason="実績（見込）による判定です。"),
    Case("1 only a 見込", ("B H26 10人", "T R2 20人", "F R2 20人"), "R2", Status.ACHIEVED, "100.0",
         Basis.PROGRESS, True, provisional=True, graded="20人"),
    Case("1 「-」 and no 見込", ("B H26 10人", "T R2 20人", "A R2 -"), "R2", Status.UNKNOWN,
         reason="令和2年度の実績が「-」（調査なし）のため判定できません。"),
    Case("1 「—」", ("B H26 10人", "T R2 20人", "A R2 —"), "R2", Status.UNKNOWN,
         reason="令和2年度の実績が「—」（該当なし）のため判定できません。"),
    Case("1 （※4） quotes its note", ("B H26 10人", "T R2 20人", "F R2 （※4）"), "R2", Status.UNKNOWN,
         reason=f"令和2年度の実績（見込）が「（※4）」のため判定できません。（※4: {NOTES['※4']}）"),
    Case("1 nothing entered", ("B H26 10人", "T R2 20人"), "R1", Status.UNKNOWN, reason="令和元年度の実績が未入力です。"),
    # 2. the target: revised over original; the year's own, else the final one (never the earliest)
    Case("2 revised supersedes the original", ("B H26 10人", "T R2 30人", "T R2 20人 revised", "A R2 20人"),
         "R2", Status.ACHIEVED, "100.0", Basis.PROGRESS, True, target="20人"),
    Case("2 reset supersedes the original", ("B R2 10人", "T R6 30人", "T R6 20人 reset", "A R6 15人"),
         "R6", Status.BEHIND, "50.0", Basis.PROGRESS, False, target="20人"),
    Case("2 the year's own target", ("B H26 10人", "T H30 14人", "T R2 20人", "A H30 12人"), "H30",
         Status.BEHIND, "50.0", Basis.PROGRESS, False, target="14人"),
    Case("2 a year without one: the final target, not the earliest",
         ("B H26 10人", "T H29 12人", "T R2 20人", "A H28 12人"), "H28", Status.BEHIND, "20.0",
         Basis.PROGRESS, False, target="20人"),
    Case("2 a target that is an absence", ("B H26 10人", "T R2 —", "A R2 12人"), "R2", Status.UNKNOWN,
         reason="目標が「—」（該当なし）のため判定できません。"),
    Case("2 a target that is a footnote", ("B H26 10人", "T R2 （※4）", "A R2 12人"), "R2", Status.UNKNOWN,
         reason=f"目標が「（※4）」のため判定できません。（※4: {NOTES['※4']}）"),
    Case("2 no target", ("B H26 10人", "A R2 12人"), "R2", Status.UNKNOWN,
         reason="目標が設定されていないため判定できません。"),
    # 3. the baseline: the latest at or before the year, else the first
    Case("3 of several baselines, the latest before the year", ("B H26 10人", "B R1 30人", "T R3 50人",
                                                               "A R2 40人"), "R2", Status.BEHIND, "50.0",
         Basis.PROGRESS, False, baseline="30人"),
    Case("3 before every baseline: the first", ("B R1 10人", "B R2 30人", "T R3 50人", "A H30 20人"), "H30",
         Status.BEHIND, "25.0", Basis.PROGRESS, False, baseline="10人"),
    # 4. direction: the setting; else a target written 以下 or 未満
    Case("4 以下 means lower is better", ("B H26 10件", "T R2 5件以下", "A R2 7件"), "R2", Status.BEHIND,
         "60.0", Basis.PROGRESS, False),
    Case("4 the setting wins", ("B H26 10人", "T R2 5人", "A R2 7人"), "R2", Status.BEHIND, "60.0",
         Basis.PROGRESS, False, direction=Direction.LOWER),
    # 5. the rate: progress from the baseline, half-up to 0.1; the ratio when the target was passed
    # at the baseline or there is no numeric baseline; no ratio of a negative number or over zero
    Case("5 rounded half up", ("B H26 0人", "T R2 16人", "A R2 1人"), "R2", Status.BEHIND, "6.3",
         Basis.PROGRESS, False),
    Case("5 passed at the baseline: the ratio", ("B H26 4人", "T R2 3人", "A R2 1人"), "R2", Status.BEHIND,
         "33.3", Basis.RATIO, False, reason="基準値の時点で目標に達しているため、目標に対する比で示しています。"),
    Case("5 no baseline: the ratio", ("T R2 10人", "A R2 6人"), "R2", Status.BEHIND, "60.0", Basis.RATIO,
         False, reason="基準値がないため、目標に対する比で示しています。"),
    Case("5 a baseline of 「—」: the ratio", ("B H26 —", "T R2 10人", "A R2 9人"), "R2", Status.ON_TRACK,
         "90.0", Basis.RATIO, False, reason_has=("基準値がない",)),
    Case("5 a 実績 of 0 on the ratio: 0.0%", ("T R2 10人", "A R2 0人"), "R2", Status.BEHIND, "0.0",
         Basis.RATIO, False),
    Case("5 a negative number on the ratio: no rate", ("T R2 10人", "A R2 -5人"), "R2", Status.BEHIND, None,
         Basis.RATIO, False, reason="基準値がないため、目標に対する比で示しています。目標または値が0以下のため比は出せません。"),
    Case("5 lower is better on the ratio: target / actual", ("B H26 4件", "T R2 5件", "A R2 8件"), "R2",
         Status.BEHIND, "62.5", Basis.RATIO, False, direction=Direction.LOWER),
    Case("5 below the baseline: a negative rate, said in words", ("B H26 80.9%", "T R2 83.0%", "A R2 76.7%"),
         "R2", Status.BEHIND, "-200.0", Basis.PROGRESS, False, words="基準値を下回る",
         reason="値が基準値から目標と逆の方向に動いたため、達成率は負の値です。"),
    Case("5 above the baseline when lower is better", ("B H26 10件", "T R2 5件以下", "A R2 12件"), "R2",
         Status.BEHIND, "-40.0", Basis.PROGRESS, False, words="基準値を上回る"),
    # 6. met: ≥ (≤ when lower is better); 超 and 未満 strictly; 以上 and 以下 plainly; 約 as the number
    Case("6 超 needs more", ("B H26 10人", "T R2 20人超", "A R2 20人"), "R2", Status.ACHIEVED, "100.0",
         Basis.PROGRESS, False),
    Case("6 超 met by more", ("B H26 10人", "T R2 20人超", "A R2 21人"), "R2", Status.ACHIEVED, "110.0",
         Basis.PROGRESS, True),
    Case("6 未満 needs less", ("B H26 10件", "T R2 5件未満", "A R2 5件"), "R2", Status.ACHIEVED, "100.0",
         Basis.PROGRESS, False),
    Case("6 未満 met by less", ("B H26 10件", "T R2 5件未満", "A R2 4件"), "R2", Status.ACHIEVED, "120.0",
         Basis.PROGRESS, True),
    Case("6 以上 plainly", ("B R2 3", "T R3 4以上", "A R3 4"), "R3", Status.ACHIEVED, "100.0", Basis.PROGRESS,
         True),
    Case("6 以下 plainly", ("B H26 10件", "T R2 5件以下", "A R2 5件"), "R2", Status.ACHIEVED, "100.0",
         Basis.PROGRESS, True),
    Case("6 約 read as the number", ("B H26 約1,000部", "T R2 約2,000部", "A R2 約1,500部"), "R2",
         Status.BEHIND, "50.0", Basis.PROGRESS, False),
    # 7. the status: 達成 when met or at the 達成 threshold, 概ね順調 from its threshold, else 遅れ
    Case("7 met is 達成 whatever the rate", ("B H26 10人", "T R2 20人", "A R2 20人"), "R2", Status.ACHIEVED,
         "100.0", Basis.PROGRESS, True, thresholds=Thresholds(Decimal(120), Decimal(80))),
    Case("7 at the 達成 threshold, not met", ("B H26 10人", "T R2 20人", "A R2 19人"), "R2", Status.ACHIEVED,
         "90.0", Basis.PROGRESS, False, thresholds=Thresholds(Decimal(90), Decimal(50))),
    Case("7 from the 概ね順調 threshold", ("B H26 10人", "T R2 20人", "A R2 18人"), "R2", Status.ON_TRACK, "80.0",
         Basis.PROGRESS, False),
    Case("7 under it: 遅れ", ("B H26 10人", "T R2 20人", "A R2 17人"), "R2", Status.BEHIND, "70.0",
         Basis.PROGRESS, False),
    # 8. percentages on their numbers; signed values on the signed number
    Case("8 points of a percentage", ("B H26 80.9%", "T R2 83.0%", "A H28 84.2%"), "H28", Status.ACHIEVED,
         "157.1", Basis.PROGRESS, True),
    Case("8 a signed value", ("B H26 +460人", "T R2 +1,300人", "A H27 +1,170人"), "H27", Status.ON_TRACK,
         "84.5", Basis.PROGRESS, False),
    # 9. a running total graded on its totals
    Case("9 累計", ("B H26 208人", "T R2 255人", "A R1 249人"), "R1", Status.ON_TRACK, "87.2", Basis.PROGRESS,
         False),
]


@pytest.mark.parametrize("case", CASES, ids=[c.rule for c in CASES])
def test_each_rule(case: Case) -> None:
    ind = indicator(*case.values)
    a = assess(ind, FiscalYear.parse(case.year), direction=case.direction, thresholds=case.thresholds,
               footnotes=NOTES)
    assert a.status is case.status
    assert a.rate == (None if case.rate is None else Decimal(case.rate))
    if case.status is not Status.UNKNOWN:
        assert (a.basis, a.met, a.provisional) == (case.basis, case.met, case.provisional)
    if case.reason or case.status is Status.UNKNOWN:
        assert a.reason == case.reason
    for part in case.reason_has:
        assert part in a.reason
    for expected, value in ((case.graded, a.graded), (case.target, a.target), (case.baseline, a.baseline)):
        if expected is not None:
            assert value is not None and str(value.value) == expected
    if case.words is not None:
        assert a.rate_words == case.words and a.behind_baseline
    elif a.rate is not None:
        assert a.rate_words == f"{a.rate:.1f}%" and not a.behind_baseline


def test_every_rule_has_a_case() -> None:
    assert {c.rule.split(" ")[0] for c in CASES} == {str(n) for n in range(1, 10)}
