"""Creating, finding and opening database files."""

from __future__ import annotations

import os
from pathlib import Path

from kodaira_desk import __version__
from kodaira_desk.paths import city_data_dir
from kodaira_desk.store.database import Database, StoreError, check_file, create_schema, make_engine

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


def build_database(path: Path, data_dir: Path | None = None) -> Path:
    """Build a database from the city's data files. Nothing is left at `path` unless all of it
    was written: the file is built beside it and renamed into place at the end."""
    from kodaira_desk.io.city_data import load_city_data
    from kodaira_desk.store.repository import PlanWriter, set_meta

    directory = data_dir or city_data_dir()
    trees = load_city_data(directory)  # raises DataFileError before anything is written
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".building")
    tmp.unlink(missing_ok=True)
    try:
        engine = make_engine(tmp)
        create_schema(engine)
        db = Database(tmp)
        with db.unit_of_work() as s:
            writer = PlanWriter(s)
            for i, tree in enumerate(trees):
                writer.write(tree, i)
            set_meta(s, "app_version", __version__)
            set_meta(s, "data_version", data_version(directory))
        db.dispose()
        engine.dispose()
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def open_database(path: Path | None = None, *, create: bool = True) -> Database:
    """Open a database file; the default per-user file is created from the built-in data."""
    target = path or default_database_path()
    if not target.exists():
        if path is not None and not create:
            raise StoreError(f"データベースが見つかりません: {target}")
        build_database(target)
    check_file(target)
    upgrade_if_older(target)
    return Database(target)


def upgrade_if_older(path: Path) -> Path | None:
    """A database made by an earlier version is backed up, then brought to the current schema by
    the migrations in one go. Returns the backup, or None when nothing had to be done."""
    import shutil

    from kodaira_desk.store.database import SCHEMA_VERSION, read_header

    _, version = read_header(path)
    if version >= SCHEMA_VERSION:
        return None
    backup = path.with_name(f"{path.stem}.v{version}-backup{path.suffix}")
    shutil.copyfile(path, backup)
    engine = make_engine(path)
    try:
        create_schema(engine)
    finally:
        engine.dispose()
    return backup
