"""A master on a server opened by a process of its own as the window starts (issue 27,
services/opening.py): its identity and first screen come from the other process, the same as the
window reading them itself; what the other process cannot settle (not a master, an earlier
version, an error that is not the driver's) the window opens itself, as before."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import psycopg
import pytest

from kodaira_desk.services import opening
from kodaira_desk.services.workspace import Workspace, WorkspaceError
from kodaira_desk.store import libpq_read, server
from kodaira_desk.store.database import SCHEMA_VERSION
from kodaira_desk.store.first_screen import FirstScreenRead
from kodaira_desk.store.reader import metas_query

_BASE: Any = psycopg.Connection.__mro__[1]  # BaseConnection: BEGIN, COMMIT, ROLLBACK


@pytest.fixture
def connects(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The processes (their ids) that connected to the server, noted by this process only."""
    made: list[int] = []
    here = os.getpid()
    connect = psycopg.connect

    def noted(*args: Any, **kwargs: Any) -> Any:
        if os.getpid() == here:
            made.append(here)
        return connect(*args, **kwargs)

    monkeypatch.setattr(psycopg, "connect", noted)
    from kodaira_desk.store.server_wait import AnsweringConnection  # the reads' connections

    answering = AnsweringConnection.connect

    def noted_answering(*args: Any, **kwargs: Any) -> Any:
        if os.getpid() == here:
            made.append(here)
        return answering(*args, **kwargs)

    monkeypatch.setattr(AnsweringConnection, "connect", noted_answering)
    return made


def _read_itself(url: str) -> Workspace:
    workspace = Workspace.open(url, create=False)
    workspace.read_first_screen()
    return workspace


def test_the_first_screen_comes_from_the_other_process_as_the_window_would_read_it(
        pg_master: str, connects: list[int]) -> None:
    process = opening.OpeningElsewhere(pg_master)
    taken = process.take()
    try:
        with pytest.raises(ChildProcessError):  # the other process has ended and was waited for
            os.waitpid(process._pid, os.WNOHANG)
        departments, mark, session = taken.departments(), taken.change_mark(), taken.load_plans()
        plans, listing = session.trees.loaded(), session.trees.listing()
        assert connects == []  # nothing of it asked of the server from this process
        assert taken.clerk is None and taken.on_server and "産業振興課" in departments
        assert sorted(plans) == ["program-2021", "restructuring", "strategy-2015"]
        itself = _read_itself(pg_master)
        try:
            assert taken.location == itself.location
            assert departments == itself.departments() and mark == itself.change_mark()
            theirs = itself.load_plans()
            assert plans == theirs.trees.loaded()  # every plan's every field
            assert listing == theirs.trees.listing() and session.locked_years == theirs.locked_years
        finally:
            itself.close()
    finally:
        taken.close()


def test_the_other_process_asks_in_two_round_trips(pg_master: str, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The identity (one pipeline outside a transaction), then whose file it is and everything the
    first screen shows in one pipeline with the read's BEGIN and ROLLBACK. Counted in the other
    process (libpq's client and psycopg wrapped before the fork), written to a file."""
    log = tmp_path / "trips"
    pipeline, execute, command = psycopg.Connection.pipeline, psycopg.Cursor.execute, _BASE._exec_command

    def note(what: str) -> None:
        with log.open("a", encoding="utf-8") as out:
            out.write(f"{os.getpid()} {what}\n")

    def on_pipeline(self: Any) -> Any:
        note("pipeline")
        return pipeline(self)

    def on_execute(self: Any, query: Any, *args: Any, **kwargs: Any) -> Any:
        if not self.connection._pipeline:
            note(str(query)[:30])
        return execute(self, query, *args, **kwargs)

    def on_command(self: Any, sql: Any, *args: Any, **kwargs: Any) -> Any:
        if not self._pipeline:
            note(str(sql)[:30])
        return command(self, sql, *args, **kwargs)

    ask = libpq_read.Connection.ask

    def on_ask(self: libpq_read.Connection, statements: Any) -> Any:
        note("pipeline")
        return ask(self, statements)

    monkeypatch.setattr(psycopg.Connection, "pipeline", on_pipeline)
    monkeypatch.setattr(psycopg.Cursor, "execute", on_execute)
    monkeypatch.setattr(_BASE, "_exec_command", on_command)
    monkeypatch.setattr(libpq_read.Connection, "ask", on_ask)
    workspace = opening.OpeningElsewhere(pg_master).take()
    try:
        trips = log.read_text(encoding="utf-8").split("\n")[:-1]
        assert [t.split(" ", 1)[1] for t in trips] == ["pipeline", "pipeline"], trips
        assert {t.split(" ", 1)[0] for t in trips} != {str(os.getpid())}
        assert sorted(workspace.load_plans().trees.loaded()) == ["program-2021", "restructuring", "strategy-2015"]
    finally:
        workspace.close()


def test_after_the_warm_up_the_next_read_connects_nothing(pg_master: str, connects: list[int]) -> None:
    """The window's process has no connection of its own after the other process read for it: the
    warm-up (the window's runner, once it is shown) makes one, and the reads after it use it."""
    workspace = opening.OpeningElsewhere(pg_master).take()
    try:
        assert workspace.change_mark()  # the one read with the first screen
        assert connects == []
        workspace.warm_up()
        assert connects == [os.getpid()]
        workspace.warm_up()  # one is kept already
        assert workspace.change_mark() and workspace.departments()  # read on the kept connection
        assert connects == [os.getpid()]
    finally:
        workspace.close()


def test_a_department_file_put_on_a_server_is_opened_in_clerk_mode_and_read_by_the_window(pg_master: str) -> None:
    with psycopg.connect(server.libpq_url(pg_master)) as con:
        for key, value in (("file_kind", "department"), ("department", "産業振興課"), ("fiscal_year", "2020"),
                           ("handout_id", "h-2020")):
            con.execute("INSERT INTO meta(key, value) VALUES (%s, %s) ON CONFLICT (key) DO UPDATE "
                        "SET value = excluded.value", (key, value))
    workspace = opening.OpeningElsewhere(pg_master).take()
    try:
        assert workspace.clerk is not None and workspace.clerk.department == "産業振興課"
        session = workspace.load_plans()  # read here, with the department file's carried texts
        assert "strategy-2015" in session.trees
    finally:
        workspace.close()


def test_not_a_master_or_a_newer_one_is_refused_with_the_windows_own_message(pg_master: str,
                                                                             pg_server: Any) -> None:
    empty: str = pg_server.create_database("empty")
    with pytest.raises(WorkspaceError) as caught:
        opening.OpeningElsewhere(empty).take()
    with pytest.raises(WorkspaceError) as itself:
        Workspace.open(empty, create=False)
    assert caught.value.message == itself.value.message and "Kodaira Desk のデータベースではありません" in itself.value.message
    with psycopg.connect(server.libpq_url(pg_master)) as con:
        con.execute("UPDATE meta SET value = %s WHERE key = 'kd_schema_version'", (str(SCHEMA_VERSION + 1),))
    with pytest.raises(WorkspaceError) as caught:
        opening.OpeningElsewhere(pg_master).take()
    assert "新しい版" in caught.value.message and server.display_name(pg_master) in caught.value.message


def test_a_master_an_earlier_version_made_is_upgraded_by_the_window_then_read(pg_master: str, tmp_path: Path) -> None:
    with psycopg.connect(server.libpq_url(pg_master)) as con:  # as a master of version 8 (migration 0009's tables gone)
        for table in ("attachments", "evidence_files", "questions", "field_notes"):
            con.execute(f"DROP TABLE IF EXISTS {table}")
        con.execute("UPDATE alembic_version SET version_num = '0008'")
        con.execute("UPDATE meta SET value = '8' WHERE key = 'kd_schema_version'")
    workspace = opening.OpeningElsewhere(pg_master).take()
    try:
        assert sorted(workspace.load_plans().trees.loaded()) == ["program-2021", "restructuring", "strategy-2015"]
        assert list((tmp_path / "userdata" / "servers").rglob("*.v8-backup.sqlite"))
    finally:
        workspace.close()
    with psycopg.connect(server.libpq_url(pg_master)) as con:
        assert con.execute("SELECT value FROM meta WHERE key = 'kd_schema_version'").fetchone() == (str(SCHEMA_VERSION),)


def test_an_error_that_is_not_the_drivers_leaves_the_opening_to_the_window(pg_master: str,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    here = os.getpid()
    read_state = server.read_state

    def broken_elsewhere(reads: server.ReadConnections) -> Any:
        if os.getpid() != here:
            raise RuntimeError("a bug in the other process")
        return read_state(reads)

    monkeypatch.setattr(server, "read_state", broken_elsewhere)
    workspace = opening.OpeningElsewhere(pg_master).take()
    try:
        assert workspace.clerk is None and "産業振興課" in workspace.departments()
    finally:
        workspace.close()


def test_without_a_process_to_be_had_the_master_is_opened_on_a_thread(pg_master: str,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise BlockingIOError("Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    started = opening.opening(pg_master)
    assert isinstance(started, opening.OpeningOnThread)
    workspace = started.take()
    try:
        assert sorted(workspace.load_plans().trees.loaded()) == ["program-2021", "restructuring", "strategy-2015"]
    finally:
        workspace.close()


@pytest.mark.parametrize("scale", [1, 10])
def test_libpqs_own_rows_are_psycopgs_value_for_value_and_type_for_type(scale: int, pg_master: str,
                                                                        pg_server: Any, tmp_path: Path) -> None:
    """The other process reads through libpq itself (store/libpq_read.py: no psycopg to import);
    every first-screen query answers there as psycopg answers it."""
    url = pg_master
    if scale > 1:
        from benchmarks.scale import build_scaled
        from kodaira_desk.services.database import copy_database

        url = pg_server.create_database("scaled")
        copy_database(build_scaled(tmp_path / "scaled.sqlite", scale, distinct_department_copies=2), url)
    queries = [metas_query(("file_kind", "data_version")), *FirstScreenRead(None, carried=True, mark=True).queries]
    con = libpq_read.Connection(server.libpq_url(url))
    try:
        ours = con.ask([("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", []), *queries, ("ROLLBACK", [])])[1:-1]
    finally:
        con.close()
    reads = server.ReadConnections(url)
    try:
        theirs = [list(rows) for rows in server.PgConnection(reads.take()).fetch_all(queries, end=True)]
    finally:
        reads.close()
    assert sum(map(len, ours)) > 1000 and ours == theirs
    assert [[tuple(map(type, row)) for row in rows] for rows in ours] == \
           [[tuple(map(type, row)) for row in rows] for rows in theirs]


def test_without_libpqs_own_client_the_other_process_reads_with_psycopg(
        pg_master: str, monkeypatch: pytest.MonkeyPatch, connects: list[int]) -> None:
    def no_library() -> Any:
        raise libpq_read.NotHere("no libpq")

    monkeypatch.setattr(libpq_read, "_library", no_library)
    workspace = opening.OpeningElsewhere(pg_master).take()
    try:
        assert connects == []  # read by the other process, not left to this one
        assert sorted(workspace.load_plans().trees.loaded()) == ["program-2021", "restructuring", "strategy-2015"]
    finally:
        workspace.close()


def test_a_server_that_does_not_answer_in_time_is_not_asked_again(pg_master: str,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """libpq's own client met connect_timeout: the message is psycopg's for a timeout, and nobody
    (neither psycopg in the other process nor the window) waits that long again."""
    def timed_out(self: libpq_read.Connection, conninfo: str, **_how: Any) -> None:
        raise libpq_read.NotHere('connection to server at "db.city.local" failed: timeout expired', timed_out=True)

    def never(self: server.ReadConnections) -> Any:
        raise AssertionError("asked again")

    monkeypatch.setattr(libpq_read.Connection, "__init__", timed_out)
    monkeypatch.setattr(server.ReadConnections, "_connect", never)
    with pytest.raises(WorkspaceError) as caught:
        opening.OpeningElsewhere(pg_master).take()
    assert caught.value.message == (f"{server.public_url(pg_master)}: データベースサーバーに接続できませんでした。"
                                    "サーバー名・ポート・ネットワークを確認してください。")


def test_the_plan_in_force_is_among_the_plans_the_other_process_reads(pg_master: str) -> None:
    """The division made the next plan this year (stored after the others): the master read by the
    other process reads it whole with the first screen, as the window reading it itself does."""
    from datetime import date

    from kodaira_desk.domain.fiscal_year import FiscalYear
    from kodaira_desk.services.database import open_database
    from kodaira_desk.services.plan_editing.next_period import copy_plan

    year = FiscalYear.of(date.today()).year
    db = open_database(pg_master, create=False)
    try:
        copy_plan(db, "program-2021", "program-2025", FiscalYear(year - 1), FiscalYear(year + 2))
    finally:
        db.dispose()
    taken = opening.OpeningElsewhere(pg_master).take()
    try:
        itself = _read_itself(pg_master)
        try:
            read = taken.load_plans().trees.loaded()
            assert "program-2025" in read and len(read) == 3
            assert read == itself.load_plans().trees.loaded()
        finally:
            itself.close()
    finally:
        taken.close()
