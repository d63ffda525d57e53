"""Where the application's own files are: in a source tree, an installed package or a bundle."""

from __future__ import annotations

import os
import sys
from pathlib import Path

DATA_FILE_NAME = "kodaira-desk.sqlite"


def project_root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def db_dir() -> Path:
    return project_root() / "db"


def city_data_dir() -> Path:
    return db_dir() / "city"


def migrations_dir() -> Path:
    return db_dir() / "migrations"


def resources_dir() -> Path:
    return project_root() / "resources"


def default_database_path() -> Path:
    """The per-user data file (e.g. ~/.local/share/KodairaDesk/kodaira-desk.sqlite)."""
    override = os.environ.get("KODAIRA_DESK_DATA_DIR")
    if override:
        return Path(override) / DATA_FILE_NAME
    from platformdirs import user_data_dir  # only when no folder is given (start-up)

    return Path(user_data_dir("KodairaDesk", appauthor=False)) / DATA_FILE_NAME


def data_version(directory: Path | None = None) -> str:
    """A short digest of the built-in data files, stamped into every database built from them."""
    import hashlib  # OpenSSL's library: not for the window's start-up (issue 27)

    h = hashlib.sha256()
    for f in sorted((directory or city_data_dir()).glob("*.yaml")):
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:12]
