"""A save's values written at once (`FieldRepository.put_values`, issue 27: three statements a value
made the worker let go of the interpreter's lock and take it back some 1,600 times a save at ×10,
and the window waited for it): the rows and the fields they hold are those the values written one
by one give — set, replaced, taken out, set where nothing was —, and what `changed` records; on a
file master and a server; an unknown indicator writes nothing and names its key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from kodaira_desk.domain.fiscal_year import FiscalYear
from kodaira_desk.domain.model import IndicatorValue, Revision, ValueKind
from kodaira_desk.domain.values import parse_value
from kodaira_desk.services.database import open_database
from kodaira_desk.store import models as m
from kodaira_desk.store.reader import read_fields

PLAN = "strategy-2015"
VALUE = st.one_of(st.none(), st.tuples(
    st.sampled_from(["12", "83.0%", "1,234人", "-", "（※4）"]), st.sampled_from([(), ("※",), ("※1", "※2")]),
    st.one_of(st.none(), st.just("令和2年3月末")), st.one_of(st.none(), st.just("見込み"))))
SLOT = st.tuples(st.sampled_from(["g1.a1.k1", "g1.a1.k2", "g2.a1.k1"]),
                 st.sampled_from([(ValueKind.ACTUAL, Revision.CURRENT), (ValueKind.TARGET, Revision.REVISED),
                                  (ValueKind.BASELINE, Revision.CURRENT)]), st.integers(2014, 2021))
PUTS = st.dictionaries(SLOT, VALUE, min_size=1, max_size=12)  # at most one value per slot, as a save's edits


def _puts(puts: dict[Any, Any]) -> list[tuple[str, str, ValueKind, FiscalYear, Revision, IndicatorValue | None]]:
    out = []
    for (key, (kind, revision), year), v in puts.items():
        value = None if v is None else IndicatorValue(kind, FiscalYear(year), parse_value(v[0]), revision, v[1],
                                                      v[2], v[3])
        out.append((PLAN, key, kind, FiscalYear(year), revision, value))
    return out


def _rows(s: Any) -> list[tuple[Any, ...]]:
    table = m.IndicatorValueRow.__table__
    return sorted(tuple(r)[1:] for r in s.execute(select(table)))  # all but the id


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(puts=PUTS)
def test_values_put_at_once_are_those_put_one_by_one(built_db_template: Path, puts: dict[Any, Any]) -> None:
    db = open_database(built_db_template, create=False)
    try:
        roads = []
        for at_once in (True, False):
            with db.reading() as uow:  # rolled back at the end: the template is left as it was
                if at_once:
                    uow.fields.put_values(_puts(puts))
                else:
                    for put in _puts(puts):
                        uow.fields.put_value(*put)
                s = uow.rounds.s
                s.flush()
                roads.append((_rows(s), read_fields(uow.fields._raw()), dict(uow.fields.changed)))
                s.rollback()
    finally:
        db.dispose()
    assert roads[0] == roads[1]


def test_values_put_at_once_on_both_backends(master: Path | str) -> None:
    """Set where nothing was, replaced, taken out, in one call; committed; an unknown indicator in a
    later call writes none of its values and names its key."""
    keys = {k: f"value:{PLAN}:{k}:actual:2021:" for k in ("g1.a1.k1", "g1.a1.k2", "g2.a1.k1")}

    def value(text: str) -> IndicatorValue:
        return IndicatorValue(ValueKind.ACTUAL, FiscalYear(2021), parse_value(text))

    db = open_database(master, create=False)
    try:
        with db.unit_of_work() as uow:
            uow.fields.put_value(PLAN, "g1.a1.k2", ValueKind.ACTUAL, FiscalYear(2021), Revision.CURRENT, value("7"))
        with db.unit_of_work() as uow:
            uow.fields.put_values([
                (PLAN, "g1.a1.k1", ValueKind.ACTUAL, FiscalYear(2021), Revision.CURRENT, value("41.5%")),
                (PLAN, "g1.a1.k2", ValueKind.ACTUAL, FiscalYear(2021), Revision.CURRENT, None),
                (PLAN, "g2.a1.k1", ValueKind.ACTUAL, FiscalYear(2021), Revision.CURRENT, value("1,234人"))])
            assert uow.changed == {keys["g1.a1.k1"]: "41.5%", keys["g1.a1.k2"]: None, keys["g2.a1.k1"]: "1,234人"}
        with db.unit_of_work() as uow:
            uow.fields.put_values([
                (PLAN, "g2.a1.k1", ValueKind.ACTUAL, FiscalYear(2021), Revision.CURRENT, value("2,000人"))])
        with pytest.raises(KeyError, match="no-such-indicator"), db.unit_of_work() as uow:
            uow.fields.put_values([
                (PLAN, "g1.a1.k1", ValueKind.ACTUAL, FiscalYear(2021), Revision.CURRENT, value("1%")),
                (PLAN, "no-such-indicator", ValueKind.ACTUAL, FiscalYear(2021), Revision.CURRENT, value("1"))])
        with db.reading() as uow:
            assert uow.fields.current(keys.values()) == {
                keys["g1.a1.k1"]: "41.5%", keys["g1.a1.k2"]: None, keys["g2.a1.k1"]: "2,000人"}
    finally:
        db.dispose()
