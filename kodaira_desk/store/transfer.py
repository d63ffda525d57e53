"""Copying a whole database, table by table, between SQLite and PostgreSQL (either way).

The target has its schema from the same migrations; rows go across in foreign-key order (parents
first, each table in key order) inside one transaction on each side: the source is read in one
REPEATABLE READ snapshot, so the copy is transaction-consistent while others keep working. This
is how a master moves to a server and back (`kodaira-desk copy`), how the app backs up a master
on a server before a collection, and how a handout is written from a master on a server.
"""

from __future__ import annotations

import functools
import shutil
import sqlite3
import tempfile
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, select, text
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session

from kodaira_desk.store import server
from kodaira_desk.store.database import Database, create_schema, create_schema_in, make_engine
from kodaira_desk.store.department_file import ROUND_TABLES
from kodaira_desk.store.models import Base
from kodaira_desk.store.repository import PlanWriter, set_meta

if TYPE_CHECKING:
    from kodaira_desk.domain.model import PlanTree

BATCH = 5000


def _tables() -> list[Any]:
    return list(Base.metadata.sorted_tables)


def copy_rows(src: Connection, dst: Connection, skip: Collection[str] = ()) -> int:
    """Every row of every table of `src` into the (empty) tables of `dst`; the identity rows of
    a server (meta) stay where they are. Returns the number of rows copied."""
    # a source an earlier version made (a backup before its upgrade) may lack tables and columns:
    # what it has is copied, the rest keeps the target's defaults
    found = sa_inspect(src)
    present = set(found.get_table_names())
    n = 0
    for table in _tables():
        if table.name in skip or table.name not in present:
            continue
        names = {c["name"] for c in found.get_columns(table.name)}
        columns = [c for c in table.columns if c.name in names]
        query = select(*columns).order_by(*table.primary_key.columns)
        if table.name == "meta":
            query = query.where(table.c.key.not_in(server.IDENTITY_KEYS))
        result = src.execute(query).mappings()
        if _self_reference(table):  # a row may point at a later one (a hash id): parents first
            rows = _parents_first(table, [dict(r) for r in result])
            for i in range(0, len(rows), BATCH):
                dst.execute(table.insert(), rows[i:i + BATCH])
            n += len(rows)
            continue
        while batch := result.fetchmany(BATCH):
            dst.execute(table.insert(), [dict(r) for r in batch])
            n += len(batch)
    if dst.dialect.name == "postgresql":
        _reset_sequences(dst)
    return n


def _self_reference(table: Any) -> tuple[str, str] | None:
    """(the column, the key it points at) of a table that points at its own rows (a snapshot's
    parent, a node's parent, an indicator's whole), or None."""
    for fk in table.foreign_keys:
        if fk.column.table is table:
            return fk.parent.name, fk.column.name
    return None


def _parents_first(table: Any, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows of a table that points at its own rows, each after the row it points at (key
    order alone is not enough: a snapshot's id is a hash, its parent's may sort after it)."""
    ref = _self_reference(table)
    assert ref is not None
    column, key = ref
    out: list[dict[str, Any]] = []
    placed: set[object] = set()
    pending = rows
    while pending:
        later = []
        for r in pending:
            if r[column] is None or r[column] in placed:
                out.append(r)
                placed.add(r[key])
            else:
                later.append(r)
        if len(later) == len(pending):  # a parent that is not there: the target refuses it, as it should
            out.extend(later)
            break
        pending = later
    return out


def _reset_sequences(conn: Connection) -> None:
    """Rows copied with their ids: each id sequence continues after the largest id."""
    for table in _tables():
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or pk[0].autoincrement is False or pk[0].type.python_type is not int:
            continue
        seq = conn.execute(text("SELECT pg_get_serial_sequence(:t, :c)"),
                           {"t": table.name, "c": pk[0].name}).scalar()
        if seq:
            conn.execute(text(f"SELECT setval(:s, COALESCE((SELECT MAX({pk[0].name}) FROM {table.name}), 0) + 1, false)"),
                         {"s": seq})


def snapshot(engine: Engine) -> Any:
    """A connection reading one consistent, committed state of the source."""
    options: dict[str, Any] = {"kd_read_only": True}
    if engine.dialect.name == "postgresql":
        options.update(isolation_level="REPEATABLE READ", postgresql_readonly=True)
    return engine.connect().execution_options(**options)


@functools.lru_cache(maxsize=1)
def _empty_file_template() -> Path:
    """An empty SQLite database with the current schema, made once per process (the migrations
    take a while; a handout of sixty files copies this file sixty times)."""
    folder = Path(tempfile.mkdtemp(prefix="kd-schema-"))
    path = folder / "empty.sqlite"
    engine = make_engine(path)
    try:
        create_schema(engine)
    finally:
        engine.dispose()
    return path


def copy_to_file(source: Engine, target: Path, skip: Collection[str] = ()) -> int:
    """The source database as a new SQLite file at `target` (absent or empty)."""
    shutil.copyfile(_empty_file_template(), target)
    engine = make_engine(target)
    try:
        with snapshot(source) as src, engine.begin() as dst:
            return copy_rows(src, dst, skip)
    finally:
        engine.dispose()


def copy_to_server(source: Engine, target: Engine, *, replace: bool = False) -> int:
    """The source database into an empty server database: schema and rows in one transaction
    (PostgreSQL's DDL is transactional: a failed copy leaves the database as it was before).
    `replace` (copy --force): our tables dropped first, in the same transaction."""
    with snapshot(source) as src, target.begin() as dst:
        if replace:
            _drop_in(dst)
        create_schema_in(dst)
        return copy_rows(src, dst)


def build_in(engine: Engine, trees: Iterable[PlanTree], meta: Mapping[str, str], *, replace: bool = False) -> None:
    """A new server database: the schema, whole plans and `meta`, in one transaction (PostgreSQL's
    DDL is transactional: a failure leaves the database as it was before, its tables too when
    `replace` (build-db --force) dropped them first in the same transaction)."""
    with engine.begin() as conn:
        if replace:
            _drop_in(conn)
        create_schema_in(conn)
        with Session(bind=conn, expire_on_commit=False) as s:
            writer = PlanWriter(s)
            for i, tree in enumerate(trees):
                writer.write(tree, i)
            for key, value in meta.items():
                set_meta(s, key, value)
            s.flush()


@contextmanager
def as_file(db: Database) -> Iterator[Path]:
    """The database as a SQLite file to copy department files from: the file itself, or for a
    server one snapshot of it (without the round's records) in a temporary folder, removed
    afterwards. Inside a unit of work it holds what was committed when the lock was taken."""
    if not db.url:
        yield db.path
        return
    folder = Path(tempfile.mkdtemp(prefix="kd-master-"))
    try:
        copy_to_file(db.engine, folder / "master.sqlite", skip=ROUND_TABLES)
        yield folder / "master.sqlite"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def backup(db: Database, target: Path) -> None:
    """A transaction-consistent copy of the database as a SQLite file at `target` (an absent or
    empty file; the caller renames it into place: io.atomic). A file: SQLite's backup API. A server:
    every table copied inside one REPEATABLE READ snapshot; `kodaira-desk copy --from BACKUP --to
    URL` puts it back."""
    if db.url:
        copy_to_file(db.engine, target)
        return
    src = sqlite3.connect(f"file:{db.path}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()


def holds_ours(engine: Engine) -> bool:
    """Whether the database has any of our tables (a master, whole or not); a failed read raises."""
    with engine.connect() as conn:
        present = set(sa_inspect(conn).get_table_names())
    return any(table.name in present for table in _tables())


def drop_everything(engine: Engine) -> None:
    """Remove our tables from a server database (a copy that did not export the same JSON)."""
    with engine.begin() as conn:
        _drop_in(conn)


def _drop_in(conn: Connection) -> None:
    Base.metadata.drop_all(conn)
    conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
