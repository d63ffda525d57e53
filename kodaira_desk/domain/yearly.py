"""The yearly round's rules, read from each plan's RoundSetting (domain/round_setting.py): which plans
are in force in a year, which items and indicators the year asks for, what is still without a 課,
which 課 is proposed for an indicator, and when a 決算額 asks for a reason.

The hand-out, collection, the window, the workbook, the board and the reports ask here.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TypeVar

from kodaira_desk.domain.errors import ValueParseError
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import (
    Indicator,
    IndicatorKind,
    IndicatorValue,
    Node,
    PlanTree,
    Role,
    ValueKind,
)
from kodaira_desk.domain.plan_list import PlanSummary, id_of
from kodaira_desk.domain.values import Absent, Measured, Value

# A 決算額 that differs from the planned 費用 by this share or more asks for a reason (2割).
NOTE_SHARE = Decimal("0.2")

Listed = TypeVar("Listed", PlanTree, PlanSummary)  # a whole plan, or the window's list of plans


def active_years(tree: PlanTree | PlanSummary) -> tuple[FiscalYear, FiscalYear]:
    """The years the plan runs: its period as adopted, stretched to the last year it has any figure
    or progress for (the strategy was adopted for 平成27年度～平成31年度, 001, and ran to 令和2年度,
    003's 令和2年度末 目標). The one source of a plan's period: the forms, the round's messages,
    the locks, the board and the department files all read it here."""
    first = tree.plan.period_from if isinstance(tree, PlanTree) else tree.period_from
    return first, tree.last_active_year


def in_force(tree: PlanTree | PlanSummary, year: FiscalYear) -> bool:
    """The plan runs in `year` (active_years)."""
    first, last = active_years(tree)
    return first <= year <= last


def shown_year(tree: PlanTree, year: FiscalYear) -> FiscalYear:
    """The year a plan's forms show while the window works in `year`: that year while the plan runs;
    else the plan's nearest year (the last for a plan that ended, the first for one to come), so a
    finished plan offers no entry for a year beyond its period. The window itself opens on
    opening_year, as the round picks its year."""
    first, last = active_years(tree)
    return min(max(year, first), last)


def plans_in_force(trees: Iterable[Listed], year: FiscalYear) -> list[Listed]:
    return [t for t in trees if in_force(t, year)]


def in_force_first(plans: Iterable[Listed], year: FiscalYear) -> list[Listed]:
    """The plans as a person picks one: those running in `year` first (a new period copied last
    was listed after the plans that ended), then the others, each group in the database's order."""
    return sorted(plans, key=lambda t: not in_force(t, year))


def opening_year(trees: Iterable[PlanTree | PlanSummary], current: FiscalYear) -> FiscalYear:
    """The year the window opens on: the year the city is in when a plan runs then; else the last
    year of the plans that ended before it; else the first year of the plan to come."""
    trees = list(trees)
    if not trees or any(in_force(t, current) for t in trees):
        return current
    ended = [t.last_active_year for t in trees if t.last_active_year < current]
    return max(ended) if ended else min(active_years(t)[0] for t in trees)


def opened_first(plans: Iterable[PlanTree | PlanSummary], current: FiscalYear) -> str | None:
    """The plan a list of plans opens on (計画の編集): the first one running in the year the window
    opens on (opening_year: the plan in force today, else the one that ended last)."""
    plans = list(plans)
    year = opening_year(plans, current)
    running = [p for p in plans if in_force(p, year)]
    return id_of((running or plans)[0]) if plans else None


def entry_year(saved: int | None, kept_in: int | None, trees: Iterable[PlanTree | PlanSummary],
               current: FiscalYear) -> FiscalYear:
    """The 入力年度 the window opens on: the year the person left, when it was kept in the fiscal
    year the city is still in; once the city has moved into a later one (or where no such stamp was
    kept), the year the city is in (opening_year): a next program copied meanwhile is not hidden
    behind the year of the one before (docs/round-year.md)."""
    if saved is not None and kept_in is not None and kept_in >= current.year:
        return FiscalYear(saved)
    return opening_year(trees, current)


def handout_year(trees: Iterable[PlanTree | PlanSummary], shown: FiscalYear, current: FiscalYear,
                 chosen: bool = False) -> FiscalYear:
    """The year the hand-out proposes: the year the window shows when the person chose it in the
    fiscal year the city is in (`chosen`: entry_year's rule, e.g. a 決算額 round for the year just
    ended); else the year the city is in when a plan runs then, else the year the window shows."""
    if chosen:
        return shown
    return current if any(in_force(t, current) for t in trees) else shown


def periods_text(trees: Iterable[PlanTree]) -> str:
    """「中期的な施策の取組方針・実行プログラム（令和3年度～令和6年度）、…」 for a refusal."""
    return "、".join(_titled_period(t) for t in trees)


def _titled_period(tree: PlanTree) -> str:
    """The title with its period, once: a next plan's title (plan copy, 次期計画) ends with it already."""
    period = f"（{period_label(tree)}）"
    return tree.plan.title if tree.plan.title.endswith(period) else tree.plan.title + period


def period_label(tree: PlanTree) -> str:
    """「平成27年度～令和2年度」: the years the plan runs (active_years)."""
    first, last = active_years(tree)
    return f"{first.era_label()}～{last.era_label()}"


def _latest_edition(tree: PlanTree) -> str:
    return tree.documents[-1].edition_id if tree.documents else ""


def reports_items(tree: PlanTree, node: Node) -> bool:
    """The item is of the level that reports each year, in the plan's current edition (an item the
    revised progress list dropped reports no more): whether or not it has a 課 yet."""
    setting = tree.plan.round
    if not setting.asks_items or node.depth != setting.level:
        return False
    return not tree.documents or node.appearance_in(_latest_edition(tree)) is not None


def asks_item(tree: PlanTree, node: Node) -> bool:
    """The item reports each year and has a 課 to report it."""
    return reports_items(tree, node) and bool(node.departments)


def asks_indicator(tree: PlanTree, ind: Indicator, year: FiscalYear) -> bool:
    """The indicator's 実績 is asked in `year`: the plan asks for indicators, the year is in the
    plan's period or one the indicator has values for, and a 課 leads the indicator. A 基準値 alone
    asks for nothing in its year (004's 令和2年度, before the program's period: the board listed the
    program there with every 実績 未入力)."""
    if not tree.plan.round.indicators or not any(d.role is Role.LEAD for d in ind.departments):
        return False
    return tree.plan.period_from <= year <= tree.plan.period_to or any(
        v.year == year and v.kind is not ValueKind.BASELINE for v in ind.values)


def unassigned(tree: PlanTree) -> tuple[list[Indicator], list[Node]]:
    """成果指標 without a 所管課 and reporting items without a 担当課: the division decides those before
    a hand-out (the hand-out names them and asks). A 数値目標 or KPI without a 所管課 is the
    division's own to fill, as 003 prints its composite indicators: not asked about."""
    indicators = [i for i in tree.indicators if tree.plan.round.indicators and i.kind is IndicatorKind.OUTCOME
                  and not any(d.role is Role.LEAD for d in i.departments)]
    nodes = [n for n in tree.nodes if reports_items(tree, n) and not n.lead_departments()]
    return indicators, nodes


def proposed_department(tree: PlanTree, ind: Indicator) -> str | None:
    """The 所管課 proposed for an indicator without one: the 課 of the first item under the
    indicator's node that reports each year (the 施策's first 主要事業), else of the node itself."""
    if not tree.has_node(ind.node_key):
        return None
    pending = list(tree.children(ind.node_key))
    while pending:
        node = pending.pop(0)
        leads = node.lead_departments()
        if leads and (reports_items(tree, node) or not tree.plan.round.asks_items):
            return leads[0]
        pending[0:0] = tree.children(node.key)
    leads = tree.node(ind.node_key).lead_departments()
    return leads[0] if leads else None


def program_year(tree: PlanTree, as_of: FiscalYear | None = None) -> FiscalYear:
    """The program year a report of the plan's round shows: `as_of`, else the latest year in force
    with an entry (a report, an 実績), else the plan's first year."""

    if as_of is not None:
        return as_of
    entered = [p.year for p in tree.progress if in_force(tree, p.year)]
    entered += [v.year for i in tree.indicators for v in i.values
                if v.kind in (ValueKind.ACTUAL, ValueKind.FORECAST) and in_force(tree, v.year)]
    return max(entered, default=tree.plan.period_from)


def year_result(ind: Indicator, year: FiscalYear) -> IndicatorValue | None:
    """What a program year's table shows as the indicator's 実績: the 実績, else the 実績（見込）."""
    return ind.value(ValueKind.ACTUAL, year) or ind.value(ValueKind.FORECAST, year)


# --------------------------------------------------------------------------- 決算額
def differs_much(planned: Value | None, settled: Value | None) -> bool:
    """Whether the 決算額 differs from the planned 費用 enough to ask why: by NOTE_SHARE of the plan
    or more, or spent where nothing was planned (「—」, 0), or nothing spent where something was.
    Where the plan has no 費用 for the year at all (a next program copied before its 費用 are typed)
    there is nothing to differ from: no reason is asked."""
    if settled is None or planned is None:
        return False
    spent = settled.number if isinstance(settled, Measured) else Decimal(0)
    plan = planned.number if isinstance(planned, Measured) else Decimal(0)
    if isinstance(settled, Absent) and isinstance(planned, Absent | None):
        return False
    if plan == 0:
        return spent != 0
    return abs(spent - plan) >= abs(plan) * NOTE_SHARE


def reason_printed(planned: Value | None, settled: Value | None) -> bool:
    """Whether a typed 差の理由 prints beside its 決算額 (the program year's handout and sheet): where
    the 決算額 differs much from the planned 費用 (`differs_much`), and where the plan has no 費用 for
    the year at all. No reason is asked there (a next program copied before its 費用 are typed), but
    one a clerk typed is theirs and prints."""
    if settled is None:
        return False
    return planned is None or differs_much(planned, settled)


def settled_value_problem(value: Value) -> str | None:
    """Why a typed 決算額 is not one (a negative amount, a qualifier, an unknown unit), or None."""
    error = settled_value_error(value)
    return None if error is None else error.message


def settled_value_error(value: Value) -> ValueParseError | None:
    """settled_value_problem's error, with its template for the UI's translation."""
    if isinstance(value, Absent):
        return None
    if value.number < 0:
        return ValueParseError.of("決算額は 0 以上の金額で入力してください。")
    if value.prefix or value.suffix:
        return ValueParseError.of("決算額には「約」「以上」などを付けずに入力してください。")
    if value.unit not in ("", "千円"):
        return ValueParseError.of("決算額は千円単位の数値で入力してください（単位「{unit}」は使えません）。", unit=value.unit)
    return None
    if value.number < 0:
        return "決算額は 0 以上の金額で入力してください。"
    if value.prefix or value.suffix:
        return "決算額には「約」「以上」などを付けずに入力してください。"
    if value.unit not in ("", "千円"):
        return f"決算額は千円単位の数値で入力してください（単位「{value.unit}」は使えません）。"
    return None
