"""The round's snapshots and import records written as SQL on the unit of work's connection (issue
27: the ORM's get, add and flush of their rows were a part of every collected file's merge): the rows
are those the ORM wrote before — a snapshot's id, parent and text, one row however often the same
fields are saved; an import's every column and its record —, read back whole and as changes to a
parent, on a file master and a server, and rolled back with a savepoint as the merge of a refused
file is."""

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


IMPORTS = st.fixed_dictionaries({
    "sha256": st.text("0123456789abcdef", min_size=1, max_size=8), "file_name": st.text(min_size=1, max_size=10),
    "received_at": st.just("2026-12-07T07:00:00"), "result": st.sampled_from(["merged", "refused", "unfilled"]),
    "reason_code": st.one_of(st.none(), st.just("stale")), "message": st.one_of(st.none(), st.text(max_size=10)),
    "applied": st.integers(0, 9), "conflicts": st.integers(0, 9), "stored_copy": st.one_of(st.none(), st.just("a.kdesk")),
    "department": st.one_of(st.none(), st.just("産業振興課")), "revision": st.one_of(st.none(), st.integers(0, 9)),
    "saved_at": st.one_of(st.none(), st.just("2026-12-01")), "actor": st.one_of(st.none(), st.just("政策課 山田")),
    "held": st.integers(0, 3), "saved_by": st.one_of(st.none(), st.just("田中")), "head_check_by": st.none(),
    "head_check_at": st.none(), "unchanged": st.integers(0, 3), "carried": st.integers(0, 3),
    "flags": st.sampled_from(["", "late"]), "saved_with": st.one_of(st.none(), st.just("LibreOffice")),
})


def _orm_import(session: Any, **values: Any) -> Any:
    """The road before: the ORM's add and flush."""
    from kodaira_desk.store.round_repository import _import

    row = m.ImportRow(**values)
    session.add(row)
    session.flush()
    return _import(row)


def _import_rows(uow: Any) -> list[tuple[Any, ...]]:
    table = m.ImportRow.__table__
    return [tuple(r) for r in uow.rounds.s.execute(select(table).order_by(table.c.id))]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(imports=st.lists(IMPORTS, min_size=1, max_size=3))
def test_import_records_and_rows_are_the_orms(built_db_template: Path, imports: list[dict[str, Any]]) -> None:
    db = open_database(built_db_template, create=False)
    try:
        with db.reading() as uow:
            by_sql = [uow.rounds.add_import(handout_id=None, **values) for values in imports]
            sql_rows = _import_rows(uow)
            assert [uow.rounds.import_record(r.id) for r in by_sql] == by_sql  # read back as written
            uow.rounds.s.rollback()
        with db.reading() as uow:
            by_orm = [_orm_import(uow.rounds.s, handout_id=None, **values) for values in imports]
            orm_rows = _import_rows(uow)
            uow.rounds.s.rollback()
    finally:
        db.dispose()
    assert by_sql == by_orm
    assert sql_rows == orm_rows


def test_an_import_of_a_handout_is_rolled_back_with_its_savepoint(master: Path | str, tmp_path: Path) -> None:
    """On a file master and a server: an import record of a hand-out, its id as the table gives it,
    gone with its savepoint and the next one written after."""
    from round_helpers import R2

    from kodaira_desk.services.rounds.handout import handout

    db = open_database(master, create=False)
    try:
        (f,) = handout(db, R2, tmp_path / "配布", ["産業振興課"])
        with db.unit_of_work() as uow:
            first = uow.rounds.add_import(handout_id=f.handout_id, sha256="a", file_name="a.kdesk",
                                          received_at="2026-12-07", result="merged", applied=2)
            nested = uow.rounds.s.begin_nested()
            uow.rounds.add_import(handout_id=f.handout_id, sha256="b", file_name="b.kdesk",
                                  received_at="2026-12-07", result="merged")
            nested.rollback()
            last = uow.rounds.add_import(handout_id=f.handout_id, sha256="c", file_name="c.kdesk",
                                         received_at="2026-12-07", result="refused", reason_code="stale")
        with db.reading() as uow:
            records = uow.rounds.imports(2020)
    finally:
        db.dispose()
    assert first.id < last.id
    assert [(r.id, r.sha256, r.handout_id, r.applied, r.reason_code) for r in records] == [
        (first.id, "a", f.handout_id, 2, None), (last.id, "c", f.handout_id, 0, "stale")]
