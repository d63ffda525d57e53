"""Round trips to a server master (issue 27): every plan is read in one pipeline whatever their
number, a read's BEGIN travels with its first query, and opening a master asks its identity and
its tables on one connection. Counted by wrapping psycopg (statements outside a pipeline, each
pipeline, and BEGIN/COMMIT/ROLLBACK), not timed."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
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
        # the plans with their BEGIN, the ROLLBACK that ends the read; no liveness check for a
        # connection used a moment ago
        assert trips == ["pipeline", "b'ROLLBACK'"], trips
        with counted(monkeypatch) as trips, db.reader() as r:
            assert r.meta("data_version")
        assert trips == ["pipeline", "b'ROLLBACK'"], trips
        with counted(monkeypatch) as trips:  # a few facts: BEGIN, the query and ROLLBACK together
            assert db.facts("data_version", "file_kind").keys() == {"data_version"}
        assert trips == ["pipeline"], trips
    finally:
        db.dispose()


@pytest.mark.parametrize("backend", ["postgresql"])
def test_opening_a_master_is_one_round_trip_without_sqlalchemy(backend: str, pg_master: str,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening asks the tables and the identity in one pipeline on a read connection of the
    driver's own; the engine (SQLAlchemy) is made for the first write, and its first-connect
    questions are one query outside a transaction: the version and the string quoting come from
    the connection's start, the schema and the isolation together. No hstore look-up."""
    with counted(monkeypatch) as trips:
        db = open_database(pg_master, create=False)
    try:
        assert trips == ["pipeline"], trips
        assert db._engine is None
        with counted(monkeypatch) as trips, db.engine.connect():
            pass
        assert trips == ["SELECT current_schema(), current_setting"], trips
        assert db.engine.dialect.server_version_info >= (12,)
        assert db.engine.dialect.default_schema_name == "public"
        assert db.engine.dialect.default_isolation_level == "READ COMMITTED"
        assert db.engine.dialect._backslash_escapes is False
    finally:
        db.dispose()


def test_opening_a_master_in_a_process_of_its_own_loads_no_sqlalchemy(pg_master: str, tmp_path: Path) -> None:
    """What the window's start-up on a server reads (the identity, every plan, the 課, the change
    mark) goes through psycopg alone: SQLAlchemy, its dialect and the ORM are not imported."""
    import os
    import subprocess
    import sys

    code = ("import sys\n"
            "from kodaira_desk.services.workspace import Workspace\n"
            f"ws = Workspace.open({pg_master!r}, create=False)\n"
            "ws.read_first_screen()\n"
            "session = ws.load_plans()\n"
            "assert sorted(session.trees) == ['program-2021', 'restructuring', 'strategy-2015'], sorted(session.trees)\n"
            "assert ws.departments() and ws.db.change_mark()\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic')"
            " or m == 'kodaira_desk.store.models'))\n"
            "ws.close()\n")
    env = dict(os.environ, KODAIRA_DESK_DATA_DIR=str(tmp_path / "data"))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False,
                          env=env)
    assert done.stdout.strip() == "[]", done.stdout + done.stderr


@pytest.mark.parametrize("backend", ["postgresql"])
def test_the_window_starts_on_a_server_in_at_most_ten_round_trips(backend: str, pg_master: str, qtbot: Any,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 27 (it was 28): opening (1), whose file it is (1), and everything the first screen
    shows — every plan, the fixed years, the 課, the change mark it watches from (1); a look for
    others' writes is one more."""
    from kodaira_desk.ui.i18n import Translations
    from kodaira_desk.ui.settings import Settings
    from kodaira_desk.ui.window.main_window import MainWindow

    with counted(monkeypatch) as trips:
        w = MainWindow(open_database(pg_master, create=False), Settings(), Translations(qtbot_app()))
        qtbot.addWidget(w)
        w.show()
        w.tasks.wait_idle()  # the first look for others' writes: the mark read with the plans
    try:
        assert trips[:3] == ["pipeline", "pipeline", "pipeline"], trips
        # and, when the window is activated as it shows, a look for others' writes: one more
        assert trips[3:] in ([], ["pipeline"]) and len(trips) <= 10, trips
        assert sorted(w.editor.trees) == ["program-2021", "restructuring", "strategy-2015"]
        assert w.dept_combo.count() > 1  # the 課 came with the plans
    finally:
        w.stop_watching()
        w.close()
        w.db.dispose()


def qtbot_app() -> Any:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance()


@pytest.mark.parametrize("backend", ["postgresql"])
def test_a_connection_idle_for_long_is_checked_and_a_dead_one_replaced(backend: str, pg_master: str,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The liveness check comes only after a connection sat idle; the server having dropped it
    then (a restart, a firewall's timeout) costs nothing but a new connection."""
    from kodaira_desk.store import server_trips

    db = open_database(pg_master, create=False)
    other = psycopg.connect(pg_master, autocommit=True)
    try:
        with db.read() as con:
            pid = con.con.info.backend_pid
        monkeypatch.setattr(server_trips, "IDLE_PING_S", 0.0)  # every connection counts as idle now
        with counted(monkeypatch) as trips, db.reader() as r:
            r.plans()
        assert trips == [";", "pipeline", "b'ROLLBACK'"], trips  # checked first
        other.execute("SELECT pg_terminate_backend(%s)", (pid,))  # the server drops the pool's connection
        with db.reader() as r:
            assert [p for p, _t in r.plans()] == ["strategy-2015", "program-2021", "restructuring"]
        with db.read() as con:
            assert con.con.info.backend_pid != pid  # a new connection took its place
    finally:
        other.close()
        db.dispose()


@pytest.mark.parametrize("backend", ["postgresql"])
def test_an_account_without_rights_on_the_identity_gets_the_message_not_a_traceback(
        backend: str, pg_master: str, pg_server: Any) -> None:
    """Opening asks the identity with the driver itself (one pipeline): its errors still reach the
    person as the Japanese message about the account's rights."""
    from kodaira_desk.store.errors import StoreError

    admin = psycopg.connect(pg_master, autocommit=True)
    try:
        admin.execute("CREATE ROLE kd_no_rights LOGIN")
        admin.execute("REVOKE ALL ON meta FROM PUBLIC")
        url = pg_master.replace("postgresql://postgres@", "postgresql://kd_no_rights@")
        with pytest.raises(StoreError) as caught:
            open_database(url, create=False)
        assert "権限がありません" in caught.value.message
    finally:
        admin.execute("DROP OWNED BY kd_no_rights")
        admin.execute("DROP ROLE kd_no_rights")
        admin.close()
