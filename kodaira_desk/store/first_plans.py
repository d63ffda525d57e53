"""Which plans the first screen reads whole (issue 27): so many plans, those running in the window's
year first (the plan every clerk and the division work in: the next plan, made in its first year, is
stored after the others), then the others by position. One subquery, sent in every table's query of
the first screen's read (one round trip on a server)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FirstPlans:
    """`count` plans; `year` (a fiscal year's Gregorian start: today's, or a department file's), the
    plans whose period as adopted holds it first (a period stretched by its figures is not known
    without reading them: such a plan is read by position, or when opened)."""

    count: int
    year: int | None = None

    def ids_sql(self) -> str:
        """The ids' SELECT (integers only, written in: no parameters to number in the many queries)."""
        year = None if self.year is None else int(self.year)
        order = "position" if year is None else f"(period_from <= {year} AND period_to >= {year}) DESC, position"
        return f"SELECT id FROM plans ORDER BY {order} LIMIT {int(self.count)}"


def first_plans(asked: int | FirstPlans) -> FirstPlans:
    """An int: the first so many plans by position."""
    return asked if isinstance(asked, FirstPlans) else FirstPlans(asked)
