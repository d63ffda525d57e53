"""Plans with written fields applied in memory: what the database holds after a save, a collection
or a resolution, without reading it again.

An operation knows what it wrote (the unit of work records every field, services.editing the
typed edits); the loaded plans are brought up to date from that. Each part is rebuilt as
store.reader reads it back (the same order of values, entries and cells, the same parse of a
printed value; a typed value has no 時点, note or source document), so a tree made here equals
the tree read from the database (tests/test_tree_edits.py holds them to it).
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from kodaira_desk.domain.entry import TypedValue
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import (
    Budget,
    Indicator,
    IndicatorValue,
    Node,
    PlanTree,
    ProgressEntry,
    Schedule,
    ScheduleRow,
    value_order,
)
from kodaira_desk.domain.text import RichText
from kodaira_desk.domain.values import Measured, Value, parse_value
from kodaira_desk.services.editing import (
    AnnotationField,
    BudgetCell,
    Content,
    ProgressField,
    ScheduleCell,
    Target,
    ValueCell,
    content_of,
    target_of,
)

if TYPE_CHECKING:  # the merge's module is not for the first screen
    from kodaira_desk.domain.merge import FieldValue

ValueEdits = Iterable[tuple[ValueCell, Content]]


def fields_as_edits(changed: Mapping[str, FieldValue]) -> dict[Target, Content]:
    """Written field values (domain.fields keys → printed values) as the edits they amount to."""
    out: dict[Target, Content] = {}
    for key, value in changed.items():
        target = target_of(key)
        out[target] = content_of(target, value)
    return out


def with_edits(trees: Mapping[str, PlanTree], edits: Mapping[Target, Content]) -> dict[str, PlanTree]:
    """The plans the edits touch, each with its edits applied (the others are not in the result)."""
    by_plan: dict[str, dict[Target, Content]] = {}
    for target, content in edits.items():
        by_plan.setdefault(target.plan_id, {})[target] = content
    return {pid: tree_with_edits(trees[pid], plan_edits) for pid, plan_edits in by_plan.items() if pid in trees}


def saved_trees(trees: Mapping[str, PlanTree], edits: Mapping[Target, Content],
                removed: Iterable[tuple[Target, Content]],
                read: Callable[[Iterable[str]], list[PlanTree]]) -> dict[str, PlanTree]:
    """The plans a save wrote, brought up to date; a plan in which it found a field removed
    elsewhere (SaveResult.removed) is `read` again as it now is (a plan removed: left out)."""
    again = {t.plan_id for t, _c in removed}
    if not again:
        return with_edits(trees, edits)
    fresh = {t.plan.id: t for t in read(again)}
    return {**with_edits(trees, {t: c for t, c in edits.items() if t.plan_id not in again}), **fresh}


def tree_with_edits(tree: PlanTree, edits: Mapping[Target, Content]) -> PlanTree:
    values: dict[str, list[tuple[ValueCell, Content]]] = {}
    progress: dict[tuple[str, int], dict[str, Content]] = {}
    nodes: dict[str, list[tuple[BudgetCell | ScheduleCell, Content]]] = {}
    for target, content in edits.items():
        if isinstance(target, AnnotationField):
            continue  # notes, questions, attachments: their who and when are read again (services.notes)
        if isinstance(target, ValueCell):
            values.setdefault(target.indicator_key, []).append((target, content))
        elif isinstance(target, ProgressField):
            progress.setdefault((target.node_key, target.year), {})[target.field] = content
        else:
            nodes.setdefault(target.node_key, []).append((target, content))
    changes: dict[str, object] = {}
    if values:
        changes["indicators"] = tuple(indicator_with_edits(i, values[i.key]) if i.key in values else i
                                      for i in tree.indicators)
    if progress:
        changes["progress"] = _progress_with(tree, progress)
    if nodes:
        changes["nodes"] = tuple(_node_with(n, nodes[n.key]) if n.key in nodes else n for n in tree.nodes)
    return dataclasses.replace(tree, **changes)  # type: ignore[arg-type]


def read_back(value: Value, *, surely: bool = True) -> Value:
    """`value` as the store gives it back once written: printed and parsed again. Unless `surely`,
    a value read from a clerk's text (parse_value, read_entry) is taken as it is where that gives
    the same value (tests/domain/test_values.py): all but a unit that NFKC changes (％ → %)."""
    if surely or (isinstance(value, Measured) and not unicodedata.is_normalized("NFKC", value.unit)):
        return parse_value(str(value))
    return value


def indicator_with_edits(indicator: Indicator, edits: ValueEdits, *, surely: bool = True) -> Indicator:
    """The indicator with these values set (a TypedValue) or removed (anything else), its values in
    the order the store reads them: by kind, year, revision. Without `surely`, a typed value is not
    printed and parsed again where that is known to give it back (read_back): the chart pane grades
    a pasted block's indicators so (a 1,000-cell paste parsed each value twice, issue 27)."""
    # keyed by the year's number (a FiscalYear hashes in Python); the values are kept in the store's
    # order by every reader (domain.model.value_order): a value replaced or removed keeps it, and
    # they are sorted again only when an edit adds one (a paste's 125 indicators, issue 27)
    values = {(v.kind, v.year.year, v.revision): v for v in indicator.values}
    added = False
    for target, content in edits:
        slot = (target.kind, target.year, target.revision)
        old = values.get(slot)
        if isinstance(content, TypedValue):
            # as stored and read back: the printed value parsed again, the marks split on spaces
            values[slot] = IndicatorValue(target.kind, old.year if old is not None else FiscalYear(target.year),
                                          read_back(content.value, surely=surely), target.revision,
                                          tuple(" ".join(content.marks).split()) if content.marks else ())
            added = added or old is None
        elif old is not None:
            del values[slot]
    ordered = sorted(values.values(), key=value_order) if added else values.values()
    return dataclasses.replace(indicator, values=tuple(ordered))


def _progress_with(tree: PlanTree, edits: Mapping[tuple[str, int], Mapping[str, Content]]) -> tuple[ProgressEntry, ...]:
    """Every progress entry with the edited ones written as services.editing writes them (an entry
    is made even when both its parts are empty, and a typed one has no source document)."""
    entries = {(p.node_key, p.year.year): p for p in tree.progress}
    for (node_key, year), parts in edits.items():
        old = entries.get((node_key, year))
        status = parts.get("status", old.status if old else None)
        narrative = parts["narrative"] if "narrative" in parts else (str(old.narrative) if old else "")
        status_text = status if isinstance(status, str) else ""
        narrative_text = narrative if isinstance(narrative, str) else ""
        settled = old.settled if old else None
        if "settled" in parts:  # a 決算額: as stored and read back, the printed value parsed again
            given = parts["settled"]
            settled = None if given is None or isinstance(given, (str, TypedValue)) else parse_value(str(given))
        note = parts.get("settled_note", old.settled_note if old else "")
        entries[(node_key, year)] = ProgressEntry(node_key, FiscalYear(year), status_text.strip() or None,
                                                  RichText.parse(str(RichText.parse(narrative_text))), None,
                                                  settled, note if isinstance(note, str) else "")
    order = {n.key: n.order for n in tree.nodes}
    return tuple(sorted(entries.values(), key=lambda p: (order[p.node_key], p.year)))


def _node_with(node: Node, edits: Iterable[tuple[BudgetCell | ScheduleCell, Content]]) -> Node:
    budget, schedule = node.budget, node.schedule
    for target, content in edits:
        if isinstance(target, BudgetCell):
            budget = _budget_with(budget, FiscalYear(target.year), content)
        else:
            schedule = _schedule_with(schedule, target, content)
    return dataclasses.replace(node, budget=budget, schedule=schedule)


def _budget_with(budget: Budget | None, year: FiscalYear, content: Content) -> Budget | None:
    value = content if content is not None and not isinstance(content, (str, TypedValue)) else None
    if value is None:
        if budget is None or year not in budget.costs:
            return budget
        costs = {y: v for y, v in budget.costs.items() if y != year}
    else:
        budget = budget or Budget("千円", {}, ())  # the store adds the budget row a first cost needs
        costs = {**budget.costs, year: parse_value(str(value))}
    return dataclasses.replace(budget, costs=dict(sorted(costs.items())))


def _schedule_with(schedule: Schedule | None, target: ScheduleCell, content: Content) -> Schedule | None:
    if schedule is None or target.row >= len(schedule.rows):
        raise KeyError((target.node_key, target.row))  # the store refuses it the same way
    year, text = FiscalYear(target.year), content if isinstance(content, str) else ""
    rows = list(schedule.rows)
    cells = {y: t for y, t in rows[target.row].cells.items() if y != year}
    if text:
        cells[year] = text
    rows[target.row] = ScheduleRow(rows[target.row].label, dict(sorted(cells.items())))
    return dataclasses.replace(schedule, rows=tuple(rows))
