"""A returned value for an item the division removed from the plan after the hand-out (計画の編集 >
指標を削除 while the files were out): the file is still taken — the values that have a place are
applied — and each such value is held as 要確認 (a conflict of kind REMOVED), named by the item's
name as the master's own record of the removal gives it (the master no longer has the item)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from kodaira_desk.domain.annotations import underlying
from kodaira_desk.domain.fields import FieldKey
from kodaira_desk.domain.merge import Conflict, ConflictKind, FieldValue, MergePlan
from kodaira_desk.domain.model import PlanTree, ValueKind
from kodaira_desk.services.field_words import year_words
from kodaira_desk.services.rounds.common import describe
from kodaira_desk.services.session import holds_key
from kodaira_desk.store.unit_of_work import UnitOfWork

WORDS = "計画から削除された項目の値"


def held(plan: MergePlan, gone: Mapping[str, FieldValue], base: Mapping[str, FieldValue]) -> MergePlan:
    """The merge's plan with each value for a removed item held for a person (the master has nothing)."""
    removed = tuple(Conflict(k, ConflictKind.REMOVED, base.get(k), None, v) for k, v in sorted(gone.items()))
    return MergePlan(plan.apply, plan.same, plan.conflicts + removed) if removed else plan


def words(uow: UnitOfWork, trees: Mapping[str, PlanTree], key: str) -> str:
    """A field in words, its item's name taken from the master's record of the removal when the
    plan no longer has it: 相談窓口の認知度 令和8年度 実績 (never value:program-2025:p7.k3:…)."""
    said = describe(trees, key)
    if said != key:
        return said
    field = underlying(key)
    try:
        fk = FieldKey.parse(field)
    except ValueError:
        return f"{WORDS}（{key}）"
    name = _removed_name(uow, fk.plan_id, fk.item)
    year = year_words(fk.year)
    if fk.kind == "value":
        try:
            what = ValueKind(fk.part).label
        except ValueError:
            what = fk.part
    else:
        what = {"progress": "実施等状況", "cost": "費用", "schedule": "年次計画"}.get(fk.kind, "")
    out = f"{name or '削除された項目'} {year} {what}".strip()
    return out if field == key else f"{out}（メモ・質問）"


def has_place(trees: Mapping[str, PlanTree], key: str) -> bool:
    """Whether the master has the item `key`'s field belongs to again (put back since)."""
    try:
        fk = FieldKey.parse(underlying(key))
    except ValueError:
        return False
    tree = trees.get(fk.plan_id)
    return tree is not None and holds_key(tree, fk)


def was_removed(uow: UnitOfWork, key: str) -> bool:
    """Whether the master records the removal of the item (or plan) `key`'s field belongs to:
    a field of anything else the master lacks is a forged one, refused."""
    try:
        fk = FieldKey.parse(underlying(key))
    except ValueError:
        return False
    return _removed_name(uow, fk.plan_id, fk.item) is not None


def _removed_name(uow: UnitOfWork, plan_id: str, item: str) -> str | None:
    """The name or title `item` had, from the newest audit row that removed it (an indicator, a
    node with its subtree, or the whole plan)."""
    for prefix in (f"indicator:{plan_id}:{item}", f"structure:{plan_id}:", f"plan:{plan_id}"):
        for entry in reversed(uow.audit.entries(key_prefix=prefix)):
            if entry.old is None:
                continue
            try:
                old: Any = json.loads(entry.old)
                if isinstance(old, str):  # plan editing's JSON text, kept as a JSON string
                    old = json.loads(old)
            except ValueError:
                continue
            found = _name_in(old, item)
            if found:
                return found
    return None


def _name_in(obj: Any, item: str) -> str | None:
    """The name (an indicator's) or title (a node's) of the object keyed `item` anywhere in `obj`."""
    if isinstance(obj, dict):
        if obj.get("key") == item:
            for field in ("name", "title"):
                if isinstance(obj.get(field), str) and obj[field]:
                    return str(obj[field])
        children: Any = obj.values()
    elif isinstance(obj, list):
        children = obj
    else:
        return None
    for child in children:
        found = _name_in(child, item)
        if found:
            return found
    return None
