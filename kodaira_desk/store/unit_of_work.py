"""The unit of work: one transaction and the typed repositories that work inside it.

As cosmicpython's `service_layer/unit_of_work.py` and Anki's collection: a service opens one with
`Database.unit_of_work()` (the write lock from the first statement, committed whole or rolled back
whole) or `Database.reading()` (no lock, nothing written), and asks its repositories; it never sees
a session or a connection. Repositories return frozen domain objects. The entry fields written
through `fields` are recorded (`changed`: key → the field's value as domain.fields gives it), so an
operation returns what it changed without reading anything again.

    with db.unit_of_work() as uow:
        old = uow.fields.current([key])[key]
        uow.fields.put_schedule_cell(plan_id, node_key, 0, FiscalYear(2020), "実施")
        uow.audit.add(key, old, "実施", "typed", None, actor)
    Changes(frozenset(uow.changed))
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from kodaira_desk.domain.fields import FieldKey
from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.merge import FieldValue
from kodaira_desk.domain.model import IndicatorValue, ProgressEntry, Revision, ValueKind
from kodaira_desk.domain.round_records import AuditEntry
from kodaira_desk.domain.text import RichText
from kodaira_desk.domain.values import Value, format_value
from kodaira_desk.store import models as m
from kodaira_desk.store import repository
from kodaira_desk.store.annotation_repository import AnnotationRepository
from kodaira_desk.store.plan_repository import PlanRepository
from kodaira_desk.store.reader import content_hash, gone_fields, raw_connection, read_fields, read_fields_of
from kodaira_desk.store.round_repository import RoundRepository
from kodaira_desk.store.round_year_repository import RoundYearRepository


class FieldRepository:
    """The entry fields of every plan (domain.fields keys): read all, or only some, and written one
    at a time; every write is recorded in `changed` with the field's new value."""

    def __init__(self, session: Session) -> None:
        self._s = session
        self.changed: dict[str, FieldValue] = {}

    def _raw(self) -> sqlite3.Connection:
        """The session's connection inside its transaction (sqlite3's, or one answering its calls on
        a server), after writing out what the session holds: this transaction's writes are read back."""
        self._s.flush()
        return cast(sqlite3.Connection, raw_connection(self._s))

    def all(self) -> dict[str, FieldValue]:
        """Every field that holds something (read_fields), as this transaction sees it."""
        return read_fields(self._raw())

    def current(self, keys: Iterable[str]) -> dict[str, FieldValue]:
        """Only the fields named (None where a field holds nothing): one row each, whatever the size
        of the database."""
        return read_fields_of(self._raw(), keys)

    def gone(self, keys: Iterable[str]) -> set[str]:
        """The keys whose indicator, item or plan no longer exists (removed since they were read)."""
        return gone_fields(self._raw(), keys)

    def content_hash(self) -> str:
        """The hash of every field (a department file stamps it at each save: store.department_file)."""
        return content_hash(self.all())

    def put_value(self, plan_id: str, indicator_key: str, kind: ValueKind, year: FiscalYear, revision: Revision,
                  value: IndicatorValue | None) -> None:
        """Set (or with None, remove) one value of an indicator."""
        repository.put_indicator_value(self._s, plan_id, indicator_key, value, kind, year, revision)
        key = FieldKey("value", plan_id, indicator_key, year.year, kind.value, revision.value)
        self.changed[str(key)] = None if value is None else format_value(value.value, value.marks)

    def put_values(self, puts: Sequence[tuple[str, str, ValueKind, FiscalYear, Revision, IndicatorValue | None]]
                   ) -> None:
        """`put_value` of each (plan id, indicator key, kind, year, revision, value), at most one per
        value, in a few statements (repository.put_indicator_values)."""
        repository.put_indicator_values(self._s, [(p, k, v, kind, y, r) for p, k, kind, y, r, v in puts])
        for plan_id, indicator_key, kind, year, revision, value in puts:
            key = FieldKey("value", plan_id, indicator_key, year.year, kind.value, revision.value)
            self.changed[str(key)] = None if value is None else format_value(value.value, value.marks)

    def put_progress(self, plan_id: str, node_key: str, year: FiscalYear,
                     parts: Mapping[str, str | Value | None]) -> None:
        """An item's yearly report for a year: its "status", "narrative" (実施等状況 / 実施内容), and a
        project's "settled" (決算額, a Value) and "settled_note", as `parts` holds them (None: cleared);
        a part not in `parts` stays as stored."""
        old = repository.get_progress(self._s, plan_id, node_key, year)

        def text(part: str, before: str) -> str:
            value = parts.get(part, before)
            return value if isinstance(value, str) else ""

        settled = old.settled if old else None
        if "settled" in parts:
            given = parts["settled"]
            settled = None if given is None or isinstance(given, str) else given
        entry = ProgressEntry(node_key, year, text("status", (old.status or "") if old else "").strip() or None,
                              RichText.parse(text("narrative", str(old.narrative) if old else "")), None,
                              settled, text("settled_note", old.settled_note if old else ""))
        repository.put_progress(self._s, plan_id, entry)
        base = f"progress:{plan_id}:{node_key}:{year.year}"
        written = {"status": entry.status, "narrative": str(entry.narrative) or None,
                   "settled": None if entry.settled is None else format_value(entry.settled),
                   "settled_note": entry.settled_note or None}
        for part, value in written.items():
            if part in parts:
                self.changed[f"{base}:{part}"] = value

    def put_cost(self, plan_id: str, node_key: str, year: FiscalYear, value: Value | None) -> None:
        repository.put_budget_cost(self._s, plan_id, node_key, year, value)
        self.changed[str(FieldKey("cost", plan_id, node_key, year.year))] = None if value is None else str(value)

    def put_schedule_cell(self, plan_id: str, node_key: str, row: int, year: FiscalYear, text: str) -> None:
        repository.put_schedule_cell(self._s, plan_id, node_key, row, year, text)
        self.changed[str(FieldKey("schedule", plan_id, node_key, year.year, str(row)))] = text or None

    def put_annotation(self, key: str, value: str | None, who: str | None) -> None:
        """A note, a question's part or an attachment (domain.annotations keys), with who wrote it."""
        AnnotationRepository(self._s, self).write(key, value, who)


class MetaRepository:
    """The database's own facts (file kind, master id, a department file's revision, settings)."""

    def __init__(self, session: Session) -> None:
        self._s = session

    def get(self, key: str) -> str | None:
        return repository.get_meta(self._s, key)

    def set(self, key: str, value: str) -> None:
        repository.set_meta(self._s, key, value)

    @property
    def is_department_file(self) -> bool:
        return self.get("file_kind") == "department"


class AuditLog:
    """The append-only audit log: one entry per changed field, in the change's transaction."""

    def __init__(self, session: Session) -> None:
        self._s = session

    def add(self, key: str, old: str | None, new: str | None, source: str, source_id: str | None,
            actor: str | None, note: str | None = None) -> None:
        """`note`: a correction's reason, a head check's time (issue 24)."""
        repository.audit(self._s, key, old, new, source, source_id, actor, note)

    def add_many(self, changes: Sequence[tuple[str, str | None, str | None, str | None]], source: str,
                 source_id: str | None, actor: str | None) -> None:
        """One entry per (key, old, new, note), in that order, written at once (a collected file's)."""
        repository.audit_many(self._s, changes, source, source_id, actor)

    def entries(self, key_prefix: str = "", source: str | None = None) -> list[AuditEntry]:
        q = select(m.AuditRow).order_by(m.AuditRow.id)
        if key_prefix:
            q = q.where(m.AuditRow.field_key.startswith(key_prefix))
        if source:
            q = q.where(m.AuditRow.source == source)
        return [AuditEntry(a.id, a.at, a.field_key, a.old, a.new, a.source, a.source_id, a.actor, a.note)
                for a in self._s.scalars(q)]


class UnitOfWork:
    """One transaction (see the module's docstring) and its repositories."""

    def __init__(self, session: Session) -> None:
        self._s = session
        self.fields = FieldRepository(session)
        self.plans = PlanRepository(session)
        self.rounds = RoundRepository(session)
        self.meta = MetaRepository(session)
        self.audit = AuditLog(session)
        self.year = RoundYearRepository(session)  # the round's year: settings, locks, carried texts (issue 24)
        self.notes = AnnotationRepository(session, self.fields)  # notes, questions, evidence (issue 25)

    @property
    def changed(self) -> Mapping[str, FieldValue]:
        """Every entry field written so far, with its new value."""
        return self.fields.changed

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """A nested transaction: when the block raises, what it wrote is rolled back alone (and no
        longer counted as changed); the exception goes on."""
        before = dict(self.fields.changed)
        nested = self._s.begin_nested()
        try:
            yield
        except BaseException:
            nested.rollback()
            self.fields.changed = before
            raise
        nested.commit()

    def flush(self) -> None:
        self._s.flush()
