"""Which plans the first screen reads whole (issue 27): so many plans, those running in the window's
year first (the plan every clerk and the division work in: the next plan, made in its first year, is
stored after the others), then the others by position.

A plan runs in a year as domain.yearly.in_force says: from its period's first year to its period's
last, stretched to the last year it has a figure or progress for (domain.yearly.active_years; the
strategy ran to 令和2年度 past its 平成31年度). On a SQLite file the list of plans is read first and the
plans picked from it by that rule itself (in_force_ids). A server's master is read in one round trip
(its queries go out together): there the subquery says the same in SQL, from the same years the
window's list of plans reads (FIGURE_YEARS: store/plan_list.PLAN_LIST), so the plans read first are
the plans the window lists first on both (tests/test_first_screen.py checks it on both)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.plan_list import PlanSummary
from kodaira_desk.domain.yearly import in_force_first

# (plan, year, from) of every indicator value and of every progress entry: the years a plan has figures for
FIGURE_YEARS = (("i.plan_id", "v.fiscal_year", "indicator_values v JOIN indicators i ON i.id = v.indicator_id"),
                ("n.plan_id", "p.fiscal_year", "progress_entries p JOIN nodes n ON n.id = p.node_id"))


def in_force_sql(year: int) -> str:
    """A plans row runs in `year` (domain.yearly.in_force): its period holds it, or its period began
    by then and it has a figure in that year or later (its period stretched past its end)."""
    year = int(year)  # written in: no parameters to number in the many queries
    later = " UNION ".join(f"SELECT {plan} FROM {tables} WHERE {y} >= {year}" for plan, y, tables in FIGURE_YEARS)
    return f"(period_from <= {year} AND (period_to >= {year} OR id IN ({later})))"


@dataclass(frozen=True)
class FirstPlans:
    """`count` plans; `year` (a fiscal year's Gregorian start: today's, or a department file's), the
    plans running then first (in_force_sql), then the others by position."""

    count: int
    year: int | None = None

    def ids_sql(self) -> str:
        """The ids' SELECT (integers only, written in: no parameters to number in the many queries)."""
        order = "position" if self.year is None else f"{in_force_sql(self.year)} DESC, position"
        return f"SELECT id FROM plans ORDER BY {order} LIMIT {int(self.count)}"


def in_force_ids(listed: Sequence[PlanSummary], year: int, count: int) -> list[str]:
    """The ids of `count` plans of the window's list (`listed`, the database's order), those running
    in `year` first: as the window lists them (domain.yearly.in_force_first; a SQLite file's first
    screen, which reads the list first)."""
    return [p.id for p in in_force_first(listed, FiscalYear(int(year)))[:count]]


def first_plans(asked: int | FirstPlans) -> FirstPlans:
    """An int: the first so many plans by position."""
    return asked if isinstance(asked, FirstPlans) else FirstPlans(asked)
