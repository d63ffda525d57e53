"""Creating, finding and opening database files."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kodaira_desk import __version__
from kodaira_desk.paths import city_data_dir
from kodaira_desk.store.database import Database, StoreError, check_file, create_schema, make_engine
from kodaira_desk.store.server import is_server_url

DATA_FILE_NAME = "kodaira-desk.sqlite"


def default_database_path() -> Path:
    """The per-user data file (e.g. ~/.local/share/KodairaDesk/kodaira-desk.sqlite)."""
    override = os.environ.get("KODAIRA_DESK_DATA_DIR")
    if override:
        return Path(override) / DATA_FILE_NAME
    from platformdirs import user_data_dir

    return Path(user_data_dir("KodairaDesk", appauthor=False)) / DATA_FILE_NAME


def data_version(directory: Path | None = None) -> str:
    """A short digest of the built-in data files, stamped into every database built from them."""
    import hashlib

    h = hashlib.sha256()
    for f in sorted((directory or city_data_dir()).glob("*.yaml")):
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:12]


def build_database(path: Path | str, data_dir: Path | None = None, *, force: bool = False) -> Path | str:
    """Build a database from the city's data files. Nothing is left at `path` unless all of it
    was written: the file is built beside it and renamed into place at the end (io.atomic); a
    server database is built in one transaction."""
    if is_server_url(path):
        from kodaira_desk.services.server import build_on_server

        build_on_server(str(path), data_dir, force=force)
        return path
    path = Path(path)
    from kodaira_desk.io.atomic import atomic_path, sweep
    from kodaira_desk.io.city_data import load_city_data

    directory = data_dir or city_data_dir()
    trees = load_city_data(directory)  # raises DataFileError before anything is written
    if path.parent.is_dir():
        sweep(path.parent, path.name)  # what a killed build of this file left
    with atomic_path(path) as tmp, sqlite_errors_as_messages(path):
        engine = make_engine(tmp)
        db = Database(tmp)
        try:
            create_schema(engine)
            with db.unit_of_work() as uow:
                uow.plans.write_all(trees)
                uow.meta.set("app_version", __version__)
                uow.meta.set("data_version", data_version(directory))
        finally:
            db.dispose()
            engine.dispose()
    return path


@contextmanager
def sqlite_errors_as_messages(path: Path) -> Iterator[None]:
    """A full disk or an unwritable place met by SQLite becomes a message naming `path`."""
    import sqlite3

    from sqlalchemy.exc import OperationalError

    from kodaira_desk.io.atomic import AtomicWriteError

    try:
        yield
    except (OperationalError, sqlite3.OperationalError) as exc:
        text = str(getattr(exc, "orig", exc)).lower()
        if "disk is full" in text or "disk i/o error" in text:
            raise AtomicWriteError(path, f"{path}: ディスクの空きが足りないため書き込めませんでした。"
                                   "空きを作ってからもう一度実行してください。") from exc
        if "readonly" in text or "unable to open" in text:
            raise AtomicWriteError(path, f"{path}: 書き込みの権限がありません（読み取り専用の場所かファイルです）。") from exc
        raise


def open_database(path: Path | str | None = None, *, create: bool = True, password: str | None = None) -> Database:
    """Open a database file, or a master on a server (a `postgresql://` URL; the password from
    PGPASSWORD, ~/.pgpass or `password`); the default per-user file is created from the built-in data."""
    if is_server_url(path):
        from kodaira_desk.services.server import open_server

        return open_server(str(path), password)
    target = Path(path) if path is not None else default_database_path()
    if not target.exists():
        if path is not None and not create:
            raise StoreError(f"データベースが見つかりません: {target}")
        build_database(target)
    check_file(target)
    from kodaira_desk.store.reader import recover_hot_journal

    recover_hot_journal(target)  # a crash mid-commit: roll back before anything reads
    upgrade_if_older(target)
    return Database(target)


def upgrade_if_older(path: Path) -> Path | None:
    """A database made by an earlier version is backed up, then brought to the current schema by
    the migrations in one go. Returns the backup, or None when nothing had to be done."""
    from kodaira_desk.store.database import SCHEMA_VERSION, read_header

    _, version = read_header(path)
    if version >= SCHEMA_VERSION:
        return None
    from kodaira_desk.io.atomic import copy_file

    backup = path.with_name(f"{path.stem}.v{version}-backup{path.suffix}")
    copy_file(path, backup)
    engine = make_engine(path)
    try:
        create_schema(engine)
    finally:
        engine.dispose()
    return backup
