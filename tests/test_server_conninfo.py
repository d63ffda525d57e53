"""A server master's connection settings (store/server_conninfo.py): the app's defaults added only
where the URL says nothing, the same on the three roads to the server (the start-up's libpq reader,
psycopg's read connections, SQLAlchemy's engine); libpq's reading of a URL is psycopg's own
`conninfo_to_dict` (libpq's PQconninfoParse), which ours is held to."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from kodaira_desk.services import opening
from kodaira_desk.store import libpq_read, server, server_conninfo

DEFAULTS = {"connect_timeout": server.CONNECT_TIMEOUT_S, **server.KEEPALIVES}
KEYWORDS = [*DEFAULTS, "sslmode", "application_name", "host", "port", "options"]


def _expected(conninfo: str) -> dict[str, Any]:
    """libpq's reading of `conninfo` with the defaults under it: its own settings win."""
    return {**{key: str(value) for key, value in DEFAULTS.items()}, **conninfo_to_dict(conninfo)}


_value = st.text(st.sampled_from("abz09-_./ =&?'\\%"), min_size=1, max_size=8)
_host = st.sampled_from(["db.city.local", "10.0.0.5:5433", "", "%2Fvar%2Frun%2Fpostgresql", "u:pa%3Fss@h",
                         "[::1]:5432"])


@st.composite
def _urls(draw: st.DrawFn) -> str:
    pairs = draw(st.lists(st.tuples(st.sampled_from(KEYWORDS), _value), max_size=5))
    query = "&".join(
        (quote(key) if draw(st.booleans()) else key) + "=" + quote(value, safe="")
        for key, value in pairs)
    scheme = draw(st.sampled_from(["postgresql://", "postgres://", "POSTGRESQL://"]))
    ending = draw(st.sampled_from(["", "?", "&", "&&"])) if query else draw(st.sampled_from(["", "?"]))
    lead = "?" if query else ""
    return f"{scheme}{draw(_host)}/{draw(st.sampled_from(['kodaira', '', 'db%20x']))}{lead}{query}{ending}"


@st.composite
def _keyword_strings(draw: st.DrawFn) -> str:
    pairs = draw(st.lists(st.tuples(st.sampled_from(KEYWORDS), _value), min_size=1, max_size=5))
    parts = []
    for key, value in pairs:
        quoted = "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
        plain = "".join("\\" + c if c in "\\' " else c for c in value)
        space = draw(st.sampled_from(["", " "]))
        parts.append(f"{key}{space}={space}{draw(st.sampled_from([quoted, plain]))}")
    return draw(st.sampled_from([" ", "  ", "\t"])).join(parts) + draw(st.sampled_from(["", " "]))


@settings(max_examples=400, deadline=None)
@given(_urls() | _keyword_strings())
def test_our_reading_of_a_url_is_libpqs(conninfo: str) -> None:
    try:
        theirs = conninfo_to_dict(conninfo)
    except Exception:  # a string libpq refuses (our rewriting need not mend it)
        return
    assert {key for key in DEFAULTS if key in server_conninfo.url_keywords(conninfo)} == \
           {key for key in DEFAULTS if key in theirs}
    assert conninfo_to_dict(server_conninfo.with_defaults(conninfo, DEFAULTS)) == _expected(conninfo)


class _NotConnecting(Exception):
    pass


@pytest.mark.parametrize("url", [
    "postgresql://h/db?", "postgresql://h/db?sslmode=require&", "postgres://h/db",
    "postgresql://h/db?connect_timeout=30&keepalives_idle=300", "postgresql://h/db?connect%5Ftimeout=30&",
    "postgresql:///kodaira?host=/var/run/postgresql", "postgresql://%2Fvar%2Frun%2Fpostgresql/kodaira?",
    "postgresql://u:pa%3Fss@h/db?tcp_user_timeout=1000&"])
def test_each_road_connects_with_the_urls_own_settings_and_the_defaults_under_them(
        url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    libpq_road = conninfo_to_dict(server.connect_conninfo(url))  # the start-up's reader
    psycopg_road = conninfo_to_dict(make_conninfo(server.connect_conninfo(url), password="typed"))
    from kodaira_desk.store.server_wait import AnsweringConnection

    engine = server.make_server_engine(url)
    asked: list[dict[str, Any]] = []

    def connecting(_cls: type, conninfo: str = "", **params: Any) -> Any:
        asked.append({**conninfo_to_dict(conninfo), **params})  # what the engine hands psycopg's connect
        raise _NotConnecting

    monkeypatch.setattr(AnsweringConnection, "connect", classmethod(connecting))
    try:
        with pytest.raises(_NotConnecting):
            engine.connect()
    finally:
        engine.dispose()
    params = {key: value for key, value in asked[0].items() if key != "context"}  # psycopg's adapters
    sqlalchemy_road = conninfo_to_dict(make_conninfo("", **params))
    expected = _expected(server.libpq_url(url))
    for road in (libpq_road, psycopg_road, sqlalchemy_road):
        assert {key: road.get(key) for key in DEFAULTS} == {key: expected[key] for key in DEFAULTS}
    assert psycopg_road["password"] == "typed"  # a password typed by a person still goes along


def test_a_vpn_users_connect_timeout_is_kept_on_every_road() -> None:
    url = "postgresql://h/db?connect_timeout=30&keepalives_idle=300"
    assert server.connect_defaults(url) == {key: value for key, value in DEFAULTS.items()
                                            if key not in ("connect_timeout", "keepalives_idle")}
    assert conninfo_to_dict(server.connect_conninfo(url))["connect_timeout"] == "30"


def _effective(con: Any) -> dict[str, str]:
    """What libpq connected with (PQconninfo), for the app's keywords."""
    values = {option.keyword.decode(): option.val.decode() for option in con.pgconn.info if option.val is not None}
    return {key: values.get(key, "") for key in DEFAULTS}


def _ending_in(pg_master: str, ending: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """pg_master (`postgresql://user@/db?host=/dir`) ending in `ending`; for a bare "?" the socket's
    folder is PGHOST (SQLAlchemy does not decode a host `%2Fdir`: the URL's query says host=)."""
    if ending != "?":
        return pg_master + ending
    head, _, host = pg_master.partition("?host=")
    monkeypatch.setenv("PGHOST", host)
    return head + "?"


@pytest.mark.parametrize("ending", ["?", "&", "&connect_timeout=30&keepalives_idle=300"])
def test_the_server_is_connected_to_with_the_same_settings_on_every_road(
        pg_master: str, ending: str, monkeypatch: pytest.MonkeyPatch) -> None:
    url = _ending_in(pg_master, ending, monkeypatch)
    seen: list[str] = []
    made = libpq_read.Connection.__init__

    def noted(self: libpq_read.Connection, conninfo: str, **how: Any) -> None:
        seen.append(conninfo)
        made(self, conninfo, **how)

    monkeypatch.setattr(libpq_read.Connection, "__init__", noted)
    libpq_read.Connection(server.connect_conninfo(url)).close()  # connected: libpq took it
    reads = server.ReadConnections(url)
    con = reads.take()
    try:
        psycopg_road = _effective(con)
    finally:
        con.close()
        reads.close()
    engine = server.make_server_engine(url)
    try:
        with engine.connect() as connection:
            sqlalchemy_road = _effective(connection.connection.driver_connection)
    finally:
        engine.dispose()
    libpq_road = {key: conninfo_to_dict(seen[0]).get(key, "") for key in DEFAULTS}
    expected = {key: str(value) for key, value in DEFAULTS.items()}
    if "connect_timeout=30" in url:
        expected |= {"connect_timeout": "30", "keepalives_idle": "300"}
    assert libpq_road == psycopg_road == sqlalchemy_road == expected


@pytest.mark.parametrize("ending", ["?", "&"])
def test_the_start_up_reads_a_url_ending_in_a_separator_through_libpq(
        pg_master: str, ending: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: `…/db?&connect_timeout=10` (libpq: missing key/value separator), the other process
    fell back to psycopg or left the opening to the window. Now libpq's own client reads it: the
    psycopg road is refused in both processes, and the other process wrote what it connected with."""
    url = _ending_in(pg_master, ending, monkeypatch)
    log = tmp_path / "conninfo"
    made = libpq_read.Connection.__init__

    def noted(self: libpq_read.Connection, conninfo: str, **how: Any) -> None:
        log.write_text(f"{os.getpid()}\n{conninfo}", encoding="utf-8")
        made(self, conninfo, **how)

    def never(self: server.ReadConnections) -> Any:
        raise AssertionError("read with psycopg")

    monkeypatch.setattr(libpq_read.Connection, "__init__", noted)
    monkeypatch.setattr(server.ReadConnections, "_connect", never)
    workspace = opening.OpeningElsewhere(url).take()
    try:
        assert sorted(workspace.load_plans().trees.loaded()) == ["program-2021", "restructuring", "strategy-2015"]
    finally:
        workspace.close()
    pid, conninfo = log.read_text(encoding="utf-8").split("\n", 1)
    assert int(pid) != os.getpid()
    assert {key: conninfo_to_dict(conninfo).get(key) for key in DEFAULTS} == \
           {key: str(value) for key, value in DEFAULTS.items()}


def _written_by(workspace: Any) -> None:
    """A save through the workspace (SQLAlchemy's engine), then a read of it (psycopg's)."""
    from kodaira_desk.services.editing import content_of, target_of

    workspace.load_plans()
    target = target_of("value:strategy-2015:g1.a1.k3:actual:2020:")
    workspace.save({target: content_of(target, "365区画")}, {target: workspace.session.stored(target)})
    (tree,) = [t for t in workspace.load_all() if t.plan.id == "strategy-2015"]  # read back (psycopg)
    assert any(str(v.value) == "365区画" for v in tree.indicator("g1.a1.k3").values)


def test_a_socket_folder_written_as_the_host_percent_encoded_works_for_saving_too(
        pg_server: Any, pg_master: str) -> None:
    """`postgresql://user@%2Fdir%2Fsocket/db` (the form libpq's documentation shows): the start-up
    read it; the first save (SQLAlchemy) tried a host named '%2Fdir…' and failed."""
    from urllib.parse import quote

    from kodaira_desk.services.workspace import Workspace

    url = f"postgresql://{pg_server.user}@{quote(str(pg_server.socket_dir), safe='')}/{pg_server.dbname(pg_master)}"
    workspace = Workspace.open(url, create=False, actor="政策課 山田")
    try:
        _written_by(workspace)
    finally:
        workspace.close()


def test_pg_environment_variables_fill_in_what_the_url_leaves_out(
        pg_server: Any, pg_master: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """PGHOST, PGUSER, PGDATABASE (and PGCONNECT_TIMEOUT) used as libpq uses them, on every road: the
    URL `postgresql://` says nothing, the environment says everything; our default connect_timeout
    does not override the environment's."""
    from kodaira_desk.services.workspace import Workspace

    monkeypatch.setenv("PGHOST", str(pg_server.socket_dir))
    monkeypatch.setenv("PGUSER", pg_server.user)
    monkeypatch.setenv("PGDATABASE", pg_server.dbname(pg_master))
    monkeypatch.setenv("PGCONNECT_TIMEOUT", "33")
    url = "postgresql://"
    assert "connect_timeout" not in server.connect_defaults(url)
    assert "connect_timeout" not in conninfo_to_dict(server.connect_conninfo(url))
    workspace = Workspace.open(url, create=False, actor="政策課 山田")
    try:
        _written_by(workspace)
    finally:
        workspace.close()


def test_each_default_is_left_to_the_environment_variable_libpq_reads_for_it() -> None:
    """server_conninfo's table of environment variables is libpq's own (PQconndefaults)."""
    from psycopg import pq

    libpq = {option.keyword.decode(): option.envvar.decode() for option in pq.Conninfo.get_defaults()
             if option.envvar}
    assert {key: libpq.get(key) for key in DEFAULTS if key in libpq} == \
           {key: server_conninfo.ENVIRONMENT[key] for key in DEFAULTS if key in server_conninfo.ENVIRONMENT}
