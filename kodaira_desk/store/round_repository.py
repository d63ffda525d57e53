"""The yearly round's records in the master: hand-outs, imports, conflicts, field snapshots.

Every ORM query of the round lives here, typed; the services in `services/rounds/` orchestrate.
All methods work inside the unit of work's transaction and return frozen records
(domain.round_records); a change to a record is a method here, never an ORM row changed by a service.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

from sqlalchemy import Select, bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from kodaira_desk.domain.lineage import Collected
from kodaira_desk.domain.merge import Conflict, FieldValue
from kodaira_desk.domain.round import HandoutStatus
from kodaira_desk.domain.round_records import (
    ConflictRecord,
    Handout,
    HandoutRecord,
    ImportRecord,
    ReturnRecord,
)
from kodaira_desk.store import models as m

__all__ = ["ConflictRecord", "HandoutRecord", "RoundRepository", "decode", "encode"]

_SNAPSHOT_KNOWN = select(m.SnapshotRow.id).where(m.SnapshotRow.id == bindparam("id"))
_SNAPSHOT_INSERT = insert(m.SnapshotRow)
_IMPORT_INSERT = insert(m.ImportRow)
_META_VALUE = select(m.Meta.value).where(m.Meta.key == bindparam("meta_key"))
_META_UPDATE = update(m.Meta).where(m.Meta.key == bindparam("meta_key")).values(value=bindparam("meta_value"))
_META_INSERT = insert(m.Meta).values(key=bindparam("meta_key"), value=bindparam("meta_value"))
RETURNS_PREFIX = "returns:"  # + hand-out id: its collected .kdesk revisions and their saves (domain.lineage)


def _j(v: FieldValue) -> str | None:
    return None if v is None else json.dumps(v, ensure_ascii=False)


def _v(text: str | None) -> FieldValue:
    if text is None:
        return None
    value = json.loads(text)
    return value if isinstance(value, str) else None


class RoundRepository:
    def __init__(self, session: Session) -> None:
        self.s = session
        # snapshots never change (their id is the hash of their content): read each once
        self._snapshots: dict[str, dict[str, FieldValue]] = {}
        self._parents: dict[str, str | None] = {}
        self._rows: list[m.HandoutRow] = []

    # ------------------------------------------------------------ snapshots
    def save_snapshot(self, fields: dict[str, FieldValue], parent: str | None = None) -> str:
        """Store field values once (keyed by their hash) and return the key. With a parent,
        `fields` are the changes to it (None: the field has no value any more)."""
        if parent is None:
            fields = {k: v for k, v in fields.items() if v is not None}
        text = json.dumps(dict(sorted(fields.items())), ensure_ascii=False)
        sid = hashlib.sha256(f"{parent or ''}\n{text}".encode()).hexdigest()
        # on the session's connection, as SQL (issue 27: the ORM's get, add and flush of one row were
        # some 1.5 ms of each collected file's merge): a snapshot row is written only here, never
        # changed, and refers to nothing the session may hold unwritten (its parent is a snapshot)
        con = self.s.connection()
        if con.execute(_SNAPSHOT_KNOWN, {"id": sid}).first() is None:
            con.execute(_SNAPSHOT_INSERT, {"id": sid, "parent_id": parent, "fields_json": text})
        return sid

    def load_snapshot(self, sid: str) -> dict[str, FieldValue]:
        """The fields of a snapshot, its parents' changes applied (a copy the caller may change)."""
        if sid not in self._snapshots:
            self._snapshots[sid] = self._load_snapshot(sid)
        return dict(self._snapshots[sid])

    def root_snapshot(self, sid: str) -> str:
        """The whole snapshot a chain of changes starts from: what a hand-out was cut from."""
        current = sid
        while (parent := self._parent(current)) is not None:
            current = parent
        return current

    def _parent(self, sid: str) -> str | None:
        """A snapshot's parent, read once (its id is its content's hash: it never changes), without
        its fields (a hand-out's whole snapshot is some 400 KB of JSON)."""
        if sid not in self._parents:
            parent = self.s.execute(select(m.SnapshotRow.parent_id).where(m.SnapshotRow.id == sid)).one()[0]
            self._parents[sid] = parent
        return self._parents[sid]

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
    def handout(self, handout_id: str) -> Handout | None:
        row = self.s.get(m.HandoutRow, handout_id)
        return _handout(row) if row is not None else None

    def set_handout_status(self, handout_id: str, status: HandoutStatus) -> None:
        self.s.get_one(m.HandoutRow, handout_id).status = status.value

    def record_return(self, handout_id: str, status: HandoutStatus, returned_at: str, *, book: bool,
                      revision: int, saved_at: str | None, snapshot: str, workbook_saved: str | None = None) -> Handout:
        """A return merged: the hand-out's status, when, and the line's revision and the snapshot its
        next return is merged against (a workbook's own line, or the .kdesk's); for a workbook, the
        save of the line's head (`workbook_saved`, domain.save_order.Head as JSON)."""
        row = self.s.get_one(m.HandoutRow, handout_id)
        row.status = status.value
        row.returned_at = returned_at
        if book:
            row.workbook_revision, row.workbook_snapshot, row.workbook_saved = revision, snapshot, workbook_saved
        else:
            row.collected_revision, row.collected_saved_at, row.base_snapshot = revision, saved_at, snapshot
        self.s.flush()
        return _handout(row)

    # ------------------------------------------------------------ lineage (domain.lineage)
    def collected_saves(self, handout_id: str) -> list[Collected]:
        """The collected revisions of a hand-out's .kdesk line kept with their chains of saves, in
        the order they were collected (a master-only meta row, stripped from department files).
        A record that cannot be read is no record: the next return is merged against the hand-out."""
        # on the session's connection, as SQL (issue 27: the ORM's get and merge, each flushing what
        # the session held, were some 3 ms of each collected file's merge): the row is read and
        # written only here, never through the ORM, so the session holds no object of it to go stale
        value = self.s.connection().execute(_META_VALUE, {"meta_key": RETURNS_PREFIX + handout_id}).scalar()
        if value is None:
            return []
        try:
            return [Collected.from_json(d) for d in json.loads(value)]
        except (ValueError, KeyError, TypeError, AttributeError):
            return []

    def add_collected_save(self, handout_id: str, collected: Collected) -> None:
        saved = [*self.collected_saves(handout_id), collected]
        row = {"meta_key": RETURNS_PREFIX + handout_id,
               "meta_value": json.dumps([c.to_json() for c in saved], ensure_ascii=False)}
        con = self.s.connection()
        if con.execute(_META_UPDATE, row).rowcount == 0:
            con.execute(_META_INSERT, row)

    def supersede_issued(self, departments: Sequence[str], year: int) -> int:
        """Every earlier hand-out of these departments and year is replaced by a new one (one query
        for all of them: a hand-out supersedes before it adds its new records)."""
        n = 0
        for old in self.s.scalars(select(m.HandoutRow).where(
                m.HandoutRow.department.in_(list(departments)), m.HandoutRow.fiscal_year == year,
                m.HandoutRow.status != HandoutStatus.SUPERSEDED.value)):
            old.status = HandoutStatus.SUPERSEDED.value
            n += 1
        return n

    def add_handout(self, handout_id: str, department: str, year: int, issued_at: str, file_name: str,
                    base_snapshot: str, *, deadline: str | None = None, issued_path: str | None = None) -> None:
        self.s.add(m.HandoutRow(id=handout_id, department=department, fiscal_year=year, issued_at=issued_at,
                                file_name=file_name, base_snapshot=base_snapshot,
                                status=HandoutStatus.ISSUED.value, deadline=deadline, issued_path=issued_path))

    def years(self) -> list[int]:
        return sorted(set(self.s.scalars(select(m.HandoutRow.fiscal_year))))

    def issued_paths(self, year: int) -> list[tuple[str, str, str]]:
        """(hand-out id, 課, where its file was written) of `year`'s files not returned yet."""
        rows = self.s.execute(select(m.HandoutRow.id, m.HandoutRow.department, m.HandoutRow.issued_path).where(
            m.HandoutRow.fiscal_year == year, m.HandoutRow.status == HandoutStatus.ISSUED.value,
            m.HandoutRow.issued_path.is_not(None)))
        return [(str(hid), str(dept), str(path)) for hid, dept, path in rows]

    def issued_files(self, year: int) -> dict[str, tuple[str, str]]:
        """課 -> (issued at, file name) of `year`'s hand-outs still out (issued, not returned)."""
        rows = self.s.execute(select(m.HandoutRow.department, m.HandoutRow.issued_at, m.HandoutRow.file_name).where(
            m.HandoutRow.fiscal_year == year, m.HandoutRow.status == HandoutStatus.ISSUED.value))
        return {str(d): (str(at), str(name)) for d, at, name in rows}

    def board(self, year: int) -> list[HandoutRecord]:
        """The current (not superseded) hand-out of each department for `year`, with its open
        conflicts and its latest import, in a few queries whatever the number of departments. The
        open conflicts of the department's superseded hand-outs of the year count too (a 要確認 課
        handed out again still has them in 競合を確認): `earlier_open` says how many."""
        rows = self.s.scalars(select(m.HandoutRow).where(
            m.HandoutRow.fiscal_year == year, m.HandoutRow.status != HandoutStatus.SUPERSEDED.value)
            .order_by(m.HandoutRow.department, m.HandoutRow.issued_at)).all()
        ids = [h.id for h in rows]
        current = {h.department: h.id for h in rows}
        # each superseded hand-out of the year → the current one of its department
        earlier = {str(hid): current[str(d)] for hid, d in self.s.execute(
            select(m.HandoutRow.id, m.HandoutRow.department).where(
                m.HandoutRow.fiscal_year == year, m.HandoutRow.status == HandoutStatus.SUPERSEDED.value))
            if str(d) in current}
        latest_ids = select(func.max(m.ImportRow.id)).where(m.ImportRow.handout_id.in_(ids)).group_by(
            m.ImportRow.handout_id)
        latest = {i.handout_id: i for i in self.s.scalars(select(m.ImportRow).where(m.ImportRow.id.in_(latest_ids)))}
        merged = self.last_returns(ids)
        by_kind: dict[str, dict[str, int]] = {}  # the open conflicts of each current hand-out
        n_earlier: dict[str, int] = {}  # of those, its superseded hand-outs'
        for hid, kind, n in self.s.execute(
                select(m.ImportRow.handout_id, m.ConflictRow.kind, func.count()).select_from(m.ConflictRow)
                .join(m.ImportRow, m.ImportRow.id == m.ConflictRow.import_id)
                .where(m.ImportRow.handout_id.in_([*ids, *earlier]), m.ConflictRow.status == "open")
                .group_by(m.ImportRow.handout_id, m.ConflictRow.kind)).all():
            of = earlier.get(str(hid), str(hid))
            kinds = by_kind.setdefault(of, {})
            kinds[str(kind)] = kinds.get(str(kind), 0) + int(n)
            if str(hid) in earlier:
                n_earlier[of] = n_earlier.get(of, 0) + int(n)
        out: list[HandoutRecord] = []
        for h in rows:
            last = latest.get(h.id)
            out.append(HandoutRecord(
                h.id, h.department, h.fiscal_year, h.file_name, HandoutStatus(h.status), h.returned_at,
                h.collected_revision if h.collected_revision is not None else h.workbook_revision,
                sum(by_kind.get(h.id, {}).values()),
                last.result if last else None, last.reason_code if last else None,
                last.message if last else None, h.issued_at, h.deadline, merged.get(h.id),
                tuple(sorted(by_kind.get(h.id, {}).items())), h.collected_revision, h.workbook_revision,
                h.workbook_saved, last_file=last.file_name if last else None, earlier_open=n_earlier.get(h.id, 0)))
        return out

    # ------------------------------------------------------------ returns (issue 24)
    def last_returns(self, handout_ids: Sequence[str]) -> dict[str, ReturnRecord]:
        """The last merged return of each hand-out, in one query."""
        last_ids = select(func.max(m.ImportRow.id)).where(
            m.ImportRow.handout_id.in_(handout_ids), m.ImportRow.result == "merged").group_by(m.ImportRow.handout_id)
        return {str(i.handout_id): ReturnRecord(
            i.id, i.file_name, i.received_at, i.revision, i.saved_at, i.saved_by, i.head_check_by, i.head_check_at,
            tuple((i.flags or "").split()), i.acknowledged_by, i.unchanged or 0, i.carried or 0)
            for i in self.s.scalars(select(m.ImportRow).where(m.ImportRow.id.in_(last_ids)))}

    def open_conflicts_of_handout(self, handout_id: str) -> int:
        return self.s.scalar(select(func.count()).select_from(m.ConflictRow)
                             .join(m.ImportRow, m.ImportRow.id == m.ConflictRow.import_id)
                             .where(m.ImportRow.handout_id == handout_id, m.ConflictRow.status == "open")) or 0

    def settle(self, handout_id: str) -> None:
        """A returned hand-out's status from its open conflicts and the flags of its last return
        (a superseded or never returned one stays as it is)."""
        row = self.s.get_one(m.HandoutRow, handout_id)
        if row.status in (HandoutStatus.SUPERSEDED.value, HandoutStatus.ISSUED.value):
            return
        last = self.last_returns([handout_id]).get(handout_id)
        held = self.open_conflicts_of_handout(handout_id) or (last is not None and last.open_flags)
        row.status = (HandoutStatus.NEEDS_REVIEW if held else HandoutStatus.MERGED).value
        self.s.flush()

    def acknowledge(self, import_id: int, by: str | None, at: str) -> None:
        """The division accepts a return's open flags as they are (了承)."""
        row = self.s.get_one(m.ImportRow, import_id)
        row.acknowledged_by, row.acknowledged_at = by or "（名前なし）", at
        self.s.flush()

    # ------------------------------------------------------------ imports
    def merged_with_sha(self, sha: str) -> ImportRecord | None:
        row = self.s.scalars(select(m.ImportRow).where(
            m.ImportRow.sha256 == sha, m.ImportRow.result == "merged")).first()
        return _import(row) if row is not None else None

    def merged_shas(self) -> set[str]:
        """The SHA-256 of every file merged so far, in one query (a collection asks for each file)."""
        return set(self.s.scalars(select(m.ImportRow.sha256).where(m.ImportRow.result == "merged")))

    def load_handouts(self) -> list[Handout]:
        """Every hand-out, read in one query into the session: `handout()` then finds each without
        a query of its own (the repository keeps the rows: the session holds its objects weakly)."""
        self._rows = list(self.s.scalars(select(m.HandoutRow)))
        return [_handout(row) for row in self._rows]

    def add_import(self, *, handout_id: str | None, sha256: str, file_name: str, received_at: str, result: str,
                   reason_code: str | None = None, message: str | None = None, applied: int = 0,
                   conflicts: int = 0, stored_copy: str | None = None, department: str | None = None,
                   revision: int | None = None, saved_at: str | None = None, actor: str | None = None,
                   held: int = 0, saved_by: str | None = None, head_check_by: str | None = None,
                   head_check_at: str | None = None, unchanged: int = 0, carried: int = 0,
                   flags: str = "", saved_with: str | None = None) -> ImportRecord:
        # on the session's connection, as SQL (issue 27: the ORM's add and flush were some 1.3 ms of each
        # collected file's merge); the row refers only to a hand-out, which is written before it
        values = {"handout_id": handout_id, "sha256": sha256, "file_name": file_name, "received_at": received_at,
                  "result": result, "reason_code": reason_code, "message": message, "applied": applied,
                  "conflicts": conflicts, "stored_copy": stored_copy, "department": department,
                  "revision": revision, "saved_at": saved_at, "actor": actor, "held": held, "saved_by": saved_by,
                  "head_check_by": head_check_by, "head_check_at": head_check_at, "unchanged": unchanged,
                  "carried": carried, "flags": flags, "saved_with": saved_with}
        self.s.flush()  # (a hand-out the session holds unwritten is written first)
        (import_id,) = self.s.connection().execute(_IMPORT_INSERT, values).inserted_primary_key or (None,)
        if not isinstance(import_id, int):
            raise RuntimeError("an import record without its id")  # (never expected)
        return ImportRecord(import_id, handout_id, sha256, file_name, received_at, result, reason_code, message,
                            applied, conflicts, stored_copy, department, revision, saved_at, actor, held, saved_by,
                            saved_with)

    def import_record(self, import_id: int) -> ImportRecord:
        return _import(self.s.get_one(m.ImportRow, import_id))

    def imports(self, year: int | None = None) -> list[ImportRecord]:
        q = select(m.ImportRow).order_by(m.ImportRow.id)
        if year is not None:
            q = q.join(m.HandoutRow, m.HandoutRow.id == m.ImportRow.handout_id).where(
                m.HandoutRow.fiscal_year == year)
        return [_import(row) for row in self.s.scalars(q)]

    def stored_copies(self) -> set[str]:
        return {c for c in self.s.scalars(select(m.ImportRow.stored_copy)) if c}

    # ------------------------------------------------------------ conflicts
    def add_conflict(self, import_id: int, c: Conflict) -> None:
        self.s.add(m.ConflictRow(import_id=import_id, field_key=c.key, kind=c.kind.value, base=_j(c.base),
                                 master=_j(c.master), department=_j(c.department), status="open"))

    def _conflicts(self) -> Select[m.ConflictRow, m.ImportRow, m.HandoutRow]:
        return (select(m.ConflictRow, m.ImportRow, m.HandoutRow)
                .join(m.ImportRow, m.ImportRow.id == m.ConflictRow.import_id)
                .join(m.HandoutRow, m.HandoutRow.id == m.ImportRow.handout_id).order_by(m.ConflictRow.id))

    def conflict(self, conflict_id: int) -> ConflictRecord | None:
        found = self.s.execute(self._conflicts().where(m.ConflictRow.id == conflict_id)).first()
        if found is None:
            return None
        c, imp, h = found
        return _conflict(c, imp, h)

    def conflicts(self, *, status: str | None = "open") -> list[ConflictRecord]:
        q = self._conflicts()
        if status is not None:
            q = q.where(m.ConflictRow.status == status)
        return [_conflict(c, imp, h) for c, imp, h in self.s.execute(q).all()]

    def resolve_conflict(self, conflict_id: int, resolution: str, value: FieldValue, by: str | None,
                         at: str) -> None:
        c = self.s.get_one(m.ConflictRow, conflict_id)
        c.status = "resolved"
        c.resolution = resolution
        c.resolved_value = _j(value)
        c.resolved_by = by
        c.resolved_at = at
        self.s.flush()

    def rebase_conflict(self, conflict_id: int, master: FieldValue) -> None:
        """The master's value an open conflict stands against, when a person decided against a value
        saved after it was recorded (its undoing puts that value back)."""
        self.s.get_one(m.ConflictRow, conflict_id).master = _j(master)
        self.s.flush()

    def reopen_conflict(self, conflict_id: int) -> None:
        c = self.s.get_one(m.ConflictRow, conflict_id)
        c.status = "open"
        c.resolution = c.resolved_value = c.resolved_by = c.resolved_at = None
        self.s.flush()

    def open_conflicts_of_import(self, import_id: int) -> int:
        return self.s.scalar(select(func.count()).select_from(m.ConflictRow).where(
            m.ConflictRow.import_id == import_id, m.ConflictRow.status == "open")) or 0


def encode(value: FieldValue) -> str | None:
    return _j(value)


def decode(text: str | None) -> FieldValue:
    return _v(text)


def _handout(h: m.HandoutRow) -> Handout:
    return Handout(h.id, h.department, h.fiscal_year, h.issued_at, h.file_name, h.base_snapshot,
                   HandoutStatus(h.status), h.returned_at, h.collected_revision, h.collected_saved_at,
                   h.workbook_revision, h.workbook_snapshot, h.deadline, h.issued_path, h.workbook_saved)


def _import(i: m.ImportRow) -> ImportRecord:
    return ImportRecord(i.id, i.handout_id, i.sha256, i.file_name, i.received_at, i.result, i.reason_code,
                        i.message, i.applied, i.conflicts, i.stored_copy, i.department, i.revision, i.saved_at,
                        i.actor, i.held, i.saved_by, i.saved_with)


def _conflict(c: m.ConflictRow, imp: m.ImportRow, h: m.HandoutRow) -> ConflictRecord:
    return ConflictRecord(c.id, imp.id, h.department, imp.file_name, c.field_key, c.kind, _v(c.base), _v(c.master),
                          _v(c.department), c.status, c.resolution, _v(c.resolved_value))
