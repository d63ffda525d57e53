"""Rules for what a clerk types: reading a cell against its indicator, warnings, completeness."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from kodaira_desk.domain.errors import ValueParseError
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import (
    Indicator,
    IndicatorKind,
    IndicatorValue,
    Node,
    PlanTree,
    Revision,
    ValueKind,
)
from kodaira_desk.domain.plausibility import out_of_scale
from kodaira_desk.domain.round_setting import SETTLED_NOTE, SETTLEMENT, STATUS
from kodaira_desk.domain.values import Measured, Value, parse_general, plain_number, split_marks
from kodaira_desk.domain.yearly import active_years, asks_indicator, asks_item, differs_much

if TYPE_CHECKING:
    from kodaira_desk.domain.scope import DepartmentScope

STATUS_CHOICES = ("実施中", "実施済", "一部実施", "未着手", "検討中", "休止", "廃止")


@dataclass(frozen=True)
class TypedValue:
    """What a clerk typed for an indicator: the value and its marks."""

    value: Value
    marks: tuple[str, ...]


_UNIT_STYLES: dict[int, tuple[Indicator, bool]] = {}  # id → (the indicator, its style): a paste asks per cell


def _unit_style(indicator: Indicator) -> bool:
    """Whether this indicator's values carry the unit (003 prints 270区画; 004 prints 15 under 件).
    Remembered for the indicator object (frozen: a changed indicator is another object)."""
    known = _UNIT_STYLES.get(id(indicator))
    if known is not None and known[0] is indicator:
        return known[1]
    if len(_UNIT_STYLES) >= 4096:
        _UNIT_STYLES.clear()
    style = _UNIT_STYLES[id(indicator)] = (indicator, _unit_style_of(indicator))
    return style[1]


def _unit_style_of(indicator: Indicator) -> bool:
    measured = [v.value for v in indicator.values if isinstance(v.value, Measured)]
    if not measured:  # nothing to go by (a copied program's): 004 prints a 成果指標's unit in its own column
        return indicator.kind is not IndicatorKind.OUTCOME
    return sum(1 for m in measured if m.unit) * 2 >= len(measured)


def read_entry(indicator: Indicator, text: str) -> TypedValue:
    """Read what a clerk typed into a cell of this indicator. Raises ValueParseError."""
    plain = plain_number(text)  # a plain figure has no marks and no unit (most of a pasted block)
    if plain is not None:
        return TypedValue(plain.with_unit(indicator.unit) if indicator.unit and _unit_style(indicator) else plain, ())
    return read_general(indicator, text)


def read_general(indicator: Indicator, text: str) -> TypedValue:
    """`read_entry` without its road for plain figures: every form a clerk may type."""
    body, marks = split_marks(text)
    value = parse_general(body)
    if isinstance(value, Measured):
        unit = indicator.unit
        if value.unit and unit and value.unit != unit:
            raise ValueParseError.of("単位が違います。「{name}」の単位は「{unit}」です（入力: 「{typed}」）。",
                                     name=indicator.name, unit=unit, typed=value.unit)
        if value.unit and not unit:
            raise ValueParseError.of("「{name}」には単位を付けずに入力してください。", name=indicator.name)
        value = value.with_unit(unit if _unit_style(indicator) else "")
    return TypedValue(value, marks)


def _number(v: IndicatorValue | None) -> Decimal | None:
    if v is None or not isinstance(v.value, Measured):
        return None
    return v.value.number


def warnings_for(
    tree: PlanTree,
    indicator: Indicator,
    kind: ValueKind,
    year: FiscalYear,
    value: Value,
    lookup: dict[tuple[str, ValueKind, int], IndicatorValue | None] | None = None,
) -> list[str]:
    """Checks that do not stop a value from being saved but that a clerk should see."""
    if not isinstance(value, Measured):
        return []

    def get(ind: Indicator, k: ValueKind, y: FiscalYear) -> IndicatorValue | None:
        if lookup is not None and (ind.key, k, y.year) in lookup:
            return lookup[(ind.key, k, y.year)]
        return ind.value(k, y, None if k is ValueKind.TARGET else Revision.CURRENT)

    out: list[str] = []
    if indicator.cumulative and kind in (ValueKind.ACTUAL, ValueKind.FORECAST):
        previous_year = FiscalYear(year.year - 1)
        prev = _number(get(indicator, ValueKind.ACTUAL, previous_year))
        if prev is None:
            prev = _number(get(indicator, ValueKind.BASELINE, previous_year))
        if prev is not None and value.number < prev:
            out.append(f"累計の指標ですが、前年度（{previous_year}）の{prev:,}より小さくなっています。")
    if indicator.part_of:
        parent = tree.indicator(indicator.part_of)
        total = _number(get(parent, kind, year))
        if total is not None and value.number > total:
            out.append(f"内数ですが、「{parent.name}」の{total:,}を超えています。")
    scale = out_of_scale(indicator, kind, year, value)
    if scale is not None:
        out.append(scale)
    return out


def expects_progress(tree: PlanTree, node: Node) -> bool:
    """Items whose yearly report is entered: the plan's setting says which level reports, and what
    (domain.yearly.asks_item); the item is in the plan's current edition and has a 課."""

    return asks_item(tree, node)


class ItemReport(NamedTuple):
    """What an item's yearly report holds (unsaved edits over the stored entry)."""

    status: str | None
    narrative: str
    settled: Value | None = None
    settled_note: str = ""


def item_report(tree: PlanTree, node: Node, year: FiscalYear) -> ItemReport:
    entry = tree.progress_in(node.key, year)
    if entry is None:
        return ItemReport(None, "")
    return ItemReport(entry.status, str(entry.narrative), entry.settled, entry.settled_note)


def planned_cost(node: Node, year: FiscalYear) -> Value | None:
    """The 費用 the plan planned for the item in `year` (None: no budget line for it)."""
    return node.budget.costs.get(year) if node.budget else None


def report_complete(tree: PlanTree, node: Node, year: FiscalYear, report: ItemReport) -> bool:
    """Everything the plan's setting asks of the item is there: status, narrative, and the 決算額 with
    a reason where it differs much from the plan (domain.yearly.differs_much)."""
    return not missing_parts(tree, node, year, report)


def missing_parts(tree: PlanTree, node: Node, year: FiscalYear, report: ItemReport) -> list[str]:
    """What the item's yearly report still lacks, in the plan's words: 進捗状況, 実施内容, 決算額, 差の理由."""

    setting = tree.plan.round
    out: list[str] = []
    if setting.status and not report.status:
        out.append(STATUS)
    if setting.narrative is not None and not report.narrative.strip():
        out.append(setting.narrative)
    if setting.settlement:
        if report.settled is None:
            out.append(SETTLEMENT)
        elif differs_much(planned_cost(node, year), report.settled) and not report.settled_note.strip():
            out.append(SETTLED_NOTE)
    return out


def is_complete(tree: PlanTree, node: Node, year: FiscalYear,
                progress_of: dict[str, ItemReport] | None = None,
                values: dict[tuple[str, ValueKind, int], IndicatorValue | None] | None = None,
                scope: DepartmentScope | None = None) -> bool | None:
    """Whether this year's entry for the node is complete; None when there is nothing to enter.

    `progress_of` and `values` overlay unsaved edits on the tree's stored data. With `scope`, only
    what that department must fill counts (what it owns: domain.scope), so a clerk's file and the
    master filtered to the same department show the same marks.
    """

    if not active_years(tree)[0] <= year <= active_years(tree)[1]:
        return None
    needs: list[bool] = []
    if expects_progress(tree, node) and (scope is None or scope.owns_node(node.key)):
        if progress_of is not None and node.key in progress_of:
            report = progress_of[node.key]
        else:
            report = item_report(tree, node, year)
        needs.append(report_complete(tree, node, year, report))
    indicators = [i for i in tree.indicators_of(node.key) if scope is None or scope.owns_indicator(i.key)]
    period_years = {v.year for i in indicators for v in i.values}
    if indicators and (year in period_years or any(asks_indicator(tree, i, year) for i in indicators)):
        for ind in indicators:
            def get(kind: ValueKind, ind: Indicator = ind) -> IndicatorValue | None:
                if values is not None and (ind.key, kind, year.year) in values:
                    return values[(ind.key, kind, year.year)]
                return ind.value(kind, year, Revision.CURRENT)
            needs.append(get(ValueKind.ACTUAL) is not None or get(ValueKind.FORECAST) is not None)
    if not needs:
        return None
    return all(needs)
