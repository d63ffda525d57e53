"""What a plan's yearly round asks (domain.round_setting): set in the plan editor, undone by setting
the old one back; and the 所管課 the editor proposes for an indicator without one."""

from __future__ import annotations

from dataclasses import replace

from kodaira_desk.domain.model import ALL_DEPARTMENTS, Indicator, IndicatorKind
from kodaira_desk.domain.round_setting import RoundSetting, RoundSettingError
from kodaira_desk.domain.yearly import proposed_department
from kodaira_desk.services.plan_editing.common import PlanChange, PlanEditError, audit, editing, plan_exists
from kodaira_desk.store.database import Database
from kodaira_desk.store.unit_of_work import UnitOfWork


def set_round_setting(db: Database, plan_id: str, setting: RoundSetting, actor: str | None = None) -> PlanChange:
    """The plan's round asks `setting` from now on (the hand-outs made before keep what they asked).
    The inverse is the setting before."""
    with editing(db) as uow:
        plan_exists(uow, plan_id)
        tree = uow.plans.load_tree(plan_id)
        try:
            setting.check(tree.plan.levels)
        except RoundSettingError as exc:
            raise PlanEditError(exc.message) from exc
        old = tree.plan.round
        uow.plans.set_round_setting(replace(tree.plan, round=setting))
        audit(uow, f"plan:{plan_id}:round", old.describe(tree.plan.levels), setting.describe(tree.plan.levels), actor)
    return PlanChange(plan_id, inverse=old)


def load_round(db: Database, plan_id: str) -> RoundSetting:
    with db.reading() as uow:
        plan_exists(uow, plan_id)
        return uow.plans.load_tree(plan_id).plan.round


def proposal_for(db: Database, plan_id: str, node_key: str, indicator_key: str | None = None) -> str | None:
    """The 所管課 proposed for an indicator of `node_key` (the 課 of the node's first reporting item,
    the 施策's first 主要事業), or None."""
    with db.reading() as uow:
        tree = uow.plans.load_tree(plan_id)
    ind = (tree.indicator(indicator_key) if indicator_key else
           Indicator("", plan_id, node_key, IndicatorKind.OUTCOME, "", ""))
    return proposed_department(tree, replace(ind, departments=()))


def check_departments(uow: UnitOfWork, names: list[str]) -> None:
    """Every 課 named is one the city has (a new 課 is added deliberately, in 課と再編 or by 新しい課…,
    never by a typing mistake). 各課 always may."""
    known = {d.name for d in uow.plans.departments(include_retired=True)} | {ALL_DEPARTMENTS}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise PlanEditError(f"課「{'」「'.join(unknown)}」は登録されていません。一覧から選ぶか、"
                            "「新しい課…」（または「課と再編」）で課を追加してから選んでください。")
