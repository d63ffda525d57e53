"""The round's year in the master (issue 24): round settings (deadline, head's check), the
division's locks (確定), corrections (audit rows of source "correction"), and the carried texts of
a department file. Typed: every method returns frozen domain objects, inside the caller's session.

Reading the same tables through a plain connection (the window at start-up, a returned file before
anything of it is trusted), and writing a hand-out's carried texts: store/round_year_reader.py.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kodaira_desk.domain.round_year import CarriedText, RoundSettings, YearLock
from kodaira_desk.store import models as m
from kodaira_desk.store.repository import _unjson


@dataclass(frozen=True)
class CorrectionRecord:
    """A change to a fixed year's field, with its reason (an audit row of source "correction")."""

    id: int
    at: str
    key: str
    old: str | None
    new: str | None
    reason: str
    actor: str | None


def _date(text: str | None) -> datetime.date | None:
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


class RoundYearRepository:
    def __init__(self, session: Session) -> None:
        self.s = session

    # ------------------------------------------------------------ settings
    def settings(self, year: int) -> RoundSettings:
        row = self.s.get(m.RoundSettingRow, year)
        if row is None:
            return RoundSettings(year)
        return RoundSettings(year, _date(row.deadline), bool(row.head_check_required), row.updated_at, row.updated_by)

    def put_settings(self, settings: RoundSettings) -> None:
        row = self.s.get(m.RoundSettingRow, settings.year)
        if row is None:
            row = m.RoundSettingRow(fiscal_year=settings.year)
            self.s.add(row)
        row.deadline = settings.deadline.isoformat() if settings.deadline else None
        row.head_check_required = settings.head_check_required
        row.updated_at = settings.updated_at
        row.updated_by = settings.updated_by
        self.s.flush()

    # ------------------------------------------------------------ locks
    def locks(self) -> list[YearLock]:
        rows = self.s.scalars(select(m.YearLockRow).order_by(m.YearLockRow.plan_id, m.YearLockRow.fiscal_year))
        return [YearLock(r.plan_id, r.fiscal_year, r.locked_at, r.locked_by, r.note or "") for r in rows]

    def locked(self) -> frozenset[tuple[str, int]]:
        rows = self.s.execute(select(m.YearLockRow.plan_id, m.YearLockRow.fiscal_year)).all()
        return frozenset((str(plan_id), int(year)) for plan_id, year in rows)

    def add_lock(self, lock: YearLock) -> None:
        self.s.add(m.YearLockRow(plan_id=lock.plan_id, fiscal_year=lock.year, locked_at=lock.locked_at,
                                 locked_by=lock.locked_by, note=lock.note))
        self.s.flush()

    # ------------------------------------------------------------ corrections
    def corrections(self, plan_id: str | None = None) -> list[CorrectionRecord]:
        q = select(m.AuditRow).where(m.AuditRow.source == "correction").order_by(m.AuditRow.id)
        if plan_id is not None:
            q = q.where(m.AuditRow.field_key.like(f"%:{plan_id}:%"))
        out = []
        for r in self.s.scalars(q):
            if plan_id is not None and r.field_key.split(":")[1:2] != [plan_id]:
                continue
            out.append(CorrectionRecord(r.id, r.at, r.field_key, _unjson(r.old), _unjson(r.new), r.note or "",
                                        r.actor))
        return out

    # ------------------------------------------------------------ carried texts (a department file)
    def carried(self) -> dict[str, CarriedText]:
        return {r.field_key: CarriedText(r.field_key, r.text, r.from_year, r.confirmed_at is not None)
                for r in self.s.scalars(select(m.CarriedTextRow))}

    def confirm(self, key: str, at: str, by: str | None) -> bool:
        """Mark a carried text as standing unchanged (変更なし); False when the file carries no such text."""
        row = self.s.get(m.CarriedTextRow, key)
        if row is None:
            return False
        row.confirmed_at, row.confirmed_by = at, by
        self.s.flush()
        return True
