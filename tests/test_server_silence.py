"""A server that accepts the connection and then never answers (tests/silent_server.py): the
start-up's reader (services/opening.py: the other process, or the thread) and a command give up
after the time-out with a Japanese message naming the server (never its password), and psycopg's
own reads end the same way (store/server_wait.py) — never a wait without end."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from silent_server import SilentServer, no_longer_than

from kodaira_desk import cli
from kodaira_desk.services import opening
from kodaira_desk.services.workspace import Workspace, WorkspaceError
from kodaira_desk.store import server

LIMIT = 2.0  # the time-outs lowered for the tests (libpq's connect_timeout is at least 2 s)
BOUND = 30.0  # a test still waiting after this failed: the code under test waited without end


@pytest.fixture(params=["silent", "after_login"])
def hanging(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[SilentServer]:
    monkeypatch.setattr(server, "CONNECT_TIMEOUT_S", int(LIMIT))
    monkeypatch.setattr(server, "ANSWER_TIMEOUT_S", LIMIT)
    fake = SilentServer(request.param)
    yield fake
    fake.close()


def _expected(fake: SilentServer) -> str:
    public = server.public_url(fake.url())
    assert "s3cret" not in public and "127.0.0.1" in public and "kd_master" in public
    if fake.mode == "silent":  # libpq's connect_timeout: not connected
        return (f"{public}: データベースサーバーに接続できませんでした。"
                "サーバー名・ポート・ネットワークを確認してください。")
    return server.silent_message(public)


def test_the_other_process_is_not_waited_for_without_end(hanging: SilentServer) -> None:
    pids: list[int] = []
    with no_longer_than(BOUND, pids), pytest.raises(WorkspaceError) as caught:
        started = opening.OpeningElsewhere(hanging.url())
        pids.append(started._pid)
        started.take()
    assert caught.value.message == _expected(hanging)
    assert "s3cret" not in caught.value.message
    with pytest.raises(ChildProcessError):  # the other process was ended and waited for
        os.waitpid(started._pid, os.WNOHANG)
    if hanging.mode == "after_login":
        assert hanging.logins >= 1  # it was let in, then waited for an answer


def test_the_thread_and_psycopg_give_up_as_the_other_process_does(hanging: SilentServer) -> None:
    with no_longer_than(BOUND), pytest.raises(WorkspaceError) as caught:
        opening.OpeningOnThread(hanging.url()).take()
    assert caught.value.message == _expected(hanging)
    with no_longer_than(BOUND), pytest.raises(WorkspaceError) as itself:
        Workspace.open(hanging.url(), create=False)
    assert itself.value.message == _expected(hanging)


def test_a_psycopg_read_after_login_ends_and_its_connection_is_not_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    import psycopg

    from kodaira_desk.store.server_wait import ServerSilent

    monkeypatch.setattr(server, "ANSWER_TIMEOUT_S", LIMIT)
    fake = SilentServer("after_login")
    reads = server.ReadConnections(fake.url())
    try:
        with no_longer_than(BOUND), pytest.raises(WorkspaceError) as caught, \
                contextmanager(server.read_connection)(reads) as con:  # a read of the window's
            con.fetch_all([("SELECT 1", [])])
        assert caught.value.message == server.silent_message(server.public_url(fake.url()))
        assert isinstance(caught.value.__cause__, ServerSilent)
        assert reads._idle == []  # the unanswered connection was closed, not kept for the next read
        with no_longer_than(BOUND), pytest.raises(ServerSilent):  # a new one, which waits no longer
            server.read_state(reads)
        assert fake.logins == 2
        assert issubclass(ServerSilent, psycopg.OperationalError)
    finally:
        reads.close()
        fake.close()


def test_a_command_on_a_silent_server_says_so_without_a_traceback(
        hanging: SilentServer, capsys: pytest.CaptureFixture[str]) -> None:
    with no_longer_than(BOUND):
        code = cli.main(["--db", hanging.url(), "plans"])
    out = capsys.readouterr()
    assert code != 0 and "Traceback" not in out.err + out.out
    assert _expected(hanging) in out.err + out.out
    assert "s3cret" not in out.err + out.out


def test_a_server_that_answers_in_time_is_read_as_before(pg_master: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The notes the other process writes as it goes do not change what the window takes. The
    limit is lowered, but not to LIMIT: a real server's first screen on a machine loaded by other
    tests (xdist's other worker) may take a second or two before its first byte."""
    monkeypatch.setattr(server, "ANSWER_TIMEOUT_S", 10.0)
    workspace: Any = opening.OpeningElsewhere(pg_master).take()
    try:
        assert sorted(workspace.load_plans().trees.loaded()) == ["program-2021", "restructuring", "strategy-2015"]
    finally:
        workspace.close()
