"""Opening a Kodaira Desk database file: engine, pragmas, schema version, and creating the schema.

A file is ours when its `PRAGMA application_id` is APPLICATION_ID; `user_version` is the schema
version. Every connection turns foreign keys on and uses a rollback journal with synchronous=FULL,
so one file holds everything and a crash never leaves half a transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kodaira_desk.paths import migrations_dir

if TYPE_CHECKING:  # SQLAlchemy is imported when something is written, not at start-up
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

# "KDSK". Not among the ids listed in SQLite's magic.txt.
APPLICATION_ID = 0x4B44534B
# Raised by one with every migration in db/migrations/versions.
SCHEMA_VERSION = 3


class StoreError(Exception):
    """A database file that cannot be used. The message is for the user, in Japanese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=DELETE")
    cur.execute("PRAGMA synchronous=FULL")
    cur.close()


def make_engine(path: Path) -> Engine:
    from sqlalchemy import create_engine, event
    from sqlalchemy.pool import NullPool

    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)
    event.listen(engine, "connect", _on_connect)
    return engine


def read_header(path: Path) -> tuple[int, int]:
    """(application_id, user_version) read from the file's header without SQLite."""
    with path.open("rb") as f:
        head = f.read(100)
    if len(head) < 100 or not head.startswith(b"SQLite format 3\x00"):
        raise StoreError(
            f"{path.name} は Kodaira Desk のデータベースではありません（SQLite ファイルではありません）。"
        )
    user_version = int.from_bytes(head[60:64], "big")
    application_id = int.from_bytes(head[68:72], "big")
    return application_id, user_version


def check_file(path: Path) -> None:
    """Refuse a file that is not one of ours, or that a newer Kodaira Desk made."""
    if not path.exists():
        raise StoreError(f"データベースが見つかりません: {path}")
    application_id, user_version = read_header(path)
    if application_id != APPLICATION_ID:
        raise StoreError(f"{path.name} は Kodaira Desk のデータベースではありません。")
    if user_version > SCHEMA_VERSION:
        raise StoreError(
            f"{path.name} は新しい版の Kodaira Desk で作られています（形式 {user_version}）。"
            "Kodaira Desk を更新してから開いてください。"
        )


def create_schema(engine: Engine) -> None:
    """Build the schema by running every Alembic migration, then mark the file as ours."""
    from alembic import command  # heavy: only when a database is created or upgraded
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    with engine.begin() as conn:
        conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
        conn.exec_driver_sql(f"PRAGMA user_version={SCHEMA_VERSION}")


class Database:
    """An open database file and the sessions on it. One unit of work per user action.

    Reading whole plans goes through `read()` (plain sqlite3); the SQLAlchemy engine is made the
    first time something is written.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._engine: Engine | None = None
        self._session_factory: sessionmaker[Session] | None = None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = make_engine(self.path)
        return self._engine

    @property
    def _sessions(self) -> sessionmaker[Session]:
        if self._session_factory is None:
            from sqlalchemy.orm import sessionmaker

            self._session_factory = sessionmaker(self.engine, expire_on_commit=False)
        return self._session_factory

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """A read-only sqlite3 connection, for reading whole plans quickly."""
        from kodaira_desk.store.reader import read_connection

        with read_connection(self.path) as con:
            yield con

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """A session whose work is committed as one transaction, or rolled back whole."""
        session = self._sessions()
        try:
            with session.begin():
                yield session
        finally:
            session.close()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        session = self._sessions()
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
