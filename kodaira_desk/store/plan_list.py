"""The window's list of plans read without the plans themselves (issue 27): each plan's title,
period, the years it has figures or progress for and its number of items, in three queries sent
with the first screen's (one round trip on a server)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.plan_list import PlanSummary
from kodaira_desk.store.first_plans import FIGURE_YEARS
from kodaira_desk.store.tree_reader import Query, Rows, fetch_all

PLAN_LIST: list[Query] = [
    ("SELECT id, title, period_from, period_to FROM plans ORDER BY position", []),
    ("SELECT plan_id, COUNT(*) FROM nodes GROUP BY plan_id", []),
    (" UNION ".join(f"SELECT {plan}, {year} FROM {tables} GROUP BY {plan}, {year}" for plan, year, tables in FIGURE_YEARS),
     []),  # (the years first_plans reads too)
]


def summaries_of(plans: Rows, counts: Rows, years: Rows) -> list[PlanSummary]:
    """The rows of PLAN_LIST's queries as the plans' summaries, in the database's order."""
    count = {r[0]: int(r[1]) for r in counts}
    by_plan: dict[str, set[FiscalYear]] = defaultdict(set)
    for plan_id, year in years:
        by_plan[plan_id].add(FiscalYear(int(year)))
    return [PlanSummary(p[0], p[1], FiscalYear(int(p[2])), FiscalYear(int(p[3])), frozenset(by_plan.get(p[0], ())),
                        count.get(p[0], 0)) for p in plans]


def read_plan_list(con: Any) -> list[PlanSummary]:
    """Through a plain connection (Database.read)."""
    return summaries_of(*fetch_all(con, PLAN_LIST))
