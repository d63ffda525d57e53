"""A plan as the window's list shows it before the plan itself is read (issue 27: start-up reads
what the first screen shows, and a plan when it is opened)."""

from __future__ import annotations

from dataclasses import dataclass

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import PlanTree


@dataclass(frozen=True)
class PlanSummary:
    """A plan's id, title and period, the years it has any figure or progress for, and how many
    items its tree has: enough for the tree's top row, the year list and the plans in force."""

    id: str
    title: str
    period_from: FiscalYear
    period_to: FiscalYear
    years: frozenset[FiscalYear]  # the years of its indicator values and progress entries
    nodes: int

    @property
    def last_active_year(self) -> FiscalYear:
        """As PlanTree.last_active_year: its period's end, stretched to its last figure."""
        return max((self.period_to, *self.years))


Listing = list[tuple[str, "PlanSummary | None", bool]]  # (id, its summary as listed, read whole)


def list_changed(listed: Listing, now: list[PlanSummary]) -> bool:
    """Whether the database's list of plans `now` differs from the window's `listed`: a plan added,
    removed, moved, renamed or its period changed; or a plan not read whole has figures in
    another year (a plan read whole brings its own years when read again)."""
    if [pid for pid, _s, _l in listed] != [p.id for p in now]:
        return True
    for (_pid, was, whole), plan in zip(listed, now, strict=True):
        if was is None:
            continue
        if (was.title, was.period_from, was.period_to) != (plan.title, plan.period_from, plan.period_to):
            return True
        if not whole and was.years != plan.years:
            return True
    return False


def id_of(plan: PlanTree | PlanSummary) -> str:
    return plan.plan.id if isinstance(plan, PlanTree) else plan.id
