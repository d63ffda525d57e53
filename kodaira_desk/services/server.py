"""A master on a database server: opening it, building it, moving a master there and back.

The URL is `postgresql://user@host/dbname?sslmode=…` (docs/postgresql.md). The password is never
part of what is stored or shown: libpq finds it in PGPASSWORD or ~/.pgpass, or the window and the
command line ask for it (PasswordNeeded) and pass it here.
"""

from __future__ import annotations

from pathlib import Path

from kodaira_desk import __version__
from kodaira_desk.store import server
from kodaira_desk.store.database import (
    SCHEMA_VERSION,
    Database,
    StoreError,
    check_identity,
    make_engine,
)


class PasswordNeeded(StoreError):
    """The server asks for a password (none was found, or the one given was wrong)."""


def local_place(url: str) -> Path:
    """Where the app keeps, on this computer, what belongs beside a master on a server (received
    copies, backups before a collection): a folder per server database in the user's data folder."""
    from kodaira_desk.services.database import default_database_path

    folder = default_database_path().parent / "servers" / server.local_name(url)
    return folder / (server.display_name(url).split("@")[0] or "master")


def _connected(url: str, password: str | None) -> tuple[Database, tuple[int, int] | None, bool]:
    db = Database(local_place(url), url=url, password=password)
    try:
        identity = server.read_identity(db.engine)
        has_tables = server.has_tables(db.engine)
    except Exception as exc:
        db.dispose()
        public = server.public_url(url)
        if server.password_needed(exc):
            raise PasswordNeeded(server.connect_message(public, exc)) from exc
        if _is_driver_error(exc):
            raise StoreError(server.connect_message(public, exc)) from exc
        raise
    return db, identity, has_tables


def _is_driver_error(exc: BaseException) -> bool:
    from sqlalchemy.exc import DBAPIError, OperationalError

    return isinstance(exc, (OperationalError, DBAPIError))


def open_server(url: str, password: str | None = None) -> Database:
    """Open a master on a server: refused when it is not ours or a newer version made it; one an
    earlier version made is backed up (a SQLite copy beside `local_place`) and upgraded."""
    db, identity, _ = _connected(url, password)
    try:
        check_identity(server.display_name(url), identity)
        assert identity is not None
        if identity[1] < SCHEMA_VERSION:
            _upgrade(db, identity[1])
        db.path.parent.mkdir(parents=True, exist_ok=True)
    except BaseException:
        db.dispose()
        raise
    return db


def _upgrade(db: Database, version: int) -> None:
    from kodaira_desk.io.atomic import atomic_path
    from kodaira_desk.store.database import create_schema

    db.path.parent.mkdir(parents=True, exist_ok=True)
    backup = db.path.with_name(f"{db.path.name}.v{version}-backup.sqlite")
    with atomic_path(backup) as tmp:
        db.backup(tmp)
    create_schema(db.engine)


def build_on_server(url: str, data_dir: Path | None = None, *, force: bool = False) -> None:
    """The city's data into an empty server database, schema and rows in one transaction."""
    from kodaira_desk.io.city_data import load_city_data
    from kodaira_desk.paths import city_data_dir
    from kodaira_desk.services.database import data_version
    from kodaira_desk.store.transfer import build_in, drop_everything

    directory = data_dir or city_data_dir()
    trees = load_city_data(directory)  # raises DataFileError before anything is written
    db = _empty_target(url, force)
    try:
        if force:
            drop_everything(db.engine)
        build_in(db.engine, trees, {"app_version": __version__, "data_version": data_version(directory)})
    finally:
        db.dispose()


def _empty_target(url: str, force: bool) -> Database:
    db, _, has_tables = _connected(url, None)
    if has_tables and not force:
        db.dispose()
        raise StoreError(f"{server.public_url(url)} にはすでに表があります（置き換えるには --force）。")
    return db


def copy_database(source: Path | str, target: Path | str, *, force: bool = False,
                  password: str | None = None) -> int:
    """Move a master between a SQLite file and a server database (either way), then check that
    both export the same JSON. A file target appears only when the copy is whole and equal; a
    server target is written in one transaction. Returns the number of rows copied."""
    from kodaira_desk.io.atomic import atomic_path
    from kodaira_desk.services.database import open_database
    from kodaira_desk.store.transfer import copy_to_file, copy_to_server, drop_everything

    src = open_database(source, create=False, password=password)
    try:
        if server.is_server_url(target):
            dst = _empty_target(str(target), force)
            try:
                if force:
                    drop_everything(dst.engine)
                n = copy_to_server(src.engine, dst.engine)
                try:
                    _check_equal(src, dst, server.public_url(str(target)))
                except StoreError:
                    drop_everything(dst.engine)  # as empty as before
                    raise
            finally:
                dst.dispose()
            return n
        path = Path(target)
        if path.exists() and not force:
            raise StoreError(f"{path} はすでにあります（置き換えるには --force）。")
        with atomic_path(path) as tmp:
            n = copy_to_file(src.engine, tmp)
            copied = Database(tmp)
            try:
                _check_equal(src, copied, str(path))
            finally:
                copied.dispose()
        return n
    finally:
        src.dispose()


def _check_equal(a: Database, b: Database, name: str) -> None:
    """The two databases export the same JSON (every plan, every value)."""
    from kodaira_desk.services.export import trees_to_json
    from kodaira_desk.services.plans import database_info, load_all

    if trees_to_json(load_all(a), info=database_info(a)) != trees_to_json(load_all(b), info=database_info(b)):
        raise StoreError(f"{name}: 写した内容が元と一致しませんでした（書き出し JSON の比較）。コピーを中止しました。")


__all__ = ["PasswordNeeded", "build_on_server", "copy_database", "local_place", "make_engine", "open_server"]
