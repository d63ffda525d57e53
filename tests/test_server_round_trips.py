"""Round trips to a server master (issue 27): every plan is read in one pipeline whatever their
number, a read's BEGIN travels with its first query, and opening a master asks its identity and
its tables on one connection. Counted by wrapping psycopg (statements outside a pipeline, each
pipeline, and BEGIN/COMMIT/ROLLBACK), not timed."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
import pytest

from kodaira_desk.services.database import open_database

_BASE: Any = psycopg.Connection.__mro__[1]  # BaseConnection: BEGIN, COMMIT, ROLLBACK


@contextmanager
def counted(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Each round trip's first words, while the block runs."""
    trips: list[str] = []
    execute, command, pipeline = psycopg.Cursor.execute, _BASE._exec_command, psycopg.Connection.pipeline

    def on_execute(self: Any, query: Any, *args: Any, **kwargs: Any) -> Any:
        if not self.connection._pipeline:
            trips.append(str(query)[:40])
        return execute(self, query, *args, **kwargs)

    def on_command(self: Any, sql: Any, *args: Any, **kwargs: Any) -> Any:
        if not self._pipeline:
            trips.append(str(sql)[:40])
        return command(self, sql, *args, **kwargs)

    def on_pipeline(self: Any) -> Any:
        trips.append("pipeline")
        return pipeline(self)

    with monkeypatch.context() as m:
        m.setattr(psycopg.Cursor, "execute", on_execute)
        m.setattr(_BASE, "_exec_command", on_command)
        m.setattr(psycopg.Connection, "pipeline", on_pipeline)
        yield trips


@pytest.mark.parametrize("backend", ["postgresql"])
def test_every_plan_is_one_round_trip_and_a_fact_is_one(backend: str, pg_master: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    db = open_database(pg_master, create=False)
    try:
        with db.reader() as r:  # a first reading: the pool's connection made
            r.plans()
        with counted(monkeypatch) as trips, db.reader() as r:
            trees = r.load_all()
        assert [t.plan.id for t in trees] == ["strategy-2015", "program-2021", "restructuring"]
        # the pool's liveness check, the plans with their BEGIN, the ROLLBACK that ends the read
        assert trips == [";", "pipeline", "b'ROLLBACK'"], trips
        with counted(monkeypatch) as trips, db.reader() as r:
            assert r.meta("data_version")
        assert trips == [";", "pipeline", "b'ROLLBACK'"], trips
    finally:
        db.dispose()


@pytest.mark.parametrize("backend", ["postgresql"])
def test_opening_a_master_asks_its_identity_on_one_connection(backend: str, pg_master: str,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    with counted(monkeypatch) as trips:
        db = open_database(pg_master, create=False)
    db.dispose()
    # SQLAlchemy's first-connect questions (version, schema, isolation, quoting), then one
    # transaction: the tables, the identity
    assert len(trips) <= 10, trips
    assert not any("typname" in t for t in trips), trips  # no hstore look-up
