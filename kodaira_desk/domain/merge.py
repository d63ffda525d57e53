"""Three-way merge of a department's returned file, field by field (see shared MERGE.md).

Fields are named by stable string keys and hold plain values (a printed value, a text, or None
for "nothing there"). The base is the snapshot the department file was cut from, kept in the
master. Nothing is decided silently: a field both sides changed to different values is a
conflict, and the master keeps its value until a person decides.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum

FieldValue = str | None


class ConflictKind(Enum):
    BOTH_CHANGED = "both_changed"  # changed on both sides to different values
    OUT_OF_SCOPE = "out_of_scope"  # the department changed a field it does not own
    OTHER_YEAR = "other_year"  # the department changed a year other than the handed-out one
    LOCKED = "locked"  # the policy division fixed the year (確定) after the file was handed out
    REMOVED = "removed"  # the division removed the item from the plan after the file was handed out

    @property
    def held(self) -> bool:
        """A change held for a person (要確認) rather than a disagreement between two sides."""
        return self is not ConflictKind.BOTH_CHANGED


@dataclass(frozen=True)
class Conflict:
    """A field changed on both sides to different values: the three values, for a person."""

    key: str
    kind: ConflictKind
    base: FieldValue
    master: FieldValue
    department: FieldValue


@dataclass(frozen=True)
class MergePlan:
    """What a three-way merge will do: apply, leave alone, or hold as a conflict."""

    apply: dict[str, FieldValue] = field(default_factory=dict)  # key → department's value
    same: tuple[str, ...] = ()  # changed on both sides to the same value: nothing to do
    conflicts: tuple[Conflict, ...] = ()

    @property
    def out_of_scope(self) -> tuple[Conflict, ...]:
        return tuple(c for c in self.conflicts if c.kind is ConflictKind.OUT_OF_SCOPE)

    @property
    def held(self) -> tuple[Conflict, ...]:
        """Changes not applied because the department may not make them here (要確認)."""
        return tuple(c for c in self.conflicts if c.kind.held)

    @property
    def needs_a_person(self) -> bool:
        return bool(self.conflicts)


def three_way(
    base: Mapping[str, FieldValue],
    master: Mapping[str, FieldValue],
    department: Mapping[str, FieldValue],
    owns: Callable[[str], bool],
    in_year: Callable[[str], bool] | None = None,
    locked: Callable[[str], bool] | None = None,
) -> MergePlan:
    """Compare every field the department's file differs from its base in.

    - changed only in the department file → applied (if the department owns the field)
    - changed only in the master → kept (the field does not appear here at all)
    - changed on both sides to the same value → nothing to do, no conflict
    - changed on both sides to different values → conflict; the master keeps its value
    - a change to a field the department does not own → conflict of its own kind, not applied
    - a change to a field of another year than the hand-out's (`in_year` false) → held likewise
    - a change to a field of a year the division fixed (`locked` true), to a value the master does
      not hold → held likewise: the master keeps its value (確定)
    """
    apply: dict[str, FieldValue] = {}
    same: list[str] = []
    conflicts: list[Conflict] = []
    for key in sorted(set(base) | set(department)):
        b, d = base.get(key), department.get(key)
        if d == b:
            continue
        m = master.get(key)
        if not owns(key):
            conflicts.append(Conflict(key, ConflictKind.OUT_OF_SCOPE, b, m, d))
        elif in_year is not None and not in_year(key):
            conflicts.append(Conflict(key, ConflictKind.OTHER_YEAR, b, m, d))
        elif m == d:
            same.append(key)
        elif locked is not None and locked(key):
            conflicts.append(Conflict(key, ConflictKind.LOCKED, b, m, d))
        elif m == b:
            apply[key] = d
        else:
            conflicts.append(Conflict(key, ConflictKind.BOTH_CHANGED, b, m, d))
    return MergePlan(apply, tuple(same), tuple(conflicts))
