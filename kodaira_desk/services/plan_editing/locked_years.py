"""A plan workbook import and the division's 確定 (issue 24).

A year the policy division fixed (確定) cannot be changed by a save, a collection or a resolution;
an import of the plan workbook is one more road into its fields (the targets and baselines of that
year, and every entry of an item or indicator the workbook leaves out). Like a resolution, the
import is refused naming the fields, unless the person gives a reason: then each field of a fixed
year it changes is recorded as a correction (修正, an audit row of source "correction" keeping the
reason, as `services/year_locks.correct` writes one), and handouts printed afterwards say 修正版.

The preview says which fields of fixed years the import would change; the import itself compares
the plan's fields before and after inside its transaction, so what it records is what it did.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from kodaira_desk.domain.fields import FieldKey, field_map
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.merge import FieldValue
from kodaira_desk.domain.model import PlanTree
from kodaira_desk.domain.round_year import lock_of_key
from kodaira_desk.services.field_words import describe
from kodaira_desk.services.plan_editing.errors import PlanEditError
from kodaira_desk.store.unit_of_work import UnitOfWork

MAX_REASON_CHARS = 500  # services/year_locks.MAX_REASON_CHARS
MAX_NAMED = 3


@dataclass(frozen=True)
class LockedChange:
    """A field of a fixed year an import changes: the field in words, before and after."""

    key: str
    item: str
    old: FieldValue
    new: FieldValue

    def describe(self) -> str:
        return f"［確定済み］{self.item}: {self.old or '空欄'} → {self.new or '空欄'}"


def locked_changes(before: PlanTree | None, after: PlanTree | None,
                   locked: Collection[tuple[str, int]]) -> tuple[LockedChange, ...]:
    """The fields of fixed years whose value differs between the plan `before` and `after` (None:
    the plan is not there), named from the tree that has the item (a removed one keeps its name)."""
    either = before or after
    if either is None or not any(plan == either.plan.id for plan, _year in locked):
        return ()
    was = field_map(before) if before else {}
    now = field_map(after) if after else {}
    keys = sorted(k for k in was.keys() | now.keys() if was.get(k) != now.get(k) and lock_of_key(k, locked) is not None)
    return tuple(LockedChange(k, _named(k, before, after), was.get(k), now.get(k)) for k in keys)


REVISIONS = {"original": "（当初）", "revised": "（改訂）", "reset": "（再設定）"}  # as the plan workbook says


def _named(key: str, *trees: PlanTree | None) -> str:
    """The field in words, with the target's revision (a year can hold 当初 and 改訂 apart)."""
    fk = FieldKey.parse(key)
    for tree in trees:
        if tree is not None:
            name = describe({tree.plan.id: tree}, key)
            if name != key:
                return name + REVISIONS.get(fk.revision, "")
    return key


def reason_text(reason: str | None) -> str:
    """The correction's reason as typed, on one line (empty: none given)."""
    why = " ".join((reason or "").split())
    if len(why) > MAX_REASON_CHARS:
        raise PlanEditError(f"修正の理由が長すぎます（{MAX_REASON_CHARS} 文字まで）。")
    return why


IMPORT_HINT = ("変更するときは修正の理由を付けて取り込んでください（修正として変更履歴に残り、この後に印刷する"
               "帳票は修正版になります）。計画ブックの値を確定済みの値に戻せば、理由なしで取り込めます。")


def refusal(changes: Sequence[LockedChange], what: str = "この取り込み", hint: str = IMPORT_HINT) -> str:
    """Why `what` may not change fields of fixed years without a reason, naming them."""
    years = sorted({FieldKey.parse(c.key).year for c in changes})
    named = "、".join(f"{c.item}（{c.old or '空欄'} → {c.new or '空欄'}）" for c in changes[:MAX_NAMED])
    more = f" ほか{len(changes) - MAX_NAMED}件" if len(changes) > MAX_NAMED else ""
    return (f"{'・'.join(FiscalYear(y).era_label() for y in years)}は確定済みのため、{what}では変更できません: "
            f"{named}{more}。{hint}")


def record_or_refuse(uow: UnitOfWork, changes: Sequence[LockedChange], reason: str, actor: str | None,
                     what: str = "この取り込み", hint: str = IMPORT_HINT) -> None:
    """Inside the import's transaction: refuse it (PlanEditError, rolled back) when it changes
    fields of fixed years without a reason; with one, record each as a correction."""
    if not changes:
        return
    why = reason_text(reason)
    if not why:
        raise PlanEditError(refusal(changes, what, hint))
    for c in changes:
        uow.audit.add(c.key, c.old, c.new, "correction", None, actor, why)


EDITOR_HINT = ("変更が必要なときは 年次作業 > 年度の確定と修正 で、理由を付けて修正として記録してください"
               "（確定済みの年度の値がある項目・指標・計画は削除できません）。")


def fixed_plans(uow: UnitOfWork) -> dict[str, PlanTree]:
    """The plans with a fixed year, as they stand before an edit (none: nothing to guard)."""
    existing = set(uow.plans.plan_ids())
    return {p: uow.plans.load_tree(p) for p in sorted({p for p, _y in uow.year.locked()}) if p in existing}


def refuse_changed(uow: UnitOfWork, before: dict[str, PlanTree]) -> None:
    """After a plan edit, inside its transaction: refuse it (rolled back) when it changed a field
    of a fixed year of one of `before`'s plans, naming them."""
    if not before:
        return
    locked = uow.year.locked()
    existing = set(uow.plans.plan_ids())
    for plan_id, tree in before.items():
        changes = locked_changes(tree, uow.plans.load_tree(plan_id) if plan_id in existing else None, locked)
        if changes:
            raise PlanEditError(refusal(changes, "計画の編集", EDITOR_HINT))


__all__ = ["EDITOR_HINT", "IMPORT_HINT", "MAX_REASON_CHARS", "LockedChange", "fixed_plans", "locked_changes",
           "reason_text", "record_or_refuse", "refusal", "refuse_changed"]
