"""Rules for what a clerk types: reading a cell against its indicator, warnings, completeness."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from kodaira_desk.domain.errors import ValueParseError
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import (
    DocumentKind,
    Indicator,
    IndicatorValue,
    Node,
    PlanTree,
    Revision,
    ValueKind,
)
from kodaira_desk.domain.plausibility import out_of_scale
from kodaira_desk.domain.values import Measured, Value, parse_value, split_marks

if TYPE_CHECKING:
    from kodaira_desk.domain.scope import DepartmentScope

STATUS_CHOICES = ("実施中", "実施済", "一部実施", "未着手", "検討中", "休止", "廃止")


@dataclass(frozen=True)
class TypedValue:
    """What a clerk typed for an indicator: the value and its marks."""

    value: Value
    marks: tuple[str, ...]


def _unit_style(indicator: Indicator) -> bool:
    """Whether this indicator's values carry the unit (003 prints 270区画; 004 prints 15 under 件)."""
    measured = [v.value for v in indicator.values if isinstance(v.value, Measured)]
    if not measured:
        return True
    return sum(1 for m in measured if m.unit) * 2 >= len(measured)


def read_entry(indicator: Indicator, text: str) -> TypedValue:
    """Read what a clerk typed into a cell of this indicator. Raises ValueParseError."""
    body, marks = split_marks(text)
    value = parse_value(body)
    if isinstance(value, Measured):
        unit = indicator.unit
        if value.unit and unit and value.unit != unit:
            raise ValueParseError(
                f"単位が違います。「{indicator.name}」の単位は「{unit}」です（入力: 「{value.unit}」）。"
            )
        if value.unit and not unit:
            raise ValueParseError(f"「{indicator.name}」には単位を付けずに入力してください。")
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


def active_years(tree: PlanTree) -> tuple[FiscalYear, FiscalYear]:
    """The plan's period, stretched to the last year it has any figure or progress for
    (the strategy ran to 平成31年度 and was extended to 令和2年度)."""
    return tree.plan.period_from, tree.last_active_year


def expects_progress(tree: PlanTree, node: Node) -> bool:
    """Measures whose yearly status and narrative are entered: the leaves of a plan that keeps
    a progress list, in the plan's current edition."""
    if not tree.progress and tree.document(DocumentKind.PROGRESS_LIST) is None:
        return False  # (a plan made in the app has its progress list before its first entry)
    latest_edition = tree.documents[-1].edition_id if tree.documents else None
    in_edition = node.appearance_in(latest_edition or "") is not None
    return tree.is_leaf(node.key) and in_edition and bool(node.departments)


def is_complete(tree: PlanTree, node: Node, year: FiscalYear,
                progress_of: dict[str, tuple[str | None, str]] | None = None,
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
        status, narrative = (None, "")
        if progress_of is not None and node.key in progress_of:
            status, narrative = progress_of[node.key]
        else:
            entry = tree.progress_in(node.key, year)
            if entry is not None:
                status, narrative = entry.status, str(entry.narrative)
        needs.append(bool(status) and bool(narrative.strip()))
    indicators = [i for i in tree.indicators_of(node.key) if scope is None or scope.owns_indicator(i.key)]
    period_years = {v.year for i in indicators for v in i.values}
    if indicators and year in period_years:
        for ind in indicators:
            def get(kind: ValueKind, ind: Indicator = ind) -> IndicatorValue | None:
                if values is not None and (ind.key, kind, year.year) in values:
                    return values[(ind.key, kind, year.year)]
                return ind.value(kind, year, Revision.CURRENT)
            needs.append(get(ValueKind.ACTUAL) is not None or get(ValueKind.FORECAST) is not None)
    if not needs:
        return None
    return all(needs)
