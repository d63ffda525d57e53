"""Accepting a return held for a reason other than its conflicts (issue 24): the division decides
that a file without the department head's check is taken as it is (了承). Audited, with who and when;
a later return with the check needs nothing of the kind."""

from __future__ import annotations

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.round import HandoutStatus
from kodaira_desk.services.master_only import require_master
from kodaira_desk.services.rounds.common import RoundError, now
from kodaira_desk.services.rounds.year_rules import head_check_key
from kodaira_desk.store.database import Database


def acknowledge(db: Database, year: FiscalYear, department: str, actor: str | None = None) -> None:
    """Accept the open flags (課長確認なし) of the department's last return for `year`."""
    require_master(db)
    with db.unit_of_work() as uow:
        repo = uow.rounds
        current = [h for h in repo.board(year.year) if h.department == department]
        if not current or current[0].last_return is None or not current[0].last_return.open_flags:
            raise RoundError(f"{department}（{year.era_label()}）には了承の必要な返却がありません。")
        last = current[0].last_return
        repo.acknowledge(last.import_id, actor, now())
        uow.audit.add(head_check_key(department, year.year), None, "課長確認なしで了承", "acknowledged",
                      str(last.import_id), actor)
        if current[0].status is not HandoutStatus.SUPERSEDED:
            repo.settle(current[0].id)
