"""The policy division's edits of plans: structure, indicators, departments, the next period.

Every service is one transaction, refused in a department file, audited (who, when, old → new),
and returns a `PlanChange` saying what changed and, where an edit can be undone, the data to undo
it with (the window's undo commands keep it).
"""

from kodaira_desk.services.plan_editing.common import PlanChange, PlanEditError
from kodaira_desk.services.plan_editing.departments import (
    department_history,
    items_of_department,
    list_departments,
    plan_in_year,
    reorganise,
    save_department,
    undo_reorganisation,
)
from kodaira_desk.services.plan_editing.indicator_delta import (
    FieldConflict,
    IndicatorChangedElsewhere,
    Keep,
    draft_of,
)
from kodaira_desk.services.plan_editing.indicators import (
    IndicatorDraft,
    IndicatorState,
    Notes,
    indicator_notes,
    parse_notes,
    put_back_indicator,
    remove_indicator,
    restore_indicator,
    revise_target,
    save_indicator,
    set_indicator_notes,
)
from kodaira_desk.services.plan_editing.next_period import copy_plan, next_title
from kodaira_desk.services.plan_editing.numbering import new_indicator_defaults
from kodaira_desk.services.plan_editing.round_setting import load_round, proposal_for, set_round_setting
from kodaira_desk.services.plan_editing.structure import (
    NewPlan,
    RemovedNodes,
    add_node,
    create_plan,
    files_out_for,
    move_node,
    place_node,
    removal_of,
    remove_node,
    remove_plan,
    rename_node,
    renumber_children,
    restore_nodes,
    restore_structure,
    set_node_departments,
    set_numbers,
)

__all__ = [
    "FieldConflict",
    "IndicatorChangedElsewhere",
    "IndicatorDraft",
    "IndicatorState",
    "Keep",
    "NewPlan",
    "Notes",
    "PlanChange",
    "PlanEditError",
    "RemovedNodes",
    "add_node",
    "copy_plan",
    "create_plan",
    "department_history",
    "draft_of",
    "files_out_for",
    "indicator_notes",
    "items_of_department",
    "list_departments",
    "load_round",
    "move_node",
    "new_indicator_defaults",
    "next_title",
    "parse_notes",
    "place_node",
    "plan_in_year",
    "proposal_for",
    "put_back_indicator",
    "removal_of",
    "remove_indicator",
    "remove_node",
    "remove_plan",
    "rename_node",
    "renumber_children",
    "reorganise",
    "restore_indicator",
    "restore_nodes",
    "restore_structure",
    "revise_target",
    "save_department",
    "save_indicator",
    "set_indicator_notes",
    "set_node_departments",
    "set_numbers",
    "set_round_setting",
    "undo_reorganisation",
]
