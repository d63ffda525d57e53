"""Opening a Kodaira Desk database: engine, pragmas, schema version, and creating the schema.

A database is a SQLite file or, for the master of a division of several people, a database on a
PostgreSQL server (a `postgresql://` URL; what differs is in server.py, nothing above `store/`
knows which it is).

A file is ours when its `PRAGMA application_id` is APPLICATION_ID; `user_version` is the schema
version. Every connection turns foreign keys on and uses a rollback journal with synchronous=FULL,
so one file holds everything and a crash never leaves half a transaction.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from kodaira_desk.paths import migrations_dir
from kodaira_desk.store import errors, server
from kodaira_desk.store.errors import (
    BUSY_TIMEOUT_S,
    BusyError,
    StoreError,
    busy_message,
    is_busy,
    write_error_message,
)
from kodaira_desk.store.reader import PlanReader, change_mark, get_metas, raw_connection, read_connection

if TYPE_CHECKING:  # SQLAlchemy is imported when something is written, not at start-up
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from kodaira_desk.store.unit_of_work import UnitOfWork

# "KDSK". Not among the ids listed in SQLite's magic.txt.
APPLICATION_ID = 0x4B44534B
# Raised by one with every migration in db/migrations/versions.
SCHEMA_VERSION = 9


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # The pysqlite recipe (SQLAlchemy "Serializable isolation / Savepoints / Transactional DDL"):
    # the driver must not open transactions itself, so that SAVEPOINT is a real nested
    # transaction and BEGIN is ours (emitted in _on_begin).
    dbapi_connection.isolation_level = None
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=DELETE")
    cur.execute("PRAGMA synchronous=FULL")
    cur.close()


def _on_begin(conn: Any) -> None:
    # Every transaction takes the write lock before it reads anything it will compare: two
    # writers (save, collect, resolve, hand out) are serialised, never interleaved. Sessions
    # that only read (Database.reading) take no lock.
    if conn.get_execution_options().get("kd_read_only"):
        conn.exec_driver_sql("BEGIN")
    else:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(path: Path | str, password: str | None = None) -> Engine:
    """An engine on a SQLite file, or on a server database for a `postgresql://` URL."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import NullPool

    if server.is_server_url(path):
        return server.make_server_engine(str(path), password)

    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool,
                           connect_args={"timeout": errors.BUSY_TIMEOUT_S})
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def read_header(path: Path) -> tuple[int, int]:
    """(application_id, user_version) read from the file's header without SQLite. A folder, a
    FIFO or a device is refused from its status, never opened (reading a FIFO would wait for ever)."""
    try:
        status = path.stat()
        mode = status.st_mode
        if not stat.S_ISREG(mode):
            raise StoreError.of(errors.NOT_A_FILE["folder" if stat.S_ISDIR(mode) else "special"], path=path)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as f:
            head = f.read(100)
    except OSError as exc:
        raise errors.read_error(path, exc) from exc
    if not head:  # (said as the CLI says it of a received file: "not SQLite" puzzles a clerk)
        raise StoreError.of(errors.EMPTY, file=path.name)
    if len(head) < 100 or not head.startswith(b"SQLite format 3\x00"):
        kind = errors.format_of(head)
        raise StoreError.of(errors.NOT_SQLITE if kind is None else errors.NOT_SQLITE_AS[kind], file=path.name)
    _check_whole(path, head, status.st_size)
    user_version = int.from_bytes(head[60:64], "big")
    application_id = int.from_bytes(head[68:72], "big")
    return application_id, user_version


def _check_whole(path: Path, head: bytes, size: int) -> None:
    """Refuse a file shorter than the pages its header counts (a copy or a mail cut short). The
    count is trusted only when SQLite wrote it with the last change (offsets 24 and 92 agree)."""
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(head[28:32], "big")
    if pages and head[24:28] == head[92:96] and size < page_size * pages:
        raise StoreError.of(errors.CUT_SHORT, file=path.name, size=f"{size:,}", expected=f"{page_size * pages:,}")


def check_file(path: Path) -> None:
    """Refuse a file that is not one of ours, or that a newer Kodaira Desk made."""
    if not path.exists():
        raise StoreError.of(errors.NOT_FOUND, path=path)
    application_id, user_version = read_header(path)
    if application_id != APPLICATION_ID:
        raise StoreError.of(errors.NOT_OURS, file=path.name)
    if user_version > SCHEMA_VERSION:
        raise StoreError.of(errors.NEWER, file=path.name, version=user_version)


def create_schema(engine: Engine) -> None:
    """Build the schema by running every Alembic migration, then mark the database as ours."""
    if engine.dialect.name != "sqlite":
        with engine.begin() as conn:  # PostgreSQL: DDL is transactional, all of it or nothing
            create_schema_in(conn)
        return
    with engine.begin() as conn:
        _upgrade(conn)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
        conn.exec_driver_sql(f"PRAGMA user_version={SCHEMA_VERSION}")


def create_schema_in(conn: Any) -> None:
    """The migrations and the identity inside the caller's transaction (PostgreSQL only: SQLite
    sets its header outside a transaction)."""
    _upgrade(conn)
    server.write_identity(conn, APPLICATION_ID, SCHEMA_VERSION)


def _upgrade(conn: Any) -> None:
    from alembic import command  # heavy: only when a database is created or upgraded
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, "head")


def check_identity(name: str, identity: tuple[int, int] | None) -> None:
    """Refuse a server database that is not one of ours, or that a newer Kodaira Desk made."""
    if identity is None or identity[0] != APPLICATION_ID:
        raise StoreError.of(errors.NOT_OURS_ON_SERVER, file=name)
    if identity[1] > SCHEMA_VERSION:
        raise StoreError.of(errors.NEWER, file=name, version=identity[1])


class Database:
    """An open database and the sessions on it. One unit of work per user action.

    Reading whole plans goes through `read()` (plain sqlite3 on a file); the SQLAlchemy engine is
    made the first time something is written. On a server (`url` set), `path` is a place on this
    computer for what the app keeps beside a master (received copies, backups); `password` is
    one a person typed, kept in memory only.
    """

    def __init__(self, path: Path, url: str | None = None, password: str | None = None) -> None:
        self.path = path
        self.url = url
        self.password = password
        self._engine: Engine | None = None
        self._reads: server.ReadConnections | None = None
        self._session_factory: sessionmaker[Session] | None = None

    @property
    def on_server(self) -> bool:
        return self.url is not None

    @property
    def name(self) -> str:
        """A short name for a title bar: the file's name, or dbname@host."""
        return server.display_name(self.url) if self.url else self.path.name

    @property
    def location(self) -> str:
        """The file's path, or the URL without a password: what is shown and remembered."""
        return server.public_url(self.url) if self.url else str(self.path)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = make_engine(self.url or self.path, self.password)
        return self._engine

    @property
    def server_reads(self) -> server.ReadConnections:
        """On a server: the connections reads use (psycopg's own, no SQLAlchemy: store/server.py)."""
        assert self.url is not None
        if self._reads is None:
            self._reads = server.ReadConnections(self.url, self.password)
        return self._reads

    @property
    def _sessions(self) -> sessionmaker[Session]:
        if self._session_factory is None:
            from sqlalchemy.orm import sessionmaker

            self._session_factory = sessionmaker(self.engine, expire_on_commit=False)
        return self._session_factory

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """A read-only sqlite3 connection, for reading whole plans quickly (on a server: a
        connection answering the same calls, in one read-only snapshot)."""
        if self.url:
            with contextmanager(server.read_connection)(self.server_reads) as pg:
                yield cast(sqlite3.Connection, pg)
            return
        with read_connection(self.path) as con:
            yield con

    def warm_up(self) -> None:
        """On a server: a connection ready for the next read (ReadConnections.keep_one)."""
        if self.url:
            self.server_reads.keep_one()

    def change_mark(self) -> str:
        """Whether anyone wrote since (store.reader.change_mark), in one read: one round trip."""
        with self.read() as con:
            return change_mark(con, last=True)

    def facts(self, *keys: str) -> dict[str, str]:
        """Meta rows that are there, in one read (on a server: one round trip)."""
        with self.read() as con:
            return get_metas(con, keys, last=True)

    @contextmanager
    def reader(self) -> Iterator[PlanReader]:
        """Whole plans and the database's facts, read quickly (store.reader.PlanReader)."""
        with self.read() as con:
            yield PlanReader(con)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """The SQLAlchemy session of a unit of work, for the store's own use: committed as one
        transaction or rolled back whole. The transaction starts with BEGIN IMMEDIATE: it holds the
        write lock from its first read. A master locked by another writer past the busy timeout
        raises BusyError."""
        from sqlalchemy.exc import DatabaseError, OperationalError

        session = self._sessions()
        try:
            with session.begin():
                session.connection()  # BEGIN IMMEDIATE now, before the caller reads anything
                yield session
        except DatabaseError as exc:
            if not isinstance(exc, OperationalError):
                if errors.is_corrupt(exc) and not self.url:
                    raise errors.corrupt_error(self.path) from exc
                raise
            if is_busy(exc):
                raise errors.busy_error(Path(self.name)) from exc
            if self.url and server.is_silent(exc):  # the server stopped answering mid-write
                raise server.silent_error(self.location, writing=True) from exc
            written = errors.write_error(Path(self.location), exc)
            if written is not None:
                raise written from exc
            if self.url:  # the server went away or refused us
                raise server.connect_error(self.location, exc) from exc
            raise
        finally:
            session.close()

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        """A session for reading only, for the store's own use: no write lock, rolled back at the end."""
        from sqlalchemy.orm import Session

        session = Session(self.engine.execution_options(kd_read_only=True), expire_on_commit=False)
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    @contextmanager
    def unit_of_work(self) -> Iterator[UnitOfWork]:
        """One user action's transaction and its repositories (store.unit_of_work): committed whole
        or rolled back whole, holding the write lock from its first statement."""
        from kodaira_desk.store.unit_of_work import UnitOfWork  # the ORM: not for the first screen

        with self.session() as session:
            yield UnitOfWork(session)

    @contextmanager
    def reading(self) -> Iterator[UnitOfWork]:
        """The repositories for reading only: no write lock; whatever is written is rolled back."""
        from kodaira_desk.store.unit_of_work import UnitOfWork

        with self.read_session() as session:
            yield UnitOfWork(session)

    def dispose(self) -> None:
        if self._reads is not None:
            self._reads.close()
            self._reads = None
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None


__all__ = ["APPLICATION_ID", "BUSY_TIMEOUT_S", "SCHEMA_VERSION", "BusyError", "Database", "StoreError",
           "busy_message", "check_file", "check_identity", "create_schema", "create_schema_in", "is_busy",
           "make_engine", "raw_connection", "read_header", "write_error_message"]
