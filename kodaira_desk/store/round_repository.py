"""The yearly round's records in the master: hand-outs, imports, conflicts, field snapshots.

Every ORM query of the round lives here, typed; the services in `services/rounds/` orchestrate.
All methods work inside the caller's session (its transaction).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kodaira_desk.domain.merge import Conflict, FieldValue
from kodaira_desk.domain.round import HandoutStatus
from kodaira_desk.store import models as m


def _j(v: FieldValue) -> str | None:
    return None if v is None else json.dumps(v, ensure_ascii=False)


def _v(text: str | None) -> FieldValue:
    if text is None:
        return None
    value = json.loads(text)
    return value if isinstance(value, str) else None


@dataclass(frozen=True)
class HandoutRecord:
    """A hand-out with what the board needs about it, read in one query."""

    id: str
    department: str
    fiscal_year: int
    file_name: str
    status: HandoutStatus
    returned_at: str | None
    collected_revision: int | None  # of the .kdesk, else of the returned workbooks
    open_conflicts: int
    last_result: str | None  # merged | refused | unfilled | already_collected of the latest import
    last_reason: str | None
    last_message: str | None
    kdesk_revision: int | None = None  # the last collected .kdesk's save counter
    workbook_revision: int | None = None  # returned workbooks taken (第 N 版)
    workbook_saved: str | None = None  # JSON: the latest known save of them (domain.save_order.Head)


@dataclass(frozen=True)
class ConflictRecord:
    id: int
    import_id: int
    department: str
    file_name: str
    key: str
    kind: str
    base: FieldValue
    master: FieldValue
    department_value: FieldValue
    status: str
    resolution: str | None
    resolved_value: FieldValue


class RoundRepository:
    def __init__(self, session: Session) -> None:
        self.s = session
        # snapshots never change (their id is the hash of their content): read each once
        self._snapshots: dict[str, dict[str, FieldValue]] = {}

    # ------------------------------------------------------------ snapshots
    def save_snapshot(self, fields: dict[str, FieldValue], parent: str | None = None) -> str:
        """Store field values once (keyed by their hash) and return the key. With a parent,
        `fields` are the changes to it (None: the field has no value any more)."""
        if parent is None:
            fields = {k: v for k, v in fields.items() if v is not None}
        text = json.dumps(dict(sorted(fields.items())), ensure_ascii=False)
        sid = hashlib.sha256(f"{parent or ''}\n{text}".encode()).hexdigest()
        if self.s.get(m.SnapshotRow, sid) is None:
            self.s.add(m.SnapshotRow(id=sid, parent_id=parent, fields_json=text))
            self.s.flush()
        return sid

    def load_snapshot(self, sid: str) -> dict[str, FieldValue]:
        """The fields of a snapshot, its parents' changes applied (a copy the caller may change)."""
        if sid not in self._snapshots:
            self._snapshots[sid] = self._load_snapshot(sid)
        return dict(self._snapshots[sid])

    def root_snapshot(self, sid: str) -> str:
        """The whole snapshot a chain of changes starts from: what a hand-out was cut from."""
        current = sid
        while (parent := self.s.get_one(m.SnapshotRow, current).parent_id) is not None:
            current = parent
        return current

    def _load_snapshot(self, sid: str) -> dict[str, FieldValue]:
        chain: list[dict[str, FieldValue]] = []
        current: str | None = sid
        while current is not None:
            row = self.s.get_one(m.SnapshotRow, current)
            chain.append(json.loads(row.fields_json))
            current = row.parent_id
        fields: dict[str, FieldValue] = {}
        for part in reversed(chain):
            fields.update(part)
        return {k: v for k, v in fields.items() if v is not None}

    # ------------------------------------------------------------ hand-outs
    def handout(self, handout_id: str) -> m.HandoutRow | None:
        return self.s.get(m.HandoutRow, handout_id)

    def supersede_issued(self, department: str, year: int) -> int:
        """Every earlier hand-out of this department and year is replaced by a new one."""
        n = 0
        for old in self.s.scalars(select(m.HandoutRow).where(
                m.HandoutRow.department == department, m.HandoutRow.fiscal_year == year,
                m.HandoutRow.status != HandoutStatus.SUPERSEDED.value)):
            old.status = HandoutStatus.SUPERSEDED.value
            n += 1
        return n

    def add_handout(self, handout_id: str, department: str, year: int, issued_at: str, file_name: str,
                    base_snapshot: str) -> None:
        self.s.add(m.HandoutRow(id=handout_id, department=department, fiscal_year=year, issued_at=issued_at,
                                file_name=file_name, base_snapshot=base_snapshot,
                                status=HandoutStatus.ISSUED.value))

    def years(self) -> list[int]:
        return sorted(set(self.s.scalars(select(m.HandoutRow.fiscal_year))))

    def board(self, year: int) -> list[HandoutRecord]:
        """The current (not superseded) hand-out of each department for `year`, with its open
        conflicts and its latest import, in three queries whatever the number of departments."""
        rows = self.s.scalars(select(m.HandoutRow).where(
            m.HandoutRow.fiscal_year == year, m.HandoutRow.status != HandoutStatus.SUPERSEDED.value)
            .order_by(m.HandoutRow.department, m.HandoutRow.issued_at)).all()
        ids = [h.id for h in rows]
        n_open = dict(self.s.execute(
            select(m.ImportRow.handout_id, func.count()).select_from(m.ConflictRow)
            .join(m.ImportRow, m.ImportRow.id == m.ConflictRow.import_id)
            .where(m.ImportRow.handout_id.in_(ids), m.ConflictRow.status == "open")
            .group_by(m.ImportRow.handout_id)).all())
        latest_ids = select(func.max(m.ImportRow.id)).where(m.ImportRow.handout_id.in_(ids)).group_by(
            m.ImportRow.handout_id)
        latest = {i.handout_id: i for i in self.s.scalars(select(m.ImportRow).where(m.ImportRow.id.in_(latest_ids)))}
        out: list[HandoutRecord] = []
        for h in rows:
            last = latest.get(h.id)
            out.append(HandoutRecord(
                h.id, h.department, h.fiscal_year, h.file_name, HandoutStatus(h.status), h.returned_at,
                h.collected_revision if h.collected_revision is not None else h.workbook_revision,
                int(n_open.get(h.id, 0)),
                last.result if last else None, last.reason_code if last else None,
                last.message if last else None, h.collected_revision, h.workbook_revision, h.workbook_saved))
        return out

    # ------------------------------------------------------------ imports
    def merged_with_sha(self, sha: str) -> m.ImportRow | None:
        return self.s.scalars(select(m.ImportRow).where(
            m.ImportRow.sha256 == sha, m.ImportRow.result == "merged")).first()

    def merged_shas(self) -> set[str]:
        """The SHA-256 of every file merged so far, in one query (a collection asks for each file)."""
        return set(self.s.scalars(select(m.ImportRow.sha256).where(m.ImportRow.result == "merged")))

    def load_handouts(self) -> list[m.HandoutRow]:
        """Every hand-out, read in one query into the session: `handout()` then finds each without
        a query of its own. The caller keeps the list (the session holds its objects weakly)."""
        return list(self.s.scalars(select(m.HandoutRow)))

    def add_import(self, **columns: object) -> m.ImportRow:
        row = m.ImportRow(**columns)
        self.s.add(row)
        self.s.flush()
        return row

    def imports(self, year: int | None = None) -> Sequence[m.ImportRow]:
        q = select(m.ImportRow).order_by(m.ImportRow.id)
        if year is not None:
            q = q.join(m.HandoutRow, m.HandoutRow.id == m.ImportRow.handout_id).where(
                m.HandoutRow.fiscal_year == year)
        return self.s.scalars(q).all()

    def stored_copies(self) -> set[str]:
        return {c for c in self.s.scalars(select(m.ImportRow.stored_copy)) if c}

    # ------------------------------------------------------------ conflicts
    def add_conflict(self, import_id: int, c: Conflict) -> None:
        self.s.add(m.ConflictRow(import_id=import_id, field_key=c.key, kind=c.kind.value, base=_j(c.base),
                                 master=_j(c.master), department=_j(c.department), status="open"))

    def conflict(self, conflict_id: int) -> m.ConflictRow | None:
        return self.s.get(m.ConflictRow, conflict_id)

    def conflicts(self, *, status: str | None = "open") -> list[ConflictRecord]:
        q = (select(m.ConflictRow, m.ImportRow, m.HandoutRow)
             .join(m.ImportRow, m.ImportRow.id == m.ConflictRow.import_id)
             .join(m.HandoutRow, m.HandoutRow.id == m.ImportRow.handout_id).order_by(m.ConflictRow.id))
        if status is not None:
            q = q.where(m.ConflictRow.status == status)
        return [ConflictRecord(c.id, imp.id, h.department, imp.file_name, c.field_key, c.kind, _v(c.base),
                               _v(c.master), _v(c.department), c.status, c.resolution, _v(c.resolved_value))
                for c, imp, h in self.s.execute(q).all()]

    def open_conflicts_of_import(self, import_id: int) -> int:
        return self.s.scalar(select(func.count()).select_from(m.ConflictRow).where(
            m.ConflictRow.import_id == import_id, m.ConflictRow.status == "open")) or 0

    def last_audit_of(self, key: str) -> m.AuditRow | None:
        return self.s.scalars(select(m.AuditRow).where(m.AuditRow.field_key == key)
                              .order_by(m.AuditRow.id.desc())).first()

    def audit_rows(self, key_prefix: str = "", source: str | None = None) -> Sequence[m.AuditRow]:
        q = select(m.AuditRow).order_by(m.AuditRow.id)
        if key_prefix:
            q = q.where(m.AuditRow.field_key.startswith(key_prefix))
        if source:
            q = q.where(m.AuditRow.source == source)
        return self.s.scalars(q).all()


def encode(value: FieldValue) -> str | None:
    return _j(value)


def decode(text: str | None) -> FieldValue:
    return _v(text)
