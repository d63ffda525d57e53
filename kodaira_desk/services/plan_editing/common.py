"""What every plan edit shares: the refusal in department files, the audit entry, the result."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from kodaira_desk.domain.errors import DomainError
from kodaira_desk.services.plan_editing import locked_years
from kodaira_desk.services.plan_editing.errors import (
    PlanEditError as PlanEditError,  # where the edits import it from
)
from kodaira_desk.store.database import Database
from kodaira_desk.store.unit_of_work import UnitOfWork

AUDIT_SOURCE = "plan"  # audit_log.source of structure edits


@dataclass(frozen=True)
class PlanChange:
    """What one edit changed: the plan, the nodes and indicators touched, and (for undo) the
    plain data to reverse it with."""

    plan_id: str
    nodes: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    inverse: Any = None
    notices: tuple[str, ...] = ()  # what the person still has to decide (a copied plan's indicators without 課)


@contextmanager
def editing(db: Database, *, guard_locked: bool = True) -> Iterator[UnitOfWork]:
    """One unit of work for a structure edit; refused in a department file, and (issue 24) when it
    would change a field of a year the policy division fixed (確定): a target of that year, an
    item or indicator holding its entries, the plan itself. `guard_locked=False`: the edit records
    such changes as corrections itself (the plan workbook's import)."""
    with db.unit_of_work() as uow:
        if uow.plans.is_department_file():
            raise PlanEditError("提出用ファイル（課のファイル）では計画の構成を変更できません。"
                                "政策課の親ファイルで編集してください。")
        before = locked_years.fixed_plans(uow) if guard_locked else {}
        try:
            yield uow
        except PlanEditError:
            raise
        except DomainError as exc:  # a rule of the domain (a move, a revision): the same message
            raise PlanEditError(exc.message) from exc
        locked_years.refuse_changed(uow, before)


def audit(uow: UnitOfWork, key: str, old: Any, new: Any, actor: str | None) -> None:
    """One audit entry: old and new are plain data, kept as JSON text."""

    def text(v: Any) -> str | None:
        if v is None:
            return None
        return v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, sort_keys=True)

    uow.audit.add(key, text(old), text(new), AUDIT_SOURCE, None, actor)


def plan_exists(uow: UnitOfWork, plan_id: str) -> None:
    if plan_id not in uow.plans.plan_ids():
        raise PlanEditError(f"計画「{plan_id}」はありません。")
