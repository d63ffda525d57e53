"""A plan's entry fields as a flat map of stable keys, and which department owns each.

The fields are what clerks fill in: progress status and narrative per measure and year (and, for
a project, the year's 決算額 and the reason it differs from the plan), actual and forecast values of
indicators, budget costs, and schedule cells. Targets, baselines, descriptions and definitions
belong to the policy division.

Keys:  progress:{plan}:{node}:{year}:{status|narrative|settled|settled_note}
       value:{plan}:{indicator}:{kind}:{year}:{revision}
       cost:{plan}:{node}:{year}
       schedule:{plan}:{node}:{row}:{year}
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kodaira_desk.domain.model import PlanTree, Revision, ValueKind
from kodaira_desk.domain.values import format_value

if TYPE_CHECKING:  # the merge's module is not needed to name a field (start-up time)
    from kodaira_desk.domain.merge import FieldValue

# The parts of an item's yearly report (ProgressEntry): 進捗状況, 実施等状況 / 実施内容, 決算額 and
# the reason it differs from the planned 費用.
PROGRESS_PARTS = ("status", "narrative", "settled", "settled_note")


@dataclass(frozen=True)
class FieldKey:
    """The parts of an entry field's stable key (see the module docstring)."""

    kind: str  # progress | value | cost | schedule
    plan_id: str
    item: str  # node or indicator key
    year: int
    part: str = ""  # a PROGRESS_PARTS name, a value kind, or a schedule row
    revision: str = ""

    def __str__(self) -> str:
        if self.kind == "progress":
            return f"progress:{self.plan_id}:{self.item}:{self.year}:{self.part}"
        if self.kind == "value":
            return f"value:{self.plan_id}:{self.item}:{self.part}:{self.year}:{self.revision}"
        if self.kind == "cost":
            return f"cost:{self.plan_id}:{self.item}:{self.year}"
        return f"schedule:{self.plan_id}:{self.item}:{self.part}:{self.year}"

    @classmethod
    def parse(cls, key: str) -> FieldKey:
        parts = key.split(":")
        try:
            if parts[0] == "progress" and len(parts) == 5 and parts[4] in PROGRESS_PARTS:
                return cls("progress", parts[1], parts[2], int(parts[3]), parts[4])
            if parts[0] == "value" and len(parts) == 6:
                ValueKind(parts[3])
                Revision(parts[5])
                return cls("value", parts[1], parts[2], int(parts[4]), parts[3], parts[5])
            if parts[0] == "cost" and len(parts) == 4:
                return cls("cost", parts[1], parts[2], int(parts[3]))
            if parts[0] == "schedule" and len(parts) == 5:
                return cls("schedule", parts[1], parts[2], int(parts[4]), str(int(parts[3])))
        except ValueError:
            pass
        raise ValueError(f"not a field key: {key!r}")


def field_map(tree: PlanTree) -> dict[str, FieldValue]:
    """Every field of the plan that holds something: its entry fields and, beside them, the notes,
    questions and attachments (domain.annotations), whose keys FieldKey.parse does not read."""
    out = entry_fields(tree)
    out.update(tree.annotations.fields())
    return out


def entry_fields(tree: PlanTree) -> dict[str, FieldValue]:
    """The plan's entry fields that hold something (field_map without the annotations): every key
    is one FieldKey.parse reads."""
    pid = tree.plan.id
    out: dict[str, FieldValue] = {}
    for p in tree.progress:
        if p.status:
            out[str(FieldKey("progress", pid, p.node_key, p.year.year, "status"))] = p.status
        text = str(p.narrative)
        if text:
            out[str(FieldKey("progress", pid, p.node_key, p.year.year, "narrative"))] = text
        if p.settled is not None:
            out[str(FieldKey("progress", pid, p.node_key, p.year.year, "settled"))] = format_value(p.settled)
        if p.settled_note:
            out[str(FieldKey("progress", pid, p.node_key, p.year.year, "settled_note"))] = p.settled_note
    for ind in tree.indicators:
        for v in ind.values:
            key = FieldKey("value", pid, ind.key, v.year.year, v.kind.value, v.revision.value)
            out[str(key)] = format_value(v.value, v.marks)
    for node in tree.nodes:
        if node.budget:
            for year, cost in node.budget.costs.items():
                out[str(FieldKey("cost", pid, node.key, year.year))] = str(cost)
        if node.schedule:
            for i, row in enumerate(node.schedule.rows):
                for year, text in row.cells.items():
                    if text:
                        out[str(FieldKey("schedule", pid, node.key, year.year, str(i)))] = text
    return out
