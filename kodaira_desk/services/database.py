"""Creating, finding and opening database files."""

from __future__ import annotations

import contextlib
import re
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from kodaira_desk import __version__
from kodaira_desk.domain.errors import Interrupted
from kodaira_desk.io.atomic import AtomicWriteError, atomic_path, copy_file, sweep
from kodaira_desk.paths import DATA_FILE_NAME, city_data_dir, data_version, default_database_path
from kodaira_desk.services.export import trees_to_json
from kodaira_desk.services.plans import database_info, load_all
from kodaira_desk.store.database import (
    SCHEMA_VERSION,
    Database,
    StoreError,
    check_file,
    create_schema,
    make_engine,
    read_header,
)
from kodaira_desk.store.errors import NOT_FOUND, OLDER_NOT_UPGRADED
from kodaira_desk.store.reader import recover_hot_journal
from kodaira_desk.store.server import is_server_url, public_url

__all__ = ["DATA_FILE_NAME", "build_database", "copy_database", "data_version", "default_database_path",
           "open_database", "sqlite_errors_as_messages", "upgrade_if_older"]

def build_database(path: Path | str, data_dir: Path | None = None, *, force: bool = False) -> Path | str:
    """Build a database from the city's data files. Nothing is left at `path` unless all of it
    was written: the file is built beside it and renamed into place at the end (io.atomic); a
    server database is built in one transaction."""
    if is_server_url(path):
        from kodaira_desk.services.server import build_on_server

        build_on_server(str(path), data_dir, force=force)
        return path
    path = Path(path)
    from kodaira_desk.io.city_data import load_city_data  # PyYAML: only when a database is built

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
    from sqlalchemy.exc import OperationalError  # SQLAlchemy: only when a database is built

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
            raise StoreError.of(NOT_FOUND, path=target)
        build_database(target)
    check_file(target)
    recover_hot_journal(target)  # a crash mid-commit: roll back before anything reads
    upgrade_if_older(target)
    return Database(target)


def upgrade_if_older(path: Path) -> Path | None:
    """A database made by an earlier version is backed up, then brought to the current schema by
    the migrations in one go. Returns the backup, or None when nothing had to be done."""
    _, version = read_header(path)
    if version >= SCHEMA_VERSION:
        return None
    backup = path.with_name(f"{path.stem}.v{version}-backup{path.suffix}")
    from sqlalchemy.exc import OperationalError  # (an upgrade: not at every start-up)

    try:
        copy_file(path, backup)
        engine = make_engine(path)
        try:
            create_schema(engine)  # one transaction: whole or not at all
        finally:
            engine.dispose()
    except (AtomicWriteError, OperationalError, sqlite3.OperationalError) as exc:  # a read-only place
        why = exc.params.get("why") if isinstance(exc, AtomicWriteError) else getattr(exc, "orig", exc)
        raise StoreError.of(OLDER_NOT_UPGRADED, file=path.name, version=version, folder=path.parent,
                            why=why or exc) from exc
    return backup


def copy_database(source: Path | str, target: Path | str, *, force: bool = False,
                  password: str | None = None, said: Callable[[str], None] | None = None) -> int:
    """Move a master between a SQLite file and a server database (either way), then check that
    both export the same JSON. A file target appears only when the copy is whole and equal; a
    server target is written in one transaction. Returns the number of rows copied. `said`: where
    the master a --force replaces on a server is kept, told before it is replaced (a process
    killed after the replace leaves the person knowing where it is)."""
    from kodaira_desk.services.server import empty_target, schema_waits  # SQLAlchemy, psycopg: `copy` only
    from kodaira_desk.store.transfer import copy_to_file, copy_to_server, drop_everything

    src = open_database(source, create=False, password=password)
    try:
        if is_server_url(target):
            dst = empty_target(str(target), force)
            kept: Path | None = None
            try:
                try:
                    kept = _kept_before_force(dst, str(target), said) if force else None
                    with schema_waits(str(target)):  # --force's drop and the copy: one transaction
                        n = copy_to_server(src.engine, dst.engine, replace=force)
                except KeyboardInterrupt as exc:  # (Ctrl+C before the commit: rolled back)
                    raise Interrupted(_stopped_before_commit(kept, str(target))) from exc
                try:
                    _check_equal(src, dst, public_url(str(target)))
                except KeyboardInterrupt as exc:  # (Ctrl+C: stopped, nothing more done; where things are said)
                    raise Interrupted(_interrupted(kept, str(target))) from exc
                except Exception as exc:
                    if kept is None:
                        if isinstance(exc, StoreError):
                            drop_everything(dst.engine)  # as empty as before
                        raise
                    # (not compared: the connection lost, say) the master it replaced is put back too
                    _put_back(kept, dst, str(target), exc if isinstance(exc, StoreError) else StoreError(
                        f"{public_url(str(target))}: 写した内容を元と比べられませんでした（{exc}）。"))
                else:
                    gone = prune_kept(kept) if kept is not None else []  # equal: the oldest copies kept before go
                    if gone and said is not None:
                        said(f"--force で置き換える前の古い控え {len(gone)} 件を削除しました（新しい {KEPT_LAST} 件と"
                             f" {KEPT_DAYS} 日以内のものは残しています）: {'、'.join(p.name for p in gone)}")
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


def _kept_before_force(dst: Database, url: str, said: Callable[[str], None] | None) -> Path | None:
    """copy --force onto a server that holds a master: the master kept first as a SQLite file
    beside what the app keeps for that server (the copy is compared only after its commit; a
    difference puts this back), and where it is `said`. None when the server holds none of our
    tables; when that cannot be read, nothing is written (a read that failed was taken for no
    master: replaced unkept, then dropped with the copy on a difference)."""
    from kodaira_desk.store.transfer import copy_to_file, holds_ours

    kept = dst.path.with_name(f"{dst.path.name}.before-copy-{time.strftime('%Y%m%d-%H%M%S')}.sqlite")
    try:
        if not holds_ours(dst.engine):  # (any of them: a master that lost its meta table is kept too)
            return None
        with atomic_path(kept) as tmp:
            copy_to_file(dst.engine, tmp)
    except Exception as exc:
        raise StoreError(f"{public_url(url)}: --force で置き換える前の表の控えを作れなかったため、何も書き込んでいません"
                         f"（{kept}: {exc}）。") from exc
    if said is not None:
        said(f"--force で置き換える前の表を控えました: {kept}（{_restore(kept, url)}）")
    return kept


KEPT_LAST = 3  # the copies --force kept of one server's master: the newest three,
KEPT_DAYS = 30  # and any younger than this, are never deleted


def prune_kept(kept: Path, now: float | None = None) -> list[Path]:
    """The copies --force kept before of the master `kept` is of (its folder's files named as it
    is), past the newest KEPT_LAST and older than KEPT_DAYS days by their names' time, deleted.
    Returns those deleted (one that cannot be deleted is left, quietly)."""
    named = re.compile(re.escape(kept.name.split(".before-copy-")[0]) + r"\.before-copy-(\d{8}-\d{6})\.sqlite")
    found: list[tuple[float, Path]] = []
    for path in kept.parent.iterdir():
        matched = named.fullmatch(path.name)
        if matched is not None and path.is_file():
            with contextlib.suppress(ValueError):
                found.append((datetime.strptime(matched.group(1), "%Y%m%d-%H%M%S").timestamp(), path))
    found.sort(reverse=True)
    limit = (time.time() if now is None else now) - KEPT_DAYS * 24 * 3600
    gone: list[Path] = []
    for when, path in found[KEPT_LAST:]:
        if when < limit:
            with contextlib.suppress(OSError):
                path.unlink()
                gone.append(path)
    return gone


def _restore(kept: Path, url: str) -> str:
    return f"元に戻すには kodaira-desk copy --from {kept} --to {public_url(url)} --force"


def _stopped_before_commit(kept: Path | None, url: str) -> str:
    said = f"中断しました（Ctrl+C）。{public_url(url)}: 写し終える前に止めたため、サーバーには何も書き込んでいません。"
    return said if kept is None else f"{said}--force で置き換える前の表の控え {kept} はそのまま残しています。"


def _interrupted(kept: Path | None, url: str) -> str:
    said = (f"中断しました（Ctrl+C）。{public_url(url)}: 写した内容と元の比較の途中です。サーバーには写した表が入っています"
            "（一致は確かめていません）。")
    if kept is None:
        return said
    return f"{said}--force で置き換える前の表は {kept} に控えてあります（{_restore(kept, url)}）。"


def _put_back(kept: Path, dst: Database, url: str, exc: StoreError) -> None:
    """The copy did not compare equal: the master it replaced written back from its copy; when
    that fails (or is interrupted), where the copy is and how to put it back."""
    from kodaira_desk.services.server import schema_waits
    from kodaira_desk.store.transfer import copy_to_server

    try:
        held = open_database(kept, create=False)
        try:
            with schema_waits(url):
                copy_to_server(held.engine, dst.engine, replace=True)
        finally:
            held.dispose()
    except BaseException as again:  # (Ctrl+C too: its transaction is rolled back, the copy stays)
        raise StoreError(f"{exc.message} --force で置き換える前の表は書き戻せませんでした（{str(again) or type(again).__name__}）。"
                         f"控え {kept} は残しています（{_restore(kept, url)}）。") from exc
    raise StoreError(f"{exc.message} --force で置き換える前の表を書き戻しました（控え: {kept}）。") from exc


def _check_equal(a: Database, b: Database, name: str) -> None:
    """The two databases export the same JSON (every plan, every value)."""
    if trees_to_json(load_all(a), info=database_info(a)) != trees_to_json(load_all(b), info=database_info(b)):
        raise StoreError(f"{name}: 写した内容が元と一致しませんでした（書き出し JSON の比較）。コピーを中止しました。")
