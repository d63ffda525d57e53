"""The edit session of one open database: the loaded plans, what was typed and not yet saved, and
what each typed field held when it was loaded (Anki's Collection holds its notes the same way).

The workspace owns one; the window's editor only adds undo and Qt signals on top. Everything here
is plain data read and changed on the GUI thread: Save hands `to_save()` (copies) to the worker,
and `take_in` puts the plans read again after a save or a collection back, keeping any edit typed
meanwhile. Which fields a department file may change is answered here too (`lock_of`), so the
window, the grids and the submission check ask one place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from kodaira_desk.domain.annotation_scope import owns
from kodaira_desk.domain.annotations import QUESTION, AnnotationKey
from kodaira_desk.domain.entry import TypedValue
from kodaira_desk.domain.fields import FieldKey
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import PlanTree, ValueKind
from kodaira_desk.domain.scope import DepartmentScope, field_owners
from kodaira_desk.services.editing import (
    AnnotationField,
    BudgetCell,
    Content,
    EditSession,
    ProgressField,
    Target,
    ValueCell,
    key_of,
)
from kodaira_desk.services.grading_edits import GradingEdits
from kodaira_desk.services.plan_trees import Loader, PlanTrees

if TYPE_CHECKING:
    from kodaira_desk.domain.plan_list import PlanSummary
    from kodaira_desk.domain.round_year import CarriedText
    from kodaira_desk.services.achievement import GradingSettings
    from kodaira_desk.services.locks import Lock

_ABSENT = object()


class Session:
    """The loaded plans and the unsaved edits of one open database."""

    def __init__(self, department_only: str | None = None, year_only: int | None = None) -> None:
        self.trees = PlanTrees()
        self.department_only = department_only  # clerk mode: only this department's fields
        self.year_only = year_only  # clerk mode: only the handed-out year
        self._edits = EditSession()
        self.grading = GradingEdits()  # thresholds and directions changed, not yet saved (issue 23)
        # each plan's grading settings as stored, read once (the KPI pane asked the database on every
        # selection, issue 27); forgotten whenever the database may have changed (load, take_in)
        self.stored_grading: dict[str, GradingSettings] = {}
        self._stored: dict[Target, tuple[PlanTree, Content]] = {}
        self._owners: dict[tuple[str, str], Callable[[str], bool]] = {}
        # issue 24: (plan, year) the division fixed, and a department file's carried texts
        self.locked_years: frozenset[tuple[str, int]] = frozenset()
        self.carried: dict[str, CarriedText] = {}

    # ----------------------------------------------------------------- plans
    def load(self, trees: Iterable[PlanTree], plans: Iterable[PlanSummary] | None = None,
             loader: Loader | None = None) -> None:
        """The plans read again (open, reload after the plan editor); the edits are kept. With
        `plans` (every plan's summary) and `loader`, `trees` are the first ones and every other
        plan is read when first asked for (services/plan_trees.py, issue 27)."""
        self.trees = PlanTrees(trees, plans, loader) if loader is not None else PlanTrees(trees)
        self._stored.clear()
        self._owners.clear()
        self.stored_grading.clear()

    def tree(self, plan_id: str) -> PlanTree:
        return self.trees[plan_id]

    def stored(self, target: Target) -> Content:
        """What the loaded plans hold for a field (remembered per tree: a paste asks it of every cell
        three times, and a tree is replaced, never changed, when the plans are read again)."""
        tree = self.trees.get(target.plan_id)
        known = self._stored.get(target)
        if known is not None and known[0] is tree:
            return known[1]
        if tree is None or not holds(tree, target):  # removed elsewhere since it was typed: holds nothing
            return None
        content = stored_content(tree, target)
        self._stored[target] = (tree, content)
        return content

    def removed_in(self, trees: Mapping[str, PlanTree], also: Iterable[Target] = ()) -> set[str]:
        """The plans of `trees` (read again after others wrote) that no longer hold a field this
        session has an unsaved edit of: its indicator or item removed elsewhere. The window keeps
        such a plan as it was loaded, so that the edit stays where it was typed until the save
        tells the person (services.editing.SaveResult.removed). `also`: other fields typed into (a
        red cell's text)."""
        typed = [*self._edits.pending(), *also]
        return {t.plan_id for t in typed if t.plan_id in trees and not holds(trees[t.plan_id], t)}

    # ----------------------------------------------------------------- edits
    def content(self, target: Target) -> Content:
        """The field's value with the unsaved edit applied (what is stored is looked up only for a
        field not edited: a pasted cell is asked its content some five times, issue 27)."""
        if self._edits.has(target):
            return self._edits.get(target, None)
        return self.stored(target)

    def put(self, target: Target, content: Content) -> None:
        """Record what a field now holds (back to the stored value: no longer an edit)."""
        self._edits.set(target, content, self.stored(target))

    def has(self, target: Target) -> bool:
        return self._edits.has(target)

    def get(self, target: Target, stored: Content) -> Content:
        return self._edits.get(target, stored)

    def pending(self) -> dict[Target, Content]:
        return self._edits.pending()

    @property
    def dirty(self) -> bool:
        return self._edits.dirty or self.grading.dirty

    def clear(self) -> None:
        """Forget every unsaved edit (the grading settings' too)."""
        self._edits.clear()
        self.grading.clear()

    def drop(self, targets: Iterable[Target]) -> None:
        """Forget the edits of `targets` (the person took the value stored elsewhere)."""
        targets = list(targets)
        self._edits.drop(targets)
        for t in targets:
            self._stored.pop(t, None)

    def to_save(self) -> tuple[dict[Target, Content], dict[Target, Content]]:
        """(the edits, what each field held when loaded): copies for the save on the worker."""
        edits = self._edits.pending()
        return edits, {t: self.stored(t) for t in edits}

    def take_in(self, trees: Mapping[str, PlanTree], saved: Mapping[Target, Content] | None = None,
                grading: Mapping[str, GradingSettings] | None = None) -> None:
        """The database changed (a save, a collection, a resolution): take the plans read again.
        Edits in `saved` are now stored; any other edit (typed while the save ran, or kept over a
        collection) stays an edit against the new stored value. `grading`: the plans' grading
        settings as the operation read them after it wrote (else they are read again when asked)."""
        done = saved or {}
        leftover = {t: c for t, c in self._edits.pending().items() if done.get(t, _ABSENT) != c}
        self._edits.clear()
        self.stored_grading.clear()  # a save or a collection may have written them
        self.stored_grading.update(grading or {})
        self.trees.update(trees)
        self._owners = {k: f for k, f in self._owners.items() if k[0] not in trees}
        for target, content in leftover.items():
            self.put(target, content)

    # ----------------------------------------------------------------- scope (clerk mode)
    def lock_of(self, target: Target) -> Lock | None:
        """None when this file may change the field; else why not."""
        if isinstance(target, AnnotationField):  # a note or an answer: never fixed by 確定 (issue 25)
            return self._annotation_lock(target)
        if self.locked_years and (target.plan_id, target.year) in self.locked_years:
            from kodaira_desk.services.locks import Lock, LockKind

            return Lock(LockKind.FIXED)
        return self._scope_lock(target)

    def _scope_lock(self, target: Target) -> Lock | None:
        """Whether the department file may change the field (its 課, its year)."""
        if self.department_only is None:
            return None
        from kodaira_desk.services.locks import Lock, LockKind  # clerk mode only (start-up time)

        if self.year_only is not None and target.year != self.year_only:
            return Lock(LockKind.OTHER_YEAR)
        key = (target.plan_id, self.department_only)
        if key not in self._owners:  # built once per plan and load, not per keystroke
            self._owners[key] = DepartmentScope(self.trees[target.plan_id], self.department_only).owns_field
        if self._owners[key](key_of(target)):
            return None
        if isinstance(target, ValueCell) and target.kind not in (ValueKind.ACTUAL, ValueKind.FORECAST):
            return Lock(LockKind.POLICY_VALUE)
        if isinstance(target, BudgetCell):  # the planned 費用 (the 決算額 is the department's)
            return Lock(LockKind.POLICY_VALUE)
        owners = tuple(self.owners_of(target))
        return Lock(LockKind.OTHER_DEPARTMENT, owners) if owners else Lock(LockKind.NO_OWNER)

    def _annotation_lock(self, target: AnnotationField) -> Lock | None:
        """A note goes with its field; an answer with the question's department, whatever the year;
        a question itself is the division's (domain.annotation_scope)."""
        from kodaira_desk.services.locks import Lock, LockKind

        if self.department_only is None:
            return None
        if AnnotationKey.parse(target.key).layer != QUESTION:
            return self._scope_lock(target.field)
        if owns(DepartmentScope(self.trees[target.plan_id], self.department_only), target.key):
            return None
        owners = tuple(self.owners_of(target.field))
        return Lock(LockKind.OTHER_DEPARTMENT, owners) if owners else Lock(LockKind.POLICY_VALUE)

    # ----------------------------------------------------------------- carried texts (issue 24)
    def carried_text(self, target: Target) -> CarriedText | None:
        """The text this department file's hand-out carried over into the field, if any."""
        if not self.carried:
            return None
        return self.carried.get(key_of(target))

    def same_as_last_year(self, target: Target) -> CarriedText | None:
        """A carried text the field still holds, not confirmed: 「前年度と同じ」 for the clerk."""
        carried = self.carried_text(target)
        if carried is None:
            return None
        content = self.content(target)
        return carried if carried.untouched(content if isinstance(content, str) else None) else None

    def owners_of(self, target: Target) -> list[str]:
        """The lead departments of the item a field belongs to."""
        while isinstance(target, AnnotationField):
            target = target.field
        return field_owners(self.trees[target.plan_id], FieldKey.parse(key_of(target)))

    def node_of(self, target: Target) -> tuple[str, str | None]:
        """(plan id, node key) of the tree row a field shows on (an indicator's: its node)."""
        while isinstance(target, AnnotationField):
            target = target.field
        if isinstance(target, ValueCell):
            tree = self.trees.get(target.plan_id)
            if tree is None or not holds(tree, target):  # removed elsewhere: the plan's row
                return target.plan_id, None
            return target.plan_id, tree.indicator(target.indicator_key).node_key
        return target.plan_id, target.node_key


def holds(tree: PlanTree, target: Target) -> bool:
    """Whether the plan still has the field's indicator, item or schedule row (the plan editor may
    have removed it in another window since the field was typed): `holds_key` of its key."""
    while isinstance(target, AnnotationField):
        target = target.field
    return holds_key(tree, FieldKey.parse(key_of(target)))


def holds_key(tree: PlanTree, key: FieldKey) -> bool:
    """Whether the plan has what a field key belongs to: the indicator of a value, the item of a
    progress field, the item's budget of a cost, the item's schedule row of a schedule cell. The
    one answer for the window's save (`holds`: removed in another window since it was typed) and
    the collection's merge (services/rounds/collect: removed in the master since the hand-out)."""
    if key.kind == "value":
        try:
            tree.indicator(key.item)
        except KeyError:
            return False
        return True
    if not tree.has_node(key.item):
        return False
    node = tree.node(key.item)
    if key.kind == "schedule":  # (a schedule removed: its rows are gone with it, as the store says)
        return node.schedule is not None and int(key.part) < len(node.schedule.rows)
    if key.kind == "cost":
        return node.budget is not None
    return True


def stored_content(tree: PlanTree, target: Target) -> Content:
    """What a loaded plan holds for one field, as an edit would hold it."""
    if isinstance(target, AnnotationField):
        return stored_annotation(tree, target.key)
    year = FiscalYear(target.year)
    if isinstance(target, ProgressField):
        entry = tree.progress_in(target.node_key, year)
        if entry is None:
            return None
        if target.field == "settled":
            return entry.settled
        if target.field == "settled_note":
            return entry.settled_note or None
        return entry.status if target.field == "status" else str(entry.narrative)
    if isinstance(target, ValueCell):
        iv = tree.indicator(target.indicator_key).value(target.kind, year, target.revision)
        return TypedValue(iv.value, iv.marks) if iv else None
    if isinstance(target, BudgetCell):
        budget = tree.node(target.node_key).budget
        return budget.costs.get(year) if budget else None
    schedule = tree.node(target.node_key).schedule
    if schedule is None or target.row >= len(schedule.rows):
        return ""
    return schedule.rows[target.row].cells.get(year, "")


def stored_annotation(tree: PlanTree, key: str) -> str | None:
    """What the loaded plan holds for a note or a question's part (domain.annotations keys)."""
    return tree.annotations.field(key)
