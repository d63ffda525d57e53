"""A program's yearly reports as open data (`export csv`): one row per 主要事業 and fiscal year it
reported, beside the 費用 the program planned — the table the 決算額 of the yearly round adds to
the indicators' (docs/open-data-csv.md)."""

from __future__ import annotations

from kodaira_desk.domain.entry import expects_progress, planned_cost
from kodaira_desk.domain.model import PlanTree
from kodaira_desk.domain.scope import lead_departments
from kodaira_desk.domain.values import Measured, Value, format_value

PROJECT_COLUMNS = ("plan_id", "node_key", "number", "title", "lead_departments", "fiscal_year",
                   "fiscal_year_label", "unit", "planned_cost", "settled", "settled_number", "status",
                   "narrative", "settled_note")


def project_rows(tree: PlanTree) -> list[tuple[object, ...]]:
    """One row per reporting item (a program's 主要事業) and year it has a report for, in the plan's
    order; empty for a plan whose round asks for no 決算額."""
    if not tree.plan.round.settlement:
        return []
    rows: list[tuple[object, ...]] = []
    for node in tree.nodes:
        if not expects_progress(tree, node):
            continue
        unit = node.budget.unit if node.budget else "千円"
        for entry in tree.progress_of(node.key):
            settled = entry.settled
            rows.append((tree.plan.id, node.key, node.number, node.title, "・".join(lead_departments(node.departments)),
                         entry.year.year, entry.year.era_label(), unit, _text(planned_cost(node, entry.year)),
                         _text(settled), str(settled.number) if isinstance(settled, Measured) else "",
                         entry.status or "", str(entry.narrative), entry.settled_note))
    return rows


def _text(value: Value | None) -> str:
    return "" if value is None else format_value(value)
