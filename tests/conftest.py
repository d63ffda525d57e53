"""Shared fixtures: offscreen Qt, settings in tmp_path, a fresh database file per test."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session")
def built_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built-in database, built once from db/city for the whole run."""
    from kodaira_desk.services.database import build_database

    path = tmp_path_factory.mktemp("template") / "city.sqlite"
    build_database(path)
    return path


@pytest.fixture
def db_path(built_db_template: Path, tmp_path: Path) -> Path:
    """A private copy of the built-in database for one test."""
    path = tmp_path / "kodaira.sqlite"
    shutil.copyfile(built_db_template, path)
    return path


@pytest.fixture
def db(db_path: Path) -> Iterator[object]:
    from kodaira_desk.services.database import open_database

    database = open_database(db_path, create=False)
    yield database
    database.dispose()


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """QSettings and the per-user data folder point into tmp_path, never at the real user's."""
    monkeypatch.setenv("KODAIRA_DESK_DATA_DIR", str(tmp_path / "userdata"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
