"""A master on a database server: opening it, building it, moving a master there and back.

The URL is `postgresql://user@host/dbname?sslmode=…` (docs/postgresql.md). The password is never
part of what is stored or shown: libpq finds it in PGPASSWORD or ~/.pgpass, or the window and the
command line ask for it (PasswordNeeded) and pass it here.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kodaira_desk import __version__
from kodaira_desk.io.atomic import atomic_path
from kodaira_desk.paths import city_data_dir, data_version, default_database_path
from kodaira_desk.store import errors, server
from kodaira_desk.store.database import (
    SCHEMA_VERSION,
    Database,
    StoreError,
    check_identity,
    create_schema,
    make_engine,
)
from kodaira_desk.store.errors import BusyError, PasswordNeeded, is_busy


def local_place(url: str) -> Path:
    """Where the app keeps, on this computer, what belongs beside a master on a server (received
    copies, backups before a collection): a folder per server database in the user's data folder."""
    folder = default_database_path().parent / "servers" / server.local_name(url)
    return folder / (server.display_name(url).split("@")[0] or "master")


def _connected(url: str, password: str | None) -> tuple[Database, tuple[int, int] | None, bool]:
    db = Database(local_place(url), url=url, password=password)
    try:
        identity, has_tables = server.read_state(db.server_reads)  # one connection, one query
    except Exception as exc:
        db.dispose()
        failure = server.failure(url, exc)
        if failure is not None:
            raise failure from exc
        raise
    return db, identity, has_tables


def open_server(url: str, password: str | None = None) -> Database:
    """Open a master on a server: refused when it is not ours or a newer version made it; one an
    earlier version made is backed up (a SQLite copy beside `local_place`) and upgraded."""
    db, identity, _ = _connected(url, password)
    return _checked(db, url, identity)


def opened(url: str, identity: tuple[int, int] | None) -> Database:
    """A master on a server whose identity was read elsewhere (services/opening.py): refused as
    `open_server` refuses it; one an earlier version made is upgraded here."""
    return _checked(Database(local_place(url), url=url), url, identity)


def _checked(db: Database, url: str, identity: tuple[int, int] | None) -> Database:
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
    from kodaira_desk.store import transfer  # the ORM's models: not for opening a current master

    db.path.parent.mkdir(parents=True, exist_ok=True)
    backup = db.path.with_name(f"{db.path.name}.v{version}-backup.sqlite")
    with atomic_path(backup) as tmp:
        transfer.backup(db, tmp)
    with schema_waits(db.url or ""):
        create_schema(db.engine)


def build_on_server(url: str, data_dir: Path | None = None, *, force: bool = False) -> None:
    """The city's data into an empty server database, schema and rows in one transaction."""
    from kodaira_desk.io.city_data import load_city_data  # YAML and the ORM: `build-db` only
    from kodaira_desk.store.transfer import build_in

    directory = data_dir or city_data_dir()
    trees = load_city_data(directory)  # raises DataFileError before anything is written
    db = empty_target(url, force)
    try:
        with schema_waits(url):  # --force's drop and the build: one transaction (the message's "nothing written")
            build_in(db.engine, trees, {"app_version": __version__, "data_version": data_version(directory)},
                     replace=force)
    finally:
        db.dispose()


@contextmanager
def schema_waits(url: str) -> Iterator[None]:
    """The schema's migrations on the server `url` (build-db, copy --to, --force's drop, a master an
    earlier version made upgraded as it opens) behind another session's lock (a window's open
    transaction, another writer): ended by lock_timeout after BUSY_TIMEOUT_S (store/server.py's
    _on_begin sets it, and statement_timeout, on every write), said naming the server."""
    try:
        yield
    except Exception as exc:
        if (isinstance(exc, StoreError) and not isinstance(exc, BusyError)) or not is_busy(exc):
            raise
        raise StoreError(
            f"サーバーのデータベース {server.display_name(url)} は別のウィンドウまたは別の処理が使用中で、"
            f"{errors.BUSY_TIMEOUT_S:.0f} 秒待っても表の作成・更新（形式の更新）を始められませんでした。何も書き込んでいません。"
            "そのデータベースを開いている Kodaira Desk や処理を終えてから、もう一度実行してください。") from exc


def empty_target(url: str, force: bool) -> Database:
    db, _, has_tables = _connected(url, None)
    if has_tables and not force:
        db.dispose()
        raise StoreError(f"{server.public_url(url)} にはすでに表があります（置き換えるには --force）。")
    return db


__all__ = ["PasswordNeeded", "build_on_server", "empty_target", "local_place", "make_engine", "open_server",
           "schema_waits"]
