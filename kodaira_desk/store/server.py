"""The master on a PostgreSQL server: what differs from a SQLite file, kept here in `store/`.

- Identity: SQLite keeps it in the file header (application_id, user_version); on PostgreSQL it
  is two rows of the `meta` table (IDENTITY_KEYS), written by `create_schema`.
- Writers are serialised by a transaction-level advisory lock (`pg_advisory_xact_lock`), the
  counterpart of SQLite's BEGIN IMMEDIATE: a save or a collection takes it before it reads what
  it will compare, and it is released by COMMIT or ROLLBACK. Waiting past BUSY_TIMEOUT_S is a
  lock timeout, reported as BusyError like a busy SQLite file.
- Reading whole plans: the reader (reader.py) speaks the sqlite3 API; `PgConnection` answers
  the same calls (`execute(sql, params)` with `?` placeholders, rows by index and by name).
- Passwords: libpq reads PGPASSWORD and ~/.pgpass itself; a password typed by a person is kept
  in memory only (`Database.password`) and never written into a URL that is shown or stored.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from kodaira_desk.store import errors, server_conninfo, server_trips, server_url

if TYPE_CHECKING:
    from sqlalchemy import Engine

SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")
# meta rows holding the identity on PostgreSQL (SQLite: the file header)
APPLICATION_KEY = "kd_application_id"
VERSION_KEY = "kd_schema_version"
IDENTITY_KEYS = (APPLICATION_KEY, VERSION_KEY)
# the advisory lock every writer of one master takes ("KDSK", as the SQLite application_id)
LOCK_KEY = 0x4B44534B
# how long a connection may take (libpq's connect_timeout), and how long a server that let us in
# may send nothing at all while a read waits for its answer (store/server_wait.py;
# services/opening.py). A silence, not a total time: a read whose bytes keep coming (a slow VPN) is
# never cut. 60 s, not less: a working server may say nothing for a while before it answers (a
# query waiting behind a schema upgrade's or VACUUM FULL's lock). A peer that died or a network
# that dropped is found sooner by TCP keepalives (KEEPALIVES: some 20 s for a silent peer, 30 s for
# data sent and never acknowledged), not by this limit.
CONNECT_TIMEOUT_S = 10
ANSWER_TIMEOUT_S = 60.0
# libpq's TCP keepalive settings on every connection (ignored on a Unix socket)
KEEPALIVES: dict[str, int] = {"keepalives": 1, "keepalives_idle": 10, "keepalives_interval": 5,
                              "keepalives_count": 2, "tcp_user_timeout": 30_000}


def connect_defaults(url: str) -> dict[str, int]:
    """CONNECT_TIMEOUT_S and KEEPALIVES as libpq keywords, those the URL does not set itself: the
    URL's own settings win on every road (store/server_conninfo.py)."""
    return server_conninfo.defaults_for(libpq_url(url), {"connect_timeout": CONNECT_TIMEOUT_S, **KEEPALIVES})


def connect_conninfo(url: str) -> str:
    """The URL libpq connects with (the start-up's reader, psycopg): `connect_defaults` added."""
    return server_conninfo.with_defaults(libpq_url(url), {"connect_timeout": CONNECT_TIMEOUT_S, **KEEPALIVES})


def is_server_url(target: object) -> bool:
    return isinstance(target, str) and target.lower().startswith(SCHEMES)


def driver_url(url: str) -> str:
    """The URL SQLAlchemy wants (psycopg 3 as the driver); query options (sslmode, sslrootcert,
    host=/socket/dir, …) pass through to libpq unchanged."""
    for scheme in SCHEMES:
        if url.lower().startswith(scheme):
            return "postgresql+psycopg://" + url[len(scheme):]
    raise ValueError(url)


def public_url(url: str) -> str:
    """The URL without any password: what is shown, logged and remembered."""
    return unquote(server_url.render(server_url.parse(driver_url(url))._replace(drivername="postgresql",
                                                                                password=None)))


def display_name(url: str) -> str:
    """`dbname@host` for a title bar."""
    u = server_url.parse(driver_url(url))
    host = u.host or str(u.query_value("host") or "localhost")
    if "/" in host:
        host = "localhost"
    return f"{u.database or ''}@{host}"


def local_name(url: str) -> str:
    """A folder name for what the app keeps on this computer for one server database
    (received copies, backups)."""
    u = server_url.parse(driver_url(url))
    host = u.host or "local"
    text = f"{host}-{u.port or 5432}-{u.database or 'db'}"
    return re.sub(r"[^0-9A-Za-z._-]", "_", text)


def password_needed(exc: BaseException) -> bool:
    """Whether a failed connection asks for a password (none given, or the wrong one)."""
    text = str(getattr(exc, "orig", exc)).lower()
    return "no password supplied" in text or "password authentication failed" in text


# what a person reads (Japanese; the window says them in its language: ui/domain_words.py finds each
# template, with its {url}, {detail} and {seconds}, in the context DomainMessages of the .ts)
PASSWORD_WORDS = "{url}: パスワードが違うか、入力されていません。"
NO_DATABASE_WORDS = "{url}: サーバーにそのデータベースがありません。"
UNREACHABLE_WORDS = "{url}: データベースサーバーに接続できませんでした。サーバー名・ポート・ネットワークを確認してください。"
TLS_WORDS = "{url}: 暗号化（TLS）の接続を確立できませんでした（{detail}）。"
NO_RIGHT_WORDS = "{url}: このアカウントにはそのデータベースを使う権限がありません。"
UNUSABLE_WORDS = "{url}: データベースサーバーを使えませんでした（{detail}）。"
SILENT_WORDS = ("{url}: データベースサーバーに接続しましたが、{seconds} 秒待っても応答がありませんでした。"
                "サーバーが動いているか、ネットワークを確認してから、もう一度開いてください。")
SILENT_WRITE_WORDS = ("{url}: データベースサーバーが {seconds} 秒待っても応答しなかったため、書き込みを中断しました"
                      "（保存されていません）。サーバーが動いているか、ネットワークを確認してから、もう一度保存してください。")


def connect_words(public: str, exc: BaseException) -> tuple[str, dict[str, object]]:
    """What to say of a server that cannot be reached or refuses us: a template and its parameters."""
    text = str(getattr(exc, "orig", exc))
    low = text.lower()
    if password_needed(exc):
        return PASSWORD_WORDS, {"url": public}
    if getattr(exc, "server_silent", False):
        return SILENT_WORDS, {"url": public, "seconds": f"{ANSWER_TIMEOUT_S:.0f}"}
    if "does not exist" in low and "database" in low:
        return NO_DATABASE_WORDS, {"url": public}
    if "could not connect" in low or "connection refused" in low or "no such file" in low \
            or "could not translate host" in low or "timeout" in low:
        return UNREACHABLE_WORDS, {"url": public}
    if "ssl" in low or "certificate" in low:
        return TLS_WORDS, {"url": public, "detail": text.splitlines()[0][:80]}
    if "permission denied" in low:
        return NO_RIGHT_WORDS, {"url": public}
    return UNUSABLE_WORDS, {"url": public, "detail": text.splitlines()[0][:80] if text else type(exc).__name__}


def connect_error(public: str, exc: BaseException) -> errors.StoreError:
    """The error for a server that cannot be reached or refuses us (PasswordNeeded when it asks for one)."""
    template, params = connect_words(public, exc)
    return (errors.PasswordNeeded if template == PASSWORD_WORDS else errors.StoreError).of(template, **params)


def connect_message(public: str, exc: BaseException) -> str:
    """A Japanese message for a server that cannot be reached or refuses us."""
    return connect_error(public, exc).message


def unreachable_error(public: str) -> errors.StoreError:
    """A server that could not be connected to (refused, not found, connect_timeout)."""
    return errors.StoreError.of(UNREACHABLE_WORDS, url=public)


def silent_error(public: str, *, writing: bool = False) -> errors.StoreError:
    """A server that let us in and then did not answer (ANSWER_TIMEOUT_S); `writing`: a write it
    stopped answering (ANSWER_TIMEOUT_S of silence, or its statement_timeout)."""
    return errors.StoreError.of(SILENT_WRITE_WORDS if writing else SILENT_WORDS, url=public,
                                seconds=f"{ANSWER_TIMEOUT_S:.0f}")


def unreachable_message(public: str) -> str:
    return unreachable_error(public).message


def silent_message(public: str) -> str:
    return silent_error(public).message


def silent_write_message(public: str) -> str:
    return silent_error(public, writing=True).message


def is_silent(exc: BaseException) -> bool:
    """Whether the server went silent (store/server_wait.ServerSilent) or cut a statement at its
    statement_timeout (SQLAlchemy's error or the driver's)."""
    orig = getattr(exc, "orig", exc)
    return bool(getattr(orig, "server_silent", False)) or "statement timeout" in str(orig).lower()


def failure(url: str, exc: BaseException) -> errors.StoreError | None:
    """The error a person is shown when opening the master at `url` met the driver's `exc`
    (PasswordNeeded when the server asks for one), or None when `exc` is not the driver's."""
    import psycopg  # opening asks with the driver itself (no SQLAlchemy)

    public = public_url(url)
    if password_needed(exc):
        return connect_error(public, exc)
    if isinstance(exc, errors.StoreError):  # already in a person's words (read_connection: ServerSilent)
        return exc
    if isinstance(exc, psycopg.Error):
        return connect_error(public, exc)
    return None


def make_server_engine(url: str, password: str | None = None) -> Engine:
    from sqlalchemy import create_engine, event

    # use_native_hstore=False: the app has no hstore column, and looking the type up costs four
    # round trips on the first connection. The liveness check only after a connection sat idle,
    # and the first connection's questions in one trip (store/server_trips.py). The engine's own URL
    # names the driver only: its connections are made from libpq's URL (_answering).
    engine = create_engine("postgresql+psycopg://", pool_size=2, max_overflow=8, use_native_hstore=False)
    server_trips.ping_when_idle(engine)
    server_trips.answer_first_questions(engine)
    event.listen(engine, "do_connect", _answering(connect_conninfo(url), password))
    event.listen(engine, "begin", _on_begin)
    return engine


def _answering(conninfo: str, password: str | None) -> Callable[..., Any]:
    """How the engine connects: with the URL the other roads use (connect_conninfo: a `%2F…` socket
    folder, the PG… environment variables as libpq reads them), and waiting for the server as the
    reads do: a server silent for ANSWER_TIMEOUT_S ends a write with ServerSilent
    (store/server_wait.py), never a wait without end."""
    def connect(_dialect: Any, _record: Any, _cargs: Any, cparams: dict[str, Any]) -> Any:
        from kodaira_desk.store.server_wait import AnsweringConnection

        extra: dict[str, Any] = {"password": password} if password else {}
        con = AnsweringConnection.connect(conninfo, context=cparams.get("context"), **extra)  # (SQLAlchemy's adapters)
        con.answer_timeout = ANSWER_TIMEOUT_S
        return con

    return connect


def _on_begin(conn: Any) -> None:
    # BEGIN is implicit with psycopg; writers take the advisory lock first thing, waiting at most
    # BUSY_TIMEOUT_S (lock_timeout applies to advisory locks too, and to every lock the write then
    # waits for), and no statement runs longer than ANSWER_TIMEOUT_S on the server. Readers take nothing.
    if conn.get_execution_options().get("kd_read_only"):
        return
    conn.exec_driver_sql(f"SELECT set_config('lock_timeout', '{int(errors.BUSY_TIMEOUT_S * 1000)}ms', true), "
                         f"set_config('statement_timeout', '{int(ANSWER_TIMEOUT_S * 1000)}ms', true)")
    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({LOCK_KEY})")


# --------------------------------------------------------------------------- identity
def read_state(reads: ReadConnections) -> tuple[tuple[int, int] | None, bool]:
    """(application_id, schema_version) from the meta table (None for a database without it:
    empty, or someone else's), and whether the database has any table in its schema: both
    questions in one pipeline outside a transaction, one round trip (a database without the meta
    table answers the first alone, in a second). The driver's own errors reach the caller (the
    messages are made from them: services/server.py)."""
    import psycopg

    tables_sql = ("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = current_schema()), "
                  "to_regclass(quote_ident(current_schema()) || '.meta') IS NOT NULL")
    meta_sql = "SELECT key, value FROM meta WHERE key IN (%s, %s)"
    driver = reads.take()
    try:
        driver.autocommit = True  # no BEGIN, no ROLLBACK around two questions
        try:
            with driver.pipeline():
                asked = driver.execute(tables_sql)
                meta = driver.execute(meta_sql, (APPLICATION_KEY, VERSION_KEY))
            (tables, has_meta), rows = asked.fetchone(), dict(meta.fetchall())
        except psycopg.errors.UndefinedTable:  # no meta table: empty, or someone else's database
            tables, has_meta = driver.execute(tables_sql).fetchone()
            rows = {}
        finally:
            if not driver.closed:
                driver.autocommit = False
    finally:
        reads.give_back(driver)
    if not has_meta:
        return None, bool(tables)
    return identity_of(rows), True


def identity_of(rows: dict[str, Any]) -> tuple[int, int] | None:
    """(application_id, schema_version) from the meta rows IDENTITY_KEYS; None if they are not ours."""
    try:
        return int(rows[APPLICATION_KEY]), int(rows[VERSION_KEY])
    except (KeyError, ValueError, TypeError):
        return None


def write_identity(conn: Any, application_id: int, version: int) -> None:
    from sqlalchemy import text

    for key, value in ((APPLICATION_KEY, application_id), (VERSION_KEY, version)):
        conn.execute(text("INSERT INTO meta(key, value) VALUES (:k, :v) "
                          "ON CONFLICT (key) DO UPDATE SET value = excluded.value"), {"k": key, "v": str(value)})


# --------------------------------------------------------------------------- the reader's API
class PgRow(tuple[Any, ...]):
    """A row that answers by position and by column name, like sqlite3.Row."""

    names: dict[str, int]

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self.names[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self.names)


def _row_factory(cursor: Any) -> Any:
    names = {d.name: i for i, d in enumerate(cursor.description or ())}
    row_type: type[PgRow] = type("Row", (PgRow,), {"names": names})

    def make(values: Sequence[Any]) -> PgRow:
        return row_type(values)

    return make


_QMARK = re.compile(r"%|\?")


def _pg_sql(sql: str) -> str:
    return _QMARK.sub(lambda m: "%s" if m.group() == "?" else "%%", sql)


class PgConnection:
    """A psycopg connection answering the sqlite3 calls the reader makes."""

    def __init__(self, con: Any) -> None:
        self.con = con

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        cur = self.con.cursor(row_factory=_row_factory)
        with self.con.pipeline():  # with the BEGIN a first query brings: one round trip, not two
            cur.execute(_pg_sql(sql), tuple(params))
        return cur

    def cursor(self) -> PgCursor:
        """A cursor giving plain tuples, as the reader asks of sqlite3 (row_factory = None)."""
        return PgCursor(self.con)

    def fetch_all(self, queries: Sequence[tuple[str, Sequence[Any]]], end: bool = False) -> list[list[tuple[Any, ...]]]:
        """Every query's rows as tuples, the queries sent together in one pipeline: one round trip
        to the server for all of them (store/tree_reader.py reads whole plans this way). `end`:
        the read's last queries — its ROLLBACK goes in the same pipeline, and read_connection has
        nothing left to send (the transaction is over when the rows are here)."""
        cursors = []
        with self.con.pipeline():
            for sql, params in queries:
                cur = self.con.cursor()
                cur.execute(_pg_sql(sql), tuple(params))
                cursors.append(cur)
            if end:
                self.con.cursor().execute("ROLLBACK")
        return [cur.fetchall() for cur in cursors]

    def close(self) -> None:
        pass


class PgCursor:
    """sqlite3's cursor calls the reader makes, on psycopg: rows come as tuples."""

    row_factory: Any = None

    def __init__(self, con: Any) -> None:
        self.con = con

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        cur = self.con.cursor()
        with self.con.pipeline():
            cur.execute(_pg_sql(sql), tuple(params))
        return cur


class ReadConnections:
    """The master's connections for reading: psycopg's own, without SQLAlchemy, so that opening a
    master and reading what the window shows load neither SQLAlchemy nor its dialect (issue 27:
    some 0.2 s of start-up); the engine is made for the first write (store/database.py).

    A read takes an idle connection or makes one (one read at a time on each: the window's
    worker and the GUI thread each get their own), and gives it back after its ROLLBACK; at most
    KEPT wait idle. Every transaction on them is a read-only REPEATABLE READ snapshot, its BEGIN
    sent with its first query. A connection idle longer than server_trips.IDLE_PING_S is asked
    first (one round trip) and replaced if the server dropped it, as the engine's pool does."""

    KEPT = 2

    def __init__(self, url: str, password: str | None = None, on_input: Callable[[], None] | None = None) -> None:
        self.url = url
        self.password = password
        self.on_input = on_input  # called as bytes come from the server (services/opening.py's notes)
        self._idle: list[tuple[Any, float]] = []  # (connection, when it came back: monotonic)
        self._lock = threading.Lock()
        self._closed = False  # disposed: a read still under way closes its connection at its end

    def _connect(self) -> Any:
        import psycopg

        from kodaira_desk.store.server_wait import AnsweringConnection

        extra: dict[str, Any] = {"password": self.password} if self.password else {}
        con = AnsweringConnection.connect(connect_conninfo(self.url), **extra)
        con.answer_timeout = ANSWER_TIMEOUT_S  # a server silent longer: ServerSilent
        con.on_input = self.on_input
        con.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        con.read_only = True
        return con

    def take(self) -> Any:
        with self._lock:
            con, since = self._idle.pop() if self._idle else (None, 0.0)
        if con is None or con.closed:
            return self._connect()
        if time.monotonic() - since >= server_trips.IDLE_PING_S and not _alive(con):
            con.close()
            return self._connect()
        return con

    def keep_one(self) -> None:
        """One connection made and kept idle if none is (psycopg imported with it): for a master
        whose first screen another process read (services/opening.py), before a read needs one."""
        with self._lock:
            idle = bool(self._idle)
        if not idle:
            self.give_back(self._connect())

    def give_back(self, con: Any) -> None:
        from psycopg.pq import TransactionStatus

        if con.closed or con.info.transaction_status != TransactionStatus.IDLE:
            con.close()
            return
        with self._lock:
            if not self._closed and len(self._idle) < self.KEPT:
                self._idle.append((con, time.monotonic()))
                return
        con.close()

    def close(self) -> None:
        with self._lock:
            idle, self._idle, self._closed = self._idle, [], True
        for con, _since in idle:
            con.close()


def libpq_url(url: str) -> str:
    """The URL as libpq takes it (its scheme `postgresql://`), password and all."""
    for scheme in SCHEMES:
        if url.lower().startswith(scheme):
            return "postgresql://" + url[len(scheme):]
    raise ValueError(url)


def _alive(con: Any) -> bool:
    """Whether the server still answers on `con` (one round trip outside a transaction)."""
    import psycopg

    try:
        con.autocommit = True
        try:
            con.execute(";")
        finally:
            con.autocommit = False
    except psycopg.Error:
        return False
    return True


def read_connection(reads: ReadConnections) -> Iterator[PgConnection]:
    """A connection in one read-only REPEATABLE READ transaction: every query sees the same
    committed state of the master. The transaction, and its snapshot, begin with the first query,
    in the same round trip (PgConnection sends each in a pipeline); it is rolled back at the end."""
    import psycopg

    from kodaira_desk.store.server_wait import ServerSilent

    driver = reads.take()
    try:
        yield PgConnection(driver)
    except ServerSilent as exc:  # the person is told which server stopped answering (not "unexpected")
        raise silent_error(public_url(reads.url)) from exc
    finally:
        try:
            driver.rollback()
        except psycopg.Error:  # the server went away: the connection is not kept
            driver.close()
        reads.give_back(driver)
