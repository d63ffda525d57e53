"""Where the application's own files are: in a source tree, an installed package or a bundle."""

from __future__ import annotations

import sys
from pathlib import Path


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
