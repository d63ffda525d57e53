"""A snapshot of field values written as SQL on the unit of work's connection (issue 27: the ORM's
get, add and flush of its row were a part of every collected file's merge): the rows are those the
ORM wrote before — the same id, parent and text, one row however often the same fields are saved —,
read back whole and as changes to a parent, on a file master and a server, and rolled back with a
savepoint as the merge of a refused file is."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from kodaira_desk.domain.merge import FieldValue
from kodaira_desk.services.database import open_database
from kodaira_desk.store import models as m

KEYS = st.sampled_from([f"value:strategy-2015:g1.a{i}.k1:actual:2020:" for i in range(6)]
                       + ["progress:strategy-2015:g1.a1.m2:2020:narrative", "note:value:s:k:actual:2020:"])
FIELDS = st.dictionaries(KEYS, st.one_of(st.none(), st.text(max_size=12)), max_size=8)


def _orm_save(session: Any, fields: dict[str, FieldValue], parent: str | None = None) -> str:
    """The road before: the ORM's get, add and flush (the reference the SQL road is compared with)."""
    if parent is None:
        fields = {k: v for k, v in fields.items() if v is not None}
    text = json.dumps(dict(sorted(fields.items())), ensure_ascii=False)
    sid = hashlib.sha256(f"{parent or ''}\n{text}".encode()).hexdigest()
    if session.get(m.SnapshotRow, sid) is None:
        session.add(m.SnapshotRow(id=sid, parent_id=parent, fields_json=text))
        session.flush()
    return sid


def _rows(uow: Any) -> list[tuple[str, str | None, str]]:
    rows = uow.rounds.s.execute(select(m.SnapshotRow.id, m.SnapshotRow.parent_id, m.SnapshotRow.fields_json))
    return sorted((r[0], r[1], r[2]) for r in rows)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(whole=FIELDS, changes=st.lists(FIELDS, max_size=4))
def test_snapshot_rows_are_the_orms_and_read_back_whole(built_db_template: Path, tmp_path_factory: Any,
                                                      whole: dict[str, FieldValue],
                                                      changes: list[dict[str, FieldValue]]) -> None:
    db = open_database(built_db_template, create=False)
    try:
        with db.reading() as uow:  # rolled back at the end: the template is left as it was
            before = _rows(uow)
            sql = [uow.rounds.save_snapshot(whole)]
            for part in changes:
                sql.append(uow.rounds.save_snapshot(part, sql[-1]))
            sql.append(uow.rounds.save_snapshot(whole))  # the same fields again: no second row
            by_sql = _rows(uow)
            expected: dict[str, FieldValue] = {k: v for k, v in whole.items() if v is not None}
            for sid, part in zip(sql[1:], changes, strict=False):
                expected = {k: v for k, v in {**expected, **part}.items() if v is not None}
                assert uow.rounds.load_snapshot(sid) == expected
            uow.rounds.s.rollback()
        with db.reading() as uow:
            orm = [_orm_save(uow.rounds.s, whole)]
            for part in changes:
                orm.append(_orm_save(uow.rounds.s, part, orm[-1]))
            orm.append(_orm_save(uow.rounds.s, whole))
            by_orm = _rows(uow)
            uow.rounds.s.rollback()
    finally:
        db.dispose()
    assert sql == orm
    assert by_sql == by_orm
    assert len(by_sql) == len(before) + len(set(sql))


def test_a_snapshot_is_rolled_back_with_its_savepoint_and_written_again(master: Path | str) -> None:
    """A refused file's merge is rolled back to its savepoint: its snapshot goes with it, and the
    same snapshot saved again afterwards is there (on a file master and on a server)."""
    db = open_database(master, create=False)
    try:
        with db.unit_of_work() as uow:
            base = uow.rounds.save_snapshot({"value:s:k:actual:2020:": "1"})
            nested = uow.rounds.s.begin_nested()
            sid = uow.rounds.save_snapshot({"value:s:k:actual:2020:": "2"}, base)
            nested.rollback()
            assert sid not in {r[0] for r in _rows(uow)}
            assert uow.rounds.save_snapshot({"value:s:k:actual:2020:": "2"}, base) == sid
        with db.reading() as uow:
            assert uow.rounds.load_snapshot(sid) == {"value:s:k:actual:2020:": "2"}
            assert uow.rounds.load_snapshot(base) == {"value:s:k:actual:2020:": "1"}
    finally:
        db.dispose()
