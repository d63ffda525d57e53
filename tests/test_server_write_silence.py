"""A master on a server that stops answering in the middle of the work (the server stuck, a proxy
that lost it): a save gives up after the time-out, as a read does, with a Japanese message naming
the server (never its password), and writes nothing; the window keeps the typed value, unsaved."""

from __future__ import annotations

import glob
from collections.abc import Iterator

import pytest
from silent_server import FreezingLink, no_longer_than

from kodaira_desk.services.editing import content_of, target_of
from kodaira_desk.services.workspace import Workspace, WorkspaceError
from kodaira_desk.store import server

LIMIT = 2.0  # the time-out lowered for the tests
BOUND = 40.0  # a test still waiting after this failed: the write waited without end
FARM_KEY = "value:strategy-2015:g1.a1.k3:actual:2020:"


@pytest.fixture
def link(pg_server: object) -> Iterator[FreezingLink]:
    (path,) = glob.glob(f"{pg_server.socket_dir}/.s.PGSQL.*[0-9]")  # type: ignore[attr-defined]
    proxy = FreezingLink(path)
    yield proxy
    proxy.close()


def _through(link: FreezingLink, pg_server: object, pg_master: str) -> str:
    return (f"postgresql://{pg_server.user}:s3cret@127.0.0.1:{link.port}/"  # type: ignore[attr-defined]
            f"{pg_server.dbname(pg_master)}?sslmode=disable")  # type: ignore[attr-defined]


def _stored(pg_master: str) -> object:
    import psycopg

    with psycopg.connect(server.libpq_url(pg_master)) as con:
        row = con.execute("SELECT COUNT(*) FROM audit_log WHERE field_key = %s", (FARM_KEY,)).fetchone()
    return row[0] if row else None


def test_a_save_on_a_server_gone_silent_gives_up_naming_the_server(  # type: ignore[no-untyped-def]
        link: FreezingLink, pg_server, pg_master: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(server, "ANSWER_TIMEOUT_S", LIMIT)
    url = _through(link, pg_server, pg_master)
    ws = Workspace.open(url, create=False, actor="政策課 山田")
    try:
        ws.load_plans()
        target = target_of(FARM_KEY)
        ws.save({target: content_of(target, "300区画")}, {target: ws.session.stored(target)})  # it answers: saved
        link.freeze()
        with no_longer_than(BOUND), pytest.raises(WorkspaceError) as caught:
            ws.save({target: content_of(target, "365区画")}, {target: content_of(target, "300区画")})
        message = caught.value.message
        assert server.public_url(url) in message and "s3cret" not in message
        assert "応答しなかった" in message and "保存" in message
    finally:
        with no_longer_than(BOUND):
            ws.close()
    assert _stored(pg_master) == 1  # the first save only: nothing of the second was written
