"""A round's settings (issue 24): the deadline (提出期限) and whether a returned file must carry the
department head's check (課長確認). Set with the hand-out, changeable afterwards; every change audited."""

from __future__ import annotations

import datetime
from dataclasses import replace
from typing import TYPE_CHECKING

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.round_year import RoundSettings
from kodaira_desk.services.master_only import require_master
from kodaira_desk.services.rounds.common import now
from kodaira_desk.store.database import Database

if TYPE_CHECKING:
    from kodaira_desk.store.unit_of_work import UnitOfWork

_UNSET: object = object()
KEEP = _UNSET  # a setting left as the round has it


def round_settings(db: Database, year: FiscalYear) -> RoundSettings:
    with db.reading() as uow:
        return uow.year.settings(year.year)


def set_round(db: Database, year: FiscalYear, *, deadline: datetime.date | object | None = _UNSET,
              head_check_required: bool | None = None, actor: str | None = None) -> RoundSettings:
    """Change what is given (a deadline of None removes it); the rest stays."""
    require_master(db)
    with db.unit_of_work() as uow:
        return put_settings_in(uow, year, deadline=deadline, head_check_required=head_check_required, actor=actor)


def put_settings_in(uow: UnitOfWork, year: FiscalYear, *, deadline: datetime.date | object | None = _UNSET,
                    head_check_required: bool | None = None, actor: str | None = None) -> RoundSettings:
    """set_round inside the caller's transaction (the hand-out sets its deadline with its records)."""
    repo = uow.year
    old = repo.settings(year.year)
    new = old
    if deadline is not _UNSET:
        new = replace(new, deadline=deadline)  # type: ignore[arg-type]
    if head_check_required is not None:
        new = replace(new, head_check_required=head_check_required)
    if new == old:
        return old
    new = replace(new, updated_at=now(), updated_by=actor)
    repo.put_settings(new)
    if new.deadline != old.deadline:
        uow.audit.add(f"round:{year.year}:deadline", old.deadline.isoformat() if old.deadline else None,
                      new.deadline.isoformat() if new.deadline else None, "round", None, actor)
    if new.head_check_required != old.head_check_required:
        uow.audit.add(f"round:{year.year}:head_check", "必須" if old.head_check_required else "任意",
                      "必須" if new.head_check_required else "任意", "round", None, actor)
    return new
