"""Which items a returned file's 課 may change: those it held for the hand-out's year, even when the
city renamed, merged or split it since (`plan reorganise … --year R8` while the R8 files were out:
the links now name the new 課, and the file's own 実績 were called 担当外)."""

from __future__ import annotations

from kodaira_desk.domain.departments import DepartmentHistory
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import PlanTree


def as_handed_out(history: DepartmentHistory, tree: PlanTree, year: int, department: str) -> PlanTree:
    """The plan with its department links as `department` held them for `year`: as they were that
    year (a reorganisation from a later year undone) and, when `department` was reorganised away
    from that same year or earlier after its file went out (it holds nothing there), as they were
    just before that reorganisation."""
    fy = FiscalYear(year)
    then = history.plan_in(tree, fy)
    if _holds_any(then, department):
        return then
    for ev in reversed(history.events):
        if ev.year <= fy and department in ev.sources:
            return history.plan_in(tree, FiscalYear(ev.year.year - 1))
    return then


def _holds_any(tree: PlanTree, department: str) -> bool:
    return any(d.department == department for n in tree.nodes for d in n.departments) or any(
        d.department == department for i in tree.indicators for d in i.departments)
