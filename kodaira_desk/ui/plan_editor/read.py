"""What the plan editor shows, read in one go: the plans, the plan chosen, the 課 and their history.

A slow edit (a workbook import, its undo and redo) runs on the window's worker and reads this there
too, right after writing: the GUI thread then only fills the widgets, it reads nothing (issue 27: no
stall a person can feel). The editor's quick edits read the same things on the GUI thread through
`read_view` as before.
"""

from __future__ import annotations

from dataclasses import dataclass

from kodaira_desk.domain.departments import Department, DepartmentHistory
from kodaira_desk.domain.model import PlanTree
from kodaira_desk.services import plan_editing as pe
from kodaira_desk.services import plans as plan_service
from kodaira_desk.services.workspace import Workspace


@dataclass(frozen=True)
class EditorView:
    plans: tuple[tuple[str, str], ...]  # (id, title) of every plan, in the combo's order
    plan_id: str | None  # the plan shown: the one asked for when it exists, else the first
    tree: PlanTree | None
    departments: tuple[Department, ...]
    history: DepartmentHistory

    @property
    def department_names(self) -> list[str]:
        return [d.name for d in self.departments]


def read_view(workspace: Workspace, wanted: str | None) -> EditorView:
    """The editor's data with `wanted` shown (the first plan when it is gone: an undone new plan)."""
    plans = tuple(workspace.run(plan_service.list_plans))
    ids = [pid for pid, _title in plans]
    pid = wanted if wanted in ids else (ids[0] if ids else None)
    tree = workspace.run(plan_service.load_plan, pid) if pid is not None else None
    return EditorView(plans, pid, tree, tuple(workspace.run(pe.list_departments)),
                      workspace.run(pe.department_history))
