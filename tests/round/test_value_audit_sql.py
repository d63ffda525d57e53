"""Indicator values and audit rows written as SQL on the unit of work's connection (issue 27: the
ORM's select of each value's row, flushing what the session held, and the flush of each change and
audit row were a part of every collected file's merge): the rows are those the ORM wrote before —
a value set, replaced, taken out and set again, its id as the table gives it; the audit rows in the
order of the changes —, on a file master and a server, and rolled back with a savepoint as the merge
of a refused file is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import IndicatorValue, Revision, ValueKind
from kodaira_desk.domain.values import parse_value
from kodaira_desk.services.database import open_database
from kodaira_desk.store import models as m
from kodaira_desk.store import repository
from kodaira_desk.store.reader import read_fields

PLAN = "strategy-2015"
VALUE = st.builds(
    lambda text, marks, as_of, note, doc: (text, marks, as_of, note, doc),
    st.sampled_from(["12", "83.0%", "1,234人", "-", "（※4）", "5.5"]), st.sampled_from([(), ("※",), ("※1", "※2")]),
    st.one_of(st.none(), st.just("令和2年3月末")), st.one_of(st.none(), st.just("見込み")),
    st.one_of(st.none(), st.just("strategy-text")))
PUTS = st.lists(st.tuples(
    st.sampled_from(["g1.a1.k1", "g1.a1.k2", "g2.a1.k1"]),
    st.sampled_from([(ValueKind.ACTUAL, Revision.CURRENT), (ValueKind.TARGET, Revision.REVISED),
                     (ValueKind.BASELINE, Revision.CURRENT)]),
    st.integers(2014, 2021), st.one_of(st.none(), VALUE)), min_size=1, max_size=8)


def _orm_put(s: Any, key: str, value: IndicatorValue | None, kind: ValueKind, year: FiscalYear,
             revision: Revision) -> None:
    """The road before: the ORM's select of the row, its change, add or delete (the reference)."""
    iid = s.scalar(select(m.IndicatorRow.id).where(m.IndicatorRow.plan_id == PLAN, m.IndicatorRow.key == key))
    where = (m.IndicatorValueRow.indicator_id == iid, m.IndicatorValueRow.kind == kind.value,
             m.IndicatorValueRow.fiscal_year == year.year, m.IndicatorValueRow.revision == revision.value)
    row = s.scalar(select(m.IndicatorValueRow).where(*where))
    if value is None:
        s.execute(delete(m.IndicatorValueRow).where(*where))
        return
    if row is None:
        s.add(repository.value_row(iid, value))
    else:
        row.text = str(value.value)
        row.number = repository._number(value.value)
        row.marks = " ".join(value.marks)
        row.as_of, row.note, row.document_id = value.as_of, value.note, value.document_id
    s.flush()


def _value_rows(s: Any) -> list[tuple[Any, ...]]:
    table = m.IndicatorValueRow.__table__
    return [tuple(r) for r in s.execute(select(table).order_by(table.c.id))]


def _value(kind: ValueKind, revision: Revision, year: int, v: tuple[Any, ...] | None) -> IndicatorValue | None:
    if v is None:
        return None
    text, marks, as_of, note, doc = v
    return IndicatorValue(kind, FiscalYear(year), parse_value(text), revision, marks, as_of, note, doc)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(puts=PUTS)
def test_value_rows_are_the_orms(built_db_template: Path, puts: list[Any]) -> None:
    db = open_database(built_db_template, create=False)
    try:
        roads = []
        for put in (lambda s, *a: repository.put_indicator_value(s, PLAN, *a), _orm_put):
            with db.reading() as uow:  # rolled back at the end: the template is left as it was
                s = uow.rounds.s
                for key, (kind, revision), year, v in puts:
                    put(s, key, _value(kind, revision, year, v), kind, FiscalYear(year), revision)
                s.flush()
                roads.append((_value_rows(s), read_fields(uow.fields._raw())))
                s.rollback()
    finally:
        db.dispose()
    assert roads[0] == roads[1]


CHANGES = st.lists(st.tuples(st.sampled_from(["value:s:k:actual:2020:", "progress:s:m:2020:narrative"]),
                             st.one_of(st.none(), st.text(max_size=6)), st.one_of(st.none(), st.text(max_size=6)),
                             st.one_of(st.none(), st.just("変更なし"))), max_size=5)


def _audit_rows(s: Any) -> list[tuple[Any, ...]]:
    table = m.AuditRow.__table__
    return [tuple(r)[:1] + tuple(r)[2:] for r in s.execute(select(table).order_by(table.c.id))]  # all but `at`


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=CHANGES, batch=CHANGES)
def test_audit_rows_are_the_orms_in_the_order_of_the_changes(built_db_template: Path, first: list[Any],
                                                             batch: list[Any]) -> None:
    db = open_database(built_db_template, create=False)
    try:
        with db.reading() as uow:
            for key, old, new, note in first:
                uow.audit.add(key, old, new, "typed", None, "政策課 山田", note)
            uow.audit.add_many(batch, "import", "7", None)
            by_sql = _audit_rows(uow.rounds.s)
            entries = uow.audit.entries()
            uow.rounds.s.rollback()
        with db.reading() as uow:
            s = uow.rounds.s
            for (key, old, new, note), source, source_id, actor in [
                    *((c, "typed", None, "政策課 山田") for c in first), *((c, "import", "7", None) for c in batch)]:
                s.add(m.AuditRow(at="", field_key=key, old=repository._json(old), new=repository._json(new),
                                 source=source, source_id=source_id, actor=actor, note=note))
            s.flush()
            by_orm = _audit_rows(s)
            s.rollback()
    finally:
        db.dispose()
    assert by_sql == by_orm
    n = len(first) + len(batch)
    assert [(e.field_key, e.old, e.new, e.note) for e in entries][len(entries) - n:] == [
        (k, repository._json(old), repository._json(new), note) for k, old, new, note in first + batch]


def test_values_and_audit_are_rolled_back_with_their_savepoint(master: Path | str) -> None:
    """On a file master and a server: a value and its audit row written in a savepoint that is rolled
    back are gone with it; the same written again afterwards are committed."""
    key = f"value:{PLAN}:g1.a1.k1:actual:2021:"
    db = open_database(master, create=False)
    try:
        with db.unit_of_work() as uow:
            before = uow.fields.current([key])[key]
            with_savepoint = uow.savepoint()
            try:
                with with_savepoint:
                    uow.fields.put_value(PLAN, "g1.a1.k1", ValueKind.ACTUAL, FiscalYear(2021), Revision.CURRENT,
                                         IndicatorValue(ValueKind.ACTUAL, FiscalYear(2021), parse_value("41.5%")))
                    uow.audit.add_many([(key, before, "41.5%", None)], "import", "1", None)
                    raise ValueError("refused")
            except ValueError:
                pass
            assert uow.fields.current([key])[key] == before
            assert not [e for e in uow.audit.entries(key) if e.new == '"41.5%"']
            uow.fields.put_value(PLAN, "g1.a1.k1", ValueKind.ACTUAL, FiscalYear(2021), Revision.CURRENT,
                                 IndicatorValue(ValueKind.ACTUAL, FiscalYear(2021), parse_value("42.5%")))
            uow.audit.add_many([(key, before, "42.5%", None)], "import", "2", None)
        with db.reading() as uow:
            assert uow.fields.current([key])[key] == "42.5%"
            assert [(e.old, e.new, e.source_id) for e in uow.audit.entries(key)][-1:] == [
                (None if before is None else f'"{before}"', '"42.5%"', "2")]
    finally:
        db.dispose()
